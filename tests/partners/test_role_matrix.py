"""Who may open or use every partners address: every group role, another group's people, staff, an editor, funder
reviewers with and without a live grant, and partner officers invited (sharing live), invited but shut out (the
group stopped sharing with their body), and invited only by another group.

Each address is tried with group A's real ids. Denied means a sign-in redirect for visitors and 403/404 for everyone
else, never a 500, and a denied page never names group A. A partners URL without a row here fails
`test_every_partners_address_is_in_the_matrix`.
"""

from dataclasses import dataclass, field

import pytest
from django.urls import get_resolver, reverse

from learning.partners.models import (
    Ask,
    Commitment,
    FourCosAnswer,
    PartnerAccessLog,
    PartnerContact,
    ProgressNote,
    StageRecord,
)
from learning.partners.services import asks, officers
from tests.learning.factories import make_person
from tests.security.conftest import assert_kept_out_of_caches

pytestmark = pytest.mark.django_db

LOGIN = "login"
GROUP_ROLES = ("member", "coordinator", "facilitator")
OUTSIDE = ("other", "other_facilitator", "staff", "editor", "funder_live", "funder_none")
OFFICERS = ("officer", "officer_revoked", "officer_elsewhere")
ROLES = ("visitor", *GROUP_ROLES, *OUTSIDE, *OFFICERS)


@dataclass
class Case:
    name: str
    kwargs: object
    expected: dict
    method: str = "get"
    data: object = field(default=lambda w: {})
    may_name_group: tuple = ()
    names_group: bool = True
    changes: object = None
    note: str = ""

    @property
    def id(self):
        return f"{self.method.upper()} {self.name}" + (f" ({self.note})" if self.note else "")


def outsiders(**allowed):
    """404 for everyone outside group A (sign-in for visitors), 403 for group roles, unless `allowed` says."""
    return {role: 404 for role in ROLES} | {"visitor": LOGIN} | {role: 403 for role in GROUP_ROLES} | allowed


def slug(w):
    return {"slug": w.group.slug}


def ask(w):
    return {"slug": w.group.slug, "pk": w.ask.pk}


def health_ask(w):
    return {"slug": w.group.slug, "pk": w.health_ask.pk}


def commitment(w):
    return {"slug": w.group.slug, "pk": w.commitment.pk}


READ = {"member": 200, "coordinator": 200, "facilitator": 200}
OFFICER_READ = {"officer": 200}


def stages(w):
    return StageRecord.objects.filter(ask=w.ask).count()


def commitments(w):
    return Commitment.objects.filter(ask=w.ask).count()


def notes(w):
    return ProgressNote.objects.filter(commitment=w.commitment).count()


def marked(w):
    return Commitment.objects.get(pk=w.commitment.pk).status


def contacts(w):
    return PartnerContact.objects.filter(group=w.group).count()


def live_grants(w):
    return w.group.partner_grants.filter(revoked_at__isnull=True).count()


