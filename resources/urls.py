"""URLs of the resources app that are not Wagtail pages; include them before Wagtail's catch-all."""

from django.urls import path

from . import views

app_name = "resources"

urlpatterns = [
    path("search/", views.search, name="search"),
    path("stories/", views.story_list, name="story_list"),
    path("stories/new/", views.story_new, name="story_new"),
    path("stories/thank-you/", views.story_thanks, name="story_thanks"),
]
