"""The role matrix's rows, tried by the test files beside this one (one per app, so that pytest-xdist, which
hands out whole files, shares them between its workers): who may open or use every learning, readiness, meetings and partners address: a visitor, a member, the
coordinator, the facilitator, a member of another group, staff, a Wagtail editor, a funder reviewer whose
organisation holds a live grant and one whose organisation does not, and partner officers: invited by group A
with sharing live, invited by group A but shut out (the group stopped sharing with their body), and invited only
by group B.

Each address is tried with the real ids of group A's objects, so a wrong answer would show group A's data.
Denied means a sign-in redirect for visitors and 403/404 for everyone else, never a 500, and a denied page
never contains the group's name. A new URL without a row here fails `test_every_address_is_in_the_matrix` (test_beyond_rows.py).

Every answer to a signed-in person, allowed or denied, is `Cache-Control: private, no-store` with
`Vary: Cookie` (learning.middleware), so no shared or browser cache keeps it for the next person.
"""

import uuid
from dataclasses import dataclass, field

import pytest
from django.urls import reverse
from django.utils import timezone

from learning.group_export import request_group_export
from learning.meetings import services as meeting_services
from learning.meetings.models import Meeting, MeetingAction, MinutesCorrection
from learning.models import (
    Certificate,
    GroupExport,
    Invitation,
    Notice,
    Reflection,
    StepEvidence,
    StepProgress,
)
from learning.partners.models import (
    Ask,
    Commitment,
    FourCosAnswer,
    PartnerContact,
    ProgressNote,
    StageRecord,
)
from learning.partners.services import asks as partner_asks
from learning.readiness.models import ShareGrant

from ..conftest import GROUP_ROLES, assert_kept_out_of_caches
from ..conftest import ROLES as ROLES_WITHOUT_OFFICERS


def with_partners(w):
    """Group A's ask of the council (the officer's body) and of the health board, a commitment, an officer
    invitation for someone else, and a summary group B published."""
    w.contact_grant = w.group.partner_grants.get(body=w.council, revoked_at__isnull=True)
    w.their_ask = group_b_ask(w, "Group B's published ask")
    partner_asks.publish_ask(ask=w.their_ask, by=w.other_group.coordinator, comment="Going well.")
    w.pending = PartnerContact.objects.create(
        group=w.group, body=w.council, name="Someone New", email="someone.new@example.org", invited_by=w.coordinator
    )
    return w


def group_b_ask(w, title):
    """An informal ask group B made of the council (group A's officer's body)."""
    return partner_asks.record_ask(
        group=w.other_group,
        by=w.other_group.coordinator,
        body=w.council,
        title=title,
        issue="Private words of group B.",
        outcome="Better.",
        kind="informal",
        sent_on=w.ask.sent_on,
        sent_how="email",
    )


LOGIN = "login"
# Partner officers of a public body: invited by group A with sharing live, invited by group A but shut out
# (it stopped sharing with their body), and invited only by group B.
OFFICERS = ("officer", "officer_revoked", "officer_elsewhere")
ROLES = (*ROLES_WITHOUT_OFFICERS, *OFFICERS)
OUTSIDERS = {role: 404 for role in ROLES if role not in GROUP_ROLES} | {"visitor": LOGIN}


@dataclass
class Case:
    name: str
    kwargs: object  # world -> URL kwargs
    expected: dict
    method: str = "get"
    data: object = field(default=lambda w: {})
    # Roles allowed to see group A's name in the answer (beyond those who get 200 from a group page).
    may_name_group: tuple = ()
    # Whether a 200 answer to a group role should show group A (pages about something else do not).
    names_group: bool = True
    # world -> what the request changes: it changes when the role is let through (a 302), and only then.
    changes: object = None
    note: str = ""

    @property
    def id(self):
        return f"{self.method.upper()} {self.name}" + (f" ({self.note})" if self.note else "")


def slug(w):
    return {"slug": w.group.slug}


def with_slug(**extra):
    return lambda w: {"slug": w.group.slug, **{key: getter(w) for key, getter in extra.items()}}


