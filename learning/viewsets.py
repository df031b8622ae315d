"""Admin viewsets for groups, memberships, enrolments and facilitator assignments.

Memberships, enrolments and facilitator assignments are saved through `learning.services.groups`,
like the group's own pages, so the admin keeps the same rules: progress starts on enrolment,
activity is written, a group keeps a coordinator, facilitator statuses only move forward. A rule
the services refuse comes back as a form error. Nothing a group's history needs is deleted here.
"""

from django.contrib.auth import get_permission_codename, get_user_model
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, ObjectList
from wagtail.admin.views.generic import CreateView, EditView
from wagtail.admin.viewsets.model import ModelViewSet, ModelViewSetGroup
from wagtail.admin.widgets import Button
from wagtail.log_actions import log
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy

from . import admin_forms
from .admin_views import EnrolmentFilterSet, FacilitatorAssignmentFilterSet, GroupFilterSet, MembershipFilterSet
from .models import AssignmentStatus, CommunityGroup, Enrolment, FacilitatorAssignment, Membership
from .services import groups as group_services
from .services import progress as progress_services


class WithheldActionsPermissionPolicy(ModelPermissionPolicy):
    """Django's model permissions, less the actions the admin must never take on this model.

    Even superusers are refused them, so the admin shows no button for them and their views
    answer "permission denied".
    """

    def __init__(self, model, *, withheld):
        super().__init__(model)
        self.withheld = frozenset(withheld)

    def user_has_permission(self, user, action):
        return action not in self.withheld and super().user_has_permission(user, action)

    def users_with_any_permission(self, actions):
        actions = [action for action in actions if action not in self.withheld]
        if not actions:
            return get_user_model().objects.none()
        return super().users_with_any_permission(actions)


# Deleting a membership or a facilitator assignment would erase who was in or supported the group;
# ending them (on their edit page) keeps that. An enrolment has no ended state, and deleting or
# moving it would strand the group's progress on the pathway, so it is never changed after the fact.
# A group is closed, never deleted here: closing keeps its records for the retention period and
# `purge_closed_groups` deletes them, with the evidence files, afterwards.
PERMISSION_POLICIES = {
    CommunityGroup: WithheldActionsPermissionPolicy(CommunityGroup, withheld=["delete"]),
    Membership: WithheldActionsPermissionPolicy(Membership, withheld=["delete"]),
    Enrolment: WithheldActionsPermissionPolicy(Enrolment, withheld=["change", "delete"]),
    FacilitatorAssignment: WithheldActionsPermissionPolicy(FacilitatorAssignment, withheld=["delete"]),
}


def register_permission_policies():
    """Register the policies above; Wagtail needs them before it builds the viewsets."""
    for model, policy in PERMISSION_POLICIES.items():
        register_permission_policy(model, policy)


class SavedThroughServiceMixin:
    """For admin create and edit views whose save is a service call, not `form.save()`.

    Subclasses implement `save_through_service(form)` and return the saved instance. A
    ValidationError from the service becomes a form error; Wagtail's history still gets its entry.
    """

    log_action = None

    def save_through_service(self, form):
        raise NotImplementedError

    def save_instance(self):
        instance = self.save_through_service(self.form)
        log(instance, self.log_action, user=self.request.user)
        return instance

    def form_valid(self, form):
        try:
            # Wagtail runs save_instance in a transaction, so a refused change leaves nothing behind.
            return super().form_valid(form)
        except ValidationError as error:
            form.add_error(None, error)
            self.produced_error_code = "validation_error"
            self.produced_error_message = self.get_error_message()
            return self.form_invalid(form)


class ServiceCreateView(SavedThroughServiceMixin, CreateView):
    log_action = "wagtail.create"


class ServiceEditView(SavedThroughServiceMixin, EditView):
    log_action = "wagtail.edit"

    def fresh_object(self):
        # The bound form has already copied the posted values onto self.object; the services
        # must judge the change against the row as it is stored.
        return type(self.object)._default_manager.get(pk=self.object.pk)


class MembershipCreateView(ServiceCreateView):
    def save_through_service(self, form):
        data = form.cleaned_data
        return group_services.add_member(
            group=data["group"], user=data["user"], role=data["role"], by=self.request.user
        )


