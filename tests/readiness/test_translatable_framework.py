"""The readiness framework in Gaelic (issue 15): a person reads the areas, level descriptors and indicators
in their language (English where nobody has translated them), while groups' records stay on the
default-language rows and no area is listed twice because it has two languages."""

import csv
import io

import pytest
from django.conf import settings
from django.db import IntegrityError, connection, transaction
from django.forms import modelform_factory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils.html import escape
from wagtail.models import Locale
from wagtail_localize.models import Translation, TranslationSource

from demo import gaelic_content
from learning.readiness import selectors
from learning.readiness.models import (
    EvidenceDomainLink,
    FunderThreshold,
    Indicator,
    MaturityLevel,
    MemberRating,
    ReadinessDomain,
)

from .conftest import closed_round, share

GAELIC_GOVERNANCE = "Riaghladh"
GAELIC_LEVEL_2 = "Tha a' bhuidheann a' togail a riaghladh."
GAELIC_INDICATOR = "Tha bun-stèidh sgrìobhte aig a' bhuidheann."


def gaelic():
    return Locale.objects.get_or_create(language_code="gd")[0]


def translate(domain, name, *, descriptors=None, indicators=None):
    """A Gaelic translation of `domain`, made as wagtail-localize makes one (a copy in the new language)."""
    translated = domain.copy_for_translation(gaelic())
    translated.name = name
    for level in translated.levels.all():
        level.descriptor = (descriptors or {}).get(level.level, level.descriptor)
    for indicator in translated.indicators.all():
        indicator.text = (indicators or {}).get(indicator.text, indicator.text)
    translated.save()
    return translated


@pytest.fixture
def gaelic_world(world):
    Indicator.objects.create(domain=world.governance, text="The group has a written constitution.")
    world.governance_gd = translate(
        world.governance,
        GAELIC_GOVERNANCE,
        descriptors={2: GAELIC_LEVEL_2},
        indicators={"The group has a written constitution.": GAELIC_INDICATOR},
    )
    return world


