"""Product detail, picker and location edit (SPEC B3, B4), scoped by role (SPEC A6)."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from sqlmodel import select

from portal.errors import NotFound, PermissionDenied, ValidationFailed
from portal.i18n import all_messages
from portal.models import (
    AuditLog,
    CounterType,
    Location,
    MeterReading,
    MeterReset,
    Product,
    Role,
    Ticket,
    TicketStatus,
    UserProduct,
)
from portal.services import products
from portal.services.products import ProductLocationUpdate, monthly_volume
from portal.settings import settings
from tests.factories import (
    assign_product,
    make_account,
    make_contract_line,
    make_group,
    make_model,
    make_org,
    make_product,
    make_user,
)

COUNTERS = ("total", "black", "colour", "scan")


def _at(day: date) -> datetime:
    return datetime.combine(day, datetime.min.time(), tzinfo=UTC)


@pytest.fixture
def fleet(session, clock):
    """An organisation with a fully described product, a second product, and other users."""
    org = make_org(session, name="Demo")
    account = make_account(session, org, number="AC-1")
    line = make_contract_line(session, account)
    model = make_model(session, name="Acme C3530i / A3")
    session.add_all(
        CounterType(model_id=model.id, code=code, position=n) for n, code in enumerate(COUNTERS)
    )
    product = make_product(session, account=account, model=model, serial="SN-MAIN")
    product.contract_line_id = line.id
    product.alternative_name = "Recepción"
    product.system_account_number = "7001234"
    product.ip_address = "10.1.2.3"
    product.mac_address = "00:26:73:AA:BB:CC"
    product.firmware = "3.10.0"
    product.options = ["Finisher", "Fax"]
    product.auto_capture = True
    product.toner_levels = {"yellow": 80, "black": 15, "cyan": 20}
    product.installed_on = date(2023, 5, 4)
    session.add(product)
    other = make_product(session, account=account, model=model, serial="SN-OTHER")

    manager = make_user(session, org, role=Role.DEVICE_MANAGER, last_name="Direct")
    assign_product(session, manager, product)
    grouped = make_user(session, org, role=Role.DEVICE_MANAGER, last_name="Grouped")
    make_group(session, org, products=[product], users=[grouped], name="Sede Madrid")
    admin = make_user(session, org, role=Role.ADMINISTRATOR, last_name="Admin")
    reader = make_user(session, org, role=Role.KNOWLEDGE_USER)
    stranger_org = make_org(session)
    stranger = make_user(session, stranger_org, role=Role.DEVICE_MANAGER, last_name="Stranger")
    # A user of another organisation linked by mistake must not be listed as a manager.
    session.add(UserProduct(user_id=stranger.id, product_id=product.id))
    foreign = make_product(session, stranger_org, serial="SN-FOREIGN")
    assign_product(session, stranger, foreign)

    now = clock()
    for n in range(3):
        session.add(
            Ticket(
                number=f"OPEN-{n}",
                product_id=product.id,
                ticket_type="paper_jam",
                status=TicketStatus.NEW.value,
                created_at=now - timedelta(days=10 - n),
            )
        )
    session.add(
        Ticket(
            number="CLOSED-OLD",
            product_id=product.id,
            status=TicketStatus.CLOSED.value,
            created_at=now - timedelta(days=90),
            closed_at=now - timedelta(days=80),
        )
    )
    session.add(
        Ticket(
            number="CLOSED-NEW",
            product_id=product.id,
            status=TicketStatus.SOLVED.value,
            created_at=now - timedelta(days=60),
            solved_at=now - timedelta(days=5),
        )
    )
    session.add(Ticket(number="OTHER-1", product_id=other.id))
    # Readings on the 10th of Nov, Dec, Feb (none in January).
    for day, total in ((date(2025, 11, 10), 1000), (date(2025, 12, 10), 1600)):
        session.add(
            MeterReading(
                product_id=product.id,
                read_on=day,
                values={"total": total, "black": total, "colour": 0, "scan": 10},
            )
        )
    session.add(
        MeterReading(
            product_id=product.id,
            read_on=date(2026, 2, 10),
            source="automatic",
            values={"total": 2601, "black": 2601, "colour": 0, "scan": 10},
        )
    )
    session.commit()
    return {
        "org": org,
        "account": account,
        "line": line,
        "model": model,
        "product": product,
        "other": other,
        "foreign": foreign,
        "manager": manager,
        "grouped": grouped,
        "admin": admin,
        "reader": reader,
        "stranger": stranger,
    }


def _location_of(session, product_id: int) -> Location:
    product = session.get(Product, product_id)
    return session.get(Location, product.location_id)


def _update(**changes) -> ProductLocationUpdate:
    values = {
        "alternative_name": "Recepción",
        "site": "HQ",
        "address": "Calle Mayor 1",
        "postal_code": "28001",
        "city": "Madrid",
        "floor": "",
        "room": "",
        "contact_name": "",
        "contact_phone": "",
    }
    values.update(changes)
    return ProductLocationUpdate(**values)


def _audit_rows(session) -> list[AuditLog]:
    return list(session.exec(select(AuditLog).order_by(AuditLog.id)).all())


# --- Detail ---------------------------------------------------------------------------


def test_detail_of_an_in_scope_product_has_every_section(session, fleet):
    product = fleet["product"]

    detail = products.product_detail(session=session, actor=fleet["admin"], product_id=product.id)

    general = detail["general"]
    assert general["serial"] == "SN-MAIN"
    assert general["model"] == "Acme C3530i / A3"
    assert general["product_name"] == "Acme C3530i / A3"
    assert general["alternative_name"] == "Recepción"
    assert (general["address"], general["postal_code"], general["city"]) == (
        "Calle Mayor 1",
        "28001",
        "Madrid",
    )
    assert (general["account_number"], general["system_account_number"]) == ("AC-1", "7001234")
    assert general["status_key"] == "product.status.active"
    assert general["maintenance_key"] == "product.maintenance.covered"
    assert general["sync_key"] == "sync_status.synced"
    assert general["installed_on"] == "2023-05-04"

    assert [m["name"] for m in detail["managers"]] == ["Test Direct", "Test Grouped"]
    assert detail["managers"][0]["direct"] is True
    assert detail["managers"][1]["groups"] == "Sede Madrid"
    assert detail["technical"] == {
        "ip_address": "10.1.2.3",
        "mac_address": "00:26:73:AA:BB:CC",
        "firmware": "3.10.0",
    }

    coverage = detail["coverage"]
    assert coverage["covered"] is True
    assert coverage["contract_number"] == fleet["line"].contract_number
    assert (coverage["service_level"], coverage["response_hours"]) == ("Gold", "4")
    assert (coverage["resolution_hours"], coverage["end_date"]) == ("8", "2028-12-31")

    assert detail["options"] == ["Finisher", "Fax"]
    assert detail["auto_capture"] is True
    assert detail["auto_replenish"] is False
    assert [(t["colour"], t["level"], t["low"]) for t in detail["toners"]] == [
        ("black", 15, True),
        ("cyan", 20, False),  # at the threshold is not below it (as the low-toner alerts)
        ("yellow", 80, False),
    ]

    tickets = detail["tickets"]
    assert [t["number"] for t in tickets["open"]] == ["OPEN-2", "OPEN-1", "OPEN-0"]
    assert [t["number"] for t in tickets["closed"]] == ["CLOSED-NEW", "CLOSED-OLD"]
    assert (tickets["open_count"], tickets["closed_count"]) == (3, 2)
    assert tickets["open"][0]["type_key"] == "ticket_type.paper_jam"
    assert tickets["closed"][0]["closed_on"] == "2026-02-25"

    assert [c["code"] for c in detail["counters"]] == list(COUNTERS)
    assert [r["read_on"] for r in detail["readings"]] == ["2026-02-10", "2025-12-10", "2025-11-10"]
    assert detail["readings"][0]["values"] == ["2601", "2601", "0", "10"]
    assert detail["readings"][0]["source_key"] == "product.source.automatic"
    assert [(row["month"], row["total"]) for row in detail["monthly_volume"]] == [
        ("2025-12", 600),
        ("2026-01", 500),
        ("2026-02", 501),
    ]

    assert detail["links"]["download"] == settings.download_centre_url
    assert detail["permissions"] == {
        "can_edit": True,
        "can_create_ticket": True,
        "can_submit_reading": True,
        "can_request_move": True,
    }


def test_detail_tells_what_the_collector_last_saw_and_whether_it_still_reports(session, fleet):
    product = fleet["product"]  # on automatic capture
    seen = datetime(2026, 2, 20, 7, 30, tzinfo=UTC)
    product.last_contact_at = seen
    product.device_status = "warning"
    product.device_alerts = [{"code": "10003", "severity": "warning", "description": "Low toner"}]
    session.commit()

    def capture_at(now):
        return products.product_detail(
            session=session, actor=fleet["admin"], product_id=product.id, now=now
        )["capture"]

    fresh = capture_at(seen + timedelta(days=2))
    assert fresh["last_contact"] == "2026-02-20 07:30"
    assert fresh["not_reporting"] is False
    assert fresh["device_status_key"] == "product.device_status.warning"
    assert fresh["alerts"] == [{"code": "10003", "severity": "warning", "description": "Low toner"}]
    assert capture_at(seen + timedelta(days=7, minutes=1))["not_reporting"] is True


def test_device_manager_gets_not_found_outside_their_products(session, fleet):
    manager = fleet["manager"]

    for product in (fleet["other"], fleet["foreign"]):
        with pytest.raises(NotFound):
            products.product_detail(session=session, actor=manager, product_id=product.id)
    with pytest.raises(NotFound):
        products.product_detail(session=session, actor=manager, product_id="../1")


def test_group_manager_sees_the_product_and_may_act_on_it(session, fleet):
    detail = products.product_detail(
        session=session, actor=fleet["grouped"], product_id=fleet["product"].id
    )

    assert detail["general"]["serial"] == "SN-MAIN"
    assert detail["permissions"]["can_edit"] is True
    assert detail["permissions"]["can_request_move"] is True


def test_knowledge_user_sees_no_product(session, fleet):
    with pytest.raises(NotFound):
        products.product_detail(
            session=session, actor=fleet["reader"], product_id=fleet["product"].id
        )


def test_stock_manager_sees_but_may_not_act(session, fleet):
    keeper = make_user(session, fleet["org"], role=Role.STOCK_MANAGER)
    assign_product(session, keeper, fleet["product"])

    detail = products.product_detail(session=session, actor=keeper, product_id=fleet["product"].id)

    assert set(detail["permissions"].values()) == {False}


def test_inactive_product_offers_no_requests(session, fleet):
    fleet["product"].status = "inactive"
    session.add(fleet["product"])
    session.commit()

    detail = products.product_detail(
        session=session, actor=fleet["admin"], product_id=fleet["product"].id
    )

    assert detail["permissions"]["can_create_ticket"] is False
    assert detail["permissions"]["can_edit"] is True


def test_expired_or_missing_contract_line_is_non_sla(session, fleet):
    line = fleet["line"]
    line.end_date = date(2026, 1, 31)
    session.add(line)
    session.commit()

    expired = products.product_detail(
        session=session, actor=fleet["admin"], product_id=fleet["product"].id
    )
    without = products.product_detail(
        session=session, actor=fleet["admin"], product_id=fleet["other"].id
    )

    assert expired["coverage"]["covered"] is False
    assert expired["coverage"]["has_line"] is True
    assert without["coverage"]["covered"] is False
    assert without["coverage"]["has_line"] is False


def test_tickets_and_readings_are_capped(session, fleet):
    product = fleet["other"]
    for n in range(55):
        session.add(Ticket(number=f"B{n:03d}", product_id=product.id))
    start = date(2022, 1, 5)
    for n in range(40):
        session.add(
            MeterReading(
                product_id=product.id,
                read_on=start + timedelta(days=30 * n),
                values={"total": 100 * n},
            )
        )
    session.commit()

    detail = products.product_detail(session=session, actor=fleet["admin"], product_id=product.id)

    assert len(detail["tickets"]["open"]) == 50
    assert detail["tickets"]["open_count"] == 56
    assert len(detail["readings"]) == 36
    assert detail["readings"][0]["read_on"] == (start + timedelta(days=30 * 39)).isoformat()
    assert len(detail["monthly_volume"]) <= 24


# --- Monthly volume -------------------------------------------------------------------


def test_monthly_volume_spreads_a_missing_month_and_keeps_per_counter_values():
    readings = [
        (date(2025, 4, 12), {"total": 2000, "scan": 50}),
        (date(2025, 1, 10), {"total": 1000, "scan": 10}),
        (date(2025, 2, 10), {"total": 1300, "scan": 30}),
    ]

    rows = monthly_volume(readings, ["total", "scan"], today=date(2025, 5, 1))

    assert rows == [
        {"month": "2025-02", "total": 300, "scan": 20},
        {"month": "2025-03", "total": 350, "scan": 10},
        {"month": "2025-04", "total": 350, "scan": 10},
    ]


def test_monthly_volume_sums_readings_within_a_month_and_keeps_the_window():
    readings = [
        (date(2022, 1, 10), {"total": 0}),
        (date(2022, 2, 10), {"total": 100}),
        (date(2025, 3, 1), {"total": 200}),
        (date(2025, 3, 20), {"total": 260}),
    ]

    rows = monthly_volume(readings, ["total"], today=date(2025, 3, 25), months=3)

    assert [row["month"] for row in rows] == ["2025-01", "2025-02", "2025-03"]
    # 2022-02 → 2025-03 spreads 100 pages over 37 months (2 each, the last 26 get one more),
    # then March adds the 60 pages between its two readings.
    assert [row["total"] for row in rows] == [3, 3, 63]


def test_monthly_volume_counts_resets_and_rollovers_but_not_bad_values():
    readings = [
        (date(2025, 1, 10), {"total": 5000, "scan": 999_900}),
        (date(2025, 2, 10), {"total": 40, "scan": 100}),
        (date(2025, 3, 10), {"total": 10, "scan": 50}),
    ]

    rows = monthly_volume(
        readings,
        ["total", "scan"],
        today=date(2025, 3, 31),
        digits={"total": 8, "scan": 6},
        resets=[("total", date(2025, 2, 1))],
    )

    # February: total restarted after the reset, scan rolled over at 999,999.
    # March: lower values without a reset or rollover are left out, not shown as volume.
    assert rows == [{"month": "2025-02", "total": 40, "scan": 200}]


def test_monthly_volume_without_two_readings_is_empty():
    assert monthly_volume([], ["total"], today=date(2025, 1, 1)) == []
    assert (
        monthly_volume([(date(2025, 1, 1), {"total": 5})], ["total"], today=date(2025, 2, 1)) == []
    )


def test_detail_uses_recorded_meter_resets(session, fleet):
    product = fleet["other"]
    session.add_all(
        [
            MeterReading(product_id=product.id, read_on=date(2026, 1, 5), values={"total": 900}),
            MeterReading(product_id=product.id, read_on=date(2026, 2, 5), values={"total": 30}),
            MeterReset(product_id=product.id, counter_code="total", reset_on=date(2026, 1, 20)),
        ]
    )
    session.commit()

    detail = products.product_detail(session=session, actor=fleet["admin"], product_id=product.id)

    assert detail["monthly_volume"] == [{"month": "2026-02", "total": 30}]


# --- Picker ---------------------------------------------------------------------------


def test_picker_matches_serial_and_alternative_name_within_scope(session, fleet):
    admin, manager = fleet["admin"], fleet["manager"]

    by_serial = products.product_picker(session=session, actor=admin, query="sn- oth")
    by_name = products.product_picker(session=session, actor=admin, query="recep")
    everything = products.product_picker(session=session, actor=admin, query="", limit=1)
    scoped = products.product_picker(session=session, actor=manager, query="SN")
    foreign = products.product_picker(session=session, actor=admin, query="FOREIGN")

    assert [r["serial"] for r in by_serial] == ["SN-OTHER"]
    assert [r["serial"] for r in by_name] == ["SN-MAIN"]
    assert len(everything) == 1
    assert [r["serial"] for r in scoped] == ["SN-MAIN"]
    assert foreign == []
    assert set(by_serial[0]) == {"id", "serial", "model", "alternative_name"}


def test_picker_of_anonymous_or_knowledge_user_is_empty(session, fleet):
    assert products.product_picker(session=session, actor=None, query="SN") == []
    assert products.product_picker(session=session, actor=fleet["reader"], query="SN") == []


# --- Edit (SPEC B4) -------------------------------------------------------------------


def test_administrator_update_writes_the_changes_and_one_audit_row(session, fleet, clock):
    product = fleet["product"]

    products.update_product_location(
        session=session,
        actor=fleet["admin"],
        product_id=product.id,
        data=_update(city="  Alcalá de Henares ", floor="Planta 2", alternative_name="Copiadora"),
    )
    session.commit()

    location = _location_of(session, product.id)
    assert (location.city, location.floor) == ("Alcalá de Henares", "Planta 2")
    assert session.get(Product, product.id).alternative_name == "Copiadora"
    (entry,) = _audit_rows(session)
    assert entry.action == "product.location_updated"
    assert (entry.object_type, entry.object_id) == ("product", product.id)
    assert entry.actor_id == fleet["admin"].id
    assert entry.organisation_id == fleet["org"].id
    assert entry.created_at == clock()
    assert entry.old_values == {"alternative_name": "Recepción", "city": "Madrid", "floor": ""}
    assert entry.new_values == {
        "alternative_name": "Copiadora",
        "city": "Alcalá de Henares",
        "floor": "Planta 2",
    }


def test_update_without_changes_writes_nothing(session, fleet):
    products.update_product_location(
        session=session, actor=fleet["admin"], product_id=fleet["product"].id, data=_update()
    )
    session.commit()

    assert _audit_rows(session) == []


def test_device_manager_updates_their_product_only(session, fleet):
    manager = fleet["manager"]

    products.update_product_location(
        session=session,
        actor=manager,
        product_id=fleet["product"].id,
        data=_update(room="Sala 3"),
    )
    session.commit()
    assert _location_of(session, fleet["product"].id).room == "Sala 3"

    for product in (fleet["other"], fleet["foreign"]):
        with pytest.raises(NotFound):
            products.update_product_location(
                session=session, actor=manager, product_id=product.id, data=_update(room="X")
            )
    session.rollback()
    assert _location_of(session, fleet["other"].id).room == ""
    assert _location_of(session, fleet["foreign"].id).room == ""
    assert len(_audit_rows(session)) == 1


def test_knowledge_user_and_stock_manager_may_not_update(session, fleet):
    keeper = make_user(session, fleet["org"], role=Role.STOCK_MANAGER)
    assign_product(session, keeper, fleet["product"])
    session.commit()

    with pytest.raises(NotFound):
        products.update_product_location(
            session=session,
            actor=fleet["reader"],
            product_id=fleet["product"].id,
            data=_update(city="Toledo"),
        )
    with pytest.raises(PermissionDenied):
        products.update_product_location(
            session=session,
            actor=keeper,
            product_id=fleet["product"].id,
            data=_update(city="Toledo"),
        )
    session.rollback()
    assert _location_of(session, fleet["product"].id).city == "Madrid"
    assert _audit_rows(session) == []


def test_provider_agent_may_update(session, fleet):
    agent = make_user(session, role=Role.AGENT)

    products.update_product_location(
        session=session, actor=agent, product_id=fleet["product"].id, data=_update(city="Getafe")
    )
    session.commit()

    assert _location_of(session, fleet["product"].id).city == "Getafe"
    assert _audit_rows(session)[0].organisation_id == fleet["org"].id


@pytest.mark.parametrize(
    ("changes", "errors"),
    [
        ({"postal_code": "2"}, {"postal_code": "product.error.postal_code"}),
        ({"postal_code": "28001/B"}, {"postal_code": "product.error.postal_code"}),
        ({"postal_code": "12345678901"}, {"postal_code": "product.error.postal_code"}),
        ({"city": "   "}, {"city": "error.required"}),
        (
            {"address": "", "postal_code": "", "city": ""},
            {
                "address": "error.required",
                "postal_code": "error.required",
                "city": "error.required",
            },
        ),
        ({"room": "x" * 61}, {"room": "error.too_long"}),
        ({"alternative_name": "y" * 121}, {"alternative_name": "error.too_long"}),
        ({"contact_phone": "call me"}, {"contact_phone": "product.error.phone"}),
        ({"contact_phone": "+-"}, {"contact_phone": "product.error.phone"}),
        ({"floor": "1\n2"}, {"floor": "product.error.control_characters"}),
        ({"site": "HQ\x00"}, {"site": "product.error.control_characters"}),
    ],
)
def test_invalid_values_change_nothing(session, fleet, changes, errors):
    product = fleet["product"]
    # A valid change alongside, which must not be written either.
    data = _update(**{"alternative_name": "Nuevo nombre", **changes})

    with pytest.raises(ValidationFailed) as failure:
        products.update_product_location(
            session=session, actor=fleet["admin"], product_id=product.id, data=data
        )
    session.commit()

    assert failure.value.errors == errors
    assert session.get(Product, product.id).alternative_name == "Recepción"
    location = _location_of(session, product.id)
    assert (location.postal_code, location.city, location.room) == ("28001", "Madrid", "")
    assert _audit_rows(session) == []


def test_valid_unusual_values_are_accepted(session, fleet):
    data = _update(postal_code="SW1A 1AA", contact_phone="+44 (0)20 7946-0000", contact_name="Ana")

    products.update_product_location(
        session=session, actor=fleet["admin"], product_id=fleet["product"].id, data=data
    )

    location = _location_of(session, fleet["product"].id)
    assert (location.postal_code, location.contact_phone) == ("SW1A 1AA", "+44 (0)20 7946-0000")


def test_form_values_that_are_not_text_count_as_empty():
    data = ProductLocationUpdate.from_form(
        {"city": ["Madrid"], "postal_code": 28001, "address": None, "role": "admin"}
    )

    assert (data.city, data.postal_code, data.address) == ("", "28001", "")
    with pytest.raises(ValidationFailed) as failure:
        data.cleaned()
    assert failure.value.errors == {"address": "error.required", "city": "error.required"}
    assert ProductLocationUpdate.from_form("nonsense").address == ""


def test_shared_location_is_copied_not_moved(session, fleet):
    product, other = fleet["product"], fleet["other"]
    shared_id = product.location_id
    other.location_id = shared_id
    session.add(other)
    session.commit()

    products.update_product_location(
        session=session, actor=fleet["admin"], product_id=product.id, data=_update(floor="3")
    )
    session.commit()

    moved = session.get(Product, product.id)
    assert moved.location_id != shared_id
    assert _location_of(session, product.id).floor == "3"
    assert _location_of(session, product.id).address == "Calle Mayor 1"
    assert session.get(Product, other.id).location_id == shared_id
    assert session.get(Location, shared_id).floor == ""
    (entry,) = _audit_rows(session)
    assert entry.old_values == {"floor": "", "location_id": shared_id}
    assert entry.new_values == {"floor": "3", "location_id": moved.location_id}


def test_alternative_name_change_keeps_a_shared_location(session, fleet):
    product, other = fleet["product"], fleet["other"]
    other.location_id = product.location_id
    session.add(other)
    session.commit()

    products.update_product_location(
        session=session,
        actor=fleet["admin"],
        product_id=product.id,
        data=_update(alternative_name="Nuevo"),
    )

    assert session.get(Product, product.id).location_id == other.location_id
    assert len(session.exec(select(Location)).all()) == 3


def test_error_keys_of_the_edit_are_translated():
    keys = {
        products.ERROR_REQUIRED,
        products.ERROR_TOO_LONG,
        products.ERROR_CONTROL,
        products.ERROR_POSTAL_CODE,
        products.ERROR_PHONE,
    }
    assert keys <= all_messages().keys()
