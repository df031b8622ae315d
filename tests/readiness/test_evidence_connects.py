"""Evidence connects itself (issue 17, item 4).

A treasurer adds her group's constitution on the step that asks for it: the step lists it and the
Governance area counts it, because the Hub links evidence to the areas that suggest its type. The group
can take it out of an area and the Hub never puts it back. A step offers the group's evidence of the type
it asks for, attached in one tap. There is one "Evidence library"; the old readiness address leads to it.
A funder sees only what the grant shares.
"""

import io

import pytest
from bs4 import BeautifulSoup
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse

from learning.models import Evidence, StepEvidence, StepPage
from learning.readiness.models import DeclinedEvidenceLink, EvidenceDomainLink, SuggestedEvidence
from learning.readiness.services.evidence import link_suggested_areas
from learning.services import progress
from tests.learning.factories import PDF_BYTES, keep_evidence, make_group
from tests.once import built_once, fresh_copy

from .conftest import build_world, share

pytestmark = pytest.mark.django_db

CONSTITUTION = "Constitution or governing document"


@pytest.fixture(scope="module")
def _built(django_db_setup, django_db_blocker, tmp_path_factory):
    """The readiness world, where Governance suggests a constitution and the second step asks for one, and a
    new group whose coordinator (its treasurer) has kept nothing yet."""
    with built_once(django_db_blocker, tmp_path_factory):
        w = build_world()
        SuggestedEvidence.objects.create(domain=w.governance, evidence_type="constitution", sort_order=0)
        StepPage.objects.filter(pk=w.steps[1].pk).update(evidence_type="constitution")
        w.step = StepPage.objects.get(pk=w.steps[1].pk)
        w.new_group = make_group(members=1, name="Treasurers Together")
        w.treasurer = w.new_group.coordinator
        w.people |= {"treasurer": w.treasurer, "new_member": w.new_group.people[0]}
        progress.enrol(group=w.new_group, pathway=w.pathway, by=w.treasurer)
        yield w


@pytest.fixture
def world(db, _built):
    return fresh_copy(_built)


def text_of(response, element_id=None):
    soup = BeautifulSoup(response.content, "html.parser")
    part = soup.find(id=element_id) if element_id else soup
    assert part is not None, element_id
    return " ".join(part.get_text(" ").split())


def step_page(client, world, group):
    return client.get(f"{world.step.url}?group={group.slug}")


def add_constitution(client, world, *, step=True):
    upload = SimpleUploadedFile("constitution.pdf", PDF_BYTES, content_type="application/pdf")
    url = reverse("learning:evidence_add", kwargs={"slug": world.new_group.slug})
    data = {"evidence_type": "constitution", "title": "Our constitution", "file": upload}
    if step:
        url += f"?step={world.step.pk}"
        data["step"] = world.step.pk
    return client.post(url, data, follow=True)


def attach_url(world, group, evidence, step=None):
    return reverse(
        "learning:evidence_attach",
        kwargs={"slug": group.slug, "step_id": (step or world.step).pk, "pk": evidence.pk},
    )


# --- The reproduction: the treasurer's constitution counts under Governance and on the step ----------------


def test_a_constitution_added_on_its_step_counts_on_the_step_and_under_governance(as_role, world):
    client = as_role("treasurer")
    profile_url = reverse("readiness:profile", kwargs={"slug": world.new_group.slug})
    assert "No evidence linked to this area yet." in text_of(client.get(profile_url), "domain-governance")
    assert "No evidence kept for this step yet." in text_of(step_page(client, world, world.new_group), "evidence")

    response = add_constitution(client, world)

    # Back on the step, which lists it.
    assert response.redirect_chain[-1][0].endswith(f"?group={world.new_group.slug}#evidence")
    on_step = text_of(response, "evidence")
    assert "Evidence kept for this step" in on_step
    assert f"Our constitution ({CONSTITUTION}," in on_step
    assert "No evidence kept for this step yet." not in on_step
    # Counted under Governance.
    governance = text_of(client.get(profile_url), "domain-governance")
    assert f"Evidence Our constitution ({CONSTITUTION})" in governance
    assert "No evidence linked to this area yet." not in governance
    # The library says the Hub linked it, and how to change that.
    library = text_of(client.get(reverse("learning:evidence_list", kwargs={"slug": world.new_group.slug})))
    assert "Governance (linked by the Hub)" in library
    assert "Change areas for Our constitution" in library
    link = EvidenceDomainLink.objects.get(evidence__group=world.new_group)
    assert (link.domain, link.automatic, link.linked_by) == (world.governance, True, world.treasurer)


