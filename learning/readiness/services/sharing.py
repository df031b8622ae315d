"""Sharing under the group's control: grant, revoke, answer requests, and log every funder view."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connections, router, transaction
from django.db.models import Value
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from learning.funder_scopes import scope_for
from learning.models import CommunityGroup, Role
from learning.notices import member_ids
from learning.services.notices import notify

from .. import notices, permissions, tasks
from ..models import AccessLog, RequestStatus, ShareGrant, ShareRequest
from ..signals import share_granted, share_revoked
from . import portfolio_counts, summaries


def _after_commit(function, *args, **kwargs):
    transaction.on_commit(lambda: function(*args, **kwargs))


@transaction.atomic
def grant_access(
    *,
    group,
    funder,
    by,
    share_progress,
    share_self_assessment,
    share_evidence,
    share_postcode=False,
    more_scopes=(),
    expires_at=None,
):
    """Share the group's profile with a funder; replaces any grant to that funder still open.

    `more_scopes` are keys of what other apps offer to share (`learning.funder_scopes`); a key no installed app
    offers is refused. The postcode goes only with something else shared: on its own it is not a profile to
    look at.
    """
    if not permissions.can_manage_sharing(by, group):
        raise PermissionDenied
    now = timezone.now()
    if expires_at is not None and expires_at <= now:
        raise ValidationError(_("Choose an end date in the future."), code="expiry_past")
    more_scopes = list(dict.fromkeys(more_scopes))
    if any(scope_for(key) is None for key in more_scopes):
        raise ValidationError(_("That cannot be shared on this site."), code="unknown_scope")
    if not (share_progress or share_self_assessment or share_evidence or more_scopes):
        raise ValidationError(_("Choose at least one thing to share."), code="empty_scope")
    # The group's name as it stands, read under its row lock, taken first as a rename takes it: a rename at the
    # same moment either comes first and this grant copies the new name, or waits and then renames it too.
    group_name = CommunityGroup.objects.select_for_update().values_list("name", flat=True).get(pk=group.pk)
    ShareGrant.objects.select_for_update().filter(group=group, funder=funder, revoked_at__isnull=True).update(
        revoked_at=now, revoked_by=by, **summaries.cleared()
    )
    grant = ShareGrant.objects.create(
        group=group,
        group_name=group_name,
        funder=funder,
        share_progress=share_progress,
        share_self_assessment=share_self_assessment,
        share_evidence=share_evidence,
        share_postcode=share_postcode,
        more_scopes=more_scopes,
        expires_at=expires_at,
        granted_by=by,
        granted_at=now,
    )
    summaries.refresh(grant)
    ShareRequest.objects.filter(group=group, funder=funder, status=RequestStatus.PENDING).update(
        status=RequestStatus.ACCEPTED, responded_by=by, responded_at=now
    )
    _tell_reviewers(notices.SHARE_GRANTED, grant)
    _after_commit(share_granted.send, sender=ShareGrant, grant=grant, by=by)
    _after_commit(tasks.notify_share_granted.enqueue, grant.pk)
    return grant


def _tell_reviewers(kind, grant):
    """Tell the funder's reviewers now that the group shares with them, or stopped."""
    notify(
        kind=kind,
        recipients=notices.reviewer_ids(grant.funder),
        event=f"grant:{grant.pk}",
        url=reverse("readiness:funder_group", kwargs={"slug": grant.group.slug}),
        group=grant.group,
        audience_id=grant.funder_id,
        params={"group": grant.group.name, "funder": grant.funder.name},
    )


@transaction.atomic
def revoke_access(*, grant, by):
    """Stop sharing at once: the next request the funder makes no longer finds a live grant."""
    if not permissions.can_manage_sharing(by, grant.group_id):
        raise PermissionDenied
    locked = ShareGrant.objects.select_for_update().get(pk=grant.pk)
    if locked.revoked_at is not None:
        return locked
    locked.revoked_at = timezone.now()
    locked.revoked_by = by
    for name, value in summaries.cleared().items():
        setattr(locked, name, value)
    locked.save(update_fields=["revoked_at", "revoked_by", *summaries.SUMMARY_FIELDS])
    portfolio_counts.recount([locked.funder_id])
    _tell_reviewers(notices.SHARE_REVOKED, locked)
    _after_commit(share_revoked.send, sender=ShareGrant, grant=locked, by=by)
    return locked


@transaction.atomic
def request_access(*, funder, group, by, message=""):
    """A funder reviewer asks a group to share; one request waits at a time per funder and group.

    Only a group that chose to be findable (and is open) can be asked: the same rule as the search, so a
    guessed or remembered group is refused here too, not only by the form.
    """
    if not permissions.can_ask_group(by, funder, group):
        raise PermissionDenied
    existing = (
        ShareRequest.objects.select_for_update()
        .filter(group=group, funder=funder, status=RequestStatus.PENDING)
        .first()
    )
    if existing is not None:
        return existing
    if permissions.live_grant_for(by, group, funder=funder) is not None:
        return None
    share_request = ShareRequest.objects.create(group=group, funder=funder, requested_by=by, message=message)
    notify(
        kind=notices.SHARE_REQUESTED,
        recipients=member_ids(group, role=Role.COORDINATOR),
        event=f"request:{share_request.pk}",
        url=reverse("readiness:sharing", kwargs={"slug": group.slug}),
        group=group,
        params={"group": group.name, "funder": funder.name},
    )
    _after_commit(tasks.notify_share_requested.enqueue, share_request.pk)
    return share_request


