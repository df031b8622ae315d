"""Every field a person without admin rights can fill, filled with each payload of the XSS corpus, and
every page that shows those fields, as each role that sees them: nothing typed in may run.

Fields: group name and description (its place and legal form are choices); display names (member, coordinator, funder reviewer);
reflections; evidence titles and notes (a file's own name is never shown on a page); members' self-assessment comments; agreed strengths,
next steps and reasons; a funder's review feedback, per-area comments and override reasons; the group's
reply; a funder's share request message. (Stories sent through /stories/new/ have their own corpus test in
tests/resources/test_stories.py, with the same payloads.)

The values are stored through the same services the forms call, so the test covers what is rendered,
whatever a form might or might not clean on the way in.
"""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from learning.models import Certificate, CommunityGroup
from learning.readiness.rating import Rag
from learning.readiness.selectors import Scope, readiness_profile, suggestions_for
from learning.readiness.services import assessment, reviews, sharing
from learning.services import evidence as evidence_services
from tests.learning.factories import PDF_BYTES

from .xss import XSS_PAYLOADS, injected

pytestmark = pytest.mark.django_db


def typed(field, payload):
    """What a person typed into `field`: a visible label, then the payload with the field in its marker."""
    return f"[{field}] " + payload.replace("xss-", f"xss-{field}-")


def fit(instance, name, value):
    """Set a field to `value`, cut to the field's length as its form would insist (PostgreSQL refuses more)."""
    limit = instance._meta.get_field(name).max_length
    setattr(instance, name, value[:limit] if limit else value)


def fill_every_field(w, payload):
    """Store the payload in every field a member, coordinator or funder reviewer can fill."""
    fit(w.group, "name", typed("group_name", payload))
    fit(w.group, "description", typed("group_description", payload))
    w.group.save()
    for person, field in [(w.member, "member_name"), (w.coordinator, "coordinator_name"), (w.reviewer_a, "funder")]:
        fit(person, "display_name", typed(field, payload))
        person.save()

    step = w.steps[0]
    evidence_services.add_reflection(group=w.group, step=step, by=w.member, text=typed("reflection", payload))
    fit(w.evidence, "title", typed("evidence_title", payload))
    fit(w.evidence, "note", typed("evidence_note", payload))
    w.evidence.save()
    evidence_services.add_evidence(
        group=w.group,
        by=w.member,
        step=step,
        content_type="application/pdf",
        evidence_type="minutes",
        title="Minutes",
        note=typed("step_evidence_note", payload),
        file=SimpleUploadedFile("minutes.pdf", PDF_BYTES, content_type="application/pdf"),
    )

    current = assessment.open_round(group=w.group, kind="review", by=w.coordinator)
    assessment.record_member_ratings(
        assessment_round=current, member=w.member, ratings={w.governance: (2, typed("member_comment", payload))}
    )
    assessment.record_agreed_level(
        assessment_round=current,
        domain=w.governance,
        by=w.coordinator,
        level=2,
        reasons=typed("agreed_reasons", payload),
        strengths=typed("agreed_strengths", payload),
        next_steps=typed("agreed_next_steps", payload),
    )
    w.latest_round = assessment.close_round(assessment_round=current, by=w.coordinator)

    grant = sharing.grant_access(
        group=w.group,
        funder=w.funder_a,
        by=w.coordinator,
        share_progress=True,
        share_self_assessment=True,
        share_evidence=True,
    )
    suggestions = suggestions_for(readiness_profile(w.group, Scope.of_grant(grant)), w.funder_a)
    ratings = {domain: (item.rating, "", typed("review_comment", payload)) for domain, item in suggestions.items()}
    overridden = next(iter(suggestions))
    other_rating = Rag.GREEN if suggestions[overridden].rating != Rag.GREEN else Rag.RED
    ratings[overridden] = (other_rating, typed("override_reason", payload), typed("review_comment", payload))
    w.review = reviews.post_review(
        grant=grant,
        reviewer=w.reviewer_a,
        decision="conditions",
        feedback=typed("review_feedback", payload),
        ratings=ratings,
        suggestions={domain: item.rating for domain, item in suggestions.items()},
    )
    reviews.reply_to_review(review=w.review, by=w.coordinator, body=typed("group_reply", payload))
    CommunityGroup.objects.filter(pk=w.group.pk).update(findable=True)  # only a findable group can be asked
    sharing.request_access(funder=w.funder_b, group=w.group, by=w.reviewer_b, message=typed("share_request", payload))
    w.certificate = Certificate.objects.create(
        group=w.group,
        pathway=w.pathway,
        group_name=w.group.name,
        pathway_title=w.pathway.title,
        completed_at=timezone.now(),
    )


FIELDS = [
    "group_name",
    "group_description",
    "member_name",
    "coordinator_name",
    "funder",
    "reflection",
    "evidence_title",
    "evidence_note",
    "step_evidence_note",
    "member_comment",
    "agreed_reasons",
    "agreed_strengths",
    "agreed_next_steps",
    "review_comment",
    "override_reason",
    "review_feedback",
    "group_reply",
    "share_request",
]


