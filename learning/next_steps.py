"""What each person should do next: the task lists on their home page and at the top of a group's dashboard.

The core lists what the learning app knows: each pathway's next step, steps waiting to be confirmed
or verified, a first pathway to choose, invitations not used yet and evidence running out. Other parts
of the plugin add theirs with `register_provider` from their AppConfig.ready() (readiness adds rounds
to rate, reviews to answer, funders' requests and a funder reviewer's own work), so this module never
imports them.

A provider is a callable taking the person and the open groups they work in (loaded once, their roles
already known to `permissions`) and returning `Item`s for all of them at once: one or two queries
however many groups, never one per group. Each item is decided by the permission rules, so a member
never gets a coordinator's item.
"""

from dataclasses import dataclass

from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from . import permissions, selectors
from .group_versions import kept_for_groups
from .models import StepStatus

# Whose move it is: the person's own (first), someone else's, or done. The status words say it too,
# so the look of a status is never the only sign.
TODO = "todo"
WAITING = "waiting"
DONE = "done"
STATE_ORDER = {TODO: 0, WAITING: 1, DONE: 2}

NOT_STARTED = gettext_lazy("Not started")
IN_PROGRESS = gettext_lazy("In progress")
COMPLETED = gettext_lazy("Done")
WAITING_FOR_COORDINATOR = gettext_lazy("Waiting for the coordinator")
WAITING_FOR_FACILITATOR = gettext_lazy("Waiting for the facilitator")


@dataclass(frozen=True)
class Item:
    """One thing to do: its name (a link to where it is done), its status in words, an optional hint.

    `group` is None for the person's own work that belongs to no group of theirs (a funder
    reviewer's), listed under the heading `section`. `order` places items of the same state: lower first.
    """

    title: str
    status: str
    url: str = ""
    hint: str = ""
    group: object = None
    section: str = ""
    state: str = TODO
    order: int = 50


PROVIDERS = []
OWN_WORK_PROVIDERS = []


def register_provider(provider, *, own_work=False):
    """Add a provider of items (called once from an AppConfig.ready(); adding it twice keeps one).

    `own_work` providers give only items that belong to no group (a funder reviewer's); they run for
    the home page, never for one group's dashboard.
    """
    providers = OWN_WORK_PROVIDERS if own_work else PROVIDERS
    if provider not in providers:
        providers.append(provider)


def items_for(user, groups, *, own_work=True):
    """Every item for the person in these groups (and their own work unless `own_work` is False)."""
    items = []
    for provider in [*CORE_PROVIDERS, *PROVIDERS, *(OWN_WORK_PROVIDERS if own_work else [])]:
        items.extend(provider(user, groups))
    return items


def _sorted(items):
    return sorted(items, key=lambda item: (STATE_ORDER.get(item.state, 1), item.order))


def task_lists(user, groups, *, own_work=True):
    """Each group's items in the order the groups are given, and the person's own items by section.

    Returns ([(group, items), ...], [(section, items), ...]); in each list the person's own moves
    first, then those waiting for someone else, then those done.
    """
    by_group = {group.pk: [] for group in groups}
    own = {}
    for item in items_for(user, groups, own_work=own_work):
        if item.group is None:
            own.setdefault(str(item.section), []).append(item)
        elif item.group.pk in by_group:
            by_group[item.group.pk].append(item)
    lists = [(group, _sorted(by_group[group.pk])) for group in groups]
    return lists, [(section, _sorted(items)) for section, items in own.items()]


def home_task_lists(user, groups):
    """`task_lists` for a person's home: their groups' items kept in the cache under the groups' records
    versions, their place in each and today's date (what is due moves on with the day); their own work
    (a funder reviewer's, in no group of theirs) asked afresh."""
    places = []
    for group in groups:
        place = permissions.access(user, group)
        places.append(f"{group.pk}-{place.role}-{int(place.is_facilitator)}")

    def build():
        lists, _own = task_lists(user, groups, own_work=False)
        return {group.pk: items for group, items in lists}

    by_group = kept_for_groups("home-tasks", groups, user.pk, timezone.localdate(), *places, build=build)
    _none, own_items = task_lists(user, [], own_work=True)
    return [(group, by_group[group.pk]) for group in groups], own_items


def group_task_list(user, group):
    """The items for one group, as its dashboard leads with them (the same as on the home page).

    Empty for a closed group: nothing in it can change.
    """
    if group.closed_at is not None:
        return []
    lists, _own = task_lists(user, [group], own_work=False)
    return lists[0][1]


# --- The core's own items --------------------------------------------------------------------------


def _step_url(step, group):
    return f"{step.get_url()}?group={group.slug}"


