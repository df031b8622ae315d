"""Spreadsheet exports never run what people typed: group names that look like formulas stay text.

A group's name is chosen by whoever signs up. Opened in a spreadsheet, `=HYPERLINK(...)` in an export
would run on the machine of the staff member or funder who downloaded it.
"""

import csv
import datetime
import decimal
import io

import openpyxl
import pytest
from django.urls import reverse
from django.utils.translation import gettext_lazy

from learning.exports import spreadsheet_safe
from learning.models import PathwayProgress
from learning.readiness.services import sharing
from learning.services import progress
from tests.readiness.conftest import make_funder

from .factories import make_group, make_pathway, make_person, steps_of

FORMULA_NAMES = ["=1+1", "+cmd", "-2", "@SUM(A1)", "\t=1", "\r=1"]


@pytest.mark.parametrize("text", [*FORMULA_NAMES, '=HYPERLINK("http://example.org","Click")'])
def test_text_that_could_start_a_formula_gets_a_leading_quote(text):
    assert spreadsheet_safe(text) == "'" + text


@pytest.mark.parametrize("text", ["Oak Street Neighbours", "", "a=b", "50%", "'already quoted"])
def test_ordinary_text_is_left_alone(text):
    assert spreadsheet_safe(text) == text


@pytest.mark.parametrize(
    "value",
    [
        -2,
        0,
        -1.5,
        decimal.Decimal("-3.25"),
        True,
        None,
        datetime.date(2025, 1, 31),
        datetime.datetime(2025, 1, 31, 9, 30),  # noqa: DTZ001 (a naive value, as Wagtail hands XLSX)
        datetime.time(9, 30),
    ],
)
def test_numbers_dates_and_none_keep_their_type(value):
    kept = spreadsheet_safe(value)
    assert kept is value or (kept == value and type(kept) is type(value))


def test_other_values_become_text_and_are_checked_too():
    assert spreadsheet_safe(gettext_lazy("=not a formula")) == "'=not a formula"

    class Named:
        def __str__(self):
            return "-Group"

    assert spreadsheet_safe(Named()) == "'-Group"


@pytest.fixture
def formula_groups(db):
    """Groups named like formulas, each with stored progress on one pathway."""
    pathway = make_pathway(stages=1, steps_per_stage=2, title="Alpha pathway")
    groups = [make_group(name=name) for name in FORMULA_NAMES]
    for group in groups:
        progress.enrol(group=group, pathway=pathway, by=group.coordinator)
        progress.mark_done(group=group, step=steps_of(pathway)[0], by=group.coordinator)
    assert PathwayProgress.objects.count() == len(FORMULA_NAMES)
    return groups


@pytest.fixture
def superuser_client(db, client):
    client.force_login(make_person(is_staff=True, is_superuser=True))
    return client


def content_of(response):
    assert response.status_code == 200
    return b"".join(response.streaming_content) if response.streaming else response.content


def test_the_admin_progress_csv_quotes_formula_names(superuser_client, formula_groups):
    response = superuser_client.get(reverse("learning_group_progress"), {"export": "csv"})
    rows = list(csv.reader(io.StringIO(content_of(response).decode("utf-8"), newline="")))
    assert sorted(row[0] for row in rows[1:]) == sorted("'" + name for name in FORMULA_NAMES)
    assert all(row[3:6] == ["1", "2", "50"] for row in rows[1:])


def test_the_admin_progress_xlsx_holds_formula_names_as_quoted_text_and_numbers_as_numbers(
    superuser_client, formula_groups
):
    response = superuser_client.get(reverse("learning_group_progress"), {"export": "xlsx"})
    sheet = openpyxl.load_workbook(io.BytesIO(content_of(response))).active
    rows = list(sheet.iter_rows(min_row=2))
    assert len(rows) == len(FORMULA_NAMES)
    names = []
    for row in rows:
        name = row[0]
        assert name.data_type == "s", name.value
        assert name.value.startswith("'"), name.value
        names.append(name.value)
        assert [cell.value for cell in row[3:6]] == [1, 2, 50]
        assert all(cell.data_type == "n" for cell in row[3:6])
    # openpyxl may read a stored carriage return back as a newline; the rest must be what was typed.
    assert sorted(value.replace("\n", "\r") for value in names) == sorted("'" + name for name in FORMULA_NAMES)


def test_the_funder_portfolio_csv_quotes_formula_names(client, formula_groups):
    reviewer = make_person()
    funder = make_funder("Fund A", reviewer)
    for group in formula_groups:
        sharing.grant_access(
            group=group,
            funder=funder,
            by=group.coordinator,
            share_progress=True,
            share_self_assessment=True,
            share_evidence=True,
        )
    client.force_login(reviewer)
    response = client.get(reverse("readiness:portfolio_export"))
    rows = list(csv.reader(io.StringIO(content_of(response).decode("utf-8"), newline="")))
    assert sorted(row[0] for row in rows[1:]) == sorted("'" + name for name in FORMULA_NAMES)
