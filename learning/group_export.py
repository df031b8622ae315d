"""A group takes all of its data away: a zip of CSV and JSON files, its evidence files and a README.

A coordinator asks for it (`request_group_export`); a background task (django-tasks) builds the zip
into the private storage (`prepare_group_export`); the coordinator downloads it until it expires
(`LEARNING_GROUP_EXPORT_DAYS`, 7 by default); `purge_expired_exports` removes expired files.

The core writes the group's own records. Other parts of the plugin add theirs through
`register_section` from their AppConfig.ready() (readiness adds rounds, grants, the access log and
reviews), so this module never imports them. A section is a callable taking the group and returning
`Table`s (written as both `<name>.csv` and `<name>.json`) and `Attachment`s (files copied as they are).

People are named by their display name only: the zip never holds another person's email address.
Every query reads a whole table for the group at once, so the number of queries does not grow with
the group's size.
"""

import csv
import datetime
import io
import json
import logging
import os
import re
import zipfile
from dataclasses import dataclass, field

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.db.models import Prefetch
from django.utils import timezone
from django.utils.translation import gettext as _
from django_tasks import task

from . import permissions
from .exports import spreadsheet_safe
from .models import (
    ActivityEntry,
    Certificate,
    CommunityGroup,
    Evidence,
    ExportStatus,
    FacilitatorAssignment,
    GroupExport,
    Membership,
    PathwayProgress,
    Reflection,
    StepEvidence,
    StepProgress,
)

logger = logging.getLogger(__name__)


def export_days():
    """How many days a prepared download of a group's data stays available."""
    return int(getattr(settings, "LEARNING_GROUP_EXPORT_DAYS", 7))


# A download still "being prepared" after this long is taken to have failed (a worker stopped), so
# the coordinator can ask again.
STALE_AFTER = datetime.timedelta(hours=1)


@dataclass
class Table:
    """Rows written as `<name>.csv` (every cell spreadsheet-safe) and `<name>.json`."""

    name: str
    about: str
    columns: list
    rows: list = field(default_factory=list)


@dataclass
class Attachment:
    """A stored file copied into the zip as `name`."""

    name: str
    file: object  # a FieldFile


_SECTIONS = []


def register_section(section):
    """Add a callable `section(group) -> [Table | Attachment, ...]` to every group's download (once)."""
    if section not in _SECTIONS:
        _SECTIONS.append(section)


def sections():
    return [core_section, *_SECTIONS]


def person_name(user):
    """A person as the group sees them: their display name, never their email address."""
    return user.get_display_name() if user is not None else ""


def safe_filename(name, *, fallback="file"):
    """A file name that cannot climb out of its folder in the zip or confuse a spreadsheet program."""
    base = os.path.basename((name or "").replace("\\", "/"))
    base = re.sub(r"[^A-Za-z0-9._ -]+", "-", base).strip(" .-")
    return base[:100] or fallback


CONSENT_COLUMNS = ["shared_by", "shared", "until", "stopped", "stopped_by"]


def consent_cells(grant):
    """A grant's consent (`learning.models.consent.ConsentGrant`) as cells: who shared, when, until when, and
    when and by whom it stopped."""
    return {
        "shared_by": person_name(grant.granted_by),
        "shared": grant.granted_at,
        "until": grant.expires_at,
        "stopped": grant.revoked_at,
        "stopped_by": person_name(grant.revoked_by),
    }


def access_log_table(name, about, entries, *, column, organisation):
    """A log of views from outside the group (`learning.models.access_log.AccessLogEntry`) as a table: when,
    the organisation that looked (`column`, named by `organisation(entry)`), who, what and the detail."""
    return Table(
        name,
        about,
        ["when", column, "who", "what", "detail"],
        [
            {
                "when": entry.viewed_at,
                column: organisation(entry),
                "who": person_name(entry.viewer),
                "what": entry.get_kind_display(),
                "detail": entry.detail,
            }
            for entry in entries
        ],
    )


# --- The core's own records ---------------------------------------------------------------------


