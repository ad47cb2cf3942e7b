"""Reasons as editors read them.

The engine refers to another article's outlet as "{article:12}" rather than
writing its name into the reason, so that a reason always shows the outlet's
current name, after an admin renames or merges outlets too.
"""

import re
from collections.abc import Iterable

REFERENCE = re.compile(r"\{article:(\d+)\}")
SOMEONE = "another outlet"  # an article deleted since the analysis


def referenced_articles(reasons: Iterable[str]) -> set[int]:
    return {int(number) for reason in reasons for number in REFERENCE.findall(reason)}


def with_outlet_names(reasons: Iterable[str], labels: dict[int, str]) -> list[str]:
    """The reasons with each outlet reference replaced by that outlet's name."""
    return [
        REFERENCE.sub(lambda match: labels.get(int(match[1]), SOMEONE), reason)
        for reason in reasons
    ]
