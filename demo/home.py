"""Demo content for the site shell: home page, standard pages, site settings, the editor account."""

from django.conf import settings
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
    # Demo accounts are created confirmed: a tester signs in and uses them at once.
    user.email_confirmed_at = user.email_confirmed_at or timezone.now()
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
        "What we keep about you and your group, for how long, who sees it, and how to take it away or erase it.",
        None,  # privacy_notice_body(): its periods come from the settings
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


def retention_periods():
    """The retention periods the privacy notice quotes, read from the same settings the commands use."""
    return {
        "sign_ins": settings.ACCOUNTS_SIGN_IN_RECORDS_RETENTION_DAYS,
        "access_log": settings.READINESS_ACCESS_LOG_RETENTION_DAYS,
        "closed_groups": settings.LEARNING_CLOSED_GROUP_RETENTION_DAYS,
        "downloads": settings.ACCOUNTS_DATA_EXPORT_DAYS,
    }


def privacy_notice_body():
    days = retention_periods()
    return (
        "<p>We keep the least we can, only for as long as it is useful to you or your group, and we never sell "
        "it or use it for advertising. Your group's progress, reflections and evidence belong to your group.</p>"
        "<h2>What we keep</h2><ul>"
        "<li>Your account: your email address, the name you choose to show, your password (scrambled so "
        "nobody can read it) and whether you have confirmed your email address.</li>"
        "<li>What you do in your groups: the steps you mark, your reflections, the evidence you add, your "
        "self-assessment ratings, so the group can see who did what.</li>"
        "<li>The stories you send us, and their photos (we remove where a photo was taken).</li>"
        "<li>Sign-ins: the email address typed, the internet address and the browser, to stop people "
        "breaking into accounts.</li>"
        "<li>When a funder looks at what your group shared with them.</li></ul>"
        "<h2>Who sees it</h2><ul>"
        "<li>The members and coordinators of your group see the group's pages and the name you show. "
        "Only coordinators manage members and sharing.</li>"
        "<li>A facilitator sees a group's pages only while they support that group.</li>"
        "<li>A funder sees only what your group's coordinator chooses to share with them, and only until the "
        "group stops sharing. Your group sees every time a funder looked.</li>"
        "<li>The Hub's staff can see accounts and groups to keep the Hub working and to help you.</li>"
        "<li>Nobody else. A story is public only after our editors publish it with your consent.</li></ul>"
        "<h2>How long we keep it</h2><ul>"
        "<li>Your account and what you did in your groups: until you erase your account or your group is "
        "deleted.</li>"
        f"<li>Sign-in records: {days['sign_ins']} days.</li>"
        f"<li>The record of funders looking at your group: {days['access_log']} days, so your group can "
        "look back over a whole funding round.</li>"
        f"<li>A closed group: everything it kept, with its files, is deleted {days['closed_groups']} days "
        "after it closes.</li>"
        f"<li>A download of your data: {days['downloads']} days, then it is deleted.</li></ul>"
        "<h2>Take a copy of your data</h2>"
        '<p>Download everything we keep about you from <a href="/accounts/data/">Download your data</a> on '
        "your account page. A coordinator can download everything their group kept from the group's page "
        "(Download all of the group's data), also after the group has closed.</p>"
        "<h2>Erase your data</h2>"
        '<p>You can erase your personal data at any time from <a href="/accounts/erase/">Erase your '
        "personal data</a> on your account page. We delete your email address, your name, your sign-in records, "
        "your stories that are not published and their photos. What you did for your groups stays with "
        "them and is shown as done by &quot;A former member&quot;. If you are the only coordinator of a group, "
        "make someone else a coordinator first.</p>"
        "<h2>Your rights</h2><p>You can see, correct or erase your personal data, and complain to the "
        "Information Commissioner's Office if you think we have not looked after it well.</p>"
    )


def _refresh_privacy_notice(page):
    """The notice quotes the settings' periods: when they change, `load_demo` publishes the new text."""
    body = privacy_notice_body()
    if page.body != body:
        page.body = body
        page.last_updated = timezone.localdate()
        page.save_revision().publish()


def load(*, password, stdout):
    home = _home_page()
    pages = {}
    for slug, title, summary, body, in_menu in STANDARD_PAGES:
        if slug == "privacy":
            body = privacy_notice_body()
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
    _refresh_privacy_notice(pages["privacy"])
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
