"""A person's copy of everything the site keeps about them (UK GDPR right of access), as a zip.

The person asks on /accounts/data/; a background task (django-tasks) builds the zip into the private
storage; they download it until it expires (`ACCOUNTS_DATA_EXPORT_DAYS`, 7 by default), then
`purge_expired_exports` (run by `manage.py purge_expired_exports`) deletes it.

Accounts writes the account itself and the sign-in history. Every other app adds its own part
through a provider listed in `ACCOUNTS_PERSONAL_DATA_PROVIDERS` (dotted paths), so accounts never
needs the plugin apps and the plugin apps never import accounts. A provider is a callable taking
the user and returning a list of plain dicts, one per file in the zip:

    {"name": "learning/reflections.json", "about": "What the file holds", "data": <JSON-able>}
    {"name": "learning/evidence-files/12-report.pdf", "about": "...", "file": <a FieldFile>}

A provider reports only what the person did or is (their own reflections, ratings, stories), never
another person's records.
"""

import io
import json
import logging
import zipfile
from datetime import timedelta

from django.apps import apps
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _
from django_tasks import task

from .models import PersonalDataExport

logger = logging.getLogger(__name__)

DEFAULT_PROVIDERS = [
    "learning.personal_data.personal_data",
    "learning.readiness.personal_data.personal_data",
    "learning.partners.personal_data.personal_data",
    "resources.personal_data.personal_data",
]

# A download still "being prepared" after this long is taken to have failed, so the person can ask again.
STALE_AFTER = timedelta(hours=1)


def export_days():
    """How many days a prepared download of a person's data stays available."""
    return int(getattr(settings, "ACCOUNTS_DATA_EXPORT_DAYS", 7))


def providers():
    """The providers of installed apps: a provider whose module is missing is skipped, not fatal."""
    found = []
    for path in getattr(settings, "ACCOUNTS_PERSONAL_DATA_PROVIDERS", DEFAULT_PROVIDERS):
        app_module = path.rsplit(".", 2)[0]
        if not apps.is_installed(app_module):
            continue
        found.append(import_string(path))
    return found


# --- The account's own part -----------------------------------------------------------------------


def _two_factor(user):
    """Whether the person has a confirmed second factor, or None on a site without django-otp."""
    if not apps.is_installed("django_otp"):
        return None
    # import here because django-otp is optional: a site without it has no second factors to report.
    from django_otp import devices_for_user

    return any(True for _device in devices_for_user(user, confirmed=True))


def _wagtail_profile(user):
    if not apps.is_installed("wagtail.users"):
        return None, None
    UserProfile = apps.get_model("wagtailusers", "UserProfile")
    profile = UserProfile.objects.filter(user=user).first()
    if profile is None:
        return None, None
    data = {
        "preferred_language": profile.preferred_language,
        "current_time_zone": profile.current_time_zone,
        "admin_theme": getattr(profile, "theme", ""),
        "has_avatar": bool(profile.avatar),
    }
    return data, (profile.avatar if profile.avatar else None)


def _sign_in_history(user):
    """django-axes' records of sign-ins and failed tries under this person's email address."""
    if not apps.is_installed("axes"):
        return []
    records = []
    for model_name, kind in (
        ("AccessLog", _("signed in")),
        ("AccessAttempt", _("failed tries")),
        ("AccessFailureLog", _("failed try")),
    ):
        try:
            model = apps.get_model("axes", model_name)
        except LookupError:
            continue
        for row in model.objects.filter(username__iexact=user.email).order_by("attempt_time"):
            record = {
                "kind": kind,
                "when": row.attempt_time,
                "ip_address": row.ip_address,
                "browser": row.user_agent,
                "path": row.path_info,
            }
            if hasattr(row, "logout_time"):
                record["signed_out"] = row.logout_time
            if hasattr(row, "failures_since_start"):
                record["failures"] = row.failures_since_start
            if hasattr(row, "locked_out"):
                record["locked_out"] = row.locked_out
            records.append(record)
    return records


def account_part(user):
    profile, avatar = _wagtail_profile(user)
    account = {
        "email": user.email,
        "display_name": user.display_name,
        "first_name": user.first_name,
        "last_name": user.last_name,
        "joined": user.date_joined,
        "last_signed_in": user.last_login,
        "email_confirmed": user.email_confirmed_at,
        "two_step_sign_in": _two_factor(user),
        "is_staff": user.is_staff,
        "staff_groups": list(user.groups.values_list("name", flat=True)),
        "signed_out_everywhere": user.sessions_valid_after,
        "admin_profile": profile,
    }
    parts = [
        {
            "name": "account/account.json",
            "about": _(
                "Your account: email address, names, when you joined and last signed in, when you confirmed your "
                "email, whether two-step sign-in is on, and your settings in the editors' admin if you have them."
            ),
            "data": account,
        },
        {
            "name": "account/sign_in_history.json",
            "about": _(
                "Sign-ins and failed sign-in tries under your email address: when, from which internet address and "
                "with which browser. Kept for a limited time only."
            ),
            "data": _sign_in_history(user),
        },
    ]
    if avatar:
        parts.append(
            {
                "name": f"account/avatar-{avatar.name.rsplit('/', 1)[-1]}",
                "about": _("Your picture in the editors' admin."),
                "file": avatar,
            }
        )
    return parts


# --- Writing the zip ------------------------------------------------------------------------------


def _json_bytes(data):
    return json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2).encode("utf-8")


