import math
import re

from certificates.codes import ALPHABET, CODE_BITS, code_display, code_generate, code_normalise


def test_a_code_carries_at_least_64_random_bits_in_16_unambiguous_characters():
    code = code_generate()

    assert len(code) == 16
    assert CODE_BITS >= 64 and len(code) * math.log2(len(ALPHABET)) >= CODE_BITS
    assert not set(code) & set("ILOU")
    assert set(code) <= set(ALPHABET)


def test_codes_do_not_repeat():
    codes = {code_generate() for _ in range(5000)}

    assert len(codes) == 5000


def test_a_code_is_shown_in_groups_of_four():
    assert code_display("7KQ2M9XD4TPBHC3R") == "7KQ2-M9XD-4TPB-HC3R"
    assert re.fullmatch(r"([0-9A-Z]{4}-){3}[0-9A-Z]{4}", code_display(code_generate()))


def test_a_typed_code_forgives_case_spaces_dashes_and_look_alike_letters():
    assert code_normalise(" 7kq2-m9xd 4tpb-hc3r ") == "7KQ2M9XD4TPBHC3R"
    assert code_normalise("OIL0-0000-0000-0000") == "0110000000000000"


def test_anything_else_is_not_a_code():
    for typed in [
        "",
        "7KQ2-M9XD-4TPB",
        "7KQ2-M9XD-4TPB-HC3R-X",
        "7KQ2-M9XD-4TPB-HC3U",
        "<script>",
        "ABCD/EFGH/JKMN/PQRS",
    ]:
        assert code_normalise(typed) is None, typed
