"""What a group asks of a public body, and the dated stages of a participation request."""

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .. import clock
from .bodies import PublicBody


class AskKind(models.TextChoices):
    INFORMAL = "informal", _("An informal request")
    PARTICIPATION = "participation", _("A participation request (Community Empowerment (Scotland) Act 2015)")


class SentHow(models.TextChoices):
    EMAIL = "email", _("Email")
    LETTER = "letter", _("Letter")
    ONLINE_FORM = "online_form", _("The body's online form")
    MEETING = "meeting", _("In a meeting")
    OTHER = "other", _("Another way")


class Stage(models.TextChoices):
    """The stages of a participation request, in the order the Act sets them."""

    ACKNOWLEDGED = "acknowledged", _("Acknowledged by the public body")
    VALIDATED = "validated", _("Validated by the public body")
    DECIDED = "decided", _("Decision notice received")
    PROCESS_STARTED = "process_started", _("Outcome improvement process started")
    OUTCOME_REPORTED = "outcome_reported", _("Outcome reported")


STAGE_ORDER = [choice.value for choice in Stage]


class Decision(models.TextChoices):
    AGREED = "agreed", _("Agreed")
    REFUSED = "refused", _("Refused")


class Ask(models.Model):
    """One request a group made of one public body: in the group's own words, with when and how it went."""

    group = models.ForeignKey(
        "learning.CommunityGroup", verbose_name=_("group"), on_delete=models.CASCADE, related_name="partner_asks"
    )
    # A body a group has asked is kept: the ask is the group's record of what it asked.
    body = models.ForeignKey(PublicBody, verbose_name=_("public body"), on_delete=models.PROTECT, related_name="asks")
    title = models.CharField(_("short title"), max_length=120)
    issue = models.TextField(_("the issue, in your own words"), max_length=4000)
    outcome = models.TextField(_("the outcome you want to improve"), max_length=2000)
    kind = models.CharField(_("kind of request"), max_length=20, choices=AskKind.choices)
    sent_on = models.DateField(_("sent on"))
    sent_how = models.CharField(_("how it was sent"), max_length=20, choices=SentHow.choices)
    decision_working_days = models.PositiveSmallIntegerField(
        _("working days for the decision"),
        default=clock.DECISION_WORKING_DAYS,
        validators=[MinValueValidator(clock.DECISION_WORKING_DAYS)],
        help_text=_("30 by law. Change it only if you agreed a longer period with the public body."),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("recorded on"), default=timezone.now)
    # Nothing is public unless a coordinator publishes it; withdrawing clears `published_at` at once.
    published_at = models.DateTimeField(_("published on"), null=True, blank=True)
    public_comment = models.CharField(
        _("your one-line comment"),
        max_length=200,
        blank=True,
        help_text=_("Shown with the summary, for example “Good progress, slower than promised”."),
    )

    class Meta:
        verbose_name = _("ask")
        ordering = ["-sent_on", "-pk"]
        indexes = [models.Index(fields=["group", "-sent_on"])]

    def __str__(self):
        return self.title

    @property
    def is_participation_request(self):
        return self.kind == AskKind.PARTICIPATION


class StageRecord(models.Model):
    """One stage of a participation request: its date, who recorded it and, for a decision, what and why."""

    ask = models.ForeignKey(Ask, verbose_name=_("ask"), on_delete=models.CASCADE, related_name="stages")
    stage = models.CharField(_("stage"), max_length=20, choices=Stage.choices)
    happened_on = models.DateField(_("date"))
    decision = models.CharField(_("decision"), max_length=10, choices=Decision.choices, blank=True)
    reasons = models.TextField(_("reasons or notes"), max_length=4000, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    recorded_by_officer = models.BooleanField(_("recorded by the partner officer"), default=False)
    recorded_at = models.DateTimeField(_("recorded at"), default=timezone.now)

    class Meta:
        verbose_name = _("stage")
        ordering = ["happened_on", "pk"]
        constraints = [models.UniqueConstraint(fields=["ask", "stage"], name="partners_one_record_per_stage")]

    def __str__(self):
        return f"{self.ask}: {self.get_stage_display()} {self.happened_on}"
