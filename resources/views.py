"""Public views that are not Wagtail pages: site search and "Tell your story"."""

from urllib.parse import urlencode

from django.contrib.auth.decorators import login_required
from django.core.exceptions import ImproperlyConfigured
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from .forms import SearchForm, StoryForm
from .listings import browse_pages, search_pages
from .services.stories import stories_sent_by, story_index, submit_story


def search(request):
    form = SearchForm(request.GET or None)
    query = form.cleaned_data["q"].strip() if form.is_valid() else ""
    page_obj = search_pages(query=query, request=request)
    return render(
        request,
        "resources/search.html",
        {
            "form": form,
            "query": query,
            "page_obj": page_obj,
            "results": page_obj.object_list,
            "querystring": _q(query),
            "browse_pages": browse_pages(request),
        },
    )


def _q(query):
    """The search's query string for the pagination links."""
    return urlencode({"q": query}) if query else ""


@login_required
@require_http_methods(["GET", "POST"])
def story_new(request):
    if story_index() is None:
        raise Http404
    form = StoryForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            submit_story(
                user=request.user,
                title=data["title"],
                group_name=data["group_name"],
                place=data["place"],
                activities=data["activities"],
                what_happened=data["what_happened"],
                what_changed=data["what_changed"],
                who_was_involved=data["who_was_involved"],
                photo=data["photo"],
                photo_alt=data["photo_alt"],
            )
        except ImproperlyConfigured:
            raise Http404 from None
        return redirect("resources:story_thanks")
    return render(request, "resources/story_form.html", {"form": form})


@login_required
def story_thanks(request):
    return render(request, "resources/story_thanks.html")


@login_required
def story_list(request):
    return render(request, "resources/story_list.html", {"stories": stories_sent_by(request.user)})
