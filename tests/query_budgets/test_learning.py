"""Query budgets for the learning app's views and pages: the same budget in a small and a large world.

The group dashboard and the signed-in step page have their own two-size tests in
tests/learning/test_query_counts.py.
"""

import pytest
from django.urls import reverse
from django.utils import timezone

from learning.group_export import request_group_export
from learning.models import CommunityGroup, Notice

from .conftest import Budget, Call, budget_id

pytestmark = pytest.mark.django_db


def group_url(name, w, **kwargs):
    return reverse(f"learning:{name}", kwargs={"slug": w.group.slug, **kwargs})


def pack_url(w):
    return reverse("learning:meeting_pack", args=[w.step.get_parent().pk])


def latest_notice(person):
    return Notice.objects.filter(recipient=person).first()


def closed(w):
    """The world, its focal group closed by its coordinator (rolled back with the test) for staff to reopen."""
    CommunityGroup.objects.filter(pk=w.group.pk).update(closed_at=timezone.now(), closed_by=w.coordinator)
    return w


# The listings of the learning app's admin viewsets (Wagtail's generic views, the app's columns).
ADMIN_LISTINGS = ["communitygroup", "membership", "enrolment", "facilitatorassignment"]

# The viewsets whose create and edit views are the project's own (learning/viewsets.py).
ADMIN_FORMS = ["membership", "enrolment", "facilitatorassignment"]

