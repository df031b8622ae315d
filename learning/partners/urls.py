"""Partners URLs: a group's asks, commitments and partner officers, and the officer's own pages."""

from django.urls import path

from .views import group, officers, public

app_name = "partners"

urlpatterns = [
    path("groups/<slug:slug>/partners/", group.group_partners, name="group"),
    path("groups/<slug:slug>/partners/asks/new/", group.new_ask, name="new_ask"),
    path("groups/<slug:slug>/partners/asks/<int:pk>/", group.ask_detail, name="ask"),
    path("groups/<slug:slug>/partners/asks/<int:pk>/stage/", group.record_stage, name="record_stage"),
    path("groups/<slug:slug>/partners/asks/<int:pk>/commitments/", group.add_commitment, name="add_commitment"),
    path("groups/<slug:slug>/partners/commitments/<int:pk>/notes/", group.add_note, name="add_note"),
    path("groups/<slug:slug>/partners/commitments/<int:pk>/mark/", group.mark_commitment, name="mark_commitment"),
    path("groups/<slug:slug>/partners/asks/<int:pk>/four-cos/", group.answer_four_cos, name="four_cos"),
    path("groups/<slug:slug>/partners/asks/<int:pk>/letter/", group.letter, name="letter"),
    path("groups/<slug:slug>/partners/asks/<int:pk>/publish/", public.publish, name="publish"),
    path("groups/<slug:slug>/partners/officers/", officers.officers, name="officers"),
    path("groups/<slug:slug>/partners/sharing/<int:pk>/stop/", officers.stop_sharing, name="stop_sharing"),
    path("partners/", officers.officer_home, name="officer_home"),
    path("partners/join/<str:token>/", officers.join, name="join"),
    path("partners/published/<slug:slug>/", public.published, name="published"),
]