def group(**allowed):
    """Denied to everyone outside group A (404, sign-in for visitors); `allowed` gives the group roles."""
    return {**OUTSIDERS, "member": 403, "coordinator": 403, "facilitator": 403, **allowed}


READ = {"member": 200, "coordinator": 200, "facilitator": 200}
OFFICER_READ = {"officer": 200}


def partner_ask(w):
    return {"slug": w.group.slug, "pk": w.ask.pk}


def health_ask(w):
    return {"slug": w.group.slug, "pk": w.health_ask.pk}


def partner_commitment(w):
    return {"slug": w.group.slug, "pk": w.commitment.pk}


FUNDERS_ONLY = {role: 404 for role in ROLES} | {"visitor": LOGIN, "funder_live": 200, "funder_none": 200}
SIGNED_IN = {role: 200 for role in ROLES} | {"visitor": LOGIN}
CASELOAD = {role: 403 for role in ROLES} | {"visitor": LOGIN, "facilitator": 200}

CASES = [
    # learning: groups
    # The home lists a funder reviewer's own pending request to group A (as readiness:share_requests does).
    # Funder A's reviewer's home lists the notice that group A shares with them.
    Case("learning:group_list", lambda w: {}, SIGNED_IN, may_name_group=("funder_none", "funder_live")),
    Case("learning:group_create", lambda w: {}, SIGNED_IN, names_group=False),
    Case(
        "learning:join_group",
        lambda w: {"token": w.invitation.token},
        {**SIGNED_IN, "visitor": 200},  # a visitor is asked to sign in or sign up first
        may_name_group=ROLES,  # the invitation names the group it invites you to
    ),
    Case("learning:group_dashboard", slug, group(**READ)),
    Case("learning:group_edit", slug, group(coordinator=200)),
    Case("learning:group_milestones", slug, group(**READ)),
    Case(
        "learning:group_edit",
        slug,
        group(coordinator=302),
        method="post",
        data=lambda w: {"name": "Renamed by the matrix", "place": "", "description": "", "legal_form": ""},
    ),
    # Closing a group (issue 12, item 6): its coordinators or staff close it; only staff reopen a closed one.
    Case("learning:close_group", slug, group(coordinator=200, staff=200), may_name_group=("staff",)),
    Case(
        "learning:close_group",
        slug,
        group(coordinator=302, staff=302),
        method="post",
        changes=lambda w: type(w.group).objects.get(pk=w.group.pk).closed_at is not None,
    ),
    Case("learning:reopen_group", slug, group(staff=403), note="an open group"),
    Case("learning:reopen_group", slug, group(staff=403), method="post", note="an open group"),
    Case("learning:members", slug, group(coordinator=200)),
    Case(
        "learning:invite",
        slug,
        group(coordinator=302),
        method="post",
        data=lambda w: {"role": "member"},
        changes=lambda w: Invitation.objects.filter(group=w.group).count(),
    ),
    Case(
        "learning:cancel_invitation",
        with_slug(pk=lambda w: w.invitation.pk),
        group(coordinator=302),
        method="post",
    ),
    Case(
        "learning:change_role",
        with_slug(pk=lambda w: w.member_membership.pk),
        group(coordinator=302),
        method="post",
        data=lambda w: {"role": "coordinator"},
    ),
    Case(
        "learning:remove_member",
        with_slug(pk=lambda w: w.member_membership.pk),
        group(coordinator=302),
        method="post",
    ),
    Case("learning:leave_group", slug, group(member=302, coordinator=302), method="post"),
    Case(
        "learning:accept_facilitator",
        with_slug(pk=lambda w: w.proposed_assignment.pk),
        group(coordinator=302),
        method="post",
    ),
    Case(
        "learning:end_facilitator",
        with_slug(pk=lambda w: w.active_assignment.pk),
        group(coordinator=302),
        method="post",
    ),
    Case("learning:enrol", slug, group(coordinator=302), method="post", data=lambda w: {"pathway": w.pathway.pk}),
    # learning: steps, reflections, evidence
    Case(
        "learning:step_status",
        with_slug(step_id=lambda w: w.steps[1].pk),
        group(member=302, coordinator=302, facilitator=302),
        method="post",
        data=lambda w: {"action": "done"},
        changes=lambda w: StepProgress.objects.filter(group=w.group, step=w.steps[1], status="done").exists(),
    ),
    Case(
        "learning:reflection_add",
        with_slug(step_id=lambda w: w.steps[1].pk),
        group(member=302, coordinator=302, facilitator=302),
        method="post",
        data=lambda w: {"text": "We agreed a plan."},
    ),
    Case("learning:reflection_edit", with_slug(pk=lambda w: w.reflection.pk), group(member=200)),
    Case("learning:reflection_delete", with_slug(pk=lambda w: w.reflection.pk), group(member=302), method="post"),
    Case(
        "learning:reflection_hide",
        with_slug(pk=lambda w: w.reflection.pk),
        group(coordinator=302),
        method="post",
        data=lambda w: {"hidden": "1"},
        changes=lambda w: Reflection.objects.get(pk=w.reflection.pk).hidden,
    ),
    Case("learning:evidence_list", slug, group(**READ)),
    Case("learning:evidence_add", slug, group(**READ)),
    Case("learning:evidence_file", with_slug(pk=lambda w: w.evidence.pk), group(**READ), names_group=False),
    # "Attach to this step": whoever may add evidence (issue 17, item 4); pressing again changes nothing.
    Case(
        "learning:evidence_attach",
        with_slug(step_id=lambda w: w.steps[1].pk, pk=lambda w: w.evidence.pk),
        group(member=302, coordinator=302, facilitator=302),
        method="post",
        changes=lambda w: StepEvidence.objects.filter(evidence=w.evidence, step=w.steps[1]).exists(),
    ),
    Case(
        "learning:evidence_remove",
        with_slug(pk=lambda w: w.evidence.pk),
        group(member=302, coordinator=302),
        method="post",
    ),
    # learning: a stage's meeting pack is public like the stage; group A's name is printed on it only for
    # someone who works in group A, whoever asks for it by its slug (issue 15, item 3).
    Case(
        "learning:meeting_pack",
        lambda w: {"pk": w.steps[0].get_parent().pk},
        {role: 200 for role in ROLES},
        data=lambda w: {"group": w.group.slug},
        note="asking for group A by its slug",
    ),
    # The short link printed in the pack leads to the step, for everyone.
    Case("learning:step_link", lambda w: {"pk": w.steps[0].pk}, {role: 302 for role in ROLES}, names_group=False),
    # learning: the group's data download, for its coordinators only (issue 12, item 7)
    Case("learning:group_export", slug, group(coordinator=200)),
    Case(
        "learning:group_export",
        slug,
        group(coordinator=302),
        method="post",
        changes=lambda w: GroupExport.objects.filter(group=w.group).count(),
    ),
    Case(
        "learning:group_export_download",
        with_slug(pk=lambda w: _group_export(w).pk),
        group(coordinator=200),
        names_group=False,  # a zip file, not a page
    ),
    Case(
        "learning:certificate",
        lambda w: {"code": _certificate(w).code},
        {role: 200 for role in ROLES},
        may_name_group=ROLES,  # anyone with the link may check a certificate
    ),
    Case("learning:certificate", lambda w: {"code": "NOTAREALCODE"}, {role: 404 for role in ROLES}, note="unknown"),
    # Notices (issue 17, item 2): a person's own list; opening one is theirs alone (another's id is 404).
    # The world's events leave the member a round to rate, the coordinator a review and a request, funder A's
    # reviewer a grant: each list names group A to the person it concerns, so only theirs may.
    Case("learning:notices", lambda w: {}, SIGNED_IN, may_name_group=("funder_live",), names_group=False),
    Case(
        "learning:notice_open",
        lambda w: {"pk": _notice(w.member, "round_opened").pk},
        {**OUTSIDERS, "member": 302, "coordinator": 404, "facilitator": 404},
        note="the member's",
    ),
    Case(
        "learning:notice_open",
        lambda w: {"pk": _notice(w.reviewer_a, "share_granted").pk},
        {**OUTSIDERS, "member": 404, "coordinator": 404, "facilitator": 404, "funder_live": 302},
        note="funder A's reviewer's",
    ),
    Case(
        "learning:notices_read_all",
        lambda w: {},
        {**SIGNED_IN, "visitor": LOGIN} | {role: 302 for role in ROLES if role != "visitor"},
        method="post",
        names_group=False,
    ),
    # The facilitator's caseload (issue 16, item 1): only people who facilitate a group now; it lists group A
    # only to group A's facilitator. Nobody else learns it exists (403 for the signed in, sign-in for visitors).
    Case("learning:caseload", lambda w: {}, CASELOAD),
    Case("learning:caseload_export", lambda w: {}, CASELOAD),
    Case(
        "learning:caseload_verify",
        lambda w: {},
        {**CASELOAD, "facilitator": 302},
        method="post",
        data=lambda w: {"step": f"{w.group.pk}-{w.steps[1].pk}"},
        names_group=False,
    ),
    # readiness: the group's own pages
    Case("readiness:profile", slug, group(**READ)),
    Case("readiness:rounds", slug, group(**READ)),
    Case("readiness:open_round", slug, group(coordinator=302), method="post", data=lambda w: {"kind": "review"}),
    Case("readiness:round", with_slug(pk=lambda w: w.round.pk), group(**READ)),
    Case("readiness:rate", with_slug(pk=lambda w: w.open_round.pk), group(member=200, coordinator=200)),
    Case(
        "readiness:rate",
        with_slug(pk=lambda w: w.open_round.pk),
        group(member=302, coordinator=302),
        method="post",
        data=lambda w: {f"level_{w.governance.pk}": "2", f"comment_{w.governance.pk}": "We meet monthly."},
    ),
    Case("readiness:close_round", with_slug(pk=lambda w: w.open_round.pk), group(coordinator=302), method="post"),
    Case(
        "readiness:agree",
        with_slug(pk=lambda w: w.open_round.pk, domain_slug=lambda w: w.governance.slug),
        group(**READ),  # everyone in the group reads the spread of views; only the coordinator gets the form
    ),
    Case(
        "readiness:agree",
        with_slug(pk=lambda w: w.open_round.pk, domain_slug=lambda w: w.governance.slug),
        group(coordinator=302),
        method="post",
        data=lambda w: {"level": "3", "strengths": "A clear constitution.", "next_steps": "", "reasons": ""},
    ),
    Case("readiness:compare", slug, group(**READ)),
    # The old "Evidence by area" address leads to the one evidence library (issue 17, item 4).
    Case("readiness:evidence", slug, group(member=301, coordinator=301, facilitator=301)),
    Case(
        "readiness:evidence_domains",
        with_slug(pk=lambda w: w.evidence.pk),
        group(**READ),
    ),
    Case("readiness:group_reviews", slug, group(**READ)),
    Case("readiness:group_review", with_slug(pk=lambda w: w.review.pk), group(**READ)),
    Case("readiness:sharing", slug, group(member=200, coordinator=200)),
    # Stopping sharing goes through a confirmation page (issue 17, item 5); a POST without it changes nothing.
    Case("readiness:revoke", with_slug(pk=lambda w: w.grant.pk), group(coordinator=200)),
    Case(
        "readiness:revoke",
        with_slug(pk=lambda w: w.grant.pk),
        group(coordinator=302),
        method="post",
        data=lambda w: {"confirm": "yes"},
        changes=lambda w: ShareGrant.objects.get(pk=w.grant.pk).revoked_at is not None,
    ),
    Case(
        "readiness:findable",
        slug,
        group(coordinator=302),
        method="post",
        data=lambda w: {"findable": "on"},
        changes=lambda w: type(w.group).objects.get(pk=w.group.pk).findable,
    ),
    Case(
        "readiness:decline_request",
        with_slug(pk=lambda w: w.share_request.pk),
        group(coordinator=302),
        method="post",
    ),
    # readiness: funder pages
    Case("readiness:portfolio", lambda w: {}, FUNDERS_ONLY, may_name_group=("funder_live",)),
    # The cohort's figures count group A only for the funder it shares with; the other funder sees no group.
    Case("readiness:cohort", lambda w: {}, FUNDERS_ONLY, may_name_group=("funder_live",)),
    Case("readiness:portfolio_export", lambda w: {}, FUNDERS_ONLY, may_name_group=("funder_live",)),
    Case("readiness:portfolio_360giving", lambda w: {}, FUNDERS_ONLY, may_name_group=("funder_live",)),
    Case("readiness:ask_to_share", lambda w: {}, FUNDERS_ONLY, names_group=False),
    # Funder B asked group A to share: its own list names the group; funder A's never shows B's request.
    Case("readiness:share_requests", lambda w: {}, FUNDERS_ONLY, names_group=False, may_name_group=("funder_none",)),
    Case(
        "readiness:funder_group",
        slug,
        {**FUNDERS_ONLY, "funder_none": 404},
        may_name_group=("funder_live",),
    ),
    Case(
        "readiness:funder_group",
        slug,
        {**FUNDERS_ONLY, "funder_live": 302, "funder_none": 404},
        method="post",
        data=lambda w: {"decision": "ready", "feedback": "Clear and well run.", **_kept_ratings(w)},
    ),
    # Meetings (issue 16, item 2): members read them; the coordinator and the facilitator record them; a
    # member who came proposes a correction and the coordinator decides it; an action's owner or a
    # coordinator marks it done.
    Case("meetings:list", slug, group(**READ)),
    Case("meetings:record", slug, group(coordinator=200, facilitator=200)),
    Case(
        "meetings:record",
        slug,
        group(coordinator=302, facilitator=302),
        method="post",
        data=lambda w: _meeting_form(w),
        changes=lambda w: Meeting.objects.filter(group=w.group).count(),
    ),
    Case("meetings:detail", with_slug(pk=lambda w: _meeting(w).pk), group(**READ)),
    Case("meetings:propose_correction", with_slug(pk=lambda w: _meeting(w).pk), group(member=200)),
    Case(
        "meetings:propose_correction",
        with_slug(pk=lambda w: _meeting(w).pk),
        group(member=302),
        method="post",
        data=lambda w: {"text": "We agreed fortnightly."},
        changes=lambda w: MinutesCorrection.objects.filter(meeting__group=w.group).count(),
    ),
    Case(
        "meetings:decide_correction",
        with_slug(pk=lambda w: _meeting(w).pk, correction_pk=lambda w: w.correction.pk),
        group(coordinator=302),
        method="post",
        data=lambda w: {"decision": "accept"},
        changes=lambda w: MinutesCorrection.objects.get(pk=w.correction.pk).status,
    ),
    Case(
        "meetings:keep_as_evidence",
        with_slug(pk=lambda w: _meeting(w).pk),
        group(coordinator=302, facilitator=302),
        method="post",
        data=lambda w: {"evidence_type": "agm_minutes"},
        changes=lambda w: Meeting.objects.get(pk=w.meeting.pk).evidence_id,
    ),
    Case(
        "meetings:action_done",
        with_slug(pk=lambda w: _meeting(w).pk, action_pk=lambda w: w.meeting_action.pk),
        group(member=302, coordinator=302),
        method="post",
        changes=lambda w: MeetingAction.objects.get(pk=w.meeting_action.pk).done_at is not None,
    ),
    Case(
        "readiness:funder_evidence",
        with_slug(pk=lambda w: w.evidence.pk),
        {**FUNDERS_ONLY, "funder_none": 404},
        may_name_group=("funder_live",),
        names_group=False,  # a file, not a page
    ),
    # Partners (issue 18): the group's people read its asks; its coordinators record them, invite officers and
    # share; the invited officer of the body asked (sharing live) reads that body's asks and records the
    # decision, commitments and notes; an officer shut out or invited elsewhere finds nothing.
    Case("partners:group", slug, group(**READ, **OFFICER_READ), may_name_group=("officer",)),
    Case("partners:new_ask", slug, group(coordinator=200, officer=403), may_name_group=("officer",)),
    Case("partners:ask", partner_ask, group(**READ, **OFFICER_READ), may_name_group=("officer",)),
    Case("partners:ask", health_ask, group(**READ), note="an ask of another body"),
    Case(
        "partners:record_stage",
        partner_ask,
        group(coordinator=302, officer=302),
        method="post",
        data=lambda w: {"stage": "decided", "happened_on": "2026-02-20", "decision": "agreed"},
        changes=lambda w: StageRecord.objects.filter(ask=w.ask).count(),
        may_name_group=("officer",),
    ),
    Case(
        "partners:add_commitment",
        partner_ask,
        group(coordinator=302, officer=302),
        method="post",
        data=lambda w: {"what": "Fix the stairwell lights", "due_on": "2026-05-01", "owner": "Repairs team"},
        changes=lambda w: Commitment.objects.filter(ask=w.ask).count(),
        may_name_group=("officer",),
    ),
    Case(
        "partners:add_commitment",
        health_ask,
        group(coordinator=302),
        method="post",
        data=lambda w: {"what": "Open a clinic", "due_on": "2026-05-01", "owner": "Primary care"},
        changes=lambda w: Commitment.objects.filter(ask=w.health_ask).count(),
        note="an ask of another body",
    ),
    Case(
        "partners:add_note",
        partner_commitment,
        group(member=302, coordinator=302, officer=302),
        method="post",
        data=lambda w: {f"note-{w.commitment.pk}-text": "Progress."},
        changes=lambda w: ProgressNote.objects.filter(commitment=w.commitment).count(),
        may_name_group=("officer",),
    ),
    Case(
        "partners:mark_commitment",
        partner_commitment,
        group(coordinator=302, officer=403),
        method="post",
        data=lambda w: {f"mark-{w.commitment.pk}-status": "kept", f"mark-{w.commitment.pk}-reason": "Done."},
        changes=lambda w: Commitment.objects.get(pk=w.commitment.pk).status,
        may_name_group=("officer",),
    ),
    Case(
        "partners:four_cos",
        partner_ask,
        group(coordinator=302, officer=302),
        method="post",
        data=lambda w: dict.fromkeys(("commissioned", "designed", "delivered", "assessed"), "both"),
        changes=lambda w: FourCosAnswer.objects.filter(ask=w.ask).count(),
        may_name_group=("officer",),
    ),
    Case("partners:letter", partner_ask, group(**READ, officer=403), may_name_group=("officer",)),
    Case(
        "partners:letter",
        partner_ask,
        group(**READ, officer=403),
        method="post",
        data=lambda w: {"text": "Dear council, we ask to take part."},
        may_name_group=("officer",),
        names_group=False,
        note="the page to print",
    ),
    Case(
        "partners:publish",
        partner_ask,
        group(coordinator=302, officer=403),
        method="post",
        data=lambda w: {"comment": "Slow but steady."},
        changes=lambda w: Ask.objects.get(pk=w.ask.pk).published_at is not None,
        may_name_group=("officer",),
    ),
    Case("partners:published", slug, {role: 404 for role in ROLES}, names_group=False, note="nothing published"),
    Case(
        "partners:published",
        lambda w: {"slug": w.other_group.slug},
        {role: 200 for role in ROLES},
        names_group=False,
        note="group B published a summary",
    ),
    Case("partners:officers", slug, group(**READ)),
    Case(
        "partners:officers",
        slug,
        group(coordinator=302),
        method="post",
        data=lambda w: {
            "body": w.council.pk,
            "name": "A. Officer",
            "email": "a.officer@example.org",
            "share_asks": "on",
        },
        changes=lambda w: PartnerContact.objects.filter(group=w.group).count(),
        note="invite",
    ),
    Case(
        "partners:stop_sharing",
        with_slug(pk=lambda w: w.contact_grant.pk),
        group(coordinator=302),
        method="post",
        data=lambda w: {"confirm": "yes"},
        changes=lambda w: w.group.partner_grants.filter(revoked_at__isnull=True).count(),
    ),
    Case(
        "partners:stop_sharing",
        with_slug(pk=lambda w: w.contact_grant.pk),
        group(coordinator=200),
        note="the confirmation page",
    ),
    Case("partners:officer_home", lambda w: {}, SIGNED_IN, may_name_group=("officer",), names_group=False),
    Case(
        "partners:join",
        lambda w: {"token": w.pending.token},
        SIGNED_IN,
        names_group=False,
        note="an invitation for someone else",
    ),
]


