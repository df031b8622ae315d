"""What a group makes public, by its coordinator's choice: a summary of its asks and the commitments made."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ...models import CommunityGroup
from ...views.common import sign_in_required
from .. import permissions, selectors
from ..forms import PublishForm
from ..services import asks as ask_services


def published(request, slug):
    """Anyone may read it; a group with nothing published (or closed, or unknown) is a 404."""
    group = CommunityGroup.objects.open().filter(slug=slug).first()
    asks = selectors.published_asks(group) if group is not None else []
    if not asks:
        raise Http404
    for ask in asks:
        ask.latest = selectors.ask_status(ask)
    return render(request, "partners/published.html", {"group": group, "asks": asks})


@sign_in_required
@require_POST
def publish(request, slug, pk):
    group = permissions.partner_group_or_404(request.user, slug)
    ask = permissions.ask_or_404(request.user, group, pk)
    if not permissions.can_publish(request.user, group):
        raise PermissionDenied
    if request.POST.get("action") == "withdraw":
        ask_services.withdraw_ask(ask=ask, by=request.user)
        messages.success(request, _("The summary is no longer public."))
    else:
        form = PublishForm(request.POST)
        comment = form.cleaned_data["comment"] if form.is_valid() else ""
        ask_services.publish_ask(ask=ask, by=request.user, comment=comment)
        messages.success(request, _("The summary is now public."))
    return redirect("partners:ask", slug=group.slug, pk=ask.pk)
