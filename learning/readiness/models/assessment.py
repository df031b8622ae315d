"""Self-assessment rounds: each member's own rating, and the level the group agrees per domain."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .framework import Level, ReadinessDomain


class RoundKind(models.TextChoices):
    BASELINE = "baseline", _("Baseline (where we start)")
    REVIEW = "review", _("Review (how far we have come)")


class AssessmentRoundQuerySet(models.QuerySet):
    def open(self):
        return self.filter(closed_at__isnull=True)

    def closed(self):
        return self.filter(closed_at__isnull=False)


class AssessmentRound(models.Model):
    """One self-assessment a group holds; read-only and kept once closed."""

    group = models.ForeignKey(
        "learning.CommunityGroup", verbose_name=_("group"), on_delete=models.CASCADE, related_name="assessment_rounds"
    )
    kind = models.CharField(_("kind of round"), max_length=20, choices=RoundKind.choices, default=RoundKind.BASELINE)
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    opened_at = models.DateTimeField(_("opened"), default=timezone.now)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)

    objects = AssessmentRoundQuerySet.as_manager()

    class Meta:
        verbose_name = _("self-assessment round")
        ordering = ["-opened_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["group"], condition=Q(closed_at__isnull=True), name="readiness_one_open_round"
            )
        ]

    def __str__(self):
        return f"{self.group}: {self.get_kind_display()} {self.opened_at:%d %b %Y}"

    @property
    def is_open(self):
        return self.closed_at is None


class MemberRating(models.Model):
    """One member's own view of the group's level in one domain, in one round."""

    round = models.ForeignKey(AssessmentRound, on_delete=models.CASCADE, related_name="member_ratings")
    # An area members have rated is kept: deleting it would rewrite the group's rounds.
    domain = models.ForeignKey(ReadinessDomain, on_delete=models.PROTECT, related_name="+")
    # Kept, unattributed, when a person's data is erased.
    member = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    level = models.PositiveSmallIntegerField(_("level"), choices=Level.choices)
    comment = models.TextField(_("comment"), max_length=1000, blank=True)
    updated_at = models.DateTimeField(_("updated"), default=timezone.now)

    class Meta:
        verbose_name = _("member rating")
        constraints = [
            models.UniqueConstraint(fields=["round", "domain", "member"], name="readiness_one_rating_per_member")
        ]

    def __str__(self):
        return f"{self.member} rated {self.domain} {self.level}"


class AgreedLevel(models.Model):
    """The level a group agrees for one domain in one round, with its reasons, strengths and next steps."""

    round = models.ForeignKey(AssessmentRound, on_delete=models.CASCADE, related_name="agreed_levels")
    # An area with an agreed level is kept: closed rounds are the group's record of where it stood.
    domain = models.ForeignKey(ReadinessDomain, on_delete=models.PROTECT, related_name="+")
    level = models.PositiveSmallIntegerField(_("agreed level"), choices=Level.choices)
    reasons = models.TextField(_("why we agreed this level"), max_length=2000, blank=True)
    strengths = models.TextField(_("what we already have"), max_length=2000, blank=True)
    next_steps = models.TextField(_("what we will do next"), max_length=2000, blank=True)
    agreed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    agreed_at = models.DateTimeField(_("agreed"), default=timezone.now)

    class Meta:
        verbose_name = _("agreed level")
        constraints = [models.UniqueConstraint(fields=["round", "domain"], name="readiness_one_agreed_level")]

    def __str__(self):
        return f"{self.domain}: {self.level}"
