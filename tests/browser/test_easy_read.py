"""Easy Read pages on a phone (issue 15, item 2), as a visitor reaches them: from the guide "What co-production
is, and what it is not" and a step of "Coming together", the "Easy Read version" link opens a page with zero
axe violations, nothing wider than the screen at 390px and 320px, text of at least 14pt, a picture on the left
of the words with alternative text, and a link back to the full page."""

import pytest

from .crawler import MEASURE, check_page

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

PAGES = [
    ("/guides/what-co-production-is-and-is-not/", "What co-production is, and what it is not"),
    ("/pathways/ready-to-co-produce/1-coming-together/who-is-not-in-the-room/", "Who is not in the room?"),
]
# 14pt is 18.67 CSS pixels.
SMALLEST_TEXT_PX = 18.6


@pytest.fixture(params=[390, 320], ids=["390px", "320px"])
def phone(request, browser):
    context = browser.new_context(viewport={"width": request.param, "height": 800})
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


def test_a_visitor_opens_the_easy_read_version_and_comes_back_on_a_phone(phone, live_server, demo_accounts):
    width = phone.viewport_size["width"]
    for path, title in PAGES:
        phone.goto(live_server.url + path)
        phone.get_by_role("link", name="Easy Read version").click()
        phone.wait_for_load_state()
        assert phone.url == live_server.url + path + "easy-read/"
        heading = " ".join(phone.locator("h1").inner_text().split())
        assert heading.lower() == f"easy read {title}".lower()

        assert check_page(phone) == [], path
        measured = phone.evaluate(MEASURE)
        assert measured["width"] <= width, (path, measured)

        rows = phone.locator(".easy-read-row")
        assert rows.count() >= 6
        for index in range(rows.count()):
            row = rows.nth(index)
            picture, words = row.locator("img"), row.locator(".easy-read-row__words")
            assert picture.get_attribute("alt").strip()
            assert picture.bounding_box()["x"] < words.bounding_box()["x"]  # the picture on the left
            size = float(words.evaluate("node => getComputedStyle(node).fontSize").removesuffix("px"))
            assert size >= SMALLEST_TEXT_PX
        assert rows.first.locator("b").count() >= 1  # the important words in bold

        phone.get_by_role("link", name="Go back to the full version of this page").first.click()
        phone.wait_for_load_state()
        assert phone.url == live_server.url + path
        assert " ".join(phone.locator("h1").inner_text().split()) == title
