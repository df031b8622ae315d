"""Query budget for the health check: one query however much data the site holds.

The home and standard pages have their two-size budgets in test_site_shell.py.
"""

import pytest
from django.urls import reverse

from .conftest import Budget, Call, budget_id

pytestmark = pytest.mark.django_db

BUDGETS = [
    Budget("healthz", 1, lambda w: Call(None, reverse("healthz"))),
    # The language switcher sets a cookie and redirects: no query.
    Budget(
        "switch_language",
        0,
        lambda w: Call(None, reverse("switch_language", args=["gd"]) + "?next=/about/", status=302),
    ),
]


@pytest.mark.parametrize("budget", BUDGETS, ids=budget_id)
def test_home_view_keeps_to_its_budget(budget, within_budget):
    within_budget(budget)
