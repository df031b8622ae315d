"""Query budgets for the resources app: search, feed, stories, guide and case study pages, API, sitemap.

The guide and case study listings have their own two-size tests in tests/resources/test_listings.py.
"""

import pytest
from django.urls import reverse

from .conftest import Budget, Call, budget_id

pytestmark = [pytest.mark.django_db, pytest.mark.search_index]


def api(name, *args):
    return reverse(f"wagtailapi:{name}", args=args)


BUDGETS = [
    Budget("resources:search", 14, lambda w: Call(None, reverse("resources:search") + "?q=kestrel")),
    Budget("resources:search", 7, lambda w: Call(None, reverse("resources:search")), note="no query"),
    Budget("resources:story_list", 8, lambda w: Call(w.coordinator, reverse("resources:story_list"))),
    Budget("resources:story_new", 7, lambda w: Call(w.coordinator, reverse("resources:story_new"))),
    Budget("resources:story_thanks", 6, lambda w: Call(w.coordinator, reverse("resources:story_thanks"))),
    Budget("resources.GuidePage", 17, lambda w: Call(None, w.guide.url)),
    Budget("resources.GuidePage easy_read", 13, lambda w: Call(None, w.guide.url + "easy-read/")),
    # One query more with partners installed: the summaries editors featured on it (none here; see test_partners).
    Budget("resources.CaseStudyPage", 18, lambda w: Call(None, w.case_study.url)),
    Budget("resources.CaseStudyIndexPage feed", 8, lambda w: Call(None, w.case_study_index.url + "feed/")),
    Budget("sitemap", 14, lambda w: Call(None, reverse("sitemap"))),
    # Wagtail's API asks for the active locale once with WAGTAIL_I18N_ENABLED (issue 15): one query each.
    Budget(
        "wagtailapi:pages:listing",
        12,
        lambda w: Call(None, api("pages:listing") + "?type=resources.CaseStudyPage&fields=*"),
    ),
    Budget(
        "wagtailapi:pages:listing",
        # One more since guides carry their Easy Read version in the API (issue 15).
        17,
        lambda w: Call(None, api("pages:listing") + "?type=resources.GuidePage&fields=*"),
        note="guides",
    ),
    Budget("wagtailapi:pages:detail", 13, lambda w: Call(None, api("pages:detail", w.case_study.pk))),
    Budget(
        "wagtailapi:pages:find",
        8,
        lambda w: Call(None, api("pages:find") + f"?html_path={w.guide.url}", status=302),
    ),
    Budget("wagtailapi:images:listing", 6, lambda w: Call(None, api("images:listing"))),
    Budget("wagtailapi:images:detail", 4, lambda w: Call(None, api("images:detail", w.images[0].pk))),
    Budget("wagtailapi:images:find", 4, lambda w: Call(None, api("images:find") + f"?id={w.images[0].pk}", status=302)),
    Budget("wagtailapi:documents:listing", 6, lambda w: Call(None, api("documents:listing"))),
    Budget("wagtailapi:documents:detail", 4, lambda w: Call(None, api("documents:detail", w.documents[0].pk))),
    Budget(
        "wagtailapi:documents:find",
        4,
        lambda w: Call(None, api("documents:find") + f"?id={w.documents[0].pk}", status=302),
    ),
]


@pytest.mark.parametrize("budget", BUDGETS, ids=budget_id)
def test_resources_view_keeps_to_its_budget(budget, within_budget):
    within_budget(budget)


def test_the_api_still_shows_what_it_now_fetches_up_front(client, world):
    images = client.get(api("images:listing")).json()["items"]
    assert images and all(item["meta"]["tags"] == ["community", "garden"] for item in images)
    documents = client.get(api("documents:listing")).json()["items"]
    assert documents and all(item["meta"]["tags"] == ["community", "garden"] for item in documents)
    guides = client.get(api("pages:listing") + "?type=resources.GuidePage&fields=*").json()["items"]
    first = next(item for item in guides if item["id"] == world.guide.pk)
    assert sorted(first["themes"]) == ["Money", "Theme 0"]
    assert first["related_guide_links"][0]["guide"]["id"] == world.guides[-1].pk
    assert first["related_case_study_links"][0]["case_study"]["id"] == world.case_study.pk
    assert first["meta"]["locale"] == world.guide.locale.language_code
