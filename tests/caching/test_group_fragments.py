"""The group parts of signed-in pages kept as HTML (learning.group_fragments, issue 14).

A fragment is rendered once for everyone who may see the group, so it must hold nothing about the person
who happened to ask first (no CSRF token, no form, no name of theirs, no task of theirs), be kept apart
for each language, time zone and group, and never outlive a write through the services.
"""

import pytest
from django.core.cache import cache
from django.core.exceptions import ImproperlyConfigured
from django.template import RequestContext, engines
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone, translation

from learning.group_fragments import rendered_for_group
from learning.group_versions import bump_groups
from learning.models import CommunityGroup
from learning.readiness.models import MemberRating
from learning.readiness.services import assessment
from learning.services import evidence as evidence_services
from learning.services import groups as group_services
from learning.services import progress
from tests.caching.conftest import page_as
from tests.learning.conftest import private_media  # noqa: F401 (evidence files in a temporary folder)
from tests.learning.factories import assign_facilitator, make_group, make_person
from tests.readiness.conftest import make_domain

pytestmark = pytest.mark.django_db

PROBES = {
    "fragments/viewer.html": "[{{ user }}][{{ request.user }}][{{ csrf_token }}][{{ perms }}][{{ group.name }}]",
    "fragments/form.html": '<form method="post">{% csrf_token %}<button>Go</button></form>',
    "fragments/language.html": "{% load i18n %}{% get_current_language as code %}{{ code }}",
    "fragments/time_zone.html": "{% load tz %}{% get_current_timezone as zone %}{{ zone }}",
    "fragments/value.html": "{{ group.name }}: {{ value }}",
}


@pytest.fixture
def kept_groups(settings, page_cache):
    """Group pages kept under the records version as on a live site, with the probe templates above."""
    settings.LEARNING_GROUP_CACHE_SECONDS = 600
    settings.LEARNING_CONTENT_CACHE_SECONDS = 600


@pytest.fixture
def probe_templates(settings):
    engine = dict(settings.TEMPLATES[0])
    options = dict(engine.get("OPTIONS", {}))
    options["loaders"] = [("django.template.loaders.locmem.Loader", PROBES)]
    engine.update(APP_DIRS=False, OPTIONS=options)
    settings.TEMPLATES = [engine, *settings.TEMPLATES[1:]]


def fresh(group):
    return CommunityGroup.objects.get(pk=group.pk)


def kept_fragments():
    """The HTML of every fragment in the cache (the test cache is a LocMemCache)."""
    return [cache.get(key.split(":", 2)[2]) for key in list(cache._cache) if ":hub-group:fragment:" in key]


# --- The helper -----------------------------------------------------------------------------------------


def test_a_fragment_sees_nothing_of_the_person_whose_page_holds_it(rf, kept_groups, probe_templates):
    group = make_group(name="Elm Row Allotments")
    request = RequestFactory().get("/")
    request.user = group.coordinator
    page_template = engines["django"].from_string(
        '{% load learning_tags %}{% group_fragment "fragments/viewer.html" group %}'
    )
    html = page_template.render({"group": fresh(group), "csrf_token": "a-token"}, request)
    assert html == "[][][][][Elm Row Allotments]"
    assert isinstance(RequestContext(request), RequestContext)  # the page itself had a person and a request


def test_a_fragment_with_a_form_is_refused(kept_groups, probe_templates):
    group = fresh(make_group())
    with pytest.raises(ImproperlyConfigured, match="form"):
        rendered_for_group("fragments/form.html", group, values={})


def test_a_fragment_is_kept_until_the_groups_records_move_on(kept_groups, probe_templates):
    group = fresh(make_group(name="Elm Row"))
    assert rendered_for_group("fragments/value.html", group, values={"value": "first"}) == "Elm Row: first"
    # Kept: the same group at the same records version is not rendered again.
    assert rendered_for_group("fragments/value.html", group, values={"value": "second"}) == "Elm Row: first"
    # What the caller names in `parts` (a step, a role) keeps entries apart.
    assert rendered_for_group("fragments/value.html", group, "coordinator", values={"value": "third"}).endswith("third")
    bump_groups(group.pk)
    assert rendered_for_group("fragments/value.html", fresh(group), values={"value": "fourth"}) == "Elm Row: fourth"


def test_a_kept_fragment_does_not_read_the_values_it_was_made_from(kept_groups, probe_templates):
    group = fresh(make_group(name="Elm Row"))
    asked = []

    def values():
        asked.append(1)
        return {"value": len(asked)}

    assert rendered_for_group("fragments/value.html", group, values=values) == "Elm Row: 1"
    assert rendered_for_group("fragments/value.html", group, values=values) == "Elm Row: 1"
    assert asked == [1]


def test_two_groups_at_the_same_version_never_share_a_fragment(kept_groups, probe_templates):
    first, second = make_group(name="Elm Row"), make_group(name="Canal Street")
    CommunityGroup.objects.filter(pk__in=[first.pk, second.pk]).update(records_version=7)
    assert rendered_for_group("fragments/value.html", fresh(first), values={"value": 1}) == "Elm Row: 1"
    assert rendered_for_group("fragments/value.html", fresh(second), values={"value": 2}) == "Canal Street: 2"


