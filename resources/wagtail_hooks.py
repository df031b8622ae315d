"""Admin wiring for resources: after an editor saves a page, tell them what the Easy Read check found."""

from django.contrib import messages
from django.utils.translation import ngettext
from wagtail import hooks

from .easy_read.rules import easy_read_warnings
from .models.easy_read import EasyReadMixin


@hooks.register("after_create_page")
@hooks.register("after_edit_page")
def warn_about_easy_read(request, page):
    if not isinstance(page, EasyReadMixin):
        return
    count = len(easy_read_warnings(page.easy_read))
    if count:
        messages.warning(
            request,
            ngettext(
                "The Easy Read check found %(count)s thing to look at. It is listed in the Easy Read version panel.",
                "The Easy Read check found %(count)s things to look at. "
                "They are listed in the Easy Read version panel.",
                count,
            )
            % {"count": count},
        )
