"""Fixtures shared by the whole suite."""

import pytest
from django.contrib.auth import get_user_model
from wagtail.models import Site


@pytest.fixture
def demo(db, settings):
    """The demo site, built by the same command a newcomer runs."""
    from django.core.management import call_command

    settings.DEBUG = True
    call_command("load_demo", stdout=__import__("io").StringIO())
    settings.DEBUG = False
    return Site.objects.get(is_default_site=True)


@pytest.fixture
def home_page(demo):
    return demo.root_page.specific


@pytest.fixture
def make_user(db):
    counter = {"n": 0}

    def make(email=None, display_name="", password="a-long-test-password", **extra):
        counter["n"] += 1
        email = email or f"person{counter['n']}@example.org"
        return get_user_model().objects.create_user(
            email=email, password=password, display_name=display_name or f"Person {counter['n']}", **extra
        )

    return make
