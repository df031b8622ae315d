"""The module-scoped demo (tests/conftest.py `shared_demo`): what one test changes, the next never sees.

The two tests run in file order (the suite distributes whole files to workers): the first changes the
database and a cache, the second finds both as the demo built them.
"""

import pytest
from django.core.cache import cache

from home.models import StandardPage

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(shared_demo):
    return shared_demo


def test_a_test_changes_the_demo_and_a_cache(demo):
    about = StandardPage.objects.get(slug="about")
    about.title = "Changed by the first test"
    about.save_revision().publish()
    StandardPage.objects.get(slug="privacy").delete()
    cache.set("left-by-the-first-test", 1)
    assert StandardPage.objects.get(slug="about").title == "Changed by the first test"


def test_the_next_test_sees_the_demo_as_built(demo, client):
    assert StandardPage.objects.get(slug="about").title != "Changed by the first test"
    assert StandardPage.objects.filter(slug="privacy").exists()
    assert cache.get("left-by-the-first-test") is None
    assert client.get("/about/").status_code == 200
