"""Small factories for learning tests: a pathway tree, groups with people, evidence, a world of roles.

Plain functions, not factory-boy or wagtail-factories (tests/resources/factories.py is the same). Pages are
added with Wagtail's `add_child` and published through a revision, as an editor does, so the tree, the
page's `live` state and the pathway a step belongs to come out as the site makes them; a model factory
would save rows beside the tree. Evidence goes through `learning.services.evidence`, which stores the
file privately and writes the group's activity, as a model factory would not. Where a row has no rule to
keep (a membership or a facilitator assignment in a test's setup) it is created directly. The two packages
were pinned but never used, so requirements-dev.txt no longer installs them.
"""

from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from django.utils.text import slugify
from wagtail.models import Page

from learning.models import (
    AssignmentStatus,
    CommunityGroup,
    CompletionRule,
    FacilitatorAssignment,
    Membership,
    PathwayIndexPage,
    PathwayPage,
    Role,
    StagePage,
    StepPage,
)
from learning.readiness.services.evidence import set_evidence_domains
from learning.services import evidence as evidence_services

PDF_BYTES = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"

_counter = {"n": 0}


def _next():
    _counter["n"] += 1
    return _counter["n"]


def make_person(email=None, **extra):
    """A person who has confirmed their email address (pass email_confirmed_at=None for one who has not)."""
    n = _next()
    extra.setdefault("email_confirmed_at", timezone.now())
    return get_user_model().objects.create_user(
        email=email or f"learner{n}@example.org", password="a-long-test-password", display_name=f"Learner {n}", **extra
    )


def pathway_index(parent=None):
    parent = parent or Page.get_first_root_node().get_children().first() or Page.get_first_root_node()
    index = PathwayIndexPage.objects.first()
    if index is None:
        index = PathwayIndexPage(title="Pathways", slug=f"pathways-{_next()}")
        parent.add_child(instance=index)
        index.save_revision().publish()
    return index


def make_pathway(*, stages=2, steps_per_stage=3, rules=None, title=None):
    """A published pathway; `rules` optionally maps step number (from 0) to a completion rule."""
    n = _next()
    pathway = PathwayPage(title=title or f"Pathway {n}", slug=f"pathway-{n}", summary="A pathway for testing.")
    pathway_index().add_child(instance=pathway)
    pathway.save_revision().publish()
    number = 0
    for s in range(stages):
        stage = StagePage(title=f"Stage {s + 1}", slug=f"stage-{n}-{s}", outcome="You will know more.")
        pathway.add_child(instance=stage)
        stage.save_revision().publish()
        for t in range(steps_per_stage):
            rule = (rules or {}).get(number, CompletionRule.MEMBER)
            add_step(stage, title=f"Step {s + 1}.{t + 1}", rule=rule)
            number += 1
    return PathwayPage.objects.get(pk=pathway.pk)


def add_step(stage, *, title="Another step", rule=CompletionRule.MEMBER, publish=True):
    step = StepPage(title=title, slug=f"step-{_next()}", completion_rule=rule, summary="Do a thing.")
    stage.add_child(instance=step)
    if publish:
        step.save_revision().publish()
    return StepPage.objects.get(pk=step.pk)


def steps_of(pathway):
    return list(StepPage.objects.filter(pathway=pathway).order_by("path"))


def make_group(*, coordinator=None, members=0, name=None):
    n = _next()
    group = CommunityGroup.objects.create(name=name or f"Group {n}", slug=f"group-{n}")
    coordinator = coordinator or make_person()
    Membership.objects.create(user=coordinator, group=group, role=Role.COORDINATOR)
    people = [make_person() for _ in range(members)]
    for person in people:
        Membership.objects.create(user=person, group=group, role=Role.MEMBER)
    group.coordinator = coordinator
    group.people = people
    return group


def assign_facilitator(group, facilitator=None, status=AssignmentStatus.ACTIVE):
    facilitator = facilitator or make_person()
    FacilitatorAssignment.objects.create(facilitator=facilitator, group=group, status=status)
    return facilitator


def keep_evidence(group, by, title, *, domains=(), with_file=True, evidence_type="constitution", **fields):
    """A piece of evidence in the group's library (a PDF unless `with_file` is False), linked to `domains`."""
    if with_file:
        fields["file"] = SimpleUploadedFile(f"{slugify(title)}.pdf", PDF_BYTES, content_type="application/pdf")
        fields["content_type"] = "application/pdf"
    else:
        fields.setdefault("note", f"{title}: kept in the group's folder.")
    evidence = evidence_services.add_evidence(group=group, by=by, evidence_type=evidence_type, title=title, **fields)
    if domains:
        set_evidence_domains(evidence=evidence, domains=domains, by=by)
    return evidence


class World:
    """What a test reaches for by name: the people by role, the groups and the things they have."""


def world_of_roles(*, pathway, group_name, other_group_name):
    """Group A with a coordinator, a member and a facilitator; group B with its own member; staff.

    `people` maps each role a test signs in as to its person (None for a visitor).
    """
    w = World()
    w.pathway = pathway
    w.steps = steps_of(pathway)
    w.group = make_group(members=1, name=group_name)
    w.coordinator = w.group.coordinator
    w.member = w.group.people[0]
    w.facilitator = assign_facilitator(w.group)
    w.other_group = make_group(members=1, name=other_group_name)
    w.other = w.other_group.people[0]
    w.staff = make_person(is_staff=True, is_superuser=True)
    w.people = {
        "visitor": None,
        "member": w.member,
        "coordinator": w.coordinator,
        "facilitator": w.facilitator,
        "other": w.other,
        "staff": w.staff,
    }
    return w
