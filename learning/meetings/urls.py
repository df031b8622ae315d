"""Meeting URLs: a group's meetings, recording one, its record, corrections, evidence and actions."""

from django.urls import path

from . import views

app_name = "meetings"

urlpatterns = [
    path("groups/<slug:slug>/meetings/", views.meeting_list, name="list"),
    path("groups/<slug:slug>/meetings/new/", views.record_meeting, name="record"),
    path("groups/<slug:slug>/meetings/<int:pk>/", views.meeting_detail, name="detail"),
    path("groups/<slug:slug>/meetings/<int:pk>/correct/", views.propose_correction, name="propose_correction"),
    path(
        "groups/<slug:slug>/meetings/<int:pk>/corrections/<int:correction_pk>/",
        views.decide_correction,
        name="decide_correction",
    ),
    path("groups/<slug:slug>/meetings/<int:pk>/evidence/", views.keep_as_evidence, name="keep_as_evidence"),
    path("groups/<slug:slug>/meetings/<int:pk>/actions/<int:action_pk>/done/", views.action_done, name="action_done"),
]
