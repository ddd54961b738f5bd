"""The collector's configuration: a usable file is read, a bad one is refused with every
problem named, and the command exits with 2."""

from __future__ import annotations

import subprocess
import sys

import pytest

from portal.collector.config import DEFAULT_PROFILE, PRT_MARKER_LIFE_COUNT, ConfigError, load_config

GOOD = """
url = "https://portal.example.com/"
api_key_file = "key.txt"
spool_dir = "spool"
state_file = "state.json"
interval = 300
concurrency = 16
subnets = ["192.168.1.0/30", {cidr = "10.0.0.8/31", community = "lab"}]

[snmp]
community = "office"

[profiles.colour]
counters = { total = "1.3.6.1.2.1.43.10.2.1.4.1.1", black = "1.3.6.1.4.1.1.1.0" }

[[devices]]
host = "10.1.1.5"
serial = "E123"
profile = "colour"

[[devices]]
host = "10.1.1.6"
port = 1161
user = "collector"
auth_key = "authpass123"
auth_protocol = "sha256"
priv_key = "privpass123"
priv_protocol = "aes256"
"""


def test_a_good_file_gives_devices_profiles_and_subnet_addresses(tmp_path):
    (tmp_path / "key.txt").write_text("dsp_abc_secret\n")
    path = tmp_path / "collector.toml"
    path.write_text(GOOD)
    config = load_config(path)
    assert config.url == "https://portal.example.com"
    assert config.api_key == "dsp_abc_secret"
    assert config.spool_dir == tmp_path / "spool"
    assert config.profiles[DEFAULT_PROFILE] == {"total": PRT_MARKER_LIFE_COUNT}
    first, second = config.devices
    assert (first.credentials.community, first.credentials.version, first.port) == (
        "office",
        "2c",
        161,
    )
    assert second.credentials.version == "3"
    assert second.credentials.priv_protocol == "aes256"
    hosts = [t.host for t in config.targets()]
    assert hosts == ["10.1.1.5", "10.1.1.6", "192.168.1.1", "192.168.1.2", "10.0.0.8", "10.0.0.9"]
    assert config.targets()[-1].credentials.community == "lab"


def test_the_api_key_may_come_from_the_environment(tmp_path, monkeypatch):
    monkeypatch.setenv("PORTAL_COLLECTOR_API_KEY", "dsp_from_env")
    path = tmp_path / "c.toml"
    path.write_text(
        'url = "http://p"\nspool_dir = "s"\nstate_file = "t"\n[[devices]]\nhost = "h"\n'
    )
    assert load_config(path).api_key == "dsp_from_env"


def test_a_bad_file_names_every_problem_and_where_it_is(tmp_path, monkeypatch):
    monkeypatch.delenv("PORTAL_COLLECTOR_API_KEY", raising=False)
    path = tmp_path / "bad.toml"
    path.write_text(
        'sink = "ftp"\nspool_dir = "s"\nconcurency = 3\ntimeout = -1\n'
        'subnets = ["10.0.0.0/8", "not-a-net"]\n'
        '[profiles.p]\ncounters = { total = "abc" }\n'
        '[[devices]]\nport = 70000\nprofile = "nope"\n'
        '[[devices]]\nhost = "h"\nuser = "u"\nauth_key = "short"\n'
    )
    with pytest.raises(ConfigError) as caught:
        load_config(path)
    text = "\n".join(caught.value.problems)
    for expected in (
        "sink: must be",
        "concurency: unknown setting",
        "timeout: must be a number",
        "api_key: is required",
        "state_file: is required",
        "subnets[0].cidr: is larger than",
        "subnets[1].cidr: 'not-a-net' is not a network",
        "profiles.p.counters.total: must be a numeric OID",
        "devices[0].host: is required",
        "devices[0].port: must be an integer from 1 to 65535",
        "devices[0].profile: no profile named 'nope'",
        "devices[1].auth_key: must be at least 8 characters",
    ):
        assert expected in text
    assert all(p.startswith(str(path)) for p in caught.value.problems)


def test_the_command_exits_with_2_and_prints_the_problems(tmp_path):
    path = tmp_path / "broken.toml"
    path.write_text("url = [unclosed\n")
    done = subprocess.run(
        [sys.executable, "-m", "portal.collector", "--config", str(path), "--once"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 2
    assert "not valid TOML" in done.stderr
    missing = subprocess.run(
        [sys.executable, "-m", "portal.collector", "--config", str(tmp_path / "none.toml")],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert missing.returncode == 2
    assert "no such file" in missing.stderr
