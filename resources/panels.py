"""Panels for the Wagtail editor that guides and steps share: how easy the page's words are to read."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import Panel

from .readability import TARGET_READING_EASE, page_readability


class ReadabilityPanel(Panel):
    """Reading ease and reading age of the fields the page names in `readability_fields`, as last saved,
    against the target (`resources.readability.TARGET_READING_EASE`). Advice only: it never blocks saving."""

    def __init__(self, **kwargs):
        kwargs.setdefault("heading", _("How easy is this to read?"))
        super().__init__(**kwargs)

    @property
    def clean_name(self):
        return super().clean_name or "readability"

    class BoundPanel(Panel.BoundPanel):
        template_name = "resources/panels/readability.html"

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            context["readability"] = page_readability(self.instance) if self.instance.pk else None
            context["target"] = TARGET_READING_EASE
            return context