CASES = [
    Case("partners:group", slug, outsiders(**READ, **OFFICER_READ)),
    Case("partners:new_ask", slug, outsiders(coordinator=200, officer=403), may_name_group=("officer",)),
    Case("partners:ask", ask, outsiders(**READ, **OFFICER_READ)),
    Case("partners:ask", health_ask, outsiders(**READ), note="an ask of another body"),
    Case(
        "partners:record_stage",
        ask,
        outsiders(coordinator=302, officer=302, member=403, facilitator=403),
        method="post",
        data=lambda w: {"stage": "decided", "happened_on": "2026-02-20", "decision": "agreed"},
        changes=stages,
        may_name_group=("officer",),
    ),
    Case(
        "partners:add_commitment",
        ask,
        outsiders(coordinator=302, officer=302),
        method="post",
        data=lambda w: {"what": "Fix the stairwell lights", "due_on": "2026-05-01", "owner": "Repairs team"},
        changes=commitments,
        may_name_group=("officer",),
    ),
    Case(
        "partners:add_commitment",
        health_ask,
        outsiders(coordinator=302),
        method="post",
        data=lambda w: {"what": "Open a clinic", "due_on": "2026-05-01", "owner": "Primary care"},
        changes=lambda w: Commitment.objects.filter(ask=w.health_ask).count(),
        note="an ask of another body",
    ),
    Case(
        "partners:add_note",
        commitment,
        outsiders(member=302, coordinator=302, officer=302),
        method="post",
        data=lambda w: {f"note-{w.commitment.pk}-text": "Progress."},
        changes=notes,
        may_name_group=("officer",),
    ),
    Case(
        "partners:mark_commitment",
        commitment,
        outsiders(coordinator=302, officer=403),
        method="post",
        data=lambda w: {f"mark-{w.commitment.pk}-status": "kept", f"mark-{w.commitment.pk}-reason": "Done."},
        changes=marked,
        may_name_group=("officer",),
    ),
    Case(
        "partners:four_cos",
        ask,
        outsiders(coordinator=302, officer=302),
        method="post",
        data=lambda w: dict.fromkeys(("commissioned", "designed", "delivered", "assessed"), "both"),
        changes=lambda w: FourCosAnswer.objects.filter(ask=w.ask).count(),
        may_name_group=("officer",),
    ),
    Case("partners:letter", ask, outsiders(**READ, officer=403), may_name_group=("officer",)),
    Case(
        "partners:letter",
        ask,
        outsiders(**READ, officer=403),
        method="post",
        data=lambda w: {"text": "Dear council, we ask to take part."},
        may_name_group=("officer",),
        names_group=False,
        note="the page to print",
    ),
    Case(
        "partners:publish",
        ask,
        outsiders(coordinator=302, officer=403),
        method="post",
        data=lambda w: {"comment": "Slow but steady."},
        changes=lambda w: Ask.objects.get(pk=w.ask.pk).published_at is not None,
        may_name_group=("officer",),
    ),
    Case(
        "partners:published",
        slug,
        {role: 404 for role in ROLES},
        names_group=False,
        note="nothing published",
    ),
    Case(
        "partners:published",
        lambda w: {"slug": w.other_group.slug},
        {role: 200 for role in ROLES},
        names_group=False,
        note="group B published a summary",
    ),
    Case("partners:officers", slug, outsiders(**READ)),
    Case(
        "partners:officers",
        slug,
        outsiders(coordinator=302, member=403, facilitator=403),
        method="post",
        data=lambda w: {
            "body": w.council.pk,
            "name": "A. Officer",
            "email": "a.officer@example.org",
            "share_asks": "on",
        },
        changes=contacts,
        note="invite",
    ),
    Case(
        "partners:stop_sharing",
        lambda w: {"slug": w.group.slug, "pk": w.contact_grant.pk},
        outsiders(coordinator=302),
        method="post",
        data=lambda w: {"confirm": "yes"},
        changes=live_grants,
    ),
    Case(
        "partners:stop_sharing",
        lambda w: {"slug": w.group.slug, "pk": w.contact_grant.pk},
        outsiders(coordinator=200),
        note="the confirmation page",
    ),
    Case(
        "partners:officer_home",
        lambda w: {},
        {role: 200 for role in ROLES} | {"visitor": LOGIN},
        may_name_group=("officer",),
        names_group=False,
    ),
    Case(
        "partners:join",
        lambda w: {"token": w.pending.token},
        {role: 200 for role in ROLES} | {"visitor": LOGIN},
        names_group=False,
        note="an invitation for someone else",
    ),
]


@pytest.fixture
def secured(world):
    w = world
    w.contact_grant = w.group.partner_grants.get(body=w.council, revoked_at__isnull=True)
    w.their_ask = asks.record_ask(
        group=w.other_group,
        by=w.other_group.coordinator,
        body=w.council,
        title="Group B's published ask",
        issue="Private words of group B.",
        outcome="Better.",
        kind="informal",
        sent_on=w.ask.sent_on,
        sent_how="email",
    )
    asks.publish_ask(ask=w.their_ask, by=w.other_group.coordinator, comment="Going well.")
    w.pending = PartnerContact.objects.create(
        group=w.group, body=w.council, name="Someone New", email="someone.new@example.org", invited_by=w.coordinator
    )
    return w


@pytest.fixture
def as_role(client, secured):
    def login(role):
        client.logout()
        person = secured.people[role]
        if person is not None:
            client.force_login(person)
        return client

    return login


def check(response, expected, case, role, w):
    where = f"{case.id} as {role}"
    if expected == LOGIN:
        assert response.status_code == 302, where
        assert "/accounts/sign-in/" in response["Location"], where
    else:
        assert response.status_code == expected, f"{where}: {response.status_code}"
    if role != "visitor":
        assert_kept_out_of_caches(response, where)
    names_group = w.group.name.encode() in response.content
    if role not in GROUP_ROLES and role not in case.may_name_group and expected != 200:
        assert not names_group, f"{where} shows group A's name"
    elif expected == 200 and case.method == "get" and case.names_group:
        assert names_group, f"{where} does not show group A's name"


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("case", CASES, ids=lambda case: case.id)
def test_role_matrix(as_role, secured, case, role):
    client = as_role(role)
    url = reverse(case.name, kwargs=case.kwargs(secured))
    before = case.changes(secured) if case.changes else None
    response = getattr(client, case.method)(url, case.data(secured))
    check(response, case.expected[role], case, role, secured)
    if case.changes:
        changed = case.changes(secured) != before
        assert changed == (case.expected[role] == 302), f"{case.id} as {role}: changed is {changed}"


