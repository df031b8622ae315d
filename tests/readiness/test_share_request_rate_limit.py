"""A funder's "ask to share" is rate limited per reviewer (issue 12, item 3): 429, Retry-After, no email.

Every request sent counts; each one emails a group's coordinators.
"""

import pytest
from django.core import mail
from django.core.cache import cache
from django.urls import reverse

from learning.readiness.models import ShareRequest
from tests.learning.factories import make_group

pytestmark = pytest.mark.django_db


@pytest.fixture
def limited(settings):
    settings.RATELIMIT_ENABLE = True
    settings.READINESS_SHARE_REQUEST_RATE = "2/h"
    cache.clear()
    yield settings
    cache.clear()


def ask(client, group, message=""):
    return client.post(reverse("readiness:ask_to_share"), {"q": group.name, "group": group.pk, "message": message})


@pytest.fixture
def findable(world):
    """Both groups of the world let funders find them, and a third does too."""
    type(world.group).objects.filter(pk__in=[world.group.pk, world.other_group.pk]).update(findable=True)
    world.third = make_group(name="Cedar Court Tenants")
    type(world.group).objects.filter(pk=world.third.pk).update(findable=True)
    return world


def test_a_reviewer_who_asks_too_often_is_paused_and_no_coordinator_is_emailed(
    as_role, findable, limited, django_capture_on_commit_callbacks
):
    world = findable
    client = as_role("funder_a")
    assert ask(client, world.other_group).status_code == 302
    assert ask(client, world.third).status_code == 302
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        response = ask(client, world.group, message="Please share with us")

    assert response.status_code == 429
    assert 0 < int(response["Retry-After"]) <= 3600
    html = response.content.decode()
    assert "You have sent a lot of requests in a short time" in html
    # What they typed and chose is kept for when they can send again.
    assert "Please share with us" in html and f'value="{world.group.pk}" id="group-{world.group.pk}" checked' in html
    assert not ShareRequest.objects.filter(group=world.group).exists()
    assert mail.outbox == []


def test_the_limit_is_per_reviewer(as_role, findable, limited):
    world = findable
    first = as_role("funder_a")
    ask(first, world.other_group)
    ask(first, world.third)
    assert ask(first, world.group).status_code == 429

    second = as_role("funder_b")
    assert ask(second, world.group).status_code == 302
    assert ShareRequest.objects.filter(funder=world.funder_b, group=world.group).exists()
