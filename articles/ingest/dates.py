"""Publication dates as newsrooms write them: ISO 8601, RFC 2822, and "March 5, 2024".

A date is read as written (2024-05-01T23:30-07:00 is May 1, not May 2 in UTC), and a
form that could mean two days (05/03/2024) is not guessed at.
"""

import re
from datetime import date, datetime
from email.utils import parsedate_to_datetime

MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sept", "sep"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ],
        start=1,
    )
    for name in names
}
MONTH = (
    r"(?:Jan(?:uary|\.)?|Feb(?:ruary|\.)?|Mar(?:ch|\.)?|Apr(?:il|\.)?|May|June?|July?"
    r"|Aug(?:ust|\.)?|Sept?(?:ember|\.)?|Oct(?:ober|\.)?|Nov(?:ember|\.)?|Dec(?:ember|\.)?)"
)
WEEKDAY = r"(?:Mon|Tues?|Wed(?:nes)?|Thu(?:rs)?|Fri|Sat(?:ur)?|Sun)(?:day)?\.?"

ISO_DATE = re.compile(r"(?P<year>\d{4})-(?P<month>\d{2})-(?P<day>\d{2})(?:[T ].*)?")
# "March 5, 2024", "Mar. 5 2024", "5 March 2024", "Tuesday, March 5, 2024"
WRITTEN_DATE = re.compile(
    rf"""(?:{WEEKDAY},?\ )?
    (?: (?P<month>{MONTH})\ (?P<day>\d{{1,2}})(?:st|nd|rd|th)?,?\ (?P<year>\d{{4}})
      | (?P<day2>\d{{1,2}})(?:st|nd|rd|th)?\ (?P<month2>{MONTH}),?\ (?P<year2>\d{{4}}) )""",
    re.VERBOSE | re.IGNORECASE,
)
NUMERIC_DATE = re.compile(r"(?P<first>\d{1,2})[/.](?P<second>\d{1,2})[/.](?P<year>\d{4})")


def real_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def month_number(name: str) -> int:
    return MONTHS[name.lower().rstrip(".")]


def parse_date(text: str) -> date | None:
    """The date a publication field states, or None when it states none we can be sure of."""
    text = " ".join(text.split())
    if not text:
        return None
    if match := ISO_DATE.fullmatch(text):
        try:
            return datetime.fromisoformat(text).date()
        except ValueError:
            return real_date(int(match["year"]), int(match["month"]), int(match["day"]))
    if re.match(r"[A-Za-z]{3},? \d{1,2} [A-Za-z]{3} \d{4}", text):  # RFC 2822
        try:
            return parsedate_to_datetime(text).date()
        except (TypeError, ValueError):
            return None
    return written_date(text, whole=True)


def written_date(text: str, *, whole: bool = False) -> date | None:
    """'March 5, 2024', '5 March 2024' or an unambiguous 25/03/2024, in or as the text."""
    text = text.strip(" ,.") if whole else text
    match = WRITTEN_DATE.fullmatch(text) if whole else WRITTEN_DATE.search(text)
    if match:
        month = match["month"] or match["month2"]
        day = match["day"] or match["day2"]
        year = match["year"] or match["year2"]
        return real_date(int(year), month_number(month), int(day))
    numeric = NUMERIC_DATE.fullmatch(text) if whole else NUMERIC_DATE.search(text)
    if numeric:
        first, second, year = int(numeric["first"]), int(numeric["second"]), int(numeric["year"])
        if first > 12 >= second:
            return real_date(year, second, first)
        if second > 12 >= first:
            return real_date(year, first, second)
    return None
