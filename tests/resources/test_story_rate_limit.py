"""Tell your story is rate limited per person (issue 12, item 3): a 429 with Retry-After, the text kept."""

import pytest
from django.core.cache import cache

from resources.models import CaseStudyPage

from .test_stories import story_data

pytestmark = pytest.mark.django_db

NEW = "/stories/new/"


@pytest.fixture
def limited(settings):
    """Rate limits on, as in production, with two stories an hour and fresh counters."""
    settings.RATELIMIT_ENABLE = True
    settings.RESOURCES_STORY_RATE = "2/h"
    cache.clear()
    yield settings
    cache.clear()


def stories_titled(prefix):
    return CaseStudyPage.objects.filter(title__startswith=prefix).count()


def test_a_person_who_sends_too_many_stories_is_paused_and_keeps_their_text(
    client, case_study_index, make_user, limited
):
    client.force_login(make_user(email="teller@example.org"))
    for number in (1, 2):
        response = client.post(NEW, story_data(title=f"Story {number}"))
        assert response.status_code == 302, response.content.decode()[:500]

    response = client.post(NEW, story_data(title="Story 3", what_changed="Keep this text"))

    assert response.status_code == 429
    assert 0 < int(response["Retry-After"]) <= 3600
    html = response.content.decode()
    assert "You have sent several stories in a short time" in html
    assert "Keep this text" in html and 'value="Story 3"' in html
    assert stories_titled("Story ") == 2


def test_the_limit_is_per_person_and_mistakes_do_not_use_it_up(client, case_study_index, make_user, limited):
    first = make_user(email="first@example.org")
    client.force_login(first)
    for _attempt in range(3):
        data = story_data(title="Not sent")
        del data["consent"]
        assert client.post(NEW, data).status_code == 200
    for number in (1, 2):
        assert client.post(NEW, story_data(title=f"First {number}")).status_code == 302
    assert client.post(NEW, story_data(title="First 3")).status_code == 429

    client.force_login(make_user(email="second@example.org"))
    assert client.post(NEW, story_data(title="Second 1")).status_code == 302
    assert stories_titled("First ") == 2 and stories_titled("Second ") == 1


def test_the_apps_own_default_applies_when_the_host_sets_no_rate(client, case_study_index, make_user, settings):
    settings.RATELIMIT_ENABLE = True
    del settings.RESOURCES_STORY_RATE
    cache.clear()
    client.force_login(make_user())
    statuses = [client.post(NEW, story_data(title=f"Default {number}")).status_code for number in range(6)]
    cache.clear()
    assert statuses == [302] * 5 + [429]
    assert stories_titled("Default ") == 5
