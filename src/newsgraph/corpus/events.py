"""When two reports are one event: the rule that the store (one report at a time, as pages are
stored) and the Spark stage (a whole corpus at once) both apply, so the two agree.

A report joins an earlier event when they have the same type and mode, the same source and
target (an actor id, or the words used when the text names no known actor), the same polarity,
a compatible place and dates within MERGE_DAYS; otherwise it starts a new event.  The first
report that dates or places an event dates or places it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

MERGE_DAYS = 3  # reports whose dates differ by at most this many days may be one event


def modality(status: str | None) -> str:
    """Whether a report says the event happened ("happened": asserted or reported), did not happen
    ("negated") or only might ("hypothetical"). Reports merge only with reports of the same modality,
    and only events that happened are counted, mapped and exported by default."""
    return status if status in ("negated", "hypothetical") else "happened"


def places_compatible(id_a: int | None, country_a: str | None, precision_a: str | None,
                      id_b: int | None, country_b: str | None, precision_b: str | None) -> bool:
    """Same place, or one unknown, or one is the country the other lies in."""
    if id_a is None or id_b is None or id_a == id_b:
        return True
    return country_a == country_b and "country" in (precision_a, precision_b)


def dates_close(a: str | None, b: str | None) -> bool:
    """Both undated, one undated, or dated within MERGE_DAYS of each other (coarse dates by their start)."""
    if not a or not b:
        return True
    first, second = _start(a), _start(b)
    if first is None or second is None:
        return a == b
    if abs((first - second).days) <= MERGE_DAYS:
        return True
    coarse = len(a) < 10 or len(b) < 10  # "2011" and "2011-06-05" agree
    return coarse and (a.startswith(b) or b.startswith(a))


def _start(value: str) -> date | None:
    parts = value.split("-") + ["01", "01"]
    try:
        return date(int(parts[0]), int(parts[1]), int(parts[2]))
    except ValueError:
        return None


@dataclass
class Report:
    """What the rule compares of one report (the key fields are the caller's grouping)."""

    id: int
    place_id: int | None = None
    place_country: str | None = None
    place_precision: str | None = None
    date: str | None = None
    date_precision: str | None = None


@dataclass
class MergedEvent:
    """An event as its reports have shaped it so far."""

    place_id: int | None
    place_country: str | None
    place_precision: str | None
    date: str | None
    date_precision: str | None
    reports: list[int] = field(default_factory=list)

    def accepts(self, report: Report) -> bool:
        return places_compatible(self.place_id, self.place_country, self.place_precision, report.place_id,
                                 report.place_country, report.place_precision) and dates_close(self.date, report.date)

    def add(self, report: Report) -> None:
        self.reports.append(report.id)
        if report.date:  # the first report that dates it dates the event (and places it, if still unplaced)
            self.date = self.date or report.date
            self.date_precision = self.date_precision or report.date_precision
            self.place_id = self.place_id if self.place_id is not None else report.place_id


def merge_reports(reports: Iterable[Report]) -> list[MergedEvent]:
    """The events of reports sharing one key, taken in order: each joins the first event that accepts it."""
    events: list[MergedEvent] = []
    for report in reports:
        event = next((e for e in events if e.accepts(report)), None)
        if event is None:
            event = MergedEvent(report.place_id, report.place_country, report.place_precision, report.date,
                                report.date_precision)
            events.append(event)
        event.add(report)
    return events
