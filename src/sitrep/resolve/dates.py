"""Dates: finds the time expression of an event and resolves it against the
article's publication date, as shared/spec/ANNOTATION.md rules 9 and 21 say.

Never reads the clock: without `published`, relative expressions stay unresolved
(precision `unknown`). Explicit dates ("Nov. 3", "3 November 2024", "2024-11-03"),
weekdays, "overnight", "yesterday", "last week", "last month" and ranges ("between
Friday and Sunday") are all read by rule: each form is one pattern.
"""
from __future__ import annotations

import calendar
import re
from datetime import date, timedelta
from typing import Optional

from ..models import DateSpan

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august", "september",
          "october", "november", "december")
MONTH_RE = (r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|"
            r"Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?")
WEEKDAY_RE = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"

EXPLICIT_DAY = re.compile(
    rf"\b(?:{MONTH_RE}\s+\d{{1,2}}(?:st|nd|rd|th)?(?:,?\s+\d{{4}})?(?!\d)"
    rf"|\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?{MONTH_RE}(?:,?\s+\d{{4}})?"
    rf"|\d{{4}}-\d{{2}}-\d{{2}}|\d{{1,2}}/\d{{1,2}}/\d{{4}})")
WEEKDAY = re.compile(rf"\b(?:(?:late|early|on|last|this|since|by|from|until)\s+)?{WEEKDAY_RE}\b"
                     rf"(?:\s+(?:night|morning|evening|afternoon))?")
OVERNIGHT = re.compile(r"\b(?:overnight|during the night|last night|(?:over|in) the (?:past|last|previous) "
                       r"(?:day|24 hours|night)|in just 24 hours)\b", re.IGNORECASE)
TODAY = re.compile(r"\b(?:today|this morning|this afternoon|this evening|tonight|earlier today|early today)\b",
                   re.IGNORECASE)
YESTERDAY = re.compile(r"\byesterday\b", re.IGNORECASE)
WEEK = re.compile(r"\b(?:last week|the week before|previous week|(?:earlier )?this week|"
                  r"(?:over|in) the (?:past|last) (?:week|seven days))\b", re.IGNORECASE)
# "over the weekend", "last weekend": the Saturday and Sunday last past (ANNOTATION rule 9)
WEEKEND = re.compile(r"\b(?:(?:over|during|at|on|this|last|past)\s+(?:the\s+)?)weekend\b", re.IGNORECASE)
MONTH_NAMED = re.compile(rf"\b(?:(?:in|during|since|by|of|early|mid|late|mid-)\s*)?(?:early |mid-|late )?"
                         rf"(?<![\d,] )({MONTH_RE})(?:\s+(\d{{4}}))?\b(?!\s+\d)")
LAST_MONTH = re.compile(r"\blast month\b", re.IGNORECASE)
# "In 2023, six civilians were killed", "71 massacres during 2020": a year that opens the
# sentence or spans its count, where nothing finer dates the event (a year inside a clause
# most often dates something else: "annexed in 2014", "formed an alliance in 2012")
YEAR_NAMED = re.compile(r"(?:^\W*(?i:in)|\b(?i:during|throughout))\s+((?:19|20)\d{2})\b(?!\s*[-–/]|\s+(?:and|to)\s+\d)")


def parse_published(published: Optional[str]) -> Optional[date]:
    """The day of an ISO publication date (`Article` has checked it); None without one."""
    if not published:
        return None
    try:
        return date.fromisoformat(str(published)[:10])
    except ValueError:
        return None


def _day(d: date, text: str) -> DateSpan:
    iso = d.isoformat()
    return DateSpan(start=iso, end=iso, precision="day", text=text)


def _latest_weekday(name: str, published: date) -> date:
    back = (published.weekday() - WEEKDAYS.index(name)) % 7
    return published - timedelta(days=back)


def _week_of(d: date, text: str) -> DateSpan:
    monday = d - timedelta(days=d.weekday())
    return DateSpan(start=monday.isoformat(), end=(monday + timedelta(days=6)).isoformat(),
                    precision="week", text=text)


