"""The six people of issue 17 walk through their tasks from signing in, on a phone 390px wide with JavaScript
off, reading what each page says at every step (issue 17, "Done when", first bullet).

- The treasurer, new to computers: creates an account, confirms it from the email, lands on her home, starts
  a group, sends an invitation by text message, marks a step done and keeps the group's constitution on the
  step that asks for it, where it counts, as it does under Governance.
- The member finds the open self-assessment round on her home page and gives her view.
- The coordinator closes the round through the page that names who has not rated, then answers the funder's
  review from his home page.
- The facilitator is warned, before verifying a step, that the evidence it asks for is missing.
- The funder's reviewer finds "Riverside Tenants Together" by name, asks it to share and sees the request
  waiting.
- A visitor follows "Tell your story", is told why an account is needed, comes back to the story and sends
  it; the moderator finds it waiting for review in the Wagtail admin.

Every page of ours a person reaches is checked once with axe (WCAG 2.2 A and AA) and for nothing wider than
the screen. axe needs JavaScript, so the page exactly as the person's browser received it is served again
to a second browser tab with JavaScript on, at the same address and width, and checked there. The Wagtail
admin is Wagtail's own and is not checked (the crawler leaves it out too).
"""

import re
from urllib.parse import unquote, urlsplit

import pytest
from django.contrib.auth import get_user_model
from django.core import mail

from learning.models import CommunityGroup, StepPage
from learning.readiness.models import ReadinessDomain, RoundKind
from learning.readiness.services.assessment import open_round, record_agreed_level
from learning.services import progress

from .conftest import sign_in
from .crawler import check_page, too_wide

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

WIDTH = 390
RIVERSIDE = "Riverside Tenants Together"
NEW_PASSWORD = "a-long-walk-password-9"


class Walk:
    """One person's phone (JavaScript off) and, beside it, the tab that checks each page they reach."""

    checked = set()  # paths checked in this module: each page once, whoever reaches it first

    def __init__(self, browser, base_url):
        self.base_url = base_url
        self.context = browser.new_context(java_script_enabled=False, viewport={"width": WIDTH, "height": 844})
        self.page = self.context.new_page()
        self.page.set_default_timeout(15_000)
        self.checker_context = browser.new_context(viewport={"width": WIDTH, "height": 844})
        self.checker = self.checker_context.new_page()
        self.checker.set_default_timeout(15_000)

    def close(self):
        self.context.close()
        self.checker_context.close()

    # --- Moving about -------------------------------------------------------------------------------

    def go(self, path):
        response = self.page.goto(self.base_url + path)
        assert response is not None and response.status < 400, f"{path}: HTTP {response and response.status}"
        self.check()

    def follow(self, name, **options):
        self.page.locator("main").get_by_role("link", name=name, **options).first.click()
        self.page.wait_for_load_state()
        self.check()

    def press(self, name, **options):
        self.page.locator("main").get_by_role("button", name=name, **options).first.click()
        self.page.wait_for_load_state()
        self.check()

    def sign_in(self, email, password):
        sign_in(self.page, self.base_url, email, password)
        self.check()

    @property
    def path(self):
        return urlsplit(self.page.url).path

    def text(self):
        return " ".join(self.page.locator("main").inner_text().split())

    def sees(self, *words):
        text = self.text()
        for each in words:
            assert each in text, f"{each!r} is not on {self.path}:\n{text}"

    # --- Checking each page once ---------------------------------------------------------------------

    def check(self):
        path = self.path
        if path.startswith("/admin/") or path in Walk.checked:
            return
        Walk.checked.add(path)
        html = self.page.content()

        def serve(route):
            if route.request.resource_type == "document":
                route.fulfill(status=200, content_type="text/html; charset=utf-8", body=html)
            else:
                route.continue_()

        self.checker.route("**/*", serve)
        try:
            self.checker.goto(self.page.url)
        finally:
            self.checker.unroute("**/*", serve)
        problems = check_page(self.checker)
        if wide := too_wide(self.checker):
            problems.append(wide)
        assert problems == [], f"{path}:\n  " + "\n  ".join(problems)


@pytest.fixture
def walk(browser, live_server):
    walks = []

    def start():
        walks.append(Walk(browser, live_server.url))
        return walks[-1]

    yield start
    for each in walks:
        each.close()


def confirmation_path(to):
    """The confirmation link in the last email to this address (the locmem backend keeps every email)."""
    message = next(message for message in reversed(mail.outbox) if message.to == [to])
    return re.search(r"https?://[^/\s]+(/accounts/confirm/\S+)", message.body).group(1)


