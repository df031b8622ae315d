"""The parts of a step page every reader sees alike (its crumbs, title, instructions, related links and the
previous / next links) are kept as HTML under the content version (learning_tags.kept_for_content): an
editor's publish anywhere shows at once, each group's links carry its own name, each language and host is
kept apart, and a preview is never kept nor served from what is kept."""

import pytest
from django.core.cache import cache
from django.template import Context, Template, TemplateSyntaxError
from django.test import RequestFactory
from django.utils import translation

from learning.models import StepPage, StepRelatedLink
from tests.caching.conftest import page_as
from tests.learning.factories import make_pathway, steps_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def kept(settings, page_cache):
    settings.LEARNING_CONTENT_CACHE_SECONDS = 600
    settings.LEARNING_GROUP_CACHE_SECONDS = 600


def republish(page, **changes):
    page = type(page).objects.get(pk=page.pk)
    for name, value in changes.items():
        setattr(page, name, value)
    page.save_revision().publish()
    return type(page).objects.get(pk=page.pk)


def test_an_edit_to_the_step_shows_at_once_for_a_member(client, enrolled, kept):
    _pathway, group, _other, step = enrolled
    member = group.people[0]
    url = f"{step.url}?group={group.slug}"
    assert "Do a thing." in page_as(client, member, url)
    republish(step, title="Agree who does what", summary="Write down who does each job.")
    html = page_as(client, member, url)
    assert "<h1>Agree who does what</h1>" in html
    assert "Write down who does each job." in html
    assert "Do a thing." not in html
    assert '<span aria-current="page">Agree who does what</span>' in html


def test_the_next_steps_new_title_and_a_new_related_link_show_at_once(client, enrolled, kept):
    pathway, group, _other, step = enrolled
    member = group.people[0]
    url = f"{step.url}?group={group.slug}"
    following = steps_of(pathway)[1]
    assert f"Next step: {following.title}" in page_as(client, member, url)

    republish(following, title="Tell everyone what was agreed")
    step = StepPage.objects.get(pk=step.pk)
    StepRelatedLink.objects.create(step=step, page=pathway, label="The whole pathway, again")
    step.save_revision().publish()

    html = page_as(client, member, url)
    assert "Next step: Tell everyone what was agreed" in html
    assert "The whole pathway, again" in html


def test_each_group_is_given_links_that_keep_its_own_name(client, enrolled, kept):
    _pathway, group, other, step = enrolled
    assert f'?group={group.slug}" rel="next"' in page_as(client, group.people[0], f"{step.url}?group={group.slug}")
    html = page_as(client, other.people[0], f"{step.url}?group={other.slug}")
    assert f'?group={other.slug}" rel="next"' in html
    assert group.slug not in html
    client.logout()
    visitor = client.get(step.url).content.decode()
    assert "?group=" not in visitor.split('class="step-nav"', 1)[1].split("</nav>", 1)[0]


def test_each_host_keeps_its_own_addresses(client, enrolled, kept, settings):
    settings.ALLOWED_HOSTS = ["*"]
    _pathway, group, _other, step = enrolled
    page_as(client, group.people[0], f"{step.url}?group={group.slug}")
    keys = [key for key in cache._cache if "learning-fragment" in key and ":token" not in key]
    hosts = {key.split("learning-fragment:", 1)[1].split(":")[1] for key in keys}
    assert hosts == {"testserver"}


def test_a_preview_is_never_kept_nor_given_what_is_kept(client, enrolled, kept):
    _pathway, group, _other, step = enrolled
    url = f"{step.url}?group={group.slug}"
    page_as(client, group.people[0], url)
    draft = StepPage.objects.get(pk=step.pk)
    draft.title = "A draft title nobody has published"
    draft.save_revision()
    preview = draft.get_latest_revision_as_object().make_preview_request()
    preview.render()
    assert "<h1>A draft title nobody has published</h1>" in preview.content.decode()
    assert "A draft title nobody has published" not in page_as(client, group.people[0], url)


def test_each_language_is_kept_apart(kept):
    template = Template(
        '{% load i18n learning_tags %}{% kept_for_content "words" 1 %}{% translate "Next step" %}{% endkept_for_content %}'
    )
    request = RequestFactory().get("/")
    with translation.override("en-gb"):
        assert template.render(Context({"request": request})) == "Next step"
    with translation.override("gd"):
        assert template.render(Context({"request": request})) == "An ath cheum"
    with translation.override("en-gb"):
        assert template.render(Context({"request": request})) == "Next step"


def test_a_kept_fragment_is_rendered_once_while_nothing_changes(kept):
    template = Template('{% load learning_tags %}{% kept_for_content "count" 1 %}[{{ x }}]{% endkept_for_content %}')
    request = RequestFactory().get("/")
    assert template.render(Context({"request": request, "x": "first"})) == "[first]"
    # What a kept fragment shows must come only from what its key names; here it proves the HTML is reused.
    assert template.render(Context({"request": request, "x": "second"})) == "[first]"


def test_a_kept_fragment_must_not_hold_a_form(kept):
    template = Template(
        '{% load learning_tags %}{% kept_for_content "bad" 1 %}<form method="post"></form>{% endkept_for_content %}'
    )
    request = RequestFactory().get("/")
    with pytest.raises(TemplateSyntaxError):
        template.render(Context({"request": request}))


def test_without_keeping_the_fragment_is_rendered_each_time(settings):
    settings.LEARNING_CONTENT_CACHE_SECONDS = 0
    template = Template('{% load learning_tags %}{% kept_for_content "plain" x %}[{{ x }}]{% endkept_for_content %}')
    request = RequestFactory().get("/")
    assert template.render(Context({"request": request, "x": 1})) == "[1]"
    assert template.render(Context({"request": request, "x": 2})) == "[2]"


def test_each_step_is_kept_under_its_own_key(client, enrolled, kept):
    pathway, group, _other, step = enrolled
    other_pathway = make_pathway(stages=1, steps_per_stage=1)
    other_step = steps_of(other_pathway)[0]
    member = group.people[0]
    first = page_as(client, member, f"{step.url}?group={group.slug}")
    second = page_as(client, member, f"{other_step.url}?group={group.slug}")
    assert f"See the whole of {pathway.title}" in first
    assert f"See the whole of {other_pathway.title}" in second
    assert f"See the whole of {pathway.title}<" not in second
