"""The fast best-mask choice (core.printer.qr_mask) against segno's own, which is the oracle.

segno.make_qr(..., mask=None) scores all eight masks itself; ours must pick the same mask, so the
symbol, and the printed bytes, stay exactly what segno alone would produce.
"""

from __future__ import annotations

import pytest
import segno
from hypothesis import given, settings
from hypothesis import strategies as st

from core.einvoice import ProofLine, max_version_for_paper
from core.einvoice.qr_capacity import BYTE_CAPACITY_L, MIN_VERSION, smallest_version
from core.printer import codes, qr_mask
from core.printer.layout import LayoutOptions, encode_document
from tests.printer.conftest import make_proof

MAX_VERSION_384 = max_version_for_paper(384)
MAX_VERSION = max_version_for_paper(512)  # the widest paper we print on


def _segno(data: bytes, version: int | None, mask: int | None) -> segno.QRCode:
    return segno.make_qr(data, error="L", version=version, mode="byte", boost_error=False, mask=mask)


def _segno_penalties(data: bytes, version: int) -> list[int]:
    """segno's own penalty for each mask, through its encoder internals (not public API).

    This is the canary for a segno upgrade: if segno changes how it lays out or scores a symbol, this
    (and the property tests below) fail before a receipt prints a different mask.
    """
    from segno import encoder

    segments = encoder.prepare_data(data, encoder.normalize_mode("byte"), None)
    code = _segno(data, version, 0)
    assert code.version == version
    buff = encoder.Buffer()
    ver_range = encoder.version_range(version)
    for segment in segments:
        encoder.write_segment(buff, segment, None, ver_range, False)
    capacity = segno.consts.SYMBOL_CAPACITY[version][segno.consts.ERROR_LEVEL_L]
    encoder.write_terminator(buff, capacity, None, len(buff))
    encoder.write_padding_bits(buff, version, len(buff))
    encoder.write_pad_codewords(buff, version, capacity, len(buff))
    buff = encoder.make_final_message(version, segno.consts.ERROR_LEVEL_L, buff)
    n = encoder.calc_matrix_size(version)
    matrix = encoder.make_matrix(n, n)
    encoder.add_finder_patterns(matrix, n, n)
    encoder.add_alignment_patterns(matrix, n, n)
    encoder.add_codewords(matrix, buff, version)
    scores = []
    for mask in range(8):
        masked = tuple(bytearray(row) for row in matrix)
        _, masked = encoder.find_and_apply_best_mask(masked, n, n, mask)
        scores.append(encoder.evaluate_mask(masked, n, n))
    return scores


def _payload(draw_bytes: bytes, alphabet: bytes | None) -> bytes:
    return draw_bytes if alphabet is None else bytes(alphabet[b % len(alphabet)] for b in draw_bytes)


# Random bytes, and payloads from small alphabets (like the e-invoice's digits, Base64 and ':'), which
# give long runs and finder-like patterns once masked, where the N1 and N3 rules matter most.
BASE64 = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/=:"
ALPHABETS = st.sampled_from([None, b"0", b"01", b"0123456789", BASE64, b"\x00\xff", b"*"])


@st.composite
def qr_cases(draw: st.DrawFn, max_version: int = MAX_VERSION_384) -> tuple[bytes, int]:
    """A payload the size our codes carry (about 100-150 bytes; sometimes up to the largest version the
    paper allows) and a version from the smallest that holds it up to that largest one."""
    alphabet = draw(ALPHABETS)
    limit = BYTE_CAPACITY_L[max_version - 1]
    length = draw(st.one_of(st.integers(90, 160), st.integers(0, limit)))
    data = _payload(draw(st.binary(min_size=length, max_size=length)), alphabet)
    smallest = max(MIN_VERSION, smallest_version(len(data)) or MIN_VERSION)
    version = draw(st.integers(smallest, max_version))
    return data, version


def test_alignment_centres_match_iso_annex_e_as_segno_has_it() -> None:
    assert qr_mask.alignment_centres(1) == ()
    for version in range(2, 41):
        assert qr_mask.alignment_centres(version) == segno.consts.ALIGNMENT_POS[version - 2], version


@pytest.mark.parametrize("version", [1, 2, 6, 7, 10, 14, 16, 21, 24, 32, 40])
def test_function_modules_match_segno(version: int) -> None:
    from segno import encoder

    n = qr_mask.size(version)
    function = encoder.make_matrix(n, n)
    encoder.add_finder_patterns(function, n, n)
    encoder.add_alignment_patterns(function, n, n)
    function[-8][8] = 1  # the dark module, as segno's find_and_apply_best_mask marks it
    ours, _ = qr_mask._cells(version)
    for i in range(n):
        assert [(ours[i] >> j) & 1 for j in range(n)] == [int(cell <= 1) for cell in function[i]], (version, i)


