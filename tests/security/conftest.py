"""Fixtures for the security tests: the readiness world (every role of a group, two funders) plus an editor,
and the objects a person could try to reach by guessing addresses."""

import pytest
from django.contrib.auth.models import Group

from learning.models import AssignmentStatus, CommunityGroup, FacilitatorAssignment, Invitation, Membership
from learning.readiness.models import ShareRequest
from learning.readiness.selectors import Scope, readiness_profile, suggestions_for
from learning.readiness.services import assessment, reviews, sharing
from learning.services import evidence as evidence_services
from tests.learning.factories import make_person
from tests.readiness.conftest import as_role, private_media, share, world  # noqa: F401 (fixtures used by these tests)

GROUP_ROLES = ("member", "coordinator", "facilitator")
ROLES = ("visitor", *GROUP_ROLES, "other", "staff", "editor", "funder_live", "funder_none")


def cache_directives(response):
    """The Cache-Control directives of a response, without their values ("max-age=0" -> "max-age")."""
    return {part.split("=")[0].strip().lower() for part in response.get("Cache-Control", "").split(",") if part.strip()}


def assert_kept_out_of_caches(response, where):
    """A response to a signed-in person: private, never stored, and varying on the session cookie."""
    directives = cache_directives(response)
    assert {"private", "no-store"} <= directives, f"{where}: Cache-Control {response.get('Cache-Control')!r}"
    assert "public" not in directives, where
    vary = {part.strip().lower() for part in response.get("Vary", "").split(",")}
    assert "cookie" in vary, f"{where}: Vary {response.get('Vary')!r}"


def post_review(w, *, feedback="You keep clear minutes.", decision="conditions"):
    """A review by funder A's reviewer through the live grant, keeping every suggested rating."""
    grant = w.grant
    suggestions = suggestions_for(readiness_profile(w.group, Scope.of_grant(grant)), grant.funder)
    return reviews.post_review(
        grant=grant,
        reviewer=w.reviewer_a,
        decision=decision,
        feedback=feedback,
        ratings={domain: (item.rating, "", "") for domain, item in suggestions.items()},
        suggestions={domain: item.rating for domain, item in suggestions.items()},
    )


def secure(w):
    """The world with a live grant to funder A, an editor, and one of every object a URL can name."""
    w.grant = share(w)
    w.editor = make_person(email="editor.security@example.org")
    w.editor.groups.add(Group.objects.get(name="Editors"))
    w.people = {
        **w.people,
        "editor": w.editor,
        "funder_live": w.reviewer_a,
        "funder_none": w.reviewer_b,
    }
    w.member_membership = Membership.objects.get(group=w.group, user=w.member)
    w.invitation = Invitation.objects.create(group=w.group, role="member")
    w.active_assignment = FacilitatorAssignment.objects.get(group=w.group, facilitator=w.facilitator)
    w.proposed_assignment = FacilitatorAssignment.objects.create(
        group=w.group, facilitator=make_person(), status=AssignmentStatus.PROPOSED
    )
    w.reflection = evidence_services.add_reflection(
        group=w.group, step=w.steps[0], by=w.member, text="<p>We met in the hall.</p>"
    )
    w.open_round = assessment.open_round(group=w.group, kind="review", by=w.coordinator)
    assessment.record_agreed_level(assessment_round=w.open_round, domain=w.money, by=w.coordinator, level=2)
    w.review = post_review(w)
    # Only a findable group can be asked; then back to the default, as the matrix's "findable" row switches it on.
    CommunityGroup.objects.filter(pk=w.group.pk).update(findable=True)
    w.share_request = sharing.request_access(funder=w.funder_b, group=w.group, by=w.reviewer_b, message="Please.")
    CommunityGroup.objects.filter(pk=w.group.pk).update(findable=False)
    assert isinstance(w.share_request, ShareRequest)
    return w


@pytest.fixture
def secured(world):  # noqa: F811 (the fixture imported above)
    return secure(world)
