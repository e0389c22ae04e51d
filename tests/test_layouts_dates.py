"""Dates to ISO 8601: the fast paths and the dateparser fallback, with offsets kept when the source gives one."""

from __future__ import annotations

import pytest

from presswatch.layouts.dates import JST, parse_date


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2015-10-15", "2015-10-15"),
        ("2021-06-03T12:37:33+00:00", "2021-06-03T12:37:33+00:00"),
        ("2021-06-03T12:37:33Z", "2021-06-03T12:37:33+00:00"),
        ("2017/2/7", "2017-02-07"),
        ("2017/02/07 9:05", "2017-02-07T09:05:00"),
        ("October 15, 2015", "2015-10-15"),
        ("Oct 15, 2015", "2015-10-15"),
        ("15 October 2015", "2015-10-15"),
        ("Thursday, October 15, 2015", "2015-10-15"),
        ("4/23/2015", "2015-04-23"),
        ("Fri, 09 Jul 2021 07:15:00 GMT", "2021-07-09T07:15:00+00:00"),
        ("Fri, 09 Jul 2021 07:15:00 +0900", "2021-07-09T07:15:00+09:00"),
        ("the 3rd of March, 2016", "2016-03-03"),  # dateparser
        (1625814900, "2021-07-09T07:15:00+00:00"),
        ("", None),
        ("no date here", None),
        (None, None),
    ],
)
def test_parse_date(value: object, expected: str | None) -> None:
    assert parse_date(value) == expected


def test_zone_for_times_written_without_one() -> None:
    assert parse_date("2015-10-15 15:00:00", tz=JST) == "2015-10-15T15:00:00+09:00"
    assert parse_date("2015-10-15", tz=JST) == "2015-10-15"  # a date alone stays a date
    assert parse_date("2015-10-15T06:00:00+00:00", tz=JST) == "2015-10-15T06:00:00+00:00"  # a given offset wins