def create_account(person, *, email, name):
    """Sign up, confirm from the email and sign in, as a newcomer does; ends where signing in lands."""
    person.sees("Create an account")
    person.page.get_by_label("Email address").fill(email)
    person.page.get_by_label("Your name").fill(name)
    person.page.get_by_label("Password", exact=True).fill(NEW_PASSWORD)
    person.page.get_by_label("Type the password again").fill(NEW_PASSWORD)
    person.press("Create account")
    person.sees("Check your email", "Follow the link in it.")

    person.go(confirmation_path(email))
    person.sees(f"Confirm that {email} is your email address.")
    person.press("Confirm my email address")
    person.sees("Thank you. Your email address is confirmed. Sign in to carry on.")
    person.page.get_by_label("Email address").fill(email)
    person.page.get_by_label("Password").fill(NEW_PASSWORD)
    person.press("Sign in")


def test_the_treasurer_starts_a_group_invites_by_text_marks_a_step_done_and_keeps_her_constitution(walk, demo_accounts):
    treasurer = walk()
    treasurer.go("/")
    treasurer.page.get_by_role("link", name="Create an account").first.click()
    treasurer.check()
    create_account(treasurer, email="tess@example.org", name="Tess Treasurer")

    # Home, with no group yet: the two ways in.
    assert treasurer.path == "/groups/"
    treasurer.sees("Two ways into a group", "start it here", "ask its coordinator for an invitation link")
    treasurer.follow("Start a new group")
    treasurer.sees("Start a group", "You will be the group's first coordinator.")
    treasurer.page.get_by_label("Your group's name").fill("Elm Court Residents")
    treasurer.page.get_by_label("Where your group works (optional)").select_option(label="Fife")
    treasurer.press("Start the group")
    treasurer.sees("Your group is ready. Invite the people you work with.", "Elm Court Residents", "What to do next")

    # An invitation for a neighbour, sent from the phone by text message.
    treasurer.follow("Invite the people you work with")
    treasurer.sees("Invite someone", "Send by text message")
    treasurer.page.get_by_label("Who is it for? (optional)").fill("Jean next door")
    treasurer.press("Make an invitation link")
    treasurer.sees("Invitation link made. Now send it", "For Jean next door", "for anyone who has the link")
    sms = treasurer.page.get_by_role("link", name="Send by text message").get_attribute("href")
    invitation_url = treasurer.page.get_by_label("Or copy the link and paste it into a message").input_value()
    assert sms.startswith("sms:") and "/groups/join/" in invitation_url
    assert invitation_url in unquote(sms), "the text message carries the invitation link"

    # The first pathway, from the group's "What to do next".
    treasurer.go("/groups/elm-court-residents/")
    treasurer.sees("Send the invitation link for Jean next door", "Choose your group's first pathway")
    treasurer.page.get_by_label("Start a pathway", exact=False).select_option(label="Ready to co-produce")
    treasurer.press("Start")
    treasurer.sees("Your group has started Ready to co-produce.", "0 of 19 steps")

    # The next step, marked done.
    treasurer.follow("Why are we here?")
    treasurer.sees("Why are we here?", "Elm Court Residents and this step", "Status: Not started")
    treasurer.press("Mark as done")
    treasurer.sees("Step marked done.")
    treasurer.go("/groups/elm-court-residents/")
    treasurer.sees("1 of 19 steps")

    # Her constitution, kept on the step that asks for it.
    treasurer.go("/pathways/ready-to-co-produce/?group=elm-court-residents")
    treasurer.follow("Agree a constitution")
    treasurer.sees("No evidence kept for this step yet.")
    treasurer.follow("Add evidence for this step")
    treasurer.sees("Add evidence", "For the step: Agree a constitution")
    assert treasurer.page.get_by_label("Type of evidence").input_value() == "constitution"
    treasurer.page.get_by_label("Title").fill("Our constitution, signed at the first meeting")
    treasurer.page.get_by_label("Note (optional)").fill("The signed copy is with our secretary.")
    treasurer.press("Add evidence")
    treasurer.sees(
        "Evidence added to your group's library.",
        "Evidence kept for this step",
        "Our constitution, signed at the first meeting (Constitution or governing document, Tess Treasurer)",
    )
    assert "No evidence kept for this step yet." not in treasurer.text()
    # And counted under Governance on the group's readiness page: the Hub links a constitution to that area.
    treasurer.go("/groups/elm-court-residents/readiness/")
    governance = " ".join(treasurer.page.locator("#domain-governance").inner_text().split())
    assert "Our constitution, signed at the first meeting" in governance, governance
    assert "No evidence linked to this area yet." not in governance


def _riverside_round():
    """Riverside's coordinator has opened a review round and agreed one area; nobody has rated yet."""
    group = CommunityGroup.objects.get(name=RIVERSIDE)
    coordinator = get_user_model().objects.get(email="coordinator@example.org")
    the_round = open_round(group=group, kind=RoundKind.REVIEW, by=coordinator)
    governance = ReadinessDomain.objects.canonical().get(slug="governance")
    record_agreed_level(assessment_round=the_round, domain=governance, by=coordinator, level=2)
    return the_round


