"""A group records where it is registered, checked for format and kept as an org-id identifier; a group
that is not registered has the Hub's own identifier, which never changes."""

import io
import json
import re
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from learning.group_export import write_group_zip
from learning.identifiers import ORG_ID_PATTERN, hub_identifier, org_id, validate_org_id
from learning.models import CommunityGroup

pytestmark = pytest.mark.django_db

DETAILS = {"name": "Group A", "place": "fife", "description": "", "legal_form": "scio"}


def edit(client, world, **fields):
    client.force_login(world.coordinator)
    return client.post(reverse("learning:group_edit", args=[world.group.slug]), {**DETAILS, **fields})


@pytest.mark.parametrize(
    ("code", "typed", "stored"),
    [
        ("GB-SC", "sc012345", "GB-SC-SC012345"),
        ("GB-SC", "SC 012 345", "GB-SC-SC012345"),
        ("GB-COH", "SC123456", "GB-COH-SC123456"),
        ("GB-COH", "1234567", "GB-COH-01234567"),  # the leading zero people leave out
        ("GB-CHC", "1070468", "GB-CHC-1070468"),
        ("GB-CHC", "223456", "GB-CHC-223456"),
        ("GB-MPR", "2345r", "GB-MPR-2345R"),
        ("GB-MPR", "RS007123", "GB-MPR-RS007123"),
    ],
)
def test_numbers_in_each_lists_format_are_stored_as_org_id_identifiers(code, typed, stored):
    assert org_id(code, typed) == stored
    validate_org_id(stored)
    assert ORG_ID_PATTERN.match(stored)["code"] == code


@pytest.mark.parametrize(
    ("code", "typed", "message"),
    [
        ("GB-SC", "012345", "SC followed by 6 numbers"),
        ("GB-SC", "SC12345", "SC followed by 6 numbers"),
        ("GB-COH", "SC12345X", "8 characters"),
        ("GB-CHC", "12345", "6 to 8 numbers"),
        ("GB-CHC", "SC012345", "6 to 8 numbers"),
        ("GB-MPR", "12R34", "up to 6 numbers"),
        ("GB-SC", "", "Enter your group's registration number"),
    ],
)
def test_a_number_in_the_wrong_format_says_how_it_should_look(code, typed, message):
    with pytest.raises(ValidationError) as error:
        org_id(code, typed)
    assert message in " ".join(error.value.messages)


def test_the_coordinator_records_an_oscr_number_and_postcode_and_sees_them_again(client, world):
    response = edit(client, world, registration="GB-SC", registration_number="sc012345", postcode="eh11aa")
    assert response.status_code == 302
    world.group.refresh_from_db()
    assert (world.group.org_id, world.group.identifier, world.group.postcode) == (
        "GB-SC-SC012345",
        "GB-SC-SC012345",
        "EH1 1AA",
    )
    page = client.get(reverse("learning:group_edit", args=[world.group.slug])).content.decode()
    assert "Your group's identifier now: <strong>GB-SC-SC012345</strong>" in page
    assert re.search(r'<input[^>]*value="GB-SC"[^>]*checked', page)
    assert 'value="SC012345"' in page and 'value="EH1 1AA"' in page


def test_a_wrong_number_redisplays_the_form_with_the_message_and_what_was_typed(client, world):
    response = edit(client, world, registration="GB-CHC", registration_number="SC0123", postcode="not a postcode")
    assert response.status_code == 200
    page = response.content.decode()
    assert "A Charity Commission number is 6 to 8 numbers, for example 1070468." in page
    assert "Enter a UK postcode, for example EH1 1AA." in page
    assert 'value="SC0123"' in page and 'value="not a postcode"' in page
    world.group.refresh_from_db()
    assert world.group.org_id == "" and world.group.postcode == ""


def test_a_number_without_a_register_asks_which_register(client, world):
    response = edit(client, world, registration="", registration_number="SC012345")
    assert response.status_code == 200
    assert "Choose where your group is registered, or clear the registration number." in response.content.decode()


def test_an_unregistered_group_has_a_stable_hub_identifier_that_cannot_clash_with_org_id_lists(client, world):
    edit(client, world, registration="GB-SC", registration_number="SC012345")
    response = edit(client, world, registration="", registration_number="")
    assert response.status_code == 302
    world.group.refresh_from_db()
    assert world.group.org_id == ""
    assert world.group.identifier == hub_identifier(world.group.pk) == f"360G-coproductionhub-{world.group.pk}"
    world.group.name = "Renamed"
    assert world.group.identifier == f"360G-coproductionhub-{world.group.pk}"  # a new name changes nothing
    assert ORG_ID_PATTERN.match(world.group.identifier) is None


def test_only_the_coordinator_may_change_the_registration(client, world):
    for person in (world.member, world.facilitator, world.other):
        client.force_login(person)
        response = client.post(
            reverse("learning:group_edit", args=[world.group.slug]),
            {**DETAILS, "registration": "GB-SC", "registration_number": "SC099999"},
        )
        assert response.status_code in (403, 404)
    assert CommunityGroup.objects.get(pk=world.group.pk).org_id == ""


def test_the_group_export_keeps_the_identifier_and_postcode(client, world, private_media):
    edit(client, world, registration="GB-COH", registration_number="SC123456", postcode="KY1 1XX")
    world.group.refresh_from_db()
    target = io.BytesIO()
    write_group_zip(world.group, target)
    with zipfile.ZipFile(target) as archive:
        (profile,) = json.loads(archive.read("profile.json"))
    assert (profile["identifier"], profile["postcode"]) == ("GB-COH-SC123456", "KY1 1XX")
