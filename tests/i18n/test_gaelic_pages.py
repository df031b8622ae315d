"""Pages asked for in Gaelic show the Gaelic interface and not the English it replaces (issue 15).

Each page is fetched twice, in English and in Gaelic: the English page shows the English words (so the
test looks for words that are really there), the Gaelic page shows their Gaelic and none of the
English. Page content (a guide's body, a case study's story) stays in the language it was written
in; only the interface is checked.
"""

import io

import pytest
from bs4 import BeautifulSoup
from django.conf import settings
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Site
from wagtail.signal_handlers import disable_reference_index_auto_update

from demo.home import load as load_home_pages
from home import locale

from ..once import built_once, fresh_copy
from ..resources.factories import make_case_study, make_case_study_index, make_guide, make_guide_index

pytestmark = pytest.mark.django_db

# Everywhere: the skip link and the header's account links for a visitor.
SHELL_GAELIC = ["Leum gun phrìomh shusbaint", "Clàraich a-steach", "Cruthaich cunntas"]
SHELL_ENGLISH = ["Skip to main content", "Sign in", "Create an account"]


@pytest.fixture(scope="module")
def _built(django_db_setup, django_db_blocker, tmp_path_factory):
    """The Hub's home and standard pages, a guide and a case study, and a member: built once for the
    module (tests/once.py), much quicker than the whole demo."""
    with built_once(django_db_blocker, tmp_path_factory), disable_reference_index_auto_update():
        load_home_pages(password="a-long-test-password", stdout=io.StringIO())
        home = Site.objects.get(is_default_site=True).root_page
        guide = make_guide(
            make_guide_index(home, title="Guides"),
            # 800 words: four minutes at 200 a minute (resources.blocks.reading_minutes).
            body=[("paragraph", "<p>" + "Plenty of helpful words for a group here. " * 100 + "</p>")],
        )
        case_study = make_case_study(
            make_case_study_index(home, title="Case studies"), challenge="<p>The bus stopped coming.</p>"
        )
        member = get_user_model().objects.create_user(
            email="a-member@example.org", password="a-long-test-password", email_confirmed_at=timezone.now()
        )
        yield {"guide": guide, "case_study": case_study, "member": member}


@pytest.fixture
def world(db, _built):
    return fresh_copy(_built)


def in_language(language, path):
    """The address of `path` in a language: pages, search and the story form carry a language prefix
    (/gd/...; English at the root), the group and account pages have one address and follow the
    person's language (home/locale.py)."""
    if language == settings.LANGUAGE_CODE or not locale.is_prefixed_url(path):
        return path
    return f"/{language}{path}"


def page_text(client, language, path, status=200):
    response = client.get(in_language(language, path), HTTP_ACCEPT_LANGUAGE=language, follow=True)
    assert response.status_code == status, path
    soup = BeautifulSoup(response.content, "html.parser")
    assert soup.html.get("lang") == language
    # What a person reads or hears: the text, and the labels of navigation regions.
    labels = " ".join(tag["aria-label"] for tag in soup.find_all(attrs={"aria-label": True}))
    return " ".join(soup.get_text(" ").split()) + " " + labels


def assert_interface(client, path, gaelic, english, status=200):
    english_text = page_text(client, "en-gb", path, status)
    gaelic_text = page_text(client, "gd", path, status)
    for phrase in english:
        assert phrase in english_text, f"{path} in English lacks {phrase!r}"
        assert phrase not in gaelic_text, f"{path} in Gaelic still says {phrase!r}"
    for phrase in gaelic:
        assert phrase in gaelic_text, f"{path} in Gaelic lacks {phrase!r}"
        assert phrase not in english_text, f"{path} in English says {phrase!r}"


# (what the page is, who asks, its address, Gaelic that must show, the English it replaces)
PAGES = [
    ("home page", None, lambda world: "/", SHELL_GAELIC, SHELL_ENGLISH),
    (
        "guide listing",
        None,
        lambda world: world["guide"].get_parent().url,
        SHELL_GAELIC + ["Criathraich", "Cuir na criathragan an sàs", "Cò dha a tha e"],
        SHELL_ENGLISH + ["Apply filters", "Who it is for"],
    ),
    (
        "guide",
        None,
        lambda world: world["guide"].url,
        ["Ùine leughaidh", "Mu 4 mionaidean", "Tha sibh an seo"],
        ["Reading time", "About 4 minutes", "You are here"],
    ),
    (
        "case study",
        None,
        lambda world: world["case_study"].url,
        ["An dùbhlan", "Na rinn iad", "Seòrsa co-riochdachaidh", "Co-dhealbhadh"],
        ["The challenge", "What they did", "Kind of co-production", "Co-design"],
    ),
    (
        "search with no results",
        None,
        lambda world: "/search/?q=zzzqqq",
        ["Cha do lorg sinn dad a tha a' freagairt"],
        ["We could not find anything that matches"],
    ),
    (
        "sign in",
        None,
        lambda world: reverse("accounts:login"),
        ["An do dhìochuimhnich sibh am facal-faire agaibh?", "Seòladh puist-d", "Ùr dhan Ionad?"],
        ["Forgotten your password?", "Email address", "New to the Hub?"],
    ),
    (
        "sign up",
        None,
        lambda world: reverse("accounts:signup"),
        ["brath prìobhaideachd", "Sgrìobh am facal-faire a-rithist"],
        ["privacy notice", "Type the password again"],
    ),
    (
        "account",
        "member",
        lambda world: reverse("accounts:account"),
        ["Atharraich am facal-faire agaibh", "Clàraich a-mach anns gach àite", "Clàraich a-mach"],
        ["Change your password", "Sign out everywhere", "Sign out"],
    ),
    (
        "tell your story",
        "member",
        lambda world: reverse("resources:story_new"),
        ["Innis ur sgeulachd", "Cuir an sgeulachd agaibh", "duilleag nan sgeulachdan agaibh"],
        ["Tell your story", "Send your story", "your stories page"],
    ),
]


@pytest.mark.parametrize("what, who, address, gaelic, english", PAGES, ids=[page[0] for page in PAGES])
def test_page_shows_the_gaelic_interface(client, world, what, who, address, gaelic, english):
    if who:
        client.force_login(world[who])
    assert_interface(client, address(world), gaelic, english)


def test_page_not_found_in_gaelic(client, world):
    assert_interface(
        client, "/no-such-page/", ["Cha deach an duilleag a lorg"], ["Page not found", "We could not find"], status=404
    )
