"""Partner officers: a public body's person a group invited, and the group's consent for that body to look."""

import secrets
from datetime import timedelta

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from learning.models.access_log import AccessLogEntry, kind_field
from learning.models.consent import ConsentGrant

from .bodies import PublicBody


def new_token():
    return secrets.token_urlsafe(32)


def default_expiry():
    return timezone.now() + timedelta(days=14)


class PartnerContact(models.Model):
    """A named officer of a public body whom a group invited: bound to one email address until they accept.

    Once accepted, `user` links the officer's account to the body for this group. Ending the contact, or the
    group stopping its grant to the body, shuts the officer out at once.
    """

    group = models.ForeignKey(
        "learning.CommunityGroup", verbose_name=_("group"), on_delete=models.CASCADE, related_name="partner_contacts"
    )
    body = models.ForeignKey(
        PublicBody, verbose_name=_("public body"), on_delete=models.PROTECT, related_name="contacts"
    )
    name = models.CharField(_("officer's name"), max_length=120)
    email = models.EmailField(
        _("officer's work email address"),
        help_text=_("Only the person who has confirmed this address can accept the invitation."),
    )
    token = models.CharField(max_length=64, unique=True, default=new_token, editable=False)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    invited_at = models.DateTimeField(_("invited on"), default=timezone.now)
    expires_at = models.DateTimeField(_("invitation expires"), default=default_expiry)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="partner_contacts",
        verbose_name=_("officer's account"),
    )
    accepted_at = models.DateTimeField(_("accepted on"), null=True, blank=True)
    ended_at = models.DateTimeField(_("ended on"), null=True, blank=True)

    class Meta:
        verbose_name = _("partner officer")
        ordering = ["-invited_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["group", "user"],
                condition=Q(ended_at__isnull=True, user__isnull=False),
                name="partners_one_active_contact",
            )
        ]

    def __str__(self):
        return gettext("%(name)s of %(body)s") % {"name": self.name, "body": self.body}

    def get_absolute_url(self):
        return reverse("partners:join", kwargs={"token": self.token})

    @property
    def is_pending(self):
        return self.user_id is None and self.ended_at is None and self.expires_at > timezone.now()

    @property
    def is_active(self):
        return self.user_id is not None and self.ended_at is None


class PartnerGrant(ConsentGrant):
    """A group's consent for one public body's invited officers to see its asks of that body, within a scope."""

    group = models.ForeignKey(
        "learning.CommunityGroup", verbose_name=_("group"), on_delete=models.CASCADE, related_name="partner_grants"
    )
    body = models.ForeignKey(PublicBody, verbose_name=_("public body"), on_delete=models.PROTECT, related_name="grants")
    share_asks = models.BooleanField(_("your asks of this body and their stages"), default=True)
    share_commitments = models.BooleanField(_("the commitments it made and your notes on them"), default=True)

    class Meta:
        verbose_name = _("partner grant")
        ordering = ["-granted_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["group", "body"], condition=Q(revoked_at__isnull=True), name="partners_one_open_grant"
            )
        ]

    def __str__(self):
        return gettext("%(group)s shared with %(body)s") % {"group": self.group, "body": self.body}

    @property
    def scope_labels(self):
        labels = []
        if self.share_asks:
            labels.append(_("your asks of this body and their stages"))
        if self.share_commitments:
            labels.append(_("the commitments it made and your notes on them"))
        return labels


class PartnerAccessKind(models.TextChoices):
    GROUP = "group", _("Opened what you share with their body")
    ASK = "ask", _("Opened an ask")
    COMMITMENT = "commitment", _("Opened a commitment")


class PartnerAccessLog(AccessLogEntry):
    """One partner officer's view of a group's records, for the group to read (the core's access log)."""

    # No index of its own: the log's (group, newest first) index serves every lookup by group, and each index
    # is written on every view logged (a portfolio page logs 25 at once).
    group = models.ForeignKey(
        "learning.CommunityGroup",
        verbose_name=_("group"),
        on_delete=models.CASCADE,
        related_name="partner_access_log",
        db_index=False,
    )
    body = models.ForeignKey(
        PublicBody, verbose_name=_("public body"), on_delete=models.PROTECT, related_name="access_log"
    )
    grant = models.ForeignKey(PartnerGrant, null=True, blank=True, on_delete=models.SET_NULL, related_name="access_log")
    kind = kind_field(PartnerAccessKind)

    class Meta(AccessLogEntry.Meta):
        verbose_name = _("partner access log entry")
        verbose_name_plural = _("partner access log")

    def __str__(self):
        return f"{self.body} {self.kind} {self.group} at {self.viewed_at:%Y-%m-%d %H:%M}"
