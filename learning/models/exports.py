"""A group's data taken away as a zip: one row per download a coordinator asked for, kept until it expires."""

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from ..storage import private_storage


def group_export_upload_to(instance, filename):
    """A random name under the group's id: a download is found through its row, never by guessing."""
    return f"exports/groups/{instance.group_id}/{uuid.uuid4().hex}.zip"


class ExportStatus(models.TextChoices):
    PREPARING = "preparing", _("Being prepared")
    READY = "ready", _("Ready")
    FAILED = "failed", _("Could not be prepared")


class GroupExport(models.Model):
    """A zip of everything a group keeps on the Hub, built in the background; removed once it expires."""

    group = models.ForeignKey(
        "learning.CommunityGroup", verbose_name=_("group"), on_delete=models.CASCADE, related_name="exports"
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("asked for by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    status = models.CharField(_("status"), max_length=20, choices=ExportStatus.choices, default=ExportStatus.PREPARING)
    created_at = models.DateTimeField(_("asked for"), default=timezone.now)
    ready_at = models.DateTimeField(_("ready"), null=True, blank=True)
    expires_at = models.DateTimeField(_("download until"), null=True, blank=True)
    file = models.FileField(
        _("file"), storage=private_storage, upload_to=group_export_upload_to, max_length=255, blank=True
    )
    size = models.PositiveBigIntegerField(_("size in bytes"), default=0)

    class Meta:
        verbose_name = _("group data download")
        verbose_name_plural = _("group data downloads")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["group", "-created_at"]), models.Index(fields=["status", "expires_at"])]

    def __str__(self):
        return gettext("Data of %(group)s asked for %(asked)s") % {
            "group": self.group,
            "asked": f"{self.created_at:%Y-%m-%d %H:%M}",
        }

    def is_expired(self, at=None):
        return self.expires_at is not None and self.expires_at <= (at or timezone.now())

    @property
    def can_download(self):
        return self.status == ExportStatus.READY and bool(self.file) and not self.is_expired()
