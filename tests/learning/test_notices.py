"""Notices (issue 17, item 2): each kind reaches exactly the people it concerns, and only while they still hold
the place it was made for; opening one marks it read; "mark all as read"; the count in the header; erasure;
the choice of email per kind.

Each kind's test makes the event happen through the service that owns it, then ends the places of a
second coordinator, a second facilitator and a second reviewer of funder A who were there when it happened
(they got a notice, and must no longer see it), and asks who sees a notice of that kind.
"""

from datetime import timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

from learning import notices
from learning.models import (
    AssignmentStatus,
    CompletionRule,
    FacilitatorAssignment,
    Invitation,
    Membership,
    Notice,
    NoticeEmailChoice,
    Role,
)
from learning.notice_emails import email_notices
from learning.partners import notices as partners_notices
from learning.readiness import notices as readiness_notices
from learning.readiness.services import assessment, reviews, sharing
from learning.services import groups as group_services
from learning.services import notices as notice_services
from learning.services import progress
from tests.learning.factories import keep_evidence, make_person
from tests.once import built_once, fresh_copy
from tests.readiness.conftest import build_world, post_review, share

pytestmark = pytest.mark.django_db


def named(name):
    person = make_person()
    person.display_name = name
    person.save(update_fields=["display_name"])
    return person


def _build():
    w = build_world()
    w.other_coordinator = w.other_group.coordinator
    w.leaver = named("Lou Leaver")
    Membership.objects.create(user=w.leaver, group=w.group, role=Role.COORDINATOR)
    w.former_facilitator = make_person()
    FacilitatorAssignment.objects.create(
        group=w.group, facilitator=w.former_facilitator, status=AssignmentStatus.ACTIVE
    )
    w.former_reviewer = make_person()
    w.funder_a.reviewers.add(w.former_reviewer)
    w.funder_a.save()
    w.people |= {
        "other_coordinator": w.other_coordinator,
        "leaver": w.leaver,
        "former_facilitator": w.former_facilitator,
        "former_reviewer": w.former_reviewer,
    }
    Notice.objects.all().delete()  # building opened a round and shared: each test starts with none
    return w


@pytest.fixture(scope="module")
def _built(django_db_setup, django_db_blocker, tmp_path_factory):
    with built_once(django_db_blocker, tmp_path_factory):
        yield _build()


@pytest.fixture
def world(db, _built):
    return fresh_copy(_built)


def part_ways(w):
    """The second coordinator leaves, the second facilitator's assignment ends, the second reviewer stops reviewing."""
    Membership.objects.filter(user=w.leaver, group=w.group).update(left=timezone.now())
    FacilitatorAssignment.objects.filter(facilitator=w.former_facilitator).update(status=AssignmentStatus.ENDED)
    w.funder_a.reviewers.through.objects.filter(user=w.former_reviewer).delete()


def who_sees(w, kind):
    part_ways(w)
    return {
        role
        for role, person in w.people.items()
        if person is not None and notices.visible_to(person).filter(kind=kind).exists()
    }


def received(w, kind):
    """Who has a notice of this kind stored, seen or not."""
    by_pk = {person.pk: role for role, person in w.people.items() if person is not None}
    return {by_pk.get(pk, pk) for pk in Notice.objects.filter(kind=kind).values_list("recipient_id", flat=True)}


# --- Each kind reaches exactly the people it should ------------------------------------------------------


def test_an_open_round_reaches_the_groups_members_but_not_the_coordinator_who_opened_it(world):
    assessment.open_round(group=world.group, kind="review", by=world.coordinator)
    assert "leaver" in received(world, readiness_notices.ROUND_OPENED)
    assert who_sees(world, readiness_notices.ROUND_OPENED) == {"member"}


def test_a_funders_review_reaches_the_groups_coordinators(world):
    post_review(share(world), "conditions", reviewer=world.reviewer_a)
    assert "leaver" in received(world, readiness_notices.REVIEW_POSTED)
    assert who_sees(world, readiness_notices.REVIEW_POSTED) == {"coordinator"}


