"""A funder sees, downloads and is rated on only the evidence the group linked to a readiness area, and
both evidence file views answer with the same private-file headers (and 404, never 500, for a lost file)."""

from datetime import timedelta
from types import SimpleNamespace
from urllib.parse import urlsplit

import pytest
from bs4 import BeautifulSoup
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db.models import Max
from django.http import Http404
from django.urls import Resolver404, resolve, reverse
from django.utils import timezone

from learning.files import private_file_response
from learning.models import Evidence
from learning.readiness import permissions
from learning.readiness.models import AccessKind, AccessLog
from learning.readiness.rating import Rag
from learning.readiness.selectors import Scope, readiness_profile, suggestions_for
from learning.readiness.services.evidence import set_evidence_domains
from learning.services import evidence as evidence_services
from tests.images import plain_png
from tests.learning.factories import PDF_BYTES, keep_evidence

from .conftest import share

PRIVATE_FILE_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "Content-Security-Policy": "default-src 'none'; sandbox",
    "Cache-Control": "private, no-store",
}
PNG_BYTES = plain_png()


@pytest.fixture
def shared(world):
    """Group A shares everything with funder A and keeps, beside its linked constitution, evidence of every
    kind a funder must not get: unlinked on a step, linked but removed, a linked note with no file, and
    another group's linked file (that group shares with funder A too)."""
    w = world
    w.grant = share(w)
    w.unlinked = keep_evidence(w.group, w.member, "Minutes on a step", step=w.steps[0], evidence_type="agm_minutes")
    w.removed = keep_evidence(w.group, w.member, "Old insurance", domains=[w.safety], evidence_type="insurance")
    evidence_services.remove_evidence(evidence=w.removed, by=w.coordinator)
    w.note = keep_evidence(w.group, w.member, "Bank mandate", domains=[w.money], with_file=False)
    w.elsewhere = keep_evidence(w.other_group, w.other, "Birch Lane constitution", domains=[w.governance])
    share(w, group=w.other_group)
    return w


def funder_review_url(world):
    return reverse("readiness:funder_group", kwargs={"slug": world.group.slug})


def funder_file_url(world, pk):
    return reverse("readiness:funder_evidence", kwargs={"slug": world.group.slug, "pk": pk})


def group_file_url(world, pk):
    return reverse("learning:evidence_file", kwargs={"slug": world.group.slug, "pk": pk})


def evidence_linked_from(page):
    """The evidence ids the page links to through the funder's evidence view."""
    ids = set()
    for link in BeautifulSoup(page, "html.parser").find_all("a", href=True):
        path = urlsplit(link["href"]).path
        if not path.startswith("/"):
            continue  # "#review" and the like
        try:
            match = resolve(path)
        except Resolver404:
            continue
        if match.view_name == "readiness:funder_evidence":
            ids.add(match.kwargs["pk"])
    return ids


def assert_private_file_headers(response):
    for header, value in PRIVATE_FILE_HEADERS.items():
        assert response[header] == value, header


def suggestion(world, domain):
    return suggestions_for(readiness_profile(world.group, Scope.of_grant(world.grant)), world.funder_a)[domain]


# --- What a funder may download ------------------------------------------------------------------


def test_counting_up_evidence_ids_gets_only_the_files_the_review_page_links(as_role, shared):
    client = as_role("funder_a")
    review_page = client.get(funder_review_url(shared))
    assert review_page.status_code == 200
    linked = evidence_linked_from(review_page.content)
    assert linked == {shared.evidence.pk}
    # Every id in use, and a few beyond the highest (ids not yet given out), as a guesser would count.
    highest = Evidence.objects.aggregate(top=Max("pk"))["top"] + 20
    assert Evidence.objects.count() >= 5, "the world should hold evidence of several kinds to guess at"
    served = set()
    for pk in range(1, highest + 1):
        response = client.get(funder_file_url(shared, pk))
        assert response.status_code in (200, 404), (pk, response.status_code)
        if response.status_code == 200:
            served.add(pk)
    assert served == linked


def test_the_review_page_and_the_export_show_no_unlinked_or_removed_evidence(as_role, shared):
    client = as_role("funder_a")
    page = client.get(funder_review_url(shared)).content.decode()
    assert "Signed constitution" in page
    assert "Bank mandate" in page  # a linked note is listed, with nothing to download
    for title in ("Minutes on a step", "Old insurance", "Birch Lane constitution"):
        assert title not in page
    export = client.get(reverse("readiness:portfolio_export"))
    text = b"".join(export.streaming_content).decode()
    for title in ("Signed constitution", "Bank mandate", "Minutes on a step", "Old insurance"):
        assert title not in text


def test_one_rule_decides_which_evidence_a_funder_may_download(shared):
    reviewer = shared.reviewer_a
    assert permissions.can_view_shared_evidence_file(reviewer, shared.evidence)
    for item in (shared.unlinked, shared.removed, shared.note):
        assert not permissions.can_view_shared_evidence_file(reviewer, item), item.title
    assert not permissions.can_view_shared_evidence_file(shared.reviewer_b, shared.evidence)


