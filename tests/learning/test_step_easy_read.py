"""A step's Easy Read page (issue 15, item 2) is as public or as private as the step, role by role: every role
reads a public step's Easy Read page and none sees group data on it; a login, group or password restriction
on the pathway keeps both the step and its Easy Read page from whoever it keeps out; an unpublished step has
neither; a step without an Easy Read version has no link and no page."""

from urllib.parse import unquote

import pytest
from django.contrib.auth.models import Group
from wagtail.models import PageViewRestriction

from learning.models import StepPage

from .factories import make_person

pytestmark = pytest.mark.django_db

ROLES = ["visitor", "member", "coordinator", "facilitator", "other", "signed_in", "staff"]
WORDS = "Your group <b>meets</b> to talk."
ROW = {"pictogram": "busts-in-silhouette", "image": None, "alt_text": "A group of people", "text": f"<p>{WORDS}</p>"}


@pytest.fixture
def step(world):
    world.people["signed_in"] = make_person()  # a funder reviewer or anyone else with an account and no group
    step = StepPage.objects.get(pk=world.step.pk)
    step.easy_read = [("heading", "Why we meet"), ("row", ROW)]
    step.save_revision().publish()
    return StepPage.objects.get(pk=step.pk)


def get(as_role, role, path):
    return as_role(role).get(path)


def test_every_role_reads_a_public_steps_easy_read_page_with_no_group_data_on_it(as_role, world, step):
    for role in ROLES:
        page = get(as_role, role, step.url)
        assert page.status_code == 200, role
        assert f'href="{step.url}easy-read/"' in page.content.decode(), role

        easy = get(as_role, role, step.url + "easy-read/")
        assert easy.status_code == 200, role
        html = easy.content.decode()
        assert WORDS in html and 'alt="A group of people"' in html, role
        assert f'href="{step.url}">Go back to the full version of this page</a>' in html, role
        for private in (world.group.name, "We met.", "Mark as done", world.evidence.title):
            assert private not in html, (role, private)


def test_a_step_that_needs_signing_in_keeps_its_easy_read_page_from_visitors_too(as_role, world, step):
    PageViewRestriction.objects.create(page=step.get_parent(), restriction_type=PageViewRestriction.LOGIN)
    for path in (step.url, step.url + "easy-read/"):
        visitor = get(as_role, "visitor", path)
        assert visitor.status_code == 302 and f"next={path}" in unquote(visitor["Location"])
        for role in ("member", "other", "signed_in"):
            assert get(as_role, role, path).status_code == 200


def test_a_step_for_one_group_of_people_keeps_its_easy_read_page_from_everyone_else(as_role, world, step):
    readers = Group.objects.create(name="Pilot readers")
    world.member.groups.add(readers)
    restriction = PageViewRestriction.objects.create(
        page=step.get_parent(), restriction_type=PageViewRestriction.GROUPS
    )
    restriction.groups.add(readers)
    for path in (step.url, step.url + "easy-read/"):
        assert get(as_role, "member", path).status_code == 200
        for role in ("visitor", "coordinator", "other", "signed_in"):
            response = get(as_role, role, path)
            assert response.status_code in (302, 403), (role, path)
            assert WORDS not in response.content.decode()


def test_a_password_protected_step_asks_for_the_password_before_its_easy_read_page(as_role, world, step):
    PageViewRestriction.objects.create(
        page=step.get_parent(), restriction_type=PageViewRestriction.PASSWORD, password="kestrel"
    )
    response = get(as_role, "visitor", step.url + "easy-read/")
    html = response.content.decode()
    assert response.status_code == 200 and 'name="password"' in html
    assert WORDS not in html


def test_an_unpublished_step_has_no_easy_read_page(as_role, world, step):
    path = step.url
    step.unpublish()
    for role in ("visitor", "member", "staff"):
        assert get(as_role, role, path).status_code == 404, role
        assert get(as_role, role, path + "easy-read/").status_code == 404, role


def test_a_step_without_an_easy_read_version_has_no_link_and_no_page(as_role, world, step):
    other_step = StepPage.objects.get(pk=world.steps[1].pk)
    assert not other_step.has_easy_read
    html = get(as_role, "member", other_step.url).content.decode()
    assert "Easy Read" not in html
    assert get(as_role, "member", other_step.url + "easy-read/").status_code == 404


def test_an_editor_previews_the_easy_read_version_before_publishing(world, step):
    draft = StepPage.objects.get(pk=step.pk)
    draft.easy_read = [("row", {**ROW, "text": "<p>Words only in the <b>draft</b>.</p>"})]
    draft.save_revision()
    latest = draft.get_latest_revision_as_object()
    assert ("", "Default") in [(mode, str(label)) for mode, label in latest.preview_modes]
    preview = latest.make_preview_request(preview_mode="easy_read")
    preview.render()
    assert "Words only in the <b>draft</b>." in preview.content.decode()
    assert "Words only in the" not in StepPage.objects.get(pk=step.pk).easy_read.render_as_block()
