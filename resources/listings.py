"""Selectors for the public listings: filtered, paginated guides and case studies, and search.

Each listing runs a fixed number of queries however many pages it shows, and leaves the pages'
StreamField bodies unread (`defer_streamfields()`): a listing shows titles and summaries only.
"""

from django.conf import settings
from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.utils.text import capfirst
from django.utils.translation import get_language, get_supported_language_variant
from taggit.models import Tag
from wagtail.models import Locale, Page, Site

from . import conf
from .forms import CaseStudyFilterForm, GuideFilterForm
from .models import CaseStudyPage, CaseStudyTheme, GuidePage, GuideTheme


def paginate(request, items, *, per_page=None):
    """The requested page of items; a missing or bad page number gives the nearest real page."""
    return Paginator(items, per_page or conf.page_size()).get_page(request.GET.get("page"))


def querystring_without_page(request):
    query = request.GET.copy()
    query.pop("page", None)
    return query.urlencode()


def _themes_in_use(theme_model, pages):
    return Tag.objects.filter(pk__in=theme_model.objects.filter(content_object__in=pages).values("tag_id")).order_by(
        "name"
    )


def _with_themes(queryset, theme_model):
    return queryset.prefetch_related(
        Prefetch("tagged_themes", queryset=theme_model.objects.select_related("tag").order_by("tag__name"))
    )


def _listing(request, *, form, filtered):
    page_obj = paginate(request, filtered)
    return {
        "filter_form": form,
        "filters_applied": bool(form.selected()),
        "page_obj": page_obj,
        "items": page_obj.object_list,
        "querystring": querystring_without_page(request),
    }


def guide_listing(*, index_page, request):
    pages = GuidePage.objects.child_of(index_page).live().public().defer_streamfields()
    form = GuideFilterForm(request.GET or None, themes=_themes_in_use(GuideTheme, pages))
    chosen = form.selected()
    filtered = pages
    if "theme" in chosen:
        filtered = filtered.filter(tagged_themes__tag__slug=chosen["theme"])
    if "audience" in chosen:
        filtered = filtered.filter(audience=chosen["audience"])
    filtered = _with_themes(filtered.order_by("title"), GuideTheme)
    return _listing(request, form=form, filtered=filtered)


def case_study_listing(*, index_page, request):
    pages = CaseStudyPage.objects.child_of(index_page).live().public().defer_streamfields()
    form = CaseStudyFilterForm(request.GET or None, themes=_themes_in_use(CaseStudyTheme, pages))
    chosen = form.selected()
    filtered = pages
    if "theme" in chosen:
        filtered = filtered.filter(tagged_themes__tag__slug=chosen["theme"])
    if "place" in chosen:
        filtered = filtered.filter(place=chosen["place"])
    if "activity" in chosen:
        filtered = filtered.filter(**{chosen["activity"]: True})
    filtered = _with_themes(filtered.order_by("-first_published_at", "title"), CaseStudyTheme)
    return _listing(request, form=form, filtered=filtered)


def in_active_language(pages):
    """Only the pages written in the language being read; every page on a site without translations."""
    if not getattr(settings, "WAGTAIL_I18N_ENABLED", False):
        return pages
    return pages.filter(locale__language_code=get_supported_language_variant(get_language()))


def latest_case_studies(*, limit=3):
    """The most recently published case studies anywhere on the site, in the language being read."""
    pages = in_active_language(CaseStudyPage.objects.live().public())
    return list(pages.defer_streamfields().order_by("-first_published_at")[:limit])


def featured_guides(*, limit=3):
    pages = in_active_language(GuidePage.objects.live().public().filter(featured=True))
    return list(pages.defer_streamfields().order_by("title")[:limit])


def search_pages(*, query, request):
    """A page of live, public pages in the active language matching the query, each as its specific page,
    with its type label."""
    if query:
        pages = Page.objects.live().public().not_exact_type(Page).filter(locale=Locale.get_active())
        results = pages.search(query)
    else:
        results = Page.objects.none()
    page_obj = paginate(request, results)
    found = list(page_obj.object_list)
    specific = Page.objects.filter(pk__in=[page.pk for page in found]).defer_streamfields().specific().in_bulk()
    page_obj.object_list = [specific.get(page.pk, page) for page in found]
    for page in page_obj.object_list:
        page.result_type = capfirst(page._meta.verbose_name)
    return page_obj


def browse_pages(request):
    """The top-level pages of the site's menu, offered when a search finds nothing."""
    site = Site.find_for_request(request)
    if site is None:
        return []
    root = site.root_page.localized
    return list(root.get_children().live().public().in_menu().only("title", "url_path", "path", "depth"))
