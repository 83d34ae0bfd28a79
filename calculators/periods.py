"""Calendar helpers for earning and usage periods."""
from __future__ import annotations

import calendar
from datetime import date, timedelta

MONTHS_PER_YEAR = len(calendar.month_name) - 1


def add_months(day: date, months: int) -> date:
    """The same day ``months`` later, clamped to the month's last day.

    >>> add_months(date(2021, 8, 31), 6)
    datetime.date(2022, 2, 28)
    """
    index = day.year * MONTHS_PER_YEAR + day.month - 1 + months
    year, month0 = divmod(index, MONTHS_PER_YEAR)
    last = calendar.monthrange(year, month0 + 1)[1]
    return date(year, month0 + 1, min(day.day, last))


def period_after(end: date, months: int) -> tuple[date, date]:
    """First and last day of the ``months``-long period that starts the day after ``end``.

    >>> period_after(date(2021, 12, 31), 6)
    (datetime.date(2022, 1, 1), datetime.date(2022, 6, 30))
    """
    start = end + timedelta(days=1)
    return start, add_months(start, months) - timedelta(days=1)