def core_section(group):
    """The group's profile, members, facilitators, progress, activity, reflections, evidence and certificates."""
    memberships = Membership.objects.filter(group=group).select_related("user").order_by("joined", "pk")
    facilitators = FacilitatorAssignment.objects.filter(group=group).select_related("facilitator")
    step_progress = (
        StepProgress.objects.filter(group=group).select_related("step", "pathway", "changed_by").order_by("pk")
    )
    pathway_progress = PathwayProgress.objects.filter(group=group).select_related("pathway").order_by("pk")
    activity = (
        ActivityEntry.objects.filter(group=group)
        .select_related("actor", "step", "pathway")
        .order_by("created_at", "pk")
    )
    reflections = Reflection.objects.filter(group=group).select_related("step", "author").order_by("created", "pk")
    evidence = list(
        Evidence.objects.filter(group=group)
        .select_related("step", "added_by")
        .prefetch_related(Prefetch("step_attachments", queryset=StepEvidence.objects.select_related("step")))
        .order_by("added_at", "pk")
    )
    certificates = Certificate.objects.filter(group=group).order_by("completed_at", "pk")

    files = {}
    for item in evidence:
        if item.file and item.removed_at is None:
            files[item.pk] = f"evidence/{item.pk}-{safe_filename(item.original_filename or item.file.name)}"

    parts = [
        Table(
            "profile",
            _(
                "The group's details: name, web address name, place, description, legal form, the identifier "
                "funders use (its registration, or the Hub's own if it is not registered), postcode, when it was "
                "started and, if it was closed, when."
            ),
            ["name", "slug", "place", "description", "legal_form", "identifier", "postcode", "created", "closed"],
            [
                {
                    "name": group.name,
                    "slug": group.slug,
                    "place": group.place,
                    "description": group.description,
                    "legal_form": group.get_legal_form_display() if group.legal_form else "",
                    "identifier": group.identifier,
                    "postcode": group.postcode,
                    "created": group.created,
                    "closed": group.closed_at,
                }
            ],
        ),
        Table(
            "members",
            _(
                "Everyone who has been in the group: their name, their role, when they joined and when they left "
                "(blank if they are still in the group). No email addresses."
            ),
            ["name", "role", "joined", "left"],
            [
                {"name": person_name(m.user), "role": m.get_role_display(), "joined": m.joined, "left": m.left}
                for m in memberships
            ],
        ),
        Table(
            "facilitators",
            _("Facilitators who support or supported the group: their name and whether they are active."),
            ["name", "status", "since", "ended"],
            [
                {
                    "name": person_name(a.facilitator),
                    "status": a.get_status_display(),
                    "since": a.accepted_at or a.created_at,
                    "ended": a.ended_at,
                }
                for a in facilitators
            ],
        ),
        Table(
            "pathway_progress",
            _("Each pathway the group works through: steps done, steps in total, percent and when it was completed."),
            ["pathway", "done", "total", "percent", "last_activity", "completed"],
            [
                {
                    "pathway": p.pathway.title,
                    "done": p.done,
                    "total": p.total,
                    "percent": p.percent,
                    "last_activity": p.last_activity_at,
                    "completed": p.completed_at,
                }
                for p in pathway_progress
            ],
        ),
        Table(
            "step_progress",
            _("The status of each step the group has worked on, who last changed it and when."),
            ["pathway", "step", "status", "changed_by", "changed", "recorded_by_facilitator"],
            [
                {
                    "pathway": s.pathway.title if s.pathway else "",
                    "step": s.step.title,
                    "status": s.get_status_display(),
                    "changed_by": person_name(s.changed_by),
                    "changed": s.changed_at,
                    "recorded_by_facilitator": s.on_behalf,
                }
                for s in step_progress
            ],
        ),
        Table(
            "activity",
            _("The group's activity: who did what, on which step, and when."),
            ["when", "who", "what", "pathway", "step", "recorded_by_facilitator", "note"],
            [
                {
                    "when": a.created_at,
                    "who": person_name(a.actor),
                    "what": a.get_verb_display(),
                    "pathway": a.pathway.title if a.pathway else "",
                    "step": a.step.title if a.step else "",
                    "recorded_by_facilitator": a.recorded_by_facilitator,
                    "note": a.note,
                }
                for a in activity
            ],
        ),
        Table(
            "reflections",
            _(
                "Reflections members wrote on steps, as they typed them, with who wrote them and whether the "
                "coordinator hid them."
            ),
            ["step", "author", "text", "written", "edited", "hidden"],
            [
                {
                    "step": r.step.title,
                    "author": person_name(r.author),
                    "text": r.text,
                    "written": r.created,
                    "edited": r.edited,
                    "hidden": r.hidden,
                }
                for r in reflections
            ],
        ),
        Table(
            "evidence",
            _(
                "The group's evidence: title, type, the step it was added on and the other steps it is kept for, "
                "note, valid until, who added it and when, and the name of its "
                "file in the evidence folder of this download (removed evidence is listed without its file)."
            ),
            [
                "id",
                "title",
                "type",
                "step",
                "also_kept_for_steps",
                "note",
                "valid_until",
                "added_by",
                "added",
                "removed",
                "original_file_name",
                "file_in_this_download",
            ],
            [
                {
                    "id": e.pk,
                    "title": e.title,
                    "type": e.get_evidence_type_display(),
                    "step": e.step.title if e.step else "",
                    "also_kept_for_steps": "; ".join(each.step.title for each in e.step_attachments.all()),
                    "note": e.note,
                    "valid_until": e.valid_until,
                    "added_by": person_name(e.added_by),
                    "added": e.added_at,
                    "removed": e.removed_at,
                    "original_file_name": e.original_filename,
                    "file_in_this_download": files.get(e.pk, ""),
                }
                for e in evidence
            ],
        ),
        Table(
            "certificates",
            _("Certificates the group earned, with the code anyone can use to check them."),
            ["pathway", "group_name", "completed", "code"],
            [
                {"pathway": c.pathway_title, "group_name": c.group_name, "completed": c.completed_at, "code": c.code}
                for c in certificates
            ],
        ),
    ]
    parts += [Attachment(name, e.file) for e in evidence if (name := files.get(e.pk))]
    return parts


