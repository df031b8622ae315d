"""Demo content for resources: guide and case study indexes, four guides, eight case studies, a moderator.

Built through the page models as an editor would build them; safe to run again (pages are found
by slug and left alone, accounts refreshed).
"""

import datetime

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.utils import timezone
from wagtail.models import Site

from demo.resources_content import CASE_STUDIES, GUIDES
from resources.models import (
    CaseStudyIndexPage,
    CaseStudyOutcome,
    CaseStudyPage,
    CaseStudyPartner,
    GuideIndexPage,
    GuidePage,
    GuideRelatedCaseStudy,
    GuideRelatedGuide,
)
from resources.services.workflow import assign_case_study_workflow


def _ensure_user(*, email, display_name, password, groups=()):
    User = get_user_model()
    user = User.objects.filter(email__iexact=email).first()
    if user is None:
        user = User.objects.create_user(email=email, password=password, display_name=display_name)
    user.display_name = display_name
    user.is_active = True
    # Demo accounts are created confirmed: a tester signs in and uses them at once.
    user.email_confirmed_at = user.email_confirmed_at or timezone.now()
    user.set_password(password)
    user.save()
    for name in groups:
        user.groups.add(Group.objects.get(name=name))
    return user


def _publish(page, *, author=None, publisher=None):
    """Save a revision as its author and publish it as someone allowed to (a moderator)."""
    page.save_revision(user=author).publish(user=publisher)
    return page


def _index(home, model, *, slug, title, introduction):
    index = model.objects.child_of(home).filter(slug=slug).first()
    if index is None:
        index = model(title=title, slug=slug, introduction=introduction, show_in_menus=True)
        home.add_child(instance=index)
        _publish(index)
    return index


def _guide(index, data, editor, moderator):
    page = GuidePage.objects.child_of(index).filter(slug=data["slug"]).first()
    if page is not None:
        return page
    page = GuidePage(
        title=data["title"],
        slug=data["slug"],
        summary=data["summary"],
        audience=data["audience"],
        body=data["body"],
        last_reviewed=datetime.date(2026, 9, 1),
        featured=data.get("featured", False),
        owner=editor,
    )
    page.themes.add(*data["themes"])
    index.add_child(instance=page)
    return _publish(page, author=editor, publisher=moderator)


def _case_study(index, data, editor, moderator):
    page = CaseStudyPage.objects.child_of(index).filter(slug=data["slug"]).first()
    if page is not None:
        return page
    page = CaseStudyPage(
        title=data["title"],
        slug=data["slug"],
        summary=data["summary"],
        place=data["place"],
        challenge=data["challenge"],
        what_they_did=data["what_they_did"],
        what_changed=data["what_changed"],
        quotes=[("quote", quote) for quote in data.get("quotes", [])],
        lessons=data.get("lessons", ""),
        contact=data.get("contact", ""),
        owner=editor,
        **{name: True for name in data["activities"]},
    )
    page.themes.add(*data["themes"])
    page.partners = [CaseStudyPartner(name=name, kind=kind) for name, kind in data["partners"]]
    page.outcomes = [CaseStudyOutcome(label=label, value=value) for value, label in data.get("outcomes", [])]
    index.add_child(instance=page)
    return _publish(page, author=editor, publisher=moderator)


def _link_related(guides, case_studies, moderator):
    """Each guide points to the guides and stories it names, once."""
    for data in GUIDES:
        guide = guides[data["slug"]]
        if guide.related_guide_links.exists() or guide.related_case_study_links.exists():
            continue
        guide.related_guide_links = [
            GuideRelatedGuide(guide=guides[slug]) for slug in data.get("related_guides", []) if slug in guides
        ]
        guide.related_case_study_links = [
            GuideRelatedCaseStudy(case_study=case_studies[slug])
            for slug in data.get("related_case_studies", [])
            if slug in case_studies
        ]
        _publish(guide, publisher=moderator)


def load(*, password, stdout):
    home = Site.objects.get(is_default_site=True).root_page.specific
    editor = get_user_model().objects.filter(email__iexact="editor@example.org").first()
    moderator = _ensure_user(
        email="moderator@example.org", display_name="Morag Moderator", password=password, groups=["Moderators"]
    )
    guide_index = _index(
        home,
        GuideIndexPage,
        slug="guides",
        title="Guides",
        introduction="<p>Practical, plain-English guides for community groups and the services they work with. "
        "Print any guide as a handout for your next meeting.</p>",
    )
    case_study_index = _index(
        home,
        CaseStudyIndexPage,
        slug="case-studies",
        title="Case studies",
        introduction="<p>Real stories of groups and services working as equals: what they faced, what they did "
        "and what changed.</p>",
    )
    assign_case_study_workflow(index_page=case_study_index)
    guides = {data["slug"]: _guide(guide_index, data, editor, moderator) for data in GUIDES}
    case_studies = {data["slug"]: _case_study(case_study_index, data, editor, moderator) for data in CASE_STUDIES}
    _link_related(guides, case_studies, moderator)
    stdout.write(f"Resources: {len(guides)} guides and {len(case_studies)} case studies.\n")
    return [("moderator", "moderator@example.org", "Wagtail moderator: approves and publishes case studies")]
