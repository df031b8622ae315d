"""Demo Easy Read versions of one guide and the three steps of "Coming together"; safe to run again.

Runs after the resources and learning loaders, which make the pages; a page that already has an
Easy Read version is left alone.
"""

from demo.easy_read_content import GUIDE, GUIDE_SLUG, PATHWAY_SLUG, STEPS
from learning.models import StepPage
from resources.models import GuidePage


def stream(items):
    """StreamField data from a list of headings (strings) and rows (pictogram, alt text, words)."""
    data = []
    for item in items:
        if isinstance(item, str):
            data.append(("heading", item))
        else:
            pictogram, alt_text, words = item
            data.append(
                ("row", {"pictogram": pictogram, "image": None, "alt_text": alt_text, "text": f"<p>{words}</p>"})
            )
    return data


def _give_easy_read(page, items):
    if page is None or page.has_easy_read:
        return 0
    page.easy_read = stream(items)
    page.save_revision().publish()
    return 1


def load(*, password, stdout):
    made = _give_easy_read(GuidePage.objects.filter(slug=GUIDE_SLUG).first(), GUIDE)
    for slug, items in STEPS.items():
        made += _give_easy_read(StepPage.objects.filter(pathway__slug=PATHWAY_SLUG, slug=slug).first(), items)
    stdout.write(f"Easy Read: {made} new Easy Read versions.\n")
    return []
