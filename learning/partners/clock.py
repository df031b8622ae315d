"""The statutory clocks of a participation request (Community Empowerment (Scotland) Act 2015, Part 3).

Pure functions of dates, so they can be tested on their own: the public body's decision is due 30 working
days after it validated the request (or a longer period agreed with the group), and the outcome improvement
process must start within 90 days of the decision notice. A working day is a weekday that is not a Scottish
public holiday, as the `holidays` library keeps them (including the substitute day when a holiday falls at
a weekend, and 2 January).
"""

from datetime import date, timedelta
from functools import lru_cache

import holidays

DECISION_WORKING_DAYS = 30
PROCESS_START_DAYS = 90


@lru_cache(maxsize=32)
def _scottish_holidays(year):
    return frozenset(holidays.UK(subdiv="SCT", years=year))


def is_working_day(day: date) -> bool:
    """A weekday that is not a Scottish public holiday."""
    return day.weekday() < 5 and day not in _scottish_holidays(day.year)


def add_working_days(start: date, working_days: int) -> date:
    """The date `working_days` working days after `start` (the day after `start` is the first counted)."""
    if working_days < 0:
        raise ValueError("working_days must not be negative")
    day = start
    counted = 0
    while counted < working_days:
        day += timedelta(days=1)
        if is_working_day(day):
            counted += 1
    return day


def decision_due(validated_on: date, working_days: int | None = None) -> date:
    """The last day for the public body's decision: 30 working days after validation, or the agreed period."""
    period = DECISION_WORKING_DAYS if working_days is None else working_days
    if period < DECISION_WORKING_DAYS:
        raise ValueError("a decision period is never shorter than 30 working days")
    return add_working_days(validated_on, period)


def process_start_due(decision_notice_on: date) -> date:
    """The last day to start the outcome improvement process: 90 days after the decision notice."""
    return decision_notice_on + timedelta(days=PROCESS_START_DAYS)


def is_overdue(due_on: date | None, done_on: date | None, today: date) -> bool:
    """A stage is overdue when it has a due date, is not done, and that day has passed."""
    return due_on is not None and done_on is None and today > due_on