def test_evidence_of_a_type_no_area_suggests_is_linked_nowhere(world):
    item = keep_evidence(world.new_group, world.treasurer, "Photos of the fun day", evidence_type="other")
    assert not EvidenceDomainLink.objects.filter(evidence=item).exists()


def test_linking_twice_leaves_one_link(world):
    item = keep_evidence(world.new_group, world.treasurer, "Our constitution")
    assert link_suggested_areas(evidence=item, by=world.treasurer) == 0
    assert EvidenceDomainLink.objects.filter(evidence=item).count() == 1


# --- Undo sticks -------------------------------------------------------------------------------------------


def areas_url(world, item):
    return reverse("readiness:evidence_domains", kwargs={"slug": world.new_group.slug, "pk": item.pk})


def test_the_coordinator_takes_evidence_out_of_an_area_and_the_hub_never_puts_it_back(as_role, world):
    item = keep_evidence(world.new_group, world.treasurer, "Our constitution")
    client = as_role("treasurer")
    form = text_of(client.get(areas_url(world, item)))
    assert "An area you untick stays unticked" in form

    response = client.post(areas_url(world, item), {}, follow=True)

    assert response.redirect_chain[-1][0] == reverse("learning:evidence_list", kwargs={"slug": world.new_group.slug})
    assert "Not linked to an area" in text_of(response)
    assert not EvidenceDomainLink.objects.filter(evidence=item).exists()
    declined = DeclinedEvidenceLink.objects.get(evidence=item)
    assert (declined.domain, declined.declined_by) == (world.governance, world.treasurer)
    # Neither the Hub's own linking nor the command for older evidence puts it back.
    assert link_suggested_areas(evidence=item, by=world.treasurer) == 0
    call_command("link_suggested_evidence", stdout=io.StringIO())
    assert not EvidenceDomainLink.objects.filter(evidence=item).exists()
    profile = client.get(reverse("readiness:profile", kwargs={"slug": world.new_group.slug}))
    assert "No evidence linked to this area yet." in text_of(profile, "domain-governance")


def test_ticking_the_area_again_links_it_as_the_groups_own_choice(as_role, world):
    item = keep_evidence(world.new_group, world.treasurer, "Our constitution")
    client = as_role("treasurer")
    client.post(areas_url(world, item), {})
    client.post(areas_url(world, item), {"domains": [world.governance.pk]})
    link = EvidenceDomainLink.objects.get(evidence=item)
    assert (link.domain, link.automatic) == (world.governance, False)
    assert not DeclinedEvidenceLink.objects.filter(evidence=item).exists()
    library = text_of(client.get(reverse("learning:evidence_list", kwargs={"slug": world.new_group.slug})))
    assert "Governance" in library and "linked by the Hub" not in library


def test_the_command_links_evidence_kept_before_once(world):
    item = keep_evidence(world.new_group, world.treasurer, "Our constitution")
    EvidenceDomainLink.objects.filter(evidence=item).delete()  # as kept before the Hub linked by itself
    dry_run = io.StringIO()
    call_command("link_suggested_evidence", "--dry-run", stdout=dry_run)
    assert "Treasurers Together (" in dry_run.getvalue() and "Dry run: nothing was changed." in dry_run.getvalue()
    assert not EvidenceDomainLink.objects.filter(evidence=item).exists()

    first, second = io.StringIO(), io.StringIO()
    call_command("link_suggested_evidence", stdout=first)
    call_command("link_suggested_evidence", stdout=second)

    assert EvidenceDomainLink.objects.get(evidence=item).automatic
    assert "Linked 1 link from evidence to an area in 1 group." in first.getvalue()
    assert "Linked 0 links from evidence to areas in 0 groups." in second.getvalue()


