"""A coordinator edits the group's own details; its web address stays, and nobody else may change them."""

import re

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from learning.models import CommunityGroup
from learning.services import groups as group_services

pytestmark = pytest.mark.django_db

DETAILS = {
    "name": "Riverside Tenants Together",
    "place": "fife",
    "description": "We look after the riverside flats' shared garden.",
    "legal_form": "scio",
}


def edit_url(group):
    return reverse("learning:group_edit", args=[group.slug])


def snapshot(group):
    group.refresh_from_db()
    return (group.name, group.slug, group.place, group.description, group.legal_form)


def test_the_coordinator_changes_the_details_and_sees_them_on_the_dashboard(client, world):
    slug = world.group.slug
    client.force_login(world.coordinator)
    form = client.get(edit_url(world.group))
    assert form.status_code == 200
    assert b'value="Group A"' in form.content  # the form starts from the group's current details
    assert b"does not change your group&#x27;s web address" in form.content

    response = client.post(edit_url(world.group), DETAILS)

    assert response.status_code == 302 and response["Location"] == reverse("learning:group_dashboard", args=[slug])
    world.group.refresh_from_db()
    assert (world.group.name, world.group.place, world.group.description, world.group.legal_form) == (
        "Riverside Tenants Together",
        "fife",
        "We look after the riverside flats' shared garden.",
        "scio",
    )
    dashboard = client.get(response["Location"]).content.decode()
    assert "<h1>Riverside Tenants Together</h1>" in dashboard
    assert "Fife" in dashboard and "Scottish charitable incorporated organisation (SCIO)" in dashboard
    assert "Your group&#x27;s details are saved." in dashboard


def test_the_web_address_stays_the_same_when_the_name_changes(client, world):
    slug = world.group.slug
    client.force_login(world.coordinator)
    client.post(edit_url(world.group), DETAILS)
    world.group.refresh_from_db()
    assert world.group.slug == slug
    assert client.get(reverse("learning:group_dashboard", args=[slug])).status_code == 200


def test_a_blank_name_redisplays_the_form_with_the_error_and_what_was_typed(client, world):
    before = snapshot(world.group)
    client.force_login(world.coordinator)
    response = client.post(edit_url(world.group), {**DETAILS, "name": "  "})
    assert response.status_code == 200
    html = response.content.decode()
    assert "There is a problem" in html and "This field is required." in html
    assert "We look after the riverside flats&#x27; shared garden." in html
    assert '<option value="fife" selected>' in html
    assert re.search(r'<input type="radio" name="legal_form" value="scio"[^>]* checked>', html)
    assert 'name="csrfmiddlewaretoken"' in html
    assert snapshot(world.group) == before


def test_the_dashboard_offers_the_edit_link_to_the_coordinator_only(client, world):
    link = f'href="{edit_url(world.group)}"'
    for person, shown in ((world.coordinator, True), (world.member, False), (world.facilitator, False)):
        client.force_login(person)
        page = client.get(reverse("learning:group_dashboard", args=[world.group.slug])).content.decode()
        assert (link in page) is shown, person
        assert ("Edit group details" in page) is shown, person


@pytest.mark.parametrize("role", ["member", "facilitator"])
def test_members_and_facilitators_are_refused_and_nothing_changes(client, world, role):
    before = snapshot(world.group)
    client.force_login(world.people[role])
    assert client.get(edit_url(world.group)).status_code == 403
    assert client.post(edit_url(world.group), DETAILS).status_code == 403
    assert snapshot(world.group) == before


def test_another_groups_coordinator_and_staff_outside_the_group_get_not_found(client, world):
    before = snapshot(world.group)
    for person in (world.other_group.coordinator, world.staff):
        client.force_login(person)
        assert client.get(edit_url(world.group)).status_code == 404
        assert client.post(edit_url(world.group), DETAILS).status_code == 404
    assert snapshot(world.group) == before


def test_a_visitor_is_sent_to_sign_in(client, world):
    response = client.get(edit_url(world.group))
    assert response.status_code == 302 and "/accounts/sign-in/" in response["Location"]
    client.post(edit_url(world.group), DETAILS)
    assert CommunityGroup.objects.get(pk=world.group.pk).name == "Group A"


def test_the_service_refuses_anyone_but_a_coordinator(world):
    for person in (world.member, world.facilitator, world.staff, world.other_group.coordinator):
        with pytest.raises(PermissionDenied):
            group_services.update_group_details(group=world.group, by=person, **DETAILS)
    assert snapshot(world.group)[0] == "Group A"


def test_a_name_with_markup_is_shown_as_text(client, world):
    payload = "<script>alert('xss')</script><img src=x onerror=alert(1)>"
    client.force_login(world.coordinator)
    client.post(edit_url(world.group), {**DETAILS, "name": payload})
    world.group.refresh_from_db()
    assert world.group.name == payload  # stored as typed
    dashboard = client.get(reverse("learning:group_dashboard", args=[world.group.slug])).content.decode()
    assert payload not in dashboard
    assert "&lt;script&gt;alert(&#x27;xss&#x27;)&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt;" in dashboard