# --- Writing the zip ------------------------------------------------------------------------------


def _cell(value):
    """A cell as a spreadsheet shows it: times in the site's time zone to the second, formulas defused."""
    if isinstance(value, datetime.datetime):
        return timezone.localtime(value).strftime("%Y-%m-%d %H:%M:%S")
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    return spreadsheet_safe(value)


def _csv_bytes(table):
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(table.columns)
    for row in table.rows:
        writer.writerow([_cell(row.get(column)) for column in table.columns])
    # A byte-order mark, so spreadsheet programs read names with accents correctly.
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def _json_bytes(data):
    return json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2).encode("utf-8")


def _copy_file(archive, name, file_field):
    """Copy a stored file into the zip; a file the storage has lost is left out, not fatal."""
    try:
        with file_field.open("rb") as handle:
            archive.writestr(name, handle.read())
    except (OSError, ValueError):
        logger.warning("Left %s out of a group download: its file could not be read", name)
        return False
    return True


def _readme(group, listed, missing):
    lines = [
        _("Everything %(group)s keeps on the Co-production Hub, downloaded on %(date)s.")
        % {"group": group.name, "date": timezone.localtime().strftime("%d %B %Y at %H:%M")},
        "",
        _(
            "Each table comes twice: a .csv file opens in a spreadsheet program; a .json file is for other "
            "software. Cells that could be read as a formula start with an apostrophe (')."
        ),
        _("People are named as the group sees them. The download holds no email addresses."),
        "",
        _("What each file holds:"),
        "",
    ]
    for name, about in listed:
        lines.append(f"{name}")
        lines.append(f"    {about}")
    if missing:
        lines += ["", _("These files could not be read and are not in this download:")] + [f"    {m}" for m in missing]
    return ("\n".join(lines) + "\n").encode("utf-8")


def write_group_zip(group, target):
    """Write the group's download into `target` (a binary file object)."""
    listed, missing = [], []
    with zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        attachments = []
        for section in sections():
            for part in section(group):
                if isinstance(part, Table):
                    archive.writestr(f"{part.name}.csv", _csv_bytes(part))
                    archive.writestr(f"{part.name}.json", _json_bytes(part.rows))
                    listed.append((f"{part.name}.csv, {part.name}.json", part.about))
                else:
                    attachments.append(part)
        for part in attachments:
            if not _copy_file(archive, part.name, part.file):
                missing.append(part.name)
        if attachments:
            listed.append(
                ("evidence/", _("The group's evidence files, named <id>-<original name>; evidence.csv says which."))
            )
        archive.writestr("README.txt", _readme(group, listed, missing))


