"""The account links in the site header: what each kind of person is offered."""

import pytest
from django.urls import reverse

from learning.readiness.models import FunderOrganisation


@pytest.fixture
def demo(shared_demo):
    """The demo built once for this module; each test's changes roll back (tests/conftest.py)."""
    return shared_demo


@pytest.mark.django_db
def test_visitors_are_offered_sign_in_not_the_portfolio(client, home_page):
    html = client.get("/").content.decode()
    assert reverse("accounts:login") in html
    assert reverse("readiness:portfolio") not in html


@pytest.mark.django_db
def test_a_member_of_the_public_signed_in_sees_no_portfolio_link(client, home_page, make_user):
    client.force_login(make_user())
    html = client.get("/").content.decode()
    assert reverse("learning:group_list") in html
    assert reverse("readiness:portfolio") not in html


@pytest.mark.django_db
def test_a_funder_reviewer_is_offered_the_portfolio(client, home_page, make_user):
    reviewer = make_user()
    funder = FunderOrganisation.objects.create(name="Firth Trust", slug="firth-trust")
    funder.reviewers.add(reviewer)
    funder.save()  # reviewers is a ParentalManyToManyField: saved with the funder
    client.force_login(reviewer)
    html = client.get("/").content.decode()
    assert f'href="{reverse("readiness:portfolio")}"' in html
    assert "Funder portfolio" in html
