"""Query budgets for the partners pages (the ask page asks one query more once a commitment has notes, in both
worlds alike): the same budget with one ask of each kind and with many asks, stages,
commitments, notes, Four Co's answers, officers and access log rows."""

from datetime import date, timedelta

import pytest
from django.db import transaction
from django.urls import reverse
from wagtail.models import Site

from learning.partners.models import Ask, FeaturedSummary, PartnerAccessLog
from learning.partners.services import asks, officers
from tests.learning.factories import make_person
from tests.partners.conftest import build_partners_world, invite_and_accept
from tests.readiness.conftest import share
from tests.resources.factories import make_case_study, make_case_study_index

from .conftest import Budget, Call, budget_id

pytestmark = pytest.mark.django_db

EXTRA = {"small": 0, "large": 12}


def add_asks(w, count):
    """`count` more participation requests of the council, each decided, with two commitments and notes."""
    for n in range(count):
        ask = asks.record_ask(
            group=w.group,
            by=w.coordinator,
            body=w.council,
            title=f"Ask {n}",
            issue="An issue.",
            outcome="An outcome.",
            kind="participation",
            sent_on=date(2026, 1, 5),
            sent_how="email",
        )
        for stage, day in (("acknowledged", 6), ("validated", 7), ("decided", 20)):
            asks.record_stage(ask=ask, by=w.coordinator, stage=stage, happened_on=date(2026, 1, day), decision="agreed")
        for due in range(2):
            commitment = asks.record_commitment(
                ask=ask,
                by=w.coordinator,
                what=f"Do {n}.{due}",
                due_on=date(2026, 2, 1) + timedelta(days=due),
                owner="A team",
            )
            asks.add_note(commitment=commitment, by=w.member, text="Going.")
            asks.add_note(commitment=commitment, by=w.officer, text="On it.")
        asks.answer_four_cos(
            ask=ask,
            by=w.coordinator,
            answers=dict.fromkeys(("commissioned", "designed", "delivered", "assessed"), "both"),
        )
        asks.publish_ask(ask=ask, by=w.coordinator, comment="Fine.")
    for n in range(count):
        asks.add_note(commitment=w.commitment, by=w.officer, text=f"Note {n}")
        invite_and_accept(w.group, w.council, by=w.coordinator)
    PartnerAccessLog.objects.bulk_create(
        [PartnerAccessLog(group=w.group, body=w.council, viewer=w.officer, kind="ask") for _ in range(count * 5)]
    )


