"""Admin wiring for partners: editors keep the directory of public bodies as a snippet; a case study's history says
when a group's summary featured on it changed or was withdrawn."""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import PublicBody
from .services.asks import SUMMARY_CHANGED, SUMMARY_PUBLISHED, SUMMARY_WITHDRAWN


class PublicBodyViewSet(SnippetViewSet):
    model = PublicBody
    icon = "site"
    menu_label = "Public bodies"
    add_to_admin_menu = True
    list_display = ["name", "kind", "identifier"]
    list_filter = ["kind"]
    search_fields = ["name", "identifier"]


register_snippet(PublicBodyViewSet)


@hooks.register("register_log_actions")
def featured_summary_actions(actions):
    actions.register_action(
        SUMMARY_WITHDRAWN,
        _("Featured summary withdrawn"),
        _("The group withdrew a summary featured on this page: visitors no longer see it."),
    )
    actions.register_action(
        SUMMARY_PUBLISHED,
        _("Featured summary published"),
        _("The group published a summary featured on this page again: visitors see it."),
    )
    actions.register_action(
        SUMMARY_CHANGED,
        _("Featured summary updated"),
        _("The group recorded a stage or commitment in a summary featured on this page."),
    )
