"""A group's meetings: who came, the steps worked on, the decisions (minutes), actions and corrections."""

import uuid

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from learning.models import StepStatus

MINUTES_LIMIT = 10000


class Meeting(models.Model):
    group = models.ForeignKey(
        "learning.CommunityGroup", verbose_name=_("group"), on_delete=models.CASCADE, related_name="meetings"
    )
    held_on = models.DateField(_("date of the meeting"))
    online = models.BooleanField(_("held online"), default=False)
    place = models.CharField(_("place"), max_length=200, blank=True)
    # The stage whose meeting pack the group worked through (blank when none was chosen or it has gone).
    stage = models.ForeignKey(
        "learning.StagePage",
        verbose_name=_("stage"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    attendees = models.ManyToManyField(
        settings.AUTH_USER_MODEL, verbose_name=_("members who came"), blank=True, related_name="+"
    )
    others_present = models.PositiveIntegerField(_("others present without an account"), default=0)
    # Plain text as typed, never HTML: templates show it through the `plain_text` filter. Corrections the
    # coordinator accepts replace it; the text they replaced is kept on the correction.
    decisions = models.TextField(_("decisions"), max_length=MINUTES_LIMIT, blank=True)
    # Null once the person's account is erased; the group keeps the meeting.
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    recorded_at = models.DateTimeField(_("recorded"), default=timezone.now)
    # The form's one-time token: the same form sent twice records one meeting.
    token = models.UUIDField(default=uuid.uuid4, editable=False)
    # The evidence item these minutes were kept as (removing it from the library leaves the meeting).
    evidence = models.ForeignKey(
        "learning.Evidence", verbose_name=_("kept as evidence"), null=True, blank=True, on_delete=models.SET_NULL
    )

    class Meta:
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        ordering = ["-held_on", "-id"]
        constraints = [models.UniqueConstraint(fields=["group", "token"], name="meetings_one_meeting_per_token")]
        indexes = [models.Index(fields=["group", "-held_on"])]

    def __str__(self):
        return gettext("Meeting of %(date)s") % {"date": date_format(self.held_on, "j F Y")}

    def get_absolute_url(self):
        return reverse("meetings:detail", kwargs={"slug": self.group.slug, "pk": self.pk})


class MeetingStepChange(models.Model):
    """A step the meeting worked on: the status asked for and the status the step's rule gave it."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="step_changes")
    step = models.ForeignKey("learning.StepPage", null=True, on_delete=models.SET_NULL, related_name="+")
    step_title = models.CharField(_("step"), max_length=255)
    requested = models.CharField(_("asked for"), max_length=30, choices=StepStatus.choices)
    result = models.CharField(_("status now"), max_length=30, choices=StepStatus.choices)

    class Meta:
        verbose_name = _("step worked on at a meeting")
        verbose_name_plural = _("steps worked on at meetings")
        ordering = ["id"]

    def __str__(self):
        return self.step_title


class MeetingAction(models.Model):
    """Something someone agreed to do, by a date; open until its owner or the coordinator marks it done."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="actions")
    text = models.CharField(_("action"), max_length=300)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("owner"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # Someone without an account, named as the meeting wrote it.
    owner_name = models.CharField(_("owner's name"), max_length=100, blank=True)
    due_on = models.DateField(_("due"))
    done_at = models.DateTimeField(_("done"), null=True, blank=True)
    done_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("action")
        verbose_name_plural = _("actions")
        ordering = ["due_on", "id"]

    def __str__(self):
        return self.text

    @property
    def is_overdue(self):
        return self.done_at is None and self.due_on < timezone.localdate()


class CorrectionStatus(models.TextChoices):
    PROPOSED = "proposed", _("Waiting for the coordinator")
    ACCEPTED = "accepted", _("Accepted")
    DECLINED = "declined", _("Declined")


class MinutesCorrection(models.Model):
    """A change to a meeting's decisions proposed by a member who came; accepting it keeps the earlier text."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="corrections")
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    proposed_at = models.DateTimeField(_("proposed"), default=timezone.now)
    text = models.TextField(_("corrected decisions"), max_length=MINUTES_LIMIT)
    reason = models.CharField(_("what was wrong"), max_length=500, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=CorrectionStatus.choices, default=CorrectionStatus.PROPOSED
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    # The decisions as they read before this correction was accepted: the minutes' history.
    previous_text = models.TextField(_("earlier text"), blank=True)

    class Meta:
        verbose_name = _("correction to the minutes")
        verbose_name_plural = _("corrections to the minutes")
        ordering = ["proposed_at", "id"]

    def __str__(self):
        return gettext("Correction to %(meeting)s") % {"meeting": self.meeting}
