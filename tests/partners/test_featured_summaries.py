"""Editors feature groups' published summaries beside a case study; visitors see one only while it is published.

The feature is a row of the case study page (partners adds it through `resources.case_study_parts`), so it goes
through the page's revisions and moderation. A withdraw (or any change to a featured summary) notes the case
study's history, which moves the content version on: the visitor page cache never hands out the old summary.
"""

from datetime import date

import pytest
from django.forms import modelform_factory
from django.urls import reverse
from django.utils import timezone
from wagtail.models import PageLogEntry, Site
from wagtail.test.utils.form_data import inline_formset

from home.page_cache import CACHE_HEADER
from learning.partners.models import FeaturedSummary
from learning.partners.services import asks
from learning.services import closing
from resources.models import CaseStudyPage
from tests.learning.factories import make_person
from tests.resources.factories import make_case_study, make_case_study_index
from tests.resources.test_workflow import case_study_form

pytestmark = pytest.mark.django_db

TITLE = "Repairs in our flats"
COMMENT = "Good progress, slower than promised."
PRIVATE = (
    "Damp and mould reported months ago",  # the issue, in the group's words
    "Homes repaired within the council",  # the outcome it wants
    "Surveyors booked for March.",  # a note on a commitment
    "Only half the flats",  # the group's note
    "Glad to help, budget permitting.",  # a stage's reasons
)


@pytest.fixture
def featured(world):
    """Group A's participation request published with a comment and featured on a live case study."""
    w = world
    asks.record_stage(
        ask=w.ask,
        by=w.officer,
        stage="decided",
        happened_on=date(2026, 2, 10),
        decision="agreed",
        reasons="Glad to help, budget permitting.",
    )
    asks.add_note(commitment=w.commitment, by=w.officer, text="Surveyors booked for March.")
    asks.add_note(commitment=w.commitment, by=w.member, text="Only half the flats have been visited.")
    asks.publish_ask(ask=w.ask, by=w.coordinator, comment=COMMENT)
    w.ask.refresh_from_db()
    index = make_case_study_index(Site.objects.get(is_default_site=True).root_page)
    w.study = make_case_study(index, title="Tenants and the council repair homes together")
    w.study.featured_summaries = [FeaturedSummary(ask=w.ask)]
    w.study.save_revision().publish()
    w.url = w.study.url
    return w


