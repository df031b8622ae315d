"""App configuration for meetings: a group's meetings recorded with their minutes, step changes and actions."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MeetingsConfig(AppConfig):
    name = "learning.meetings"
    label = "meetings"
    verbose_name = _("Group meetings")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # The core offers the registrations: open actions join each person's task lists (the group's
        # dashboard and their home), a stage's meeting pack links to recording its outcomes, and a group's
        # data download gains its meetings.
        from learning.dashboard import register_pack_link
        from learning.group_export import register_section
        from learning.next_steps import register_provider

        from .group_export import meetings_section
        from .next_steps import action_items, record_outcomes_link

        register_provider(action_items)
        register_pack_link(record_outcomes_link)
        register_section(meetings_section)
