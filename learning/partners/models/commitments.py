"""What a public body agreed to do, and both sides' words on how it went."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .asks import Ask


class CommitmentStatus(models.TextChoices):
    OPEN = "open", _("In progress")
    KEPT = "kept", _("Kept")
    PARTLY_KEPT = "partly_kept", _("Partly kept")
    NOT_KEPT = "not_kept", _("Not kept")


class Commitment(models.Model):
    """One thing the public body agreed to do in answer to an ask, by when, and who owns it."""

    ask = models.ForeignKey(Ask, verbose_name=_("ask"), on_delete=models.CASCADE, related_name="commitments")
    what = models.TextField(_("what the public body agreed to do"), max_length=2000)
    due_on = models.DateField(_("by when"))
    owner = models.CharField(_("who owns it"), max_length=200, help_text=_("A person or team at the public body."))
    status = models.CharField(
        _("kept or not"), max_length=20, choices=CommitmentStatus.choices, default=CommitmentStatus.OPEN
    )
    status_reason = models.TextField(_("why"), max_length=2000, blank=True)
    marked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    marked_at = models.DateTimeField(_("marked on"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("recorded on"), default=timezone.now)

    class Meta:
        verbose_name = _("commitment")
        ordering = ["due_on", "pk"]

    def __str__(self):
        return self.what[:80]

    def is_overdue(self, today):
        return self.status == CommitmentStatus.OPEN and today > self.due_on


class Side(models.TextChoices):
    GROUP = "group", _("The group")
    BODY = "body", _("The public body")


class ProgressNote(models.Model):
    """A dated note on a commitment, in the words of the side that wrote it; never edited, never deleted."""

    commitment = models.ForeignKey(
        Commitment, verbose_name=_("commitment"), on_delete=models.CASCADE, related_name="notes"
    )
    side = models.CharField(_("side"), max_length=10, choices=Side.choices)
    text = models.TextField(_("note"), max_length=2000)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    written_at = models.DateTimeField(_("written on"), default=timezone.now)

    class Meta:
        verbose_name = _("progress note")
        ordering = ["written_at", "pk"]

    def __str__(self):
        return self.text[:80]


class WhoHeld(models.TextChoices):
    COMMUNITY = "community", _("The community")
    SERVICE = "service", _("The service")
    BOTH = "both", _("Both together")


class FourCosAnswer(models.Model):
    """One side's answer to the Four Co's for a piece of joint work: who decided, designed, delivered, assessed."""

    ask = models.ForeignKey(Ask, verbose_name=_("ask"), on_delete=models.CASCADE, related_name="four_cos")
    side = models.CharField(_("side"), max_length=10, choices=Side.choices)
    commissioned = models.CharField(_("Who decided what was needed?"), max_length=10, choices=WhoHeld.choices)
    designed = models.CharField(_("Who designed it?"), max_length=10, choices=WhoHeld.choices)
    delivered = models.CharField(_("Who delivered it?"), max_length=10, choices=WhoHeld.choices)
    assessed = models.CharField(_("Who assessed it?"), max_length=10, choices=WhoHeld.choices)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    answered_at = models.DateTimeField(_("answered on"), default=timezone.now)

    QUESTIONS = ("commissioned", "designed", "delivered", "assessed")

    class Meta:
        verbose_name = _("Four Co's answer")
        constraints = [models.UniqueConstraint(fields=["ask", "side"], name="partners_one_answer_per_side")]

    def __str__(self):
        return f"{self.ask}: {self.side}"