def test_a_fragment_is_kept_for_each_language_and_time_zone_apart(kept_groups, probe_templates):
    group = fresh(make_group())
    for code in ("en-gb", "gd", "en-gb"):
        with translation.override(code):
            assert rendered_for_group("fragments/language.html", group, values={}) == code
    for zone in ("Europe/London", "America/Halifax"):
        with timezone.override(zone):
            assert rendered_for_group("fragments/time_zone.html", group, values={}) == zone


# --- The pages ------------------------------------------------------------------------------------------


def test_the_dashboards_kept_fragments_hold_no_form_token_or_task_of_the_first_viewer(client, enrolled, kept_groups):
    _pathway, group, _other, step = enrolled
    facilitator = assign_facilitator(group)
    coordinator_html = page_as(client, group.coordinator, reverse("learning:group_dashboard", args=[group.slug]))
    assert "End support" in coordinator_html and "csrfmiddlewaretoken" in coordinator_html
    page_as(client, group.coordinator, f"{step.url}?group={group.slug}")
    kept = kept_fragments()
    assert len(kept) >= 4  # the dashboard's pathways, waiting and activity; the step's status
    for html in kept:
        assert "csrfmiddlewaretoken" not in html
        assert "<form" not in html
        assert "End support" not in html
        assert "Manage members" not in html

    member_html = page_as(client, group.people[0], reverse("learning:group_dashboard", args=[group.slug]))
    assert "End support" not in member_html
    assert "Manage members and invitations" not in member_html
    assert facilitator.get_display_name() in member_html


def test_a_step_done_shows_at_once_in_the_dashboards_activity_and_waiting_list(client, enrolled, kept_groups):
    _pathway, group, other, step = enrolled
    first, second = group.people
    dashboard = reverse("learning:group_dashboard", args=[group.slug])
    for _twice in range(2):
        assert f"{first.get_display_name()}\n" not in page_as(client, second, dashboard)

    progress.mark_done(group=group, step=step, by=first)

    html = page_as(client, second, dashboard)
    assert "1 of 2 steps" in html
    assert html.count(step.title) >= 1
    assert first.get_display_name() in html.split("Recent activity", 1)[1]
    assert "0 of 2 steps" in page_as(client, other.people[0], reverse("learning:group_dashboard", args=[other.slug]))


def test_a_member_who_joins_shows_at_once_in_the_activity(client, enrolled, kept_groups):
    _pathway, group, _other, _step = enrolled
    dashboard = reverse("learning:group_dashboard", args=[group.slug])
    newcomer = make_person()
    for _twice in range(2):
        assert newcomer.get_display_name() not in page_as(client, group.people[0], dashboard)

    invitation = group_services.create_invitation(group=group, role="member", by=group.coordinator)
    group_services.accept_invitation(token=invitation.token, user=newcomer)

    html = page_as(client, group.people[0], dashboard)
    assert newcomer.get_display_name() in html.split("Recent activity", 1)[1].split("Members", 1)[0]


def test_evidence_for_a_step_shows_at_once_in_its_kept_list(client, enrolled, kept_groups):
    _pathway, group, other, step = enrolled
    member = group.people[0]
    url = f"{step.url}?group={group.slug}"
    for _twice in range(2):
        assert "No evidence kept for this step yet." in page_as(client, member, url)

    evidence_services.add_evidence(
        group=group, by=member, step=step, evidence_type="other", title="Hall booking", note="Booked."
    )

    html = page_as(client, group.people[1], url)
    assert "Hall booking" in html and "No evidence kept for this step yet." not in html
    assert "Hall booking" not in page_as(client, other.people[0], f"{step.url}?group={other.slug}")


def test_a_round_its_ratings_and_an_agreed_level_show_at_once_on_the_kept_profile(client, enrolled, kept_groups):
    _pathway, group, other, _step = enrolled
    domain = make_domain("Working together", 1)
    profile = reverse("readiness:profile", args=[group.slug])
    member = group.people[0]
    for _twice in range(2):
        assert "No self-assessment has been closed yet" in page_as(client, member, profile)

    assessment_round = assessment.open_round(group=group, kind="baseline", by=group.coordinator)
    assert "A self-assessment round is open" in page_as(client, member, profile)
    assessment.record_member_ratings(assessment_round=assessment_round, member=member, ratings={domain: (2, "")})
    assert MemberRating.objects.filter(round=assessment_round).exists()
    assert "No self-assessment has been closed yet" in page_as(client, member, profile)
    assessment.record_agreed_level(
        assessment_round=assessment_round, domain=domain, level=3, reasons="We meet monthly.", by=group.coordinator
    )
    assessment.close_round(assessment_round=assessment_round, by=group.coordinator)

    html = page_as(client, group.people[1], profile)
    assert "No self-assessment has been closed yet" not in html
    assert "We meet monthly." in html
    other_html = page_as(client, other.people[0], reverse("readiness:profile", args=[other.slug]))
    assert "We meet monthly." not in other_html
