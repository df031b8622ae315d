"""A home page section the host site can list: the pathways groups can work through."""

from .models import PathwayIndexPage, PathwayPage


def featured_pathways_section(home_page, request):
    pathways = list(PathwayPage.objects.live().public().defer_streamfields().order_by("path")[:3])
    if not pathways:
        return None
    index = PathwayIndexPage.objects.live().public().first()
    return {"template": "learning/includes/home_pathways.html", "pathways": pathways, "index": index}
