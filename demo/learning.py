"""Demo content for learning: two pathways, three groups at different points, and their accounts.

Built through the same page tree and services people use, and safe to run again.
"""

from datetime import timedelta

from django.contrib.auth import get_user_model
from django.db.models import F
from django.utils import timezone
from wagtail.models import Site

from demo.discussion_content import DISCUSSION_QUESTIONS
from demo.learning_content import MEETINGS, READY
from learning.models import (
    ActivityEntry,
    AssignmentStatus,
    Certificate,
    CommunityGroup,
    Evidence,
    FacilitatorAssignment,
    Membership,
    PathwayIndexPage,
    PathwayPage,
    PathwayProgress,
    Reflection,
    Role,
    StagePage,
    StepPage,
    StepProgress,
)
from learning.models.progress import add_months
from learning.services import evidence as evidence_services
from learning.services import progress as progress_services

INDEX_INTRO = (
    "<p>Pathways are step-by-step routes your group works through together. Progress belongs to the group, "
    "so it stays when people come and go. Anyone can read them; sign in to track your group's progress.</p>"
)


def _ensure_user(*, email, display_name, password=None):
    User = get_user_model()
    user, _created = User.objects.get_or_create(email=email, defaults={"display_name": display_name})
    user.display_name = display_name
    user.is_active = True
    # Demo accounts are created confirmed: a tester signs in and uses them at once.
    user.email_confirmed_at = user.email_confirmed_at or timezone.now()
    if password:
        user.set_password(password)
    else:
        user.set_unusable_password()
    user.save()
    return user


def _publish(parent, page):
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


def _index(home):
    index = PathwayIndexPage.objects.child_of(home).first()
    if index is None:
        index = _publish(
            home, PathwayIndexPage(title="Pathways", slug="pathways", introduction=INDEX_INTRO, show_in_menus=True)
        )
    return index


def _body(paragraphs, checklist):
    body = [{"type": "paragraph", "value": f"<p>{text}</p>"} for text in paragraphs]
    if checklist:
        body.append({"type": "checklist", "value": {"title": "Check before you finish", "items": checklist}})
    return body


def _pathway(index, content):
    pathway = PathwayPage.objects.child_of(index).filter(slug=content["slug"]).first()
    if pathway is None:
        pathway = _publish(
            index,
            PathwayPage(
                title=content["title"],
                slug=content["slug"],
                summary=content["summary"],
                who_for=content["who_for"],
                outcomes=content["outcomes"],
                estimated_time=content["estimated_time"],
                validity_months=content.get("validity_months"),
            ),
        )
    for number, stage_content in enumerate(content["stages"], start=1):
        slug = f"{number}-{_slug(stage_content['title'])}"
        stage = StagePage.objects.child_of(pathway).filter(slug=slug).first()
        if stage is None:
            stage = _publish(
                pathway, StagePage(title=stage_content["title"], slug=slug, outcome=stage_content["outcome"])
            )
        for title, kind, minutes, rule, evidence_type, summary, paragraphs, checklist in stage_content["steps"]:
            if StepPage.objects.child_of(stage).filter(slug=_slug(title)).exists():
                continue
            _publish(
                stage,
                StepPage(
                    title=title,
                    slug=_slug(title),
                    kind=kind,
                    estimated_minutes=minutes,
                    completion_rule=rule,
                    evidence_type=evidence_type,
                    evidence_asked=_evidence_text(evidence_type),
                    summary=summary,
                    body=_body(paragraphs, checklist),
                    discussion_questions="\n".join(DISCUSSION_QUESTIONS.get(title, [])),
                ),
            )
    return PathwayPage.objects.get(pk=pathway.pk)


def _slug(text):
    from django.utils.text import slugify

    return slugify(text)[:60]


def _evidence_text(evidence_type):
    from learning.evidence_types import EvidenceType

    if not evidence_type:
        return ""
    return f"{EvidenceType(evidence_type).label}. Add it to your group's evidence library from this page."


# Steps that point readers to the Hub's guides and case studies, when those sections exist.
RELATED = {"what-is-co-production": "guides", "collect-stories-of-change": "case-studies"}


