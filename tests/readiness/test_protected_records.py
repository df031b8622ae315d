"""What groups and funders rely on is never silently deleted: a funder organisation or a readiness area
that shared profiles, reviews, the access log or closed rounds point at is refused, in the admin with a
plain message and in code by the database."""

import pytest
from django.contrib.messages import get_messages
from django.db import transaction
from django.db.models import ProtectedError
from django.urls import reverse

from learning.readiness.models import (
    AccessKind,
    AccessLog,
    AgreedLevel,
    Decision,
    FunderOrganisation,
    ReadinessDomain,
    ReadinessReview,
    ShareGrant,
)
from learning.readiness.services import sharing
from tests.learning.factories import make_person

from .conftest import make_domain, make_funder, post_review, share


@pytest.fixture
def admin_client(client, db):
    client.force_login(make_person(is_staff=True, is_superuser=True))
    return client


def snippet_url(model, view, *args):
    return reverse(f"wagtailsnippets_readiness_{model._meta.model_name}:{view}", args=args)


def messages_of(response):
    return [str(message).strip() for message in get_messages(response.wsgi_request)]


def test_a_funder_groups_shared_with_is_refused_in_the_admin(admin_client, world):
    grant = share(world)
    sharing.log_access(grants=[grant], viewer=world.reviewer_a, kind=AccessKind.PROFILE)
    post_review(grant, Decision.READY)

    response = admin_client.post(snippet_url(FunderOrganisation, "delete", world.funder_a.pk))

    assert response.status_code == 302
    assert response.url == snippet_url(FunderOrganisation, "list")
    assert any("cannot be deleted" in message for message in messages_of(response))
    assert FunderOrganisation.objects.filter(pk=world.funder_a.pk).exists()
    assert ShareGrant.objects.filter(pk=grant.pk).exists()
    assert AccessLog.objects.filter(funder=world.funder_a).count() == 1
    assert ReadinessReview.objects.filter(funder=world.funder_a).exists()


def test_the_confirmation_page_refuses_before_asking(admin_client, world):
    share(world)

    response = admin_client.get(snippet_url(FunderOrganisation, "delete", world.funder_a.pk))

    assert response.status_code == 302
    assert FunderOrganisation.objects.filter(pk=world.funder_a.pk).exists()


def test_bulk_delete_of_a_protected_funder_is_refused(admin_client, world):
    share(world)
    url = reverse("wagtail_bulk_action", args=("readiness", "funderorganisation", "delete"))

    response = admin_client.post(f"{url}?id={world.funder_a.pk}&id={world.funder_b.pk}")

    assert response.status_code == 302
    assert FunderOrganisation.objects.filter(pk__in=[world.funder_a.pk, world.funder_b.pk]).count() == 2


def test_a_funder_nobody_shared_with_can_be_deleted(admin_client, world):
    response = admin_client.post(snippet_url(FunderOrganisation, "delete", world.funder_b.pk))

    assert response.status_code == 302
    assert not FunderOrganisation.objects.filter(pk=world.funder_b.pk).exists()


def test_an_area_with_agreed_levels_in_a_closed_round_is_refused(admin_client, world):
    response = admin_client.post(snippet_url(ReadinessDomain, "delete", world.money.pk))

    assert response.status_code == 302
    assert any("cannot be deleted" in message for message in messages_of(response))
    assert ReadinessDomain.objects.filter(pk=world.money.pk).exists()
    assert AgreedLevel.objects.filter(round=world.round, domain=world.money).exists()


def test_an_area_nobody_has_used_can_be_deleted(admin_client, world):
    unused = make_domain("Partnerships", 9)

    response = admin_client.post(snippet_url(ReadinessDomain, "delete", unused.pk))

    assert response.status_code == 302
    assert not ReadinessDomain.objects.filter(pk=unused.pk).exists()


def test_code_cannot_delete_what_groups_rely_on(world):
    grant = share(world)
    sharing.log_access(grants=[grant], viewer=world.reviewer_a, kind=AccessKind.PROFILE)

    with pytest.raises(ProtectedError), transaction.atomic():
        world.funder_a.delete()
    with pytest.raises(ProtectedError), transaction.atomic():
        world.governance.delete()

    assert AccessLog.objects.filter(funder=world.funder_a).exists()


def test_deleting_a_group_still_takes_its_own_records_with_it(world):
    grant = share(world)
    sharing.log_access(grants=[grant], viewer=world.reviewer_a, kind=AccessKind.PROFILE)
    post_review(grant, Decision.READY)

    world.group.delete()

    assert not ShareGrant.objects.filter(pk=grant.pk).exists()
    assert not AccessLog.objects.filter(funder=world.funder_a).exists()
    assert not AgreedLevel.objects.filter(domain=world.governance).exists()
    assert FunderOrganisation.objects.filter(pk=world.funder_a.pk).exists()


def test_a_funder_without_records_keeps_its_settings_deletable(world):
    funder = make_funder("Fund C", world.reviewer_b, thresholds={world.safety: 2})

    funder.delete()

    assert not FunderOrganisation.objects.filter(pk=funder.pk).exists()
