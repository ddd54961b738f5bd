"""Error-code spellings and their canonical forms."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from knowledge_index import code_variants, find_codes, normalise_code


@pytest.mark.parametrize(
    ("spelling", "canonical"),
    [
        ("E000007-0000", "E000007-0000"),
        ("e000007-0000", "E000007-0000"),
        ("e602 0001", "E602-0001"),
        ("E602 - 0001", "E602-0001"),
        ("SC 542", "SC542"),
        ("sc-542", "SC542"),
        ("#801", "801"),
        ("  C-2557 ", "C2557"),
        ("--", ""),
    ],
)
def test_spellings_of_a_code_share_one_canonical_form(spelling, canonical):
    assert normalise_code(spelling) == canonical


def test_a_code_is_indexed_with_its_prefix_and_without_leading_zeros():
    assert code_variants("E000007-0000") == {"E000007-0000", "E7-0", "E000007", "E7"}
    assert code_variants("#801") == {"801"}
    assert code_variants("") == set()


def test_codes_are_recognised_inside_free_text():
    text = "Printer shows e602 0001 and SC 542, later #801 (E7); not Papierstau2x"
    assert find_codes(text) == ["E602-0001", "E602", "SC542", "801", "E7"]


@given(st.text(max_size=40))
def test_the_canonical_form_is_stable(text):
    canonical = normalise_code(text)
    assert normalise_code(canonical) == canonical
    assert canonical == canonical.upper()
    assert canonical in code_variants(text) or canonical == ""