def test_a_groups_reply_reaches_that_funders_reviewers_only(world):
    review = post_review(share(world), "conditions", reviewer=world.reviewer_a)
    reviews.reply_to_review(review=review, by=world.coordinator, body="Thank you.")
    assert "former_reviewer" in received(world, readiness_notices.REVIEW_REPLY)
    assert who_sees(world, readiness_notices.REVIEW_REPLY) == {"funder_a"}


def test_a_request_to_share_reaches_the_groups_coordinators(world):
    world.group.findable = True  # funders may ask only groups that chose to be found
    world.group.save(update_fields=["findable"])
    sharing.request_access(funder=world.funder_b, group=world.group, by=world.reviewer_b, message="Please.")
    assert who_sees(world, readiness_notices.SHARE_REQUESTED) == {"coordinator"}


def test_a_grant_made_and_stopped_reaches_that_funders_reviewers_only(world):
    grant = share(world)
    sharing.revoke_access(grant=grant, by=world.coordinator)
    for kind in (readiness_notices.SHARE_GRANTED, readiness_notices.SHARE_REVOKED):
        assert "former_reviewer" in received(world, kind)
        assert who_sees(world, kind) == {"funder_a"}, kind


def member_marks_done(w, step, rule):
    """A member presses "done" on a step whose rule makes it wait for someone else."""
    step.completion_rule = rule
    step.save()
    progress.mark_done(group=w.group, step=step, by=w.member)


@pytest.mark.parametrize(
    ("rule", "kind", "former", "sees"),
    [
        (CompletionRule.COORDINATOR, notices.STEP_TO_CONFIRM, "leaver", "coordinator"),
        (CompletionRule.FACILITATOR, notices.STEP_TO_VERIFY, "former_facilitator", "facilitator"),
    ],
    ids=["to confirm: the coordinators", "to verify: the facilitators"],
)
def test_a_step_waiting_for_someone_reaches_exactly_them(world, rule, kind, former, sees):
    member_marks_done(world, world.steps[1], rule)
    assert former in received(world, kind)
    assert who_sees(world, kind) == {sees}


def test_someone_joining_with_an_invitation_reaches_the_coordinators_and_names_them(world):
    invitation = Invitation.objects.create(group=world.group, role=Role.MEMBER, created_by=world.coordinator)
    newcomer = named("Nia Newcomer")
    group_services.accept_invitation(token=invitation.token, user=newcomer)
    assert who_sees(world, notices.MEMBER_JOINED) == {"coordinator"}
    notice = notices.visible_to(world.coordinator).get(kind=notices.MEMBER_JOINED)
    assert notices.describe(notice) == "Nia Newcomer joined Oak Street Neighbours with an invitation link."


