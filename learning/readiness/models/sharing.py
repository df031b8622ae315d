"""Consent-based sharing: grants a group gives a funder, requests a funder makes, and who looked when."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from learning.funder_scopes import scope_for
from learning.models.access_log import AccessLogEntry, kind_field
from learning.models.consent import ConsentGrant

from .funders import FunderOrganisation


class ShareGrant(ConsentGrant):
    """A group's consent for one funder organisation to see its profile, within a scope, until revoked or expired.

    Given, until, stopped and `live()` are the core's `ConsentGrant`, which partners' grants to public bodies share.
    """

    group = models.ForeignKey(
        "learning.CommunityGroup", verbose_name=_("group"), on_delete=models.CASCADE, related_name="share_grants"
    )
    # A funder a group has shared with is kept: the grant is the group's record of what it shared.
    funder = models.ForeignKey(
        FunderOrganisation, verbose_name=_("funder"), on_delete=models.PROTECT, related_name="share_grants"
    )
    share_progress = models.BooleanField(_("pathway progress"), default=True)
    share_self_assessment = models.BooleanField(_("self-assessment"), default=True)
    share_evidence = models.BooleanField(_("evidence list and files"), default=False)
    share_postcode = models.BooleanField(_("postcode"), default=False)
    # What else the group shares: the keys of scopes other apps offer through `learning.funder_scopes` (partners:
    # its asks of public bodies and the commitments made). Off unless the coordinator ticks it; a key whose app
    # is no longer installed shares nothing.
    more_scopes = models.JSONField(_("also shared"), default=list, blank=True)

    # What the funder's portfolio shows of the group, stored so that the portfolio, its chart, filters,
    # sort and export read one row a group. Kept true by `services.summaries` (closing a round, progress,
    # reviews, revoking); each value the grant's scope does not cover stays empty.
    summary_levels = models.JSONField(_("latest agreed levels"), default=dict, blank=True, editable=False)
    summary_readiness = models.FloatField(_("average agreed level"), null=True, blank=True, editable=False)
    summary_assessed_at = models.DateTimeField(_("last self-assessment"), null=True, blank=True, editable=False)
    summary_progress_at = models.DateTimeField(_("last pathway activity"), null=True, blank=True, editable=False)
    summary_activity_at = models.DateTimeField(_("last activity"), null=True, blank=True, editable=False)
    summary_decision = models.CharField(_("funder's latest decision"), max_length=20, blank=True, editable=False)
    # The group's name, copied so that a portfolio's page is read in name order from the index below instead
    # of sorting every live grant of the funder to show 25. Set when the grant is saved new (`save`), followed
    # on a rename (`receivers.keep_group_name_on_grants`) and recounted with the summaries.
    group_name = models.CharField(_("group name"), max_length=120, blank=True, editable=False)

    class Meta:
        verbose_name = _("share grant")
        ordering = ["-granted_at"]
        constraints = [
            # A group has at most one grant in force per funder; sharing again replaces it.
            models.UniqueConstraint(
                fields=["group", "funder"], condition=Q(revoked_at__isnull=True), name="readiness_one_open_grant"
            )
        ]
        indexes = [
            models.Index(fields=["funder", "revoked_at", "expires_at"]),
            # A funder's portfolio in name order (`selectors.portfolio_grants`): the first page reads 25 entries.
            models.Index(
                fields=["funder", "group_name", "id"],
                condition=Q(revoked_at__isnull=True),
                name="readiness_portfolio_by_name",
            ),
        ]

    def save(self, *args, **kwargs):
        if self._state.adding and not self.group_name and self.group_id is not None:
            self.group_name = self.group.name
        super().save(*args, **kwargs)

    def __str__(self):
        return gettext("%(group)s shared with %(funder)s") % {"group": self.group, "funder": self.funder}

    @property
    def scope_labels(self):
        labels = []
        if self.share_progress:
            labels.append(_("pathway progress"))
        if self.share_self_assessment:
            labels.append(_("self-assessment"))
        if self.share_evidence:
            labels.append(_("evidence list and files"))
        if self.share_postcode:
            labels.append(_("postcode"))
        labels.extend(scope.label for scope in self.more_shared())
        return labels

    def more_shared(self):
        """The registered scopes (`learning.funder_scopes`) this grant also shares, in the order it keeps them."""
        return [scope for key in self.more_scopes or () if (scope := scope_for(key)) is not None]


class RequestStatus(models.TextChoices):
    PENDING = "pending", _("Waiting for an answer")
    ACCEPTED = "accepted", _("Accepted")
    DECLINED = "declined", _("Declined")


class ShareRequest(models.Model):
    """A funder asking a group to share; only the group's coordinator can answer it."""

    group = models.ForeignKey(
        "learning.CommunityGroup", verbose_name=_("group"), on_delete=models.CASCADE, related_name="share_requests"
    )
    # A funder that has asked a group to share is kept: the group's answered requests stay on record.
    funder = models.ForeignKey(
        FunderOrganisation, verbose_name=_("funder"), on_delete=models.PROTECT, related_name="share_requests"
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    message = models.TextField(_("message"), max_length=1000, blank=True)
    created_at = models.DateTimeField(_("asked on"), default=timezone.now)
    status = models.CharField(_("status"), max_length=20, choices=RequestStatus.choices, default=RequestStatus.PENDING)
    responded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    responded_at = models.DateTimeField(_("answered on"), null=True, blank=True)

    class Meta:
        verbose_name = _("share request")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["group", "funder"], condition=Q(status="pending"), name="readiness_one_pending_request"
            )
        ]

    def __str__(self):
        return f"{self.funder} asks {self.group}"


class AccessKind(models.TextChoices):
    PORTFOLIO = "portfolio", _("Listed in the funder's portfolio")
    PROFILE = "profile", _("Opened your readiness profile")
    EVIDENCE = "evidence", _("Opened an evidence file")
    EXPORT = "export", _("Included in a spreadsheet download")
    COHORT = "cohort", _("Counted in the funder's cohort figures")
    MORE_SHARED = "more_shared", _("Opened other records you share")


class AccessLog(AccessLogEntry):
    """One funder view of a group's data, for the group to read (who, when and detail: the core's access log)."""

    # No index of its own: the log's (group, newest first) index serves every lookup by group, and each index
    # is written on every view logged (a portfolio page logs 25 at once).
    group = models.ForeignKey(
        "learning.CommunityGroup",
        verbose_name=_("group"),
        on_delete=models.CASCADE,
        related_name="access_log",
        db_index=False,
    )
    # A funder that has looked is kept: the access log is how the group knows who looked.
    funder = models.ForeignKey(
        FunderOrganisation, verbose_name=_("funder"), on_delete=models.PROTECT, related_name="access_log"
    )
    # SET_NULL, not PROTECT: a grant only goes with its group, which takes its log with it, and
    # PROTECT here would refuse that group's deletion (Django checks PROTECT before cascades meet).
    grant = models.ForeignKey(ShareGrant, null=True, blank=True, on_delete=models.SET_NULL, related_name="access_log")
    kind = kind_field(AccessKind)

    class Meta(AccessLogEntry.Meta):
        verbose_name = _("access log entry")
        verbose_name_plural = _("access log")

    def __str__(self):
        return f"{self.funder} {self.kind} {self.group} at {self.viewed_at:%Y-%m-%d %H:%M}"
