"""SLA arithmetic for service tickets (SPEC C2): pure functions, no database, no clock.

Business time
    A :class:`Calendar` opens one window per local working day, from
    ``work_start`` to ``work_end`` in the calendar's own time zone, except on its
    holidays (local dates). Windows are converted to UTC day by day with
    ``zoneinfo``, so daylight-saving switches move them correctly; business
    time is the *elapsed* time spent inside windows (a window that contains a
    DST switch is an hour shorter or longer than its wall-clock span). Every
    datetime going in must be timezone-aware; every datetime coming out is UTC.

    :func:`add_business_time` returns the *earliest* instant at which the
    requested business time has elapsed: counting begins at the next opening
    when ``start`` is outside hours, a duration that ends exactly at closing
    gives the closing instant (not the next opening), and zero seconds gives
    ``start`` unchanged. :func:`business_seconds_between` is its inverse
    (signed: negative when ``end`` is before ``start``). Durations are counted
    to the microsecond, like ``datetime`` itself.

The ticket clocks
    A ticket has two clocks, first response and resolution, each with a target
    in business hours from its service level (``None`` = no coverage, that clock
    is "non-SLA"). Both are measured from ``created_at``. A clock *runs* in
    business time except while it is stopped:

    * ``pauses`` — the spans the ticket was Pending: they stop both clocks;
    * ``solved_spans`` — the spans the ticket was Solved or Closed: they stop
      the resolution clock. Reopening a solved ticket therefore continues the
      resolution clock from where it stopped (rule: resolution time = business
      time spent in New/Assigned/Planned). A span whose end is ``None`` is
      still running.

    A clock's deadline (``due``) is the earliest instant at which its running
    business time reaches the target; so a pause pushes the deadline back by
    its *business* part only (nights, weekends and holidays inside it do not
    count), and a pause that begins after the deadline was reached does not
    move it. A clock is *done* at its first response (``responded_at``; a
    solution counts as a response if none was recorded earlier) or, for the
    resolution clock, when the ticket is currently Solved/Closed (the start of
    the open solved span). Spans after that instant are ignored. The target is
    *met* when done at or before ``due``.

    While a clock is stopped by a still-running pause, its ``due`` is
    *projected* as if the pause ended ``now``: due + business time between the
    pause start and ``now``. :meth:`SlaClock.recompute` swaps the targets
    (service level or priority changed) and keeps every pause, so the paused
    time carries over.

The traffic light (:func:`sla_light`)
    ``non_sla`` without a deadline; once done, ``met`` (done at or before due)
    or ``breached``; while running, ``breached`` when ``now > due``, else
    ``paused`` when the clock is stopped, else ``at_risk`` when less than
    :data:`AT_RISK_FRACTION` (25 %) of the allowed business time remains, else
    ``on_time``. Exactly 25 % left is still on time; ``now == due`` is at risk,
    not yet breached.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime, time, timedelta
from enum import StrEnum
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from portal.models import TicketStatus

if TYPE_CHECKING:
    from portal.models import BusinessCalendar, Holiday

AT_RISK_FRACTION = 0.25
"""A running clock is at risk when less than this share of its allowed time remains."""

Span = tuple[datetime, datetime | None]
"""A span ``(start, end)`` during which a clock is stopped; ``end=None`` is still running."""

_STOPPED_RESOLUTION = frozenset({TicketStatus.SOLVED.value, TicketStatus.CLOSED.value})
_ZERO = timedelta(0)
_ONE_DAY = timedelta(days=1)


class SlaLight(StrEnum):
    """The traffic light of one SLA clock (values equal plain strings)."""

    ON_TIME = "on_time"
    AT_RISK = "at_risk"
    BREACHED = "breached"
    PAUSED = "paused"
    MET = "met"
    NON_SLA = "non_sla"


# Worst first: what a ticket shows when its two clocks disagree.
_SEVERITY = (
    SlaLight.BREACHED,
    SlaLight.AT_RISK,
    SlaLight.ON_TIME,
    SlaLight.PAUSED,
    SlaLight.MET,
    SlaLight.NON_SLA,
)


@dataclass(frozen=True)
class Calendar:
    """Business hours in a local time zone, with working weekdays and holidays.

    Attributes:
        timezone: IANA name, e.g. ``"Europe/Madrid"``.
        work_start: local opening time of each working day.
        work_end: local closing time, after ``work_start`` (no overnight windows).
        workdays: working weekdays, Monday = 0.
        holidays: local dates without business hours.
    """

    timezone: str
    work_start: time
    work_end: time
    workdays: frozenset[int]
    holidays: frozenset[date] = frozenset()
    zone: ZoneInfo = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        if not self.work_start < self.work_end:
            msg = "work_start must be before work_end"
            raise ValueError(msg)
        if not self.workdays or not set(self.workdays) <= set(range(7)):
            msg = "workdays must be a non-empty set of weekdays 0..6"
            raise ValueError(msg)
        object.__setattr__(self, "workdays", frozenset(self.workdays))
        object.__setattr__(self, "holidays", frozenset(self.holidays))
        object.__setattr__(self, "zone", ZoneInfo(self.timezone))

    @classmethod
    def from_rows(cls, calendar: BusinessCalendar, holidays: Iterable[Holiday]) -> Calendar:
        """Build a calendar from its table row and the rows of its holidays.

        Args:
            calendar: the ``BusinessCalendar`` row (``workdays`` like ``"0,1,2,3,4"``).
            holidays: the ``Holiday`` rows of that calendar (only ``day`` is read).
        """
        workdays = frozenset(int(part) for part in calendar.workdays.split(",") if part.strip())
        return cls(
            timezone=calendar.timezone,
            work_start=calendar.work_start,
            work_end=calendar.work_end,
            workdays=workdays,
            holidays=frozenset(holiday.day for holiday in holidays),
        )

    def window(self, day: date) -> tuple[datetime, datetime] | None:
        """The business window of a local date in UTC, or None on a day off."""
        if day.weekday() not in self.workdays or day in self.holidays:
            return None
        opens = datetime.combine(day, self.work_start, tzinfo=self.zone).astimezone(UTC)
        closes = datetime.combine(day, self.work_end, tzinfo=self.zone).astimezone(UTC)
        return (opens, closes) if closes > opens else None

    def is_open(self, at: datetime) -> bool:
        """Whether ``at`` lies in business hours (opening included, closing excluded)."""
        window = self.window(self._local_day(at))
        return window is not None and window[0] <= _utc(at) < window[1]

    def _local_day(self, at: datetime) -> date:
        return at.astimezone(self.zone).date()


def _utc(value: datetime) -> datetime:
    if value.tzinfo is None or value.utcoffset() is None:
        msg = "SLA arithmetic needs timezone-aware datetimes"
        raise ValueError(msg)
    return value.astimezone(UTC)


def _seconds(value: float) -> timedelta:
    if math.isnan(value) or value < 0:
        msg = "business time must be a non-negative number of seconds"
        raise ValueError(msg)
    return timedelta(seconds=value)


def _add(cal: Calendar, start: datetime, amount: timedelta) -> datetime:
    """Earliest instant at which ``amount`` of business time has elapsed after ``start``."""
    if amount <= _ZERO:
        return start
    remaining = amount
    day = cal._local_day(start)
    while True:
        window = cal.window(day)
        if window is not None and window[1] > start:
            begin = max(window[0], start)
            available = window[1] - begin
            if remaining <= available:
                return begin + remaining
            remaining -= available
        day += _ONE_DAY


def _between(cal: Calendar, start: datetime, end: datetime) -> timedelta:
    """Business time in ``[start, end)``; zero when ``end <= start``."""
    total = _ZERO
    if end <= start:
        return total
    day, last = cal._local_day(start), cal._local_day(end)
    while day <= last:
        window = cal.window(day)
        if window is not None:
            low, high = max(window[0], start), min(window[1], end)
            if high > low:
                total += high - low
        day += _ONE_DAY
    return total


def add_business_time(cal: Calendar, start: datetime, seconds: float) -> datetime:
    """The instant at which ``seconds`` of business time have elapsed after ``start``.

    Args:
        cal: the business calendar.
        start: a timezone-aware instant; outside hours, counting begins at the next opening.
        seconds: non-negative business seconds (microsecond precision).

    Returns:
        The earliest such instant, in UTC: ``start`` itself for zero, the closing
        instant when the time runs out exactly at closing.

    Raises:
        ValueError: naive datetime or negative/NaN seconds.
    """
    return _add(cal, _utc(start), _seconds(seconds))


def business_seconds_between(cal: Calendar, start: datetime, end: datetime) -> float:
    """Business seconds from ``start`` to ``end``; negative when ``end`` is before ``start``."""
    start, end = _utc(start), _utc(end)
    if end < start:
        return -_between(cal, end, start).total_seconds()
    return _between(cal, start, end).total_seconds()


def next_opening(cal: Calendar, at: datetime) -> datetime:
    """``at`` itself when in business hours, otherwise the next opening (UTC)."""
    at = _utc(at)
    day = cal._local_day(at)
    while True:
        window = cal.window(day)
        if window is not None and window[1] > at:
            return max(window[0], at)
        day += _ONE_DAY


def _normalise(spans: Iterable[Span]) -> tuple[Span, ...]:
    """Sorted, merged spans in UTC; an open span swallows everything after its start."""
    cleaned: list[Span] = []
    for start, end in spans:
        start = _utc(start)
        end = None if end is None else _utc(end)
        if end is not None and end < start:
            msg = "a span cannot end before it starts"
            raise ValueError(msg)
        if end is None or end > start:
            cleaned.append((start, end))
    cleaned.sort(key=lambda span: span[0])
    merged: list[Span] = []
    for start, end in cleaned:
        if merged:
            last_start, last_end = merged[-1]
            if last_end is None:
                break
            if start <= last_end:
                merged[-1] = (last_start, None if end is None else max(last_end, end))
                continue
        merged.append((start, end))
    return tuple(merged)


def clock_due(
    cal: Calendar,
    start: datetime,
    seconds: float,
    stops: Iterable[Span] = (),
    *,
    done_at: datetime | None = None,
    now: datetime | None = None,
) -> datetime | None:
    """The instant at which a stoppable clock has run ``seconds`` of business time.

    Args:
        cal: the business calendar.
        start: when the clock started (the ticket's creation).
        seconds: the target in business seconds.
        stops: spans during which the clock is stopped (any order, may overlap).
        done_at: when the clock's goal was achieved; spans from then on are ignored.
        now: the current instant, used to project the deadline through a span
            that is still running (as if it ended now).

    Returns:
        The deadline in UTC, or None when an open span stops the clock before the
        deadline and ``now`` was not given.
    """
    start = _utc(start)
    remaining = _seconds(seconds)
    if remaining == _ZERO:
        return start
    done = None if done_at is None else _utc(done_at)
    cursor = start
    for span_start, span_end in _normalise(stops):
        if done is not None and span_start >= done:
            break
        if done is not None:
            span_end = done if span_end is None else min(span_end, done)
        if span_end is not None and span_end <= cursor:
            continue
        if span_start > cursor:
            available = _between(cal, cursor, span_start)
            if remaining <= available:
                return _add(cal, cursor, remaining)
            remaining -= available
        if span_end is None:
            if now is None:
                return None
            cursor = max(cursor, _utc(now))
            break
        cursor = max(cursor, span_end)
    return _add(cal, cursor, remaining)


def stopped_business_seconds(cal: Calendar, spans: Iterable[Span], *, now: datetime) -> float:
    """Business seconds covered by ``spans`` (merged), a running span counting up to ``now``.

    Handy to keep a ticket's ``paused_seconds`` column up to date.
    """
    now = _utc(now)
    total = _ZERO
    for span_start, span_end in _normalise(spans):
        total += _between(cal, span_start, now if span_end is None else min(span_end, now))
    return total.total_seconds()


def sla_light(
    cal: Calendar,
    now: datetime,
    due: datetime | None,
    *,
    allowed_seconds: float | None,
    paused: bool = False,
    done_at: datetime | None = None,
    at_risk_fraction: float = AT_RISK_FRACTION,
) -> SlaLight:
    """The traffic light of one clock at ``now`` (rules in the module docstring).

    Args:
        cal: the business calendar (the time left is measured in business time).
        now: the instant to evaluate at.
        due: the deadline (projected while paused); None means non-SLA.
        allowed_seconds: the clock's target in business seconds.
        paused: whether the clock is stopped right now.
        done_at: when the goal was achieved, if it was.
        at_risk_fraction: share of the allowed time below which the clock is at risk.
    """
    if due is None:
        return SlaLight.NON_SLA
    due = _utc(due)
    if done_at is not None:
        return SlaLight.MET if _utc(done_at) <= due else SlaLight.BREACHED
    now = _utc(now)
    if now > due:
        return SlaLight.BREACHED
    if paused:
        return SlaLight.PAUSED
    left = _between(cal, now, due).total_seconds()
    if left < at_risk_fraction * (allowed_seconds or 0.0):
        return SlaLight.AT_RISK
    return SlaLight.ON_TIME


def worst_light(lights: Iterable[SlaLight | str]) -> SlaLight:
    """The most alarming of several lights (breached > at risk > on time > paused > met)."""
    ranked = [SlaLight(light) for light in lights]
    return min(ranked, key=_SEVERITY.index, default=SlaLight.NON_SLA)


@dataclass(frozen=True)
class Deadline:
    """One SLA clock evaluated at an instant.

    Attributes:
        due: the deadline (projected as if a running pause ended now); None = non-SLA.
        allowed_seconds: the target in business seconds; None = non-SLA.
        done_at: when the goal (first response, resolution) was achieved, or None.
        paused: whether the clock is stopped by a running pause right now.
        at_risk_at: from this instant on the clock is at risk (None = non-SLA).
        light: the traffic light.
    """

    due: datetime | None
    allowed_seconds: float | None
    done_at: datetime | None
    paused: bool
    at_risk_at: datetime | None
    light: SlaLight

    @property
    def met(self) -> bool | None:
        """True/False once done under an SLA, None while running or without SLA."""
        if self.due is None or self.done_at is None:
            return None
        return self.done_at <= self.due


@dataclass(frozen=True)
class SlaClock:
    """The two SLA clocks of one ticket, from its history (rules in the module docstring).

    Attributes:
        calendar: the provider's business calendar of the ticket's service level.
        created_at: when the ticket was raised; both clocks start here.
        response_hours: first-response target in business hours; None = non-SLA.
        resolution_hours: resolution target in business hours; None = non-SLA.
        pauses: the spans in Pending (stop both clocks).
        solved_spans: the spans in Solved/Closed (stop the resolution clock);
            an open one means the ticket is solved now.
        responded_at: the first response, if any.
    """

    calendar: Calendar
    created_at: datetime
    response_hours: float | None
    resolution_hours: float | None
    pauses: tuple[Span, ...] = ()
    solved_spans: tuple[Span, ...] = ()
    responded_at: datetime | None = None

    def __post_init__(self) -> None:
        for hours in (self.response_hours, self.resolution_hours):
            if hours is not None:
                _seconds(hours * 3600)
        object.__setattr__(self, "created_at", _utc(self.created_at))
        object.__setattr__(self, "pauses", _normalise(self.pauses))
        object.__setattr__(self, "solved_spans", _normalise(self.solved_spans))
        if self.responded_at is not None:
            object.__setattr__(self, "responded_at", _utc(self.responded_at))

    @classmethod
    def from_history(
        cls,
        calendar: Calendar,
        *,
        created_at: datetime,
        response_hours: float | None,
        resolution_hours: float | None,
        history: Sequence[tuple[datetime, str]],
        responded_at: datetime | None = None,
    ) -> SlaClock:
        """Build the clocks from the ticket's status changes.

        Args:
            calendar: the business calendar.
            created_at: when the ticket was raised (status New from then on).
            response_hours: first-response target; None = non-SLA.
            resolution_hours: resolution target; None = non-SLA.
            history: ``(when, new_status)`` for each status change, any order;
                statuses are ``TicketStatus`` values.
            responded_at: the first response, if any.
        """
        changes = sorted(((_utc(at), str(status)) for at, status in history), key=lambda c: c[0])
        pauses: list[Span] = []
        solved: list[Span] = []
        for index, (at, status) in enumerate(changes):
            end = changes[index + 1][0] if index + 1 < len(changes) else None
            if status == TicketStatus.PENDING.value:
                pauses.append((at, end))
            elif status in _STOPPED_RESOLUTION:
                solved.append((at, end))
        return cls(
            calendar=calendar,
            created_at=created_at,
            response_hours=response_hours,
            resolution_hours=resolution_hours,
            pauses=tuple(pauses),
            solved_spans=tuple(solved),
            responded_at=responded_at,
        )

    def recompute(
        self, *, response_hours: float | None, resolution_hours: float | None
    ) -> SlaClock:
        """The same ticket under new targets (SLA or priority changed); pauses carry over."""
        return replace(self, response_hours=response_hours, resolution_hours=resolution_hours)

    @property
    def is_sla(self) -> bool:
        """Whether any clock has a target (no coverage at all means non-SLA)."""
        return self.response_hours is not None or self.resolution_hours is not None

    @property
    def solved_at(self) -> datetime | None:
        """When the ticket became Solved/Closed, if it is so now."""
        if self.solved_spans and self.solved_spans[-1][1] is None:
            return self.solved_spans[-1][0]
        return None

    @property
    def response_done_at(self) -> datetime | None:
        """The first response; a solution counts as one when it came first."""
        first_solve = self.solved_spans[0][0] if self.solved_spans else None
        candidates = [at for at in (self.responded_at, first_solve) if at is not None]
        return min(candidates, default=None)

    def is_paused(self, now: datetime) -> bool:
        """Whether the ticket is Pending at ``now`` (a running pause has begun)."""
        now = _utc(now)
        return any(end is None and start <= now for start, end in self.pauses)

    def response(self, now: datetime) -> Deadline:
        """The first-response clock at ``now``."""
        return self._deadline(self.response_hours, self.pauses, self.response_done_at, now)

    def resolution(self, now: datetime) -> Deadline:
        """The resolution clock at ``now``."""
        return self._deadline(
            self.resolution_hours, self.pauses + self.solved_spans, self.solved_at, now
        )

    def light(self, now: datetime) -> SlaLight:
        """The ticket's light: the worse of its two clocks."""
        return worst_light([self.response(now).light, self.resolution(now).light])

    def _deadline(
        self,
        hours: float | None,
        stops: tuple[Span, ...],
        done_at: datetime | None,
        now: datetime,
    ) -> Deadline:
        if hours is None:
            return Deadline(None, None, done_at, False, None, SlaLight.NON_SLA)
        allowed = hours * 3600
        due = clock_due(self.calendar, self.created_at, allowed, stops, done_at=done_at, now=now)
        at_risk_at = clock_due(
            self.calendar,
            self.created_at,
            allowed * (1 - AT_RISK_FRACTION),
            stops,
            done_at=done_at,
            now=now,
        )
        paused = done_at is None and self.is_paused(now)
        light = sla_light(
            self.calendar, now, due, allowed_seconds=allowed, paused=paused, done_at=done_at
        )
        return Deadline(due, allowed, done_at, paused, at_risk_at, light)
