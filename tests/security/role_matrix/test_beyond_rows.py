"""The role matrix's tests beyond one URL at a time: public pages, downloads, ids counted upwards, two-step
sign-in, officers' access log, and the check that every URL has rows. The rows themselves are tried in
test_learning_rows.py, test_readiness_rows.py and test_partners_rows.py; the rows and the check are in
rows.py, the world in conftest.py."""

import pytest
from django.urls import get_resolver, reverse
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from learning.models import ActivityEntry, Invitation, StepProgress
from learning.partners.models import Ask, Commitment, PartnerAccessLog, ProgressNote
from learning.partners.services import officers as partner_officers
from learning.services import evidence as evidence_services
from learning.services import groups as group_services
from tests.learning.factories import make_person

from ..conftest import GROUP_ROLES, assert_kept_out_of_caches, cache_directives
from .rows import CASES, ROLES, check, group_b_ask

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("role", ROLES)
def test_pathway_stage_and_step_pages_are_public_and_show_only_your_own_groups_status(as_role, secured, role):
    client = as_role(role)
    for page in (secured.pathway.get_parent(), secured.pathway, secured.steps[0].get_parent(), secured.steps[0]):
        response = client.get(page.url)
        assert response.status_code == 200, page.url
        if role == "visitor":
            assert not {"private", "no-store"} & cache_directives(response), page.url
        else:
            assert_kept_out_of_caches(response, f"{page.url} as {role}")
        shows_status = role in GROUP_ROLES and page in (secured.pathway, secured.steps[0])
        assert (secured.group.name.encode() in response.content) == shows_status, page.url
    # Asking for group A's progress by its slug shows your own group, never theirs.
    response = client.get(f"{secured.steps[0].url}?group={secured.group.slug}")
    assert (secured.group.name.encode() in response.content) == (role in GROUP_ROLES)


@pytest.mark.parametrize("role", GROUP_ROLES)
def test_evidence_files_are_downloaded_never_shown_in_the_browser(as_role, secured, role):
    response = as_role(role).get(reverse("learning:evidence_file", args=[secured.group.slug, secured.evidence.pk]))
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert b"".join(response.streaming_content).startswith(b"%PDF")


@pytest.mark.parametrize("role", GROUP_ROLES)
def test_your_groups_address_with_another_groups_ids_finds_nothing(as_role, secured, role):
    w = secured
    theirs = evidence_services.add_reflection(
        group=w.other_group, step=w.steps[0], by=w.other, text="<p>Private to group B.</p>"
    )
    client = as_role(role)
    assert client.get(reverse("learning:reflection_edit", args=[w.group.slug, theirs.pk])).status_code == 404
    assert client.get(reverse("learning:group_dashboard", args=[w.other_group.slug])).status_code == 404
    response = client.get(reverse("learning:evidence_file", args=[w.other_group.slug, w.evidence.pk]))
    assert response.status_code == 404


def test_a_removed_member_loses_access_but_their_actions_stay(as_role, secured):
    w = secured
    group_services.end_membership(membership=w.member_membership, by=w.coordinator)
    assert as_role("member").get(reverse("learning:group_dashboard", args=[w.group.slug])).status_code == 404
    assert ActivityEntry.objects.filter(group=w.group, actor=w.member).exists()
    w.member_membership.refresh_from_db()
    assert w.member_membership.left is not None


def test_a_get_never_changes_state(as_role, secured):
    """The addresses that act answer a GET without acting, even with real tokens and ids."""
    w = secured

    def state():
        return StepProgress.objects.count(), Invitation.objects.filter(used_at__isnull=True).count()

    before = state()
    client = as_role("other")
    for name, args in [
        ("step_status", [w.group.slug, w.steps[1].pk]),
        ("join_group", [w.invitation.token]),
        ("leave_group", [w.other_group.slug]),
        ("enrol", [w.group.slug]),
    ]:
        client.get(reverse(f"learning:{name}", args=args))
    assert state() == before


def _url_names(namespace):
    resolver = get_resolver()
    _prefix, sub = resolver.namespace_dict[namespace]
    return {f"{namespace}:{name}" for name in sub.reverse_dict if isinstance(name, str)}


