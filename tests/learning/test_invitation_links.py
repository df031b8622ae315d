"""Invitation links that leave the phone easily (issue 17, item 3): a note of whom each link is for,
"Send by text message", "Send by WhatsApp" and "Send by email" links that work without JavaScript, and
a copy button only where JavaScript runs. The members page's table is a named region a keyboard can
scroll, and a member who opens the page reads who can manage members, with a way back to the group."""

import re
from html import unescape
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlparse

import pytest
from django.contrib.staticfiles import finders
from django.urls import reverse

from learning.erasure import erase_personal_data
from learning.models import Invitation, Role
from learning.services import groups as group_services

from .factories import assign_facilitator, make_group

pytestmark = pytest.mark.django_db


@pytest.fixture
def group(db):
    group = make_group(name="Oak Street Lunch Club", members=1)
    group.facilitator = assign_facilitator(group)
    return group


def members_url(group):
    return reverse("learning:members", args=[group.slug])


def invite(client, group, **data):
    return client.post(reverse("learning:invite", args=[group.slug]), {"role": Role.MEMBER, **data})


def send_links(html, invitation):
    """The href of each send link in the invitation's list item, unescaped as a browser reads it."""
    start = html.index(f'id="invitation-{invitation.pk}"')
    item = html[start : html.index("Cancel this invitation", start)]
    return {
        kind: unescape(re.search(rf'href="({prefix}[^"]*)"', item).group(1))
        for kind, prefix in (("sms", "sms:"), ("whatsapp", "https://wa.me/"), ("email", "mailto:"))
    }


def test_a_coordinator_notes_whom_a_link_is_for_and_is_told_how_to_send_it(client, group):
    client.force_login(group.coordinator)
    response = invite(client, group, label="  Mary from   the lunch club ")
    invitation = Invitation.objects.get()
    assert invitation.label == "Mary from the lunch club"
    assert response["Location"].endswith(f"#invitation-{invitation.pk}")

    page = client.get(response["Location"]).content.decode()
    assert "Invitation link made. Now send it: under the link, press “Send by text message”" in page
    assert "<h3>For Mary from the lunch club</h3>" in page
    assert "Copy it from the list below" not in page


def test_the_page_explains_inviting_in_plain_steps(client, group):
    client.force_login(group.coordinator)
    page = client.get(members_url(group)).content.decode()
    steps = page[page.index('<ol class="steps">') : page.index("</ol>", page.index('<ol class="steps">'))]
    assert steps.count("<li>") == 3
    assert "Send by text message" in steps and "Choose the person and send the message." in steps
    # The label box is optional and says what it is for.
    assert "Who is it for?" in page and "Mary from the lunch club" in page


def test_each_link_can_be_sent_by_text_whatsapp_or_email_without_javascript(client, group):
    invitation = group_services.create_invitation(group=group, role=Role.MEMBER, by=group.coordinator)
    client.force_login(group.coordinator)
    html = client.get(members_url(group)).content.decode()
    link = f"http://testserver/groups/join/{invitation.token}/"
    links = send_links(html, invitation)

    assert links["sms"].startswith("sms:?&body=")
    sms_body = unquote(links["sms"].removeprefix("sms:?&body="))
    assert link in sms_body and "Oak Street Lunch Club" in sms_body

    whatsapp = urlparse(links["whatsapp"])
    assert (whatsapp.scheme, whatsapp.netloc, whatsapp.path) == ("https", "wa.me", "/")
    assert link in parse_qs(whatsapp.query)["text"][0]

    email = urlparse(links["email"])
    assert email.path == ""  # no address: the person chooses whom to send it to
    message = parse_qs(email.query)
    assert message["subject"] == ["Join Oak Street Lunch Club on the Co-production Hub"]
    assert link in message["body"][0] and "as a member" in message["body"][0]

    # Every word is URL-encoded: nothing in a link breaks it apart on a phone.
    for href in links.values():
        assert " " not in href and "\n" not in href


