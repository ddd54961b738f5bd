"""Meter readings (SPEC C4): windows, the rules of a reading, storing, estimates, history."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from sqlmodel import select

from portal.errors import NotFound, PermissionDenied, ValidationFailed
from portal.models import (
    AuditLog,
    CounterType,
    MeterReading,
    MeterReset,
    ReadingSource,
    Role,
)
from portal.services import readings
from tests.factories import (
    assign_product,
    make_account,
    make_model,
    make_org,
    make_product,
    make_user,
)

TODAY = date(2026, 3, 2)
NOW = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


def _model(session, codes=("total", "black", "colour", "scan"), digits=8, duty=50000):
    model = make_model(session)
    model.rated_monthly_duty = duty
    for n, code in enumerate(codes):
        session.add(CounterType(model_id=model.id, code=code, digits=digits, position=n))
    session.flush()
    return model


def _reading(session, product, day, source=ReadingSource.PORTAL, **values):
    reading = MeterReading(product_id=product.id, read_on=day, source=str(source), values=values)
    session.add(reading)
    session.flush()
    return reading


@pytest.fixture
def fleet(session):
    """A colour product read monthly for a year (about 100 pages a day), and its users."""
    org = make_org(session)
    account = make_account(session, org)
    account.invoice_day = 28
    model = _model(session)
    product = make_product(session, account=account, model=model)
    black, colour = 10_000, 5_000
    for month in range(3, 15):
        year, m = (2025, month) if month <= 12 else (2026, month - 12)
        _reading(
            session,
            product,
            date(year, m, 15),
            total=black + colour,
            black=black,
            colour=colour,
            scan=1_000 + month,
        )
        black += 2_000
        colour += 1_000
    admin = make_user(session, org, role=Role.ADMINISTRATOR)
    manager = make_user(session, org, role=Role.DEVICE_MANAGER)
    assign_product(session, manager, product)
    session.commit()
    return {
        "org": org,
        "account": account,
        "model": model,
        "product": product,
        "admin": admin,
        "manager": manager,
    }


def _last(fleet):
    # The last reading in the fixture: 2026-02-15.
    return {"black": 10_000 + 11 * 2_000, "colour": 5_000 + 11 * 1_000, "scan": 1_014}


def _values(black, colour, scan=1_014, total=None):
    return {
        "total": str(black + colour if total is None else total),
        "black": str(black),
        "colour": str(colour),
        "scan": str(scan),
    }


def _check(session, fleet, values, day=TODAY, confirmed=False):
    return readings.check_reading(
        session=session,
        product=fleet["product"],
        read_on=day,
        values=values,
        today=TODAY,
        confirmed=confirmed,
    )


# --- Windows ---------------------------------------------------------------------------


def test_window_opens_15_and_closes_10_days_before_the_invoice(session, fleet):
    window = readings.billing_window(account=fleet["account"], today=date(2026, 3, 2))
    assert window == readings.Window(date(2026, 3, 13), date(2026, 3, 18), date(2026, 3, 28))


def test_window_after_the_close_is_next_months(session, fleet):
    window = readings.billing_window(account=fleet["account"], today=date(2026, 3, 19))
    assert window.invoice_on == date(2026, 4, 28)
    assert readings.billing_window(account=fleet["account"], today=date(2026, 3, 18)).closes_on == (
        date(2026, 3, 18)
    )


def test_invoice_day_is_clamped_to_the_month(session, fleet):
    fleet["account"].invoice_day = 31
    window = readings.billing_window(account=fleet["account"], today=date(2026, 2, 1))
    assert window.invoice_on == date(2026, 2, 28)
    assert window.closes_on == date(2026, 2, 18)


def test_counters_follow_the_model_in_position_order(session, fleet):
    specs = readings.counters_for(session=session, product=fleet["product"])
    assert [c.code for c in specs] == ["total", "black", "colour", "scan"]
    assert specs[0].digits == 8


# --- Rules -----------------------------------------------------------------------------


def test_a_consistent_reading_is_accepted(session, fleet):
    last = _last(fleet)
    check = _check(session, fleet, _values(last["black"] + 1500, last["colour"] + 700))
    assert check.status == readings.ACCEPTED
    assert check.errors == {}


def test_an_equal_value_is_allowed(session, fleet):
    last = _last(fleet)
    check = _check(session, fleet, _values(last["black"], last["colour"]))
    assert check.status == readings.ACCEPTED


def test_every_counter_is_required(session, fleet):
    values = _values(32_500, 16_200)
    values["scan"] = "  "
    check = _check(session, fleet, values)
    assert check.status == readings.REJECTED
    assert check.errors == {"scan": readings.ERROR_REQUIRED}


@pytest.mark.parametrize("bad", ["12a", "-5", "+5", "1.5", "1,5", "1 000", "٣٣", "1e3"])
def test_only_whole_numbers_of_digits(session, fleet, bad):
    values = _values(32_500, 16_200)
    values["scan"] = bad
    check = _check(session, fleet, values)
    assert check.errors["scan"] == readings.ERROR_NOT_NUMBER


def test_surrounding_spaces_are_ignored(session, fleet):
    values = _values(32_500, 16_200)
    values["scan"] = " 1100 "
    assert _check(session, fleet, values).status == readings.ACCEPTED


def test_at_most_the_counters_digits(session, fleet):
    values = _values(32_500, 16_200)
    values["scan"] = "123456789"
    check = _check(session, fleet, values)
    assert check.errors["scan"] == readings.ERROR_TOO_MANY_DIGITS


def test_lower_than_the_last_value_is_rejected(session, fleet):
    values = _values(32_500, 16_200, scan=1_000)
    check = _check(session, fleet, values)
    assert check.status == readings.REJECTED
    assert check.errors == {"scan": readings.ERROR_BELOW_PREVIOUS}


def test_a_meter_reset_allows_a_lower_value(session, fleet):
    session.add(
        MeterReset(product_id=fleet["product"].id, counter_code="scan", reset_on=date(2026, 2, 20))
    )
    session.flush()
    check = _check(session, fleet, _values(32_500, 16_200, scan=50))
    assert check.status == readings.ACCEPTED
    # A reset of another counter does not help.
    values = _values(32_500, 16_200)
    values["black"], values["total"] = "100", str(100 + 16_200)
    assert _check(session, fleet, values).errors["black"] == readings.ERROR_BELOW_PREVIOUS


def test_a_reset_before_the_last_reading_does_not_allow_a_lower_value(session, fleet):
    session.add(
        MeterReset(product_id=fleet["product"].id, counter_code="scan", reset_on=date(2026, 1, 1))
    )
    session.flush()
    check = _check(session, fleet, _values(32_500, 16_200, scan=50))
    assert check.errors == {"scan": readings.ERROR_BELOW_PREVIOUS}


def test_rollover_at_the_counters_maximum(session):
    org = make_org(session)
    model = _model(session, codes=("total",), digits=6)
    product = make_product(session, account=make_account(session, org), model=model)
    _reading(session, product, date(2026, 2, 1), total=999_500)

    def check(value):
        return readings.check_reading(
            session=session, product=product, read_on=TODAY, values={"total": value}, today=TODAY
        )

    assert check("120").status == readings.ACCEPTED
    assert check("1000000").errors == {"total": readings.ERROR_TOO_MANY_DIGITS}
    # Far from the maximum a lower value is no rollover.
    _reading(session, product, date(2026, 2, 10), total=500_000)
    assert check("120").errors == {"total": readings.ERROR_BELOW_PREVIOUS}


def test_total_must_equal_black_plus_colour(session, fleet):
    check = _check(session, fleet, _values(32_500, 16_200, total=60_001))
    assert check.errors == {"total": readings.ERROR_TOTAL_MISMATCH}


def test_split_counters_must_add_up(session):
    org = make_org(session)
    codes = ("total", "black", "colour", "black_a3", "black_a4", "colour_a3", "colour_a4")
    product = make_product(
        session, account=make_account(session, org), model=_model(session, codes)
    )
    good = {
        "total": "30",
        "black": "20",
        "colour": "10",
        "black_a3": "5",
        "black_a4": "15",
        "colour_a3": "4",
        "colour_a4": "6",
    }
    check = readings.check_reading(
        session=session, product=product, read_on=TODAY, values=good, today=TODAY
    )
    assert check.status == readings.ACCEPTED
    bad = {**good, "black_a4": "16"}
    check = readings.check_reading(
        session=session, product=product, read_on=TODAY, values=bad, today=TODAY
    )
    assert check.errors == {"black": readings.ERROR_SPLIT_MISMATCH}


def test_date_must_be_after_the_previous_reading(session, fleet):
    last = _last(fleet)
    values = _values(last["black"], last["colour"])
    assert _check(session, fleet, values, day=date(2026, 2, 15)).errors == {
        "read_on": readings.ERROR_DATE_NOT_AFTER
    }
    assert _check(session, fleet, values, day=date(2026, 2, 1)).errors == {
        "read_on": readings.ERROR_DATE_NOT_AFTER
    }
    assert _check(session, fleet, values, day=date(2026, 2, 16)).status == readings.ACCEPTED


def test_date_may_not_be_in_the_future(session, fleet):
    last = _last(fleet)
    check = _check(session, fleet, _values(last["black"], last["colour"]), day=date(2026, 3, 3))
    assert check.errors == {"read_on": readings.ERROR_DATE_FUTURE}


def test_counters_the_model_does_not_have_are_rejected(session, fleet):
    values = {**_values(32_500, 16_200), "black_a3": "5"}
    assert _check(session, fleet, values).errors == {"black_a3": readings.ERROR_UNKNOWN_COUNTER}


def test_far_above_history_needs_confirmation(session, fleet):
    last = _last(fleet)
    # 15 days at ~65 pages a day on black; 20,000 more is ~1,300 a day.
    values = _values(last["black"] + 20_000, last["colour"] + 500)
    check = _check(session, fleet, values)
    assert check.status == readings.NEEDS_CONFIRMATION
    assert check.warnings == {
        "black": readings.WARNING_HISTORY,
        "total": readings.WARNING_HISTORY,
    }
    assert check.errors == {}
    assert _check(session, fleet, values, confirmed=True).status == readings.ACCEPTED


def test_above_rated_duty_needs_confirmation(session, fleet):
    fleet["model"].rated_monthly_duty = 3_000  # 200 pages a day at most
    last = _last(fleet)
    check = _check(session, fleet, _values(last["black"] + 4_000, last["colour"]))
    assert check.status == readings.NEEDS_CONFIRMATION
    assert check.warnings["black"] == readings.WARNING_DUTY


def test_small_volumes_never_warn(session, fleet):
    last = _last(fleet)
    # Far above the scan counter's average, but under the minimum daily volume.
    check = _check(session, fleet, _values(last["black"] + 900, last["colour"], scan=2_014))
    assert check.status == readings.ACCEPTED
    assert check.warnings == {}


def test_check_reading_changes_nothing(session, fleet):
    before = len(session.exec(select(MeterReading)).all())
    _check(session, fleet, _values(999_999, 1))
    _check(session, fleet, _values(32_500, 16_200))
    assert len(session.exec(select(MeterReading)).all()) == before


# --- Submitting ------------------------------------------------------------------------


def _submit(session, fleet, values, actor=None, day=TODAY, **kwargs):
    return readings.submit_reading(
        session=session,
        actor=actor or fleet["manager"],
        product_id=fleet["product"].id,
        read_on=day,
        values=values,
        now=NOW,
        **kwargs,
    )


def _readings_of(session, product):
    return session.exec(
        select(MeterReading)
        .where(MeterReading.product_id == product.id)
        .order_by(MeterReading.read_on.desc())
    ).all()


def test_an_accepted_reading_is_stored_with_its_source_and_author(session, fleet):
    last = _last(fleet)
    check = _submit(session, fleet, _values(last["black"] + 1_000, last["colour"] + 500))
    assert check.status == readings.ACCEPTED
    stored = _readings_of(session, fleet["product"])[0]
    assert stored.id == check.reading_id
    assert stored.values == {
        "total": last["black"] + last["colour"] + 1_500,
        "black": last["black"] + 1_000,
        "colour": last["colour"] + 500,
        "scan": 1_014,
    }
    assert stored.source == ReadingSource.PORTAL.value
    assert stored.entered_by_id == fleet["manager"].id
    assert stored.confirmed_implausible is False
    entry = session.exec(select(AuditLog).where(AuditLog.action == "reading.submitted")).one()
    assert entry.organisation_id == fleet["org"].id


def test_a_rejected_or_unconfirmed_reading_changes_nothing(session, fleet):
    count = len(_readings_of(session, fleet["product"]))
    last = _last(fleet)
    assert _submit(session, fleet, _values(1, 1)).status == readings.REJECTED
    huge = _values(last["black"] + 20_000, last["colour"])
    assert _submit(session, fleet, huge).status == readings.NEEDS_CONFIRMATION
    assert len(_readings_of(session, fleet["product"])) == count
    assert session.exec(select(AuditLog)).all() == []


def test_a_confirmed_implausible_reading_is_flagged(session, fleet):
    last = _last(fleet)
    huge = _values(last["black"] + 20_000, last["colour"])
    check = _submit(session, fleet, huge, confirmed=True)
    assert check.status == readings.ACCEPTED
    assert _readings_of(session, fleet["product"])[0].confirmed_implausible is True


def test_another_organisations_product_is_not_found(session, fleet):
    stranger = make_user(session, make_org(session), role=Role.ADMINISTRATOR)
    with pytest.raises(NotFound):
        _submit(session, fleet, _values(32_500, 16_200), actor=stranger)


def test_an_unassigned_device_manager_does_not_find_the_product(session, fleet):
    other = make_user(session, fleet["org"], role=Role.DEVICE_MANAGER)
    with pytest.raises(NotFound):
        _submit(session, fleet, _values(32_500, 16_200), actor=other)


@pytest.mark.parametrize("role", [Role.KNOWLEDGE_USER, Role.STOCK_MANAGER, Role.PROVIDER_ADMIN])
def test_other_roles_may_not_submit(session, fleet, role):
    user = make_user(session, fleet["org"], role=role)
    with pytest.raises(PermissionDenied):
        _submit(session, fleet, _values(32_500, 16_200), actor=user)


def test_an_administrator_submits_and_an_agent_submits_as_staff(session, fleet):
    last = _last(fleet)
    check = _submit(
        session,
        fleet,
        _values(last["black"] + 10, last["colour"]),
        actor=fleet["admin"],
        day=date(2026, 2, 20),
    )
    assert check.status == readings.ACCEPTED
    agent = make_user(session, role=Role.AGENT)
    check = _submit(session, fleet, _values(last["black"] + 20, last["colour"]), actor=agent)
    assert check.status == readings.ACCEPTED
    assert _readings_of(session, fleet["product"])[0].source == ReadingSource.STAFF.value


def test_customers_cannot_claim_another_source(session, fleet):
    with pytest.raises(PermissionDenied):
        _submit(session, fleet, _values(32_500, 16_200), source=ReadingSource.AUTOMATIC)


def test_automatic_capture_products_are_refused(session, fleet):
    fleet["product"].auto_capture = True
    session.flush()
    with pytest.raises(ValidationFailed) as failed:
        _submit(session, fleet, _values(32_500, 16_200))
    assert failed.value.errors == {"product": readings.ERROR_AUTO_CAPTURE}


def test_a_real_reading_replaces_the_estimate_of_its_window(session, fleet):
    product = fleet["product"]
    # The February window (invoice 28 Feb) closed on 18 Feb; the estimate is dated then.
    estimate = _reading(
        session,
        product,
        date(2026, 2, 18),
        source=ReadingSource.ESTIMATED,
        total=99,
        black=66,
        colour=33,
        scan=1,
    )
    older = _reading(
        session,
        product,
        date(2026, 1, 18),
        source=ReadingSource.ESTIMATED,
        total=9,
        black=6,
        colour=3,
        scan=1,
    )
    last = _last(fleet)
    check = _submit(session, fleet, _values(last["black"] + 500, last["colour"]), day=TODAY)
    assert check.status == readings.ACCEPTED
    ids = {r.id for r in _readings_of(session, product)}
    assert estimate.id not in ids
    assert older.id in ids


def test_estimates_are_no_baseline(session, fleet):
    last = _last(fleet)
    _reading(
        session,
        fleet["product"],
        date(2026, 2, 18),
        source=ReadingSource.ESTIMATED,
        total=10**7,
        black=10**7 - 1,
        colour=1,
        scan=10**6,
    )
    check = _check(
        session, fleet, _values(last["black"] + 100, last["colour"]), day=date(2026, 2, 17)
    )
    assert check.status == readings.ACCEPTED


def test_a_second_submission_for_the_same_day_is_rejected(engine, fleet):
    from sqlmodel import Session

    last = _last(fleet)
    values = _values(last["black"] + 100, last["colour"])
    with Session(engine) as first:
        assert _submit(first, fleet, values).status == readings.ACCEPTED
        first.commit()
    with Session(engine) as second:
        assert _submit(second, fleet, values).errors == {"read_on": readings.ERROR_DATE_NOT_AFTER}


def test_concurrent_submissions_do_not_both_succeed(engine, fleet):
    """Two transactions at once (PostgreSQL): the second waits for the product's lock."""
    import threading

    from sqlmodel import Session

    if engine.dialect.name != "postgresql":
        pytest.skip("row locks are a PostgreSQL matter; SQLite serialises writers")
    last = _last(fleet)
    values = _values(last["black"] + 100, last["colour"])
    outcome = {}
    with Session(engine) as first:
        assert _submit(first, fleet, values).status == readings.ACCEPTED

        def second_submission():
            with Session(engine) as second:
                outcome["check"] = _submit(second, fleet, values)
                second.commit()

        thread = threading.Thread(target=second_submission)
        thread.start()
        thread.join(timeout=1)
        assert thread.is_alive(), "the second submission must wait for the first"
        first.commit()
    thread.join(timeout=10)
    assert outcome["check"].status == readings.REJECTED
    with Session(engine) as session:
        stored = session.exec(select(MeterReading).where(MeterReading.read_on == TODAY)).all()
    assert len(stored) == 1


