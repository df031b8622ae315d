"""A visitor who follows "Tell your story" is told on the sign-in and sign-up pages why an account is
needed, and every way on (signing in, creating an account, confirming it) brings them back to the story
form (issue 17, item 10)."""

import re
from html import unescape

import pytest
from django.core import mail
from django.urls import reverse
from wagtail.models import Site

from tests.resources.factories import make_case_study_index

pytestmark = pytest.mark.django_db

STORY = "/stories/new/"
STORY_NEXT = "?next=%2Fstories%2Fnew%2F"  # as the views redirect
STORY_LINK = "?next=/stories/new/"  # as Django links and sends people to sign in (it keeps "/")
WHY = "To tell your story you need an account with a confirmed email address."
PASSWORD = "a-long-test-password"


def test_the_story_link_lands_a_visitor_on_sign_in_with_the_reason_and_the_place_kept(client):
    response = client.get(STORY, follow=True)
    assert response.redirect_chain == [(reverse("accounts:login") + STORY_LINK, 302)]
    page = unescape(response.content.decode())
    assert WHY in page
    assert "An editor reads every story and checks it with you before it is published" in page
    assert '<input type="hidden" name="next" value="/stories/new/">' in page
    # Someone without an account keeps the story's place on the way to creating one.
    assert f'href="{reverse("accounts:signup")}{STORY_LINK}"' in page


def test_sign_in_from_anywhere_else_says_nothing_about_stories(client):
    assert WHY not in client.get(reverse("accounts:login")).content.decode()
    assert WHY not in client.get(reverse("accounts:login") + "?next=/groups/").content.decode()


def test_signing_in_from_there_goes_straight_back_to_the_story_form(client, make_user):
    make_case_study_index(Site.objects.get(is_default_site=True).root_page)
    make_user(email="teller@example.org", password=PASSWORD)
    response = client.post(
        reverse("accounts:login") + STORY_NEXT,
        {"username": "teller@example.org", "password": PASSWORD, "next": STORY},
    )
    assert response.status_code == 302 and response["Location"] == STORY
    assert "Give your story a title" in client.get(STORY).content.decode()


def test_creating_an_account_from_there_keeps_the_story_through_confirmation(client):
    page = unescape(client.get(reverse("accounts:signup") + STORY_NEXT).content.decode())
    assert WHY in page
    assert '<input type="hidden" name="next" value="/stories/new/">' in page
    # Someone who finds they have an account after all goes to sign in, still on the way to the story.
    assert f'href="{reverse("accounts:login")}{STORY_LINK}"' in page

    response = client.post(
        reverse("accounts:signup") + STORY_NEXT,
        {"email": "new.teller@example.org", "display_name": "Ann", "password1": PASSWORD, "password2": PASSWORD},
    )
    assert response["Location"] == reverse("accounts:signup_sent") + STORY_NEXT
    sent = client.get(response["Location"]).content.decode()
    assert f'href="{reverse("accounts:login")}{STORY_LINK}"' in sent
    link = re.search(r"http://testserver(/accounts/confirm/\S+)", mail.outbox[-1].body).group(1)
    assert client.post(link)["Location"] == reverse("accounts:login") + STORY_NEXT


def test_a_next_address_on_another_site_is_never_kept(client):
    page = client.get(reverse("accounts:signup") + "?next=https://evil.example/stories/new/").content.decode()
    assert '<input type="hidden" name="next" value="">' in page and WHY not in page
    assert 'href="https://evil.example' not in page