def _meeting(w):
    """Group A's meeting, recorded by its coordinator with the member present, an action for the member and
    the member's proposed correction (made once per test: each test's changes are rolled back)."""
    if getattr(w, "meeting", None) is None:
        w.meeting, _created = meeting_services.record_meeting(
            group=w.group,
            by=w.coordinator,
            token=uuid.uuid4(),
            held_on=timezone.localdate(),
            place="The hall",
            attendees=[w.member],
            decisions="We agreed to meet monthly.",
            actions=[{"text": "Book the hall", "owner": w.member, "owner_name": "", "due_on": timezone.localdate()}],
        )
        w.meeting_action = w.meeting.actions.get()
        w.correction = meeting_services.propose_correction(meeting=w.meeting, by=w.member, text="We agreed weekly.")
    return w.meeting


def _meeting_form(w):
    return {
        "token": str(uuid.uuid4()),
        "held_on": timezone.localdate().isoformat(),
        "online": "on",
        "others_present": "3",
        "decisions": "Recorded by the matrix.",
        "actions-TOTAL_FORMS": "5",
        "actions-INITIAL_FORMS": "0",
        "actions-MIN_NUM_FORMS": "0",
        "actions-MAX_NUM_FORMS": "5",
    }


def _notice(person, kind):
    return Notice.objects.filter(recipient=person, kind=kind).first()


