"""Readiness URLs: the group's readiness, sharing and reviews, and the funder pages."""

from django.urls import path

from .views import cohort, funders, group, sharing

app_name = "readiness"

urlpatterns = [
    path("groups/<slug:slug>/readiness/", group.profile, name="profile"),
    path("groups/<slug:slug>/readiness/rounds/", group.rounds, name="rounds"),
    path("groups/<slug:slug>/readiness/rounds/open/", group.open_round, name="open_round"),
    path("groups/<slug:slug>/readiness/rounds/<int:pk>/", group.round_detail, name="round"),
    path("groups/<slug:slug>/readiness/rounds/<int:pk>/rate/", group.rate, name="rate"),
    path("groups/<slug:slug>/readiness/rounds/<int:pk>/close/", group.close_round, name="close_round"),
    path("groups/<slug:slug>/readiness/rounds/<int:pk>/<slug:domain_slug>/", group.agree, name="agree"),
    path("groups/<slug:slug>/readiness/compare/", group.compare, name="compare"),
    path("groups/<slug:slug>/readiness/evidence/", group.evidence_library, name="evidence"),
    path("groups/<slug:slug>/readiness/evidence/<int:pk>/areas/", group.evidence_domains, name="evidence_domains"),
    path("groups/<slug:slug>/reviews/", group.group_reviews, name="group_reviews"),
    path("groups/<slug:slug>/reviews/<int:pk>/", group.group_review, name="group_review"),
    path("groups/<slug:slug>/sharing/", sharing.sharing_page, name="sharing"),
    path("groups/<slug:slug>/sharing/<int:pk>/stop/", sharing.revoke, name="revoke"),
    path("groups/<slug:slug>/sharing/findable/", sharing.set_findable, name="findable"),
    path("groups/<slug:slug>/sharing/requests/<int:pk>/decline/", sharing.decline_request, name="decline_request"),
    path("funders/", funders.portfolio, name="portfolio"),
    path("funders/cohort/", cohort.cohort, name="cohort"),
    path("funders/export.csv", funders.portfolio_export, name="portfolio_export"),
    path("funders/360giving.csv", funders.portfolio_360giving, name="portfolio_360giving"),
    path("funders/ask/", funders.ask_to_share, name="ask_to_share"),
    path("funders/requests/", funders.share_requests, name="share_requests"),
    path("funders/groups/<slug:slug>/", funders.funder_group, name="funder_group"),
    path("funders/groups/<slug:slug>/evidence/<int:pk>/", funders.funder_evidence, name="funder_evidence"),
]