def test_the_member_rates_then_the_coordinator_closes_the_round_and_answers_the_review(walk, demo_accounts, settings):
    _riverside_round()

    member = walk()
    member.sign_in("member@example.org", settings.DEMO_PASSWORD)
    assert member.path == "/groups/"
    member.sees("Your groups", RIVERSIDE, "Give your view in the self-assessment", "You have rated 0 of 9 areas.")
    member.follow("Give your view in the self-assessment")
    member.sees("Where do you think the group is?", "Governance")
    for building in member.page.locator("main input[type=radio][value='2']").all():  # "Building" in every area
        building.check()
    member.press("Save my views")
    member.sees("Your views are saved. You can change them until the round closes.")
    # From her group's readiness page to a step that helps: the step opens for that group, not her other one.
    member.go("/groups/riverside-tenants-together/readiness/")
    member.follow("Agree a constitution")
    member.sees(f"{RIVERSIDE} and this step")
    member.go("/groups/")
    member.sees("Give your view in the self-assessment You have rated 9 of 9 areas. Done")

    coordinator = walk()
    coordinator.sign_in("coordinator@example.org", settings.DEMO_PASSWORD)
    coordinator.sees("Agree the group's levels and close the round", "1 of 9 areas agreed.")
    coordinator.follow("Agree the group's levels and close the round")
    coordinator.follow("Close the round")
    coordinator.sees("Close the round?", "This member has not rated yet:", "Chris Coordinator")
    assert "Morgan Member" not in coordinator.page.locator("#not-rated").inner_text()
    coordinator.press("Yes, close the round")
    coordinator.sees("closed")

    coordinator.go("/groups/")
    coordinator.sees("Read and answer the review from Community Futures Fund")
    coordinator.follow("Read and answer the review from Community Futures Fund")
    coordinator.page.get_by_label("Your reply", exact=False).fill("Thank you. Our safeguarding policy is agreed.")
    coordinator.press("Send reply")
    coordinator.sees("Thank you. Our safeguarding policy is agreed.")


def test_the_facilitator_is_warned_before_verifying_a_step_without_its_evidence(walk, demo_accounts, settings):
    group = CommunityGroup.objects.get(name=RIVERSIDE)
    step = StepPage.objects.live().get(title="Agree how you will work together")
    member = get_user_model().objects.get(email="member@example.org")
    progress.mark_done(group=group, step=step, by=member)  # waits for the facilitator

    facilitator = walk()
    facilitator.sign_in("facilitator@example.org", settings.DEMO_PASSWORD)
    facilitator.sees("Groups you support as a facilitator", "Verify “Agree how you will work together”")
    facilitator.follow("Verify “Agree how you will work together”")
    facilitator.sees("Agree how you will work together")
    facilitator.press("Verify this step")
    facilitator.sees("Partnership agreement", "missing")
    assert "Status: Verified" not in facilitator.text()


def test_the_funder_asks_riverside_by_name_and_sees_the_request_waiting(walk, demo_accounts, settings):
    funder = walk()
    funder.sign_in("funder2@example.org", settings.DEMO_PASSWORD)
    funder.sees("Your work as a funder reviewer", "Ask a group to share with you")
    funder.follow("Ask a group to share with you")
    funder.page.get_by_label("The group's name or place").fill(RIVERSIDE)
    funder.press("Find groups")
    funder.sees(RIVERSIDE)
    funder.page.get_by_label(RIVERSIDE, exact=False).check()
    funder.press("Send the request")
    funder.sees(f"Your request has gone to the coordinators of {RIVERSIDE}.", "Waiting", RIVERSIDE)
    funder.go("/groups/")
    funder.sees(f"Your request to {RIVERSIDE}", "Waiting for the group")


def test_a_visitors_story_reaches_the_moderators_queue(walk, demo_accounts, settings):
    visitor = walk()
    visitor.go("/")
    visitor.page.get_by_role("navigation", name="Main").get_by_role("link", name="Case studies").click()
    visitor.check()
    visitor.follow("Tell your story")
    visitor.sees("To tell your story you need an account with a confirmed email address.")
    visitor.follow("Create an account")
    create_account(visitor, email="sam@example.org", name="Sam Storyteller")
    assert visitor.path == "/stories/new/", "the story keeps its place through signing up"
    visitor.page.get_by_label("Give your story a title").fill("Our bench project")
    visitor.page.get_by_label("Your group's name").fill("Bench Friends")
    visitor.page.get_by_label("Where did it happen?").select_option("moray")
    visitor.page.get_by_label("Co-design", exact=False).check()
    visitor.page.get_by_label("What happened?").fill("We chose where the benches go with the council.")
    visitor.page.get_by_label("What changed?").fill("Older people walk further.")
    visitor.page.get_by_label("I agree that the Hub may publish", exact=False).check()
    visitor.press("Send your story")
    visitor.sees("Thank you")

    moderator = walk()
    moderator.sign_in("moderator@example.org", settings.DEMO_PASSWORD)
    moderator.go("/admin/")
    assert "Our bench project" in moderator.page.locator("main").inner_text()