def test_every_address_is_in_the_matrix():
    covered = {case.name for case in CASES}
    assert _url_names("learning") | _url_names("readiness") | _url_names("meetings") | _url_names("partners") == covered


def _accounts_kwargs(name):
    return {
        "accounts:confirm_email": {"token": "not-a-real-token"},
        "accounts:password_reset_confirm": {"uidb64": "MQ", "token": "set-password"},
        "accounts:personal_data_download": {"pk": 1},
    }.get(name, {})


@pytest.mark.parametrize("role", [role for role in ROLES if role != "visitor"])
def test_every_accounts_page_answers_a_signed_in_person_privately(as_role, secured, role):
    client = as_role(role)
    for name in sorted(_url_names("accounts")):
        url = reverse(name, kwargs=_accounts_kwargs(name))
        # Whatever the answer (the page, a redirect, 405 for a GET of sign-out), it is for this person.
        assert_kept_out_of_caches(client.get(url), f"GET {name} as {role}")
    assert_kept_out_of_caches(client.post(reverse("accounts:resend_confirmation")), f"POST resend as {role}")


def test_wagtail_pages_and_the_home_page_are_private_to_a_signed_in_person_only(as_role, secured):
    from wagtail.models import Site

    home = Site.objects.get(is_default_site=True).root_page
    for role in ("visitor", "member"):
        client = as_role(role)
        for url in (home.url, secured.steps[0].url):
            response = client.get(url)
            assert response.status_code == 200, url
            if role == "visitor":
                assert not {"private", "no-store"} & cache_directives(response), url
            else:
                assert_kept_out_of_caches(response, f"{url} as {role}")


# --- Two-step sign-in (issue 12, item 5) -------------------------------------------------------------
# With it required, as in production (the test settings switch it off for the rows above): staff, the
# Wagtail editor, funder reviewers and the facilitator reach no address at all until they give a code this
# session, then get exactly the row's answer; people not required to use it are never asked.

TWO_FACTOR_REQUIRED = ("facilitator", "staff", "editor", "funder_live", "funder_none")
TWO_FACTOR_OPTIONAL = ("member", "coordinator", "other")
TWO_FACTOR_SECRET = bytes(range(20))


def _not_yet_verified(response):
    if response.status_code == 403:
        return True
    return response.status_code == 302 and response["Location"].startswith(reverse("accounts:two_factor_verify"))


@pytest.mark.parametrize("role", TWO_FACTOR_REQUIRED)
def test_privileged_roles_reach_nothing_until_they_give_a_second_factor(as_role, secured, settings, role):
    settings.ACCOUNTS_TWO_FACTOR_REQUIRED = True
    client = as_role(role)
    TOTPDevice.objects.create(user=secured.people[role], key=TWO_FACTOR_SECRET.hex(), confirmed=True)
    # Some rows make their object when asked for its address, so each is asked once.
    requests = [(case, reverse(case.name, kwargs=case.kwargs(secured)), case.data(secured)) for case in CASES]
    for case, url, data in requests:
        before = case.changes(secured) if case.changes else None
        response = getattr(client, case.method)(url, data)
        assert _not_yet_verified(response), f"{case.id} as {role} without a second factor: {response.status_code}"
        if case.changes:
            assert case.changes(secured) == before, f"{case.id} as {role} changed something without a second factor"
    for url in ("/admin/", "/django-admin/", "/api/v2/pages/", reverse("accounts:account"), secured.steps[0].url):
        assert _not_yet_verified(client.get(url)), f"{url} as {role} without a second factor"

    given = client.post(reverse("accounts:two_factor_verify"), {"code": f"{totp(TWO_FACTOR_SECRET):06d}"})
    assert given.status_code == 302

    for case, url, data in requests:
        if case.method == "get":
            check(client.get(url, data), case.expected[role], case, role, secured)


@pytest.mark.parametrize("role", TWO_FACTOR_OPTIONAL)
def test_people_not_required_to_use_two_step_sign_in_are_not_asked(as_role, secured, settings, role):
    settings.ACCOUNTS_TWO_FACTOR_REQUIRED = True
    client = as_role(role)
    for case in CASES:
        if case.method == "get":
            response = client.get(reverse(case.name, kwargs=case.kwargs(secured)), case.data(secured))
            check(response, case.expected[role], case, role, secured)


