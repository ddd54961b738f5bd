"""The collector's rules without a network: toner colours and percentages, alert order,
Counter32 wraps and resets in the state file."""

from __future__ import annotations

from pysnmp.proto import rfc1902

from portal.collector.snmp import alerts_of, colour_of, toner_levels
from portal.collector.state import COUNTER32, CollectorState


def _supply(colorant, kind, description, capacity, level):
    return {
        3: rfc1902.Integer32(colorant),
        5: rfc1902.Integer32(kind),
        6: rfc1902.OctetString(description),
        8: rfc1902.Integer32(capacity),
        9: rfc1902.Integer32(level),
    }


def test_colours_come_from_the_colourant_or_the_description():
    assert colour_of("Toner Cartridge Cyan") == "cyan"
    assert colour_of("TK-5230K") == "black"
    assert colour_of("Schwarz") == "black"
    assert colour_of("Fuser") is None


def test_toner_percentages_skip_unknown_levels_drums_and_waste():
    supplies = {
        1: _supply(1, 21, "TK-1", 10000, 2500),
        2: _supply(0, 3, "Magenta toner", 200, -3),  # some remaining: no percent
        3: _supply(0, 3, "Yellow toner", -2, 50),  # unknown capacity
        4: _supply(1, 9, "Drum K", 100, 10),  # a drum, not toner
        5: _supply(0, 4, "Waste toner black", 100, 90),
        6: _supply(2, 3, "Cartridge", 1000, 1000),
    }
    assert toner_levels(supplies, {1: "black", 2: "cyan"}) == {"black": 25, "cyan": 100}


def test_alerts_are_ordered_critical_first_and_bounded():
    rows = {
        n: {
            2: rfc1902.Integer32(4 if n % 2 else 3),
            7: rfc1902.Integer32(n),
            8: rfc1902.OctetString("x" * 300),
        }
        for n in range(1, 30)
    }
    alerts = alerts_of(rows)
    assert len(alerts) == 20
    assert alerts[0]["severity"] == "critical"
    assert len(alerts[0]["description"]) == 200


def test_a_wrap_adds_2_to_the_32_and_a_reset_is_sent_as_is(tmp_path):
    state = CollectorState(tmp_path / "state.json")
    assert state.adjust("sn 1", "total", COUNTER32 - 100).value == COUNTER32 - 100
    wrapped = state.adjust("SN1", "total", 50)
    assert (wrapped.value, wrapped.wrapped) == (COUNTER32 + 50, True)
    assert state.adjust("SN1", "total", 70).value == COUNTER32 + 70
    state.save()
    again = CollectorState.load(tmp_path / "state.json")
    assert again.adjust("SN1", "total", 90).value == COUNTER32 + 90
    reset = again.adjust("SN1", "total", 3)
    assert (reset.value, reset.reset) == (3, True)
