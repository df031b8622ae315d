"""Demo content for the site shell: home page, standard pages, site settings, the editor account."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.utils import timezone
from wagtail.models import Page, Site

from home.models import HomePage, SiteSettings, StandardPage


def ensure_user(*, email, display_name, password, groups=(), is_superuser=False):
    """Create or refresh a demo account so its password and groups are as documented."""
    User = get_user_model()
    user, _created = User.objects.get_or_create(email=email, defaults={"display_name": display_name})
    user.display_name = display_name
    user.is_active = True
    user.is_superuser = is_superuser
    user.is_staff = is_superuser
    user.set_password(password)
    user.save()
    for name in groups:
        user.groups.add(Group.objects.get(name=name))
    return user


def _home_page():
    home = HomePage.objects.first()
    if home is not None:
        return home
    root = Page.get_first_root_node()
    home = HomePage(
        title="Co-production Hub",
        slug="home",
        hero_title="Work with public services as equals",
        hero_text=(
            "Practical guides, real stories and step-by-step pathways that help community groups "
            "build their confidence, show they are ready, and take an equal seat at the table."
        ),
        introduction_title="What is co-production?",
        introduction=(
            "<p>Co-production means the people who use a public service and the people who run it "
            "design and deliver it together, as equals. It starts from what a community already has: "
            "its knowledge, its networks and its energy.</p>"
            "<p>The Hub helps community groups, especially in places that are too often left out, "
            "to organise, to govern themselves well and to work with services on equal terms.</p>"
        ),
    )
    # Wagtail's first migration leaves a placeholder welcome page at the site root; replace it.
    for placeholder in root.get_children().exact_type(Page):
        placeholder.delete()
    root.add_child(instance=home)
    home.save_revision().publish()
    Site.objects.update_or_create(
        is_default_site=True,
        defaults={"hostname": "localhost", "port": 80, "root_page": home, "site_name": "Co-production Hub"},
    )
    return home


STANDARD_PAGES = [
    (
        "about",
        "About the Hub",
        "Who the Hub is for and how it works.",
        "<p>The Co-production Hub is a free place for community groups to learn how to co-produce "
        "public services, to track what they have done together, and to show funders when they are ready.</p>"
        "<h2>Who it is for</h2><p>Community groups of every size, the workers who support them, "
        "public services that want to share power, and funders who want to fund well.</p>"
        "<h2>How it works</h2><ul><li>Read guides and stories from other groups.</li>"
        "<li>Work through a pathway together, step by step.</li>"
        "<li>Check how ready your group is and share it with the funders you choose.</li></ul>",
        True,
    ),
    (
        "privacy",
        "Privacy notice",
        "What we keep about you and your group, and your rights.",
        "<p>We keep the least we can. Your group's progress, reflections and evidence belong to your group. "
        "Nothing is shared with a funder unless your group's coordinator chooses to share it, and sharing "
        "can be stopped at any time.</p><h2>What we keep</h2><ul><li>Your email address and the name you "
        "choose to show.</li><li>What you do in your groups, so the group can see who did what.</li></ul>"
        "<h2>Your rights</h2><p>You can see, correct or erase your personal data. If you leave a group and "
        "ask us to erase your data, the group keeps its progress and it is shown as done by a former member.</p>",
        False,
    ),
    (
        "accessibility",
        "Accessibility statement",
        "How accessible the Hub is and how to tell us about a problem.",
        "<p>We want everyone to be able to use the Hub, including on a small phone, with a screen reader, "
        "with the keyboard alone or with the text made larger.</p><h2>How we test</h2><p>Every page is "
        "checked automatically against the Web Content Accessibility Guidelines 2.2 at level AA, and we "
        "test by hand with a keyboard and a screen reader.</p><h2>Tell us about a problem</h2><p>If "
        "something does not work for you, email hub@example.org and we will reply within five working days.</p>",
        False,
    ),
]


def load(*, password, stdout):
    home = _home_page()
    pages = {}
    for slug, title, summary, body, in_menu in STANDARD_PAGES:
        page = StandardPage.objects.child_of(home).filter(slug=slug).first()
        if page is None:
            page = StandardPage(
                title=title,
                slug=slug,
                summary=summary,
                body=body,
                show_in_menus=in_menu,
                last_updated=timezone.localdate(),
            )
            home.add_child(instance=page)
            page.save_revision().publish()
        pages[slug] = page
    site = Site.objects.get(is_default_site=True)
    site_settings = SiteSettings.for_site(site)
    site_settings.privacy_page = pages["privacy"]
    site_settings.accessibility_page = pages["accessibility"]
    site_settings.save()
    if not home.hero_link_id:
        home.hero_link = pages["about"]
        home.hero_link_text = "Find out how the Hub works"
        home.save_revision().publish()
    ensure_user(email="editor@example.org", display_name="Eddie Editor", password=password, groups=["Editors"])
    return [("editor", "editor@example.org", "Wagtail editor: writes guides and case studies")]