def test_evidence_running_out_reaches_the_coordinators_once(world):
    soon = timezone.localdate() + timedelta(days=10)
    keep_evidence(world.group, world.member, "Insurance certificate", evidence_type="insurance", valid_until=soon)
    keep_evidence(world.other_group, world.other, "Their insurance", evidence_type="insurance", valid_until=soon)
    call_command("notify_evidence_running_out", stdout=open("/dev/null", "w"))  # noqa: SIM115
    call_command("notify_evidence_running_out", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert Notice.objects.filter(kind=notices.EVIDENCE_RUNNING_OUT, recipient=world.coordinator).count() == 1
    assert who_sees(world, notices.EVIDENCE_RUNNING_OUT) == {"coordinator", "other_coordinator"}
    notice = notices.visible_to(world.coordinator).get(kind=notices.EVIDENCE_RUNNING_OUT)
    assert "Insurance certificate" in notices.describe(notice) and "Their" not in notices.describe(notice)


def test_the_same_event_twice_makes_one_notice_each(world):
    for _ in range(2):
        notice_services.notify(
            kind=notices.MEMBER_JOINED,
            recipients=[world.coordinator.pk],
            event="membership:999",
            url="/groups/",
            group=world.group,
            params={"person": "Ann", "group": world.group.name},
        )
    assert Notice.objects.filter(event="membership:999").count() == 1


def test_the_same_event_twice_sends_its_email_once(world, django_capture_on_commit_callbacks):
    """A repeat of an event (a daily job run twice, a double submit) asks for no second email."""
    mail.outbox.clear()
    for _ in range(2):
        with django_capture_on_commit_callbacks(execute=True):
            made = notice_services.notify(
                kind=notices.CERTIFICATE_LAPSING,  # emailed unless the person chose otherwise
                recipients=[world.coordinator.pk],
                event="certificate:999:2027-01-31",
                url="/groups/",
                group=world.group,
                params={"group": world.group.name, "pathway": "Getting started", "date": "31 January 2027"},
            )
    assert made == 0
    assert [message.to for message in mail.outbox] == [[world.coordinator.email]]
    assert "Getting started" in mail.outbox[0].subject + mail.outbox[0].body


def test_two_email_tasks_for_one_event_send_one_email(world):
    """Two people reporting the same event at the same moment: both notify() calls see nobody told yet and
    each queues an email task for the same people; the first task to claim the notice sends the only email."""
    notice_services.notify(  # on_commit callbacks are not run here: no task has sent anything yet
        kind=notices.CERTIFICATE_LAPSING,
        recipients=[world.coordinator.pk],
        event="certificate:998:2027-01-31",
        url="/groups/",
        group=world.group,
        params={"group": world.group.name, "pathway": "Getting started", "date": "31 January 2027"},
    )
    mail.outbox.clear()
    task = {"kind": notices.CERTIFICATE_LAPSING, "event": "certificate:998:2027-01-31"}
    sent = [email_notices.call(**task, recipient_ids=[world.coordinator.pk]) for _ in range(2)]
    assert sent == [1, 0]
    assert [message.to for message in mail.outbox] == [[world.coordinator.email]]


def test_a_closed_group_keeps_its_notices_out_of_the_list(world):
    assessment.open_round(group=world.group, kind="review", by=world.coordinator)
    world.group.closed_at = timezone.now()
    world.group.save()
    assert not notices.visible_to(world.member).exists()


# --- Pages: the list, opening one, all read, the header count ----------------------------------------------


def _round_notice(world):
    assessment.open_round(group=world.group, kind="review", by=world.coordinator)
    return notices.visible_to(world.member).get(kind=readiness_notices.ROUND_OPENED)


def test_the_header_counts_new_notices_in_words_for_screen_readers(world, as_role):
    _round_notice(world)
    page = as_role("member").get(reverse("learning:group_list")).content.decode()
    assert 'aria-hidden="true">1</span><span class="visually-hidden">(1 new)</span>' in page
    other = as_role("other").get(reverse("learning:group_list")).content.decode()
    assert "(1 new)" not in other and ">Notices</a>" in other


def test_the_home_and_the_notices_page_list_it_and_opening_it_marks_it_read_and_goes_there(world, as_role):
    notice = _round_notice(world)
    client = as_role("member")
    home = client.get(reverse("learning:group_list")).content.decode()
    assert "New for you" in home and "Oak Street Neighbours has opened a self-assessment round" in home
    listing = client.get(reverse("learning:notices")).content.decode()
    assert "You have 1 new notice." in listing and "Mark all as read" in listing
    response = client.get(reverse("learning:notice_open", args=[notice.pk]))
    assert response.status_code == 302
    assert response["Location"] == reverse("readiness:round", args=[world.group.slug, notice.event.split(":")[1]])
    notice.refresh_from_db()
    assert notice.read_at is not None
    read_at = notice.read_at
    assert client.post(reverse("learning:notice_open", args=[notice.pk])).status_code == 302  # again: harmless
    notice.refresh_from_db()
    assert notice.read_at == read_at
    listing = client.get(reverse("learning:notices")).content.decode()
    assert "new notice" not in listing and "Mark all as read" not in listing
    assert "(1 new)" not in listing


def test_mark_all_as_read_without_javascript_and_back_to_the_home(world, as_role):
    _round_notice(world)
    member_marks_done(world, world.steps[1], CompletionRule.COORDINATOR)
    client = as_role("coordinator")
    assert "(1 new)" in client.get(reverse("learning:notices")).content.decode()
    assert client.get(reverse("learning:notices_read_all")).status_code == 405  # a GET never changes anything
    response = client.post(reverse("learning:notices_read_all"), {"next": reverse("learning:group_list")}, follow=True)
    assert response.redirect_chain[-1][0] == reverse("learning:group_list")
    page = response.content.decode()
    assert "All your notices are marked as read." in page and "New for you" not in page and "new)" not in page
    assert Notice.objects.filter(recipient=world.member, read_at__isnull=True).exists()  # only your own
    response = client.post(reverse("learning:notices_read_all"), {"next": "https://elsewhere.example/"})
    assert response["Location"] == reverse("learning:notices")


def test_another_persons_notice_or_one_no_longer_yours_is_not_found(world, as_role):
    notice = _round_notice(world)
    for role in ("coordinator", "other", "facilitator", "staff"):
        assert as_role(role).get(reverse("learning:notice_open", args=[notice.pk])).status_code == 404, role
    Membership.objects.filter(user=world.member, group=world.group).update(left=timezone.now())
    assert as_role("member").get(reverse("learning:notice_open", args=[notice.pk])).status_code == 404
    notice.refresh_from_db()
    assert notice.read_at is None


def test_the_notices_page_is_paged(world, as_role):
    for number in range(notice_services_page_size() + 3):
        notice_services.notify(
            kind=notices.MEMBER_JOINED,
            recipients=[world.coordinator.pk],
            event=f"membership:{1000 + number}",
            url="/groups/",
            group=world.group,
            params={"person": f"Person {number}", "group": world.group.name},
        )
    client = as_role("coordinator")
    first = client.get(reverse("learning:notices")).content.decode()
    assert "Page 1 of 2" in first
    second = client.get(reverse("learning:notices") + "?page=2").content.decode()
    assert "Page 2 of 2" in second and second.count('class="notice ') == 3


def notice_services_page_size():
    from learning.views.notices import PAGE_SIZE  # import here because the view module is only this number

    return PAGE_SIZE


def test_the_count_is_kept_until_a_notice_is_made_or_read(
    world, django_assert_num_queries, django_capture_on_commit_callbacks
):
    notices.unread_count(world.member)
    with django_assert_num_queries(0):
        assert notices.unread_count(world.member) == 0
    with django_capture_on_commit_callbacks(execute=True):
        assessment.open_round(group=world.group, kind="review", by=world.coordinator)
    assert notices.unread_count(world.member) == 1
    notice_services.mark_all_read(by=world.member)
    assert notices.unread_count(world.member) == 0


def test_leaving_the_group_drops_the_kept_count(world):
    _round_notice(world)
    assert notices.unread_count(world.member) == 1
    group_services.end_membership(
        membership=Membership.objects.get(user=world.member, group=world.group), by=world.member
    )
    assert notices.unread_count(world.member) == 0


# --- Erasure -----------------------------------------------------------------------------------------------


def test_erasing_a_person_removes_their_notices_and_those_naming_them(world):
    from accounts.services import erase_personal_data  # import here because only this test erases someone

    _round_notice(world)
    invitation = Invitation.objects.create(group=world.group, role=Role.MEMBER, created_by=world.coordinator)
    newcomer = named("Nia Newcomer")
    group_services.accept_invitation(token=invitation.token, user=newcomer)
    NoticeEmailChoice.objects.create(user=world.member, kind=readiness_notices.ROUND_OPENED, email=True)
    erase_personal_data(user=world.member)
    erase_personal_data(user=newcomer)
    assert not Notice.objects.filter(recipient=world.member).exists()
    assert not NoticeEmailChoice.objects.filter(user=world.member).exists()
    assert not Notice.objects.filter(kind=notices.MEMBER_JOINED).exists()


# --- Email per kind ----------------------------------------------------------------------------------------


def test_email_choices_on_the_account_page_start_as_today(world, as_role):
    page = as_role("coordinator").get(reverse("accounts:account")).content.decode()
    assert "Send me an email when" in page
    for kind in notices.KINDS.values():
        assert escape(str(kind.label)) in page
    chosen = dict(notices.email_choices(world.coordinator))
    assert {kind.name for kind, on in chosen.items() if on} == {
        readiness_notices.REVIEW_POSTED,
        readiness_notices.SHARE_REQUESTED,
        readiness_notices.REVIEW_REPLY,
        readiness_notices.SHARE_GRANTED,
        notices.CERTIFICATE_LAPSING,
        partners_notices.STAGE_OVERDUE,
        partners_notices.COMMITMENT_OVERDUE,
    }


def test_turning_one_kind_off_stops_that_email_and_not_the_others(world, as_role, django_capture_on_commit_callbacks):
    client = as_role("coordinator")
    data = {
        f"emails-{kind}": "on" for kind, on in ((k.name, v) for k, v in notices.email_choices(world.coordinator)) if on
    }
    del data[f"emails-{readiness_notices.REVIEW_POSTED}"]
    response = client.post(reverse("accounts:account"), {**data, "save_emails": "1"}, follow=True)
    assert "Your email choices are saved." in response.content.decode()
    assert notices.wants_email(readiness_notices.REVIEW_POSTED, [world.coordinator.pk]) == set()
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        post_review(share(world), "conditions", reviewer=world.reviewer_a)
    with django_capture_on_commit_callbacks(execute=True):
        world.group.findable = True  # funders may ask only groups that chose to be found
        world.group.save(update_fields=["findable"])
        sharing.request_access(funder=world.funder_b, group=world.group, by=world.reviewer_b, message="Please.")
    to_coordinator = [message.subject for message in mail.outbox if world.coordinator.email in message.to]
    assert len(to_coordinator) == 1 and "Fund B" in to_coordinator[0]
    # The second coordinator kept both on.
    assert len([message for message in mail.outbox if world.leaver.email in message.to]) == 2
    assert Notice.objects.filter(recipient=world.coordinator, kind=readiness_notices.REVIEW_POSTED).exists()


def test_turning_a_new_kind_on_sends_the_plain_email_with_a_link_that_opens_the_notice(
    world, django_capture_on_commit_callbacks
):
    notice_services.set_email_choices(user=world.member, choices={readiness_notices.ROUND_OPENED: True})
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assessment.open_round(group=world.group, kind="review", by=world.coordinator)
    assert [message.to for message in mail.outbox] == [[world.member.email]]
    notice = Notice.objects.get(recipient=world.member, kind=readiness_notices.ROUND_OPENED)
    assert reverse("learning:notice_open", args=[notice.pk]) in mail.outbox[0].body
    assert "Oak Street Neighbours has opened a self-assessment round" in mail.outbox[0].subject


def test_the_account_details_form_still_saves_beside_the_email_choices(world, as_role):
    response = as_role("member").post(reverse("accounts:account"), {"display_name": "Morag"}, follow=True)
    assert "Your details are saved." in response.content.decode()
    world.member.refresh_from_db()
    assert world.member.display_name == "Morag"


def test_a_reviewer_taken_off_a_funder_counts_again_at_once(world):
    grant = share(world)
    assert grant and notices.unread_count(world.reviewer_a) == 1
    world.funder_a.reviewers.remove(world.reviewer_a)
    world.funder_a.save()  # the admin's way: a cluster saved with its reviewers
    assert notices.unread_count(world.reviewer_a) == 0
    world.funder_b.reviewers.add(world.reviewer_a)
    world.funder_b.save()
    assert notices.visible_to(world.reviewer_a).count() == 0  # funder A's notice never shows under funder B
