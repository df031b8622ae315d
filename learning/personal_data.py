"""The learning app's part of a person's data download: their groups and what they did in them.

Listed in the host's `ACCOUNTS_PERSONAL_DATA_PROVIDERS`; returns plain dicts (see the host's
`accounts.data_export`), so this app never imports the host. Only the person's own records: their
memberships, the activity they did, the step changes they recorded, their reflections and the
evidence they added, with the files they uploaded, and the notices the Hub kept for them with their
choices of email.
"""

from django.utils.translation import gettext as _

from . import notices as notice_kinds
from .group_export import safe_filename
from .models import (
    ActivityEntry,
    Evidence,
    FacilitatorAssignment,
    Invitation,
    Membership,
    Notice,
    NoticeEmailChoice,
    Reflection,
    StepProgress,
)


def personal_data(user):
    memberships = Membership.objects.filter(user=user).select_related("group").order_by("joined", "pk")
    facilitating = FacilitatorAssignment.objects.filter(facilitator=user).select_related("group").order_by("pk")
    activity = (
        ActivityEntry.objects.filter(actor=user).select_related("group", "step", "pathway").order_by("created_at", "pk")
    )
    progress = StepProgress.objects.filter(changed_by=user).select_related("group", "step", "pathway").order_by("pk")
    reflections = Reflection.objects.filter(author=user).select_related("group", "step").order_by("created", "pk")
    evidence = list(Evidence.objects.filter(added_by=user).select_related("group", "step").order_by("added_at", "pk"))
    invitations = Invitation.objects.filter(used_by=user).select_related("group").order_by("used_at", "pk")
    notices = Notice.objects.filter(recipient=user).select_related("group").order_by("created_at", "pk")
    email_choices = NoticeEmailChoice.objects.filter(user=user).order_by("kind", "pk")

    files = {
        e.pk: f"learning/evidence-files/{e.pk}-{safe_filename(e.original_filename or e.file.name)}"
        for e in evidence
        if e.file
    }
    parts = [
        {
            "name": "learning/groups.json",
            "about": _("The groups you are or were in: your role, when you joined and when you left."),
            "data": [
                {"group": m.group.name, "role": m.get_role_display(), "joined": m.joined, "left": m.left}
                for m in memberships
            ],
        },
        {
            "name": "learning/facilitating.json",
            "about": _("Groups you support or supported as a facilitator."),
            "data": [
                {"group": a.group.name, "status": a.get_status_display(), "since": a.created_at, "ended": a.ended_at}
                for a in facilitating
            ],
        },
        {
            "name": "learning/invitations_used.json",
            "about": _("Invitation links you used to join a group, and when."),
            "data": [{"group": i.group.name, "role": i.get_role_display(), "used": i.used_at} for i in invitations],
        },
        {
            "name": "learning/activity.json",
            "about": _("What you did in your groups, and when."),
            "data": [
                {
                    "group": a.group.name,
                    "what": a.get_verb_display(),
                    "pathway": a.pathway.title if a.pathway else "",
                    "step": a.step.title if a.step else "",
                    "when": a.created_at,
                    "recorded_as_facilitator": a.recorded_by_facilitator,
                }
                for a in activity
            ],
        },
        {
            "name": "learning/step_progress.json",
            "about": _("Steps whose status you were the last to change, and the status you recorded."),
            "data": [
                {
                    "group": s.group.name,
                    "pathway": s.pathway.title if s.pathway else "",
                    "step": s.step.title,
                    "status": s.get_status_display(),
                    "changed": s.changed_at,
                }
                for s in progress
            ],
        },
        {
            "name": "learning/reflections.json",
            "about": _("Reflections you wrote, as you typed them."),
            "data": [
                {
                    "group": r.group.name,
                    "step": r.step.title,
                    "text": r.text,
                    "written": r.created,
                    "edited": r.edited,
                    "hidden_by_coordinator": r.hidden,
                }
                for r in reflections
            ],
        },
        {
            "name": "learning/evidence.json",
            "about": _("Evidence you added to your groups, and the name of its file in learning/evidence-files/."),
            "data": [
                {
                    "group": e.group.name,
                    "title": e.title,
                    "type": e.get_evidence_type_display(),
                    "step": e.step.title if e.step else "",
                    "note": e.note,
                    "valid_until": e.valid_until,
                    "added": e.added_at,
                    "removed": e.removed_at,
                    "original_file_name": e.original_filename,
                    "file_in_this_download": files.get(e.pk, ""),
                }
                for e in evidence
            ],
        },
        {
            "name": "learning/notices.json",
            "about": _("Notices the Hub kept for you: what happened, in which group, and when you opened each."),
            "data": [
                {
                    "notice": notice_kinds.describe(n),
                    "group": n.group.name if n.group else "",
                    "link": n.url,
                    "made": n.created_at,
                    "opened": n.read_at,
                }
                for n in notices
            ],
        },
        {
            "name": "learning/notice_emails.json",
            "about": _("The kinds of notice you chose to get, or not to get, by email."),
            "data": [{"kind": c.kind, "email": c.email} for c in email_choices],
        },
    ]
    about_files = _("Files you uploaded as evidence, named <id>-<original name>.")
    parts += [{"name": files[e.pk], "about": about_files, "file": e.file} for e in evidence if e.pk in files]
    return parts