def _month(year: int, month: int, text: str) -> DateSpan:
    last = calendar.monthrange(year, month)[1]
    return DateSpan(start=date(year, month, 1).isoformat(), end=date(year, month, last).isoformat(),
                    precision="month", text=text)


def _explicit_day(text: str, published: Optional[date]) -> Optional[date]:
    """The day an EXPLICIT_DAY match names; without a year, the latest such day on or
    before `published` (rule 21: a year only where the text makes it certain)."""
    year = re.search(r"\d{4}", text)
    if published is None and not year:
        return None
    try:
        day = _read_day(text, int(year.group()) if year else published.year)
    except ValueError:
        return None  # "February 30": no such day
    if published and not year and day > published:
        day = day.replace(year=day.year - 1)
    return day


def _read_day(text: str, year: int) -> date:
    """Reads the forms EXPLICIT_DAY matches: "2024-11-03", "3/11/2024" (day first, as
    in most of the world's press, unless only month first can be a date), "Nov. 3",
    "3rd of November 2024"."""
    iso = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", text)
    if iso:
        return date(int(iso.group(1)), int(iso.group(2)), int(iso.group(3)))
    slashed = re.fullmatch(r"(\d{1,2})/(\d{1,2})/(\d{4})", text)
    if slashed:
        first, second, written_year = (int(part) for part in slashed.groups())
        if second <= 12:
            return date(written_year, second, first)
        return date(written_year, first, second)  # "11/13/2024": only month first is a date
    month = re.search(MONTH_RE, text).group().lower()[:3]
    number = re.search(r"(?<!\d)\d{1,2}(?!\d)", text).group()
    return date(year, [name[:3] for name in MONTHS].index(month) + 1, int(number))


# Times that bound or precede the event rather than date it: "ahead of the May 9
# parade", "until Monday", "since last month", "by Friday".
NOT_WHEN = re.compile(r"\b(?:ahead of|until|till|since|by|before|from)\s+(?:the\s+|next\s+)?$|"
                      # "the largest since the start of the full-scale invasion in February 2022",
                      # "since the war erupted in April": when the war began, the yardstick of a comparison
                      r"\bsince\s+(?:the\s+)?(?:(?:start|beginning|outbreak)\s+of\s+(?:the\s+)?)?(?:[\w-]+\s+){0,3}"
                      r"(?:war|invasion|conflict|fighting|offensive)\s+(?:(?:that|which)\s+)?"
                      r"(?:(?:began|started|broke out|erupted)\s+)?(?:(?:in|on|last)\s+)?$|"
                      # "the Kherson region, annexed by Moscow in September": the place's history
                      r"\b(?:annexed|occupied|founded|built|created|established|formed)\s+"
                      r"(?:by\s+[\w-]+(?:\s+[\w-]+)?\s+)?(?:(?:in|on)\s+)?$", re.IGNORECASE)


POSSESSIVE = re.compile(r"['’]s\b")


def _matches(pattern: re.Pattern[str], text: str) -> list[re.Match[str]]:
    return [m for m in pattern.finditer(text) if _dates(m, text)]


def _dates(m: re.Match[str], text: str) -> bool:
    """Whether a time found dates the event rather than bounds it ("until Monday")."""
    bound = re.match(r"(?:since|by|from|until)\s", m.group(), re.IGNORECASE)
    if bound and bound.group().lower().startswith("from") and POSSESSIVE.match(text, m.end()):
        return True  # "the toll from Tuesday's ambush": the day of the happening it comes from
    return not (bound or NOT_WHEN.search(text[max(0, m.start() - 80):m.start()]))


DAY_WORD = rf"(?:{WEEKDAY_RE}|{MONTH_RE}\s+\d{{1,2}}|\d{{1,2}}\s+{MONTH_RE})"
RANGE = re.compile(rf"\b(?:between|from)\s+(?P<first>{DAY_WORD})\s+(?:and|to|until|through)\s+(?P<last>{DAY_WORD})\b")


