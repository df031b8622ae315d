"""URLs of the learning app's own pages (pathway and step pages are served by Wagtail)."""

from django.urls import path

from .views import (
    certificates,
    closing,
    evidence,
    exports,
    facilitation,
    groups,
    meeting_packs,
    milestones,
    notices,
    steps,
)

app_name = "learning"

urlpatterns = [
    path("groups/", groups.group_list, name="group_list"),
    path("groups/new/", groups.group_create, name="group_create"),
    path("groups/join/<str:token>/", groups.join_group, name="join_group"),
    path("groups/<slug:slug>/", groups.group_dashboard, name="group_dashboard"),
    path("groups/<slug:slug>/edit/", groups.group_edit, name="group_edit"),
    path("groups/<slug:slug>/milestones/", milestones.group_milestones, name="group_milestones"),
    path("groups/<slug:slug>/close/", closing.close_group, name="close_group"),
    path("groups/<slug:slug>/reopen/", closing.reopen_group, name="reopen_group"),
    path("groups/<slug:slug>/members/", groups.members, name="members"),
    path("groups/<slug:slug>/members/invite/", groups.invite, name="invite"),
    path("groups/<slug:slug>/members/<int:pk>/role/", groups.change_role, name="change_role"),
    path("groups/<slug:slug>/members/<int:pk>/remove/", groups.remove_member, name="remove_member"),
    path("groups/<slug:slug>/invitations/<int:pk>/cancel/", groups.cancel_invitation, name="cancel_invitation"),
    path("groups/<slug:slug>/leave/", groups.leave_group, name="leave_group"),
    path("groups/<slug:slug>/facilitators/<int:pk>/accept/", groups.accept_facilitator, name="accept_facilitator"),
    path("groups/<slug:slug>/facilitators/<int:pk>/end/", groups.end_facilitator, name="end_facilitator"),
    path("groups/<slug:slug>/enrol/", groups.enrol, name="enrol"),
    path("groups/<slug:slug>/steps/<int:step_id>/status/", steps.step_status, name="step_status"),
    path("groups/<slug:slug>/steps/<int:step_id>/reflections/new/", steps.reflection_add, name="reflection_add"),
    path(
        "groups/<slug:slug>/steps/<int:step_id>/evidence/<int:pk>/attach/",
        evidence.evidence_attach,
        name="evidence_attach",
    ),
    path("groups/<slug:slug>/reflections/<int:pk>/edit/", steps.reflection_edit, name="reflection_edit"),
    path("groups/<slug:slug>/reflections/<int:pk>/delete/", steps.reflection_delete, name="reflection_delete"),
    path("groups/<slug:slug>/reflections/<int:pk>/hide/", steps.reflection_hide, name="reflection_hide"),
    path("groups/<slug:slug>/evidence/", evidence.evidence_list, name="evidence_list"),
    path("groups/<slug:slug>/evidence/new/", evidence.evidence_add, name="evidence_add"),
    path("groups/<slug:slug>/evidence/<int:pk>/file/", evidence.evidence_file, name="evidence_file"),
    path("groups/<slug:slug>/evidence/<int:pk>/remove/", evidence.evidence_remove, name="evidence_remove"),
    path("groups/<slug:slug>/export/", exports.group_export_page, name="group_export"),
    path("groups/<slug:slug>/export/<int:pk>/download/", exports.group_export_download, name="group_export_download"),
    path("stages/<int:pk>/meeting-pack/", meeting_packs.meeting_pack, name="meeting_pack"),
    path("steps/<int:pk>/", meeting_packs.step_link, name="step_link"),
    path("notices/", notices.notice_list, name="notices"),
    path("notices/read/", notices.notices_read_all, name="notices_read_all"),
    path("notices/<int:pk>/", notices.notice_open, name="notice_open"),
    path("certificates/<str:code>/", certificates.certificate, name="certificate"),
    path("facilitation/", facilitation.caseload, name="caseload"),
    path("facilitation/verify/", facilitation.caseload_verify, name="caseload_verify"),
    path("facilitation/caseload.csv", facilitation.caseload_export, name="caseload_export"),
]
