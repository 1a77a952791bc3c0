"""Reading Turnkey's results back: the platform's SummaryResult files and Turnkey's own ERR folders.

SummaryResult, the platform's daily per-document answer that Turnkey downloads and unpacks, is read as the
public wrapper ho600-ltd/django-taiwan-einvoice reads it (turnkey_web/turnkey_wrapper/models.py,
`parse_summary_result_then_create_objects` and `EITurnkeyDailySummaryResultXML.parse`):
- files under `<Unpack folder>/BAK/SummaryResult/<d1>/<d2>/<file>`; we take the Unpack folder as
  `<turnkey_dir>/Unpack` (Turnkey's default layout per its manual; a site that moved it sets the link);
- root `SummaryResult` (in a namespace), `RoutingInfo/From/PartyId`, then `DetailList/Message`, each with
  `Info/Id`, `Info/MessageType` and `ResultType/{Total,Good,Failed}/ResultDetailType` holding `Count` and
  `Invoices/Invoice/{ReferenceNumber, InvoiceDate}`.
Unconfirmed, and therefore optional here: the code and text of a failure. ho600 takes them from Turnkey's
database (TURNKEY_SYSEVENT_LOG.ERRORCODE / MESSAGE1-6), not from the file; we read an `ErrorCode` and
`ErrorMessage` (or `Description`) child of a failed Invoice when present, else record code `FAILED`.
Elements are matched by local name, so the namespace version does not matter.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

SUMMARY_DIR = ("Unpack", "BAK", "SummaryResult")


@dataclass(frozen=True)
class Outcome:
    kind: str  # MessageType
    reference: str  # ReferenceNumber
    accepted: bool
    code: str | None = None
    text: str | None = None


def summary_files(root: Path) -> list[Path]:
    folder = root.joinpath(*SUMMARY_DIR)
    return sorted(folder.glob("*/*/*")) if folder.is_dir() else []


def _local(node: etree._Element) -> str:
    return etree.QName(node).localname


def _child(node: etree._Element | None, name: str) -> etree._Element | None:
    if node is None:
        return None
    return next((c for c in node if isinstance(c.tag, str) and _local(c) == name), None)


def _text(node: etree._Element | None, name: str) -> str | None:
    found = _child(node, name) if node is not None else None
    return found.text.strip() if found is not None and found.text else None


def parse_summary(content: bytes) -> Iterator[Outcome]:
    """Every Good and Failed document in one SummaryResult file (Total only restates them)."""
    parser = etree.XMLParser(resolve_entities=False, no_network=True)  # the file is not ours: no entities
    root = etree.fromstring(content, parser)
    if _local(root) != "SummaryResult":
        return
    details = _child(root, "DetailList")
    for message in details if details is not None else []:
        if not isinstance(message.tag, str) or _local(message) != "Message":
            continue
        kind = _text(_child(message, "Info"), "MessageType") or ""
        results = _child(message, "ResultType")
        for bucket, accepted in (("Good", True), ("Failed", False)):
            detail = _child(_child(results, bucket), "ResultDetailType")
            invoices = _child(detail, "Invoices") if detail is not None else None
            for invoice in invoices if invoices is not None else []:
                if not isinstance(invoice.tag, str):
                    continue
                reference = _text(invoice, "ReferenceNumber")
                if not reference:
                    continue
                if accepted:
                    yield Outcome(kind, reference, True)
                else:
                    text = _text(invoice, "ErrorMessage") or _text(invoice, "Description")
                    yield Outcome(kind, reference, False, _text(invoice, "ErrorCode") or "FAILED", text)
