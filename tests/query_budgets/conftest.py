"""The query-budget harness: one small and one large world per test module, and a budget check.

Each world is built once per module inside a transaction that is rolled back when the module's tests
are done (as Django's TestCase does for setUpTestData); every test then runs in its own savepoint, so
a POST in one test never changes what the next one sees.
"""

import json
import os
from dataclasses import dataclass, field

import pytest
from django.core.cache import cache
from django.db import transaction
from django.test.utils import override_settings

from tests.indexes import INDEX_TASKS, REAL_INDEX_TASKS

from .worlds import SIZES, build_world

# Where each budget's count is written (one JSON line a request) when set: `tests/query_budgets/tighten.py`
# reads it to lower every budget to what its view now asks.
REPORT = os.environ.get("QUERY_BUDGET_REPORT")


@pytest.fixture(scope="module", params=list(SIZES))
def world(request, django_db_setup, django_db_blocker, tmp_path_factory):
    private = tmp_path_factory.mktemp("private")
    with (
        django_db_blocker.unblock(),
        override_settings(
            LEARNING_PRIVATE_MEDIA_ROOT=str(private),
            EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend",
            # Measure the view, never a repeat answered from the visitor page cache.
            HUB_PAGE_CACHE_SECONDS=0,
            # What editors publish is kept under the content version, as on a live site (issue 14): the
            # warm-up request fills it, so a budget counts what a signed-in person's request costs.
            READINESS_FRAMEWORK_CACHE_SECONDS=600,
            LEARNING_CONTENT_CACHE_SECONDS=600,
            # And what a group's pages show under the group's records version (issue 14): the warm-up fills it
            # too, so a signed-in page's budget is what it costs while nothing in the group changes.
            LEARNING_GROUP_CACHE_SECONDS=600,
        ),
    ):
        cache.clear()
        world_transaction = transaction.atomic()
        # Counted as a test's own transaction (as Django marks TestCase's), so each request's service calls are
        # one transaction each, as on a live site (learning.group_versions moves a group once per transaction).
        world_transaction._from_testcase = True
        with world_transaction, pytest.MonkeyPatch.context() as patch:
            # A module that reads an index (marked search_index or reference_index) gets a world that
            # updates it, as the suite's own switch does for each test (tests/conftest.py).
            for marker, (module, name) in INDEX_TASKS.items():
                if request.node.get_closest_marker(marker):
                    patch.setattr(module, name, REAL_INDEX_TASKS[marker])
            built = build_world(request.param)
            yield built
            transaction.set_rollback(True)
        cache.clear()


@dataclass
class Call:
    """One request a budget is measured on: who makes it, how, and what answer is expected."""

    user: object
    path: str
    method: str = "get"
    data: dict = field(default_factory=dict)
    status: int = 200


@dataclass
class Budget:
    """The most queries a view may make, whatever the size of the world; `call` builds the request."""

    name: str
    max_queries: int
    call: object
    note: str = ""

    def __str__(self):
        return self.name + (f" ({self.note})" if self.note else "")


def budget_id(budget):
    return str(budget).replace(" ", "-")


@pytest.fixture
def within_budget(client, world, django_assert_max_num_queries):
    """Make the budget's request (after one warm-up request, as on a running server) and check its count."""

    def check(budget):
        call = budget.call(world)
        if call.user is None:
            client.logout()
        else:
            client.force_login(call.user)
        # Fills per-process caches (site, settings, the content types a save logs) as a running server has them;
        # a GET of a POST's address is harmless (a form, or 405).
        client.get(call.path)
        with django_assert_max_num_queries(budget.max_queries, info=f"{budget} in the {world.size} world") as queries:
            response = getattr(client, call.method)(call.path, call.data)
            body = b"".join(response.streaming_content) if response.streaming else response.content
        if REPORT:
            with open(REPORT, "a") as report:
                report.write(json.dumps([str(budget), world.size, len(queries), budget.max_queries]) + "\n")
        assert response.status_code == call.status, (response.status_code, body[:500])
        return response

    return check
