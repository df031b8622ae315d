"""Printing a stage's meeting pack and a guide in Debian's chromium (issue 15, item 3): the pack's PDF holds
every step title and checklist item of the stage, each step starting a page of its own; the guide's holds its
whole text without the site's menus; both pages have zero axe violations."""

import shutil
import subprocess

import pytest

from learning.models import StagePage, StepPage
from resources.models import GuidePage

from .conftest import sign_in
from .crawler import check_page

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def pdf_pages(page, tmp_path):
    """The text of each page of the loaded page printed to A4, read back with pdftotext (poppler-utils)."""
    pdftotext = shutil.which("pdftotext")
    if pdftotext is None:
        pytest.fail("pdftotext is missing: install poppler-utils (.ci/run does)")
    pdf = tmp_path / "printed.pdf"
    page.pdf(path=str(pdf), format="A4")
    text = subprocess.run([pdftotext, "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    return [" ".join(chunk.split()) for chunk in text.split("\f") if chunk.strip()]


def stage_contents(stage):
    steps = list(StepPage.objects.child_of(stage).live().order_by("path"))
    items = {
        step.title: [item for block in step.body if block.block_type == "checklist" for item in block.value["items"]]
        for step in steps
    }
    return steps, items


def test_a_stage_prints_as_a_pack_with_each_step_on_a_new_page(page, live_server, demo_accounts, settings, tmp_path):
    stage = StagePage.objects.get(slug="1-coming-together")
    steps, checklist_items = stage_contents(stage)
    assert sum(len(items) for items in checklist_items.values()) >= 4

    sign_in(page, live_server.url, "coordinator@example.org", settings.DEMO_PASSWORD)
    page.goto(live_server.url + stage.url)
    page.get_by_role("link", name="Print a meeting pack").click()
    page.wait_for_load_state()
    assert check_page(page) == []
    assert page.get_by_role("button", name="Print this meeting pack").is_visible()  # JavaScript runs here

    pages = pdf_pages(page, tmp_path)
    whole = " ".join(pages)
    assert "Group Riverside Tenants Together" in pages[0]
    assert "Who came" in pages[1] and "Name" in pages[1]
    assert "Print this meeting pack" not in whole and "Put these on the pack" not in whole
    starts = []
    for number in range(1, len(steps) + 1):
        found = [index for index, text in enumerate(pages) if text.startswith(f"Step {number} of {len(steps)}")]
        assert len(found) == 1, f"step {number} does not start a page of its own"
        starts += found
    for step, start, end in zip(steps, starts, starts[1:] + [len(pages)], strict=True):
        own_pages = " ".join(pages[start:end])
        assert step.title in pages[start]
        for item in checklist_items[step.title]:
            assert item in own_pages, item
        assert f"/steps/{step.pk}/" in own_pages
    assert len(pages) >= 2 + len(steps)


def test_without_javascript_the_pack_says_to_use_the_browsers_print(browser, live_server, demo_accounts):
    context = browser.new_context(java_script_enabled=False, viewport={"width": 320, "height": 640})
    small = context.new_page()
    stage = StagePage.objects.get(slug="1-coming-together")
    small.goto(f"{live_server.url}/stages/{stage.pk}/meeting-pack/?date=2027-01-14")
    assert not small.get_by_role("button", name="Print this meeting pack").is_visible()
    assert "use your browser's Print" in small.content()
    assert "14 January 2027" in small.locator(".pack-facts").inner_text()
    assert not small.evaluate("document.documentElement.scrollWidth > document.documentElement.clientWidth")
    context.close()


def guide_contents(guide):
    """The words of a guide's headings, checklists, activities and takeaways, as its page shows them."""
    found = [guide.title, guide.summary]
    for block in guide.body:
        value = block.value
        if block.block_type == "heading":
            found.append(value["text"])
        elif block.block_type == "checklist":
            found += [value["title"], *value["items"]]
        elif block.block_type == "activity":
            found += [value["title"], *value["what_you_need"], *value["steps"]]
        elif block.block_type == "key_takeaways":
            found += [value["title"], *value["items"]]
    return found


def test_a_guide_prints_whole_without_the_sites_menus(page, live_server, demo_accounts, tmp_path):
    guide = GuidePage.objects.live().get(slug="running-a-co-design-session")
    expected = guide_contents(guide)
    assert len(expected) >= 15

    page.goto(live_server.url + guide.url)
    assert check_page(page) == []
    button = page.get_by_role("button", name="Print this guide")
    assert button.is_visible()  # JavaScript runs here; without it the page says to use the browser's Print
    on_screen = page.locator("main").inner_text()
    assert "Contents" in on_screen and "Related guides" in on_screen

    pages = pdf_pages(page, tmp_path)
    whole = " ".join(pages)
    assert 1 <= len(pages) <= 6, f"{len(pages)} pages for a handout"
    assert pages[0].count(guide.title) >= 1
    for text in expected:
        assert " ".join(text.split()) in whole, text
    # The screen's extras stay off the paper: the print button, its hint, the contents list and the menus.
    for left_out in ("Print this guide", "browser's Print", "Contents", "Skip to main content", "Your account"):
        assert left_out not in whole, left_out
    header_links = page.locator(".site-header nav a").all_inner_texts()
    footer_links = page.locator(".site-footer a").all_inner_texts()
    assert header_links and footer_links
    for link in {*header_links, *footer_links} - {guide.title}:
        assert f" {link.strip()} " not in f" {whole} ", f"the menu link {link!r} is printed"
