"""A Gaelic speaker with JavaScript off (issue 15): switch language on a public page and land on its
Gaelic version; then, as a member whose language is Gaelic, mark a step done and add a reflection.

Asserted: the Gaelic page content, `lang`, the addresses, the group's record (kept on the English
step), and the interface words read from the Gaelic catalogue (the button, the status), with none of
the English they replace. Buttons are found by their forms, so the words are checked, not relied on.
"""

import pytest
from django.contrib.auth import get_user_model
from django.utils import translation
from django.utils.translation import gettext
from wagtail.models import Locale

from learning.models import CommunityGroup, Reflection, StepPage, StepProgress, StepStatus

from .conftest import sign_in
from .crawler import check_page

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

STEP_SLUG = "who-is-not-in-the-room"
GAELIC_STEP_TITLE = "Cò nach eil san t-seòmar?"
REFLECTION = "Cha chuala sinn bho luchd-cùraim fhathast; cuiridh sinn fios chun ionad-latha."


@pytest.fixture
def no_script(browser):
    context = browser.new_context(java_script_enabled=False, viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


def in_gaelic(text):
    """What the Gaelic catalogue says for an English interface string."""
    with translation.override("gd"):
        return str(gettext(str(text)))


def lang_of(page):
    return page.locator("html").get_attribute("lang")


def axe_violations(browser, page):
    """axe on the page now shown, in a second context with JavaScript on (axe needs it) and the same cookies."""
    context = browser.new_context(storage_state=page.context.storage_state(), viewport={"width": 390, "height": 844})
    try:
        checked = context.new_page()
        checked.goto(page.url)
        return check_page(checked)
    finally:
        context.close()


def test_a_gaelic_speaker_switches_language_and_works_on_a_step_in_gaelic(
    browser, no_script, live_server, demo_accounts, settings
):
    page = no_script
    page.goto(live_server.url + "/about/")
    assert lang_of(page) == "en-gb"
    page.locator(".language-switcher a[lang=gd]").click()
    page.wait_for_load_state()
    assert page.url == live_server.url + "/gd/mun-ionad/"
    assert lang_of(page) == "gd"
    assert page.locator("h1").inner_text() == "Mun Ionad"
    assert axe_violations(browser, page) == []

    member = get_user_model().objects.get(email="member@example.org")
    member.interface_language = "gd"
    member.save(update_fields=["interface_language"])
    group = CommunityGroup.objects.get(slug="riverside-tenants-together")
    english_step = StepPage.objects.get(slug=STEP_SLUG)
    gaelic_step = english_step.get_translation(Locale.objects.get(language_code="gd"))
    StepProgress.objects.filter(group=group, step=english_step).delete()

    page.context.clear_cookies()
    sign_in(page, live_server.url, member.email, settings.DEMO_PASSWORD)
    assert lang_of(page) == "gd"  # the sign-in applied the person's language
    page.goto(f"{live_server.url}{gaelic_step.url}?group={group.slug}")
    assert lang_of(page) == "gd"
    assert page.locator("h1").inner_text() == GAELIC_STEP_TITLE

    done_button = page.locator('form:has(input[name="action"][value="done"]) button')
    assert done_button.inner_text().strip() == in_gaelic("Mark as done")
    done_button.click()
    page.wait_for_load_state()
    assert page.url.startswith(live_server.url + gaelic_step.url)
    assert page.locator("h1").inner_text() == GAELIC_STEP_TITLE
    assert lang_of(page) == "gd"
    assert StepProgress.objects.filter(group=group, step=english_step).exists()
    assert axe_violations(browser, page) == []

    page.locator('form[action*="/reflections/new/"] textarea[name="text"]').fill(REFLECTION)
    page.locator('form[action*="/reflections/new/"] button').click()
    page.wait_for_load_state()
    assert page.get_by_text(REFLECTION).is_visible()
    assert page.locator("h1").inner_text() == GAELIC_STEP_TITLE
    assert lang_of(page) == "gd"
    assert Reflection.objects.get(group=group, text=REFLECTION).step_id == english_step.pk
    assert axe_violations(browser, page) == []
    # The interface around the group's own words is Gaelic: the step's status and its label.
    status = StepProgress.objects.get(group=group, step=english_step).status
    assert page.locator("#step-status").inner_text().strip() == in_gaelic(StepStatus(status).label)
    main_text = page.locator("main").inner_text()
    assert f"{in_gaelic('Status')}:" in main_text
    for english in ("Status:", "Mark as done", "Add reflection"):
        assert english not in main_text