def in_gaelic(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "gd"
    return client


def url(name, world, **kwargs):
    return reverse(f"readiness:{name}", kwargs={"slug": world.group.slug, **kwargs})


def test_a_translation_is_a_second_row_in_its_own_language_with_its_levels_and_indicators(gaelic_world):
    english, translated = gaelic_world.governance, gaelic_world.governance_gd
    assert english.locale.language_code == "en-gb"
    assert translated.locale.language_code == "gd"
    assert translated.translation_key == english.translation_key and translated.pk != english.pk
    assert translated.slug == english.slug  # unique within a language, not across languages
    levels = MaturityLevel.objects.filter(domain=translated)
    assert {level.locale.language_code for level in levels} == {"gd"}
    assert set(levels.values_list("translation_key", flat=True)) == set(
        MaturityLevel.objects.filter(domain=english).values_list("translation_key", flat=True)
    )
    assert Indicator.objects.get(domain=translated).text == GAELIC_INDICATOR


def test_a_name_or_short_name_is_unique_within_a_language(gaelic_world):
    with pytest.raises(IntegrityError), transaction.atomic():
        ReadinessDomain.objects.create(name="Governance", slug="governance-again", summary="Twice.")
    with pytest.raises(IntegrityError), transaction.atomic():
        ReadinessDomain.objects.create(name="Governance two", slug="governance", summary="Twice.")
    with pytest.raises(IntegrityError), transaction.atomic():
        translate(gaelic_world.governance, "Riaghladh a-rithist")  # a second Gaelic translation


def test_a_gaelic_person_reads_the_profile_in_gaelic_with_english_where_nothing_is_translated(as_role, gaelic_world):
    page = in_gaelic(as_role("member")).get(url("profile", gaelic_world))
    html = page.content.decode()
    assert page.status_code == 200
    assert GAELIC_GOVERNANCE in html
    assert "Money" in html  # not translated: English, not missing
    rows = page.context["profile"].domains
    assert [row.domain.pk for row in rows] == [domain.pk for domain in gaelic_world.domains]
    governance = rows[0]
    assert governance.domain.name == GAELIC_GOVERNANCE and governance.level == 3


def test_an_english_person_reads_the_profile_in_english(as_role, gaelic_world):
    html = as_role("member").get(url("profile", gaelic_world)).content.decode()
    assert "Governance" in html and GAELIC_GOVERNANCE not in html


def test_a_gaelic_member_rates_in_gaelic_and_the_rating_is_kept_on_the_default_row(as_role, gaelic_world):
    coordinator = in_gaelic(as_role("coordinator"))
    assert coordinator.post(url("open_round", gaelic_world), {"kind": "review"}).status_code == 302
    assessment_round = gaelic_world.group.assessment_rounds.get(closed_at__isnull=True)
    page = coordinator.get(url("rate", gaelic_world, pk=assessment_round.pk))
    html = page.content.decode()
    assert f">{GAELIC_GOVERNANCE}</h2>" in html and escape(GAELIC_LEVEL_2) in html
    assert [section[0].pk for section in page.context["sections"]] == [d.pk for d in gaelic_world.domains]
    data = {f"level_{gaelic_world.governance.pk}": 2, f"comment_{gaelic_world.governance.pk}": "Tha."}
    assert coordinator.post(url("rate", gaelic_world, pk=assessment_round.pk), data).status_code == 302
    rating = MemberRating.objects.get(round=assessment_round)
    assert rating.domain_id == gaelic_world.governance.pk and rating.level == 2

    agree = coordinator.get(url("agree", gaelic_world, pk=assessment_round.pk, domain_slug="governance"))
    html = agree.content.decode()
    assert (
        f"<h1>{GAELIC_GOVERNANCE}</h1>" in html and escape(GAELIC_INDICATOR) in html and escape(GAELIC_LEVEL_2) in html
    )
    response = coordinator.post(
        url("agree", gaelic_world, pk=assessment_round.pk, domain_slug="governance"),
        {"level": 2, "strengths": "Coinneamhan", "next_steps": "", "reasons": ""},
    )
    assert response.status_code == 302
    assert assessment_round.agreed_levels.get().domain_id == gaelic_world.governance.pk

    overview = coordinator.get(url("round", gaelic_world, pk=assessment_round.pk))
    assert [row["domain"].pk for row in overview.context["rows"]] == [d.pk for d in gaelic_world.domains]
    assert GAELIC_GOVERNANCE in overview.content.decode()


def test_comparing_rounds_lists_each_area_once_in_the_persons_language(as_role, gaelic_world):
    closed_round(gaelic_world.group, gaelic_world.coordinator, {gaelic_world.governance: 4}, kind="review")
    page = in_gaelic(as_role("coordinator")).get(url("compare", gaelic_world))
    assert [row["domain"].name for row in page.context["rows"]] == [GAELIC_GOVERNANCE, "Money", "Keeping people safe"]
    assert GAELIC_GOVERNANCE in page.content.decode()


def test_the_evidence_library_and_its_area_form_name_areas_in_gaelic_and_link_default_rows(as_role, gaelic_world):
    member = in_gaelic(as_role("member"))
    library = member.get(reverse("learning:evidence_list", kwargs={"slug": gaelic_world.group.slug}))
    assert GAELIC_GOVERNANCE in library.content.decode()
    form_url = url("evidence_domains", gaelic_world, pk=gaelic_world.evidence.pk)
    page = member.get(form_url)
    choices = list(page.context["form"].fields["domains"].choices)
    assert [label for _value, label in choices] == [GAELIC_GOVERNANCE, "Money", "Keeping people safe"]
    response = member.post(form_url, {"domains": [gaelic_world.governance.pk, gaelic_world.money.pk]})
    assert response.status_code == 302
    linked = set(EvidenceDomainLink.objects.filter(evidence=gaelic_world.evidence).values_list("domain_id", flat=True))
    assert linked == {gaelic_world.governance.pk, gaelic_world.money.pk}
    # A Gaelic row is not a choice: its id is refused rather than linked.
    response = member.post(form_url, {"domains": [gaelic_world.governance_gd.pk]})
    assert response.status_code == 200 and response.context["form"].errors


def test_a_funder_reads_the_portfolio_chart_and_export_in_gaelic_each_area_once(as_role, gaelic_world):
    share(gaelic_world)
    funder = in_gaelic(as_role("funder_a"))
    page = funder.get(reverse("readiness:portfolio"))
    assert [domain.name for domain in page.context["domains"]] == [GAELIC_GOVERNANCE, "Money", "Keeping people safe"]
    assert GAELIC_GOVERNANCE in page.content.decode()
    assert page.context["rows"][0].domain_levels == [3, 1, None]
    export = funder.get(reverse("readiness:portfolio_export"))
    rows = list(csv.reader(io.StringIO(b"".join(export.streaming_content).decode())))
    assert rows[0][-3:] == [GAELIC_GOVERNANCE, "Money", "Keeping people safe"]
    assert rows[1][-3:] == ["3", "1", ""]
    group_page = funder.get(reverse("readiness:funder_group", kwargs={"slug": gaelic_world.group.slug}))
    assert GAELIC_GOVERNANCE in group_page.content.decode()


def test_a_funders_settings_per_area_choose_among_default_language_areas(gaelic_world):
    queryset = modelform_factory(FunderThreshold, fields=["domain"])().fields["domain"].queryset
    assert gaelic_world.governance in queryset and gaelic_world.governance_gd not in queryset


def test_the_framework_in_gaelic_costs_three_queries_more_however_many_areas(gaelic_world):
    def count(language):
        with CaptureQueriesContext(connection) as queries:
            selectors.framework(language)
        return len(queries)

    english, before = count("en-gb"), count("gd")
    translate(gaelic_world.money, "Airgead")
    translate(gaelic_world.safety, "A' cumail dhaoine sàbhailte")
    assert count("en-gb") == english
    assert count("gd") == before == english + 3
    assert [domain.name for domain in selectors.framework("gd")] == [
        GAELIC_GOVERNANCE,
        "Airgead",
        "A' cumail dhaoine sàbhailte",
    ]
    assert selectors.area_count() == 3


def test_an_editor_translates_an_area_in_wagtail_localize_and_people_read_it(admin_client, world):
    source, _created = TranslationSource.get_or_create_from_instance(world.money)
    translation = Translation.objects.create(source=source, target_locale=gaelic(), enabled=True)
    gaelic_content._translate_segments(world.money, {"Money": "Airgead"}, gaelic())
    translation.save_target()
    translated = world.money.get_translation(gaelic())
    assert translated.name == "Airgead" and translated.levels.count() == 4
    assert [domain.name for domain in selectors.domains("gd")] == ["Governance", "Airgead", "Keeping people safe"]
    listing = admin_client.get(reverse("wagtailsnippets_readiness_readinessdomain:list") + "?locale=gd")
    assert listing.status_code == 200 and "Airgead" in listing.content.decode()
    edit = admin_client.get(reverse("wagtailsnippets_readiness_readinessdomain:edit", args=[translated.pk]))
    assert edit.status_code in (200, 302)  # wagtail-localize's editor takes over a synced translation


def test_the_demo_names_every_area_in_gaelic_and_running_it_again_changes_nothing(world):
    for slug, strings in gaelic_content.READINESS_AREAS.items():
        english = next(iter(strings))
        ReadinessDomain.objects.get_or_create(slug=slug, defaults={"name": english, "summary": "About it."})
    gaelic_content.load_readiness_areas()
    count = ReadinessDomain.objects.count()
    gaelic_content.load_readiness_areas()
    assert ReadinessDomain.objects.count() == count
    named = {domain.slug: domain.name for domain in selectors.domains("gd")}
    for slug, strings in gaelic_content.READINESS_AREAS.items():
        assert named[slug] == next(iter(strings.values()))
