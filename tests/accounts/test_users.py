"""The custom user: email sign-in in any letter case, unique regardless of case, display name."""

import pytest
from django.conf import settings
from django.contrib.auth import authenticate, get_user_model
from django.db import IntegrityError
from django.test import RequestFactory
from django.urls import reverse
from wagtail.test.utils.form_data import nested_form_data


def test_auth_user_model_is_ours_from_the_first_migration():
    from importlib import import_module

    assert settings.AUTH_USER_MODEL == "accounts.User"
    initial = import_module("accounts.migrations.0001_initial")
    assert any(getattr(op, "name", None) == "User" for op in initial.Migration.operations)


@pytest.mark.django_db
def test_email_is_stored_lower_case_and_unique_whatever_the_case(make_user):
    user = make_user(email="Sam.Kaur@Example.org")
    assert user.email == "sam.kaur@example.org"
    with pytest.raises(IntegrityError):
        get_user_model().objects.create(email="SAM.KAUR@example.org")


@pytest.mark.django_db
def test_sign_in_with_email_in_any_letter_case(make_user):
    make_user(email="sam@example.org", password="a-long-test-password")
    request = RequestFactory().post("/")
    for typed in ["sam@example.org", "SAM@EXAMPLE.ORG", "Sam@Example.Org"]:
        assert authenticate(request, username=typed, password="a-long-test-password") is not None


@pytest.mark.django_db
def test_signing_in_ignores_the_case_of_the_email(client, make_user, site_shell):
    sam = make_user(email="sam@example.org", password="a-long-test-password")
    response = client.post(
        reverse("accounts:login"), {"username": "SAM@example.org", "password": "a-long-test-password"}
    )
    assert response.status_code == 302
    assert int(client.session["_auth_user_id"]) == sam.pk
    assert client.get(reverse("accounts:account")).status_code == 200


@pytest.mark.django_db
def test_wrong_password_re_displays_the_form_with_the_email_kept(client, make_user, site_shell):
    make_user(email="sam@example.org")
    response = client.post(reverse("accounts:login"), {"username": "sam@example.org", "password": "nope"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "There is a problem" in html
    assert 'value="sam@example.org"' in html


@pytest.mark.django_db
def test_sign_up_creates_an_unconfirmed_account_and_asks_to_check_email(client, site_shell):
    response = client.post(
        reverse("accounts:signup"),
        {
            "email": "New.Person@example.org",
            "display_name": "New Person",
            "password1": "a-long-test-password",
            "password2": "a-long-test-password",
        },
        follow=True,
    )
    assert "Check your email" in response.content.decode()
    user = get_user_model().objects.get(email="new.person@example.org")
    assert user.display_name == "New Person"
    assert user.email_confirmed_at is None
    # Nobody is signed in by signing up: the same answer is given for an address that is taken.
    assert client.get(reverse("accounts:account")).status_code == 302


@pytest.mark.django_db
def test_sign_up_with_an_existing_email_in_other_case_makes_no_second_account(client, make_user, site_shell):
    make_user(email="sam@example.org")
    response = client.post(
        reverse("accounts:signup"),
        {
            "email": "SAM@example.org",
            "display_name": "Sam",
            "password1": "a-long-test-password",
            "password2": "a-long-test-password",
        },
        follow=True,
    )
    assert "Check your email" in response.content.decode()
    assert "already exists" not in response.content.decode()
    assert get_user_model().objects.filter(email__iexact="sam@example.org").count() == 1


@pytest.mark.django_db
def test_account_page_needs_sign_in(client, site_shell):
    response = client.get(reverse("accounts:account"))
    assert response.status_code == 302
    assert reverse("accounts:login") in response["Location"]


@pytest.mark.django_db
def test_sign_up_ignores_an_offsite_next(client, site_shell):
    response = client.post(
        reverse("accounts:signup") + "?next=https://evil.example.com/",
        {
            "email": "x@example.org",
            "display_name": "X",
            "password1": "a-long-test-password",
            "password2": "a-long-test-password",
        },
    )
    assert "evil" not in response["Location"]


@pytest.mark.django_db
def test_login_is_throttled_after_repeated_failures(client, make_user, site_shell, settings):
    settings.AXES_ENABLED = True
    settings.AXES_FAILURE_LIMIT = 3
    make_user(email="sam@example.org", password="a-long-test-password")
    for _attempt in range(3):
        client.post(reverse("accounts:login"), {"username": "sam@example.org", "password": "wrong"})
    response = client.post(
        reverse("accounts:login"), {"username": "sam@example.org", "password": "a-long-test-password"}
    )
    assert response.status_code == 429
    assert "Too many sign-in attempts" in response.content.decode()


@pytest.mark.django_db
def test_wagtail_admin_creates_a_user_with_a_display_name(client, make_user, site_shell):
    admin = make_user(email="admin@example.org", is_superuser=True, is_staff=True)
    client.force_login(admin)
    data = nested_form_data(
        {
            "email": "Volunteer@Example.org",
            "first_name": "Val",
            "last_name": "Unteer",
            "display_name": "Val",
            "password1": "a-long-test-password",
            "password2": "a-long-test-password",
            "is_active": "on",
        }
    )
    response = client.post(reverse("wagtailusers_users:add"), data)
    assert response.status_code == 302, response.content.decode()[:3000]
    user = get_user_model().objects.get(email="volunteer@example.org")
    assert user.display_name == "Val"
    response = client.get(reverse("wagtailusers_users:edit", args=[user.pk]))
    assert response.status_code == 200
    assert "display_name" in response.content.decode()
