"""Partners' items on each person's task lists (registered with `learning.next_steps` at start-up).

For a group's people and its facilitator: each participation request stage past its statutory due date, and
each commitment past its day and not yet marked. For a partner officer: the same, for the groups that invited
them and share with their body. Two or three queries however many groups.
"""

from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from learning.next_steps import TODO, WAITING, Item

from . import permissions, selectors
from .models import Commitment

OVERDUE = gettext_lazy("Overdue")
OFFICER_SECTION = gettext_lazy("Your work as a partner officer")


def _day(value):
    return date_format(value, "j F Y")


def _item(ask, thing, *, group, state, section=""):
    url = reverse("partners:ask", kwargs={"slug": ask.group.slug if group is None else group.slug, "pk": ask.pk})
    if isinstance(thing, Commitment):
        return Item(
            title=_("%(body)s's commitment is overdue: %(what)s") % {"body": ask.body.name, "what": thing.what[:80]},
            hint=_("It was due on %(day)s. Add a note, or mark whether it was kept.") % {"day": _day(thing.due_on)},
            url=f"{url}#commitment-{thing.pk}",
            status=OVERDUE,
            group=group,
            section=section,
            state=state,
            order=20,
        )
    return Item(
        title=_("%(stage)s is overdue for “%(ask)s”") % {"stage": thing.label, "ask": ask.title},
        hint=_("%(body)s should have done this by %(day)s.") % {"body": ask.body.name, "day": _day(thing.due_on)},
        url=url,
        status=OVERDUE,
        group=group,
        section=section,
        state=state,
        order=20,
    )


def overdue_items(user, groups):
    """Overdue stages and commitments for the group's people and facilitator: the coordinator's move, others wait."""
    reading = [group for group in groups if permissions.can_view_partners(user, group)]
    if not reading:
        return []
    found = selectors.overdue_for_groups([group.pk for group in reading])
    items = []
    for group in reading:
        state = TODO if permissions.can_record_asks(user, group) else WAITING
        for ask, thing in found.get(group.pk, []):
            items.append(_item(ask, thing, group=group, state=state))
    return items


def officer_items(user, groups):
    """An officer's own work: what is overdue in the groups that share with their body."""
    shared = selectors.officer_groups(user)
    if not shared:
        return []
    found = selectors.overdue_for_groups([group.pk for group, _body, _grant in shared])
    items = []
    for group, body, grant in shared:
        for ask, thing in found.get(group.pk, []):
            if ask.body_id != body.pk or not grant.share_asks:
                continue
            if isinstance(thing, Commitment) and not grant.share_commitments:
                continue
            ask.group = group
            items.append(_item(ask, thing, group=None, state=TODO, section=OFFICER_SECTION))
    return items


PROVIDERS = [overdue_items]
OWN_WORK_PROVIDERS = [officer_items]
