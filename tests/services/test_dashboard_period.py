"""The dashboards' period form check: refused with a message per field, never repaired."""

from __future__ import annotations

import pytest

from portal.errors import ValidationFailed
from portal.services.dashboards import ERROR_MONTH, ERROR_ORDER, ERROR_TOO_LONG, check_period


def test_empty_fields_take_the_last_twelve_months(clock):
    filters = check_period("", None)
    assert (filters.from_month, filters.to_month) == ("2025-04", "2026-03")


def test_a_valid_period_is_kept_as_typed(clock):
    filters = check_period("2024-04", "2027-03")
    assert (filters.from_month, filters.to_month) == ("2024-04", "2027-03")
    assert len(filters.months) == 36


@pytest.mark.parametrize(
    ("first", "last", "errors"),
    [
        ("2026-13", "", {"from_month": ERROR_MONTH}),
        ("x", "2026-00", {"from_month": ERROR_MONTH, "to_month": ERROR_MONTH}),
        (["2026-01"], "", {"from_month": ERROR_MONTH}),
        ("2026-03", "2026-01", {"to_month": ERROR_ORDER}),
        ("2024-03", "2027-03", {"from_month": ERROR_TOO_LONG}),
        ("2020-01", "", {"from_month": ERROR_TOO_LONG}),
    ],
)
def test_a_bad_period_names_the_field(clock, first, last, errors):
    with pytest.raises(ValidationFailed) as failed:
        check_period(first, last)
    assert failed.value.errors == errors
