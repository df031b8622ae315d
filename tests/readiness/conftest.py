"""Fixtures for readiness tests: a small framework, a group with every role, and two funders."""

import pytest

from learning.readiness.models import (
    DomainStep,
    FunderOrganisation,
    FunderRequirement,
    FunderThreshold,
    MaturityLevel,
    ReadinessDomain,
)
from learning.readiness.selectors import Scope, readiness_profile, suggestions_for
from learning.readiness.services import assessment, reviews, sharing
from learning.services import progress
from tests.learning.conftest import as_role, private_media  # noqa: F401 (fixtures used by these tests)
from tests.learning.factories import keep_evidence, make_pathway, make_person, world_of_roles


def make_domain(name, order, steps=()):
    domain = ReadinessDomain.objects.create(
        name=name, slug=name.lower().replace(" ", "-"), summary=f"About {name}.", sort_order=order
    )
    for level in range(1, 5):
        MaturityLevel.objects.create(domain=domain, level=level, descriptor=f"{name} at level {level}")
    for index, step in enumerate(steps):
        DomainStep.objects.create(domain=domain, step=step, sort_order=index)
    return domain


def make_funder(name, reviewer, *, thresholds=None, requirements=None):
    funder = FunderOrganisation.objects.create(name=name, slug=name.lower().replace(" ", "-"))
    funder.reviewers.add(reviewer)
    funder.save()
    for domain, level in (thresholds or {}).items():
        FunderThreshold.objects.create(funder=funder, domain=domain, minimum_level=level)
    for domain, types in (requirements or {}).items():
        for evidence_type in types:
            FunderRequirement.objects.create(funder=funder, domain=domain, evidence_type=evidence_type)
    return funder


def share(world, funder=None, group=None, **scope):
    """A live grant from `group` (group A unless given) to `funder` (funder A unless given), everything shared."""
    group = group or world.group
    scope = {"share_progress": True, "share_self_assessment": True, "share_evidence": True, **scope}
    return sharing.grant_access(group=group, funder=funder or world.funder_a, by=group.coordinator, **scope)


def post_review(grant, decision, *, reviewer=None):
    """A review through `grant` that keeps every rating the Hub suggests."""
    suggestions = suggestions_for(readiness_profile(grant.group, Scope.of_grant(grant)), grant.funder)
    return reviews.post_review(
        grant=grant,
        reviewer=reviewer or grant.funder.reviewers.first(),
        decision=decision,
        feedback="Thank you for sharing.",
        ratings={domain: (item.rating, "", "") for domain, item in suggestions.items()},
        suggestions={domain: item.rating for domain, item in suggestions.items()},
    )


def closed_round(group, coordinator, levels, kind="baseline", strengths="We have a strong committee."):
    """A closed round with `levels` ({domain: level}) agreed."""
    assessment_round = assessment.open_round(group=group, kind=kind, by=coordinator)
    for domain, level in levels.items():
        assessment.record_agreed_level(
            assessment_round=assessment_round,
            domain=domain,
            by=coordinator,
            level=level,
            strengths=f"{strengths} ({domain.name})",
            next_steps=f"Next for {domain.name}",
        )
    return assessment.close_round(assessment_round=assessment_round, by=coordinator)


def build_world():
    """A group with every role on a one-stage pathway, three readiness areas, a closed round and two funders."""
    w = world_of_roles(
        pathway=make_pathway(stages=1, steps_per_stage=3),
        group_name="Oak Street Neighbours",
        other_group_name="Birch Lane Residents",
    )
    w.governance = make_domain("Governance", 1, steps=w.steps[:2])
    w.money = make_domain("Money", 2)
    w.safety = make_domain("Keeping people safe", 3, steps=w.steps[2:])
    w.domains = [w.governance, w.money, w.safety]
    w.group.place = "fife"
    w.group.save()
    w.reviewer_a = make_person(email="reviewer.a@example.org")
    w.reviewer_b = make_person(email="reviewer.b@example.org")
    w.funder_a = make_funder(
        "Fund A",
        w.reviewer_a,
        thresholds={w.governance: 3, w.money: 2},
        requirements={w.governance: ["constitution"], w.safety: ["insurance"]},
    )
    w.funder_b = make_funder("Fund B", w.reviewer_b)
    progress.enrol(group=w.group, pathway=w.pathway, by=w.coordinator)
    progress.mark_done(group=w.group, step=w.steps[0], by=w.coordinator)
    w.evidence = keep_evidence(w.group, w.member, "Signed constitution", domains=[w.governance])
    w.round = closed_round(w.group, w.coordinator, {w.governance: 3, w.money: 1})
    w.people |= {"funder_a": w.reviewer_a, "funder_b": w.reviewer_b}
    return w


@pytest.fixture
def world(db):
    return build_world()