def test_every_partners_address_is_in_the_matrix():
    _prefix, sub = get_resolver().namespace_dict["partners"]
    names = {f"partners:{name}" for name in sub.reverse_dict if isinstance(name, str)}
    assert names == {case.name for case in CASES}


@pytest.mark.parametrize("role", ["officer_elsewhere", "officer_revoked", "funder_live", "other"])
def test_guessed_ids_of_group_b_through_group_a_find_nothing(as_role, secured, role):
    """Group B's ask, asked for under group A's address (and the other way round), is a 404."""
    w = secured
    theirs = asks.record_ask(
        group=w.other_group,
        by=w.other_group.coordinator,
        body=w.council,
        title="Group B's own ask",
        issue="Private to group B.",
        outcome="Better.",
        kind="informal",
        sent_on=w.ask.sent_on,
        sent_how="email",
    )
    client = as_role("officer")
    assert client.get(reverse("partners:ask", args=[w.group.slug, theirs.pk])).status_code == 404
    assert client.get(reverse("partners:group", args=[w.other_group.slug])).status_code == 404
    client = as_role(role)
    assert client.get(reverse("partners:ask", args=[w.group.slug, theirs.pk])).status_code == 404


def test_every_officer_view_is_in_the_groups_access_log_and_the_group_sees_it(as_role, secured):
    w = secured
    client = as_role("officer")
    client.get(reverse("partners:group", args=[w.group.slug]))
    client.get(reverse("partners:ask", args=[w.group.slug, w.ask.pk]))
    kinds = list(PartnerAccessLog.objects.filter(group=w.group, viewer=w.officer).values_list("kind", flat=True))
    assert sorted(kinds) == ["ask", "group"]
    # The group's own people are not logged.
    as_role("member").get(reverse("partners:group", args=[w.group.slug]))
    assert PartnerAccessLog.objects.filter(group=w.group).count() == 2
    page = as_role("member").get(reverse("partners:officers", args=[w.group.slug]))
    assert "Opened an ask: Repairs in our flats" in page.text
    assert w.officer.get_display_name() in page.text


def test_stopping_sharing_shuts_the_officer_out_at_once(as_role, secured):
    w = secured
    client = as_role("officer")
    assert client.get(reverse("partners:ask", args=[w.group.slug, w.ask.pk])).status_code == 200
    as_role("coordinator").post(
        reverse("partners:stop_sharing", args=[w.group.slug, w.contact_grant.pk]), {"confirm": "yes"}
    )
    client = as_role("officer")
    assert client.get(reverse("partners:ask", args=[w.group.slug, w.ask.pk])).status_code == 404
    assert client.get(reverse("partners:group", args=[w.group.slug])).status_code == 404
    assert w.group.name not in client.get(reverse("partners:officer_home")).text


def test_an_officer_sees_nothing_outside_the_shared_scope(as_role, secured):
    """Sharing asks but not commitments: the officer sees the ask's stages but no commitment or note."""
    w = secured
    officers.share_with_body(group=w.group, body=w.council, by=w.coordinator, share_asks=True, share_commitments=False)
    page = as_role("officer").get(reverse("partners:ask", args=[w.group.slug, w.ask.pk]))
    assert page.status_code == 200
    assert "Validated by the public body" in page.text
    assert "Survey every flat for damp" not in page.text
    url = reverse("partners:add_note", args=[w.group.slug, w.commitment.pk])
    assert as_role("officer").post(url, {f"note-{w.commitment.pk}-text": "x"}).status_code == 404


def test_an_invitation_works_only_for_the_confirmed_address_it_names(client, secured):
    w = secured
    url = reverse("partners:join", args=[w.pending.token])
    client.force_login(w.officer)
    assert "This invitation is for someone else" in client.post(url).text
    unconfirmed = make_person(email="someone.new@example.org", email_confirmed_at=None)
    client.force_login(unconfirmed)
    assert "Confirm your email address first" in client.post(url).text
    w.pending.refresh_from_db()
    assert w.pending.user is None
