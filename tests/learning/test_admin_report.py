"""The admin "Group progress" report is for people with `learning.view_pathwayprogress`, not every editor.

Editors and moderators reach the Wagtail admin to write pages; being able to open the admin must not
let them read or export every group's progress.
"""

import pytest
from django.contrib.auth.models import Group, Permission
from django.urls import reverse

from learning.models import CommunityGroup
from learning.services import progress

from .factories import make_group, make_pathway, make_person, steps_of

pytestmark = pytest.mark.django_db

REPORT_URLS = [
    ("learning_group_progress", {}),
    ("learning_group_progress", {"export": "csv"}),
    ("learning_group_progress", {"export": "xlsx"}),
    ("learning_group_progress_results", {}),
]


@pytest.fixture
def fife_friends():
    pathway = make_pathway(stages=1, steps_per_stage=2, title="Alpha pathway")
    group = make_group(name="Fife Friends")
    CommunityGroup.objects.filter(pk=group.pk).update(place="fife")
    progress.enrol(group=group, pathway=pathway, by=group.coordinator)
    progress.mark_done(group=group, step=steps_of(pathway)[0], by=group.coordinator)
    return group


def editor_in(group_name, *, may_read_progress=False):
    """A member of the editorial group the migrations make (Wagtail admin access, page permissions)."""
    person = make_person()
    person.groups.add(Group.objects.get(name=group_name))
    if may_read_progress:
        person.user_permissions.add(
            Permission.objects.get(content_type__app_label="learning", codename="view_pathwayprogress")
        )
    assert person.has_perm("wagtailadmin.access_admin")
    return person


def body_of(response):
    return b"".join(response.streaming_content) if response.streaming else response.content


def menu_links_report(client):
    return reverse("learning_group_progress").encode() in client.get(reverse("wagtailadmin_home")).content


@pytest.mark.parametrize("group_name", ["Editors", "Moderators"])
@pytest.mark.parametrize(("url_name", "query"), REPORT_URLS)
def test_an_editor_without_the_permission_is_refused_the_report_and_its_exports(
    client, fife_friends, group_name, url_name, query
):
    person = editor_in(group_name)
    assert not person.has_perm("learning.view_pathwayprogress")
    client.force_login(person)
    response = client.get(reverse(url_name), query)
    # Wagtail answers a refused admin page by sending the person back to the admin home with a message.
    assert response.status_code == 302
    assert response["Location"] == reverse("wagtailadmin_home")
    assert b"Fife Friends" not in body_of(response)


@pytest.mark.parametrize(("url_name", "query"), REPORT_URLS)
def test_an_editor_with_the_permission_gets_the_report_and_its_exports(client, fife_friends, url_name, query):
    client.force_login(editor_in("Editors", may_read_progress=True))
    response = client.get(reverse(url_name), query)
    assert response.status_code == 200
    if query.get("export") != "xlsx":  # the workbook is zipped; test_exports reads it back
        assert b"Fife Friends" in body_of(response)


def test_the_reports_menu_shows_group_progress_only_to_people_with_the_permission(client, fife_friends):
    client.force_login(editor_in("Editors"))
    assert not menu_links_report(client)
    client.force_login(editor_in("Editors", may_read_progress=True))
    assert menu_links_report(client)
