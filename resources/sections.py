"""Home page sections the host site can list: the latest case studies and the featured guides."""

from .listings import featured_guides, latest_case_studies


def _index_url(page, request):
    """The address of a page's parent index, read from the page's own address (no query)."""
    url = page.get_url(request=request)
    return url.rstrip("/").rsplit("/", 1)[0] + "/" if url else None


def latest_case_studies_section(home_page, request):
    pages = latest_case_studies(limit=3)
    if not pages:
        return None
    return {
        "template": "resources/includes/home_case_studies.html",
        "pages": pages,
        "index_url": _index_url(pages[0], request),
    }


def featured_guides_section(home_page, request):
    pages = featured_guides(limit=3)
    if not pages:
        return None
    return {
        "template": "resources/includes/home_guides.html",
        "pages": pages,
        "index_url": _index_url(pages[0], request),
    }