def _link_related(home, pathway):
    from wagtail.models import Page

    from learning.models import StepRelatedLink

    for step_slug, section_slug in RELATED.items():
        step = StepPage.objects.filter(pathway=pathway, slug=step_slug).first()
        section = Page.objects.child_of(home).filter(slug=section_slug).first()
        if step is None or section is None or step.related_links.exists():
            continue
        for order, page in enumerate(Page.objects.child_of(section).live().order_by("path")[:2]):
            StepRelatedLink.objects.create(step=step, page=page, sort_order=order)


def _group(*, slug, name, place, description, legal_form, coordinator, members=(), findable=False, **registration):
    """A demo group; `registration` may give its `org_id` and `postcode`."""
    group, _created = CommunityGroup.objects.get_or_create(
        slug=slug,
        defaults={
            "name": name,
            "place": place,
            "description": description,
            "legal_form": legal_form,
            "findable": findable,
            **registration,
        },
    )
    for user, role in [(coordinator, Role.COORDINATOR), *[(member, Role.MEMBER) for member in members]]:
        if not Membership.objects.active().filter(user=user, group=group).exists():
            Membership.objects.create(user=user, group=group, role=role)
    return group


def _facilitate(group, facilitator):
    if not FacilitatorAssignment.objects.filter(group=group, facilitator=facilitator).exists():
        FacilitatorAssignment.objects.create(group=group, facilitator=facilitator, status=AssignmentStatus.ACTIVE)


def _complete_steps(*, group, pathway, count, coordinator, facilitator):
    """Complete the first `count` steps the way a group would, using the completion rules."""
    progress_services.enrol(group=group, pathway=pathway, by=coordinator)
    steps = list(StepPage.objects.filter(pathway=pathway).live().order_by("path"))
    for step in steps[:count]:
        by = facilitator if step.completion_rule == "facilitator" else coordinator
        if by == facilitator and progress_services.missing_evidence(group=group, step=step):
            # A facilitator verifies once they have seen the evidence the step asks for: the group keeps it first.
            evidence_services.add_evidence(
                group=group,
                by=coordinator,
                step=step,
                evidence_type=step.evidence_type,
                title=str(step.get_evidence_type_display()),
                note="Kept by our secretary; ask us for a copy.",
            )
        progress_services.mark_done(group=group, step=step, by=by)
    return steps


STALLED_DAYS_AGO = 40
LAPSES_IN_DAYS = 45


def _caseload(*, hillview, northfield, meetings, member):
    """What makes the facilitator's caseload worth a look: Hillview asked for its bank account step to be
    verified and has done nothing since (stalled), and Northfield's meetings certificate lapses soon."""
    bank = StepPage.objects.filter(pathway__slug=READY["slug"], slug="open-a-bank-account").first()
    if bank is not None and not StepProgress.objects.filter(group=hillview, step=bank).exists():
        evidence_services.add_evidence(
            group=hillview,
            by=member,
            step=bank,
            evidence_type="bank_mandate",
            title="Bank mandate: two signatures for every payment",
            note="The bank's letter is in our folder; bring it to the next meeting.",
        )
        progress_services.mark_done(group=hillview, step=bank, by=member)
    # Moved back once, when it is fresh from this command: the group has done nothing for 40 days.
    recent = timezone.now() - timedelta(days=STALLED_DAYS_AGO - 1)
    if ActivityEntry.objects.filter(group=hillview, created_at__gt=recent).exists():
        back = timedelta(days=STALLED_DAYS_AGO)
        ActivityEntry.objects.filter(group=hillview).update(created_at=F("created_at") - back)
        StepProgress.objects.filter(group=hillview).update(changed_at=F("changed_at") - back)
        PathwayProgress.objects.filter(group=hillview).update(last_activity_at=F("last_activity_at") - back)
        Evidence.objects.filter(group=hillview).update(added_at=F("added_at") - back)
        CommunityGroup.objects.filter(pk=hillview.pk).update(created=F("created") - back - timedelta(days=30))
    # Completed about ten months ago on a pathway whose certificates last a year.
    lapses = timezone.localdate() + timedelta(days=LAPSES_IN_DAYS)
    certificate = Certificate.objects.filter(group=northfield, pathway=meetings).first()
    if certificate is not None and (certificate.valid_until is None or certificate.valid_until > lapses):
        completed = timezone.now() - (lapses - add_months(lapses, -12))
        Certificate.objects.filter(pk=certificate.pk).update(valid_until=lapses, completed_at=completed)