# --- Asking for, building, finding and removing downloads -----------------------------------------


def preparing_export(group):
    """The download of this group still being prepared, if there is one that has not stalled."""
    return (
        GroupExport.objects.filter(
            group=group, status=ExportStatus.PREPARING, created_at__gt=timezone.now() - STALE_AFTER
        )
        .order_by("-created_at")
        .first()
    )


def request_group_export(*, group, by):
    """Ask for a new download of the group's data, built in the background; return its row.

    Asking again while one is being prepared returns that one.
    """
    if not permissions.can_export_group(by, group):
        raise PermissionError("Only the group's coordinators can download all of its data.")
    with transaction.atomic():
        CommunityGroup.objects.select_for_update().filter(pk=group.pk).first()
        existing = preparing_export(group)
        if existing is not None:
            return existing
        export = GroupExport.objects.create(group=group, requested_by=by)
    build_group_export.enqueue(export_id=export.pk)
    export.refresh_from_db()
    return export


def prepare_group_export(*, export_id):
    """Build the zip of a download that is being prepared; mark it ready (or failed)."""
    export = GroupExport.objects.select_related("group").filter(pk=export_id, status=ExportStatus.PREPARING).first()
    if export is None:
        return None
    try:
        buffer = io.BytesIO()
        write_group_zip(export.group, buffer)
        now = timezone.now()
        export.file.save(f"{export.group.slug}.zip", ContentFile(buffer.getvalue()), save=False)
        export.size = buffer.tell()
        export.status = ExportStatus.READY
        export.ready_at = now
        export.expires_at = now + datetime.timedelta(days=export_days())
        export.save(update_fields=["file", "size", "status", "ready_at", "expires_at"])
        # Only the newest download is offered: older ones go now rather than wait for their expiry, so
        # asking again and again never piles copies of the group's files up in storage.
        for older in GroupExport.objects.filter(group=export.group_id, created_at__lt=export.created_at):
            delete_export_file(older)
            older.delete()
    except Exception:
        logger.exception("Could not prepare the data download %s of group %s", export.pk, export.group_id)
        GroupExport.objects.filter(pk=export.pk).update(status=ExportStatus.FAILED)
        raise
    return export


@task()
def build_group_export(*, export_id):
    prepare_group_export(export_id=export_id)


def is_stalled(export, now=None):
    """Whether a download asked for is still "being prepared" so long after that it will not finish."""
    return (
        export is not None
        and export.status == ExportStatus.PREPARING
        and export.created_at <= (now or timezone.now()) - STALE_AFTER
    )


def latest_export(group):
    return GroupExport.objects.filter(group=group).order_by("-created_at", "-pk").first()


def downloadable_export(group, pk):
    """The group's download with this id, or None (another group's id finds nothing)."""
    return GroupExport.objects.filter(group=group, pk=pk).first()


def delete_export_file(export):
    """Remove the zip from storage; a file already gone is fine."""
    if export.file:
        try:
            export.file.storage.delete(export.file.name)
        except OSError:
            logger.warning("Could not delete the expired group download file %s", export.file.name)


def purge_expired_exports(now=None):
    """Delete expired (and failed or stalled) group downloads and their files; return how many went.

    Run daily by `manage.py purge_expired_exports` (accounts) or the site's retention command.
    """
    now = now or timezone.now()
    expired = GroupExport.objects.filter(expires_at__lte=now) | GroupExport.objects.filter(
        status__in=[ExportStatus.FAILED, ExportStatus.PREPARING], created_at__lte=now - STALE_AFTER
    )
    count = 0
    for export in expired.distinct():
        delete_export_file(export)
        export.delete()
        count += 1
    return count


def on_export_deleted(sender, instance, **kwargs):
    """A download deleted with its group (a purge of closed groups) takes its file along, after commit."""
    if instance.file:
        name, storage = instance.file.name, instance.file.storage
        transaction.on_commit(lambda: storage.delete(name) if storage.exists(name) else None)
