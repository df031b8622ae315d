"""A funder's "ask to share" is rate limited per reviewer (issue 12, item 3): 429, Retry-After, no email."""

import pytest
from django.core import mail
from django.core.cache import cache
from django.urls import reverse

from learning.readiness.models import ShareRequest

pytestmark = pytest.mark.django_db


@pytest.fixture
def limited(settings):
    settings.RATELIMIT_ENABLE = True
    settings.READINESS_SHARE_REQUEST_RATE = "2/h"
    cache.clear()
    yield settings
    cache.clear()


def ask(client, address, message=""):
    return client.post(reverse("readiness:ask_to_share"), {"group_address": address, "message": message})


def test_a_reviewer_who_asks_too_often_is_paused_and_no_coordinator_is_emailed(
    as_role, world, limited, django_capture_on_commit_callbacks
):
    client = as_role("funder_a")
    # Asking about groups that do not exist counts too, so the limit says nothing about which exist.
    assert ask(client, "no-such-group").status_code == 302
    assert ask(client, "another-missing-group").status_code == 302

    with django_capture_on_commit_callbacks(execute=True):
        response = ask(client, world.group.slug, message="Please share with us")

    assert response.status_code == 429
    assert 0 < int(response["Retry-After"]) <= 3600
    html = response.content.decode()
    assert "You have sent a lot of requests in a short time" in html
    assert "Please share with us" in html and f'value="{world.group.slug}"' in html
    assert not ShareRequest.objects.exists()
    assert mail.outbox == []


def test_the_limit_is_per_reviewer(as_role, world, limited):
    first = as_role("funder_a")
    ask(first, "no-such-group")
    ask(first, "no-such-group")
    assert ask(first, world.group.slug).status_code == 429

    second = as_role("funder_b")
    assert ask(second, world.group.slug).status_code == 302
    assert ShareRequest.objects.filter(funder=world.funder_b, group=world.group).exists()