# --- Meter resets ----------------------------------------------------------------------


def test_only_agents_record_meter_resets(session, fleet):
    with pytest.raises(PermissionDenied):
        readings.record_meter_reset(
            session=session,
            actor=fleet["admin"],
            product_id=fleet["product"].id,
            counter_code="scan",
            reset_on=TODAY,
            now=NOW,
        )
    agent = make_user(session, role=Role.AGENT)
    with pytest.raises(ValidationFailed) as failed:
        readings.record_meter_reset(
            session=session,
            actor=agent,
            product_id=fleet["product"].id,
            counter_code="nope",
            reset_on=date(2026, 3, 5),
            now=NOW,
        )
    assert failed.value.errors == {
        "counter": readings.ERROR_UNKNOWN_COUNTER,
        "read_on": readings.ERROR_DATE_FUTURE,
    }
    reset = readings.record_meter_reset(
        session=session,
        actor=agent,
        product_id=fleet["product"].id,
        counter_code="scan",
        reset_on=TODAY,
        now=NOW,
    )
    assert reset.recorded_by_id == agent.id
    assert session.exec(select(AuditLog).where(AuditLog.action == "reading.meter_reset")).one()


# --- Estimates -------------------------------------------------------------------------


def test_estimate_missing_stores_one_estimate_from_history(session, fleet):
    closed = date(2026, 3, 18)
    assert readings.estimate_missing(session=session, window_closed_on=closed, now=NOW) == 1
    assert readings.estimate_missing(session=session, window_closed_on=closed, now=NOW) == 0
    estimate = _readings_of(session, fleet["product"])[0]
    assert estimate.source == ReadingSource.ESTIMATED.value
    assert estimate.read_on == closed
    last = _last(fleet)
    # ~2,000 black pages a month over the year → about 66 a day for 31 days.
    assert last["black"] + 1_900 < estimate.values["black"] < last["black"] + 2_200
    assert estimate.values["total"] == estimate.values["black"] + estimate.values["colour"]


