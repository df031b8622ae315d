"""Fixtures for learning tests: private files in a temporary folder, an admin client, a small world of roles."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from learning.models import Role
from learning.services import evidence as evidence_services
from learning.services import progress

from .factories import assign_facilitator, make_group, make_pathway, make_person, steps_of

PDF_BYTES = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


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


class World:
    """Group A with a coordinator, a member and a facilitator; group B with its own member; staff."""


@pytest.fixture
def world(db):
    w = World()
    w.pathway = make_pathway(stages=2, steps_per_stage=2)
    w.steps = steps_of(w.pathway)
    w.step = w.steps[0]
    w.group = make_group(members=1, name="Group A")
    w.coordinator = w.group.coordinator
    w.member = w.group.people[0]
    w.facilitator = assign_facilitator(w.group)
    w.other_group = make_group(members=1, name="Group B")
    w.other = w.other_group.people[0]
    w.staff = make_person(is_staff=True, is_superuser=True)
    progress.enrol(group=w.group, pathway=w.pathway, by=w.coordinator)
    progress.enrol(group=w.other_group, pathway=w.pathway, by=w.other_group.coordinator)
    w.reflection = evidence_services.add_reflection(group=w.group, step=w.step, by=w.member, text="<p>We met.</p>")
    w.evidence = evidence_services.add_evidence(
        group=w.group,
        by=w.member,
        step=w.step,
        content_type="application/pdf",
        evidence_type="constitution",
        title="Constitution",
        file=SimpleUploadedFile("constitution.pdf", PDF_BYTES, content_type="application/pdf"),
    )
    w.people = {
        "visitor": None,
        "member": w.member,
        "coordinator": w.coordinator,
        "facilitator": w.facilitator,
        "other": w.other,
        "staff": w.staff,
    }
    w.Role = Role
    return w


@pytest.fixture
def as_role(client, world):
    def login(role):
        client.logout()
        if world.people[role] is not None:
            client.force_login(world.people[role])
        return client

    return login
