"""Builds benchmark volume: bench pathways, funders and groups at varied progress.

The first groups of a run go through the project's own services end to end (create the group,
invite and accept members, enrol, mark steps done, reflect, add evidence, self-assess, share,
review), so the bench data has the shape real use gives it. The rest are written with
bulk_create in the same shape, because 5,000 groups through the services would take hours; their
PathwayProgress is still worked out by the one progress service (`recompute`). Safe to run
again: `--groups N` makes sure N bench groups exist and adds only the missing ones.
"""

import random
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.utils import timezone
from wagtail.models import Site

from learning.evidence_types import EvidenceType
from learning.models import (
    ActivityEntry,
    ActivityVerb,
    CommunityGroup,
    CompletionRule,
    Enrolment,
    Evidence,
    Membership,
    PathwayIndexPage,
    PathwayPage,
    Reflection,
    Role,
    StagePage,
    StepKind,
    StepPage,
    StepProgress,
    StepStatus,
)
from learning.readiness.models import (
    AgreedLevel,
    AssessmentRound,
    Decision,
    DomainRating,
    EvidenceDomainLink,
    FunderOrganisation,
    FunderRequirement,
    FunderThreshold,
    MemberRating,
    ReadinessDomain,
    ReadinessReview,
    RoundKind,
    ShareGrant,
)
from learning.readiness.rating import Rag
from learning.readiness.services import assessment, reviews, sharing, summaries
from learning.services import evidence as evidence_services
from learning.services import groups as group_services
from learning.services import progress
from resources.places import PLACE_CHOICES

GROUP_PREFIX = "bench-group-"
PATHWAY_PREFIX = "bench-pathway-"
FUNDER_PREFIX = "bench-funder-"
STAGES_PER_PATHWAY = 4
CHUNK = 250
PLACES = [value for value, _label in PLACE_CHOICES if value]
EVIDENCE_TYPES = [value for value, _label in EvidenceType.choices if value != EvidenceType.OTHER]
PROGRESS_SHAPES = [0.0, 0.1, 0.25, 0.4, 0.5, 0.6, 0.75, 0.9, 1.0]


def member_email(group_number, member_number):
    return f"bench{group_number:05d}.{member_number}@example.org"


def funder_email(funder_number):
    return f"{FUNDER_PREFIX}{funder_number}@example.org"


