"""Community groups, their members, invitations and facilitators."""

import secrets
from datetime import timedelta

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from resources.places import PLACE_CHOICES

from ..conf import invitation_days
from ..identifiers import hub_identifier, validate_org_id
from .choices import ChoiceLabels


class LegalForm(models.TextChoices):
    NONE = "", _("None yet (an informal group)")
    UNINCORPORATED = "unincorporated", _("Unincorporated association with a constitution")
    SCIO = "scio", _("Scottish charitable incorporated organisation (SCIO)")
    CIO = "cio", _("Charitable incorporated organisation (CIO)")
    COMPANY = "company", _("Company limited by guarantee")
    CIC = "cic", _("Community interest company")
    COOP = "coop", _("Co-operative or community benefit society")
    OTHER = "other", _("Other")


class CommunityGroupQuerySet(models.QuerySet):
    def open(self):
        """Groups still working: a closed group is read-only and left out of every list."""
        return self.filter(closed_at__isnull=True)


class CommunityGroup(ChoiceLabels, models.Model):
    name = models.CharField(_("name"), max_length=120)
    slug = models.SlugField(_("web address name"), max_length=80, unique=True)
    place = models.CharField(_("place"), max_length=40, choices=PLACE_CHOICES, blank=True)
    description = models.TextField(_("short description"), max_length=600, blank=True)
    legal_form = models.CharField(_("legal form"), max_length=20, choices=LegalForm.choices, blank=True)
    created = models.DateTimeField(_("created"), default=timezone.now, editable=False)
    closed_at = models.DateTimeField(
        _("closed"),
        null=True,
        blank=True,
        help_text=_("A closed group is read-only and hidden from lists; its data is kept, then purged."),
    )
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("closed by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # Nothing looks up who closed a group through Wagtail's reference index; left out, a group is not
    # indexed at all, so saving one costs no index queries.
    closed_by.wagtail_reference_index_ignore = True
    org_id = models.CharField(
        _("registration (org-id identifier)"),
        max_length=40,
        blank=True,
        validators=[validate_org_id],
        help_text=_("Where the group is registered and its number there, such as GB-SC-SC012345. Blank if not."),
    )
    postcode = models.CharField(
        _("postcode"),
        max_length=8,
        blank=True,
        help_text=_("Only funders the group chooses to share it with see it."),
    )
    findable = models.BooleanField(
        _("funders can find the group by name"),
        default=False,
        help_text=_(
            "When on, a funder's reviewer can find the group by its name or place and ask it to share. "
            "Nothing is shared until a coordinator shares it."
        ),
    )
    # Moves on inside the transaction of every write that changes what the group's pages show
    # (learning.group_versions), so what those pages keep in the cache is kept under it.
    records_version = models.BigIntegerField(_("records version"), default=0, editable=False)

    objects = CommunityGroupQuerySet.as_manager()

    class Meta:
        verbose_name = _("community group")
        verbose_name_plural = _("community groups")
        ordering = ["name"]
        # Groups are listed by name everywhere, and a funder's portfolio pages through its groups by
        # name: with the index PostgreSQL reads the first 25 in order instead of sorting every shared group.
        indexes = [models.Index(fields=["name"], name="learning_group_name")]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        # Saving a group loaded earlier must never write its records version back: a bump made since
        # would be undone and a number already used (with its cache entries) would come round again.
        if not self._state.adding and self.pk is not None and kwargs.get("update_fields") is None:
            deferred = self.get_deferred_fields()
            kwargs["update_fields"] = [
                field.name
                for field in self._meta.concrete_fields
                if not field.primary_key and field.name != "records_version" and field.attname not in deferred
            ]
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("learning:group_dashboard", kwargs={"slug": self.slug})

    @property
    def identifier(self):
        """What funders' data calls the group: its org-id identifier, or the Hub's own if it is not registered."""
        return self.org_id or hub_identifier(self.pk)


class Role(models.TextChoices):
    COORDINATOR = "coordinator", _("Coordinator")
    MEMBER = "member", _("Member")


class MembershipQuerySet(models.QuerySet):
    def active(self):
        return self.filter(left__isnull=True)


class Membership(ChoiceLabels, models.Model):
    """A person's time in a group. Leaving sets `left`; the row and the person's actions stay."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("person"), on_delete=models.CASCADE, related_name="group_memberships"
    )
    group = models.ForeignKey(
        CommunityGroup, verbose_name=_("group"), on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices, default=Role.MEMBER)
    joined = models.DateTimeField(_("joined"), default=timezone.now)
    left = models.DateTimeField(_("left"), null=True, blank=True)

    objects = MembershipQuerySet.as_manager()

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        ordering = ["group", "-role", "joined"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "group"], condition=Q(left__isnull=True), name="learning_one_active_membership"
            )
        ]
        indexes = [models.Index(fields=["group", "left"])]

    def __str__(self):
        return f"{self.user} in {self.group} ({self.get_role_display()})"

    @property
    def is_active(self):
        return self.left is None


def new_token():
    return secrets.token_urlsafe(32)


def default_expiry():
    return timezone.now() + timedelta(days=invitation_days())


class Invitation(models.Model):
    """A single-use, expiring link that lets one person join a group."""

    token = models.CharField(max_length=64, unique=True, default=new_token, editable=False)
    group = models.ForeignKey(
        CommunityGroup, verbose_name=_("group"), on_delete=models.CASCADE, related_name="invitations"
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices, default=Role.MEMBER)
    label = models.CharField(
        _("who it is for"),
        max_length=80,
        blank=True,
        help_text=_("A note for the group's coordinators, for example “Mary from the lunch club”."),
    )
    email = models.EmailField(
        _("for email address"),
        blank=True,
        help_text=_("When set, only a person who has confirmed this email address can use the link."),
    )
    expires_at = models.DateTimeField(_("expires"), default=default_expiry)
    used_at = models.DateTimeField(_("used"), null=True, blank=True)
    used_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    cancelled_at = models.DateTimeField(_("cancelled"), null=True, blank=True)

    class Meta:
        verbose_name = _("invitation")
        ordering = ["-created_at"]

    def __str__(self):
        return gettext("Invitation to %(group)s") % {"group": self.group}

    def get_absolute_url(self):
        return reverse("learning:join_group", kwargs={"token": self.token})

    @property
    def is_usable(self):
        return self.used_at is None and self.cancelled_at is None and self.expires_at > timezone.now()


class AssignmentStatus(models.TextChoices):
    PROPOSED = "proposed", _("Waiting for the coordinator to accept")
    ACTIVE = "active", _("Active")
    ENDED = "ended", _("Ended")


class FacilitatorAssignment(models.Model):
    """A facilitator supporting a group: proposed by staff, active once staff or the coordinator accepts."""

    facilitator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("facilitator"),
        on_delete=models.CASCADE,
        related_name="facilitator_assignments",
    )
    group = models.ForeignKey(
        CommunityGroup, verbose_name=_("group"), on_delete=models.CASCADE, related_name="facilitator_assignments"
    )
    status = models.CharField(
        _("status"), max_length=20, choices=AssignmentStatus.choices, default=AssignmentStatus.PROPOSED
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    accepted_at = models.DateTimeField(_("accepted"), null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    ended_at = models.DateTimeField(_("ended"), null=True, blank=True)

    class Meta:
        verbose_name = _("facilitator assignment")
        ordering = ["group", "-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["facilitator", "group"],
                condition=~Q(status="ended"),
                name="learning_one_open_facilitator_assignment",
            )
        ]

    def __str__(self):
        return f"{self.facilitator} for {self.group}"
