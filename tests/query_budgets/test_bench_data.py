"""generate_bench_data: the volume the benchmark and the two-size query budgets stand on."""

import io

import pytest
from django.core.management import CommandError, call_command

from learning.models import CommunityGroup, Enrolment, Membership, PathwayProgress, StepProgress
from learning.readiness.models import AssessmentRound, ReadinessReview, ShareGrant


@pytest.fixture
def demo(shared_demo):
    """The demo built once for this module; each test's changes roll back (tests/conftest.py)."""
    return shared_demo


def generate(**options):
    out = io.StringIO()
    call_command("generate_bench_data", "--force", stdout=out, **options)
    return out.getvalue()


@pytest.mark.django_db
def test_bench_data_refuses_to_run_with_debug_off_unless_forced(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="refuses to run with DEBUG off"):
        call_command("generate_bench_data", groups=1, stdout=io.StringIO())
    assert not CommunityGroup.objects.exists()


@pytest.mark.django_db
def test_bench_data_grows_to_the_size_asked_and_no_further(demo):
    generate(groups=6, steps=6, members=3, funders=2, shared=4, via_services=2)
    bench_groups = CommunityGroup.objects.filter(slug__startswith="bench-group-")
    assert bench_groups.count() == 6
    assert Membership.objects.filter(group__in=bench_groups).count() == 18
    assert ShareGrant.objects.live().filter(funder__slug="bench-funder-1").count() == 4

    output = generate(groups=9, steps=6, members=3, funders=2, shared=4, via_services=2)
    assert "3 bench groups added" in output
    assert bench_groups.count() == 9
    assert "nothing to add" in generate(groups=9, steps=6, members=3, funders=2, shared=4)


@pytest.mark.django_db
def test_bench_groups_have_progress_readiness_and_reviews(demo):
    generate(groups=12, steps=8, members=3, funders=2, shared=12, via_services=3, seed=7)
    bench = {"group__slug__startswith": "bench-group-"}
    assert Enrolment.objects.filter(**bench).count() >= 12
    assert StepProgress.objects.filter(**bench).exists()
    assert AssessmentRound.objects.filter(**bench, closed_at__isnull=False).exists()
    assert ReadinessReview.objects.filter(**bench).exists()


@pytest.mark.django_db
def test_stored_progress_equals_a_recount_for_services_and_bulk_groups_alike(demo):
    from learning.services.progress import recompute

    generate(groups=10, steps=8, members=2, funders=1, shared=5, via_services=4, seed=3)
    summaries = list(PathwayProgress.objects.filter(group__slug__startswith="bench-group-").order_by("pk"))
    assert summaries
    before = [(s.done, s.total, s.percent) for s in summaries]
    after = [
        (fresh.done, fresh.total, fresh.percent)
        for fresh in (recompute(group=s.group, pathway=s.pathway) for s in summaries)
    ]
    assert before == after
    assert len({s.percent for s in summaries}) > 1  # groups are at varied points