def pathway_items(user, groups):
    """Next steps, a first pathway to choose, and steps waiting to be confirmed or verified."""
    working = [group for group in groups if permissions.can_view_group(user, group)]
    facts = selectors.steps_facts(working)
    items = []
    for group in working:
        is_member = permissions.access(user, group).is_member
        pathways = facts.pathways.get(group.pk, [])
        if is_member and permissions.can_work_on_steps(user, group):
            for row in pathways:
                if row.next_step is None:
                    continue
                items.append(
                    Item(
                        title=row.next_step.title,
                        hint=_("Next step in %(pathway)s") % {"pathway": row.pathway.title},
                        url=_step_url(row.next_step, group),
                        status=IN_PROGRESS if row.next_status == StepStatus.IN_PROGRESS else NOT_STARTED,
                        group=group,
                        order=50,
                    )
                )
        if not pathways and permissions.can_enrol(user, group):
            items.append(
                Item(
                    title=_("Choose your group's first pathway"),
                    hint=_("A pathway is a set of steps your group works through together."),
                    url=f"{group.get_absolute_url()}#enrol-pathway",
                    status=NOT_STARTED,
                    group=group,
                    order=40,
                )
            )
        elif not pathways and is_member:
            items.append(
                Item(
                    title=_("Start a pathway"),
                    hint=_("Your group's coordinator chooses the first pathway."),
                    status=WAITING_FOR_COORDINATOR,
                    group=group,
                    state=WAITING,
                    order=40,
                )
            )
        for step, status in facts.waiting.get(group.pk, []):
            items.extend(_waiting_step_items(user, group, step, status, is_member))
    return items


def _waiting_step_items(user, group, step, status, is_member):
    url = _step_url(step, group)
    if status == StepStatus.AWAITING_CONFIRMATION:
        if permissions.can_confirm_step(user, group, step):
            title = _("Confirm “%(step)s”") % {"step": step.title}
            return [Item(title=title, url=url, status=NOT_STARTED, group=group, order=20)]
        if is_member:
            return [Item(title=step.title, url=url, status=WAITING_FOR_COORDINATOR, group=group, state=WAITING)]
    if status == StepStatus.AWAITING_VERIFICATION:
        if permissions.can_verify_step(user, group, step):
            title = _("Verify “%(step)s”") % {"step": step.title}
            return [Item(title=title, url=url, status=NOT_STARTED, group=group, order=20)]
        if is_member:
            return [Item(title=step.title, url=url, status=WAITING_FOR_FACILITATOR, group=group, state=WAITING)]
    return []


def invitation_items(user, groups):
    """For coordinators: links made but not used yet, or a first invitation to make."""
    managed = [group for group in groups if permissions.can_manage_members(user, group)]
    invitations, members = selectors.invitation_facts(managed)
    items = []
    for group in managed:
        members_url = reverse("learning:members", kwargs={"slug": group.slug})
        for invitation in invitations.get(group.pk, []):
            who = invitation.label or invitation.email
            title = _("Send the invitation link for %(who)s") % {"who": who} if who else _("Send the invitation link")
            until = date_format(timezone.localtime(invitation.expires_at), "j F Y")
            items.append(
                Item(
                    title=title,
                    hint=_("Not used yet. It works once, until %(date)s.") % {"date": until},
                    url=f"{members_url}#invitation-{invitation.pk}",
                    status=_("Waiting to be used"),
                    group=group,
                    state=WAITING,
                    order=60,
                )
            )
        if members.get(group.pk, 0) <= 1 and not invitations.get(group.pk):
            items.append(
                Item(
                    title=_("Invite the people you work with"),
                    hint=_("Make a link for each person and send it by text message, WhatsApp or email."),
                    url=members_url,
                    status=NOT_STARTED,
                    group=group,
                    order=30,
                )
            )
    return items


def evidence_items(user, groups):
    """For members: evidence out of date or running out soon, to replace with a new copy."""
    keeping = [
        group
        for group in groups
        if permissions.access(user, group).is_member and permissions.can_add_evidence(user, group)
    ]
    found = selectors.evidence_to_renew(keeping)
    items = []
    for group in keeping:
        add_url = reverse("learning:evidence_add", kwargs={"slug": group.slug})
        for evidence in found.get(group.pk, []):
            day = date_format(evidence.valid_until, "j F Y")
            expired = evidence.is_expired
            items.append(
                Item(
                    title=_("Add a new copy of “%(title)s”") % {"title": evidence.title},
                    hint=(_("Out of date since %(date)s.") if expired else _("Valid until %(date)s.")) % {"date": day},
                    url=add_url,
                    status=_("Out of date") if expired else _("Runs out soon"),
                    group=group,
                    order=70,
                )
            )
    return items


CORE_PROVIDERS = [pathway_items, invitation_items, evidence_items]