def test_no_estimate_when_a_real_reading_exists_or_capture_is_automatic(session, fleet):
    closed = date(2026, 3, 18)
    _reading(session, fleet["product"], date(2026, 3, 14), total=1, black=1, colour=0, scan=1)
    assert readings.estimate_missing(session=session, window_closed_on=closed, now=NOW) == 0
    other = make_product(session, account=fleet["account"], model=fleet["model"])
    other.auto_capture = True
    _reading(session, other, date(2026, 1, 1), total=1, black=1, colour=0, scan=1)
    assert readings.estimate_missing(session=session, window_closed_on=closed, now=NOW) == 0


def test_estimates_only_for_windows_closing_that_day(session, fleet):
    assert readings.estimate_missing(session=session, window_closed_on=date(2026, 3, 17)) == 0


# --- Due products ----------------------------------------------------------------------


def test_due_products_statuses(session, fleet):
    account, model = fleet["account"], fleet["model"]
    done = make_product(session, account=account, model=model, serial="B-DONE")
    _reading(session, done, date(2026, 3, 14), total=1, black=1, colour=0, scan=1)
    overdue = make_product(session, account=account, model=model, serial="A-OVERDUE")
    _reading(session, overdue, date(2026, 1, 15), total=1, black=1, colour=0, scan=1)
    auto = make_product(session, account=account, model=model, serial="C-AUTO")
    auto.auto_capture = True
    session.commit()
    page = readings.due_products(session=session, actor=fleet["admin"], today=date(2026, 3, 16))
    statuses = {row["serial"]: row["status"] for row in page.rows}
    assert statuses == {
        "A-OVERDUE": "overdue",
        fleet["product"].serial: "due",
        "B-DONE": "done",
        "C-AUTO": "automatic",
    }
    assert [r["status"] for r in page.rows] == ["overdue", "due", "done", "automatic"]
    due_row = next(r for r in page.rows if r["status"] == "due")
    assert due_row["last_read_on"] == "2026-02-15"
    assert due_row["closes_on"] == "2026-03-18"
    only = readings.due_products(
        session=session, actor=fleet["admin"], today=date(2026, 3, 16), status_filter="done"
    )
    assert [r["serial"] for r in only.rows] == ["B-DONE"]
    assert only.total == 1


