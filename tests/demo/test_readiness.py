"""The demo: nine domains, two funders, the halfway group shares with one and has a review."""

from learning.readiness.models import (
    AssessmentRound,
    FunderOrganisation,
    ReadinessDomain,
    ReadinessReview,
    ShareGrant,
)


def test_demo_builds_the_framework_funders_sharing_and_a_review(demo):
    domains = list(ReadinessDomain.objects.canonical())
    assert [domain.name for domain in domains] == [
        "Purpose and plan",
        "Governance",
        "Money",
        "Keeping people safe",
        "Equality and access",
        "Community engagement and co-production",
        "People, volunteers and data",
        "Partnership working",
        "Learning and impact",
    ]
    assert all(domain.levels.count() == 4 for domain in domains)
    # Each area has a Gaelic translation (a second row in Gaelic, with its own four levels).
    gaelic = ReadinessDomain.objects.filter(locale__language_code="gd")
    assert gaelic.count() == 9 and gaelic.get(slug="governance").name == "Riaghladh"
    assert all(domain.levels.count() == 4 for domain in gaelic)
    cff = FunderOrganisation.objects.get(name="Community Futures Fund")
    assert cff.thresholds.count() == 9 and cff.requirements.exists()
    assert list(cff.reviewers.values_list("email", flat=True)) == ["funder@example.org"]
    other = FunderOrganisation.objects.get(reviewers__email="funder2@example.org")
    assert not ShareGrant.objects.filter(funder=other).exists()
    grant = ShareGrant.objects.live().get(funder=cff)
    assert grant.group.slug == "riverside-tenants-together"
    assert ReadinessReview.objects.filter(group=grant.group, funder=cff).count() == 1
    assert AssessmentRound.objects.closed().filter(group=grant.group).count() == 1


def test_demo_is_safe_to_run_twice(demo, settings):
    from io import StringIO

    from django.core.management import call_command

    settings.DEBUG = True
    call_command("load_demo", stdout=StringIO())
    assert ReadinessDomain.objects.canonical().count() == 9
    assert ReadinessDomain.objects.count() == 18  # and their Gaelic translations, once
    assert ShareGrant.objects.count() == 1
    assert ReadinessReview.objects.count() == 1
    assert AssessmentRound.objects.count() == 1
