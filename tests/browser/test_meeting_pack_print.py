"""Printing a stage's meeting pack in Debian's chromium (issue 15, item 3): the PDF's text holds every step
title and checklist item of the stage, and each step starts on a new page; the page has zero axe violations."""

import shutil
import subprocess

import pytest

from learning.models import StagePage, StepPage

from .conftest import sign_in
from .crawler import check_page

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def pdf_pages(page, tmp_path):
    """The text of each page of the loaded page printed to A4, read back with pdftotext (poppler-utils)."""
    pdftotext = shutil.which("pdftotext")
    if pdftotext is None:
        pytest.fail("pdftotext is missing: install poppler-utils (.ci/run does)")
    pdf = tmp_path / "pack.pdf"
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
