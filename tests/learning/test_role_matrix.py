"""Who may see and do what on every learning view: visitor, member, coordinator, facilitator,
a member of another group, and staff. Guessing another group's addresses gives 403/404, never data."""

import pytest
from django.urls import reverse

from learning.models import Invitation, StepProgress

pytestmark = pytest.mark.django_db

ROLES = ["visitor", "member", "coordinator", "facilitator", "other", "staff"]
LOGIN = "login"


def expect(status_by_role):
    return [pytest.param(role, status_by_role[role], id=role) for role in ROLES]


def check(response, expected):
    if expected == LOGIN:
        assert response.status_code == 302 and "/accounts/sign-in/" in response["Location"]
    else:
        assert response.status_code == expected


GROUP_PAGES = {"visitor": LOGIN, "member": 200, "coordinator": 200, "facilitator": 200, "other": 404, "staff": 404}
COORDINATOR_ONLY = {"visitor": LOGIN, "member": 403, "coordinator": 200, "facilitator": 403, "other": 404, "staff": 404}


@pytest.mark.parametrize(("role", "expected"), expect(GROUP_PAGES))
@pytest.mark.parametrize("name", ["group_dashboard", "evidence_list", "evidence_add"])
def test_group_pages(as_role, world, role, expected, name):
    response = as_role(role).get(reverse(f"learning:{name}", args=[world.group.slug]))
    check(response, expected)
    if expected == 200:
        assert world.group.name.encode() in response.content


@pytest.mark.parametrize(("role", "expected"), expect(GROUP_PAGES))
def test_evidence_file(as_role, world, role, expected):
    response = as_role(role).get(reverse("learning:evidence_file", args=[world.group.slug, world.evidence.pk]))
    check(response, expected)
    if expected == 200:
        assert response["Content-Disposition"].startswith("attachment")
        assert response["X-Content-Type-Options"] == "nosniff"
        assert b"".join(response.streaming_content).startswith(b"%PDF")


@pytest.mark.parametrize(("role", "expected"), expect(COORDINATOR_ONLY))
def test_members_page(as_role, world, role, expected):
    check(as_role(role).get(reverse("learning:members", args=[world.group.slug])), expected)


@pytest.mark.parametrize(("role", "expected"), expect({**COORDINATOR_ONLY, "coordinator": 302}))
def test_inviting(as_role, world, role, expected):
    response = as_role(role).post(reverse("learning:invite", args=[world.group.slug]), {"role": "member"})
    check(response, expected)
    assert Invitation.objects.filter(group=world.group).exists() == (role == "coordinator")


@pytest.mark.parametrize(
    ("role", "expected"),
    expect({"visitor": LOGIN, "member": 302, "coordinator": 302, "facilitator": 302, "other": 404, "staff": 404}),
)
def test_marking_a_step_done(as_role, world, role, expected):
    url = reverse("learning:step_status", args=[world.group.slug, world.step.pk])
    check(as_role(role).post(url, {"action": "done"}), expected)
    done = StepProgress.objects.filter(group=world.group, step=world.step, status="done").exists()
    assert done == (expected == 302)


@pytest.mark.parametrize(
    ("role", "expected"),
    expect({"visitor": LOGIN, "member": 200, "coordinator": 403, "facilitator": 403, "other": 404, "staff": 404}),
)
def test_editing_a_reflection(as_role, world, role, expected):
    check(
        as_role(role).get(reverse("learning:reflection_edit", args=[world.group.slug, world.reflection.pk])), expected
    )


@pytest.mark.parametrize(
    ("role", "expected"),
    expect({"visitor": LOGIN, "member": 403, "coordinator": 302, "facilitator": 403, "other": 404, "staff": 404}),
)
def test_hiding_a_reflection(as_role, world, role, expected):
    url = reverse("learning:reflection_hide", args=[world.group.slug, world.reflection.pk])
    check(as_role(role).post(url, {"hidden": "1"}), expected)
    world.reflection.refresh_from_db()
    assert world.reflection.hidden == (role == "coordinator")


@pytest.mark.parametrize("role", ROLES)
def test_step_and_pathway_pages_are_public_but_show_only_your_groups_data(as_role, world, role):
    client = as_role(role)
    for page in (world.step, world.pathway):
        response = client.get(page.url)
        assert response.status_code == 200
        assert (b"Group A" in response.content) == (role in {"member", "coordinator", "facilitator"})
    # Asking for another group's progress by its slug shows your own group, never theirs.
    response = client.get(f"{world.step.url}?group={world.group.slug}")
    assert (b"Group A" in response.content) == (role in {"member", "coordinator", "facilitator"})


@pytest.mark.parametrize("role", ROLES)
def test_certificates_are_public_and_unknown_codes_are_not_found(as_role, world, role):
    from learning.models import Certificate

    certificate = Certificate.objects.create(
        group=world.group,
        pathway=world.pathway,
        group_name="Group A",
        pathway_title="P",
        completed_at="2026-01-01T00:00Z",
    )
    client = as_role(role)
    assert client.get(reverse("learning:certificate", args=[certificate.code])).status_code == 200
    assert client.get(reverse("learning:certificate", args=["NOTAREALCODE"])).status_code == 404


@pytest.mark.parametrize("role", ["member", "coordinator", "facilitator"])
def test_another_groups_addresses_are_not_found_even_for_real_objects(as_role, world, role):
    """Using your own group's slug with another group's object ids finds nothing."""
    from learning.services import evidence as evidence_services

    theirs = evidence_services.add_reflection(
        group=world.other_group, step=world.step, by=world.other, text="<p>Private to group B.</p>"
    )
    client = as_role(role)
    assert client.get(reverse("learning:reflection_edit", args=[world.group.slug, theirs.pk])).status_code == 404
    assert client.get(reverse("learning:group_dashboard", args=[world.other_group.slug])).status_code == 404
    assert (
        client.get(reverse("learning:evidence_file", args=[world.other_group.slug, world.evidence.pk])).status_code
        == 404
    )


def test_a_removed_member_loses_access_but_their_actions_stay(as_role, world):
    from learning.models import ActivityEntry, Membership
    from learning.services import groups

    membership = Membership.objects.get(group=world.group, user=world.member)
    groups.end_membership(membership=membership, by=world.coordinator)
    assert as_role("member").get(reverse("learning:group_dashboard", args=[world.group.slug])).status_code == 404
    assert ActivityEntry.objects.filter(group=world.group, actor=world.member).exists()
    membership.refresh_from_db()
    assert membership.left is not None


def test_get_requests_never_change_state(as_role, world):
    invitation = Invitation.objects.create(group=world.group, role="member")
    before = (StepProgress.objects.count(), Invitation.objects.filter(used_at__isnull=True).count())
    client = as_role("other")
    for name, args in [
        ("step_status", [world.group.slug, world.step.pk]),
        ("join_group", [invitation.token]),
        ("leave_group", [world.other_group.slug]),
        ("enrol", [world.group.slug]),
    ]:
        client.get(reverse(f"learning:{name}", args=args))
    assert before == (StepProgress.objects.count(), Invitation.objects.filter(used_at__isnull=True).count())
