"""Notices: what happened that concerns a person, kept for them in the Hub, and their choice of email per kind.

A notice is for one person because of the place they held when it was made (the audience: a member,
coordinator or facilitator of its group, or one another app registered, such as a funder's reviewer).
It is shown only while they still hold that place (`learning.notices.visible_to`).
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .groups import CommunityGroup


class Notice(models.Model):
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("person"), on_delete=models.CASCADE, related_name="learning_notices"
    )
    kind = models.CharField(_("kind"), max_length=60)
    # The place that entitles the person to it ("member", "coordinator", "facilitator", "reviewer"...), in
    # `group`, or in the thing `audience_id` names (a funder organisation for "reviewer").
    audience = models.CharField(_("audience"), max_length=30)
    group = models.ForeignKey(
        CommunityGroup, verbose_name=_("group"), on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    audience_id = models.PositiveBigIntegerField(null=True, blank=True)
    # What happened, unique per kind ("review:12"), so the same event twice makes one notice.
    event = models.CharField(_("event"), max_length=80)
    # The names the kind's sentence is filled with, kept so the sentence is translated when it is read.
    params = models.JSONField(default=dict, blank=True)
    url = models.CharField(_("where it is dealt with"), max_length=500)
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    read_at = models.DateTimeField(_("read"), null=True, blank=True)
    # Set by the one email task that claimed the notice (learning.notice_emails), in the same UPDATE that
    # finds it unclaimed: two tasks for one event (two people pressing the same button at once) send one email.
    email_claim = models.UUIDField(null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("notice")
        verbose_name_plural = _("notices")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["recipient", "kind", "event"], name="learning_one_notice_per_event")
        ]
        indexes = [models.Index(fields=["recipient", "read_at"], name="learning_notice_unread")]

    def __str__(self):
        return f"{self.kind} for {self.recipient_id}"


class NoticeEmailChoice(models.Model):
    """A person's own choice of email for one kind of notice; without a row, the kind's default holds."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("person"), on_delete=models.CASCADE, related_name="notice_emails"
    )
    kind = models.CharField(_("kind"), max_length=60)
    email = models.BooleanField(_("send an email"))

    class Meta:
        verbose_name = _("email choice")
        verbose_name_plural = _("email choices")
        constraints = [models.UniqueConstraint(fields=["user", "kind"], name="learning_one_email_choice_per_kind")]

    def __str__(self):
        return f"{self.kind}: {self.email}"
