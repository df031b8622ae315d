"""Small factories for learning tests: a pathway tree, groups with people, enrolments."""

from django.contrib.auth import get_user_model
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

_counter = {"n": 0}


def _next():
    _counter["n"] += 1
    return _counter["n"]


def make_person(email=None, **extra):
    n = _next()
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