# --- A step offers the group's evidence of the type it asks for ------------------------------------------


def test_evidence_kept_from_the_library_is_attached_to_the_step_in_one_tap(as_role, world):
    client = as_role("treasurer")
    add_constitution(client, world, step=False)
    item = Evidence.objects.get(group=world.new_group)
    page = step_page(client, world, world.new_group)
    before = text_of(page, "evidence")
    assert "No evidence kept for this step yet." in before
    assert "Use evidence you already have" in before
    buttons = BeautifulSoup(page.content, "html.parser").select("#evidence form button")
    assert [button.get_text("") for button in buttons] == ["Attach to this step: Our constitution"]

    response = client.post(attach_url(world, world.new_group, item), follow=True)

    assert response.redirect_chain[-1][0].endswith(f"?group={world.new_group.slug}#evidence")
    after = text_of(response, "evidence")
    assert f"Our constitution ({CONSTITUTION}," in after
    assert "No evidence kept for this step yet." not in after
    assert "Use evidence you already have" not in after
    assert "“Our constitution” is now kept for this step." in text_of(response)
    # Pressing again (a second tab, a double tap) changes nothing.
    assert client.post(attach_url(world, world.new_group, item)).status_code == 302
    assert StepEvidence.objects.filter(evidence=item, step=world.step).count() == 1
    library = text_of(client.get(reverse("learning:evidence_list", kwargs={"slug": world.new_group.slug})))
    assert f"Kept for: {world.step.title}" in library


def test_one_piece_serves_two_steps(as_role, world):
    client = as_role("treasurer")
    add_constitution(client, world)
    item = Evidence.objects.get(group=world.new_group)
    other_step = StepPage.objects.get(pk=world.steps[2].pk)
    StepPage.objects.filter(pk=other_step.pk).update(evidence_type="constitution")
    other_step.evidence_type = "constitution"
    client.post(attach_url(world, world.new_group, item, step=other_step))
    assert f"Our constitution ({CONSTITUTION}," in text_of(
        client.get(f"{other_step.url}?group={world.new_group.slug}"), "evidence"
    )
    assert f"Our constitution ({CONSTITUTION}," in text_of(step_page(client, world, world.new_group), "evidence")


def test_attaching_asks_who_may_add_evidence_and_never_reaches_another_groups(as_role, world):
    item = keep_evidence(world.group, world.member, "Oak Street constitution")
    url = attach_url(world, world.group, item)
    assert as_role("visitor").post(url)["Location"].startswith("/accounts/sign-in/")
    for role in ("other", "funder_a", "funder_b", "staff"):
        assert as_role(role).post(url).status_code == 404, role
    assert as_role("member").get(url).status_code == 405
    assert not StepEvidence.objects.exists()
    # Group B's member cannot attach group A's evidence through their own group's address either.
    theirs = attach_url(world, world.other_group, item)
    assert as_role("other").post(theirs).status_code == 404
    for role in ("member", "facilitator"):
        assert as_role(role).post(url).status_code == 302, role
    assert StepEvidence.objects.filter(evidence=item, step=world.step).count() == 1


def test_the_offer_is_only_for_people_who_may_attach(as_role, world):
    keep_evidence(world.group, world.member, "Oak Street constitution")
    page = text_of(step_page(as_role("member"), world, world.group), "evidence")
    assert "Use evidence you already have" in page
    # A step that asks for no type offers nothing.
    page = as_role("member").get(f"{world.steps[0].url}?group={world.group.slug}")
    assert "Use evidence you already have" not in text_of(page)


