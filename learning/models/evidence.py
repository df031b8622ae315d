"""What a group writes and keeps on a step: reflections and evidence (files are private)."""

import os
import uuid

from django.conf import settings
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from ..evidence_types import EvidenceType
from ..storage import private_storage
from .choices import ChoiceLabels


class Reflection(models.Model):
    group = models.ForeignKey(
        "learning.CommunityGroup", verbose_name=_("group"), on_delete=models.CASCADE, related_name="reflections"
    )
    # A step a group has reflected on is unpublished, never deleted: deleting it would erase what they wrote.
    step = models.ForeignKey("learning.StepPage", verbose_name=_("step"), on_delete=models.PROTECT, related_name="+")
    # Null once the author's account is erased; the group keeps the reflection.
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # Plain text exactly as typed, never HTML: templates show it through the `plain_text` filter.
    text = models.TextField(_("reflection"), max_length=5000, help_text=_("Plain text, as the author typed it."))
    created = models.DateTimeField(_("written"), default=timezone.now)
    edited = models.DateTimeField(_("edited"), null=True, blank=True)
    hidden = models.BooleanField(_("hidden by the coordinator"), default=False)

    class Meta:
        verbose_name = _("reflection")
        ordering = ["created", "id"]
        indexes = [models.Index(fields=["group", "step"])]

    def __str__(self):
        return gettext("Reflection on %(step)s by %(group)s") % {"step": self.step_id, "group": self.group}


def evidence_upload_to(instance, filename):
    """A random name under the group's id: never the uploader's file name, never guessable."""
    extension = os.path.splitext(filename)[1].lower()
    return f"evidence/{instance.group_id}/{uuid.uuid4().hex}{extension}"


class EvidenceQuerySet(models.QuerySet):
    def current(self):
        return self.filter(removed_at__isnull=True)

    def for_step(self, step):
        return self.filter(kept_for_step(step))


def kept_for_step(step):
    """The condition for evidence kept for `step`: added on it, or attached to it later from the library."""
    return Q(step=step) | Exists(StepEvidence.objects.filter(evidence=OuterRef("pk"), step=step))


class Evidence(ChoiceLabels, models.Model):
    group = models.ForeignKey(
        "learning.CommunityGroup", verbose_name=_("group"), on_delete=models.CASCADE, related_name="evidence"
    )
    # Blank when the evidence was added straight to the group's library rather than on a step.
    step = models.ForeignKey(
        "learning.StepPage", verbose_name=_("step"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    evidence_type = models.CharField(_("type of evidence"), max_length=40, choices=EvidenceType.choices)
    title = models.CharField(_("title"), max_length=200)
    file = models.FileField(
        _("file"), storage=private_storage, upload_to=evidence_upload_to, max_length=255, blank=True
    )
    original_filename = models.CharField(_("original file name"), max_length=255, blank=True)
    content_type = models.CharField(_("content type"), max_length=100, blank=True)
    note = models.TextField(_("note"), max_length=2000, blank=True)
    valid_until = models.DateField(_("valid until"), null=True, blank=True)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    added_at = models.DateTimeField(_("added"), default=timezone.now)
    removed_at = models.DateTimeField(_("removed"), null=True, blank=True)

    objects = EvidenceQuerySet.as_manager()

    class Meta:
        verbose_name = _("evidence")
        verbose_name_plural = _("evidence")
        ordering = ["-added_at", "-id"]
        indexes = [models.Index(fields=["group", "evidence_type"])]

    def __str__(self):
        return self.title

    @property
    def is_expired(self):
        return self.valid_until is not None and self.valid_until < timezone.localdate()

    @property
    def is_image(self):
        return self.content_type.startswith("image/")


class StepEvidence(models.Model):
    """Evidence the group already had, attached to another step that asks for it (one piece can serve many)."""

    evidence = models.ForeignKey(
        Evidence, verbose_name=_("evidence"), on_delete=models.CASCADE, related_name="step_attachments"
    )
    # The attachment only says where the evidence is used; the evidence itself stays if the step goes.
    step = models.ForeignKey("learning.StepPage", verbose_name=_("step"), on_delete=models.CASCADE, related_name="+")
    attached_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    attached_at = models.DateTimeField(_("attached"), default=timezone.now)

    class Meta:
        verbose_name = _("evidence attached to a step")
        verbose_name_plural = _("evidence attached to steps")
        constraints = [models.UniqueConstraint(fields=["evidence", "step"], name="learning_evidence_once_per_step")]

    def __str__(self):
        return f"{self.evidence} used on {self.step_id}"