def find_range(text: str, published: Optional[date]) -> Optional[DateSpan]:
    """"between Friday and Sunday", "from 3 to 5 November" → a span of days."""
    m = RANGE.search(text)
    if not m or published is None:
        return None
    first, last = (find_date(m.group(part), published, ranges=False) for part in ("first", "last"))
    if not (first and last and first.start and last.start):
        return None
    start, end = first.start, last.start
    if start > end:  # "from Saturday to Monday" read back from a Monday report
        start = (date.fromisoformat(start) - timedelta(days=7)).isoformat()
    return DateSpan(start=start, end=end, precision="range", text=m.group())


def find_date(text: str, published: Optional[date], ranges: bool = True) -> Optional[DateSpan]:
    """The date an event sentence gives, resolved; None where it gives none. A day
    that would fall outside the calendar (a report dated 0001-01-01 that says "on
    Sunday") stays unresolved."""
    try:
        return _find_date(text, published, ranges)
    except (OverflowError, ValueError):
        return None


def _find_date(text: str, published: Optional[date], ranges: bool = True) -> Optional[DateSpan]:
    span = find_range(text, published) if ranges else None
    if span:
        return span
    explicit = _matches(EXPLICIT_DAY, text)
    # "on 23 January" dates the event more surely than a bare date elsewhere in the sentence
    explicit.sort(key=lambda m: not re.search(r"\bon\s+$", text[max(0, m.start() - 4):m.start()]))
    for m in explicit:
        day = _explicit_day(m.group(), published)
        if day:
            return _day(day, m.group())
    m = next(iter(_matches(WEEKDAY, text)), None)
    if m:
        name = re.search(WEEKDAY_RE, m.group()).group().lower()
        if published is None:
            return DateSpan(text=m.group())
        day = _latest_weekday(name, published)
        if m.group().lower().startswith("last ") and day == published:
            day -= timedelta(days=7)
        return _day(day, m.group())
    for pattern, shift in ((TODAY, 0), (OVERNIGHT, 0), (YESTERDAY, 1)):
        m = pattern.search(text)
        if m:
            return _day(published - timedelta(days=shift), m.group()) if published else DateSpan(text=m.group())
    m = next(iter(_matches(WEEKEND, text)), None)
    if m:
        if published is None:
            return DateSpan(text=m.group())
        saturday = published - timedelta(days=(published.weekday() - 5) % 7)
        return DateSpan(start=saturday.isoformat(), end=(saturday + timedelta(days=1)).isoformat(),
                        precision="range", text=m.group())
    m = WEEK.search(text)
    if m:
        if published is None:
            return DateSpan(text=m.group())
        back = 7 if re.search(r"last|before|previous", m.group(), re.IGNORECASE) else 0
        return _week_of(published - timedelta(days=back), m.group())
    m = next(iter(_matches(LAST_MONTH, text)), None)
    if m:
        if published is None:
            return DateSpan(text=m.group())
        last = published.replace(day=1) - timedelta(days=1)
        return _month(last.year, last.month, m.group())
    m = next(iter(_matches(MONTH_NAMED, text)), None)
    if m and not (m.group(1).lower().rstrip(".") == "may" and not m.group(2) and not re.match(r"\s*(?:in|during|since|by|of|early|mid|late)", m.group(), re.I)):
        month = _month_number(m.group(1))
        year = int(m.group(2)) if m.group(2) else None
        if year is None and published:
            year = published.year if month <= published.month else published.year - 1
        if year:
            return _month(year, month, m.group().strip())
    m = next(iter(_matches(YEAR_NAMED, text)), None)
    if m:
        year = int(m.group(1))
        return DateSpan(start=date(year, 1, 1).isoformat(), end=date(year, 12, 31).isoformat(), precision="year",
                        text=m.group())
    return None


def _month_number(name: str) -> int:
    key = name.lower().rstrip(".")[:3]
    return [m[:3] for m in MONTHS].index(key) + 1