@pytest.mark.parametrize("version", [1, 6, 7, 16, 24, 40])
@pytest.mark.parametrize("data", [b"", b"0" * 17, b"\x00" * 17, bytes(range(17))])
def test_penalties_equal_segnos_for_every_mask(version: int, data: bytes) -> None:
    expected = _segno_penalties(data, version)
    assert expected.index(min(expected)) == _segno(data, version, None).mask  # the canary reads segno right
    for applied in (0, 5):
        assert qr_mask.penalties(_segno(data, version, applied).matrix, version, applied) == expected


@settings(max_examples=60, deadline=None)
@given(qr_cases())
def test_penalties_equal_segnos_on_random_payloads(case: tuple[bytes, int]) -> None:
    data, version = case
    assert qr_mask.penalties(_segno(data, version, 0).matrix, version, 0) == _segno_penalties(data, version)


@settings(max_examples=250, deadline=None)
@given(qr_cases())
def test_chosen_mask_and_matrix_are_segnos(case: tuple[bytes, int]) -> None:
    data, version = case
    own = _segno(data, version, None)
    assert qr_mask.best_mask(_segno(data, version, 0).matrix, version, 0) == own.mask
    assert [bytes(row) for row in codes.qr_matrix(data, version)] == [bytes(row) for row in own.matrix]


@settings(max_examples=40, deadline=None)
@given(qr_cases(max_version=MAX_VERSION), st.integers(0, 7))
def test_choice_does_not_depend_on_the_mask_scored_from(case: tuple[bytes, int], applied: int) -> None:
    data, version = case
    assert qr_mask.best_mask(_segno(data, version, applied).matrix, version, applied) == _segno(data, version,
                                                                                               None).mask


def test_equal_penalties_go_to_the_lower_mask() -> None:
    # Masks 2 and 4 tie at 2499 here; segno keeps the first lowest score (strictly-less comparison).
    data = b"77207295634079632416153932635125969986806809113332446518237567452376451411841"
    scores = qr_mask.penalties(_segno(data, 8, 0).matrix, 8, 0)
    assert scores == _segno_penalties(data, 8)
    assert min(scores) == scores[2] == scores[4] == 2499
    assert qr_mask.best_mask(_segno(data, 8, 0).matrix, 8, 0) == 2 == _segno(data, 8, None).mask


def test_version_left_to_segno_follows_its_choice() -> None:
    data = b"https://example.com/" * 6
    assert [bytes(r) for r in codes.qr_matrix(data)] == [bytes(r) for r in _segno(data, None, None).matrix]


@pytest.mark.parametrize("mask", range(8))
def test_fixed_mask_is_still_honoured(mask: int) -> None:
    data = bytes(range(120))
    assert [bytes(r) for r in codes.qr_matrix(data, 6, mask=mask)] == [bytes(r) for r in _segno(data, 6, mask).matrix]


def test_wrong_size_matrix_is_refused() -> None:
    with pytest.raises(ValueError, match="version-7"):
        qr_mask.penalties(_segno(b"x", 6, 0).matrix, 7, 0)


def _segno_picks(data: bytes, version: int | None = None, ecc: str = "L", mask: int | None = None):
    """The path before core.printer.qr_mask: segno scores the eight masks itself."""
    return segno.make_qr(bytes(data), error=ecc, version=version, mode="byte", boost_error=False,
                         mask=mask).matrix


MANY_ITEMS = tuple(ProofLine(f"商品{k:02d} 測試品名", k % 3 + 1, 10 + 7 * k) for k in range(40))


@pytest.mark.parametrize(("proof", "dots"), [
    (make_proof(), 384),
    (make_proof(buyer_ban="24634102"), 384),
    (make_proof(lines=MANY_ITEMS), 384),
    (make_proof(lines=MANY_ITEMS, buyer_ban="24634102", number="ZZ98765432"), 384),
    (make_proof(encoding="big5"), 384),
    (make_proof(dots=512, lines=MANY_ITEMS), 512),
], ids=["b2c", "b2b", "many-items", "b2b-many-items", "big5", "many-items-512"])
def test_printed_bytes_unchanged_from_segnos_own_mask_choice(proof, dots: int,
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    options = LayoutOptions(dots)
    new = encode_document(proof, options).bytes()
    with monkeypatch.context() as patched:
        calls: list[int | None] = []

        def old_path(data: bytes, version: int | None = None, ecc: str = "L", mask: int | None = None):
            calls.append(mask)
            return _segno_picks(data, version, ecc, mask)

        patched.setattr(codes, "qr_matrix", old_path)
        old = encode_document(proof, options).bytes()
    assert calls == [None, None], "the proof copy did not go through the old path"
    assert new == old
