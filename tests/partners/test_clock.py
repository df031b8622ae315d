"""The participation request clocks: 30 Scottish working days to decide, 90 days to start the process."""

from datetime import date

import pytest

from learning.partners.clock import (
    add_working_days,
    decision_due,
    is_overdue,
    is_working_day,
    process_start_due,
)


def test_weekends_are_not_working_days():
    assert not is_working_day(date(2026, 12, 5))  # Saturday
    assert not is_working_day(date(2026, 12, 6))  # Sunday
    assert is_working_day(date(2026, 12, 7))


def test_scottish_christmas_and_new_year_holidays_including_2_january_are_skipped():
    # 2025: Christmas Thu 25, Boxing Day Fri 26, New Year Thu 1 and Fri 2 January 2026.
    for holiday in (date(2025, 12, 25), date(2025, 12, 26), date(2026, 1, 1), date(2026, 1, 2)):
        assert not is_working_day(holiday), holiday
    # Validated on Wednesday 24 December 2025: the next working day is Monday 29 December.
    assert add_working_days(date(2025, 12, 24), 1) == date(2025, 12, 29)
    # 29, 30, 31 December, then Monday 5 January: 2 January is a holiday in Scotland (not in England).
    assert add_working_days(date(2025, 12, 24), 4) == date(2026, 1, 5)


def test_decision_due_30_working_days_after_a_request_validated_just_before_christmas():
    # Counting from Tue 23 Dec 2025: 24, 29, 30, 31 Dec (4), then 5 Jan onwards: 26 more working days.
    # 5-9 Jan (9), 12-16 (14), 19-23 (19), 26-30 (24), 2-6 Feb (29), Mon 9 Feb (30).
    assert decision_due(date(2025, 12, 23)) == date(2026, 2, 9)


def test_decision_due_when_validated_just_before_new_year():
    # Wed 31 Dec 2025: 1 and 2 Jan are holidays, so day 1 is Mon 5 Jan and day 30 is Fri 13 Feb.
    assert decision_due(date(2025, 12, 31)) == date(2026, 2, 13)


def test_substitute_days_when_christmas_and_new_year_fall_at_a_weekend():
    # 2027: Christmas and Boxing Day fall on Saturday and Sunday, so Mon 27 and Tue 28 December are off;
    # New Year's Day is a Friday and 2 January a Saturday, so Monday 4 January 2027 is off too.
    assert not is_working_day(date(2026, 12, 28))  # Boxing Day 2026 (a Saturday) observed on Monday
    assert not is_working_day(date(2027, 1, 4))
    assert not is_working_day(date(2027, 12, 27))
    assert not is_working_day(date(2027, 12, 28))
    # Validated Thu 24 Dec 2026: Christmas Fri 25, observed Boxing Day Mon 28; 29, 30, 31 Dec; then 5 Jan 2027.
    assert add_working_days(date(2026, 12, 24), 3) == date(2026, 12, 31)
    assert add_working_days(date(2026, 12, 24), 4) == date(2027, 1, 5)


def test_st_andrews_day_on_a_weekday_is_skipped():
    assert date(2026, 11, 30).weekday() == 0  # a Monday
    assert not is_working_day(date(2026, 11, 30))
    # Validated Friday 27 November 2026: Monday 30 November does not count.
    assert add_working_days(date(2026, 11, 27), 1) == date(2026, 12, 1)


def test_st_andrews_day_at_a_weekend_moves_to_the_monday():
    # 30 November 2025 is a Sunday: the holiday is Monday 1 December. In 2030 it is a Saturday: Monday 2 December.
    assert not is_working_day(date(2025, 12, 1))
    assert not is_working_day(date(2030, 12, 2))
    assert add_working_days(date(2025, 11, 28), 1) == date(2025, 12, 2)
    assert add_working_days(date(2030, 11, 29), 1) == date(2030, 12, 3)


def test_an_ordinary_month_is_six_weeks():
    # No holidays from Monday 2 February 2026: 30 working days is six weeks to the day.
    assert decision_due(date(2026, 2, 2)) == date(2026, 3, 16)


def test_an_agreed_longer_period_counts_working_days_too():
    assert decision_due(date(2026, 2, 2), working_days=45) == date(2026, 4, 7)
    # Good Friday 3 April 2026 falls inside: 45 working days would otherwise end on Monday 6 April.


def test_a_period_shorter_than_the_act_allows_is_refused():
    with pytest.raises(ValueError):
        decision_due(date(2026, 2, 2), working_days=20)


def test_the_process_must_start_within_90_days_of_the_decision_notice():
    assert process_start_due(date(2026, 3, 16)) == date(2026, 6, 14)
    # Calendar days, holidays or not: from 23 December the 90 days run over Christmas.
    assert process_start_due(date(2025, 12, 23)) == date(2026, 3, 23)


def test_overdue_only_once_the_due_day_has_passed_and_nothing_is_recorded():
    due = date(2026, 3, 16)
    assert not is_overdue(due, None, date(2026, 3, 16))
    assert is_overdue(due, None, date(2026, 3, 17))
    assert not is_overdue(due, date(2026, 3, 17), date(2026, 3, 18))
    assert not is_overdue(None, None, date(2026, 3, 18))
