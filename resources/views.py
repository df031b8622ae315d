"""Public views that are not Wagtail pages: site search and "Tell your story"."""

from urllib.parse import urlencode

from django.contrib.auth.decorators import login_required
from django.core.exceptions import ImproperlyConfigured
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods
from django_ratelimit.core import get_usage

from .conf import resend_confirmation_url, story_rate, user_is_verified
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


STORY_RATE_GROUP = "resources.stories"


def _stories_sent(request, *, increment):
    """This person's stories in the current period (django-ratelimit, counted per account), or None when off."""
    return get_usage(
        request, group=STORY_RATE_GROUP, key="user", rate=lambda group, request: story_rate(), increment=increment
    )


def _story_limit_reached(request):
    usage = _stories_sent(request, increment=False)
    if usage and (usage["count"] >= usage["limit"] or usage["should_limit"]):
        return usage
    return None


@login_required
@require_http_methods(["GET", "POST"])
def story_new(request):
    if story_index() is None:
        raise Http404
    if not user_is_verified(request.user):
        # An editor reads and may publish every story, so it must come from an address we can reach.
        return render(
            request, "resources/story_confirm_email.html", {"resend_url": resend_confirmation_url()}, status=403
        )
    form = StoryForm(request.POST or None, request.FILES or None)
    usage = _story_limit_reached(request) if request.method == "POST" else None
    if usage:
        # The form again with what they typed (a photo has to be chosen again), and when to try.
        form.is_valid()
        minutes = max(1, -(-usage["time_left"] // 60))
        form.add_error(
            None,
            ngettext(
                "You have sent several stories in a short time, so we have paused sending for a while. "
                "Please wait about %(minutes)s minute, then send this story again.",
                "You have sent several stories in a short time, so we have paused sending for a while. "
                "Please wait about %(minutes)s minutes, then send this story again.",
                minutes,
            )
            % {"minutes": minutes},
        )
        response = render(request, "resources/story_form.html", {"form": form}, status=429)
        response["Retry-After"] = str(max(usage["time_left"], 1))
        return response
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
        _stories_sent(request, increment=True)
        return redirect("resources:story_thanks")
    return render(request, "resources/story_form.html", {"form": form})


@login_required
def story_thanks(request):
    return render(request, "resources/story_thanks.html")


@login_required
def story_list(request):
    return render(request, "resources/story_list.html", {"stories": stories_sent_by(request.user)})
