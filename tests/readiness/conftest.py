"""Fixtures for readiness tests: a small framework, a group with every role, and two funders."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils.text import slugify

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
from learning.readiness.services.evidence import set_evidence_domains
from learning.services import evidence as evidence_services
from learning.services import progress
from tests.learning.factories import assign_facilitator, make_group, make_pathway, make_person, steps_of

PDF_BYTES = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture(autouse=True)
def private_media(settings, tmp_path):
    settings.LEARNING_PRIVATE_MEDIA_ROOT = str(tmp_path / "private")
    return tmp_path / "private"


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


def keep_evidence(group, by, title, *, domains=(), with_file=True, evidence_type="constitution", **fields):
    """A piece of evidence in the group's library (a PDF unless `with_file` is False), linked to `domains`."""
    if with_file:
        fields["file"] = SimpleUploadedFile(f"{slugify(title)}.pdf", PDF_BYTES, content_type="application/pdf")
        fields["content_type"] = "application/pdf"
    else:
        fields.setdefault("note", f"{title}: kept in the group's folder.")
    evidence = evidence_services.add_evidence(group=group, by=by, evidence_type=evidence_type, title=title, **fields)
    if domains:
        set_evidence_domains(evidence=evidence, domains=domains, by=by)
    return evidence


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


class World:
    """Group A (coordinator, member, facilitator), group B (its own member), two funders, staff."""


@pytest.fixture
def world(db):
    w = World()
    w.pathway = make_pathway(stages=1, steps_per_stage=3)
    w.steps = steps_of(w.pathway)
    w.governance = make_domain("Governance", 1, steps=w.steps[:2])
    w.money = make_domain("Money", 2)
    w.safety = make_domain("Keeping people safe", 3, steps=w.steps[2:])
    w.domains = [w.governance, w.money, w.safety]
    w.group = make_group(members=1, name="Oak Street Neighbours")
    w.group.place = "fife"
    w.group.save()
    w.coordinator = w.group.coordinator
    w.member = w.group.people[0]
    w.facilitator = assign_facilitator(w.group)
    w.other_group = make_group(members=1, name="Birch Lane Residents")
    w.other = w.other_group.people[0]
    w.staff = make_person(is_staff=True, is_superuser=True)
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
    w.people = {
        "visitor": None,
        "member": w.member,
        "coordinator": w.coordinator,
        "facilitator": w.facilitator,
        "other": w.other,
        "staff": w.staff,
        "funder_a": w.reviewer_a,
        "funder_b": w.reviewer_b,
    }
    return w


@pytest.fixture
def as_role(client, world):
    def login(role):
        client.logout()
        person = world.people[role]
        if person is not None:
            client.force_login(person)
        return client

    return login
