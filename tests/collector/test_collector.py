"""The collector end to end: a real SNMP simulator on one side, the portal's API (or its
services) on the other; what a user would notice is in the database."""

from __future__ import annotations

import json
from datetime import date, timedelta

import httpx
from sqlmodel import Session, col, select

from portal.collector.collector import Collector
from portal.collector.sinks import DirectSink, HttpSink, MemorySink
from portal.collector.spool import Spool
from portal.models import IdempotencyRecord, MeterReading, Product

TODAY = date.today()


def _readings(engine, product) -> list[MeterReading]:
    with Session(engine) as s:
        return list(
            s.exec(
                select(MeterReading)
                .where(col(MeterReading.product_id) == product.id)
                .order_by(col(MeterReading.read_on))
            ).all()
        )


def _product(engine, product) -> Product:
    with Session(engine) as s:
        return s.get(Product, product.id)


def _http(client, world) -> HttpSink:
    return HttpSink(url=None, api_key=world["secret"], client=client)


def test_a_cycle_stores_automatic_readings_toner_status_and_alerts(
    make_config, client, world, engine
):
    collector = Collector(make_config(), _http(client, world))
    summary = collector.run_once()
    assert (summary.polled, summary.answered, summary.silent) == (3, 3, [])
    assert (summary.readings_sent, summary.contacts_sent, summary.spooled) == (3, 3, 0)
    products = world["products"]
    [mono] = _readings(engine, products["MONO-0001"])
    assert (mono.source, mono.values, mono.read_on) == ("automatic", {"total": 12345}, TODAY)
    [colour] = _readings(engine, products["CLR-0002"])
    assert colour.values == {"total": 20000, "black": 15000, "colour": 5000}
    clr = _product(engine, products["CLR-0002"])
    assert clr.toner_levels == {"black": 80, "cyan": 45, "magenta": 60, "yellow": 5}
    assert clr.device_status == "running"
    assert clr.last_contact_at is not None
    alerting = _product(engine, products["ALERT-0003"])
    assert alerting.device_status == "warning"
    assert alerting.toner_levels == {"black": 5}
    assert [(a["severity"], a["code"]) for a in alerting.device_alerts] == [
        ("critical", "3"),
        ("warning", "1104"),
    ]
    assert "readings 3 sent" in summary.line()

    again = collector.run_once()
    assert (again.readings_sent, again.contacts_sent) == (0, 3)
    assert len(_readings(engine, products["MONO-0001"])) == 1
    later = _product(engine, products["CLR-0002"]).last_contact_at
    assert later > clr.last_contact_at


def test_a_silent_device_is_reported_and_does_not_hold_up_the_others(
    make_config, client, world, engine, snmp_port
):
    from tests.collector.conftest import free_udp_port

    devices = [
        {"host": "127.0.0.1", "port": free_udp_port(), "community": "mono-a4"},
        {"host": "127.0.0.1", "community": "no-such-recording"},
        {"host": "127.0.0.1", "community": "mono-a4"},
    ]
    summary = Collector(make_config(devices, timeout=0.5), _http(client, world)).run_once()
    assert summary.answered == 1
    assert len(summary.silent) == 2
    assert summary.seconds < 3
    assert "2 silent" in summary.line()
    assert len(_readings(engine, world["products"]["MONO-0001"])) == 1


def test_a_wrapped_counter_arrives_above_the_previous_value(make_config, client, world, engine):
    yesterday = TODAY - timedelta(days=1)
    before = make_config([{"host": "127.0.0.1", "community": "wrap-before"}])
    Collector(before, _http(client, world), today=lambda: yesterday).run_once()
    after = make_config([{"host": "127.0.0.1", "community": "wrap-after"}])
    summary = Collector(after, _http(client, world)).run_once()
    assert summary.readings_sent == 1
    first, second = _readings(engine, world["products"]["WRAP-0004"])
    assert first.values["total"] == 4294967000
    assert second.values["total"] == 2**32 + 500
    state = json.loads(after.state_file.read_text())
    assert state["devices"]["WRAP-0004"]["counters"]["total"]["offset"] == 2**32


def test_a_reset_counter_is_sent_as_is_and_its_refusal_kept_in_refused(
    make_config, client, world, engine
):
    yesterday = TODAY - timedelta(days=1)
    config = make_config([{"host": "127.0.0.1", "community": "mono-a4"}])
    config.state_file.write_text(
        json.dumps(
            {
                "version": 1,
                "devices": {
                    "MONO-0001": {"counters": {"total": {"raw": 50000, "offset": 0, "value": 0}}}
                },
            }
        )
    )
    # the portal already has a higher reading from yesterday
    sink = _http(client, world)
    Collector(config, MemorySink(), today=lambda: yesterday)  # loads the state only
    response = client.post(
        "/api/v1/readings",
        json={"serial": "MONO-0001", "read_on": yesterday.isoformat(), "values": {"total": 50000}},
        headers={"Authorization": f"Bearer {world['secret']}"},
    )
    assert response.status_code == 201
    summary = Collector(config, sink).run_once()
    assert (summary.readings_sent, summary.readings_refused) == (0, 1)
    refused = list((config.spool_dir / "refused").glob("*reading*.json"))
    assert len(refused) == 1
    kept = json.loads(refused[0].read_text())
    assert kept["body"]["values"] == {"total": 12345}
    assert kept["refused"].startswith("422 reading-rejected")
    assert [r.values["total"] for r in _readings(engine, world["products"]["MONO-0001"])] == [50000]
    # refused today: not made again every cycle
    assert Collector(config, sink).run_once().readings_refused == 0


