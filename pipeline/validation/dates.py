"""Dates as TEI's `@when`, `@from`, `@to`, `@notBefore`, `@notAfter` write them (ISO 8601 /
XML Schema: `1958`, `1958-04`, `1958-04-18`, `1958-04-18T10:30:00Z`, `--04-18`, `10:30:00`).

`problem(value)` says why a value is not a real calendar date or time ("" when it is);
`ordered(start, end)` compares two dates at the precision both have (`1958-04` to `1958-04-18`
is ordered), and is true when either cannot be read, since `problem` reports that.
Years are astronomical (`-0043` is 44 BC) and leap years proleptic Gregorian, as in ISO 8601.
"""

from __future__ import annotations

import re

_DATE = re.compile(r"(?P<year>-?\d{4,})(?:-(?P<month>\d\d)(?:-(?P<day>\d\d))?)?"
                   r"(?:T(?P<time>[^Z+-]+))?(?P<zone>Z|[+-]\d\d:\d\d)?")
_MONTH_DAY = re.compile(r"--(?P<month>\d\d)(?:-(?P<day>\d\d))?(?P<zone>Z|[+-]\d\d:\d\d)?|---(?P<day_only>\d\d)")
_TIME = re.compile(r"(?P<hour>\d\d):(?P<minute>\d\d)(?::(?P<second>\d\d(?:\.\d+)?))?")
_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December")


def _leap(year: int) -> bool:
    return year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)


def _days(year: int | None, month: int) -> int:
    if month == 2:
        return 29 if year is None or _leap(year) else 28
    return 30 if month in (4, 6, 9, 11) else 31


def _day_problem(year: int | None, month: str | None, day: str | None) -> str:
    if month is None:
        return ""
    m = int(month)
    if not 1 <= m <= 12:
        return f"there is no month {month}"
    if day is not None:
        d, last = int(day), _days(year, m)
        if not 1 <= d <= last:
            when = f"{_MONTHS[m - 1]} {year}" if year is not None else _MONTHS[m - 1]
            return f"{when} has {last} days"
    return ""


def _time_problem(time: str) -> str:
    match = _TIME.fullmatch(time)
    if not match:
        return f"'{time}' is not a time (hh:mm:ss)"
    hour, minute = int(match["hour"]), int(match["minute"])
    second = float(match["second"] or 0)
    if hour > 24 or minute > 59 or second >= 60 or (hour == 24 and (minute or second)):
        return f"{time} is not a time of day"
    return ""


def problem(value: str) -> str:
    value = value.strip()
    date = _DATE.fullmatch(value)
    if date:
        year = int(date["year"])
        return _day_problem(year, date["month"], date["day"]) or (
            _time_problem(date["time"]) if date["time"] else "")
    month_day = _MONTH_DAY.fullmatch(value)
    if month_day:
        if month_day["day_only"]:
            return "" if 1 <= int(month_day["day_only"]) <= 31 else f"there is no day {month_day['day_only']}"
        return _day_problem(None, month_day["month"], month_day["day"])
    zone = re.fullmatch(r"(.*?)(Z|[+-]\d\d:\d\d)?", value)
    if _TIME.fullmatch(zone[1]):
        return _time_problem(zone[1])
    return "not an ISO 8601 date: write YYYY, YYYY-MM or YYYY-MM-DD"


def _key(value: str) -> tuple[int, ...] | None:
    date = _DATE.fullmatch(value.strip())
    if not date:
        return None
    return tuple(int(part) for part in (date["year"], date["month"], date["day"]) if part)


def ordered(start: str, end: str) -> bool:
    a, b = _key(start), _key(end)
    if a is None or b is None:
        return True
    common = min(len(a), len(b))
    return a[:common] <= b[:common]