def test_the_copy_button_is_there_only_for_javascript(client, group):
    invitation = group_services.create_invitation(group=group, role=Role.MEMBER, by=group.coordinator)
    client.force_login(group.coordinator)
    html = client.get(members_url(group)).content.decode()
    # Hidden until the script shows it; the link stays in a box to copy by hand without it.
    assert re.search(r'<p class="copy-link" hidden>\s*<button type="button"[^>]*data-copy-from="invite-link-', html)
    assert f'id="invite-link-{invitation.pk}"' in html and "readonly" in html
    assert re.search(r'<script src="[^"]*learning/copy-link\.js" defer></script>', html)
    script = Path(finders.find("learning/copy-link.js")).read_text()
    assert "navigator.clipboard" in script and "holder.hidden = false" in script


def test_a_form_with_a_problem_keeps_what_was_typed(client, group):
    client.force_login(group.coordinator)
    response = invite(client, group, role=Role.COORDINATOR, label="Sam, our next treasurer")
    assert response.status_code == 400
    page = response.content.decode()
    assert "a coordinator link works only for them" in page
    assert 'value="Sam, our next treasurer"' in page
    assert "There is a problem" in page
    assert not Invitation.objects.exists()


def test_the_members_table_is_a_named_region_a_keyboard_can_scroll(client, group):
    client.force_login(group.coordinator)
    html = client.get(members_url(group)).content.decode()
    assert '<div class="table-scroll" tabindex="0" role="region" aria-labelledby="members-heading">' in html
    assert '<h2 id="members-heading">Current members</h2>' in html


@pytest.mark.parametrize("role", ["member", "facilitator"])
def test_people_in_the_group_read_who_can_manage_members_and_a_way_back(client, group, role):
    invitation = group_services.create_invitation(group=group, role=Role.MEMBER, by=group.coordinator)
    client.force_login(group.people[0] if role == "member" else group.facilitator)
    response = client.get(members_url(group))
    assert response.status_code == 403
    page = response.content.decode()
    assert "Only your group's coordinators can change who is in the group and invite new people." in page
    assert f'href="{group.get_absolute_url()}">Back to Oak Street Lunch Club</a>' in page
    assert invitation.token not in page and "Send by text message" not in page


def test_outsiders_and_visitors_get_nothing(client, group):
    outsider = make_group(members=1).people[0]
    response = client.get(members_url(group))
    assert response.status_code == 302 and "/accounts/sign-in/" in response["Location"]
    client.force_login(outsider)
    response = client.get(members_url(group))
    assert response.status_code == 404
    assert b"Oak Street Lunch Club" not in response.content
    assert invite(client, group, label="Someone").status_code == 404
    assert not Invitation.objects.exists()


def test_a_long_email_address_sits_in_a_box_that_breaks_it_on_a_small_phone(client, group):
    address = "margaret.henderson-smith.treasurer@example.org"
    group_services.create_invitation(group=group, role=Role.COORDINATOR, email=address, by=group.coordinator)
    client.force_login(group.coordinator)
    html = client.get(members_url(group)).content.decode()
    # .invite-link breaks anywhere (learning.css); without it the page was 455px wide at 320px.
    assert f'<p class="invite-link">only for {address}</p>' in html


def test_the_note_of_whom_a_link_is_for_goes_once_the_link_is_used(group, make_user):
    invitation = group_services.create_invitation(group=group, role=Role.MEMBER, by=group.coordinator, label="Mary")
    mary = make_user(display_name="Mary Brown")
    group_services.accept_invitation(token=invitation.token, user=mary)
    invitation.refresh_from_db()
    assert (invitation.used_by, invitation.label) == (mary, "")


def test_erasing_a_person_clears_the_note_on_links_bound_to_their_address(group, make_user):
    mary = make_user(email="mary@example.org", display_name="Mary Brown")
    bound = group_services.create_invitation(
        group=group, role=Role.MEMBER, by=group.coordinator, email=mary.email, label="Mary from the club"
    )
    other = group_services.create_invitation(group=group, role=Role.MEMBER, by=group.coordinator, label="Sam")
    erase_personal_data(user=mary, email=mary.email)
    bound.refresh_from_db()
    other.refresh_from_db()
    assert (bound.email, bound.label) == ("", "")
    assert other.label == "Sam"
