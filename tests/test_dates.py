import pytest

from sitrep.resolve.dates import find_date, parse_published

MONDAY = parse_published("2024-11-11")  # a Monday


@pytest.mark.parametrize("text,start,precision", [
    ("Drones hit the port on Sunday.", "2024-11-10", "day"),
    ("Drones hit the port on Monday.", "2024-11-11", "day"),   # the day itself
    ("Drones hit the port late Tuesday.", "2024-11-05", "day"),
    ("Drones hit the port Tuesday night.", "2024-11-05", "day"),
    ("Drones hit the port overnight.", "2024-11-11", "day"),
    ("Drones hit the port yesterday.", "2024-11-10", "day"),
    ("Drones hit the port today.", "2024-11-11", "day"),
    ("Drones hit the port on Nov. 3.", "2024-11-03", "day"),
    ("Drones hit the port on 3 November.", "2024-11-03", "day"),
    ("Drones hit the port on December 28.", "2023-12-28", "day"),   # no year: latest before publication
    ("Drones hit the port on 11/11/2024.", "2024-11-11", "day"),
    ("Drones hit the port last week.", "2024-11-04", "week"),
    ("Drones hit the port last month.", "2024-10-01", "month"),
    ("Drones hit the port in August.", "2024-08-01", "month"),
])
def test_relative_and_explicit_dates(text, start, precision):
    span = find_date(text, MONDAY)
    assert (span.start, span.precision) == (start, precision)


def test_week_has_monday_to_sunday():
    span = find_date("Drones hit the port last week.", MONDAY)
    assert (span.start, span.end) == ("2024-11-04", "2024-11-10")


def test_without_published_relative_dates_stay_unresolved():
    span = find_date("Drones hit the port on Sunday.", None)
    assert span.start is None and span.precision == "unknown" and span.text == "on Sunday"


def test_no_date_in_text():
    assert find_date("Drones hit the port.", MONDAY) is None