def load(*, password, stdout):
    site = Site.objects.get(is_default_site=True)
    home = site.root_page
    index = _index(home)
    ready = _pathway(index, READY)
    meetings = _pathway(index, MEETINGS)
    _link_related(home, ready)

    coordinator = _ensure_user(email="coordinator@example.org", display_name="Chris Coordinator", password=password)
    member = _ensure_user(email="member@example.org", display_name="Morgan Member", password=password)
    facilitator = _ensure_user(email="facilitator@example.org", display_name="Fran Facilitator", password=password)
    # Other groups' coordinators: no sign-in, they only make the demo groups realistic.
    hillview_lead = _ensure_user(email="hillview.lead@example.org", display_name="Hamid")
    northfield_lead = _ensure_user(email="northfield.lead@example.org", display_name="Nuala")

    riverside = _group(
        slug="riverside-tenants-together",
        name="Riverside Tenants Together",
        place="glasgow-city",
        description="Tenants in the Riverside flats working with the council and housing association on repairs.",
        legal_form="unincorporated",
        postcode="G51 1AA",
        coordinator=coordinator,
        members=[member],
        # Funders can find it by name to ask it to share (the coordinator switched this on).
        findable=True,
    )
    hillview = _group(
        slug="hillview-food-sharing",
        name="Hillview Food Sharing",
        place="fife",
        description="Neighbours sharing surplus food and cooking together.",
        legal_form="",
        coordinator=hillview_lead,
        members=[member],
    )
    northfield = _group(
        slug="northfield-parents-voice",
        name="Northfield Parents' Voice",
        place="dundee-city",
        description="Parents and carers shaping local family support services.",
        legal_form="scio",
        coordinator=northfield_lead,
        # A Scottish charity (a made-up OSCR number in the register's format); Riverside and Hillview are
        # not registered, so funders see the Hub's own identifier for them.
        org_id="GB-SC-SC051234",
        postcode="DD1 4HN",
    )
    for group in (riverside, hillview, northfield):
        _facilitate(group, facilitator)

    # Just started, halfway, and completed with a certificate.
    _complete_steps(group=hillview, pathway=ready, count=1, coordinator=hillview_lead, facilitator=facilitator)
    steps = _complete_steps(group=riverside, pathway=ready, count=10, coordinator=coordinator, facilitator=facilitator)
    _complete_steps(group=northfield, pathway=ready, count=10_000, coordinator=northfield_lead, facilitator=facilitator)
    _complete_steps(
        group=northfield, pathway=meetings, count=10_000, coordinator=northfield_lead, facilitator=facilitator
    )

    if not Reflection.objects.filter(group=riverside).exists():
        evidence_services.add_reflection(
            group=riverside,
            step=steps[0],
            by=member,
            text="<p>We all want the repairs to be done right first time, and to be treated with respect.</p>",
        )
        evidence_services.add_evidence(
            group=riverside,
            by=coordinator,
            step=steps[7],
            evidence_type="constitution",
            title="Our constitution, adopted at the March meeting",
            note="The signed copy is kept by our secretary.",
        )
    _caseload(hillview=hillview, northfield=northfield, meetings=meetings, member=member)
    stdout.write("Learning: pathways, groups and progress are ready.")
    return [
        ("coordinator", "coordinator@example.org", "Coordinator of Riverside Tenants Together (halfway)"),
        ("member", "member@example.org", "Member of Riverside Tenants Together and Hillview Food Sharing"),
        ("facilitator", "facilitator@example.org", "Facilitator for Riverside, Hillview and Northfield (completed)"),
    ]