def test_a_grant_without_the_evidence_scope_gives_no_linked_file(as_role, world):
    share(world, share_evidence=False)
    assert not permissions.can_view_shared_evidence_file(world.reviewer_a, world.evidence)
    assert as_role("funder_a").get(funder_file_url(world, world.evidence.pk)).status_code == 404


def test_the_group_still_downloads_its_unlinked_evidence(as_role, shared):
    response = as_role("member").get(group_file_url(shared, shared.unlinked.pk))
    assert response.status_code == 200
    assert_private_file_headers(response)
    assert "minutes-on-a-step" in response["Content-Disposition"]
    assert b"".join(response.streaming_content) == PDF_BYTES


def test_the_group_is_told_that_unlinked_evidence_is_not_shared(as_role, shared):
    page = as_role("member").get(reverse("learning:evidence_list", kwargs={"slug": shared.group.slug}))
    text = " ".join(BeautifulSoup(page.content, "html.parser").get_text(" ").split())
    assert "Minutes on a step" in text
    assert "Not linked to an area" in text
    assert "Funders you share your evidence with see the pieces linked to an area, and nothing else." in text
    assert "1 piece is not linked to an area, so funders cannot see it." in text


# --- One way to serve a private file ---------------------------------------------------------------


@pytest.mark.parametrize("view", ["funder", "group"])
def test_both_file_views_send_the_private_file_headers(as_role, world, view):
    share(world)
    if view == "funder":
        response = as_role("funder_a").get(funder_file_url(world, world.evidence.pk))
    else:
        response = as_role("member").get(group_file_url(world, world.evidence.pk))
    assert response.status_code == 200
    assert_private_file_headers(response)
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="signed-constitution.pdf"'
    assert b"".join(response.streaming_content) == world.evidence.file.open("rb").read()


@pytest.mark.parametrize("view", ["funder", "group"])
def test_a_file_missing_from_storage_is_a_404_for_both_views(as_role, world, view):
    share(world)
    world.evidence.file.storage.delete(world.evidence.file.name)
    if view == "funder":
        response = as_role("funder_a").get(funder_file_url(world, world.evidence.pk))
    else:
        response = as_role("member").get(group_file_url(world, world.evidence.pk))
    assert response.status_code == 404
    # A download that could not happen is not written to the group's access log as one.
    assert not AccessLog.objects.filter(group=world.group, kind=AccessKind.EVIDENCE).exists()


@pytest.mark.parametrize(
    ("content_type", "inline"),
    [("image/png", True), ("image/jpeg", True), ("image/svg+xml", False), ("text/html", False)],
)
def test_only_jpeg_and_png_images_are_shown_inline(as_role, world, content_type, inline):
    share(world)
    image = evidence_services.add_evidence(
        group=world.group,
        by=world.member,
        content_type="image/png",
        evidence_type="insurance",
        title="Insurance certificate",
        file=SimpleUploadedFile("certificate.png", PNG_BYTES, content_type="image/png"),
    )
    set_evidence_domains(evidence=image, domains=[world.safety], by=world.member)
    Evidence.objects.filter(pk=image.pk).update(content_type=content_type)
    response = as_role("funder_a").get(funder_file_url(world, image.pk))
    assert response.status_code == 200
    assert response["Content-Type"] == content_type
    assert response["Content-Disposition"].startswith("inline" if inline else "attachment")
    assert_private_file_headers(response)


def test_a_file_that_cannot_be_opened_is_a_404_not_a_500():
    def refuse(mode):
        raise PermissionError("the disk said no")

    lost = SimpleNamespace(name="evidence/1/lost.pdf", storage=SimpleNamespace(exists=lambda name: True), open=refuse)
    with pytest.raises(Http404):
        private_file_response(lost, filename="lost.pdf", content_type="application/pdf")
    gone = SimpleNamespace(name="evidence/1/gone.pdf", storage=SimpleNamespace(exists=lambda name: False))
    with pytest.raises(Http404):
        private_file_response(gone, filename="gone.pdf", content_type="application/pdf")


# --- What a funder is rated on ----------------------------------------------------------------------


def test_required_evidence_held_only_unlinked_counts_as_missing(world):
    world.grant = share(world)
    insurance = keep_evidence(world.group, world.member, "Insurance 2030", evidence_type="insurance")
    result = suggestion(world, world.safety)
    assert result.rating == Rag.RED
    assert result.missing == ("insurance",)
    set_evidence_domains(evidence=insurance, domains=[world.safety], by=world.member)
    assert suggestion(world, world.safety).rating == Rag.GREEN


def test_an_unlinked_current_copy_does_not_hide_that_the_linked_one_expired(world):
    world.grant = share(world)
    Evidence.objects.filter(pk=world.evidence.pk).update(valid_until=timezone.localdate() - timedelta(days=1))
    keep_evidence(world.group, world.member, "New constitution, not linked yet")
    result = suggestion(world, world.governance)
    assert result.rating == Rag.RED
    assert result.expired == ("constitution",)
