"""What the Code 39 barcode and the two QR codes of a proof copy say."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from datetime import datetime

from core.einvoice.periods import period_of, roc_date
from core.einvoice.qr_capacity import MIN_VERSION, max_version_for_paper, smallest_version, steer_pair
from core.einvoice.tax import split_tax
from core.einvoice.validators import CONSUMER_BAN
from core.einvoice.verification import verification_code

HEADER_LENGTH = 77
SELF_USE_UNUSED = "**********"
RIGHT_PREFIX = "**"
# The flag the reader uses to decode item names, and the codec we write them in.
ENCODINGS = {"big5": ("0", "cp950"), "utf-8": ("1", "utf-8")}

Item = tuple[str, int, int]  # (name, quantity, unit price)


def barcode_payload(number: str, random_code: str, issued: datetime) -> str:
    """19 characters: period code + number + random code, no check character."""
    return period_of(issued).code + number + random_code


def _codec(encoding: str) -> tuple[str, str]:
    try:
        return ENCODINGS[encoding.lower()]
    except KeyError:
        raise ValueError(f"QR encoding must be one of {sorted(ENCODINGS)}, not {encoding!r}") from None


def qr_bytes(payload: str, encoding: str = "utf-8") -> bytes:
    """The bytes a QR code carries; a name Big5 cannot spell gets '?' rather than failing the sale."""
    return payload.encode(_codec(encoding)[1], errors="replace")


def _item_fields(item: Item) -> list[str]:
    name, quantity, unit_price = item
    # ':' separates fields, so a ':' in a name would shift every field after it.
    clean = name.replace(":", "：").replace("\r", " ").replace("\n", " ").strip() or "-"
    return [clean, str(quantity), str(unit_price)]


def _header(*, number: str, random_code: str, issued: datetime, total: int, seller_ban: str,
            buyer_ban: str | None, aes_key_hex: str) -> str:
    sales, _ = split_tax(total)
    header = (
        f"{number}{roc_date(issued)}{random_code}{sales:08x}{total:08x}"
        f"{buyer_ban or CONSUMER_BAN}{seller_ban}{verification_code(number, random_code, aes_key_hex)}"
    )
    if len(header) != HEADER_LENGTH:
        raise ValueError("QR header fields out of range: check the number, random code and amounts")
    return header


def _splits(header_size: int, item_sizes: Sequence[int], recorded: int) -> Iterator[tuple[int, int, int]]:
    """(items in the left code, left bytes, right bytes) for every split of the first `recorded` items
    at an item boundary, left code emptiest first. Sizes are encoded byte counts, so this is arithmetic
    only; the strings are built once the split is chosen."""
    # ':**********:r:n:f' — the self-use area, both counts and the encoding flag.
    fixed = header_size + 1 + len(SELF_USE_UNUSED) + len(str(recorded)) + len(str(len(item_sizes))) + 4
    in_right = sum(item_sizes[:recorded])
    left_size = fixed
    for in_left in range(recorded + 1):
        if in_left:
            size = item_sizes[in_left - 1]
            left_size += 1 + size
            in_right -= size
        right_count = recorded - in_left
        # The left code ends in ':' exactly when the stream continues in the right one.
        yield (in_left, left_size + (1 if right_count else 0),
               len(RIGHT_PREFIX) + in_right + max(right_count - 1, 0))


def _split(header_size: int, item_sizes: Sequence[int], recorded: int, *, max_version: int) -> int | None:
    """How many of the first `recorded` items go in the left code so that both codes fit the smallest
    common version at level L, or None if they cannot fit `max_version`."""
    best: int | None = None
    best_version = max_version + 1
    for in_left, left_bytes, right_bytes in _splits(header_size, item_sizes, recorded):
        left_version = smallest_version(left_bytes)
        right_version = smallest_version(right_bytes)
        if left_version is None or left_version > max_version:
            break  # moving more items left only makes the left code larger
        if right_version is None or right_version > max_version:
            continue
        version = max(MIN_VERSION, left_version, right_version)
        if version <= best_version:  # on a tie, fill the left code first, as the specification's example does
            best, best_version = in_left, version
    return best


def _steered_split(header_size: int, item_sizes: Sequence[int], recorded: int, *, max_version: int,
                   preferred: int) -> int:
    """The split whose codes a printer sizes equally by itself once each has its own error-correction
    level (GS ( k picks the version from the data; the data is never padded), at the smallest version
    any split reaches; on a tie `preferred` (the split at level L), then the fuller left code. With no
    such split, `preferred`."""
    best: tuple[int, bool, int] | None = None
    for in_left, left_bytes, right_bytes in _splits(header_size, item_sizes, recorded):
        steered = steer_pair(left_bytes, right_bytes, max_version=max_version)
        if steered is None:
            continue
        key = (steered.version, in_left != preferred, -in_left)
        if best is None or key < best:
            best = key
    return preferred if best is None else -best[2]


def _build(header: str, items: Sequence[list[str]], recorded: int, in_left: int, flag: str) -> tuple[str, str]:
    left_fields = [SELF_USE_UNUSED, str(recorded), str(len(items)), flag]
    left_fields += [f for item in items[:in_left] for f in item]
    right_fields = [f for item in items[in_left:recorded] for f in item]
    left = header + ":" + ":".join(left_fields) + (":" if right_fields else "")
    return left, RIGHT_PREFIX + ":".join(right_fields)


def qr_payloads(*, number: str, random_code: str, issued: datetime, total: int, seller_ban: str,
                buyer_ban: str | None = None, items: Sequence[Item], aes_key_hex: str,
                encoding: str = "utf-8", max_version: int | None = None) -> tuple[str, str]:
    """The left and right QR texts.

    As many line items as fit in two codes of `max_version` (by default the largest pair a 384-dot
    line holds side by side) are recorded, in order, and the count fields say how many that was.
    `left[77:] + right[2:]` is one ':'-separated stream.
    """
    flag, codec = _codec(encoding)
    limit = max_version or max_version_for_paper()
    header = _header(number=number, random_code=random_code, issued=issued, total=total,
                     seller_ban=seller_ban, buyer_ban=buyer_ban, aes_key_hex=aes_key_hex)
    fields = [_item_fields(item) for item in items]
    # Every field is ASCII but the name, and ':' is one byte in both codecs.
    sizes = [len(f[0].encode(codec, "replace")) + len(f[1]) + len(f[2]) + 2 for f in fields]
    header_size = len(header)
    if _split(header_size, sizes, 0, max_version=limit) is None:
        raise ValueError(f"the QR header alone does not fit version {limit}")
    # Fitting is monotonic in the number of items recorded, so search for the most that fit.
    low, high = 0, len(fields)
    while low < high:
        middle = (low + high + 1) // 2
        if _split(header_size, sizes, middle, max_version=limit) is None:
            high = middle - 1
        else:
            low = middle
    in_left = _split(header_size, sizes, low, max_version=limit)
    assert in_left is not None  # low is 0 or a count that fitted above
    in_left = _steered_split(header_size, sizes, low, max_version=limit, preferred=in_left)
    return _build(header, fields, low, in_left, flag)


def qr_version(left: str, right: str, encoding: str = "utf-8") -> int:
    """The one version both codes are drawn at: the larger need, and never below 6."""
    needs = [smallest_version(len(qr_bytes(text, encoding))) for text in (left, right)]
    if None in needs:
        raise ValueError("QR payload larger than version 40")
    return max(MIN_VERSION, *(n for n in needs if n is not None))
