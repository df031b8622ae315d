"""The demo command: builds the site, safe to run twice, refuses to run with DEBUG off."""

import io

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from wagtail.models import Page, Site

from home.models import HomePage, StandardPage

# Built as `make run` builds it, search and reference indexes included.
pytestmark = [pytest.mark.search_index, pytest.mark.reference_index]


def run_demo(settings):
    settings.DEBUG = True
    out = io.StringIO()
    call_command("load_demo", stdout=out)
    return out.getvalue()


# The demo is the slowest thing the suite builds (every page, both languages, both indexes), so one test
# builds it once with DEBUG off and --force, under a password of its own, then runs it again the way
# `make run` does and checks that the second run changes nothing.
@pytest.mark.django_db
def test_demo_builds_the_site_forced_then_changes_nothing_when_run_again(settings):
    settings.DEBUG = False
    settings.DEMO_PASSWORD = "another-demo-password"
    out = io.StringIO()
    call_command("load_demo", "--force", stdout=out)

    site = Site.objects.get(is_default_site=True)
    assert isinstance(site.root_page.specific, HomePage)
    assert "editor@example.org" in out.getvalue()
    editor = get_user_model().objects.get(email="editor@example.org")
    assert editor.groups.filter(name="Editors").exists()
    assert editor.check_password("another-demo-password")
    assert sorted(HomePage.objects.values_list("locale__language_code", flat=True)) == ["en-gb", "gd"]

    counts = (Page.objects.count(), get_user_model().objects.count(), StandardPage.objects.count())
    run_demo(settings)
    assert (Page.objects.count(), get_user_model().objects.count(), StandardPage.objects.count()) == counts
    assert sorted(HomePage.objects.values_list("locale__language_code", flat=True)) == ["en-gb", "gd"]


@pytest.mark.django_db
def test_demo_refuses_to_run_with_debug_off(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="DEBUG"):
        call_command("load_demo", stdout=io.StringIO())
    assert not HomePage.objects.exists()
