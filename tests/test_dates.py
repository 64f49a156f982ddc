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
    ("Drones hit the port on 3/10/2024.", "2024-10-03", "day"),      # day first, as most of the press writes
    ("Drones hit the port on 10/13/2024.", "2024-10-13", "day"),     # month first where only that is a date
    ("Drones hit the port on 2024-10-03.", "2024-10-03", "day"),
    ("Drones hit the port on the 3rd of October 2023.", "2023-10-03", "day"),
    ("Drones hit the port on Sept. 30.", "2024-09-30", "day"),
    ("Drones hit the port last week.", "2024-11-04", "week"),
    ("Drones hit the port last month.", "2024-10-01", "month"),
    ("Drones hit the port in August.", "2024-08-01", "month"),
    ("The toll from Thursday’s ambush near the border rose to 19.", "2024-11-07", "day"),
])
def test_relative_and_explicit_dates(text, start, precision):
    span = find_date(text, MONDAY)
    assert (span.start, span.precision) == (start, precision)


@pytest.mark.parametrize("text", ["Drones hit the port on February 30.", "Drones hit the port on 31/13/2024."])
def test_a_day_the_calendar_lacks_is_no_date(text):
    span = find_date(text, MONDAY)
    assert span is None or span.start is None or span.precision != "day"


def test_week_has_monday_to_sunday():
    span = find_date("Drones hit the port last week.", MONDAY)
    assert (span.start, span.end) == ("2024-11-04", "2024-11-10")


@pytest.mark.parametrize("published,saturday", [("2024-11-11", "2024-11-09"), ("2024-11-15", "2024-11-09"),
                                                ("2024-11-10", "2024-11-09")])
def test_the_weekend_is_the_last_saturday_and_sunday(published, saturday):
    span = find_date("Troops were sent to the border over the weekend.", parse_published(published))
    assert (span.start, span.precision) == (saturday, "range")
    assert span.end == str(parse_published(saturday).replace(day=parse_published(saturday).day + 1))
    assert find_date("Fighting has raged since the weekend.", parse_published(published)) is None


def test_without_published_relative_dates_stay_unresolved():
    span = find_date("Drones hit the port on Sunday.", None)
    assert span.start is None and span.precision == "unknown" and span.text == "on Sunday"


def test_no_date_in_text():
    assert find_date("Drones hit the port.", MONDAY) is None


@pytest.mark.parametrize("text,start", [
    ("Drones hit the city on Sunday, ahead of the May 9 parade.", "2024-11-10"),
    ("Flights were cancelled on Sunday until Friday.", "2024-11-10"),
    ("The port, shut since last month, was hit on Saturday.", "2024-11-09"),
    ("On 2 November, in a statement dated 10 November 2024, the army said it hit the depot.", "2024-11-02"),
])
def test_bounds_and_deadlines_do_not_date_the_event(text, start):
    assert find_date(text, MONDAY).start == start


def test_an_undated_report_takes_the_day_of_publication_but_not_a_forecast(extract):
    (hit,) = extract("Russian missiles hit an energy plant in Lviv, the governor said.", published="2024-11-11").events
    assert (hit.date.start, hit.date.precision, hit.date.text) == ("2024-11-11", "day", None)
    planned = [e for e in extract("Russia is preparing a massive missile strike on Kyiv, officials warned.",
                                  published="2024-11-11").events if e.status == "expected"]
    assert planned and all(e.date.start is None for e in planned)


def test_power_cuts_from_a_storm_are_no_event_but_from_a_war_they_are(extract):
    storm = "Hurricane winds left 300,000 homes without power in Florida on Sunday, the utility said."
    assert extract(storm, published="2024-11-11").events == []
    war = ("Russian drones struck energy facilities in the Sumy region. "
           "About 300,000 homes were left without power on Sunday, the regional governor said.")
    assert "disruption" in {e.type for e in extract(war, published="2024-11-11").events}


@pytest.mark.parametrize("text,start,end", [
    ("Strikes hit the city between Friday and Sunday.", "2024-11-08", "2024-11-10"),
    ("Fighting raged from Saturday to Monday.", "2024-11-09", "2024-11-11"),
    ("Attacks from Nov. 3 to Nov. 5 killed 12 people.", "2024-11-03", "2024-11-05"),
])
def test_ranges(text, start, end):
    span = find_date(text, MONDAY)
    assert (span.start, span.end, span.precision) == (start, end, "range")


def test_a_places_history_is_not_the_events_day():
    assert find_date("Russia is withdrawing from the Kherson region, annexed by Moscow in September.", MONDAY) is None
    annexed = find_date("Russia annexed four regions in September.", MONDAY)
    assert annexed.precision == "month"


@pytest.mark.parametrize("text", [
    "Russia fired 120 missiles, one of the largest attacks since the start of the full-scale invasion in February 2022.",
    "The town has been cut off since the war erupted in April 2023.",
])
def test_when_a_war_began_is_a_yardstick_not_the_events_day(text):
    assert find_date(text, MONDAY) is None
    assert find_date("Russia invaded in February 2022.", MONDAY).start == "2022-02-01"


def test_an_event_the_text_gives_no_day_takes_the_leads_day(extract):
    text = ("Drones struck an oil depot in Bryansk on Tuesday, the governor said.\n"
            "The fire burned for hours. Firefighters came from three districts. Smoke drifted east. "
            "Residents filmed it. Crews worked all night. The governor thanked them.\n"
            "Russian forces shelled the village of Velyka Pysarivka, killing two people, Ukraine said.")
    events = extract(text, published="2024-11-14").events  # a Thursday
    assert sorted((e.type, e.date.start) for e in events) == [("strike", "2024-11-12"), ("strike", "2024-11-12")]


@pytest.mark.parametrize("text,start", [
    ("In 2023, six civilians were killed near the ministry in another bombing.", "2023-01-01"),
    ("The monitor recorded 71 massacres during 2020.", "2020-01-01"),
    ("Russia, which annexed Crimea in 2014, struck the port.", None),
    ("These groups formed an alliance in 2012, leading militants to take the north.", None),
])
def test_a_year_dates_the_event_only_where_it_opens_the_sentence_or_spans_the_count(text, start):
    found = find_date(text, parse_published("2024-06-02"))
    assert (found.start if found else None) == start
    assert found is None or found.precision == "year"
