"""Every view of the project has a query budget at two data sizes, or this test names the one that has not.

The views that need one: every named URL whose view is the project's own code, the public routes
config/urls.py mounts from Wagtail (sitemap, API), every page type the project defines, and every
extra route of a routable page. They are covered by a Budget in this folder (asserted in a small and
a large world) or by a two-size test elsewhere, listed in COVERED_ELSEWHERE.
"""

from pathlib import Path

from django.urls import URLPattern, URLResolver, get_resolver
from wagtail.contrib.routable_page.models import RoutablePageMixin
from wagtail.models import get_page_models

from . import test_accounts, test_home, test_learning, test_meetings, test_partners, test_readiness, test_resources

PROJECT_PACKAGES = {"accounts", "home", "learning", "resources", "config", "benchdata"}
PUBLIC_WAGTAIL_ROUTES = ("sitemap", "wagtailapi:")
TESTS = Path(__file__).resolve().parent.parent

# Views whose two-size budget lives in another test file (the file must measure queries).
COVERED_ELSEWHERE = {
    "learning:group_dashboard": "learning/test_query_counts.py",
    "home.HomePage": "query_budgets/test_site_shell.py",
    "home.StandardPage": "query_budgets/test_site_shell.py",
    "resources.GuideIndexPage": "resources/test_listings.py",
    "resources.CaseStudyIndexPage": "resources/test_listings.py",
}
BUDGETED = {
    budget.name
    for module in (
        test_accounts,
        test_home,
        test_learning,
        test_meetings,
        test_partners,
        test_readiness,
        test_resources,
    )
    for budget in module.BUDGETS
}


def url_names(patterns, namespace=()):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            yield from url_names(pattern.url_patterns, namespace + ((pattern.namespace,) if pattern.namespace else ()))
        elif isinstance(pattern, URLPattern) and pattern.name:
            view = getattr(pattern.callback, "view_class", pattern.callback)
            yield ":".join((*namespace, pattern.name)), view.__module__.split(".")[0]


def views_needing_a_budget():
    needed = {
        name
        for name, package in url_names(get_resolver().url_patterns)
        if package in PROJECT_PACKAGES or name.startswith(PUBLIC_WAGTAIL_ROUTES)
    }
    for model in get_page_models():
        if model._meta.app_label.split(".")[0] not in PROJECT_PACKAGES | {"readiness"}:
            continue
        needed.add(model._meta.label)
        if issubclass(model, RoutablePageMixin):
            needed |= {
                f"{model._meta.label} {route.name}"
                for route in model.get_subpage_urls()
                if route.name and route.name != "index_route"
            }
    return needed


def test_every_view_has_a_query_budget():
    needed = views_needing_a_budget()
    assert "learning:step_status" in needed and "learning.StepPage" in needed  # the walk finds the views
    missing = sorted(needed - BUDGETED - set(COVERED_ELSEWHERE))
    assert not missing, f"Views without a two-size query budget (add a Budget in tests/query_budgets/): {missing}"


def test_the_budget_registry_names_only_views_that_exist():
    needed = views_needing_a_budget()
    stale = sorted(
        (BUDGETED | set(COVERED_ELSEWHERE)) - needed - {f"{name}:index" for name in test_learning.ADMIN_LISTINGS}
    )
    assert not stale, f"Budgets for views that no longer exist: {stale}"


def test_budgets_kept_elsewhere_are_measured_there():
    for name, path in COVERED_ELSEWHERE.items():
        text = (TESTS / path).read_text()
        assert "django_assert_max_num_queries" in text or "CaptureQueriesContext" in text, (name, path)
