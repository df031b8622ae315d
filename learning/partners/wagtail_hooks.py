"""Admin wiring for partners: editors keep the directory of public bodies as a snippet."""

from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import PublicBody


class PublicBodyViewSet(SnippetViewSet):
    model = PublicBody
    icon = "site"
    menu_label = "Public bodies"
    add_to_admin_menu = True
    list_display = ["name", "kind", "identifier"]
    list_filter = ["kind"]
    search_fields = ["name", "identifier"]


register_snippet(PublicBodyViewSet)