def _certificate(w):
    return Certificate.objects.create(
        group=w.group,
        pathway=w.pathway,
        group_name=w.group.name,
        pathway_title=w.pathway.title,
        completed_at=timezone.now(),
    )


def _group_export(w):
    """A ready download of group A's data, asked for by its coordinator."""
    return request_group_export(group=w.group, by=w.coordinator)


def _kept_ratings(w):
    from learning.readiness.selectors import Scope, readiness_profile, suggestions_for

    suggestions = suggestions_for(readiness_profile(w.group, Scope.of_grant(w.grant)), w.funder_a)
    return {f"rating_{domain.pk}": item.rating for domain, item in suggestions.items()}


def body_of(response):
    if response.streaming:
        return b"".join(response.streaming_content)
    return response.content


def check(response, expected, case, role, world):
    where = f"{case.id} as {role}"
    if expected == LOGIN:
        assert response.status_code == 302, where
        assert "/accounts/sign-in/" in response["Location"], where
    else:
        assert response.status_code == expected, f"{where}: {response.status_code}"
    if role != "visitor":
        assert_kept_out_of_caches(response, where)
    names_group = world.group.name.encode() in body_of(response)
    if role not in GROUP_ROLES and role not in case.may_name_group:
        assert not names_group, f"{where} shows group A's name"
    elif expected == 200 and case.method == "get" and case.names_group:
        assert names_group, f"{where} does not show group A's name"


def cases_of(*namespaces):
    """The matrix's rows for the URLs of these namespaces, as a parametrize mark for one test file."""
    return pytest.mark.parametrize(
        "case", [case for case in CASES if case.name.split(":")[0] in namespaces], ids=lambda case: case.id
    )


def try_case(as_role, world, case, role):
    """One cell of the matrix: `role` asks for `case`'s URL with group A's real ids."""
    client = as_role(role)
    url = reverse(case.name, kwargs=case.kwargs(world))
    before = case.changes(world) if case.changes else None
    response = getattr(client, case.method)(url, case.data(world))
    check(response, case.expected[role], case, role, world)
    if case.changes:
        changed = case.changes(world) != before
        assert changed == (case.expected[role] == 302), f"{case.id} as {role}: changed is {changed}"
