"""The custom user: email is the sign-in identifier (case-insensitive), plus a display name.

Also the person's downloads of their own data (`PersonalDataExport`, built by `accounts.data_export`).
"""

import uuid

from django.conf import settings
from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.db import models
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

# The one private storage of the site (a folder with no URL, or the host's private bucket): it needs
# only settings, so accounts keeps working on a site without the learning app installed.
from learning.storage import private_storage


class UserManager(BaseUserManager):
    use_in_migrations = True

    def normalize_email(self, email):
        return (email or "").strip().lower()

    def get_by_natural_key(self, username):
        return self.get(email__iexact=self.normalize_email(username))

    def _create_user(self, email, password, **extra_fields):
        if not email:
            raise ValueError("An email address is required.")
        user = self.model(email=self.normalize_email(email), **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra_fields)

    def create_superuser(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", True)
        extra_fields.setdefault("is_superuser", True)
        return self._create_user(email, password, **extra_fields)


class User(AbstractUser):
    username = None
    email = models.EmailField(_("email address"), unique=True)
    display_name = models.CharField(
        _("display name"),
        max_length=100,
        blank=True,
        help_text=_("The name other people in your groups see."),
    )
    email_confirmed_at = models.DateTimeField(_("email confirmed"), null=True, blank=True)
    # One of settings.LANGUAGES, or empty for "whatever my browser asks for". No choices here, so that
    # adding a language stays configuration (docs/translation.md) and needs no migration.
    interface_language = models.CharField(
        _("interface language"),
        max_length=15,
        blank=True,
        help_text=_("The language of buttons, menus and messages. Empty: the language your browser asks for."),
    )
    erased_at = models.DateTimeField(
        _("personal data erased"),
        null=True,
        blank=True,
        help_text=_("Set when the person asked for their personal data to be erased."),
    )
    sessions_valid_after = models.DateTimeField(
        _("sessions valid after"),
        null=True,
        blank=True,
        help_text=_("Set by “Sign out everywhere”: every sign-in from before this time has ended."),
    )

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = []

    objects = UserManager()

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        ordering = ["email"]
        constraints = [
            models.UniqueConstraint(Lower("email"), name="accounts_user_email_ci_unique"),
        ]

    def __str__(self):
        return self.get_display_name()

    def save(self, *args, **kwargs):
        self.email = type(self).objects.normalize_email(self.email)
        super().save(*args, **kwargs)

    def get_display_name(self):
        if self.erased_at:
            return str(_("A former member"))
        return self.display_name or self.get_full_name() or self.email.split("@")[0]

    def get_short_name(self):
        return self.get_display_name()


def personal_export_upload_to(instance, filename):
    """A random name under the person's id: a download is found through its row, never by guessing."""
    return f"exports/people/{instance.user_id}/{uuid.uuid4().hex}.zip"


class PersonalDataExport(models.Model):
    """A zip of everything the site keeps about one person, built in the background; removed once it expires."""

    PREPARING = "preparing"
    READY = "ready"
    FAILED = "failed"
    STATUS_CHOICES = [
        (PREPARING, _("Being prepared")),
        (READY, _("Ready")),
        (FAILED, _("Could not be prepared")),
    ]

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("person"), on_delete=models.CASCADE, related_name="data_exports"
    )
    status = models.CharField(_("status"), max_length=20, choices=STATUS_CHOICES, default=PREPARING)
    created_at = models.DateTimeField(_("asked for"), default=timezone.now)
    ready_at = models.DateTimeField(_("ready"), null=True, blank=True)
    expires_at = models.DateTimeField(_("download until"), null=True, blank=True)
    file = models.FileField(
        _("file"), storage=private_storage, upload_to=personal_export_upload_to, max_length=255, blank=True
    )
    size = models.PositiveBigIntegerField(_("size in bytes"), default=0)

    class Meta:
        verbose_name = _("personal data download")
        verbose_name_plural = _("personal data downloads")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["user", "-created_at"]), models.Index(fields=["status", "expires_at"])]

    def __str__(self):
        return _("Personal data asked for %(when)s") % {"when": f"{self.created_at:%Y-%m-%d %H:%M}"}

    def is_expired(self, at=None):
        return self.expires_at is not None and self.expires_at <= (at or timezone.now())

    @property
    def can_download(self):
        return self.status == self.READY and bool(self.file) and not self.is_expired()
