"""Demo content for readiness: the nine-domain framework, two funders, and the halfway group's sharing.

Runs after `demo.learning.load` (it needs the demo pathway and groups), builds everything through
the same services people use, and is safe to run again.
"""

from datetime import timedelta

from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import timezone

from demo.readiness_content import CFF_REQUIREMENTS, CFF_THRESHOLDS, DOMAINS, RIVERSIDE_AGREED
from learning import notices
from learning.models import CommunityGroup, Evidence, Membership, Notice, Role, StepPage
from learning.readiness.models import (
    AssessmentRound,
    Decision,
    DomainStep,
    FunderOrganisation,
    FunderRequirement,
    FunderThreshold,
    Indicator,
    MaturityLevel,
    ReadinessDomain,
    ReadinessReview,
    RoundKind,
    ShareGrant,
    SuggestedEvidence,
)
from learning.readiness.rating import Rag
from learning.readiness.selectors import Scope, readiness_profile, suggestions_for
from learning.readiness.services import assessment, reviews, sharing
from learning.readiness.services.evidence import set_evidence_domains
from learning.services import evidence as learning_evidence
from learning.services.notices import notify

HALFWAY_GROUP = "riverside-tenants-together"


def _ensure_user(*, email, display_name, password):
    user, _created = get_user_model().objects.get_or_create(email=email, defaults={"display_name": display_name})
    user.display_name = display_name
    user.is_active = True
    # Demo accounts are created confirmed: a tester signs in and uses them at once.
    user.email_confirmed_at = user.email_confirmed_at or timezone.now()
    user.set_password(password)
    user.save()
    return user


def _framework():
    domains = {}
    for order, (slug, name, summary, why, levels, indicators, evidence, step_slugs) in enumerate(DOMAINS, start=1):
        domain, _created = ReadinessDomain.objects.canonical().update_or_create(
            slug=slug, defaults={"name": name, "summary": summary, "why_it_matters": why, "sort_order": order}
        )
        if not domain.levels.exists():
            MaturityLevel.objects.bulk_create(
                [
                    MaturityLevel(domain=domain, level=number, descriptor=text, sort_order=number)
                    for number, text in enumerate(levels, start=1)
                ]
            )
            Indicator.objects.bulk_create(
                [Indicator(domain=domain, text=text, sort_order=index) for index, text in enumerate(indicators)]
            )
            SuggestedEvidence.objects.bulk_create(
                [
                    SuggestedEvidence(domain=domain, evidence_type=value, sort_order=index)
                    for index, value in enumerate(evidence)
                ]
            )
        if not domain.step_links.exists():
            steps = {step.slug: step for step in StepPage.objects.filter(slug__in=step_slugs)}
            DomainStep.objects.bulk_create(
                [
                    DomainStep(domain=domain, step=steps[step_slug], sort_order=index)
                    for index, step_slug in enumerate(step_slugs)
                    if step_slug in steps
                ]
            )
        domains[slug] = domain
    return domains


def _funder(*, slug, name, description, reviewer, thresholds, requirements, domains):
    funder, _created = FunderOrganisation.objects.update_or_create(
        slug=slug, defaults={"name": name, "description": description}
    )
    if not funder.reviewers.filter(pk=reviewer.pk).exists():
        funder.reviewers.add(reviewer)
        funder.save()  # a ParentalManyToManyField is written when its parent is saved
    if not funder.thresholds.exists():
        FunderThreshold.objects.bulk_create(
            [
                FunderThreshold(funder=funder, domain=domains[domain_slug], minimum_level=level, sort_order=index)
                for index, (domain_slug, level) in enumerate(thresholds.items())
            ]
        )
    if not funder.requirements.exists():
        FunderRequirement.objects.bulk_create(
            [
                FunderRequirement(funder=funder, domain=domains[domain_slug], evidence_type=value, sort_order=index)
                for index, (domain_slug, values) in enumerate(requirements.items())
                for value in values
            ]
        )
    return funder


def _evidence(group, coordinator, domains):
    """Evidence the halfway group has linked to its domains, including one item out of date."""
    today = timezone.localdate()
    wanted = [
        ("bank_mandate", "Bank mandate: two signatories", None, ["money"]),
        ("insurance", "Public liability insurance certificate", today - timedelta(days=20), ["keeping-people-safe"]),
        ("safeguarding_lead", "Named safeguarding lead: Amira", None, ["keeping-people-safe"]),
    ]
    linked = []
    for evidence_type, title, valid_until, domain_slugs in wanted:
        # Kept already when the group did the step that asks for it (a facilitator verifies only after seeing it).
        item = Evidence.objects.current().filter(group=group, evidence_type=evidence_type).first()
        if item is None:
            item = learning_evidence.add_evidence(
                group=group,
                by=coordinator,
                evidence_type=evidence_type,
                title=title,
                note="Kept by our secretary; ask us for a copy.",
                valid_until=valid_until,
            )
        linked.append((item, domain_slugs))
    # The constitution the learning demo added on the "Agree a constitution" step.
    for item in Evidence.objects.current().filter(group=group, evidence_type="constitution"):
        linked.append((item, ["governance"]))
    for item, domain_slugs in linked:
        if not item.readiness_domain_links.exists():
            set_evidence_domains(evidence=item, domains=[domains[slug] for slug in domain_slugs], by=coordinator)


