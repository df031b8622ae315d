"""The Wagtail admin: group viewsets with search and filters, and the progress report with exports."""

import io

import openpyxl
import pytest
from django.urls import reverse

from learning.models import CommunityGroup
from learning.services import progress

from .factories import assign_facilitator, make_group, make_pathway, make_person, steps_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def groups():
    pathway = make_pathway(stages=1, steps_per_stage=2, title="Alpha pathway")
    fife = make_group(name="Fife Friends")
    CommunityGroup.objects.filter(pk=fife.pk).update(place="fife")
    angus = make_group(name="Angus Allies")
    CommunityGroup.objects.filter(pk=angus.pk).update(place="angus")
    progress.enrol(group=fife, pathway=pathway, by=fife.coordinator)
    progress.mark_done(group=fife, step=steps_of(pathway)[0], by=fife.coordinator)
    return pathway, fife, angus


def test_group_listing_searches_and_filters(admin_client, groups):
    pathway, _fife, _angus = groups
    url = reverse("communitygroup:index")
    content = admin_client.get(url).content
    assert b"Fife Friends" in content and b"Angus Allies" in content
    content = admin_client.get(url, {"q": "Angus"}).content
    assert b"Angus Allies" in content and b"Fife Friends" not in content
    content = admin_client.get(url, {"place": "fife"}).content
    assert b"Fife Friends" in content and b"Angus Allies" not in content
    content = admin_client.get(url, {"pathway": pathway.pk}).content
    assert b"Fife Friends" in content and b"Angus Allies" not in content


@pytest.mark.parametrize("name", ["membership:index", "enrolment:index", "facilitatorassignment:index"])
def test_the_other_listings_filter_by_place(admin_client, groups, name):
    pathway, fife, angus = groups
    progress.enrol(group=angus, pathway=pathway, by=angus.coordinator)
    for group in (fife, angus):
        assign_facilitator(group)
    response = admin_client.get(reverse(name), {"place": "fife"})
    assert response.status_code == 200
    assert b"Fife Friends" in response.content and b"Angus Allies" not in response.content


def test_progress_report_and_exports(admin_client, groups):
    url = reverse("learning_group_progress")
    content = admin_client.get(url).content
    assert b"Fife Friends" in content and b"Alpha pathway" in content
    csv = admin_client.get(url, {"export": "csv"})
    text = b"".join(csv.streaming_content).decode()
    assert "Group,Place,Pathway" in text.splitlines()[0]
    assert "Fife Friends,Fife,Alpha pathway,1,2,50" in text
    xlsx = admin_client.get(url, {"export": "xlsx"})
    book = openpyxl.load_workbook(io.BytesIO(b"".join(xlsx.streaming_content) if xlsx.streaming else xlsx.content))
    rows = list(book.active.values)
    assert rows[0][0] == "Group" and rows[1][0] == "Fife Friends"


def test_the_report_is_for_staff_with_permission(client, groups):
    client.force_login(make_person(is_staff=True))
    response = client.get(reverse("learning_group_progress"))
    assert response.status_code in (302, 403)
    assert b"Fife Friends" not in response.content
