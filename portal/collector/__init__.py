"""The SNMP meter collector (SPEC X2): polls printers, feeds readings and contacts.

Run it as ``python -m portal.collector --config FILE [--once] [--verbose]``. It
reads page counters, toner levels, the device status and alerts over SNMP
(Printer MIB), keeps counters rising across Counter32 wraps, and delivers a
reading per device and day and a contact per cycle to the portal, through its
REST API (``sink = "http"``) or its services in process (``sink = "direct"``).
Every message goes through a spool folder first, so nothing is lost while the
portal is unreachable.
"""

from portal.collector.collector import Collector, CycleSummary
from portal.collector.config import CollectorConfig, ConfigError, load_config

__all__ = ["Collector", "CollectorConfig", "ConfigError", "CycleSummary", "load_config"]
