"""Fixtures for the resources tests, and photos built the way phones write them."""

import pytest
from django.contrib.auth.models import Group
from wagtail.models import Site

from .factories import make_case_study_index, make_guide_index


@pytest.fixture
def site_root(db):
    """The default site's root page as the migrations leave it: quicker than the whole demo."""
    return Site.objects.get(is_default_site=True).root_page


@pytest.fixture
def guide_index(site_root):
    return make_guide_index(site_root)


@pytest.fixture
def case_study_index(site_root):
    return make_case_study_index(site_root)


@pytest.fixture
def editor(make_user):
    user = make_user(email="an-editor@example.org")
    user.groups.add(Group.objects.get(name="Editors"))
    return user


@pytest.fixture
def moderator(make_user):
    user = make_user(email="a-moderator@example.org")
    user.groups.add(Group.objects.get(name="Moderators"))
    return user