class Builder:
    def __init__(self, *, pathways, steps, members, funders, shared, seed, password, via_services, stdout):
        self.rng = random.Random(seed)  # noqa: S311 (repeatable test data, not secrets)
        self.pathway_count, self.steps_per_pathway = pathways, steps
        self.members_per_group, self.funder_count = max(members, 1), funders
        self.shared, self.via_services, self.stdout = shared, via_services, stdout
        self.password, self.password_hash = password, make_password(password)
        self.now = timezone.now()

    def say(self, text):
        self.stdout.write(text)
        self.stdout.flush()

    # Pages, funders and the framework -------------------------------------------------------

    def ensure_pathways(self):
        home = Site.objects.get(is_default_site=True).root_page
        index = PathwayIndexPage.objects.first()
        if index is None:
            index = PathwayIndexPage(title="Pathways", slug="pathways")
            home.add_child(instance=index)
            index.save_revision().publish()
        pathways = []
        for number in range(1, self.pathway_count + 1):
            slug = f"{PATHWAY_PREFIX}{number}"
            pathway = PathwayPage.objects.filter(slug=slug).first()
            if pathway is None:
                pathway = self._publish(
                    index,
                    PathwayPage(title=f"Bench pathway {number}", slug=slug, summary="A pathway made for benchmarks."),
                )
                self._add_steps(pathway)
            pathways.append(pathway)
        self.pathways = pathways
        self.steps = {p.pk: list(StepPage.objects.filter(pathway=p).live().order_by("path")) for p in pathways}

    def _add_steps(self, pathway):
        kinds, rules = list(StepKind.values), list(CompletionRule.values)
        stages = []
        for number in range(1, STAGES_PER_PATHWAY + 1):
            stage = StagePage(title=f"Stage {number}", slug=f"stage-{number}", outcome="The group can do this stage.")
            stages.append(self._publish(pathway, stage))
        for number in range(1, self.steps_per_pathway + 1):
            step = StepPage(
                title=f"Step {number}",
                slug=f"step-{number}",
                kind=kinds[number % len(kinds)],
                estimated_minutes=30,
                # Mostly "any member"; every fifth step needs the coordinator, every seventh a facilitator.
                completion_rule=rules[1] if number % 5 == 0 else rules[2] if number % 7 == 0 else rules[0],
                summary="A step made for benchmarks.",
                body=[{"type": "paragraph", "value": "<p>What the group does in this step, in plain words.</p>"}],
            )
            self._publish(stages[(number - 1) * STAGES_PER_PATHWAY // self.steps_per_pathway], step)

    @staticmethod
    def _publish(parent, page):
        parent.add_child(instance=page)
        page.save_revision().publish()
        return page

    def ensure_funders(self):
        self.domains = list(ReadinessDomain.objects.canonical().order_by("sort_order", "pk"))
        funders, self.reviewer_of = [], {}
        for number in range(1, self.funder_count + 1):
            funder, created = FunderOrganisation.objects.get_or_create(
                slug=f"{FUNDER_PREFIX}{number}", defaults={"name": f"Bench Funder {number}"}
            )
            reviewer = self._user(funder_email(number), f"Bench reviewer {number}")
            funder.reviewers.add(reviewer)
            funder.save()
            self.reviewer_of[funder.pk] = reviewer
            if created and self.domains:
                FunderThreshold.objects.bulk_create(
                    FunderThreshold(funder=funder, domain=domain, minimum_level=3, sort_order=index)
                    for index, domain in enumerate(self.domains)
                )
                FunderRequirement.objects.bulk_create(
                    FunderRequirement(funder=funder, domain=domain, evidence_type=kind, sort_order=index)
                    for index, (domain, kind) in enumerate(zip(self.domains[:3], EVIDENCE_TYPES, strict=False))
                )
            funders.append(funder)
        self.funders = funders

    def _user(self, email, display_name):
        User = get_user_model()
        user = User.objects.filter(email__iexact=email).first()
        if user is None:
            # Confirmed, as people who start and join groups are (an unconfirmed account may do neither).
            user = User.objects.create(
                email=email, display_name=display_name, password=self.password_hash, email_confirmed_at=self.now
            )
        return user

    # Groups -----------------------------------------------------------------------------------

    def build(self, groups):
        self.ensure_pathways()
        self.ensure_funders()
        existing = CommunityGroup.objects.filter(slug__startswith=GROUP_PREFIX).count()
        wanted = list(range(existing + 1, groups + 1))
        if not wanted:
            self.say(f"{existing:,} bench groups already exist; nothing to add.")
            return 0
        through_services = wanted[: self.via_services] if existing == 0 else []
        for number in through_services:
            self.build_through_services(number)
        rest = wanted[len(through_services) :]
        for start in range(0, len(rest), CHUNK):
            with transaction.atomic():
                self.build_in_bulk(rest[start : start + CHUNK])
            self.say(f"  {existing + len(through_services) + start + len(rest[start : start + CHUNK]):,} groups")
        return len(wanted)

    def _plan(self, number):
        """What one group looks like: deterministic for a seed, varied across groups."""
        rng = self.rng
        return {
            "name": f"Bench group {number:05d}",
            "slug": f"{GROUP_PREFIX}{number:05d}",
            "place": rng.choice(PLACES),
            "pathways": self.pathways if rng.random() < 0.6 else self.pathways[:1],
            "progress": {p.pk: rng.choice(PROGRESS_SHAPES) for p in self.pathways},
            "assessed": rng.random() < 0.8,
            "reviewed_round": rng.random() < 0.3,
            "funders": [
                funder
                for index, funder in enumerate(self.funders)
                if (index == 0 and number <= self.shared) or (index > 0 and rng.random() < 0.1)
            ],
            "reviewed": rng.random() < 0.25,
            "levels": [rng.randint(1, 4) for _domain in self.domains],
        }

    def build_through_services(self, number):
        """One group exactly as people make it, through the services the views call."""
        plan = self._plan(number)
        users = [
            self._user(member_email(number, m), f"Bench member {number}.{m}") for m in range(self.members_per_group)
        ]
        coordinator = users[0]
        group = group_services.create_group(by=coordinator, name=plan["name"], slug=plan["slug"], place=plan["place"])
        for user in users[1:]:
            invitation = group_services.create_invitation(group=group, role=Role.MEMBER, by=coordinator)
            group_services.accept_invitation(token=invitation.token, user=user)
        for pathway in plan["pathways"]:
            progress.enrol(group=group, pathway=pathway, by=coordinator)
            steps = self.steps[pathway.pk]
            for step in steps[: round(len(steps) * plan["progress"][pathway.pk])]:
                # The coordinator can complete member and coordinator steps directly.
                progress.mark_done(group=group, step=step, by=coordinator)
            if steps:
                evidence_services.add_reflection(
                    group=group, step=steps[0], by=users[-1], text="<p>We talked this through as a group.</p>"
                )
        for kind in EVIDENCE_TYPES[:3]:
            evidence_services.add_evidence(
                group=group, by=coordinator, evidence_type=kind, title=f"Our {kind}", note="Kept by our secretary."
            )
        if plan["assessed"] and self.domains:
            assessment_round = assessment.open_round(group=group, kind=RoundKind.BASELINE, by=coordinator)
            for user in users:
                ratings = {domain: (level, "") for domain, level in zip(self.domains, plan["levels"], strict=True)}
                assessment.record_member_ratings(assessment_round=assessment_round, member=user, ratings=ratings)
            for domain, level in zip(self.domains, plan["levels"], strict=True):
                assessment.record_agreed_level(
                    assessment_round=assessment_round, domain=domain, by=coordinator, level=level
                )
            assessment.close_round(assessment_round=assessment_round, by=coordinator)
        for funder in plan["funders"]:
            grant = sharing.grant_access(
                group=group,
                funder=funder,
                by=coordinator,
                share_progress=True,
                share_self_assessment=True,
                share_evidence=False,
            )
            if plan["reviewed"] and self.domains:
                suggestions = {domain: Rag.AMBER for domain in self.domains}
                reviews.post_review(
                    grant=grant,
                    reviewer=self.reviewer_of[funder.pk],
                    decision=Decision.NOT_YET,
                    feedback="A good start; we can offer a facilitator session.",
                    ratings={domain: (Rag.AMBER, "", "") for domain in self.domains},
                    suggestions=suggestions,
                )

    def build_in_bulk(self, numbers):
        """Many groups in the same shape as build_through_services, a few bulk inserts per table."""
        rng, now = self.rng, self.now
        plans = {number: self._plan(number) for number in numbers}
        User = get_user_model()
        users = User.objects.bulk_create(
            User(
                email=member_email(number, m),
                display_name=f"Bench member {number}.{m}",
                password=self.password_hash,
                date_joined=now,
                email_confirmed_at=now,
            )
            for number in numbers
            for m in range(self.members_per_group)
        )
        users_of = {
            number: users[i * self.members_per_group : (i + 1) * self.members_per_group]
            for i, number in enumerate(numbers)
        }
        groups = CommunityGroup.objects.bulk_create(
            CommunityGroup(name=plans[n]["name"], slug=plans[n]["slug"], place=plans[n]["place"], created=now)
            for n in numbers
        )
        group_of = dict(zip(numbers, groups, strict=True))
        Membership.objects.bulk_create(
            Membership(user=user, group=group_of[n], role=Role.COORDINATOR if m == 0 else Role.MEMBER, joined=now)
            for n in numbers
            for m, user in enumerate(users_of[n])
        )
        enrolments, step_progress, activity, reflections, summaries = [], [], [], [], []
        for n in numbers:
            group, people = group_of[n], users_of[n]
            activity.append(ActivityEntry(group=group, actor=people[0], verb=ActivityVerb.JOINED, created_at=now))
            for pathway in plans[n]["pathways"]:
                enrolments.append(Enrolment(group=group, pathway=pathway, enrolled_by=people[0], enrolled_at=now))
                activity.append(
                    ActivityEntry(
                        group=group, actor=people[0], verb=ActivityVerb.ENROLLED, pathway=pathway, created_at=now
                    )
                )
                steps = self.steps[pathway.pk]
                for index, step in enumerate(steps[: round(len(steps) * plans[n]["progress"][pathway.pk])]):
                    when = now - timedelta(days=len(steps) - index, minutes=rng.randint(0, 600))
                    by = rng.choice(people)
                    verified = step.completion_rule == CompletionRule.FACILITATOR
                    step_progress.append(
                        StepProgress(
                            group=group,
                            step=step,
                            pathway=pathway,
                            status=StepStatus.VERIFIED if verified else StepStatus.DONE,
                            changed_by=by,
                            changed_at=when,
                        )
                    )
                    verb = ActivityVerb.VERIFIED if verified else ActivityVerb.MARKED_DONE
                    activity.append(
                        ActivityEntry(group=group, actor=by, verb=verb, step=step, pathway=pathway, created_at=when)
                    )
                if steps:
                    reflections.append(
                        Reflection(group=group, step=steps[0], author=people[-1], text="<p>We talked this through.</p>")
                    )
                summaries.append((group, pathway))
        Enrolment.objects.bulk_create(enrolments)
        StepProgress.objects.bulk_create(step_progress)
        ActivityEntry.objects.bulk_create(activity)
        Reflection.objects.bulk_create(reflections)
        self._bulk_evidence(numbers, group_of, users_of)
        self._bulk_readiness(numbers, plans, group_of, users_of)
        # The one calculator of progress: the same service every status change goes through.
        for group, pathway in summaries:
            progress.recompute(group=group, pathway=pathway, activity_at=now)

    def _bulk_evidence(self, numbers, group_of, users_of):
        today = timezone.localdate()
        evidence = Evidence.objects.bulk_create(
            Evidence(
                group=group_of[n],
                evidence_type=kind,
                title=f"Our {kind}",
                note="Kept by our secretary.",
                # Some evidence has gone out of date, as it does in life.
                valid_until=today + timedelta(days=self.rng.randint(-60, 300)) if index == 0 else None,
                added_by=users_of[n][0],
                added_at=self.now,
            )
            for n in numbers
            for index, kind in enumerate(self.rng.sample(EVIDENCE_TYPES, 3))
        )
        if self.domains:
            EvidenceDomainLink.objects.bulk_create(
                EvidenceDomainLink(evidence=item, domain=self.domains[index % len(self.domains)])
                for index, item in enumerate(evidence)
            )

    def _bulk_readiness(self, numbers, plans, group_of, users_of):
        if not self.domains:
            return
        now = self.now
        rounds, round_owner = [], []
        for n in numbers:
            if not plans[n]["assessed"]:
                continue
            kinds = [RoundKind.BASELINE] + ([RoundKind.REVIEW] if plans[n]["reviewed_round"] else [])
            for offset, kind in enumerate(kinds):
                opened = now - timedelta(days=90 * (len(kinds) - offset))
                rounds.append(
                    AssessmentRound(
                        group=group_of[n],
                        kind=kind,
                        opened_by=users_of[n][0],
                        opened_at=opened,
                        closed_by=users_of[n][0],
                        closed_at=opened + timedelta(days=14),
                    )
                )
                round_owner.append(n)
        rounds = AssessmentRound.objects.bulk_create(rounds)
        ratings, agreed = [], []
        for assessment_round, n in zip(rounds, round_owner, strict=True):
            for domain, level in zip(self.domains, plans[n]["levels"], strict=True):
                agreed.append(AgreedLevel(round=assessment_round, domain=domain, level=level, agreed_by=users_of[n][0]))
                for user in users_of[n]:
                    seen = max(1, min(4, level + self.rng.choice((-1, 0, 0, 1))))
                    ratings.append(MemberRating(round=assessment_round, domain=domain, member=user, level=seen))
        MemberRating.objects.bulk_create(ratings)
        AgreedLevel.objects.bulk_create(agreed)
        grants, reviewed = [], []
        for n in numbers:
            for funder in plans[n]["funders"]:
                grants.append(
                    ShareGrant(
                        group=group_of[n],
                        funder=funder,
                        share_progress=True,
                        share_self_assessment=True,
                        granted_by=users_of[n][0],
                        granted_at=now,
                    )
                )
                reviewed.append(plans[n]["reviewed"])
        grants = ShareGrant.objects.bulk_create(grants)
        review_rows = ReadinessReview.objects.bulk_create(
            ReadinessReview(
                group_id=grant.group_id,
                funder_id=grant.funder_id,
                grant=grant,
                reviewer=self.reviewer_of[grant.funder_id],
                decision=self.rng.choice(Decision.values),
                feedback="A good start; we can offer a facilitator session.",
                created_at=now,
            )
            for grant, wanted in zip(grants, reviewed, strict=True)
            if wanted
        )
        DomainRating.objects.bulk_create(
            DomainRating(review=review, domain=domain, suggested=rag, final=rag)
            for review in review_rows
            for domain, rag in zip(self.domains, self.rng.choices(Rag.values, k=len(self.domains)), strict=True)
        )
        if grants:
            # Bulk inserts skip the services, so the grants' portfolio summaries are recounted from the rows.
            summaries.recount(
                ShareGrant.objects.filter(pk__range=(min(g.pk for g in grants), max(g.pk for g in grants)))
            )
