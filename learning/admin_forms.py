"""Forms for the learning admin: only what staff may set on memberships, enrolments and facilitators.

Saving happens in `learning.viewsets` through `learning.services.groups`; these forms only say
which values a person may choose. Fields the rules do not let the admin change are left out
(the edit pages show them read-only, with help text saying why).
"""

from django import forms
from django.contrib.auth import get_user_model
from django.core.exceptions import NON_FIELD_ERRORS
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm

from .models import AssignmentStatus, CommunityGroup, Enrolment, FacilitatorAssignment, Membership, PathwayPage
from .services.groups import FACILITATOR_TRANSITIONS


def _active_people():
    return get_user_model().objects.filter(is_active=True).order_by("email")


def _open_groups():
    # A closed group is read-only: nobody joins it, starts a pathway in it or supports it.
    return CommunityGroup.objects.open().order_by("name")


_STATUS_LABEL = capfirst(FacilitatorAssignment._meta.get_field("status").verbose_name)


class MembershipCreateForm(WagtailAdminModelForm):
    class Meta:
        model = Membership
        fields = ["user", "group", "role"]
        help_texts = {
            "user": _("They join at once, without an invitation, and the group's activity shows them joining."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Erased and deactivated accounts cannot sign in, so they cannot take part in a group.
        self.fields["user"].queryset = _active_people()
        self.fields["group"].queryset = _open_groups()


class MembershipEditForm(WagtailAdminModelForm):
    end_membership = forms.BooleanField(
        label=_("End this membership"),
        required=False,
        help_text=_(
            "They leave the group; the membership and what they did for the group stay. "
            "A group always keeps a coordinator, so make someone else a coordinator first."
        ),
    )

    class Meta:
        model = Membership
        fields = ["role"]
        help_texts = {
            "role": _("A group always keeps at least one coordinator: make someone else one before changing this."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.left is not None:
            # The role it ended with is part of the group's history.
            self.fields["role"].disabled = True
            self.fields["role"].help_text = _(
                "This membership has ended, so it stays as it was. To bring the person back, add a new membership."
            )
            del self.fields["end_membership"]


class EnrolmentCreateForm(WagtailAdminModelForm):
    class Meta:
        model = Enrolment
        fields = ["group", "pathway"]
        help_texts = {
            "pathway": _(
                "The group starts it at once. An enrolment cannot be changed or removed afterwards, "
                "because the group's progress on the pathway belongs to it."
            ),
        }
        error_messages = {NON_FIELD_ERRORS: {"unique_together": _("This group has already started this pathway.")}}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["pathway"].queryset = PathwayPage.objects.live().order_by("title")
        self.fields["group"].queryset = _open_groups()


class EnrolmentEditForm(WagtailAdminModelForm):
    """Nothing of an enrolment can change: the admin shows it read-only (see the viewset)."""

    class Meta:
        model = Enrolment
        fields = []


class FacilitatorAssignmentCreateForm(WagtailAdminModelForm):
    # Not a model field here: the status is reached through the services, never written directly.
    status = forms.ChoiceField(
        label=_STATUS_LABEL,
        choices=[(value, label) for value, label in AssignmentStatus.choices if value != AssignmentStatus.ENDED],
        initial=AssignmentStatus.PROPOSED,
        help_text=_("Proposed waits for the group's coordinator to accept; active means staff accept it now."),
    )

    class Meta:
        model = FacilitatorAssignment
        fields = ["facilitator", "group"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["facilitator"].queryset = _active_people()
        self.fields["group"].queryset = _open_groups()


class FacilitatorAssignmentEditForm(WagtailAdminModelForm):
    status = forms.ChoiceField(
        label=_STATUS_LABEL,
        help_text=_(
            "A proposed facilitator can be accepted (active) or declined (ended); an active one can be ended. "
            "An ended assignment stays as the record: to support the group again, add a new assignment."
        ),
    )

    class Meta:
        model = FacilitatorAssignment
        fields = []

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        current = self.instance.status
        allowed = {current, *FACILITATOR_TRANSITIONS.get(current, ())}
        field = self.fields["status"]
        field.choices = [(value, label) for value, label in AssignmentStatus.choices if value in allowed]
        field.initial = current
        if current == AssignmentStatus.ENDED:
            field.disabled = True
