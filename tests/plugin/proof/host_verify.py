"""Run inside the host project after the HTTP walk-through (`manage.py shell`): data, progress and signals.

Checks what docs/plugins.md says the migrations create (the case study workflow) and do not (no
change to the host's Editors and Moderators groups, no readiness framework), that the group the
walk-through made has 50% stored for the pathway, builds a readiness framework through the models
as the doc's section 9 tells a host to (the wheel ships no demo content) and sees the group's
readiness page show it, then connects receivers to every signal the doc documents, with exactly
the keyword arguments it documents, and makes each one fire through the apps' own services.
"""

import json
import os

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.test import Client
from django.urls import reverse
from wagtail.models import GroupCollectionPermission, GroupPagePermission, WorkflowPage

from learning.models import CommunityGroup, PathwayProgress, StepPage
from learning.readiness.models import (
    Decision,
    DomainStep,
    FunderOrganisation,
    Indicator,
    MaturityLevel,
    ReadinessDomain,
    SuggestedEvidence,
)
from learning.readiness.selectors import readiness_profile
from learning.readiness.services import reviews as review_services
from learning.readiness.services import sharing as sharing_services
from learning.readiness.signals import review_posted, share_granted, share_revoked
from learning.services import progress as progress_services
from learning.signals import pathway_completed, progress_changed
from resources.models import CaseStudyIndexPage

with open(os.environ["PROOF_STATE"], encoding="utf-8") as handle:
    state = json.load(handle)

# The migrations' data: the case study workflow on the index the proof made after migrating. The
# plugin changes none of the host's groups: `wagtail start` made Editors and Moderators, and they
# still have exactly the rights Wagtail 8.0's own migrations gave them. Never the readiness
# framework either, which is the host's editors' to write.
WAGTAIL_COLLECTION_RIGHTS = [
    "add_document",
    "add_image",
    "change_document",
    "change_image",
    "choose_document",
    "choose_image",
]
WAGTAIL_DEFAULT_RIGHTS = {
    "Editors": {
        "model": sorted(["access_admin", "delete_document", "delete_image", *WAGTAIL_COLLECTION_RIGHTS]),
        "page": ["add_page", "change_page"],
        "collection": WAGTAIL_COLLECTION_RIGHTS,
    },
    "Moderators": {
        "model": sorted(["access_admin", "delete_document", "delete_image", *WAGTAIL_COLLECTION_RIGHTS]),
        "page": ["add_page", "change_page", "lock_page", "publish_page", "unlock_page"],
        "collection": WAGTAIL_COLLECTION_RIGHTS,
    },
}


def rights_of(group):
    return {
        "model": sorted(group.permissions.values_list("codename", flat=True)),
        "page": sorted(
            GroupPagePermission.objects.filter(group=group, page__depth=1).values_list(
                "permission__codename", flat=True
            )
        ),
        "collection": sorted(
            GroupCollectionPermission.objects.filter(group=group, collection__depth=1).values_list(
                "permission__codename", flat=True
            )
        ),
    }


assert sorted(Group.objects.values_list("name", flat=True)) == ["Editors", "Moderators"], list(Group.objects.all())
for group in Group.objects.all():
    assert rights_of(group) == WAGTAIL_DEFAULT_RIGHTS[group.name], (group.name, rights_of(group))
    assert not GroupPagePermission.objects.filter(group=group).exclude(page__depth=1).exists(), group.name
    assert not GroupCollectionPermission.objects.filter(group=group).exclude(collection__depth=1).exists(), group.name
case_study_index = CaseStudyIndexPage.objects.get()
workflow = WorkflowPage.objects.get(page=case_study_index).workflow
assert workflow.name == "Case study review", workflow.name
(task,) = [task.specific for task in workflow.tasks]
assert task.name == "Moderator approval for case studies", task.name
assert not task.groups.exists(), "the plugin names no approvers: the host adds its own group to the task"
assert not ReadinessDomain.objects.exists(), "the migrations must not create the readiness framework"

