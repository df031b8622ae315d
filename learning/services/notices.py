"""Making notices and marking them read: the only code that changes them.

`notify` is called by the service that made the event happen, inside its transaction, so a notice exists
exactly when the event does; the same event twice leaves one notice per person (a unique constraint) and
sends one email: only the people who had no notice of it yet are emailed.
"""

from django.db import transaction
from django.utils import timezone

from .. import notices
from ..models import Notice, NoticeEmailChoice
from ..notice_emails import email_notices


def notify(*, kind, recipients, event, url, group=None, audience_id=None, params=None, exclude=None):
    """Make one notice of `kind` for each of `recipients` (user ids) about `event`; returns how many were asked.

    `exclude` is the person whose own action it was (nobody is told what they did themselves). Those who
    chose email for a kind the Hub emails itself are sent one once the transaction commits. A repeat of an
    event asks for nothing: those who already have its notice are left out (returns 0 when all have).
    """
    definition = notices.KINDS[kind]
    ids = {pk for pk in recipients if pk is not None and pk != exclude}
    if ids:
        told = Notice.objects.filter(kind=kind, event=event, recipient_id__in=ids)
        ids -= set(told.values_list("recipient_id", flat=True))
    ids = sorted(ids)
    if not ids:
        return 0
    now = timezone.now()
    Notice.objects.bulk_create(
        [
            Notice(
                recipient_id=pk,
                kind=kind,
                audience=definition.audience,
                group=group,
                audience_id=audience_id,
                event=event,
                params=params or {},
                url=url,
                created_at=now,
            )
            for pk in ids
        ],
        ignore_conflicts=True,
    )
    transaction.on_commit(lambda: notices.forget_unread_count(*ids))
    if not definition.own_email:
        transaction.on_commit(lambda: email_notices.enqueue(kind=kind, event=event, recipient_ids=ids))
    return len(ids)


def open_notice(*, notice, by):
    """Mark the person's own notice read (again is harmless); returns where it is dealt with."""
    if notice.recipient_id != by.pk:
        raise Notice.DoesNotExist
    if notice.read_at is None:
        Notice.objects.filter(pk=notice.pk, read_at__isnull=True).update(read_at=timezone.now())
        notices.forget_unread_count(by.pk)
    return notice.url


def mark_all_read(*, by):
    """Mark every notice of the person read; returns how many changed."""
    changed = Notice.objects.filter(recipient=by, read_at__isnull=True).update(read_at=timezone.now())
    notices.forget_unread_count(by.pk)
    return changed


@transaction.atomic
def set_email_choices(*, user, choices):
    """Keep the person's choice of email for each kind named in `choices` ({kind: bool})."""
    for kind, email in choices.items():
        if kind in notices.KINDS:
            NoticeEmailChoice.objects.update_or_create(user=user, kind=kind, defaults={"email": bool(email)})


def erase_notices(*, user):
    """Delete every notice and email choice of the person (their erasure)."""
    Notice.objects.filter(recipient=user).delete()
    NoticeEmailChoice.objects.filter(user=user).delete()
    notices.forget_unread_count(user.pk)