def _readme(user, listed, folders, missing):
    lines = [
        _("Everything the Co-production Hub keeps about you, downloaded on %(date)s.")
        % {"date": date_format(timezone.localtime(), "DATETIME_FORMAT")},
        "",
        _(
            "The .json files can be opened with any text editor. Your own uploaded files (evidence, photos) are "
            "in the folders named below, as you uploaded them."
        ),
        _(
            "What you did for a group (progress, reflections, evidence) also stays with the group when you leave "
            'it or erase your account; it then reads "A former member".'
        ),
        "",
        _("What each file holds:"),
        "",
    ]
    for name, about in listed:
        lines += [name, f"    {about}"]
    for folder, about in sorted(folders.items()):
        lines += [folder, f"    {about}"]
    if missing:
        lines += ["", _("These files could not be read and are not in this download:")] + [f"    {m}" for m in missing]
    return ("\n".join(lines) + "\n").encode("utf-8")


def write_personal_zip(user, target):
    """Write the person's download into `target` (a binary file object)."""
    listed, folders, missing = [], {}, []
    with zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for provider in [account_part, *providers()]:
            for part in provider(user):
                name = part["name"]
                if "file" in part:
                    folder = name.rsplit("/", 1)[0] + "/"
                    if part.get("about"):
                        folders.setdefault(folder, part["about"])
                    try:
                        with part["file"].open("rb") as handle:
                            archive.writestr(name, handle.read())
                    except (OSError, ValueError):
                        logger.warning("Left %s out of a personal data download: its file could not be read", name)
                        missing.append(name)
                else:
                    archive.writestr(name, _json_bytes(part["data"]))
                    listed.append((name, part["about"]))
        archive.writestr("README.txt", _readme(user, listed, folders, missing))


# --- Asking for, building, finding and removing downloads -----------------------------------------


def preparing_export(user):
    return (
        PersonalDataExport.objects.filter(
            user=user, status=PersonalDataExport.PREPARING, created_at__gt=timezone.now() - STALE_AFTER
        )
        .order_by("-created_at")
        .first()
    )


def request_personal_export(*, user):
    """Ask for a new download of the person's data, built in the background; asking twice returns the first."""
    with transaction.atomic():
        get_user_model().objects.select_for_update().filter(pk=user.pk).first()
        existing = preparing_export(user)
        if existing is not None:
            return existing
        export = PersonalDataExport.objects.create(user=user)
    build_personal_export.enqueue(export_id=export.pk)
    export.refresh_from_db()
    return export


def prepare_personal_export(*, export_id):
    """Build the zip of a download being prepared; mark it ready (or failed)."""
    export = (
        PersonalDataExport.objects.select_related("user")
        .filter(pk=export_id, status=PersonalDataExport.PREPARING)
        .first()
    )
    if export is None:
        return None
    try:
        buffer = io.BytesIO()
        write_personal_zip(export.user, buffer)
        now = timezone.now()
        export.file.save("personal-data.zip", ContentFile(buffer.getvalue()), save=False)
        export.size = buffer.tell()
        export.status = PersonalDataExport.READY
        export.ready_at = now
        export.expires_at = now + timedelta(days=export_days())
        export.save(update_fields=["file", "size", "status", "ready_at", "expires_at"])
        # Only the newest download is offered: older ones go now rather than wait for their expiry.
        for older in PersonalDataExport.objects.filter(user=export.user_id, created_at__lt=export.created_at):
            _delete_file(older)
            older.delete()
    except Exception:
        logger.exception("Could not prepare personal data download %s", export.pk)
        PersonalDataExport.objects.filter(pk=export.pk).update(status=PersonalDataExport.FAILED)
        raise
    return export


@task()
def build_personal_export(*, export_id):
    prepare_personal_export(export_id=export_id)


def is_stalled(export, now=None):
    """Whether a download asked for is still "being prepared" so long after that it will not finish."""
    return (
        export is not None
        and export.status == PersonalDataExport.PREPARING
        and export.created_at <= (now or timezone.now()) - STALE_AFTER
    )


def latest_export(user):
    return PersonalDataExport.objects.filter(user=user).order_by("-created_at", "-pk").first()


def own_export(user, pk):
    """The person's own download with this id, or None: another person's id finds nothing."""
    return PersonalDataExport.objects.filter(user=user, pk=pk).first()


def _delete_file(export):
    if export.file:
        try:
            export.file.storage.delete(export.file.name)
        except OSError:
            logger.warning("Could not delete the expired download file %s", export.file.name)


def purge_expired_exports(now=None):
    """Delete expired, failed and stalled data downloads (personal and, with learning, group) and their files.

    Returns how many went. Run daily: `manage.py purge_expired_exports` (or the site's retention command).
    """
    now = now or timezone.now()
    stale = now - STALE_AFTER
    expired = PersonalDataExport.objects.filter(expires_at__lte=now) | PersonalDataExport.objects.filter(
        status__in=[PersonalDataExport.FAILED, PersonalDataExport.PREPARING], created_at__lte=stale
    )
    count = 0
    for export in expired.distinct():
        _delete_file(export)
        export.delete()
        count += 1
    if apps.is_installed("learning"):
        # import here because accounts works without the learning app; with it, group downloads expire too.
        from learning.group_export import purge_expired_exports as purge_group_exports

        count += purge_group_exports(now=now)
    return count


def delete_exports_of(user):
    """Delete every download of this person and its file (used when their personal data is erased)."""
    for export in PersonalDataExport.objects.filter(user=user):
        _delete_file(export)
        export.delete()
