"""Two sizes of the same world for the query budgets: everything a view can list, ten times over.

A small world and a large one have the same shape (a focal group with every role, readiness rounds,
shares, reviews and requests; a crowd of other groups shared with the same funder; guides and case
studies), so a view whose query count grows with its data fails its budget in the large one. The crowd
is made by the bench data builder, so the budgets also stand on the data the benchmark uses.
"""

import io
import uuid
from dataclasses import dataclass
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.utils import timezone
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import Site

from benchdata.builder import Builder, funder_email
from learning.models import (
    AssignmentStatus,
    Certificate,
    CommunityGroup,
    FacilitatorAssignment,
    Membership,
    PathwayPage,
    Role,
    StepPage,
)
from learning.readiness.models import (
    Decision,
    DomainStep,
    FunderOrganisation,
    Indicator,
    MaturityLevel,
    ReadinessDomain,
    RoundKind,
    SuggestedEvidence,
)
from learning.readiness.rating import Rag
from learning.readiness.services import assessment, reviews, sharing
from learning.readiness.services.evidence import set_evidence_domains
from learning.services import evidence as evidence_services
from learning.services import groups as group_services
from learning.services import progress
from resources.models import (
    CaseStudyIndexPage,
    CaseStudyPage,
    GuideIndexPage,
    GuidePage,
    GuideRelatedCaseStudy,
    GuideRelatedGuide,
)
from resources.services.stories import submit_story
from tests.learning.factories import keep_evidence

PASSWORD = "a-long-test-password"
DOMAINS = ["Governance", "Money", "Keeping people safe", "Learning and impact"]


@dataclass(frozen=True)
class Size:
    members: int  # besides the coordinator
    steps: int  # in the focal pathway
    reflections: int
    evidence: int
    closed_rounds: int
    reviews: int
    invitations: int
    crowd: int  # other groups, all shared with the focal funder
    also_in: int  # crowd groups the coordinator and facilitator also belong to
    past_grants: int
    access_log: int
    pages: int  # guides and case studies each
    stories: int
    files: int  # images and documents each
    meetings: int  # recorded meetings of the focal group, each with actions and a correction


SIZES = {
    "small": Size(
        members=1,
        steps=4,
        reflections=1,
        evidence=1,
        closed_rounds=2,
        reviews=1,
        invitations=1,
        crowd=2,
        also_in=1,
        past_grants=1,
        access_log=2,
        pages=2,
        stories=1,
        files=1,
        meetings=1,
    ),
    "large": Size(
        members=10,
        steps=16,
        reflections=12,
        evidence=10,
        closed_rounds=5,
        reviews=4,
        invitations=6,
        crowd=30,
        also_in=6,
        past_grants=4,
        access_log=60,
        pages=14,
        stories=4,
        files=6,
        meetings=12,
    ),
}


class World:
    """What the budget tests reach for: people by role, the focal group and the things it has."""


def person(email, name):
    return get_user_model().objects.create_user(
        email=email, password=PASSWORD, display_name=name, email_confirmed_at=timezone.now()
    )


def make_framework():
    domains = []
    for order, name in enumerate(DOMAINS, start=1):
        domain = ReadinessDomain.objects.create(
            name=name, slug=name.lower().replace(" ", "-"), summary=f"About {name}.", sort_order=order
        )
        MaturityLevel.objects.bulk_create(
            MaturityLevel(domain=domain, level=level, descriptor=f"{name} at level {level}", sort_order=level)
            for level in range(1, 5)
        )
        Indicator.objects.bulk_create(Indicator(domain=domain, text=f"{name} sign {n}", sort_order=n) for n in range(2))
        SuggestedEvidence.objects.bulk_create(
            SuggestedEvidence(domain=domain, evidence_type=kind, sort_order=n)
            for n, kind in enumerate(["constitution", "insurance"])
        )
        domains.append(domain)
    return domains


def _publish(parent, page):
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


def make_resources(w, size):
    home = Site.objects.get(is_default_site=True).root_page
    w.guide_index = _publish(home, GuideIndexPage(title="Guides", slug="budget-guides"))
    w.case_study_index = _publish(home, CaseStudyIndexPage(title="Case studies", slug="budget-case-studies"))
    w.guides, w.case_studies = [], []
    for n in range(size.pages):
        guide = GuidePage(
            title=f"Kestrel guide {n}",
            slug=f"kestrel-guide-{n}",
            summary="How to run a meeting.",
            body=[("paragraph", "<p>Some helpful words.</p>")],
        )
        guide.themes.add("Money", f"Theme {n % 3}")
        w.guides.append(_publish(w.guide_index, guide))
        story = CaseStudyPage(
            title=f"Kestrel story {n}",
            slug=f"kestrel-story-{n}",
            summary="A story of co-production.",
            place="fife",
            co_design=True,
            what_they_did=[("paragraph", "<p>They worked together.</p>")],
            what_changed="<p>Things got better.</p>",
        )
        story.themes.add("Food", f"Theme {n % 3}")
        w.case_studies.append(_publish(w.case_study_index, story))
    w.guide, w.case_study = w.guides[0], w.case_studies[0]
    for n, guide in enumerate(w.guides):
        guide.related_guide_links = [GuideRelatedGuide(guide=w.guides[n - 1])]
        guide.related_case_study_links = [GuideRelatedCaseStudy(case_study=w.case_studies[n])]
        guide.save_revision().publish()
    for n in range(size.stories):
        submit_story(
            user=w.coordinator,
            title=f"Our garden {n}",
            group_name=w.group.name,
            place="fife",
            activities=["co_delivery"],
            what_happened="We planted a garden.",
            what_changed="People met.",
        )
    Image, Document = get_image_model(), get_document_model()
    w.images = [Image.objects.create(title=f"Photo {n}", file=get_test_image_file()) for n in range(size.files)]
    w.documents = [
        Document.objects.create(title=f"Leaflet {n}", file=ContentFile(b"A leaflet.", name=f"leaflet-{n}.txt"))
        for n in range(size.files)
    ]
    for item in [*w.images, *w.documents]:
        item.tags.add("community", "garden")


