"""What other apps add to a case study page: a part shown after the story, and its panel in the page editor.

`resources` never imports the apps built on it. An app (partners: the groups' published summaries an editor
features) calls `register_part` from its AppConfig.ready(): `part(page, request)` returns a dict with the
`template` to include (given the dict as `part`) or None, and must cost the same few queries however much it
shows; `panel`, if given, joins the page's content panels after "Lessons for others", so the choice is part of the
page, its revisions and its moderation.
"""

_PARTS = []


def register_part(part, *, panel=None):
    """Show `part` on every case study page (called once from an AppConfig.ready(); again keeps one)."""
    if part in _PARTS:
        return
    _PARTS.append(part)
    if panel is not None:
        # Import here because the case study model imports this registry to show the parts.
        from .models import CaseStudyPage

        panels = CaseStudyPage.content_panels
        after = next(
            (index for index, item in enumerate(panels) if getattr(item, "field_name", None) == "lessons"), len(panels)
        )
        panels.insert(after + 1, panel)


def parts_for(page, request):
    """The parts to show on this case study page, in the order they were registered."""
    return [found for part in _PARTS if (found := part(page, request)) is not None]
