"""What the Code 39 barcode and the two QR codes of a proof copy say."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from core.einvoice.periods import period_of, roc_date
from core.einvoice.qr_capacity import MIN_VERSION, max_version_for_paper, smallest_version
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


def _split(header: str, items: Sequence[list[str]], recorded: int, *, flag: str, codec: str,
           max_version: int) -> tuple[str, str] | None:
    """Spread the first `recorded` items over the two codes so both fit the smallest common version."""
    fields = [SELF_USE_UNUSED, str(recorded), str(len(items)), flag]
    chosen: tuple[str, str] | None = None
    best_version = max_version + 1
    for in_left in range(recorded, -1, -1):
        left_fields = fields + [f for item in items[:in_left] for f in item]
        right_fields = [f for item in items[in_left:recorded] for f in item]
        # The left code ends in ':' exactly when the stream continues in the right one.
        left = header + ":" + ":".join(left_fields) + (":" if right_fields else "")
        right = RIGHT_PREFIX + ":".join(right_fields)
        left_version = smallest_version(len(left.encode(codec, "replace")))
        right_version = smallest_version(len(right.encode(codec, "replace")))
        if left_version is None or left_version > max_version:
            continue
        if right_version is None or right_version > max_version:
            break  # moving more items right only makes the right code larger
        version = max(MIN_VERSION, left_version, right_version)
        if version < best_version:
            chosen, best_version = (left, right), version
    return chosen


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
    best = _split(header, fields, 0, flag=flag, codec=codec, max_version=limit)
    if best is None:
        raise ValueError(f"the QR header alone does not fit version {limit}")
    # Fitting is monotonic in the number of items recorded, so search for the most that fit.
    low, high = 0, len(fields)
    while low < high:
        middle = (low + high + 1) // 2
        pair = _split(header, fields, middle, flag=flag, codec=codec, max_version=limit)
        if pair is None:
            high = middle - 1
        else:
            low, best = middle, pair
    return best


def qr_version(left: str, right: str, encoding: str = "utf-8") -> int:
    """The one version both codes are drawn at: the larger need, and never below 6."""
    needs = [smallest_version(len(qr_bytes(text, encoding))) for text in (left, right)]
    if None in needs:
        raise ValueError("QR payload larger than version 40")
    return max(MIN_VERSION, *(n for n in needs if n is not None))