def make_focal_group(w, size):
    w.coordinator = person("coordinator@example.org", "Casey Coordinator")
    w.group = group_services.create_group(by=w.coordinator, name="Oak Street Neighbours", slug="oak-street")
    w.members = []
    for n in range(size.members):
        member = person(f"member{n}@example.org", f"Member {n}")
        invitation = group_services.create_invitation(group=w.group, role=Role.MEMBER, by=w.coordinator)
        group_services.accept_invitation(token=invitation.token, user=member)
        w.members.append(member)
    w.member = w.members[0]
    w.membership = Membership.objects.get(group=w.group, user=w.member)
    w.invitations = [
        group_services.create_invitation(group=w.group, role=Role.MEMBER, by=w.coordinator)
        for _n in range(size.invitations)
    ]
    w.facilitator = person("facilitator@example.org", "Fran Facilitator")
    w.assignment = FacilitatorAssignment.objects.create(
        facilitator=w.facilitator, group=w.group, status=AssignmentStatus.ACTIVE
    )
    w.proposed = FacilitatorAssignment.objects.create(
        facilitator=person("new.facilitator@example.org", "Nic New"), group=w.group
    )


def make_progress(w, size):
    w.pathway = PathwayPage.objects.get(slug="bench-pathway-1")
    w.other_pathway = PathwayPage.objects.get(slug="bench-pathway-2")
    w.steps = list(StepPage.objects.filter(pathway=w.pathway).live().order_by("path"))
    w.step = w.steps[0]
    w.todo_step = w.steps[-1]
    progress.enrol(group=w.group, pathway=w.pathway, by=w.coordinator)
    for step in w.steps[: len(w.steps) // 2]:
        progress.mark_done(group=w.group, step=step, by=w.coordinator)
    people = [w.coordinator, *w.members]
    w.reflections = [
        evidence_services.add_reflection(
            group=w.group, step=w.step, by=people[n % len(people)], text=f"<p>Thought {n}.</p>"
        )
        for n in range(size.reflections)
    ]
    w.reflection = evidence_services.add_reflection(
        group=w.group, step=w.step, by=w.member, text="<p>We met in the hall.</p>"
    )
    w.certificate = Certificate.objects.create(
        group=w.group,
        pathway=w.other_pathway,
        group_name=w.group.name,
        pathway_title=w.other_pathway.title,
        completed_at=timezone.now(),
    )


def make_evidence(w, size):
    w.evidence = keep_evidence(w.group, w.member, "Signed constitution", step=w.step)
    notes = [
        evidence_services.add_evidence(
            group=w.group, by=w.coordinator, evidence_type="insurance", title=f"Insurance {n}", note="In the folder."
        )
        for n in range(size.evidence)
    ]
    for n, item in enumerate([w.evidence, *notes]):
        set_evidence_domains(evidence=item, domains=w.domains[: 1 + n % len(w.domains)], by=w.coordinator)


def make_rounds(w, size):
    raters = [w.coordinator, *w.members]
    for n in range(size.closed_rounds):
        closed = assessment.open_round(
            group=w.group, kind=RoundKind.BASELINE if n == 0 else RoundKind.REVIEW, by=w.coordinator
        )
        for rater in raters:
            assessment.record_member_ratings(
                assessment_round=closed,
                member=rater,
                ratings={domain: (1 + (n + i) % 4, "") for i, domain in enumerate(w.domains)},
            )
        for i, domain in enumerate(w.domains):
            assessment.record_agreed_level(
                assessment_round=closed, domain=domain, by=w.coordinator, level=1 + (n + i) % 4, strengths="Good."
            )
        assessment.close_round(assessment_round=closed, by=w.coordinator)
    w.open_round = assessment.open_round(group=w.group, kind=RoundKind.REVIEW, by=w.coordinator)
    for i, rater in enumerate(raters):
        assessment.record_member_ratings(
            assessment_round=w.open_round,
            member=rater,
            ratings={domain: (1 + (i + d) % 4, "Our view.") for d, domain in enumerate(w.domains)},
        )
    assessment.record_agreed_level(
        assessment_round=w.open_round, domain=w.domains[0], by=w.coordinator, level=3, strengths="A strong committee."
    )
    w.domain = w.domains[0]


def make_sharing(w, size):
    w.funder = FunderOrganisation.objects.get(slug="bench-funder-1")
    w.other_funder = FunderOrganisation.objects.get(slug="bench-funder-2")
    w.reviewer = get_user_model().objects.get(email=funder_email(1))
    w.other_reviewer = get_user_model().objects.get(email=funder_email(2))
    for _n in range(size.past_grants):
        past = sharing.grant_access(
            group=w.group,
            funder=w.other_funder,
            by=w.coordinator,
            share_progress=True,
            share_self_assessment=False,
            share_evidence=False,
        )
        sharing.revoke_access(grant=past, by=w.coordinator)
    CommunityGroup.objects.filter(pk=w.group.pk).update(findable=True)  # only a findable group can be asked
    w.share_request = sharing.request_access(funder=w.other_funder, group=w.group, by=w.other_reviewer)
    w.grant = sharing.grant_access(
        group=w.group,
        funder=w.funder,
        by=w.coordinator,
        share_progress=True,
        share_self_assessment=True,
        share_evidence=True,
    )
    w.reviews = []
    for n in range(size.reviews):
        review = reviews.post_review(
            grant=w.grant,
            reviewer=w.reviewer,
            decision=Decision.NOT_YET if n % 2 else Decision.READY_WITH_CONDITIONS,
            feedback=f"Feedback {n}.",
            ratings={domain: (Rag.AMBER, "", "Keep going.") for domain in w.domains},
            suggestions={domain: Rag.AMBER for domain in w.domains},
            suggested_steps=w.steps[:2],
        )
        reviews.reply_to_review(review=review, by=w.coordinator, body=f"Thank you {n}.")
        w.reviews.append(review)
    w.review = w.reviews[-1]
    for _n in range(size.access_log):
        sharing.log_access(grants=[w.grant], viewer=w.reviewer, kind="profile")


def make_crowd(w, size):
    """Other groups: the funder's portfolio, and more groups for the coordinator and facilitator."""
    crowd = CommunityGroup.objects.filter(slug__startswith="bench-group-").order_by("slug")[: size.also_in]
    for group in crowd:
        Membership.objects.create(user=w.coordinator, group=group, role=Role.MEMBER)
        FacilitatorAssignment.objects.create(facilitator=w.facilitator, group=group, status=AssignmentStatus.ACTIVE)


def make_easy_read(w, size):
    """Easy Read versions of the focal guide and step: a row per step of the pathway, and one own photo."""
    rows = [
        ("row", {"pictogram": "handshake", "image": None, "alt_text": "Two hands", "text": f"<p>Idea {n}.</p>"})
        for n in range(size.steps)
    ]
    photo = {"pictogram": "", "image": w.images[0], "alt_text": "Our hall", "text": "<p>We meet here.</p>"}
    for page in (w.guide, w.step):
        page.easy_read = [("heading", "What it is"), *rows, ("row", photo)]
        page.save_revision().publish()


def make_meetings(w, size):
    """Meetings of the focal group with every member present, three open actions and a proposed correction."""
    from learning.meetings import services as meeting_services

    people = [w.coordinator, *w.members]
    w.meetings = []
    for n in range(size.meetings):
        meeting, _created = meeting_services.record_meeting(
            group=w.group,
            by=w.coordinator,
            token=uuid.uuid4(),
            held_on=timezone.localdate() - timedelta(days=30 * (n + 1)),
            place=f"Hall {n}",
            attendees=people,
            others_present=2,
            decisions=f"Decision {n}.",
            actions=[
                {
                    "text": f"Action {n}.{a}",
                    "owner": people[a % len(people)],
                    "owner_name": "",
                    "due_on": timezone.localdate(),
                }
                for a in range(3)
            ],
        )
        meeting_services.propose_correction(meeting=meeting, by=w.member, text=f"Corrected decision {n}.")
        w.meetings.append(meeting)
    w.meeting = w.meetings[0]
    w.meeting_action = w.meeting.actions.order_by("pk").first()
    w.correction = w.meeting.corrections.get()


def build_world(size_name):
    size = SIZES[size_name]
    w = World()
    w.size = size_name
    w.domains = make_framework()
    Builder(
        pathways=2,
        steps=size.steps,
        members=3,
        funders=2,
        shared=size.crowd,
        seed=11,
        password=PASSWORD,
        via_services=2,
        stdout=io.StringIO(),
    ).build(size.crowd)
    make_focal_group(w, size)
    make_progress(w, size)
    DomainStep.objects.bulk_create(
        DomainStep(domain=domain, step=step, sort_order=0) for domain, step in zip(w.domains, w.steps, strict=False)
    )
    make_evidence(w, size)
    make_rounds(w, size)
    make_sharing(w, size)
    make_crowd(w, size)
    make_resources(w, size)
    make_easy_read(w, size)
    make_meetings(w, size)
    w.visitor = None
    w.outsider = person("outsider@example.org", "Olive Outsider")
    w.staff = get_user_model().objects.create_superuser(email="staff@example.org", password=PASSWORD)
    return w