def pages(w):
    """(role, url) for every page that shows what was typed in."""
    slug = w.group.slug
    group_urls = [
        reverse("learning:group_list"),
        reverse("learning:group_dashboard", args=[slug]),
        reverse("learning:members", args=[slug]),
        reverse("learning:group_edit", args=[slug]),
        reverse("learning:evidence_list", args=[slug]),
        w.steps[0].url,
        w.pathway.url,
        reverse("readiness:profile", kwargs={"slug": slug}),
        reverse("readiness:rounds", kwargs={"slug": slug}),
        reverse("readiness:round", kwargs={"slug": slug, "pk": w.latest_round.pk}),
        reverse("readiness:agree", kwargs={"slug": slug, "pk": w.latest_round.pk, "domain_slug": w.governance.slug}),
        reverse("readiness:compare", kwargs={"slug": slug}),
        reverse("readiness:evidence_domains", kwargs={"slug": slug, "pk": w.evidence.pk}),
        reverse("readiness:group_reviews", kwargs={"slug": slug}),
        reverse("readiness:group_review", kwargs={"slug": slug, "pk": w.review.pk}),
        reverse("readiness:sharing", kwargs={"slug": slug}),
    ]
    return (
        [("coordinator", url) for url in group_urls]
        + [("member", reverse("readiness:group_review", kwargs={"slug": slug, "pk": w.review.pk}))]
        + [("facilitator", reverse("learning:group_dashboard", args=[slug]))]
        + [
            ("funder_a", reverse("readiness:portfolio")),
            ("funder_a", reverse("readiness:funder_group", kwargs={"slug": slug})),
            ("visitor", reverse("learning:certificate", args=[w.certificate.code])),
            ("staff", reverse("communitygroup:index")),
            ("staff", reverse("communitygroup:edit", args=[w.group.pk])),
            ("staff", reverse("membership:index")),
        ]
    )


def around_markers(html, width=160):
    """Where the payload markers stand in a page, so a failure shows what the finder saw."""
    lowered, places, start = html.lower(), [], 0
    while (found := lowered.find("xss-", start)) != -1 and len(places) < 12:
        places.append(html[max(0, found - width) : found + 40])
        start = found + 1
    return places


@pytest.mark.parametrize("payload", XSS_PAYLOADS, ids=[f"payload-{n}" for n in range(1, len(XSS_PAYLOADS) + 1)])
def test_nothing_typed_in_runs_on_any_page(client, as_role, world, payload):
    fill_every_field(world, payload)
    # A funder's look at an evidence file goes into the access log the group reads.
    as_role("funder_a").get(
        reverse("readiness:funder_evidence", kwargs={"slug": world.group.slug, "pk": world.evidence.pk})
    )
    shown = set()
    for role, url in pages(world):
        response = as_role(role).get(url)
        assert response.status_code == 200, (role, url)
        html = response.content.decode()
        assert injected(html) == [], (role, url, around_markers(html))
        shown |= {field for field in FIELDS if f"[{field}]" in html}
    assert shown == set(FIELDS), f"never shown: {set(FIELDS) - shown}"


def test_the_finder_catches_each_kind_of_injection_and_passes_the_hubs_own_markup():
    attacks = (
        "<script>alert('xss-1')</script><img src=x onerror=y><a href=' JavaScript:x'>a</a>"
        "<p style='background:url(x)'></p><svg onload=x></svg><iframe src='xss'></iframe>"
        "<object data='data:text/html;base64,x'></object><style>/*xss*/</style>"
        "<link rel=stylesheet href=//evil.example/xss.css><meta http-equiv=refresh content='0;url=/xss'>"
    )
    assert injected(attacks) == [
        "script with typed-in content",
        "img[onerror]",
        "a[href=javascript:]",
        "p[style]",
        "svg[onload]",
        "iframe",
        "object[data=data:]",
        "style with typed-in content",
        "link[stylesheet]",
        "meta[http-equiv]",
    ]
    own = (
        '<link rel="stylesheet" href="/static/site.css"><script src="/static/app.js"></script>'
        '<svg role="img" aria-labelledby="t"><title id="t">Levels</title><rect width="10" height="4"/></svg>'
        "<p>[reflection] &lt;script&gt;alert('xss-reflection-1')&lt;/script&gt;</p>"
        '<meta property="og:title" content="[title] &#x27; onmouseover=&#x27;alert(`xss-15`)">'
        '<link rel="canonical" href="/case-studies/title-onmouseoveralertxss-15/">'
    )
    assert injected(own) == []


def test_a_json_data_block_may_hold_a_name_but_never_markup_that_closes_it():
    escaped = '<script type="application/json">{"name": "\\u003Cscript\\u003Ealert(\'xss-1\')"}</script>'
    assert injected(escaped) == []
    raw = '<script type="application/json">{"name": "<img src=x onerror=alert(\'xss-2\')>"}</script>'
    assert injected(raw) == ["script with typed-in content"]
    assert injected("<script>var name = 'xss-3';</script>") == ["script with typed-in content"]