def test_due_products_are_scoped_and_paged(session, fleet):
    for n in range(3):
        make_product(session, account=fleet["account"], model=fleet["model"], serial=f"X{n}")
    session.commit()
    assert readings.due_products(session=session, actor=fleet["manager"]).total == 1
    page = readings.due_products(session=session, actor=fleet["admin"], page_size=10, page=9)
    assert page.total == 4 and page.page == 1
    knowledge = make_user(session, fleet["org"], role=Role.KNOWLEDGE_USER)
    assert readings.due_products(session=session, actor=knowledge).rows == []


# --- History ---------------------------------------------------------------------------


def test_reading_history_rows_and_chart(session, fleet, clock):
    history = readings.reading_history(
        session=session, actor=fleet["manager"], product_id=fleet["product"].id
    )
    assert history["counters"] == ["total", "black", "colour", "scan"]
    assert history["rows"][0]["read_on"] == "2026-02-15"
    assert history["rows"][0]["values"][1] == str(_last(fleet)["black"])
    assert history["chart"][-1] == {
        "month": "2026-02",
        "total": 3_000,
        "black": 2_000,
        "colour": 1_000,
        "scan": 1,
    }
    assert history["can_reset"] is False
    stranger = make_user(session, make_org(session), role=Role.ADMINISTRATOR)
    with pytest.raises(NotFound):
        readings.reading_history(session=session, actor=stranger, product_id=fleet["product"].id)


def test_account_volume_sums_the_products_in_scope(session, fleet, clock):
    other = make_product(session, account=fleet["account"], model=fleet["model"])
    _reading(session, other, date(2026, 1, 15), total=0, black=0, colour=0, scan=0)
    _reading(session, other, date(2026, 2, 15), total=100, black=100, colour=0, scan=0)
    session.commit()
    admin_chart = readings.account_volume(
        session=session, actor=fleet["admin"], account_id=fleet["account"].id
    )
    assert admin_chart[-1]["black"] == 2_100
    manager_chart = readings.account_volume(
        session=session, actor=fleet["manager"], account_id=fleet["account"].id
    )
    assert manager_chart[-1]["black"] == 2_000
    stranger = make_user(session, make_org(session), role=Role.ADMINISTRATOR)
    with pytest.raises(NotFound):
        readings.account_volume(session=session, actor=stranger, account_id=fleet["account"].id)