@transaction.atomic
def decline_request(*, share_request, by):
    if not permissions.can_manage_sharing(by, share_request.group_id):
        raise PermissionDenied
    locked = ShareRequest.objects.select_for_update().get(pk=share_request.pk)
    if locked.status != RequestStatus.PENDING:
        raise ValidationError(_("This request has already been answered."))
    locked.status = RequestStatus.DECLINED
    locked.responded_by = by
    locked.responded_at = timezone.now()
    locked.save(update_fields=["status", "responded_by", "responded_at"])
    return locked


@transaction.atomic
def set_findable(*, group, findable, by):
    """Let funders find the group by name and place (and ask it to share), or stop them finding it.

    Being findable shares nothing: a funder who finds the group can only ask, and the coordinator answers.
    """
    if not permissions.can_manage_sharing(by, group):
        raise PermissionDenied
    type(group).objects.filter(pk=group.pk).update(findable=findable)
    group.findable = findable
    return group


# The columns an access log entry is written with, in order.
_LOG_FIELDS = ("group", "funder", "grant", "viewer", "kind", "detail", "viewed_at")
# Rows per INSERT: seven values a row stays well inside SQLite's limit on parameters.
_LOG_ROWS_PER_INSERT = 100


def log_access(*, grants, viewer, kind, detail=""):
    """Write one access log entry per grant: one INSERT of all the rows, however many (up to a hundred).

    The rows go in as values without building model objects: for a portfolio page of 25 rows, making 25
    `AccessLog` objects for `bulk_create` cost more than the rest of the write.
    """
    grants = list(grants)
    if not grants:
        return
    using = router.db_for_write(AccessLog)
    connection = connections[using]
    fields = [AccessLog._meta.get_field(name) for name in _LOG_FIELDS]
    shared = [
        field.get_db_prep_save(value, connection)
        for field, value in zip(
            fields[3:], (getattr(viewer, "pk", None), kind, detail[:200], timezone.now()), strict=True
        )
    ]
    quote = connection.ops.quote_name
    columns = ", ".join(quote(field.column) for field in fields)
    if connection.vendor == "postgresql":
        # One statement whatever the number of rows, the ids as three arrays: its text never changes, so the
        # driver and the server prepare it once, where the VALUES list below was parsed afresh each page
        # (psycopg keeps only statements of up to 50 parameters).
        ids = [[grant.group_id for grant in grants], [grant.funder_id for grant in grants]]
        ids.append([grant.pk for grant in grants])
        sql = (
            f"INSERT INTO {quote(AccessLog._meta.db_table)} ({columns})"  # noqa: S608
            " SELECT logged.group_id, logged.funder_id, logged.grant_id,"
            " %s::bigint, %s::varchar, %s::varchar, %s::timestamptz"
            " FROM unnest(%s::bigint[], %s::bigint[], %s::bigint[]) AS logged (group_id, funder_id, grant_id)"
        )
        with connection.cursor() as cursor:
            cursor.execute(sql, [*shared, *ids])
        return
    one_row = "(" + ", ".join(["%s"] * len(fields)) + ")"
    with connection.cursor() as cursor:
        for start in range(0, len(grants), _LOG_ROWS_PER_INSERT):
            chunk = grants[start : start + _LOG_ROWS_PER_INSERT]
            params = [value for grant in chunk for value in (grant.group_id, grant.funder_id, grant.pk, *shared)]
            # Only quoted names from the model's own metadata go into the text; every value is a parameter.
            sql = (
                f"INSERT INTO {quote(AccessLog._meta.db_table)} ({columns}) VALUES {', '.join([one_row] * len(chunk))}"  # noqa: S608
            )
            cursor.execute(sql, params)


def log_access_to_all(*, grants, viewer, kind, detail=""):
    """Write one access log entry per grant in the queryset `grants`: one INSERT ... SELECT however many.

    For an export of a whole portfolio, so the number of queries never grows with the groups and no list
    of ids travels to Python and back.
    """
    fields = [AccessLog._meta.get_field(name) for name in ("group", "funder", "grant", "viewer", "kind", "detail")]
    viewed_at = AccessLog._meta.get_field("viewed_at")
    rows = (
        grants.order_by()
        .annotate(
            log_viewer=Value(viewer.pk, output_field=fields[3].target_field),
            log_kind=Value(kind, output_field=fields[4]),
            log_detail=Value(detail[:200], output_field=fields[5]),
            log_at=Value(timezone.now(), output_field=viewed_at),
        )
        .values_list("group_id", "funder_id", "pk", "log_viewer", "log_kind", "log_detail", "log_at")
    )
    connection = connections[rows.db]
    select, params = rows.query.get_compiler(using=rows.db).as_sql()
    quote = connection.ops.quote_name
    columns = ", ".join(quote(field.column) for field in [*fields, viewed_at])
    # Only quoted names from the model's own metadata and the ORM's own compiled SELECT go into the text;
    # every value travels as a parameter.
    sql = f"INSERT INTO {quote(AccessLog._meta.db_table)} ({columns}) {select}"  # noqa: S608
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