CLOSED_GROUP_MESSAGE = _(
    "This group is closed, so its members and facilitators stay as they were. Open it again first."
)


def refuse_closed_group(group):
    if group.closed_at is not None:
        raise ValidationError(CLOSED_GROUP_MESSAGE)


class MembershipEditView(ServiceEditView):
    def save_through_service(self, form):
        membership = self.fresh_object()
        refuse_closed_group(membership.group)
        if "role" in form.changed_data:
            group_services.change_role(membership=membership, role=form.cleaned_data["role"], by=self.request.user)
        if form.cleaned_data.get("end_membership"):
            group_services.end_membership(membership=membership, by=self.request.user)
        membership.refresh_from_db()
        return membership


class EnrolmentCreateView(ServiceCreateView):
    def save_through_service(self, form):
        data = form.cleaned_data
        return progress_services.enrol(group=data["group"], pathway=data["pathway"], by=self.request.user)


class EnrolmentEditView(ServiceEditView):
    def save_through_service(self, form):
        # Unreachable while the policy withholds "change"; kept refusing in case that is loosened.
        raise ValidationError(_("An enrolment cannot be changed: the group's progress on the pathway belongs to it."))


class FacilitatorAssignmentCreateView(ServiceCreateView):
    def save_through_service(self, form):
        data = form.cleaned_data
        assignment = group_services.propose_facilitator(
            group=data["group"], facilitator=data["facilitator"], by=self.request.user
        )
        if data["status"] == AssignmentStatus.ACTIVE:
            group_services.accept_facilitator(assignment=assignment, by=self.request.user)
            assignment.refresh_from_db()
        return assignment


class FacilitatorAssignmentEditView(ServiceEditView):
    def save_through_service(self, form):
        assignment = self.fresh_object()
        refuse_closed_group(assignment.group)
        if "status" in form.changed_data:
            group_services.move_facilitator_assignment(
                assignment=assignment, status=form.cleaned_data["status"], by=self.request.user
            )
            assignment.refresh_from_db()
        return assignment


class ListingViewSet(ModelViewSet):
    """A viewset whose listing fetches the people, groups and pathways its columns show in one query.

    (Wagtail's generic views never call a viewset's own get_queryset, so the listing's queryset is
    handed to the index view instead.)
    """

    list_select_related = ()

    def get_index_view_kwargs(self, **kwargs):
        queryset = self.model._default_manager.select_related(*self.list_select_related)
        return super().get_index_view_kwargs(queryset=queryset, **kwargs)


class ServiceViewSet(ListingViewSet):
    """A listing viewset whose rows are created and edited only through the services.

    Create and edit have their own forms; the edit page shows what may not change as read-only
    panels. Copying is off: a copy would be a create that skipped the service.
    """

    create_form_class = None
    edit_form_class = None
    edit_panels = ()
    copy_view_enabled = False

    def get_form_class(self, for_update=False):
        return self.edit_form_class if for_update else self.create_form_class

    @cached_property
    def edit_panel(self):
        return ObjectList(list(self.edit_panels)).bind_to_model(self.model) if self.edit_panels else None

    def get_edit_view_kwargs(self, **kwargs):
        return super().get_edit_view_kwargs(panel=self.edit_panel, **kwargs)

    def get_permissions_to_register(self):
        # Offer no checkbox in the group permission editor for an action the policy never grants.
        withheld = PERMISSION_POLICIES[self.model].withheld
        codenames = [get_permission_codename(action, self.model_opts) for action in withheld]
        return super().get_permissions_to_register().exclude(codename__in=codenames)


class ReadOnlyPanel(FieldPanel):
    """A field shown, never edited; an empty value reads as a dash rather than "None"."""

    def __init__(self, field_name, **kwargs):
        kwargs["read_only"] = True
        super().__init__(field_name, **kwargs)

    def format_value_for_display(self, value):
        return "—" if value is None else super().format_value_for_display(value)