def test_attaching_clears_what_the_verifier_is_warned_is_missing(world):
    StepPage.objects.filter(pk=world.step.pk).update(evidence_type="", evidence_asked="The signed minutes")
    step = StepPage.objects.get(pk=world.step.pk)
    item = keep_evidence(world.new_group, world.treasurer, "Signed minutes", evidence_type="agm_minutes")
    assert progress.missing_evidence(group=world.new_group, step=step) == "The signed minutes"
    StepEvidence.objects.create(evidence=item, step=step, attached_by=world.treasurer)
    assert progress.missing_evidence(group=world.new_group, step=step) == ""


# --- One evidence library ------------------------------------------------------------------------------------


def test_the_old_readiness_address_leads_to_the_one_library(as_role, world):
    old = reverse("readiness:evidence", kwargs={"slug": world.group.slug})
    library = reverse("learning:evidence_list", kwargs={"slug": world.group.slug})
    for role in ("member", "coordinator", "facilitator"):
        response = as_role(role).get(old)
        assert (response.status_code, response["Location"]) == (301, library), role
    for role in ("other", "funder_a", "staff"):
        assert as_role(role).get(old).status_code == 404, role
    assert as_role("visitor").get(old)["Location"].startswith("/accounts/sign-in/")


def test_the_readiness_pages_link_to_the_one_library(as_role, world):
    page = as_role("member").get(reverse("readiness:profile", kwargs={"slug": world.group.slug}))
    soup = BeautifulSoup(page.content, "html.parser")
    links = {a["href"] for a in soup.find_all("a") if a.get_text(strip=True) == "Evidence library"}
    assert links == {reverse("learning:evidence_list", kwargs={"slug": world.group.slug})}
    assert reverse("readiness:evidence", kwargs={"slug": world.group.slug}) not in page.content.decode()


def test_the_library_shows_each_pieces_areas_to_the_group_only(as_role, world):
    url = reverse("learning:evidence_list", kwargs={"slug": world.group.slug})
    page = text_of(as_role("member").get(url))
    assert page.count("Evidence library") >= 1 and "Readiness areas" in page
    assert "Signed constitution" in page and "Change areas for Signed constitution" in page
    assert as_role("funder_a").get(url).status_code == 404


# --- The funder sees only what the grant shares ------------------------------------------------------------


def funder_page(as_role, world):
    """What funder A's reviewer reads about the new group's Governance: the area, and the suggested rating."""
    response = as_role("funder_a").get(reverse("readiness:funder_group", kwargs={"slug": world.new_group.slug}))
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    area = " ".join(soup.find(id="domain-governance").get_text(" ").split())
    rating = " ".join(soup.find(id="rate-governance").find_parent("section").get_text(" ").split())
    return area, rating


def test_a_funder_sharing_evidence_sees_the_constitution_counted_and_nothing_missing(as_role, world):
    share(world, group=world.new_group)
    area, rating = funder_page(as_role, world)
    assert "No evidence linked to this area yet." in area
    assert "Missing or not shared: Constitution or governing document." in rating

    add_constitution(as_role("treasurer"), world)

    area, rating = funder_page(as_role, world)
    assert f"Our constitution ({CONSTITUTION})" in area
    assert "Missing or not shared" not in rating


def test_a_funder_whose_grant_leaves_evidence_out_sees_none_of_it(as_role, world):
    share(world, group=world.new_group, share_evidence=False)
    add_constitution(as_role("treasurer"), world)
    area, rating = funder_page(as_role, world)
    assert "Our constitution" not in area + rating
    assert "Missing or not shared: Constitution or governing document." in rating
    item = Evidence.objects.get(group=world.new_group)
    file_url = reverse("readiness:funder_evidence", kwargs={"slug": world.new_group.slug, "pk": item.pk})
    assert as_role("funder_a").get(file_url).status_code == 404


def test_a_funder_never_sees_evidence_the_group_took_out_of_every_area(as_role, world):
    share(world, group=world.new_group)
    add_constitution(as_role("treasurer"), world)
    item = Evidence.objects.get(group=world.new_group)
    as_role("treasurer").post(areas_url(world, item), {})
    area, rating = funder_page(as_role, world)
    assert "Our constitution" not in area
    assert "Missing or not shared: Constitution or governing document." in rating
