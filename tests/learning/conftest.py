"""Fixtures for learning tests: private files in a temporary folder, an admin client, a small world of roles."""

import pytest

from learning.models import Role
from learning.services import evidence as evidence_services
from learning.services import progress

from .factories import keep_evidence, make_pathway, make_person, world_of_roles


@pytest.fixture
def superuser(db):
    return make_person(is_staff=True, is_superuser=True)


@pytest.fixture
def admin_client(client, superuser):
    """A client signed in to the Wagtail admin as a superuser."""
    client.force_login(superuser)
    return client


@pytest.fixture(autouse=True)
def private_media(settings, tmp_path):
    settings.LEARNING_PRIVATE_MEDIA_ROOT = str(tmp_path / "private")
    return tmp_path / "private"


@pytest.fixture
def world(db):
    w = world_of_roles(
        pathway=make_pathway(stages=2, steps_per_stage=2), group_name="Group A", other_group_name="Group B"
    )
    w.step = w.steps[0]
    progress.enrol(group=w.group, pathway=w.pathway, by=w.coordinator)
    progress.enrol(group=w.other_group, pathway=w.pathway, by=w.other_group.coordinator)
    w.reflection = evidence_services.add_reflection(group=w.group, step=w.step, by=w.member, text="<p>We met.</p>")
    w.evidence = keep_evidence(w.group, w.member, "Constitution", step=w.step)
    w.Role = Role
    return w


@pytest.fixture
def as_role(client, world):
    def login(role):
        client.logout()
        person = world.people[role]
        if person is not None:
            client.force_login(person)
        return client

    return login