class CommunityGroupEditView(EditView):
    """The group's edit page offers "Close this group" or, once closed, "Open the group again"."""

    @cached_property
    def header_more_buttons(self):
        buttons = super().header_more_buttons
        if self.object.closed_at is None:
            label, url_name, icon = _("Close this group"), "learning:close_group", "lock"
        else:
            label, url_name, icon = _("Open the group again"), "learning:reopen_group", "lock-open"
        buttons.append(Button(label, url=reverse(url_name, args=[self.object.slug]), icon_name=icon, priority=30))
        return buttons


class CommunityGroupViewSet(ModelViewSet):
    model = CommunityGroup
    icon = "group"
    menu_label = _("Groups")
    list_display = ["name", "place", "legal_form", "created", "closed_at"]
    edit_view_class = CommunityGroupEditView
    filterset_class = GroupFilterSet
    search_fields = ["name", "slug", "description"]
    form_fields = ["name", "slug", "place", "description", "legal_form"]
    inspect_view_enabled = True


_STAYS_WITH_ITS_ROW = _(
    "A membership stays with its person and group as part of the group's history. "
    "To move someone, end this membership and add a new one."
)


class MembershipViewSet(ServiceViewSet):
    model = Membership
    list_select_related = ["user", "group"]
    icon = "user"
    menu_label = _("Memberships")
    list_display = ["user", "group", "role", "joined", "left"]
    filterset_class = MembershipFilterSet
    search_fields = ["group__name", "user__email", "user__display_name"]
    add_view_class = MembershipCreateView
    edit_view_class = MembershipEditView
    create_form_class = admin_forms.MembershipCreateForm
    edit_form_class = admin_forms.MembershipEditForm
    edit_panels = [
        ReadOnlyPanel("user", help_text=_STAYS_WITH_ITS_ROW),
        ReadOnlyPanel("group", help_text=_STAYS_WITH_ITS_ROW),
        ReadOnlyPanel("joined"),
        ReadOnlyPanel("left", help_text=_("Set when the membership ends (below).")),
        FieldPanel("role"),
        FieldPanel("end_membership"),
    ]


class EnrolmentViewSet(ServiceViewSet):
    model = Enrolment
    list_select_related = ["group", "pathway"]
    icon = "list-ol"
    menu_label = _("Enrolments")
    list_display = ["group", "pathway", "enrolled_at"]
    filterset_class = EnrolmentFilterSet
    search_fields = ["group__name"]
    add_view_class = EnrolmentCreateView
    edit_view_class = EnrolmentEditView
    create_form_class = admin_forms.EnrolmentCreateForm
    edit_form_class = admin_forms.EnrolmentEditForm
    # Enrolments are never edited (see PERMISSION_POLICIES): the listing links to this page instead.
    inspect_view_enabled = True
    inspect_view_fields = ["group", "pathway", "enrolled_by", "enrolled_at"]


class FacilitatorAssignmentViewSet(ServiceViewSet):
    model = FacilitatorAssignment
    list_select_related = ["facilitator", "group"]
    icon = "user"
    menu_label = _("Facilitators")
    list_display = ["facilitator", "group", "status", "accepted_at"]
    filterset_class = FacilitatorAssignmentFilterSet
    search_fields = ["group__name", "facilitator__email", "facilitator__display_name"]
    add_view_class = FacilitatorAssignmentCreateView
    edit_view_class = FacilitatorAssignmentEditView
    create_form_class = admin_forms.FacilitatorAssignmentCreateForm
    edit_form_class = admin_forms.FacilitatorAssignmentEditForm
    edit_panels = [
        ReadOnlyPanel(
            "facilitator",
            help_text=_("An assignment stays with its facilitator and group. To change either, add a new one."),
        ),
        ReadOnlyPanel("group"),
        FieldPanel("status"),
        ReadOnlyPanel("created_at"),
        ReadOnlyPanel("accepted_at"),
        ReadOnlyPanel("accepted_by"),
        ReadOnlyPanel("ended_at"),
    ]


class LearningViewSetGroup(ModelViewSetGroup):
    menu_label = _("Community groups")
    menu_icon = "group"
    menu_order = 250
    items = (CommunityGroupViewSet, MembershipViewSet, EnrolmentViewSet, FacilitatorAssignmentViewSet)
