"""A group's enrolment in pathways and its progress: per step, per pathway, and the activity log.

Progress belongs to the group. Each change records who made it, and that link is cut (not the
record) when a person's account is erased, so the group's history reads "a former member".
Change these rows only through `learning.services.progress`.
"""

import calendar
import secrets
from datetime import date, timedelta

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .choices import ChoiceLabels


class Enrolment(models.Model):
    group = models.ForeignKey(
        "learning.CommunityGroup", verbose_name=_("group"), on_delete=models.CASCADE, related_name="enrolments"
    )
    pathway = models.ForeignKey(
        "learning.PathwayPage", verbose_name=_("pathway"), on_delete=models.CASCADE, related_name="enrolments"
    )
    enrolled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    enrolled_at = models.DateTimeField(_("enrolled"), default=timezone.now)

    class Meta:
        verbose_name = _("enrolment")
        ordering = ["group", "enrolled_at"]
        constraints = [models.UniqueConstraint(fields=["group", "pathway"], name="learning_one_enrolment")]

    def __str__(self):
        return f"{self.group} on {self.pathway}"


class StepStatus(models.TextChoices):
    NOT_STARTED = "not_started", _("Not started")
    IN_PROGRESS = "in_progress", _("In progress")
    DONE = "done", _("Done")
    AWAITING_CONFIRMATION = "awaiting_confirmation", _("Waiting for the coordinator to confirm")
    AWAITING_VERIFICATION = "awaiting_verification", _("Waiting for a facilitator to verify")
    VERIFIED = "verified", _("Verified")
    NOT_APPLICABLE = "not_applicable", _("Not applicable")


# Statuses that count as complete, and the status that takes a step out of the total.
COMPLETE_STATUSES = (StepStatus.DONE, StepStatus.VERIFIED)


