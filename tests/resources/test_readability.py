"""Plain English for editors (issue 15, item 4): the reading-ease measure, the editor's panel on guides and
steps, and the demo's guides and steps meeting the target (Flesch reading ease of 60 or more)."""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from learning.models import StepPage
from resources.models import GuidePage
from resources.readability import TARGET_READING_EASE, measure, page_readability, sentences_of, syllables


@pytest.fixture
def demo(shared_demo):
    """The demo built once for this module; each test's changes roll back (tests/conftest.py)."""
    return shared_demo


def test_the_target_is_plain_english():
    assert TARGET_READING_EASE == 60


@pytest.mark.parametrize(
    ("word", "count"),
    [("a", 1), ("made", 1), ("people", 2), ("agree", 2), ("meeting", 2), ("policy", 3), ("community", 4)],
)
def test_syllables_are_counted_by_vowel_groups(word, count):
    assert syllables(word) == count


def test_list_items_and_headings_count_as_sentences():
    assert sentences_of("<h2>Who can decide</h2><ul><li>The chair</li><li>Everyone?</li></ul>") == [
        "Who can decide.",
        "The chair.",
        "Everyone?",
    ]
    assert sentences_of("") == []
    assert measure([]) is None


def test_short_everyday_words_score_easy_and_long_words_hard():
    easy = measure(["We meet on Tuesdays.", "Everyone is welcome to come along and have a say."])
    hard = measure(
        [
            "Organisational accountability necessitates comprehensive institutional governance arrangements "
            "incorporating demonstrable representativeness and transparency."
        ]
    )
    assert easy.meets_target and easy.reading_ease > 80 and str(easy.band) in ("easy", "very easy")
    assert not hard.meets_target and hard.reading_ease < 0 and str(hard.band) == "very hard"
    assert hard.reading_age > easy.reading_age


def test_every_demo_guide_and_step_meets_the_target(demo):
    pages = list(GuidePage.objects.live()) + list(StepPage.objects.live())
    assert len(pages) > 20
    below = {}
    for page in pages:
        result = page_readability(page)
        assert result is not None, f"{page.title} has no words to measure"
        if not result.meets_target:
            below[page.title] = result.reading_ease
    assert below == {}, f"below a reading ease of {TARGET_READING_EASE}: {below}"


@pytest.mark.parametrize("model", [GuidePage, StepPage])
def test_the_editor_sees_the_reading_ease_of_the_page(client, demo, model):
    client.force_login(get_user_model().objects.get(email="editor@example.org"))
    page = model.objects.live().first()
    response = client.get(reverse("wagtailadmin_pages:edit", args=[page.pk]))
    html = response.content.decode()
    assert response.status_code == 200
    assert "How easy is this to read?" in html
    assert f"Reading ease: {page_readability(page).reading_ease} out of 100" in html
    assert "target of 60 or more" in html


def test_a_page_below_the_target_gets_advice(client, demo):
    step = StepPage.objects.live().first()
    step.summary = "Constitutional documentation necessitates comprehensive organisational deliberation."
    step.body = [{"type": "paragraph", "value": "<p>Institutional accountability is fundamental.</p>"}]
    step.discussion_questions = ""
    step.save()
    client.force_login(get_user_model().objects.get(email="editor@example.org"))
    html = client.get(reverse("wagtailadmin_pages:edit", args=[step.pk])).content.decode()
    assert "below the Hub&#x27;s target of 60" in html or "below the Hub's target of 60" in html
    assert "Try shorter sentences" in html
