"""Compare rounds: every closed round's level per area, and the change between two rounds in words and symbols."""

import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from learning.readiness.models import AssessmentRound

from .conftest import closed_round

pytestmark = pytest.mark.django_db


def closed_days_ago(assessment_round, days):
    AssessmentRound.objects.filter(pk=assessment_round.pk).update(closed_at=timezone.now() - timedelta(days=days))


@pytest.fixture
def three_rounds(world):
    """Governance 3 → 2 → 4, Money 1 → 1 → 3, Keeping people safe agreed only in the last round."""
    closed_days_ago(world.round, 200)
    middle = closed_round(world.group, world.coordinator, {world.governance: 2, world.money: 1}, kind="review")
    closed_days_ago(middle, 100)
    world.middle = middle
    world.last = closed_round(
        world.group, world.coordinator, {world.governance: 4, world.money: 3, world.safety: 2}, kind="review"
    )
    return world


def table_rows(html):
    """Each body row of the comparison table as its cells' text (symbols kept, tags dropped)."""
    table = html[html.index('<table class="compare-table">') : html.index("</table>")]
    body = table[table.index("<tbody>") :]
    rows = []
    for row in re.findall(r"<tr>(.*?)</tr>", body, re.S):
        cells = re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row, re.S)
        rows.append([" ".join(re.sub(r"<[^>]+>", "", cell).split()) for cell in cells])
    return rows


def test_every_closed_round_is_a_column_and_the_change_is_in_words_and_symbols(as_role, three_rounds):
    w = three_rounds
    response = as_role("member").get(reverse("readiness:compare", kwargs={"slug": w.group.slug}))
    html = response.content.decode()
    assert table_rows(html) == [
        ["Governance", "3 Established", "2 Building", "4 Sharing", "▲ Up 1 level"],
        ["Money", "1 Starting out", "1 Starting out", "3 Established", "▲ Up 2 levels"],
        ["Keeping people safe", "Not agreed", "Not agreed", "2 Building", "Cannot compare"],
    ]
    # The symbol is decoration for sighted readers; the words carry the meaning for everyone.
    assert '<span aria-hidden="true">▲ </span>Up 1 level' in html
    assert "Change, round 1 to 3" in html
    assert "Round 2: Review (how far we have come), closed" in html


def test_the_group_chooses_which_two_rounds_to_compare(as_role, three_rounds):
    w = three_rounds
    url = reverse("readiness:compare", kwargs={"slug": w.group.slug})
    html = as_role("coordinator").get(url, {"from": w.round.pk, "to": w.middle.pk}).content.decode()
    rows = {row[0]: row[-1] for row in table_rows(html)}
    assert rows == {"Governance": "▼ Down 1 level", "Money": "= Same", "Keeping people safe": "Cannot compare"}
    assert "Change, round 1 to 2" in html


def test_the_chart_names_each_round_on_its_bar_and_has_a_text_alternative(as_role, three_rounds):
    w = three_rounds
    html = as_role("facilitator").get(reverse("readiness:compare", kwargs={"slug": w.group.slug})).content.decode()
    svg = html[html.index("<svg") : html.index("</svg>")]
    assert 'role="img"' in svg
    assert "in each of the 3 closed rounds" in re.search(r'aria-label="([^"]*)"', svg).group(1)
    texts = re.findall(r"<text[^>]*>([^<]*)</text>", svg)
    governance = texts[texts.index("Governance") + 1 : texts.index("Governance") + 4]
    assert governance == ["1: 3 Established", "2: 2 Building", "3: 4 Sharing"]
    # The rounds' dates are machine-readable, without fractions of a second.
    assert re.findall(r'<time datetime="([^"]+)"', html)[:3] == [
        timezone.localtime(item.closed_at).date().isoformat()
        for item in AssessmentRound.objects.filter(group=w.group).order_by("closed_at")
    ]