# --- Partner officers beyond the rows (issue 18) -------------------------------------------------------------


@pytest.mark.parametrize("role", ["officer", "officer_elsewhere", "officer_revoked", "funder_live", "other"])
def test_counting_ids_upwards_under_either_groups_address_finds_only_what_the_role_may_see(as_role, secured, role):
    """Every ask, commitment and grant id from 1 to past the last, asked for under group A's and group B's
    addresses: an invited officer reaches the asks of their body by the group that invited them and nothing
    else; everyone else outside the groups reaches nothing, and their guesses write nothing."""
    w = secured
    theirs = group_b_ask(w, "Group B's own ask")
    client = as_role(role)
    # The officer group A invited reads its asks of the council; the council officer group B invited, group B's.
    readable = {
        "officer": {(w.group.slug, w.ask.pk)},
        "officer_elsewhere": {(w.other_group.slug, w.their_ask.pk), (w.other_group.slug, theirs.pk)},
        "other": {(w.other_group.slug, w.their_ask.pk), (w.other_group.slug, theirs.pk)},  # group B's member
    }.get(role, set())
    last_ask = Ask.objects.order_by("-pk").values_list("pk", flat=True).first()
    last_commitment = Commitment.objects.order_by("-pk").values_list("pk", flat=True).first()
    last_grant = w.group.partner_grants.model.objects.order_by("-pk").values_list("pk", flat=True).first()
    notes_before = ProgressNote.objects.count()
    for slug_of in (w.group.slug, w.other_group.slug):
        for pk in range(1, last_ask + 3):
            expected = 200 if (slug_of, pk) in readable else 404
            for name in ("partners:ask", "partners:letter"):
                if name == "partners:letter" and expected == 200:
                    expected = 403  # the letter is the group's own
                response = client.get(reverse(name, args=[slug_of, pk]))
                assert response.status_code == expected, f"{name} {slug_of} {pk} as {role}"
        for pk in range(1, last_commitment + 3):
            url = reverse("partners:add_note", args=[slug_of, pk])
            allowed = role == "officer" and slug_of == w.group.slug and pk == w.commitment.pk
            response = client.post(url, {f"note-{pk}-text": "A guess."})
            assert response.status_code == (302 if allowed else 404), f"note {slug_of} {pk} as {role}"
            if allowed:
                notes_before += 1
        for pk in range(1, last_grant + 3):
            response = client.get(reverse("partners:stop_sharing", args=[slug_of, pk]))
            # Group B's member reads its partners pages, so is told no before any grant is looked up.
            expected = 403 if (role, slug_of) == ("other", w.other_group.slug) else 404
            assert response.status_code == expected, f"stop_sharing {slug_of} {pk} as {role}"
    assert ProgressNote.objects.count() == notes_before
    assert theirs.title not in client.get(reverse("partners:officer_home")).text


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
    partner_officers.share_with_body(
        group=w.group, body=w.council, by=w.coordinator, share_asks=True, share_commitments=False
    )
    page = as_role("officer").get(reverse("partners:ask", args=[w.group.slug, w.ask.pk]))
    assert page.status_code == 200
    assert "Validated by the public body" in page.text
    assert "Survey every flat for damp" not in page.text
    url = reverse("partners:add_note", args=[w.group.slug, w.commitment.pk])
    assert as_role("officer").post(url, {f"note-{w.commitment.pk}-text": "x"}).status_code == 404


def test_an_officer_invitation_works_only_for_the_confirmed_address_it_names(client, secured):
    w = secured
    url = reverse("partners:join", args=[w.pending.token])
    client.force_login(w.officer)
    assert "This invitation is for someone else" in client.post(url).text
    unconfirmed = make_person(email="someone.new@example.org", email_confirmed_at=None)
    client.force_login(unconfirmed)
    assert "Confirm your email address first" in client.post(url).text
    w.pending.refresh_from_db()
    assert w.pending.user is None