@pytest.fixture(scope="module", params=list(EXTRA))
def world(request, django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        w = build_partners_world()
        w.size = request.param
        add_asks(w, EXTRA[request.param])
        yield w
        transaction.set_rollback(True)


def url(name, w, **kwargs):
    return reverse(f"partners:{name}", kwargs={"slug": w.group.slug, **kwargs})


def join_call(w):
    """A confirmed person opening the invitation the coordinator has just sent them (made inside the test)."""
    person = make_person()
    contact = officers.invite_officer(
        group=w.group,
        by=w.coordinator,
        body=w.council,
        name=person.display_name,
        email=person.email,
        share_asks=True,
        share_commitments=True,
    )
    return Call(person, reverse("partners:join", args=[contact.token]))


def shared_with_funder(w):
    """Funder A's reviewer opening group A's page while the group shares its asks and commitments with them."""
    share(w, more_scopes=["partners"])
    return Call(w.reviewer_a, reverse("readiness:funder_group", args=[w.group.slug]))


def featured_case_study(w):
    """A visitor reading a case study featuring every summary the group published (one, or thirteen)."""
    asks.publish_ask(ask=w.ask, by=w.coordinator, comment="Slow.")
    index = make_case_study_index(Site.objects.get(is_default_site=True).root_page)
    study = make_case_study(index)
    study.featured_summaries = [FeaturedSummary(ask=ask) for ask in Ask.objects.filter(published_at__isnull=False)]
    study.save_revision().publish()
    return Call(None, study.url)


def council_grant(w):
    return w.group.partner_grants.get(body=w.council, revoked_at__isnull=True)


BUDGETS = [
    Budget("partners:group", 11, lambda w: Call(w.member, url("group", w))),
    Budget("partners:group", 13, lambda w: Call(w.officer, url("group", w)), note="an officer"),
    Budget("partners:ask", 17, lambda w: Call(w.coordinator, url("ask", w, pk=w.ask.pk))),
    Budget("partners:ask", 19, lambda w: Call(w.officer, url("ask", w, pk=w.ask.pk)), note="an officer"),
    Budget("partners:officers", 12, lambda w: Call(w.coordinator, url("officers", w))),
    Budget("partners:new_ask", 9, lambda w: Call(w.coordinator, url("new_ask", w))),
    # The POSTs are valid and write (each test's savepoint undoes them); savepoints and releases count as queries.
    # Recording a stage: the timeline read twice (the view's check, the service's) and the insert in two savepoints.
    Budget(
        "partners:record_stage",
        12,
        lambda w: Call(
            w.coordinator,
            url("record_stage", w, pk=w.ask.pk),
            "post",
            {"stage": "decided", "happened_on": "2026-02-10", "decision": "agreed", "reasons": ""},
            status=302,
        ),
    ),
    Budget(
        "partners:add_commitment",
        8,
        lambda w: Call(
            w.coordinator,
            url("add_commitment", w, pk=w.ask.pk),
            "post",
            {"what": "Fix the roofs", "due_on": "2026-04-01", "owner": "Repairs team"},
            status=302,
        ),
    ),
    Budget(
        "partners:add_note",
        8,
        lambda w: Call(
            w.member,
            url("add_note", w, pk=w.commitment.pk),
            "post",
            {f"note-{w.commitment.pk}-text": "Still waiting."},
            status=302,
        ),
    ),
    Budget(
        "partners:add_note",
        10,
        lambda w: Call(
            w.officer,
            url("add_note", w, pk=w.commitment.pk),
            "post",
            {f"note-{w.commitment.pk}-text": "Surveys booked."},
            status=302,
        ),
        note="an officer",  # and the access log row the note writes
    ),
    Budget(
        "partners:mark_commitment",
        8,
        lambda w: Call(
            w.coordinator,
            url("mark_commitment", w, pk=w.commitment.pk),
            "post",
            {f"mark-{w.commitment.pk}-status": "kept", f"mark-{w.commitment.pk}-reason": "All flats surveyed."},
            status=302,
        ),
    ),
    # update_or_create: its select and insert inside three savepoints.
    Budget(
        "partners:four_cos",
        13,
        lambda w: Call(
            w.coordinator,
            url("four_cos", w, pk=w.ask.pk),
            "post",
            dict.fromkeys(("commissioned", "designed", "delivered", "assessed"), "both"),
            status=302,
        ),
    ),
    Budget("partners:letter", 9, lambda w: Call(w.member, url("letter", w, pk=w.ask.pk))),
    # Publishing also asks which case studies feature the summary (their history notes it; none here).
    Budget(
        "partners:publish",
        9,
        lambda w: Call(w.coordinator, url("publish", w, pk=w.ask.pk), "post", {"comment": "Fine."}, status=302),
    ),
    Budget("partners:stop_sharing", 9, lambda w: Call(w.coordinator, url("stop_sharing", w, pk=council_grant(w).pk))),
    # The invitation is made inside the test: a fresh person opens it (the GET, before accepting).
    Budget("partners:join", 7, join_call),
    Budget("partners:officer_home", 8, lambda w: Call(w.officer, reverse("partners:officer_home"))),
    Budget("partners:published", 8, lambda w: Call(None, reverse("partners:published", args=[w.group.slug]))),
    Budget("readiness:funder_group", 30, shared_with_funder, note="asks and commitments shared"),
    Budget("resources.CaseStudyPage", 19, featured_case_study, note="featured summaries"),
    Budget(
        "learning:group_dashboard",
        28,
        lambda w: Call(w.facilitator, reverse("learning:group_dashboard", args=[w.group.slug])),
        note="overdue items",
    ),
    Budget(
        "learning:group_list",
        16,
        lambda w: Call(w.officer, reverse("learning:group_list")),
        note="an officer's own work",
    ),
]


@pytest.mark.parametrize("budget", BUDGETS, ids=budget_id)
def test_partners_view_keeps_to_its_budget(budget, within_budget, world):
    if budget.name == "partners:published" and world.size == "small":
        asks.publish_ask(ask=world.ask, by=world.coordinator, comment="Fine.")
    within_budget(budget)
