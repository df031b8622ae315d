"""The editor's Easy Read panel: the rules, and a warning for each sentence or row that breaks them."""

from wagtail.admin.panels import Panel

from .rules import MAX_ROWS, MAX_WORDS, easy_read_warnings


class EasyReadCheckPanel(Panel):
    """Shown above the Easy Read field: how to write it, and what in the saved version is too long.

    It warns and never blocks: an editor may keep a longer sentence when splitting it would lose
    the meaning. The check reads the version being edited (the latest draft once saved).
    """

    def __init__(self, field_name="easy_read", **kwargs):
        super().__init__(**kwargs)
        self.field_name = field_name

    def clone_kwargs(self):
        kwargs = super().clone_kwargs()
        kwargs["field_name"] = self.field_name
        return kwargs

    class BoundPanel(Panel.BoundPanel):
        template_name = "resources/panels/easy_read_check.html"

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            context.update(
                warnings=easy_read_warnings(getattr(self.instance, self.panel.field_name, None)),
                max_words=MAX_WORDS,
                max_rows=MAX_ROWS,
            )
            return context
