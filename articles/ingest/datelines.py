"""Datelines in the wire and broadcast forms.

"WALNUT CREEK, Calif. --", "(NEW YORK) —", "LONDON (Reuters) -", "BERLIN, March 5 (Reuters) -",
"WASHINGTON—The", "Washington (CNN) —", "(Reuters) —", "NEW YORK, Nov. 19, 2019 /PRNewswire/ --".
A place set in capitals opens a dateline on its own; a place in ordinary case only with
the agency beside it, so "Northline - the largest provider -" stays a sentence.
"""

import re
from dataclasses import dataclass
from datetime import date

from .dates import MONTH, WEEKDAY, month_number, real_date

CAPS = "A-ZÀ-ÖØ-Þ"
CAPITAL_PLACE = rf"[{CAPS}][{CAPS}.'’]+(?:[ -][{CAPS}][{CAPS}.'’]*)*"
TITLE_PLACE = r"[A-Z][a-zà-ÿ]+(?:[ -][A-Z][a-zà-ÿ]+){0,3}"
REGION = rf"(?!{MONTH}\b)[A-Z][A-Za-z.]+(?:\ (?!{MONTH}\b)[A-Z][A-Za-z.]+){{0,2}}"
DAY_IN_DATELINE = rf"""(?P<month>{MONTH})\ (?P<day>\d{{1,2}})(?:,\ (?P<year>\d{{4}}))?
                     | (?P<day2>\d{{1,2}})\ (?P<month2>{MONTH})(?:\ (?P<year2>\d{{4}}))?
                     | {WEEKDAY}"""
AGENCY = r"[A-Za-z][\w&.'’ -]{0,30}?"
# Spaced dashes of any kind, or an em/en dash (or --) set close to the first word; the
# story starts as a sentence does, not in lower case ("NASA - the agency -" is no dateline).
DASH = r"""(?:\s*(?:--|—|–|―|-)\s+(?=[^\sa-z])|\s*(?:--|—|–|―)(?=[A-Z"“‘'(]))"""

DATELINE = re.compile(
    rf"""^(?:
        \((?P<bracketed>{CAPITAL_PLACE}(?:,\ [A-Z][A-Za-z.]+)?)\)
      | \((?P<lone_agency>{AGENCY})\)
      | (?P<place>{CAPITAL_PLACE}(?:,\ {REGION})?)
        (?:,\ (?:{DAY_IN_DATELINE}))?
        (?:\ \((?P<agency>{AGENCY})\)|\ /(?P<newswire>[A-Za-z][\w .-]{{1,30}})/)?
      | (?P<title_place>{TITLE_PLACE}(?:,\ {REGION})?)\ \((?P<title_agency>{AGENCY})\)
    ){DASH}""",
    re.VERBOSE,
)
# A bracketed word in capitals is a place, "(NEW YORK)", unless it is an agency's short
# name: four letters or fewer, "(AP)", "(CNN)", "(AFP)".
SHORT_NAME = re.compile(r"[A-Z]{2,4}")


@dataclass(frozen=True)
class Dateline:
    text: str  # as printed: "BERLIN, March 5 (Reuters) -"
    place: str  # "BERLIN"
    agency: str = ""  # "Reuters"
    month: int | None = None
    day: int | None = None
    year: int | None = None

    def date(self) -> date | None:
        if self.year and self.month and self.day:
            return real_date(self.year, self.month, self.day)
        return None


def find_dateline(paragraph: str) -> Dateline | None:
    match = DATELINE.match(paragraph)
    if not match:
        return None
    text = match.group(0).strip()
    if match["lone_agency"]:
        return Dateline(text, place="", agency=match["lone_agency"].strip())
    if match["bracketed"] and SHORT_NAME.fullmatch(match["bracketed"]):
        return Dateline(text, place="", agency=match["bracketed"])
    if match["title_place"]:
        return Dateline(text, place=match["title_place"], agency=match["title_agency"].strip())
    place = match["bracketed"] or match["place"]
    head = place.split(",")[0]
    if sum(char.isalpha() for char in head) < 3:
        return None
    month, day = match["month"] or match["month2"], match["day"] or match["day2"]
    year = match["year"] or match["year2"]
    return Dateline(
        text,
        place=place.strip(),
        agency=(match["agency"] or match["newswire"] or "").strip(),
        month=month_number(month) if month else None,
        day=int(day) if day else None,
        year=int(year) if year else None,
    )
