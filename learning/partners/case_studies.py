"""Groups' published summaries an editor features beside a case study: a part partners adds to the case study page
through `resources.case_study_parts`, registered in PartnersConfig.ready(), so resources never imports partners.

Editors choose them in the case study's editor ("Published summaries from groups"), so the choice passes the page's
moderation; a summary shows only while its group keeps it published.
"""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import InlinePanel

from . import selectors


def featured_part(page, request):
    asks = selectors.featured_summaries(page)
    if not asks:
        return None
    return {
        "template": "partners/includes/featured_summaries.html",
        "asks": asks,
        "stylesheet": "partners/partners.css",
    }


def featured_panel():
    return InlinePanel(
        "featured_summaries",
        label=_("published summary"),
        heading=_("Published summaries from groups"),
        help_text=_(
            "Show what a group asked of a public body and whether promises were kept, beside this story. Only "
            "summaries a group has published are offered, and a summary the group withdraws disappears at once."
        ),
    )