def visit(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return response, response.content.decode()


def test_a_visitor_sees_the_featured_summary_beside_the_case_study(client, featured):
    _response, html = visit(client, featured.url)
    assert "What groups asked of public bodies, and what was promised" in html
    assert TITLE in html
    assert "Oak Street Neighbours asked Glasgow City Council" in html
    assert "Sent on 12 January 2026." in html
    assert "Decision notice received: 10 February 2026 (agreed)." in html
    assert "Survey every flat for damp: by 1 March 2026, <strong>in progress</strong>" in html
    assert COMMENT in html
    assert reverse("partners:published", args=[featured.group.slug]) in html


def test_nothing_the_group_did_not_publish_is_shown(client, featured):
    _response, html = visit(client, featured.url)
    for words in PRIVATE:
        assert words not in html
    assert featured.officer.get_display_name() not in html
    assert "Four Co" not in html


def test_a_withdrawn_summary_is_not_shown(client, featured):
    asks.withdraw_ask(ask=featured.ask, by=featured.coordinator)
    _response, html = visit(client, featured.url)
    assert TITLE not in html
    assert "What groups asked of public bodies" not in html


def test_an_unpublished_ask_of_a_draft_revision_or_a_closed_group_is_not_shown(client, featured):
    featured.group.closed_at = timezone.now()
    featured.group.save(update_fields=["closed_at"])
    _response, html = visit(client, featured.url)
    assert TITLE not in html


def test_with_the_page_cache_on_a_withdraw_shows_at_once(client, featured, settings):
    settings.HUB_PAGE_CACHE_SECONDS = 600
    first, html = visit(client, featured.url)
    second, cached = visit(client, featured.url)
    assert first[CACHE_HEADER] == "miss" and second[CACHE_HEADER] == "hit"
    assert TITLE in cached

    asks.withdraw_ask(ask=featured.ask, by=featured.coordinator)

    response, html = visit(client, featured.url)
    assert response[CACHE_HEADER] == "miss"
    assert TITLE not in html and COMMENT not in html


def test_with_the_page_cache_on_a_kept_commitment_shows_at_once(client, featured, settings):
    settings.HUB_PAGE_CACHE_SECONDS = 600
    visit(client, featured.url)
    assert visit(client, featured.url)[0][CACHE_HEADER] == "hit"
    asks.mark_commitment(commitment=featured.commitment, by=featured.coordinator, status="kept", reason="All done.")
    response, html = visit(client, featured.url)
    assert "Survey every flat for damp: by 1 March 2026, <strong>kept</strong>" in html


def test_with_the_page_cache_on_closing_the_group_takes_its_summary_off_at_once_and_reopening_brings_it_back(
    client, featured, settings, django_capture_on_commit_callbacks
):
    settings.HUB_PAGE_CACHE_SECONDS = 600
    visit(client, featured.url)
    assert visit(client, featured.url)[0][CACHE_HEADER] == "hit"

    with django_capture_on_commit_callbacks(execute=True):
        closing.close_group(group=featured.group, by=featured.coordinator)

    response, html = visit(client, featured.url)
    assert response[CACHE_HEADER] == "miss"
    assert TITLE not in html and COMMENT not in html
    entry = PageLogEntry.objects.filter(page=featured.study).order_by("-pk").first()
    assert entry.action == "partners.summary_withdrawn"

    staff = make_person(email="staff.reopens@example.org", is_superuser=True)
    with django_capture_on_commit_callbacks(execute=True):
        closing.reopen_group(group=featured.group, by=staff)

    response, html = visit(client, featured.url)
    assert response[CACHE_HEADER] == "miss"
    assert TITLE in html and COMMENT in html


def test_closing_a_group_with_nothing_featured_writes_no_case_study_history(world, django_capture_on_commit_callbacks):
    before = PageLogEntry.objects.count()
    with django_capture_on_commit_callbacks(execute=True):
        closing.close_group(group=world.group, by=world.coordinator)
    assert PageLogEntry.objects.count() == before


def test_the_case_study_history_says_the_group_withdrew_it(featured):
    asks.withdraw_ask(ask=featured.ask, by=featured.coordinator)
    entry = PageLogEntry.objects.filter(page=featured.study).order_by("-pk").first()
    assert entry.action == "partners.summary_withdrawn"
    assert entry.message == "The group withdrew a summary featured on this page: visitors no longer see it."


def test_withdrawing_a_summary_featured_nowhere_writes_no_history(featured):
    asks.publish_ask(ask=featured.health_ask, by=featured.coordinator, comment="")
    before = PageLogEntry.objects.count()
    asks.withdraw_ask(ask=featured.health_ask, by=featured.coordinator)
    assert PageLogEntry.objects.count() == before


# --- The editor's choice ----------------------------------------------------------------------------------------


def test_the_choice_offers_only_summaries_published_now_named_with_their_group(featured):
    w = featured
    theirs = asks.record_ask(
        group=w.other_group,
        by=w.other_group.coordinator,
        body=w.council,
        title="Street lights on Birch Lane",
        issue="Dark.",
        outcome="Light.",
        kind="informal",
        sent_on=date(2026, 1, 5),
        sent_how="email",
    )
    asks.publish_ask(ask=theirs, by=w.other_group.coordinator, comment="")
    form = modelform_factory(FeaturedSummary, fields=["ask"])()
    labels = [label for value, label in form.fields["ask"].choices if value]
    assert labels == [
        "Street lights on Birch Lane: Birch Lane Residents, to Glasgow City Council",
        f"{TITLE}: Oak Street Neighbours, to Glasgow City Council",
    ]


def test_choosing_an_unpublished_summary_is_refused_in_plain_words(featured):
    form = modelform_factory(FeaturedSummary, fields=["ask"])({"ask": featured.health_ask.pk})
    assert not form.is_valid()
    assert form.errors["ask"] == [
        "Choose a summary a group has published. The one chosen has been withdrawn, or its group has closed."
    ]


def test_an_editor_sees_the_choice_in_the_case_studys_editor(client, featured):
    client.force_login(featured.editor)
    response = client.get(reverse("wagtailadmin_pages:edit", args=[featured.study.pk]))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Published summaries from groups" in html
    assert f"{TITLE}: Oak Street Neighbours, to Glasgow City Council" in html
    assert "A clinic nearer the scheme" not in html


def publish_through_the_editor(client, w, rows, make_user):
    """A moderator publishes the case study from its editor with `rows` ({"ask": id} each) featured."""
    moderator = make_user(email=f"moderator.{len(rows)}@example.org", is_superuser=True, is_staff=True)
    client.force_login(moderator)
    data = case_study_form(
        w.study.title, w.study.slug, featured_summaries=inline_formset(rows), **{"action-publish": "action-publish"}
    )
    return client.post(reverse("wagtailadmin_pages:edit", args=[w.study.pk]), data)


def test_a_moderator_features_a_summary_through_the_editor_and_a_visitor_sees_it(client, featured, make_user):
    w = featured
    asks.publish_ask(ask=w.health_ask, by=w.coordinator, comment="Still waiting.")
    response = publish_through_the_editor(client, w, [{"ask": w.ask.pk}, {"ask": w.health_ask.pk}], make_user)
    assert response.status_code == 302
    client.logout()
    _response, html = visit(client, w.url)
    assert TITLE in html and "A clinic nearer the scheme" in html and "Still waiting." in html
    assert html.index("A clinic nearer the scheme") > html.index(TITLE)


def test_a_summary_withdrawn_while_featured_must_be_taken_off_before_the_next_publish(client, featured, make_user):
    w = featured
    asks.withdraw_ask(ask=w.ask, by=w.coordinator)
    response = publish_through_the_editor(client, w, [{"ask": w.ask.pk}], make_user)
    assert response.status_code == 200
    assert "The one chosen has been withdrawn" in response.content.decode()


# --- Nothing new in the public API ---------------------------------------------------------------------------------


def test_the_api_shows_nothing_of_the_featured_summaries(client, featured):
    detail = reverse("wagtailapi:pages:detail", args=[featured.study.pk])
    response = client.get(detail)
    assert response.status_code == 200
    body = response.content.decode()
    assert TITLE not in body and COMMENT not in body and "featured" not in body
    listing = client.get(reverse("wagtailapi:pages:listing") + "?type=resources.CaseStudyPage&fields=*")
    assert listing.status_code == 200
    assert TITLE not in listing.content.decode()
    asked = client.get(detail + "?fields=featured_summaries")
    assert asked.status_code == 400
    assert TITLE not in asked.content.decode()


def test_the_case_study_model_itself_never_names_partners():
    assert "partners" not in CaseStudyPage.__module__
    assert [field.name for field in CaseStudyPage._meta.get_fields() if field.name == "featured_summaries"]
