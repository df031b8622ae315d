"""The suite's switch for the search and reference indexes (tests/conftest.py) does what it says.

Unmarked tests save pages without touching either index; a test marked `search_index` or
`reference_index` gets the real update, as the site does.
"""

import pytest
from wagtail.models import ReferenceIndex
from wagtail.search.models import IndexEntry

from tests.learning.factories import make_pathway


def _pathway_counts():
    pathway = make_pathway(stages=1, steps_per_stage=1, title="Switch pathway")
    indexed = IndexEntry.objects.filter(object_id=str(pathway.pk)).count()
    # Each step names its pathway (StepPage.pathway), which the reference index records.
    referenced = ReferenceIndex.objects.filter(to_object_id=str(pathway.pk)).count()
    return indexed, referenced


@pytest.mark.django_db
def test_an_unmarked_test_updates_neither_index():
    assert _pathway_counts() == (0, 0)


@pytest.mark.django_db
@pytest.mark.search_index
def test_a_test_marked_search_index_updates_the_search_index_only():
    indexed, referenced = _pathway_counts()
    assert indexed == 1
    assert referenced == 0


@pytest.mark.django_db
@pytest.mark.reference_index
@pytest.mark.search_index
def test_a_test_marked_with_both_updates_both():
    indexed, referenced = _pathway_counts()
    assert indexed == 1
    assert referenced > 0