class Unreachable(httpx.BaseTransport):
    def handle_request(self, request):
        raise httpx.ConnectError("connection refused", request=request)


def test_a_portal_outage_leaves_the_spool_and_the_next_cycle_delivers_once(
    make_config, client, world, engine
):
    config = make_config()
    offline = HttpSink(
        url=None, api_key=world["secret"], client=httpx.Client(transport=Unreachable())
    )
    down = Collector(config, offline).run_once()
    assert (down.readings_sent, down.contacts_sent, down.spooled) == (0, 0, 6)
    second_down = Collector(config, offline).run_once()
    assert second_down.spooled == 6  # a newer contact replaces the waiting one; no new reading
    assert _readings(engine, world["products"]["MONO-0001"]) == []

    back = Collector(config, _http(client, world)).run_once()
    assert back.readings_sent == 3
    assert back.contacts_sent == 6  # the three waiting ones, then this cycle's
    assert back.spooled == 0
    assert len(_readings(engine, world["products"]["MONO-0001"])) == 1
    assert _product(engine, world["products"]["MONO-0001"]).toner_levels == {"black": 70}


def test_a_spooled_message_sent_again_with_its_key_is_stored_once(
    make_config, client, world, engine
):
    config = make_config([{"host": "127.0.0.1", "community": "mono-a4"}])
    offline = HttpSink(
        url=None, api_key=world["secret"], client=httpx.Client(transport=Unreachable())
    )
    Collector(config, offline).run_once()
    spool = Spool(config.spool_dir)
    [reading] = [m for m in spool.pending() if m.kind == "reading"]
    copy = config.spool_dir / reading.file.name
    # delivered, but the answer was lost: the file is still there and is sent again
    assert _http(client, world).deliver(reading).outcome == "delivered"
    summary = Collector(config, _http(client, world)).run_once()
    assert not copy.exists()
    assert summary.readings_sent == 1  # the replayed answer counts as delivered
    assert len(_readings(engine, world["products"]["MONO-0001"])) == 1
    with Session(engine) as s:
        keys = s.exec(
            select(IdempotencyRecord).where(col(IdempotencyRecord.key) == reading.key)
        ).all()
    assert len(keys) == 1


def test_the_direct_sink_stores_the_same_as_the_http_one(make_config, world, engine):
    collector = Collector(make_config(), DirectSink(api_key=world["secret"], engine=engine))
    summary = collector.run_once()
    assert (summary.readings_sent, summary.contacts_sent) == (3, 3)
    [colour] = _readings(engine, world["products"]["CLR-0002"])
    assert (colour.source, colour.values) == (
        "automatic",
        {"total": 20000, "black": 15000, "colour": 5000},
    )
    alerting = _product(engine, world["products"]["ALERT-0003"])
    assert (alerting.device_status, alerting.toner_levels) == ("warning", {"black": 5})
    # the same message again through the direct sink is not applied twice
    offline = HttpSink(
        url=None, api_key=world["secret"], client=httpx.Client(transport=Unreachable())
    )
    config = make_config([{"host": "127.0.0.1", "community": "wrap-before"}])
    Collector(config, offline).run_once()
    [reading] = [m for m in Spool(config.spool_dir).pending() if m.kind == "reading"]
    direct = DirectSink(api_key=world["secret"], engine=engine)
    assert direct.deliver(reading).outcome == "delivered"
    assert direct.deliver(reading).outcome == "delivered"
    assert len(_readings(engine, world["products"]["WRAP-0004"])) == 1


def test_an_unknown_serial_is_refused_and_kept_aside(make_config, client, world):
    config = make_config([{"host": "127.0.0.1", "community": "mono-a4", "serial": "NOT-OURS"}])
    summary = Collector(config, _http(client, world)).run_once()
    assert (summary.readings_refused, summary.contacts_refused) == (1, 1)
    assert len(list((config.spool_dir / "refused").glob("*.json"))) == 2
    assert summary.spooled == 0


def test_a_subnet_probe_finds_the_devices_that_answer(make_config, client, world, engine):
    config = make_config([], subnets=[{"cidr": "127.0.0.1/32", "community": "alerting"}])
    summary = Collector(config, _http(client, world)).run_once()
    assert (summary.probed, summary.polled, summary.answered) == (1, 1, 1)
    assert len(_readings(engine, world["products"]["ALERT-0003"])) == 1
