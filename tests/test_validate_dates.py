"""pipeline.validation.dates: real calendar dates and ordered ranges, as TEI's ISO attributes write them."""

from __future__ import annotations

import pytest

from pipeline.validation import dates


@pytest.mark.parametrize("value", ["1958", "1958-04", "1958-04-18", "1960-02-29", "2000-02-29",
                                   "1958-04-18T10:30:00", "1958-04-18T24:00:00Z", "-0043-03-15",
                                   "--02-29", "--12", "---31", "10:30:00", "12345-01-01"])
def test_real_dates(value):
    assert dates.problem(value) == ""


@pytest.mark.parametrize("value, says", [
    ("1958-02-30", "February 1958 has 28 days"),
    ("1900-02-29", "February 1900 has 28 days"),
    ("1958-04-31", "April 1958 has 30 days"),
    ("1958-13", "there is no month 13"),
    ("1958-00-10", "there is no month 00"),
    ("1958-04-18T25:00:00", "25:00:00 is not a time of day"),
    ("April 1958", "not an ISO 8601 date"),
    ("58-04-18", "not an ISO 8601 date"),
    ("1958/04/18", "not an ISO 8601 date"),
])
def test_dates_that_are_not(value, says):
    assert says in dates.problem(value)


@pytest.mark.parametrize("start, end, ordered", [
    ("1958-05-07", "1958-05-09", True),
    ("1958-05-09", "1958-05-07", False),
    ("1958-05", "1958-05-07", True),   # same month: ordered at the precision both have
    ("1958-06", "1958-05-31", False),
    ("1958", "1957-12", False),
    ("-0044", "0014", True),
    ("nonsense", "1958", True),        # unreadable: date-real reports it, not the order
])
def test_ranges(start, end, ordered):
    assert dates.ordered(start, end) is ordered