BUDGETS = [
    # The person's home, where signing in lands. Besides the page's own seven (session, user, site,
    # site settings, view restrictions, the header's pages, the header's "is a funder reviewer"): the
    # groups they belong to, with their member counts, and those they facilitate (2, their roles then
    # known to the permission rules without a query), closed groups (1); the core's task lists:
    # enrolments, step statuses and live steps (3), open invitations in the groups they coordinate (1),
    # evidence running out (1); readiness's: funders' requests, unanswered reviews, the open rounds with the
    # person's ratings and the agreed levels, the number of areas (4) and the funder organisations the
    # person reviews for (1). A funder reviewer's own work adds three (reviews to write, replies,
    # requests); a facilitator's lists skip what only members and coordinators get. Their newest unread
    # notices (1; the header's count of them is kept per person, so it costs none here).
    # Each person's home lists open actions from their groups' meetings (learning.meetings): one query.
    # Partners' items: one query for the groups' overdue asks and commitments (more only when they have asks), and
    # one for the person's own work as a partner officer.
    # Since issue 14 the groups' task lists (the core's, readiness's, meetings' and partners') are kept under the
    # groups' records versions, the person's place in each and today's date (learning.group_versions): a warm
    # home asks none of them (24, 18 and 22 before), only the person's own work as a reviewer or officer.
    Budget("learning:group_list", 13, lambda w: Call(w.coordinator, reverse("learning:group_list"))),
    Budget(
        "learning:group_list",
        13,
        lambda w: Call(w.facilitator, reverse("learning:group_list")),
        note="facilitator",
    ),
    Budget("learning:group_list", 13, lambda w: Call(w.member, reverse("learning:group_list")), note="member"),
    Budget("learning:group_list", 16, lambda w: Call(w.reviewer, reverse("learning:group_list")), note="funder"),
    Budget("learning:group_list", 12, lambda w: Call(w.outsider, reverse("learning:group_list")), note="no group"),
    # A person's notices: the page's seven, the notices they may still see and their number (2, each with the
    # places that let them see it as subqueries); the unread count is kept per person (none).
    Budget("learning:notices", 8, lambda w: Call(w.coordinator, reverse("learning:notices"))),
    Budget("learning:notices", 9, lambda w: Call(w.reviewer, reverse("learning:notices")), note="funder"),
    # Opening one: session and user, the notice if still theirs (1), marking it read when it is not yet (1).
    Budget(
        "learning:notice_open",
        3,
        lambda w: Call(
            w.coordinator, reverse("learning:notice_open", args=[latest_notice(w.coordinator).pk]), status=302
        ),
    ),
    Budget(
        "learning:notices_read_all",
        3,
        lambda w: Call(w.coordinator, reverse("learning:notices_read_all"), method="post", status=302),
    ),
    Budget("learning:group_create", 6, lambda w: Call(w.coordinator, reverse("learning:group_create"))),
    Budget(
        "learning:group_create",
        10,
        lambda w: Call(
            w.outsider, reverse("learning:group_create"), "post", {"name": "Elm Row Allotments"}, status=302
        ),
        note="POST",
    ),
    Budget(
        "learning:join_group",
        9,
        lambda w: Call(w.outsider, reverse("learning:join_group", args=[w.invitations[0].token])),
    ),
    Budget(
        "learning:join_group",
        20,
        lambda w: Call(w.outsider, reverse("learning:join_group", args=[w.invitations[0].token]), "post", status=302),
        note="POST",
    ),
    Budget("learning:group_edit", 7, lambda w: Call(w.coordinator, group_url("group_edit", w))),
    Budget("learning:group_milestones", 12, lambda w: Call(w.member, group_url("group_milestones", w))),
    # CommunityGroup.closed_by is left out of Wagtail's reference index, so saving a group runs no
    # index queries (with it, four more here and in the POST above). Since issue 14, five more: a group saved
    # with its place has the portfolio counts of the funders it shares with made again (lock, grants, three writes).
    # One more: the group's grants follow its name (the portfolios sort by their copy of it).
    Budget(
        "learning:group_edit",
        13,
        lambda w: Call(
            w.coordinator,
            group_url("group_edit", w),
            "post",
            {"name": "Elm Row Allotments", "place": "", "description": "We grow food.", "legal_form": "scio"},
            status=302,
        ),
        note="POST",
    ),
    Budget("learning:members", 10, lambda w: Call(w.coordinator, group_url("members", w))),
    Budget(
        "learning:invite",
        7,
        lambda w: Call(w.coordinator, group_url("invite", w), "post", {"role": "member"}, status=302),
    ),
    Budget(
        "learning:change_role",
        9,
        lambda w: Call(
            w.coordinator,
            group_url("change_role", w, pk=w.membership.pk),
            "post",
            {"role": "coordinator"},
            status=302,
        ),
    ),
    Budget(
        "learning:remove_member",
        8,
        lambda w: Call(w.coordinator, group_url("remove_member", w, pk=w.membership.pk)),
    ),
    Budget(
        "learning:remove_member",
        12,
        lambda w: Call(w.coordinator, group_url("remove_member", w, pk=w.membership.pk), "post", status=302),
        note="POST",
    ),
    Budget(
        "learning:cancel_invitation",
        9,
        lambda w: Call(w.coordinator, group_url("cancel_invitation", w, pk=w.invitations[0].pk), "post", status=302),
    ),
    Budget("learning:leave_group", 8, lambda w: Call(w.member, group_url("leave_group", w))),
    Budget(
        "learning:leave_group",
        13,
        lambda w: Call(w.member, group_url("leave_group", w), "post", status=302),
        note="POST",
    ),
    Budget(
        "learning:accept_facilitator",
        8,
        lambda w: Call(w.coordinator, group_url("accept_facilitator", w, pk=w.proposed.pk), "post", status=302),
    ),
    Budget(
        "learning:end_facilitator",
        8,
        lambda w: Call(w.coordinator, group_url("end_facilitator", w, pk=w.assignment.pk), "post", status=302),
    ),
    # The first count of the group's progress on the pathway is one statement (issue 14).
    Budget(
        "learning:enrol",
        20,
        lambda w: Call(w.coordinator, group_url("enrol", w), "post", {"pathway": w.other_pathway.pk}, status=302),
    ),
    # Mark done and undo each include one UPDATE that keeps the funders' portfolio summaries of the group's
    # grants on its last activity (learning.readiness.receivers), and since issue 14 one that moves the group's
    # records version on (once per transaction, learning.group_versions), so its pages are never stale. Since
    # issue 14: the step comes with its pathway and locale and only if no view restriction stands over it (1);
    # the enrolment is locked with the step's progress, the stored summary and the live steps' counts read
    # beside it (1), so the recount needs no statement of its own and the summary is one UPDATE; the progress
    # row is written in one statement, an INSERT the first time (1); the redirect asks for no site or locale.
    Budget(
        "learning:step_status",
        12,
        lambda w: Call(
            w.member, group_url("step_status", w, step_id=w.todo_step.pk), "post", {"action": "done"}, status=302
        ),
        note="mark done",
    ),
    Budget(
        "learning:step_status",
        12,
        lambda w: Call(
            w.member, group_url("step_status", w, step_id=w.step.pk), "post", {"action": "undo"}, status=302
        ),
        note="undo",
    ),
    # The step with its locale, and only when no view restriction stands over it, in one query (issue 14).
    Budget(
        "learning:reflection_add",
        8,
        lambda w: Call(w.member, group_url("reflection_add", w, step_id=w.step.pk)),
    ),
    Budget(
        "learning:reflection_add",
        9,
        lambda w: Call(
            w.member,
            group_url("reflection_add", w, step_id=w.step.pk),
            "post",
            {"text": "<p>We agreed a plan.</p>"},
            status=302,
        ),
        note="POST",
    ),
    Budget(
        "learning:reflection_edit",
        8,
        lambda w: Call(w.member, group_url("reflection_edit", w, pk=w.reflection.pk)),
    ),
    Budget(
        "learning:reflection_delete",
        8,
        lambda w: Call(w.member, group_url("reflection_delete", w, pk=w.reflection.pk)),
    ),
    Budget(
        "learning:reflection_hide",
        9,
        lambda w: Call(
            w.coordinator, group_url("reflection_hide", w, pk=w.reflection.pk), "post", {"hidden": "1"}, status=302
        ),
    ),
    Budget("learning:evidence_list", 10, lambda w: Call(w.coordinator, group_url("evidence_list", w))),
    Budget("learning:evidence_add", 7, lambda w: Call(w.coordinator, group_url("evidence_add", w))),
    Budget(
        "learning:evidence_add",
        10,
        lambda w: Call(
            w.coordinator,
            group_url("evidence_add", w),
            "post",
            {"evidence_type": "insurance", "title": "Insurance 2027", "note": "In the folder."},
            status=302,
        ),
        note="POST",
    ),
    # "Attach to this step" for the group's constitution on another step (issue 17, item 4); one finds the step,
    # with its locale and only when no view restriction stands over it (issues 14 and 15).
    Budget(
        "learning:evidence_attach",
        13,
        lambda w: Call(
            w.coordinator, group_url("evidence_attach", w, step_id=w.todo_step.pk, pk=w.evidence.pk), "post", status=302
        ),
    ),
    Budget(
        "learning:evidence_file",
        4,
        lambda w: Call(w.coordinator, group_url("evidence_file", w, pk=w.evidence.pk)),
    ),
    Budget(
        "learning:evidence_remove",
        8,
        lambda w: Call(w.coordinator, group_url("evidence_remove", w, pk=w.evidence.pk)),
    ),
    # The group's data download (issue 12, item 7). Asking for it builds the zip at once under the test
    # settings' immediate task backend, so the POST counts the whole build: the same in both worlds (34 with
    # the other steps each piece of evidence is kept for; 39 with meetings' five: meetings and who came, the
    # steps worked on, actions, corrections; 46 measured with partners' eight tables: asks, stages,
    # commitments, notes, Four Co's, officers, sharing and the officers' access log; 47 since issue 14: the
    # export's row moves the group's records version).
    Budget("learning:group_export", 8, lambda w: Call(w.coordinator, group_url("group_export", w))),
    Budget(
        "learning:group_export",
        47,  # 48 since notices ask who already has one before adding (a repeat emails nobody again)
        lambda w: Call(w.coordinator, group_url("group_export", w), "post", status=302),
        note="POST",
    ),
    Budget(
        "learning:group_export_download",
        4,
        lambda w: Call(
            w.coordinator,
            group_url("group_export_download", w, pk=request_group_export(group=w.group, by=w.coordinator).pk),
        ),
    ),
    # Closing a group (its coordinator) and reopening it (staff, who reach it from the admin's edit page).
    Budget("learning:close_group", 8, lambda w: Call(w.coordinator, group_url("close_group", w))),
    # Five more since issue 14: the funders the group shares with are locked and their portfolio counts made again.
    Budget(
        "learning:close_group",
        16,
        lambda w: Call(w.coordinator, group_url("close_group", w), "post", status=302),
        note="POST",
    ),
    Budget("learning:reopen_group", 8, lambda w: Call(w.staff, group_url("reopen_group", closed(w)))),
    # Five more since issue 14: the funders the group shares with are locked and their portfolio counts made again.
    Budget(
        "learning:reopen_group",
        14,
        lambda w: Call(w.staff, group_url("reopen_group", closed(w)), "post", status=302),
        note="POST",
    ),
    Budget(
        "learning:certificate",
        5,
        lambda w: Call(None, reverse("learning:certificate", args=[w.certificate.code])),
    ),
    Budget("learning.PathwayIndexPage", 11, lambda w: Call(None, w.pathway.get_parent().url)),
    Budget("learning.PathwayPage", 15, lambda w: Call(None, w.pathway.url), note="visitor"),
    # One more than before issue 15: the pathway in the default language that the group's record belongs to;
    # two fewer since issue 14 (the person's places are read once), and four fewer again since the group's
    # enrolment, progress and statuses are kept under its records version (learning.group_versions).
    Budget(
        "learning.PathwayPage",
        18,
        lambda w: Call(w.coordinator, f"{w.pathway.url}?group={w.group.slug}"),
        note="member",
    ),
    Budget("learning.StagePage", 16, lambda w: Call(None, w.step.get_parent().url)),
    # A step's previous and next steps, pathway, stage, related links and breadcrumbs are kept under the
    # content version (issue 14; 24 before). This world's root is a plain Wagtail page, so its steps are
    # routed Wagtail's way: under the site's home page (home/routing.py) routing costs 8 fewer.
    Budget("learning.StepPage", 15, lambda w: Call(None, w.step.url), note="visitor"),
    # A member: the page's own, their places (1: memberships and assignments in one query since issue 14, then
    # no query for any permission), no reviewer seats (known with the person since issue 14), the step in the default language (1; its locale kept under the content version), enrolment, progress,
    # reflections, evidence kept and evidence to reuse (5, kept under the group's records version since issue 14,
    # so none on a warm cache), the language switcher (1).
    Budget("learning.StepPage", 18, lambda w: Call(w.member, f"{w.step.url}?group={w.group.slug}"), note="member"),
    Budget(
        "learning.StepPage",
        18,
        lambda w: Call(w.coordinator, f"{w.step.url}?group={w.group.slug}"),
        note="coordinator",
    ),
    # The dashboard (also two-size in tests/learning/test_query_counts.py): the group found among the
    # person's places (no query of its own), its next steps read once for the page and its task list; the
    # meetings' open actions (1); the milestones timeline (5: steps with status, titles, certificates, rounds, reviews);
    # partners' overdue stages and commitments (1). Since issue 14 all of it is kept under the group's records
    # version (learning.dashboard): the group's records once for everyone, each person's task list and milestones
    # under their place and today's date; a warm dashboard asks only the page's own queries (30 and 34 before).
    Budget("learning:group_dashboard", 8, lambda w: Call(w.member, group_url("group_dashboard", w)), note="member"),
    Budget(
        "learning:group_dashboard",
        8,
        lambda w: Call(w.coordinator, group_url("group_dashboard", w)),
        note="coordinator",
    ),
    # A stage's meeting pack (issue 15, item 3): besides the page's own queries, the stage, its pathway and its
    # steps with their bodies, however many steps; a member adds their groups (2), which of them are on the
    # pathway (1) and their place in the one printed (2).
    Budget("learning:meeting_pack", 9, lambda w: Call(None, pack_url(w)), note="visitor"),
    Budget("learning:meeting_pack", 13, lambda w: Call(w.coordinator, pack_url(w)), note="member"),
    # The step with its locale, and only when no view restriction stands over it (issue 14), then its site.
    Budget("learning:step_link", 2, lambda w: Call(None, reverse("learning:step_link", args=[w.step.pk]), status=302)),
    # One more than when it was written: the page's translations for the language switcher (issue 15).
    Budget("learning.StepPage easy_read", 16, lambda w: Call(None, w.step.url + "easy-read/")),
    # The learning app's admin: the group progress report and the listings of its viewsets.
    Budget("learning_group_progress", 9, lambda w: Call(w.staff, reverse("learning_group_progress"))),
    Budget(
        "learning_group_progress",
        4,
        lambda w: Call(w.staff, reverse("learning_group_progress") + "?export=csv"),
        note="CSV",
    ),
    Budget(
        "learning_group_progress_results",
        5,
        lambda w: Call(w.staff, reverse("learning_group_progress_results")),
    ),
    *[
        Budget(f"{name}:index", 11, lambda w, name=name: Call(w.staff, reverse(f"{name}:index")))
        for name in ADMIN_LISTINGS
    ],
    # Their create and edit forms (the project's views, saved through the services): the same count in both worlds.
    # The facilitator's caseload (issue 16, item 1), measured with 2 and 7 groups (and with 10 and 200 in
    # tests/learning/test_caseload.py). Besides the page's own: the groups (2); enrolments, progress, live steps,
    # stages and step statuses (5); last activity, steps to verify, evidence and certificates running out (4);
    # readiness's areas, latest rounds and levels (3).
    Budget("learning:caseload", 21, lambda w: Call(w.facilitator, reverse("learning:caseload"))),
    Budget("learning:caseload_export", 17, lambda w: Call(w.facilitator, reverse("learning:caseload_export"))),
    # Verifying one step the queue offers: the caseload's groups, the step, then the progress service.
    Budget(
        "learning:caseload_verify",
        7,
        lambda w: Call(
            w.facilitator,
            reverse("learning:caseload_verify"),
            "post",
            {"step": f"{w.group.pk}-{w.todo_step.pk}"},
            status=302,
        ),
    ),
    *[Budget(f"{name}:add", 8, lambda w, name=name: Call(w.staff, reverse(f"{name}:add"))) for name in ADMIN_FORMS],
    Budget("membership:edit", 11, lambda w: Call(w.staff, reverse("membership:edit", args=[w.membership.pk]))),
    Budget(
        "facilitatorassignment:edit",
        11,
        lambda w: Call(w.staff, reverse("facilitatorassignment:edit", args=[w.assignment.pk])),
    ),
    # The group's own edit page (Wagtail's EditView with a "Close this group" button): a staff member saves it.
    Budget("communitygroup:edit", 9, lambda w: Call(w.staff, reverse("communitygroup:edit", args=[w.group.pk]))),
    # Five more since issue 14: the funders the group shares with are locked and their portfolio counts made again,
    # and one for the grants' copy of the group's name (the portfolios' name order).
    Budget(
        "communitygroup:edit",
        19,
        lambda w: Call(
            w.staff,
            reverse("communitygroup:edit", args=[w.group.pk]),
            "post",
            {
                "name": w.group.name,
                "slug": w.group.slug,
                "place": w.group.place,
                "description": "We grow food.",
                "legal_form": "scio",
            },
            status=302,
        ),
        note="POST",
    ),
    # The policy withholds "change" on enrolments, so even a superuser is sent away from the edit page.
    Budget(
        "enrolment:edit",
        3,
        lambda w: Call(
            w.staff, reverse("enrolment:edit", args=[w.group.enrolments.get(pathway=w.pathway).pk]), status=302
        ),
    ),
]


@pytest.mark.parametrize("budget", BUDGETS, ids=budget_id)
def test_learning_view_keeps_to_its_budget(budget, within_budget):
    within_budget(budget)


def test_the_world_has_the_size_it_claims(world):
    """Flat counts mean something only if the large world really has many more rows to show."""
    from learning.models import Membership, Reflection, StepPage

    from .worlds import SIZES

    size = SIZES[world.size]
    assert Membership.objects.active().filter(group=world.group).count() == size.members + 1
    assert Reflection.objects.filter(group=world.group).count() == size.reflections + 1
    assert StepPage.objects.filter(pathway=world.pathway).count() == size.steps
    assert world.funder.share_grants.live().count() == size.crowd + 1
