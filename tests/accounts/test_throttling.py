"""Sign-in throttling and rate limits: per account and real address, never lockable from elsewhere."""

import pytest
from django.core.cache import cache
from django.test import RequestFactory
from django.urls import reverse

from accounts.throttling import client_ip

PASSWORD = "a-long-test-password"
PROXY = "10.0.0.1"


@pytest.fixture
def throttled(settings, db):
    """Axes and the rate limits switched on, as in production, with fresh counters."""
    settings.AXES_ENABLED = True
    settings.RATELIMIT_ENABLE = True
    settings.HUB_TRUSTED_PROXY_COUNT = 0
    cache.clear()
    yield settings
    cache.clear()


def sign_in(client, email, password, **meta):
    return client.post(reverse("accounts:login"), {"username": email, "password": password}, **meta)


def test_every_letter_case_of_an_email_shares_one_failure_count(client, make_user, throttled):
    make_user(email="alice@x.org", password=PASSWORD)
    for typed in ["Alice@x.org", "aLice@x.org", "ALICE@X.ORG", " alice@X.org ", "alicE@x.org"]:
        sign_in(client, typed, "wrong")

    response = sign_in(client, "alice@x.org", PASSWORD)

    assert response.status_code == 429
    assert "Too many sign-in attempts" in response.content.decode()


def test_failures_from_one_address_do_not_lock_the_coordinator_out_from_another(client, make_user, throttled):
    make_user(email="coordinator@x.org", password=PASSWORD)
    for _attempt in range(5):
        sign_in(client, "coordinator@x.org", "wrong", REMOTE_ADDR="203.0.113.5")

    assert sign_in(client, "coordinator@x.org", PASSWORD, REMOTE_ADDR="203.0.113.5").status_code == 429
    response = sign_in(client, "coordinator@x.org", PASSWORD, REMOTE_ADDR="198.51.100.7")
    assert response.status_code == 302


def test_behind_the_proxy_failures_count_against_the_attackers_address_not_the_proxys(client, make_user, throttled):
    throttled.HUB_TRUSTED_PROXY_COUNT = 1
    make_user(email="funder@x.org", password=PASSWORD)
    for _attempt in range(5):
        # The attacker forges a header naming the funder's address; the proxy appends the real one.
        sign_in(
            client,
            "funder@x.org",
            "wrong",
            REMOTE_ADDR=PROXY,
            HTTP_X_FORWARDED_FOR="192.0.2.44, 198.51.100.7",
        )

    assert (
        sign_in(client, "funder@x.org", PASSWORD, REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR="198.51.100.7").status_code
        == 429
    )
    response = sign_in(client, "funder@x.org", PASSWORD, REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR="192.0.2.44")
    assert response.status_code == 302


@pytest.mark.parametrize(
    ("proxies", "forwarded_for", "expected"),
    [
        (1, "198.51.100.7", "198.51.100.7"),
        (1, "192.0.2.44, 198.51.100.7", "198.51.100.7"),
        (2, "192.0.2.44, 198.51.100.7, 10.0.0.9", "198.51.100.7"),
        (0, "198.51.100.7", PROXY),
        (1, "", PROXY),
        (1, "not-an-address", PROXY),
        (2, "198.51.100.7", PROXY),
    ],
)
def test_the_client_address_is_the_hop_the_trusted_proxies_saw(settings, proxies, forwarded_for, expected):
    settings.HUB_TRUSTED_PROXY_COUNT = proxies
    request = RequestFactory().get("/", REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=forwarded_for)

    assert client_ip(request) == expected


def assert_friendly_429(response):
    assert response.status_code == 429
    assert int(response["Retry-After"]) > 0
    page = response.content.decode()
    assert "Too many tries from here" in page
    assert "try again" in page


def test_sign_up_beyond_its_limit_is_refused_with_a_friendly_page(client, throttled):
    throttled.ACCOUNTS_SIGN_UP_RATE = "3/h"
    for number in range(3):
        response = client.post(reverse("accounts:signup"), {"email": f"new{number}@x.org", "display_name": "New"})
        assert response.status_code == 200

    response = client.post(reverse("accounts:signup"), {"email": "new9@x.org", "display_name": "New"})

    assert_friendly_429(response)
    assert client.get(reverse("accounts:signup")).status_code == 200
    other = client.post(
        reverse("accounts:signup"), {"email": "new9@x.org", "display_name": "New"}, REMOTE_ADDR="198.51.100.7"
    )
    assert other.status_code == 200


def test_password_reset_beyond_its_limit_is_refused_with_a_friendly_page(client, make_user, throttled, mailoutbox):
    make_user(email="sam@x.org")
    for _request in range(10):
        assert client.post(reverse("accounts:password_reset"), {"email": "sam@x.org"}).status_code == 302

    response = client.post(reverse("accounts:password_reset"), {"email": "sam@x.org"})

    assert_friendly_429(response)
    assert len(mailoutbox) == 10


def test_an_address_trying_many_accounts_is_stopped(client, make_user, throttled):
    make_user(email="real@x.org", password=PASSWORD)
    for number in range(30):
        assert sign_in(client, f"guess{number}@x.org", "Summer2026!").status_code == 200

    sprayed = sign_in(client, "real@x.org", PASSWORD)

    assert_friendly_429(sprayed)
    assert sign_in(client, "real@x.org", PASSWORD, REMOTE_ADDR="198.51.100.7").status_code == 302


def test_a_shared_address_where_a_few_people_mistype_still_signs_everyone_in(client, make_user, throttled):
    for number in range(10):
        make_user(email=f"member{number}@x.org", password=PASSWORD)
        sign_in(client, f"member{number}@x.org", "wrong")
        sign_in(client, f"member{number}@x.org", "still-wrong")

    assert sign_in(client, "member9@x.org", PASSWORD).status_code == 302