group = CommunityGroup.objects.get(name="Riverside Tenants Together")
stored = PathwayProgress.objects.get(group=group, pathway_id=state["pathway_id"])
assert (stored.done, stored.total, stored.percent) == (1, 2, 50), (stored.done, stored.total, stored.percent)

# The framework as a host builds it (docs/plugins.md section 9): through the models, not a demo loader.
domain = ReadinessDomain.objects.create(
    name="Purpose and plan", slug="purpose-and-plan", summary="Knowing why the group exists.", sort_order=1
)
MaturityLevel.objects.bulk_create(
    MaturityLevel(domain=domain, level=level, descriptor=f"Purpose at level {level}.", sort_order=level)
    for level in range(1, 5)
)
Indicator.objects.create(domain=domain, text="The group has written down why it meets.")
SuggestedEvidence.objects.create(domain=domain, evidence_type="constitution")
DomainStep.objects.create(domain=domain, step=StepPage.objects.get(slug="agree-why-you-meet"))
(row,) = readiness_profile(group).domains
assert (row.domain, row.steps_done, len(row.steps)) == (domain, 1, 1), (row.domain, row.steps_done, row.steps)
member = Client()
member.force_login(get_user_model().objects.get(email="coordinator@example.org"))
response = member.get(reverse("readiness:profile", kwargs={"slug": group.slug}))
assert response.status_code == 200 and "Purpose and plan" in response.content.decode(), response.status_code

heard = []


def on_progress_changed(sender, *, group, pathway, step, status, by, **kwargs):
    heard.append(("progress_changed", group.name, pathway.title, step.title, str(status), by.get_username()))


def on_pathway_completed(sender, *, group, pathway, **kwargs):
    heard.append(("pathway_completed", group.name, pathway.title))


def on_share(sender, *, grant, by, **kwargs):
    heard.append(("share", grant.group.name, grant.funder.name, grant.revoked_at is not None))


def on_review_posted(sender, *, review, by, **kwargs):
    heard.append(("review_posted", review.group.name, review.funder.name, by.get_username()))


progress_changed.connect(on_progress_changed)
review_posted.connect(on_review_posted)
pathway_completed.connect(on_pathway_completed)
share_granted.connect(on_share)
share_revoked.connect(on_share)

coordinator = get_user_model().objects.get(email="coordinator@example.org")
last_step = StepPage.objects.get(slug="map-who-is-missing")
progress_services.mark_done(group=group, step=last_step, by=coordinator)
User = get_user_model()
reviewer = User.objects.create_user(
    **{User.USERNAME_FIELD: "reviewer@example.org"}, email="reviewer@example.org", password="plugin-proof-Passw0rd!"
)
funder = FunderOrganisation.objects.create(name="Proof Community Fund", slug="proof-community-fund")
funder.reviewers.add(reviewer)
funder.save()  # reviewers is a ParentalManyToManyField: saved with the funder
grant = sharing_services.grant_access(
    group=group, funder=funder, by=coordinator, share_progress=True, share_self_assessment=False, share_evidence=False
)
review_services.post_review(
    grant=grant, reviewer=reviewer, decision=Decision.READY, feedback="Well organised.", ratings={}, suggestions={}
)
sharing_services.revoke_access(grant=grant, by=coordinator)

expected = [
    ("progress_changed", group.name, "Plugin proof pathway", "Map who is missing", "done", coordinator.get_username()),
    ("pathway_completed", group.name, "Plugin proof pathway"),
    ("share", group.name, "Proof Community Fund", False),
    ("review_posted", group.name, "Proof Community Fund", reviewer.get_username()),
    ("share", group.name, "Proof Community Fund", True),
]
# The order in which on_commit callbacks fire is not part of the contract; each must arrive once.
assert sorted(map(repr, heard)) == sorted(map(repr, expected)), heard
stored.refresh_from_db()
assert stored.percent == 100 and stored.completed_at is not None, (stored.percent, stored.completed_at)
