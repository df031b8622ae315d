"""A funder's review of a group's readiness, its per-domain ratings, and the group's replies."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from ..rating import Rag, check_override
from .framework import ReadinessDomain
from .funders import FunderOrganisation
from .sharing import ShareGrant


class Decision(models.TextChoices):
    READY = "ready", _("Ready")
    READY_WITH_CONDITIONS = "conditions", _("Ready with conditions")
    NOT_YET = "not_yet", _("Not yet, with support offered")
    NOT_ELIGIBLE = "not_eligible", _("Not eligible")


class ReadinessReview(models.Model):
    group = models.ForeignKey(
        "learning.CommunityGroup", verbose_name=_("group"), on_delete=models.CASCADE, related_name="readiness_reviews"
    )
    # A funder that has reviewed a group is kept: the group keeps the review and its replies.
    funder = models.ForeignKey(
        FunderOrganisation, verbose_name=_("funder"), on_delete=models.PROTECT, related_name="reviews"
    )
    grant = models.ForeignKey(ShareGrant, null=True, blank=True, on_delete=models.SET_NULL, related_name="reviews")
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decision = models.CharField(_("decision"), max_length=20, choices=Decision.choices)
    feedback = models.TextField(_("feedback for the group"), max_length=5000)
    suggested_steps = models.ManyToManyField(
        "learning.StepPage", verbose_name=_("suggested steps"), blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("posted"), default=timezone.now, db_index=True)

    class Meta:
        verbose_name = _("readiness review")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["group", "funder", "-created_at"])]

    def __str__(self):
        return gettext("%(funder)s review of %(group)s") % {"funder": self.funder, "group": self.group}


class DomainRating(models.Model):
    review = models.ForeignKey(ReadinessReview, on_delete=models.CASCADE, related_name="domain_ratings")
    # An area a funder has rated is kept: the review must read as it was written.
    domain = models.ForeignKey(ReadinessDomain, on_delete=models.PROTECT, related_name="+")
    suggested = models.CharField(_("suggested rating"), max_length=10, choices=Rag.choices)
    final = models.CharField(_("rating"), max_length=10, choices=Rag.choices)
    override_reason = models.TextField(_("why the rating differs from the suggestion"), max_length=1000, blank=True)
    comment = models.TextField(_("comment"), max_length=2000, blank=True)

    class Meta:
        verbose_name = _("domain rating")
        ordering = ["domain__sort_order", "domain__name"]
        constraints = [models.UniqueConstraint(fields=["review", "domain"], name="readiness_one_rating_per_domain")]

    def __str__(self):
        return f"{self.domain}: {self.final}"

    def clean(self):
        check_override(suggested=self.suggested, final=self.final, reason=self.override_reason)

    @property
    def is_override(self):
        return self.final != self.suggested


class ReviewReply(models.Model):
    review = models.ForeignKey(ReadinessReview, on_delete=models.CASCADE, related_name="replies")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    body = models.TextField(_("reply"), max_length=5000)
    created_at = models.DateTimeField(_("posted"), default=timezone.now)

    class Meta:
        verbose_name = _("reply to a review")
        verbose_name_plural = _("replies to reviews")
        ordering = ["created_at", "pk"]

    def __str__(self):
        return gettext("Reply to %(review)s") % {"review": self.review}
