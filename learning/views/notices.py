"""A person's notices: the paged list, opening one (marked read, then on to where it is dealt with), all read."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from .. import notices
from ..services import notices as notice_services
from .common import sign_in_required

PAGE_SIZE = 20


@sign_in_required
def notice_list(request):
    page = Paginator(notices.visible_to(request.user), PAGE_SIZE).get_page(request.GET.get("page"))
    page.object_list = notices.with_text(page.object_list)
    return render(
        request,
        "learning/notices.html",
        {"page_obj": page, "unread": notices.unread_count(request.user)},
    )


@sign_in_required
@require_http_methods(["GET", "POST"])
def notice_open(request, pk):
    """Mark the notice read and go where it is dealt with; anyone else's notice, or one no longer theirs, is 404."""
    notice = notices.visible_to(request.user).filter(pk=pk).first()
    if notice is None:
        raise Http404
    url = notice_services.open_notice(notice=notice, by=request.user)
    if not url_has_allowed_host_and_scheme(url, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        url = reverse("learning:notices")
    return redirect(url)


@sign_in_required
@require_POST
def notices_read_all(request):
    notice_services.mark_all_read(by=request.user)
    messages.success(request, _("All your notices are marked as read."))
    back = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        back = reverse("learning:notices")
    return redirect(back)
