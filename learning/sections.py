"""A home page section the host site can list: the pathways groups can work through."""

from resources.listings import in_active_language

from .models import PathwayIndexPage, PathwayPage


def featured_pathways_section(home_page, request):
    """Up to three pathways in the language being read, with their index page."""
    pathways = list(in_active_language(PathwayPage.objects.live().public()).defer_streamfields().order_by("path")[:3])
    if not pathways:
        return None
    index = in_active_language(PathwayIndexPage.objects.live().public()).first()
    return {"template": "learning/includes/home_pathways.html", "pathways": pathways, "index": index}