class StepProgress(ChoiceLabels, models.Model):
    group = models.ForeignKey(
        "learning.CommunityGroup", verbose_name=_("group"), on_delete=models.CASCADE, related_name="step_progress"
    )
    # A step a group has worked on is unpublished, never deleted: deleting it would erase their progress.
    step = models.ForeignKey("learning.StepPage", verbose_name=_("step"), on_delete=models.PROTECT, related_name="+")
    pathway = models.ForeignKey(
        "learning.PathwayPage", verbose_name=_("pathway"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    status = models.CharField(_("status"), max_length=30, choices=StepStatus.choices, default=StepStatus.NOT_STARTED)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    changed_at = models.DateTimeField(_("changed"), default=timezone.now)
    # True when a facilitator recorded this change for the group (for example during a meeting).
    on_behalf = models.BooleanField(_("recorded by a facilitator for the group"), default=False)

    class Meta:
        verbose_name = _("step progress")
        verbose_name_plural = _("step progress")
        constraints = [models.UniqueConstraint(fields=["group", "step"], name="learning_one_progress_per_step")]
        indexes = [models.Index(fields=["group", "pathway", "status"])]

    def __str__(self):
        return f"{self.group}: {self.step_id} {self.status}"

    @property
    def is_complete(self):
        return self.status in COMPLETE_STATUSES


class PathwayProgress(models.Model):
    """The stored summary per group and pathway, kept true by `learning.services.progress`."""

    group = models.ForeignKey(
        "learning.CommunityGroup", verbose_name=_("group"), on_delete=models.CASCADE, related_name="pathway_progress"
    )
    pathway = models.ForeignKey(
        "learning.PathwayPage", verbose_name=_("pathway"), on_delete=models.CASCADE, related_name="+"
    )
    done = models.PositiveIntegerField(_("steps done"), default=0)
    total = models.PositiveIntegerField(_("steps in total"), default=0)
    percent = models.PositiveSmallIntegerField(_("percent"), default=0)
    last_activity_at = models.DateTimeField(_("last activity"), null=True, blank=True)
    completed_at = models.DateTimeField(_("completed"), null=True, blank=True)

    class Meta:
        verbose_name = _("pathway progress")
        verbose_name_plural = _("pathway progress")
        constraints = [models.UniqueConstraint(fields=["group", "pathway"], name="learning_one_pathway_progress")]

    def __str__(self):
        return f"{self.group}: {self.pathway_id} {self.percent}%"


class ActivityVerb(models.TextChoices):
    ENROLLED = "enrolled", _("started the pathway")
    STATUS_CHANGED = "status_changed", _("changed a step")
    MARKED_DONE = "marked_done", _("marked a step done")
    ASKED_CONFIRMATION = "asked_confirmation", _("asked the coordinator to confirm a step")
    ASKED_VERIFICATION = "asked_verification", _("asked a facilitator to verify a step")
    CONFIRMED = "confirmed", _("confirmed a step")
    VERIFIED = "verified", _("verified a step")
    UNDONE = "undone", _("undid a step")
    NOT_APPLICABLE = "not_applicable", _("marked a step not applicable")
    STARTED = "started", _("started a step")
    REFLECTED = "reflected", _("added a reflection")
    ADDED_EVIDENCE = "added_evidence", _("added evidence")
    JOINED = "joined", _("joined the group")
    LEFT = "left", _("left the group")
    COMPLETED = "completed", _("completed the pathway")


class ActivityEntry(ChoiceLabels, models.Model):
    group = models.ForeignKey(
        "learning.CommunityGroup", verbose_name=_("group"), on_delete=models.CASCADE, related_name="activity"
    )
    # Null once the person's account is erased: the entry then reads "a former member".
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    verb = models.CharField(_("what happened"), max_length=30, choices=ActivityVerb.choices)
    step = models.ForeignKey("learning.StepPage", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    pathway = models.ForeignKey(
        "learning.PathwayPage", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("when"), default=timezone.now, db_index=True)
    recorded_by_facilitator = models.BooleanField(_("recorded by a facilitator for the group"), default=False)
    # What the person recorded with the change, kept as it was: a facilitator's reason for verifying a
    # step without the evidence it asks for.
    note = models.TextField(_("note"), blank=True)

    class Meta:
        verbose_name = _("activity entry")
        verbose_name_plural = _("activity")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["group", "-created_at"])]

    def __str__(self):
        return f"{self.group}: {self.verb}"


def new_certificate_code():
    return secrets.token_hex(6).upper()


def add_months(day, months):
    """The same day `months` later (the month's last day when it is shorter: 31 January + 1 is 28 February)."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def certificate_valid_until(pathway, completed_at):
    """The last day a certificate completed at `completed_at` is valid: the pathway's validity period on from the
    day it was completed, or None when the pathway's certificates never lapse."""
    months = getattr(pathway, "validity_months", None)
    if not months:
        return None
    return add_months(timezone.localtime(completed_at).date(), months)


class Certificate(models.Model):
    """Proof that a group completed a pathway; anyone with the code can check it."""

    code = models.CharField(_("verification code"), max_length=20, unique=True, default=new_certificate_code)
    group = models.ForeignKey(
        "learning.CommunityGroup", verbose_name=_("group"), on_delete=models.CASCADE, related_name="certificates"
    )
    pathway = models.ForeignKey(
        "learning.PathwayPage", verbose_name=_("pathway"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    # Kept as written on the day, so the certificate reads the same if pages are renamed later.
    group_name = models.CharField(_("group name"), max_length=120)
    pathway_title = models.CharField(_("pathway title"), max_length=255)
    completed_at = models.DateTimeField(_("completed"))
    # Set on the day from the pathway's validity period and kept: a later change to the pathway never
    # rewrites what a certificate already says. None: it never lapses.
    valid_until = models.DateField(_("valid until"), null=True, blank=True)

    class Meta:
        verbose_name = _("certificate")
        constraints = [models.UniqueConstraint(fields=["group", "pathway"], name="learning_one_certificate")]

    def __str__(self):
        return f"{self.group_name}: {self.pathway_title}"

    def get_absolute_url(self):
        return reverse("learning:certificate", kwargs={"code": self.code})

    @property
    def lapses_on(self):
        """The first day it is no longer valid (None when it never lapses)."""
        return self.valid_until + timedelta(days=1) if self.valid_until else None

    def lapsed(self, today=None):
        """Whether its validity ran out before `today` (it is still valid on its last day)."""
        return self.valid_until is not None and self.valid_until < (today or timezone.localdate())
