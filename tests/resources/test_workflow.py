"""Editorial workflow through the Wagtail admin: editors submit, only moderators publish case studies."""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from wagtail.models import GroupPagePermission, Page, WorkflowState
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from resources.models import CaseStudyPage
from resources.services.workflow import case_study_workflow

from .factories import make_case_study_index

pytestmark = pytest.mark.django_db


def case_study_form(title, slug, **extra):
    return nested_form_data(
        {
            "title": title,
            "slug": slug,
            "summary": "Neighbours and the council fixed the bus shelter together.",
            "place": "highland",
            "themes": "Transport",
            "co_design": "on",
            "partners": inline_formset([{"name": "Shelter Friends", "kind": "community-group", "link": ""}]),
            "challenge": rich_text("<p>The shelter leaked.</p>"),
            "what_they_did": streamfield([("paragraph", rich_text("<p>They met and agreed a plan.</p>"))]),
            "what_changed": rich_text("<p>People stay dry.</p>"),
            "outcomes": inline_formset([]),
            "quotes": streamfield([]),
            "lessons": rich_text(""),
            "contact": "",
            "website": "",
            "hero_image": "",
            "hero_image_alt": "",
            "comments": inline_formset([]),
            # The panel partners adds to a case study (resources.case_study_parts); ignored where it is not installed.
            "featured_summaries": inline_formset([]),
            **extra,
        }
    )


def test_migration_sets_up_groups_and_the_review_workflow(db):
    editors, moderators = Group.objects.get(name="Editors"), Group.objects.get(name="Moderators")
    root = Page.get_first_root_node()
    editor_perms = set(
        GroupPagePermission.objects.filter(group=editors, page=root).values_list("permission__codename", flat=True)
    )
    moderator_perms = set(
        GroupPagePermission.objects.filter(group=moderators, page=root).values_list("permission__codename", flat=True)
    )
    assert {"add_page", "change_page"} <= editor_perms and "publish_page" not in editor_perms
    assert {"add_page", "change_page", "publish_page"} <= moderator_perms
    workflow = case_study_workflow()
    assert workflow is not None
    tasks = [task.specific for task in workflow.tasks]
    assert len(tasks) == 1 and list(tasks[0].groups.all()) == [moderators]


def test_a_new_case_study_index_uses_case_study_review(site_root, guide_index):
    index = make_case_study_index(site_root)
    assert index.get_workflow() == case_study_workflow()
    # Guides keep Wagtail's default moderation.
    assert guide_index.get_workflow().name == "Moderators approval"


def test_an_editors_case_study_waits_for_a_moderator(client, case_study_index, editor, moderator):
    client.force_login(editor)
    add_url = reverse("wagtailadmin_pages:add", args=("resources", "casestudypage", case_study_index.pk))
    response = client.post(add_url, case_study_form("Bus shelter", "bus-shelter", **{"action-submit": "Submit"}))
    assert response.status_code == 302, response.content.decode()[:3000]
    page = CaseStudyPage.objects.get(slug="bus-shelter")
    assert not page.live
    state = page.current_workflow_state
    assert state is not None and state.workflow.name == "Case study review"
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    assert client.get(page.url).status_code == 404

    # The editor cannot publish it, not even by asking to.
    response = client.post(
        reverse("wagtailadmin_pages:edit", args=(page.pk,)),
        case_study_form("Bus shelter", "bus-shelter", **{"action-publish": "Publish"}),
    )
    page.refresh_from_db()
    assert not page.live
    task_state = page.current_workflow_task_state
    response = client.post(
        reverse("wagtailadmin_pages:workflow_action", args=(page.pk, "approve", task_state.pk)), {"comment": ""}
    )
    assert response.status_code in {302, 403}
    page.refresh_from_db()
    assert not page.live

    # A moderator approves it and it is published.
    client.force_login(moderator)
    dashboard = client.get(reverse("wagtailadmin_home"))
    assert "Bus shelter" in dashboard.content.decode()
    response = client.post(
        reverse("wagtailadmin_pages:workflow_action", args=(page.pk, "approve", task_state.pk)), {"comment": "Lovely"}
    )
    assert response.status_code in {200, 302}
    page.refresh_from_db()
    assert page.live
    assert page.current_workflow_state is None
    assert client.get(page.url).status_code == 200


def test_a_moderator_can_publish_a_case_study_directly(client, case_study_index, moderator):
    client.force_login(moderator)
    add_url = reverse("wagtailadmin_pages:add", args=("resources", "casestudypage", case_study_index.pk))
    response = client.post(add_url, case_study_form("Warm space", "warm-space", **{"action-publish": "Publish"}))
    assert response.status_code == 302, response.content.decode()[:3000]
    assert CaseStudyPage.objects.get(slug="warm-space").live


def test_an_editor_cannot_publish_a_case_study_directly(client, case_study_index, editor):
    client.force_login(editor)
    add_url = reverse("wagtailadmin_pages:add", args=("resources", "casestudypage", case_study_index.pk))
    client.post(add_url, case_study_form("Sneaky", "sneaky", **{"action-publish": "Publish"}))
    page = CaseStudyPage.objects.filter(slug="sneaky").first()
    assert page is None or not page.live


def test_a_case_study_needs_a_kind_of_co_production(client, case_study_index, moderator):
    client.force_login(moderator)
    add_url = reverse("wagtailadmin_pages:add", args=("resources", "casestudypage", case_study_index.pk))
    data = case_study_form("No kind", "no-kind", **{"action-publish": "Publish"})
    del data["co_design"]
    response = client.post(add_url, data)
    assert response.status_code == 200
    assert "Choose at least one kind of co-production" in response.content.decode()
    assert not CaseStudyPage.objects.filter(slug="no-kind").exists()