def _baseline_round(group, coordinator, members, domains):
    if AssessmentRound.objects.filter(group=group).exists():
        return
    baseline = assessment.open_round(group=group, kind=RoundKind.BASELINE, by=coordinator)
    for offset, person in enumerate(members):
        ratings = {}
        for slug, (level, _strengths, _next) in RIVERSIDE_AGREED.items():
            # Members see things a little differently; the coordinator talks it through.
            seen = max(1, min(4, level + (1 if (offset + len(slug)) % 3 == 0 else 0)))
            ratings[domains[slug]] = (seen, "")
        assessment.record_member_ratings(assessment_round=baseline, member=person, ratings=ratings)
    for slug, (level, strengths, next_steps) in RIVERSIDE_AGREED.items():
        assessment.record_agreed_level(
            assessment_round=baseline,
            domain=domains[slug],
            by=coordinator,
            level=level,
            strengths=strengths,
            next_steps=next_steps,
            reasons="Agreed at our committee meeting after talking through everyone's views.",
        )
    assessment.close_round(assessment_round=baseline, by=coordinator)


def _share_and_review(group, coordinator, funder, reviewer):
    grant = ShareGrant.objects.live().filter(group=group, funder=funder).first()
    if grant is None:
        grant = sharing.grant_access(
            group=group,
            funder=funder,
            by=coordinator,
            share_progress=True,
            share_self_assessment=True,
            share_evidence=True,
            share_postcode=True,
        )
    if ReadinessReview.objects.filter(group=group, funder=funder).exists():
        return
    profile = readiness_profile(group, Scope.of_grant(grant))
    suggested = {domain: item.rating for domain, item in suggestions_for(profile, funder).items()}
    ratings = {domain: (rating, "", "") for domain, rating in suggested.items()}
    for domain in suggested:
        if domain.slug == "community-engagement-and-co-production":
            ratings[domain] = (Rag.GREEN, "", "The asset map is a real strength; we would like to hear more.")
        if domain.slug == "keeping-people-safe" and suggested[domain] != Rag.AMBER:
            ratings[domain] = (
                Rag.AMBER,
                "The safeguarding lead is in place; renewing the insurance is a quick fix, not a barrier.",
                "Send us the renewed insurance certificate.",
            )
    reviews.post_review(
        grant=grant,
        reviewer=reviewer,
        decision=Decision.READY_WITH_CONDITIONS,
        feedback=(
            "You have come a long way this year: the constitution, the committee and the asset map show a group "
            "that works well together. Before we can fund the repairs project we need current insurance and a "
            "written safeguarding policy. We can pay for a facilitator session to help with the policy."
        ),
        ratings=ratings,
        suggestions=suggested,
        suggested_steps=StepPage.objects.filter(slug="write-a-safeguarding-policy-and-name-a-lead")[:1],
    )


def _notices(group, coordinator, memberships):
    """The notices a coordinator would have by now: the review and the funder's grant came from the services
    above (new); the members who joined with a link, told earlier and read. The baseline round is closed, so
    the members' notices of it are read."""
    for membership in memberships:
        made = notify(
            kind=notices.MEMBER_JOINED,
            recipients=[coordinator.pk],
            event=f"membership:{membership.pk}",
            url=reverse("learning:members", kwargs={"slug": group.slug}),
            group=group,
            params={"person": membership.user.get_display_name(), "group": group.name},
        )
        if made:
            Notice.objects.filter(recipient=coordinator, event=f"membership:{membership.pk}").update(
                created_at=membership.joined, read_at=membership.joined
            )
    closed = AssessmentRound.objects.filter(group=group, closed_at__isnull=False).values_list("pk", flat=True)
    Notice.objects.filter(kind="round_opened", event__in=[f"round:{pk}" for pk in closed], read_at__isnull=True).update(
        read_at=timezone.now()
    )


def load(*, password, stdout):
    domains = _framework()
    funder_user = _ensure_user(email="funder@example.org", display_name="Fiona Funder", password=password)
    other_user = _ensure_user(email="funder2@example.org", display_name="Finlay Funder", password=password)
    cff = _funder(
        slug="community-futures-fund",
        name="Community Futures Fund",
        description="Small grants for community groups starting to work with public services.",
        reviewer=funder_user,
        thresholds=CFF_THRESHOLDS,
        requirements=CFF_REQUIREMENTS,
        domains=domains,
    )
    _funder(
        slug="glen-valley-trust",
        name="Glen Valley Trust",
        description="A local trust funding neighbourhood projects.",
        reviewer=other_user,
        thresholds={"governance": 2, "money": 2},
        requirements={"governance": ["constitution"]},
        domains=domains,
    )
    group = CommunityGroup.objects.filter(slug=HALFWAY_GROUP).first()
    if group is not None:
        memberships = Membership.objects.active().filter(group=group).select_related("user").order_by("-role", "pk")
        coordinator = next((m.user for m in memberships if m.role == Role.COORDINATOR), None)
        if coordinator is not None:
            _evidence(group, coordinator, domains)
            _baseline_round(group, coordinator, [m.user for m in memberships], domains)
            _share_and_review(group, coordinator, cff, funder_user)
            _notices(group, coordinator, [m for m in memberships if m.user_id != coordinator.pk])
    stdout.write("Readiness: framework, funders, sharing and a review are ready.")
    return [
        ("funder", "funder@example.org", "Reviewer for Community Futures Fund (Riverside shares with it)"),
        ("funder2", "funder2@example.org", "Reviewer for Glen Valley Trust (no group shares with it)"),
    ]
