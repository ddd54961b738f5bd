"""SLA arithmetic (SPEC C2): business time, ticket clocks with pauses and reopen, lights."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from portal.models import BusinessCalendar, Holiday, TicketStatus
from portal.sla import (
    AT_RISK_FRACTION,
    Calendar,
    SlaClock,
    SlaLight,
    add_business_time,
    business_seconds_between,
    clock_due,
    next_opening,
    sla_light,
    stopped_business_seconds,
    worst_light,
)

MADRID_TZ = ZoneInfo("Europe/Madrid")
HOUR = 3600.0
WEEKDAYS = frozenset(range(5))
SPANISH_HOLIDAYS_2024 = frozenset(
    {
        date(2024, 1, 1),
        date(2024, 1, 6),
        date(2024, 3, 29),
        date(2024, 5, 1),
        date(2024, 8, 15),
        date(2024, 10, 12),
        date(2024, 11, 1),
        date(2024, 12, 6),
        date(2024, 12, 25),
    }
)
MADRID = Calendar("Europe/Madrid", time(8), time(18), WEEKDAYS, SPANISH_HOLIDAYS_2024)
PLAIN_MADRID = Calendar("Europe/Madrid", time(8), time(18), WEEKDAYS)


def madrid(day: int, hour: int = 0, minute: int = 0, *, month: int = 6, second: int = 0):
    """A Madrid wall-clock instant in 2024 as aware UTC (June 3 2024 is a Monday)."""
    local = datetime(2024, month, day, hour, minute, second, tzinfo=MADRID_TZ)
    return local.astimezone(UTC)


def local(value: datetime) -> datetime:
    """The Madrid wall clock of an instant, naive, for readable assertions."""
    return value.astimezone(MADRID_TZ).replace(tzinfo=None)


# --- Calendar -----------------------------------------------------------------


def test_calendar_from_rows_reads_workdays_and_holidays():
    row = BusinessCalendar(
        id=1,
        name="Iberia",
        timezone="Europe/Madrid",
        work_start=time(8),
        work_end=time(18),
        workdays="0,1,2,3,4",
    )
    holidays = [
        Holiday(calendar_id=1, day=date(2024, 8, 15), name="Asunción"),
        Holiday(calendar_id=1, day=date(2024, 12, 25), name="Navidad"),
    ]
    cal = Calendar.from_rows(row, holidays)
    assert cal.workdays == WEEKDAYS
    assert cal.holidays == {date(2024, 8, 15), date(2024, 12, 25)}
    assert cal == Calendar(
        "Europe/Madrid",
        time(8),
        time(18),
        WEEKDAYS,
        frozenset({date(2024, 8, 15), date(2024, 12, 25)}),
    )


@pytest.mark.parametrize(
    ("start", "end", "workdays"),
    [(time(18), time(8), WEEKDAYS), (time(8), time(8), WEEKDAYS), (time(8), time(18), {7})],
)
def test_calendar_rejects_impossible_hours(start, end, workdays):
    with pytest.raises(ValueError):
        Calendar("Europe/Madrid", start, end, frozenset(workdays))


def test_naive_datetimes_and_negative_durations_are_refused():
    with pytest.raises(ValueError):
        add_business_time(MADRID, datetime(2024, 6, 3, 9), HOUR)
    with pytest.raises(ValueError):
        add_business_time(MADRID, madrid(3, 9), -1)
    with pytest.raises(ValueError):
        business_seconds_between(MADRID, madrid(3, 9), datetime(2024, 6, 3, 10))


def test_is_open_and_next_opening():
    assert MADRID.is_open(madrid(3, 8))
    assert not MADRID.is_open(madrid(3, 18))
    assert not MADRID.is_open(madrid(8, 10))  # Saturday
    assert next_opening(MADRID, madrid(3, 9, 30)) == madrid(3, 9, 30)
    assert next_opening(MADRID, madrid(3, 18)) == madrid(4, 8)
    assert next_opening(MADRID, madrid(7, 19)) == madrid(10, 8)


# --- add_business_time / business_seconds_between ---------------------------


def test_within_one_day():
    assert add_business_time(MADRID, madrid(3, 9), 4 * HOUR) == madrid(3, 13)


def test_friday_afternoon_rolls_over_the_weekend():
    due = add_business_time(MADRID, madrid(7, 17), 4 * HOUR)
    assert local(due) == datetime(2024, 6, 10, 11)
    assert business_seconds_between(MADRID, madrid(7, 17), due) == 4 * HOUR


def test_spanish_holiday_on_a_thursday_is_skipped():
    start = madrid(14, 16, month=8)  # Wednesday before the Assumption (Thu 15 Aug)
    due = add_business_time(MADRID, start, 4 * HOUR)
    assert local(due) == datetime(2024, 8, 16, 10)
    assert add_business_time(PLAIN_MADRID, start, 4 * HOUR) == madrid(15, 10, month=8)


def test_christmas_is_skipped():
    start = madrid(24, 16, month=12)  # Tuesday, Christmas Eve is a working day
    assert local(add_business_time(MADRID, start, 4 * HOUR)) == datetime(2024, 12, 26, 10)
    # Dec 24 and 26 are working days, Dec 25 is not: 20 business hours in three days.
    three_days = business_seconds_between(MADRID, madrid(24, 8, month=12), madrid(27, 8, month=12))
    assert three_days == 20 * HOUR


@pytest.mark.parametrize(
    ("start", "expected"),
    [
        (madrid(3, 6, 30), madrid(3, 10)),  # before opening: counting starts at 08:00
        (madrid(3, 18, 0), madrid(4, 10)),  # at closing sharp: nothing left today
        (madrid(3, 21, 15), madrid(4, 10)),  # after closing
        (madrid(8, 12, 0), madrid(10, 10)),  # Saturday
        (madrid(9, 23, 59), madrid(10, 10)),  # Sunday night
        (madrid(3, 8, 0), madrid(3, 10)),  # at opening sharp
    ],
)
def test_start_outside_business_hours(start, expected):
    assert add_business_time(MADRID, start, 2 * HOUR) == expected


def test_due_exactly_at_closing_stays_at_closing():
    assert add_business_time(MADRID, madrid(3, 14), 4 * HOUR) == madrid(3, 18)
    assert add_business_time(MADRID, madrid(7, 8), 10 * HOUR) == madrid(7, 18)
    assert add_business_time(MADRID, madrid(3, 14), 4 * HOUR + 1) == madrid(4, 8, second=1)


def test_zero_duration_returns_the_start_unchanged():
    saturday = madrid(8, 12)
    assert add_business_time(MADRID, saturday, 0) == saturday
    assert add_business_time(MADRID, madrid(3, 9), 0) == madrid(3, 9)


def test_forty_business_hours_span_the_week():
    due = add_business_time(MADRID, madrid(3, 10), 40 * HOUR)
    assert due == madrid(7, 10)  # Mon 8h + Tue/Wed/Thu 30h + Fri 2h
    over_weekend = add_business_time(MADRID, madrid(5, 10), 40 * HOUR)
    assert over_weekend == madrid(11, 10)


def test_business_seconds_between_is_signed_and_ignores_off_hours():
    assert business_seconds_between(MADRID, madrid(7, 17), madrid(10, 9)) == 2 * HOUR
    assert business_seconds_between(MADRID, madrid(10, 9), madrid(7, 17)) == -2 * HOUR
    assert business_seconds_between(MADRID, madrid(8, 0), madrid(9, 23)) == 0
    assert business_seconds_between(MADRID, madrid(3, 9), madrid(3, 9)) == 0


def test_results_are_utc():
    due = add_business_time(MADRID, datetime(2024, 6, 3, 9, tzinfo=MADRID_TZ), HOUR)
    assert due.tzinfo is UTC
    assert due == datetime(2024, 6, 3, 8, tzinfo=UTC)  # 10:00 CEST


def test_dst_spring_forward_week_in_madrid():
    # Sunday 31 March 2024 the clocks go from 02:00 CET to 03:00 CEST.
    friday = madrid(29, 16, month=3)
    due = add_business_time(PLAIN_MADRID, friday, 4 * HOUR)
    assert local(due) == datetime(2024, 4, 1, 10)
    assert due == datetime(2024, 4, 1, 8, tzinfo=UTC)  # naive UTC arithmetic would say 09:00
    assert business_seconds_between(PLAIN_MADRID, friday, due) == 4 * HOUR
    # Good Friday is a national holiday in the calendar with holidays.
    assert local(add_business_time(MADRID, madrid(28, 16, month=3), 4 * HOUR)) == datetime(
        2024, 4, 1, 10
    )


def test_dst_fall_back_week_in_madrid():
    # Sunday 27 October 2024 the clocks go from 03:00 CEST back to 02:00 CET.
    friday = madrid(25, 16, month=10)
    due = add_business_time(PLAIN_MADRID, friday, 4 * HOUR)
    assert local(due) == datetime(2024, 10, 28, 10)
    assert due == datetime(2024, 10, 28, 9, tzinfo=UTC)
    assert business_seconds_between(PLAIN_MADRID, friday, due) == 4 * HOUR


def test_a_window_containing_the_switch_counts_elapsed_time():
    nights = Calendar("Europe/Madrid", time(0), time(6), frozenset(range(7)))
    spring = business_seconds_between(nights, madrid(31, 0, month=3), madrid(31, 6, month=3))
    fall = business_seconds_between(nights, madrid(27, 0, month=10), madrid(27, 6, month=10))
    assert (spring, fall) == (5 * HOUR, 7 * HOUR)


# --- clock_due / stopped_business_seconds --------------------------------------


def test_clock_due_without_stops_is_add_business_time():
    assert clock_due(MADRID, madrid(3, 9), 8 * HOUR) == madrid(3, 17)


def test_open_stop_without_now_leaves_the_deadline_undetermined():
    assert clock_due(MADRID, madrid(3, 9), 8 * HOUR, [(madrid(3, 10), None)]) is None
    # ...but a deadline reached before the stop began is known.
    assert clock_due(MADRID, madrid(3, 9), HOUR, [(madrid(3, 10), None)]) == madrid(3, 10)


def test_stopped_business_seconds_merges_and_counts_running_span_to_now():
    spans = [(madrid(3, 10), madrid(3, 12)), (madrid(3, 11), madrid(3, 13)), (madrid(7, 17), None)]
    assert stopped_business_seconds(MADRID, spans, now=madrid(10, 9)) == 3 * HOUR + 2 * HOUR


def test_span_ending_before_it_starts_is_refused():
    with pytest.raises(ValueError):
        clock_due(MADRID, madrid(3, 9), HOUR, [(madrid(3, 12), madrid(3, 10))])


# --- ticket clocks ------------------------------------------------------------


def clock(response=4.0, resolution=8.0, **kwargs) -> SlaClock:
    """A ticket raised Monday 3 June 2024 at 09:00 Madrid."""
    return SlaClock(MADRID, madrid(3, 9), response, resolution, **kwargs)


def test_new_ticket_deadlines():
    ticket = clock(response=4, resolution=16)
    now = madrid(3, 9, 30)
    assert ticket.response(now).due == madrid(3, 13)
    assert ticket.resolution(now).due == madrid(4, 15)
    assert ticket.response(now).light == SlaLight.ON_TIME
    assert ticket.light(now) == SlaLight.ON_TIME
    assert ticket.response(now).met is None


def test_pause_within_one_day_pushes_both_deadlines():
    ticket = clock(pauses=[(madrid(3, 10), madrid(3, 11, 30))])
    now = madrid(3, 12)
    assert ticket.response(now).due == madrid(3, 14, 30)
    assert ticket.resolution(now).due == madrid(4, 8, 30)  # 17:00 + 1.5 h
    assert not ticket.response(now).paused


def test_pause_across_a_night_and_a_weekend_counts_only_business_time():
    created = madrid(6, 9)  # Thursday
    paused = [(madrid(6, 17), madrid(10, 9))]  # until Monday 09:00: 1 + 10 + 1 business hours
    ticket = SlaClock(MADRID, created, None, 16, pauses=paused)
    assert SlaClock(MADRID, created, None, 16).resolution(created).due == madrid(7, 15)
    assert ticket.resolution(madrid(10, 9)).due == madrid(10, 17)
    assert stopped_business_seconds(MADRID, paused, now=madrid(10, 12)) == 12 * HOUR


def test_pause_over_a_weekend_only_does_not_move_the_deadline():
    created = madrid(7, 9)  # Friday
    weekend = [(madrid(7, 18), madrid(10, 8))]
    ticket = SlaClock(MADRID, created, None, 16, pauses=weekend)
    assert ticket.resolution(madrid(10, 8)).due == madrid(10, 15)


def test_several_pauses_add_up():
    pauses = [(madrid(3, 14), madrid(3, 16)), (madrid(3, 10), madrid(3, 11))]
    ticket = clock(pauses=pauses)
    assert ticket.resolution(madrid(3, 17)).due == madrid(4, 10)
    overlapping = clock(pauses=[(madrid(3, 10), madrid(3, 11)), (madrid(3, 10, 30), madrid(3, 12))])
    assert overlapping.resolution(madrid(3, 17)).due == madrid(4, 9)


def test_pause_after_the_deadline_does_not_move_it_and_breach_wins_over_paused():
    ticket = clock(response=2, pauses=[(madrid(3, 12), None)])
    response = ticket.response(madrid(3, 12, 30))
    assert response.due == madrid(3, 11)
    assert response.paused
    assert response.light == SlaLight.BREACHED
    assert ticket.light(madrid(3, 12, 30)) == SlaLight.BREACHED


def test_running_pause_projects_the_deadline_with_now():
    ticket = clock(response=None, resolution=8, pauses=[(madrid(3, 10), None)])
    # Planned due 17:00; 1 h ran before the pause, 7 h remain from whenever it ends.
    at_three = ticket.resolution(madrid(3, 15))
    assert at_three.paused
    assert at_three.light == SlaLight.PAUSED
    assert at_three.due == madrid(4, 12)  # 17:00 + 5 business hours paused so far
    assert at_three.due == add_business_time(
        MADRID, madrid(3, 17), business_seconds_between(MADRID, madrid(3, 10), madrid(3, 15))
    )
    assert ticket.resolution(madrid(3, 16)).due == madrid(4, 13)
    # Over the weekend the projection stands still: the clock would restart on Monday.
    assert ticket.resolution(madrid(8, 11)).due == madrid(10, 15)
    assert ticket.resolution(madrid(9, 20)).due == madrid(10, 15)
    assert ticket.is_paused(madrid(3, 15))
    assert ticket.light(madrid(3, 15)) == SlaLight.PAUSED


def test_ending_a_pause_fixes_the_projected_deadline():
    running = clock(pauses=[(madrid(3, 10), None)]).resolution(madrid(3, 15))
    ended = clock(pauses=[(madrid(3, 10), madrid(3, 15))]).resolution(madrid(3, 15))
    assert ended.due == running.due == madrid(4, 12)
    assert not ended.paused
    assert ended.light == SlaLight.ON_TIME


def test_sla_change_keeps_the_paused_time():
    ticket = clock(response=4, resolution=16, pauses=[(madrid(3, 10), madrid(4, 10))])
    now = madrid(4, 11)
    assert ticket.resolution(now).due == madrid(5, 15)  # 1 h + 10 h pause + 15 h
    faster = ticket.recompute(response_hours=2, resolution_hours=8)
    assert faster.pauses == ticket.pauses
    assert faster.resolution(now).due == madrid(4, 17)  # 1 h, pause, 7 h from Tue 10:00
    assert faster.response(now).due == madrid(4, 11)
    assert faster.response(now).light == SlaLight.AT_RISK  # now == due: 0 h left
    assert faster.response(now + timedelta(seconds=1)).light == SlaLight.BREACHED
    downgraded = ticket.recompute(response_hours=None, resolution_hours=None)
    assert not downgraded.is_sla
    assert downgraded.light(now) == SlaLight.NON_SLA


def test_sla_change_during_a_running_pause():
    ticket = clock(response=None, resolution=16, pauses=[(madrid(3, 10), None)])
    now = madrid(4, 10)  # 10 business hours paused so far
    assert ticket.resolution(now).due == madrid(5, 15)
    faster = ticket.recompute(response_hours=None, resolution_hours=8)
    assert faster.resolution(now).due == madrid(4, 17)


def test_response_met_or_breached():
    on_time = clock(responded_at=madrid(3, 12))
    assert on_time.response(madrid(5, 9)).met is True
    assert on_time.response(madrid(5, 9)).light == SlaLight.MET
    late = clock(responded_at=madrid(3, 13, 1))
    assert late.response(madrid(5, 9)).met is False
    assert late.response(madrid(5, 9)).light == SlaLight.BREACHED
    exactly = clock(responded_at=madrid(3, 13))
    assert exactly.response(madrid(3, 13)).light == SlaLight.MET


def test_response_is_not_moved_by_pauses_after_it():
    ticket = clock(responded_at=madrid(3, 10), pauses=[(madrid(3, 11), madrid(3, 15))])
    assert ticket.response(madrid(3, 16)).due == madrid(3, 13)
    assert ticket.response(madrid(3, 16)).light == SlaLight.MET
    assert ticket.resolution(madrid(3, 16)).due == madrid(4, 11)


def test_a_solution_counts_as_first_response():
    ticket = clock(solved_spans=[(madrid(3, 10), None)])
    assert ticket.response_done_at == madrid(3, 10)
    assert ticket.response(madrid(4, 9)).light == SlaLight.MET
    assert ticket.resolution(madrid(4, 9)).light == SlaLight.MET
    assert ticket.light(madrid(4, 9)) == SlaLight.MET


def test_reopen_continues_the_resolution_clock_where_it_stopped():
    # 3 business hours ran before the solution at 12:00; reopened Tuesday 10:00.
    solved = clock(solved_spans=[(madrid(3, 12), None)], responded_at=madrid(3, 9, 30))
    assert solved.solved_at == madrid(3, 12)
    assert solved.resolution(madrid(4, 9)).due == madrid(3, 17)
    assert solved.resolution(madrid(4, 9)).met is True
    reopened = clock(solved_spans=[(madrid(3, 12), madrid(4, 10))], responded_at=madrid(3, 9, 30))
    assert reopened.solved_at is None
    now = madrid(4, 11)
    resolution = reopened.resolution(now)
    assert resolution.due == madrid(4, 15)  # 5 h left from Tuesday 10:00
    assert resolution.met is None
    assert resolution.light == SlaLight.ON_TIME
    assert reopened.resolution(madrid(4, 14)).light == SlaLight.AT_RISK  # 1 h of 8 left
    assert reopened.resolution(madrid(4, 15, 1)).light == SlaLight.BREACHED
    # The first response is not affected by the reopen.
    assert reopened.response(now).light == SlaLight.MET
    # Solved again Tuesday 14:30: met, with 30 minutes to spare.
    again = clock(
        solved_spans=[(madrid(3, 12), madrid(4, 10)), (madrid(4, 14, 30), None)],
        responded_at=madrid(3, 9, 30),
    )
    assert again.resolution(madrid(6, 9)).light == SlaLight.MET


def test_a_late_solution_stays_breached_after_reopen():
    late = clock(solved_spans=[(madrid(4, 9), madrid(4, 10))], responded_at=madrid(3, 10))
    assert late.resolution(madrid(4, 10, 30)).due == madrid(3, 17)
    assert late.resolution(madrid(4, 10, 30)).light == SlaLight.BREACHED


def test_from_history_derives_pauses_and_solved_spans():
    history = [
        (madrid(3, 9), TicketStatus.NEW),
        (madrid(3, 9, 30), TicketStatus.ASSIGNED),
        (madrid(3, 10), TicketStatus.PENDING),
        (madrid(3, 11, 30), TicketStatus.PLANNED),
        (madrid(3, 12), TicketStatus.SOLVED),
        (madrid(3, 15), TicketStatus.CLOSED),
        (madrid(4, 10), TicketStatus.ASSIGNED),
        (madrid(4, 11), TicketStatus.PENDING.value),
    ]
    built = SlaClock.from_history(
        MADRID,
        created_at=madrid(3, 9),
        response_hours=4,
        resolution_hours=8,
        history=list(reversed(history)),
        responded_at=madrid(3, 9, 30),
    )
    assert built.pauses == ((madrid(3, 10), madrid(3, 11, 30)), (madrid(4, 11), None))
    assert built.solved_spans == ((madrid(3, 12), madrid(4, 10)),)
    now = madrid(4, 12)
    # 1 h + 0.5 h ran on Monday, 1 h on Tuesday: 5.5 h left after the running pause.
    assert built.resolution(now).due == madrid(4, 17, 30)
    assert built.resolution(now).paused
    assert built.light(now) == SlaLight.PAUSED


def test_non_sla_ticket_has_no_deadlines():
    ticket = clock(response=None, resolution=None, pauses=[(madrid(3, 10), None)])
    now = madrid(10, 9)
    for deadline in (ticket.response(now), ticket.resolution(now)):
        assert deadline.due is None
        assert deadline.at_risk_at is None
        assert deadline.light == SlaLight.NON_SLA
        assert deadline.met is None
    assert not ticket.is_sla
    assert ticket.light(now) == SlaLight.NON_SLA


def test_only_one_clock_covered():
    ticket = clock(response=None, resolution=8)
    assert ticket.is_sla
    assert ticket.response(madrid(3, 10)).light == SlaLight.NON_SLA
    assert ticket.light(madrid(3, 10)) == SlaLight.ON_TIME


def test_at_risk_at_matches_the_light():
    ticket = clock(response=4, resolution=8)
    response = ticket.response(madrid(3, 9))
    assert response.at_risk_at == madrid(3, 12)
    assert ticket.response(madrid(3, 12)).light == SlaLight.ON_TIME
    assert ticket.response(madrid(3, 12, second=1)).light == SlaLight.AT_RISK
    assert ticket.light(madrid(3, 12, 30)) == SlaLight.AT_RISK  # worse of the two clocks


# --- traffic light --------------------------------------------------------------


@pytest.mark.parametrize(
    ("now", "expected"),
    [
        (madrid(3, 9), SlaLight.ON_TIME),
        (madrid(3, 11, 59), SlaLight.ON_TIME),
        (madrid(3, 12), SlaLight.ON_TIME),  # exactly 25 % left
        (madrid(3, 12, second=1), SlaLight.AT_RISK),
        (madrid(3, 13), SlaLight.AT_RISK),  # due now: not yet breached
        (madrid(3, 13, second=1), SlaLight.BREACHED),
        (madrid(10, 9), SlaLight.BREACHED),
    ],
)
def test_light_thresholds(now, expected):
    light = sla_light(MADRID, now, madrid(3, 13), allowed_seconds=4 * HOUR)
    assert light == expected
    assert light == expected.value  # plain strings for templates


def test_light_measures_time_left_in_business_hours():
    due = madrid(4, 9)  # Tuesday 09:00
    # Monday 18:30: only one business hour is left, although 14.5 h remain on the clock.
    assert sla_light(MADRID, madrid(3, 18, 30), due, allowed_seconds=8 * HOUR) == "at_risk"
    assert sla_light(MADRID, madrid(3, 16), due, allowed_seconds=8 * HOUR) == "on_time"


def test_light_done_and_paused():
    due = madrid(3, 13)
    kwargs = {"allowed_seconds": 4 * HOUR}
    assert sla_light(MADRID, madrid(5, 9), due, done_at=madrid(3, 13), **kwargs) == "met"
    assert sla_light(MADRID, madrid(3, 14), due, done_at=madrid(3, 14), **kwargs) == "breached"
    assert sla_light(MADRID, madrid(3, 12, 30), due, paused=True, **kwargs) == "paused"
    assert sla_light(MADRID, madrid(3, 14), due, paused=True, **kwargs) == "breached"
    assert sla_light(MADRID, madrid(3, 14), None, allowed_seconds=None) == "non_sla"
    assert sla_light(MADRID, madrid(3, 9), due, at_risk_fraction=0.5, **kwargs) == "on_time"
    assert sla_light(MADRID, madrid(3, 11, 30), due, at_risk_fraction=0.5, **kwargs) == "at_risk"
    assert AT_RISK_FRACTION == 0.25


def test_worst_light_ranks_alarm_first():
    assert worst_light(["met", "breached"]) == SlaLight.BREACHED
    assert worst_light([SlaLight.ON_TIME, SlaLight.AT_RISK]) == SlaLight.AT_RISK
    assert worst_light(["met", "non_sla"]) == SlaLight.MET
    assert worst_light(["paused", "met"]) == SlaLight.PAUSED
    assert worst_light([]) == SlaLight.NON_SLA


# --- properties -----------------------------------------------------------------

CALENDARS = [
    MADRID,
    Calendar("America/New_York", time(9), time(17, 30), WEEKDAYS),
    Calendar("Asia/Kolkata", time(9, 30), time(18), frozenset({0, 1, 2, 3, 4, 5})),
    Calendar("Australia/Sydney", time(7), time(15), frozenset({1, 3})),
    Calendar("Europe/Madrid", time(0), time(6), frozenset(range(7))),
    Calendar("Europe/London", time(1, 30), time(2, 30), frozenset(range(7))),  # DST gap hour
]
calendars = st.sampled_from(CALENDARS)
instants = st.datetimes(
    min_value=datetime(2023, 1, 1), max_value=datetime(2026, 12, 31), timezones=st.just(UTC)
)
durations = st.floats(min_value=0, max_value=300 * HOUR, allow_nan=False)


def _within_hours(cal: Calendar, at: datetime) -> bool:
    window = cal.window(at.astimezone(cal.zone).date())
    return window is not None and window[0] <= at <= window[1]


@settings(max_examples=150, deadline=None)
@given(cal=calendars, start=instants, seconds=durations)
def test_add_then_measure_round_trips(cal, start, seconds):
    end = add_business_time(cal, start, seconds)
    assert business_seconds_between(cal, start, end) == pytest.approx(seconds, abs=1e-6)


@settings(max_examples=150, deadline=None)
@given(cal=calendars, start=instants, end=instants)
def test_measure_then_add_lands_at_or_before_end(cal, start, end):
    seconds = business_seconds_between(cal, start, end)
    assert seconds == -business_seconds_between(cal, end, start)
    if seconds > 0:
        reached = add_business_time(cal, start, seconds)
        assert reached <= end
        assert business_seconds_between(cal, reached, end) == 0


@settings(max_examples=150, deadline=None)
@given(cal=calendars, start=instants, first=durations, second=durations)
def test_adding_time_never_goes_backwards(cal, start, first, second):
    shorter, longer = sorted((first, second))
    early = add_business_time(cal, start, shorter)
    late = add_business_time(cal, start, longer)
    assert start <= early <= late


@settings(max_examples=150, deadline=None)
@given(cal=calendars, start=instants, seconds=durations)
def test_result_lies_within_business_hours(cal, start, seconds):
    end = add_business_time(cal, start, seconds)
    assert end.tzinfo is UTC
    if timedelta(seconds=seconds):  # durations count to the microsecond
        assert _within_hours(cal, end)
    else:
        assert end == start


@settings(max_examples=100, deadline=None)
@given(
    cal=calendars,
    start=instants,
    seconds=st.floats(min_value=1, max_value=80 * HOUR),
    gaps=st.lists(
        st.tuples(
            st.floats(min_value=0, max_value=100 * HOUR),
            st.floats(min_value=0, max_value=50 * HOUR),
        ),
        max_size=4,
    ),
)
def test_paused_clock_runs_exactly_its_target(cal, start, seconds, gaps):
    pauses = [
        (start + timedelta(seconds=offset), start + timedelta(seconds=offset + length))
        for offset, length in gaps
    ]
    due = clock_due(cal, start, seconds, pauses)
    assert due >= clock_due(cal, start, seconds)
    running = business_seconds_between(cal, start, due)
    stopped = stopped_business_seconds(cal, pauses, now=due)
    assert running - stopped == pytest.approx(seconds, abs=1e-5)
