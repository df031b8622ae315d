"""Nothing a group would miss is silently deleted: steps it worked on are unpublished, never deleted,
and a deleted evidence record takes its stored file with it once the deletion commits."""

import pytest
from django.contrib.messages import get_messages
from django.db import transaction
from django.db.models import ProtectedError
from django.urls import reverse

from learning.models import Evidence, Reflection, StepPage, StepProgress
from learning.services import evidence as evidence_services
from learning.services import progress

from .factories import keep_evidence, make_group, make_pathway, steps_of

REFUSAL = "Groups have worked on this step. Unpublish it instead: their progress is kept."

pytestmark = pytest.mark.django_db


@pytest.fixture
def pathway():
    return make_pathway(stages=2, steps_per_stage=2)


@pytest.fixture
def group(pathway):
    group = make_group(members=1)
    progress.enrol(group=group, pathway=pathway, by=group.coordinator)
    return group


def delete_in_admin(client, page):
    return client.post(reverse("wagtailadmin_pages:delete", args=(page.pk,)), follow=True)


def messages_of(response):
    return [str(message).strip() for message in get_messages(response.wsgi_request)]


def test_a_step_with_progress_is_refused_in_the_admin(admin_client, pathway, group):
    step = steps_of(pathway)[0]
    progress.mark_done(group=group, step=step, by=group.coordinator)

    response = delete_in_admin(admin_client, step)

    assert response.status_code == 200
    assert REFUSAL in messages_of(response)
    assert StepPage.objects.filter(pk=step.pk).exists()
    assert StepProgress.objects.filter(group=group, step=step).exists()


def test_the_confirmation_page_itself_refuses(admin_client, pathway, group):
    step = steps_of(pathway)[0]
    progress.mark_done(group=group, step=step, by=group.coordinator)

    response = admin_client.get(reverse("wagtailadmin_pages:delete", args=(step.pk,)))

    assert response.status_code == 302
    assert response.url == reverse("wagtailadmin_explore", args=(step.get_parent().pk,))


def test_a_step_with_only_reflections_is_refused(admin_client, pathway, group):
    step = steps_of(pathway)[1]
    evidence_services.add_reflection(group=group, step=step, by=group.coordinator, text="We met on Tuesday.")

    response = delete_in_admin(admin_client, step)

    assert REFUSAL in messages_of(response)
    assert Reflection.objects.filter(group=group, step=step).exists()


@pytest.mark.parametrize("level", ["stage", "pathway"])
def test_a_stage_or_pathway_holding_a_worked_step_is_refused(admin_client, pathway, group, level):
    step = steps_of(pathway)[3]
    progress.mark_done(group=group, step=step, by=group.coordinator)
    page = step.get_parent() if level == "stage" else pathway

    response = delete_in_admin(admin_client, page)

    assert response.status_code == 200
    assert REFUSAL in messages_of(response)
    assert StepPage.objects.filter(pk=step.pk).exists()
    assert StepProgress.objects.filter(group=group, step=step).count() == 1


def test_bulk_delete_of_a_worked_step_is_refused(admin_client, pathway, group):
    step = steps_of(pathway)[0]
    progress.mark_done(group=group, step=step, by=group.coordinator)
    url = reverse("wagtail_bulk_action", args=("wagtailcore", "page", "delete")) + f"?id={step.pk}"

    response = admin_client.post(url, follow=True)

    assert response.status_code == 200
    assert REFUSAL in messages_of(response)
    assert StepPage.objects.filter(pk=step.pk).exists()


def test_a_step_nobody_worked_on_can_still_be_deleted(admin_client, pathway, group, django_capture_on_commit_callbacks):
    worked, untouched = steps_of(pathway)[:2]
    progress.mark_done(group=group, step=worked, by=group.coordinator)

    with django_capture_on_commit_callbacks(execute=True):
        response = delete_in_admin(admin_client, untouched)

    assert response.status_code == 200
    assert REFUSAL not in messages_of(response)
    assert not StepPage.objects.filter(pk=untouched.pk).exists()
    assert StepPage.objects.filter(pk=worked.pk).exists()


def test_code_cannot_bypass_the_admin(pathway, group):
    step = steps_of(pathway)[0]
    progress.mark_done(group=group, step=step, by=group.coordinator)

    with pytest.raises(ProtectedError), transaction.atomic():
        StepPage.objects.get(pk=step.pk).delete()
    with pytest.raises(ProtectedError), transaction.atomic():
        pathway.delete()

    assert StepPage.objects.filter(pk=step.pk).exists()


def test_deleting_evidence_removes_its_file_after_commit(group, private_media, django_capture_on_commit_callbacks):
    evidence = keep_evidence(group, group.coordinator, "Insurance certificate")
    path = private_media / evidence.file.name
    assert path.exists()

    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        Evidence.objects.get(pk=evidence.pk).delete()
    assert path.exists(), "the file stays until the deletion commits"

    for callback in callbacks:
        callback()
    assert not path.exists()


def test_a_file_already_gone_is_no_error(group, django_capture_on_commit_callbacks):
    evidence = keep_evidence(group, group.coordinator, "Minutes")
    evidence.file.storage.delete(evidence.file.name)

    with django_capture_on_commit_callbacks(execute=True):
        evidence.delete()

    assert not Evidence.objects.filter(pk=evidence.pk).exists()


def test_a_note_without_a_file_deletes_cleanly(group, django_capture_on_commit_callbacks):
    evidence = keep_evidence(group, group.coordinator, "Bank details", with_file=False)

    with django_capture_on_commit_callbacks(execute=True):
        evidence.delete()

    assert not Evidence.objects.filter(pk=evidence.pk).exists()
