"""A test double for Turnkey's side of the file contract (the only double in the MOF tests).

It does what Turnkey is documented to do with the folders HQ writes (see hq/mof/turnkey.py and
hq/mof/results.py for the sources): take every file in `UpCast/<category>/<message>/SRC/`, move a file its own
checks refuse (not well-formed XML) to `…/ERR/<yyyymmdd>/<hh>/` and every other one to `…/BAK/<yyyymmdd>/<hh>/`,
"send" it, and write the platform's answer as a SummaryResult under `Unpack/BAK/SummaryResult/<yyyymmdd>/<hh>/`
with Good and Failed documents. `reject(reference, code, text)` makes the platform refuse one document.
It parses with the standard library's plain XML parser, not with HQ's lxml: a file only HQ can read fails here.
"""

from __future__ import annotations

import os
import xml.etree.ElementTree as ET
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from core.clock import TAIPEI

CATEGORIES = ("B2SSTORAGE", "B2PMESSAGE")
SUMMARY_NS = "urn:GEINV:eInvoiceMessage:SummaryResult:4.1"


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _reference(root: ET.Element) -> tuple[str, str]:
    """(ReferenceNumber, InvoiceDate) the platform reports a message under."""
    def find(name: str) -> str:
        for node in root.iter():
            if _local(node.tag) == name and node.text:
                return node.text
        return ""
    kind = _local(root.tag)
    if kind == "Invoice":
        return find("InvoiceNumber"), find("InvoiceDate")
    if kind == "CancelInvoice":
        return find("CancelInvoiceNumber"), find("InvoiceDate")
    if kind == "Allowance":
        return find("AllowanceNumber"), find("AllowanceDate")
    if kind == "CancelAllowance":
        return find("CancelAllowanceNumber"), find("AllowanceDate")
    return find("YearMonth") + find("InvoiceTrack"), ""  # E0402: our reading (unconfirmed), see hq/mof/results


@dataclass
class TurnkeyDouble:
    root: Path
    rejections: dict[str, tuple[str, str]] = field(default_factory=dict)
    received: Counter[str] = field(default_factory=Counter)  # (message, reference) uploads seen, for "once"
    files: list[Path] = field(default_factory=list)  # where each taken file went (BAK or ERR)
    documents: list[bytes] = field(default_factory=list)
    _summaries: int = 0

    def reject(self, reference: str, code: str, text: str) -> None:
        self.rejections[reference] = (code, text)

    def accept(self, reference: str) -> None:
        self.rejections.pop(reference, None)

    def waiting(self) -> list[Path]:
        return sorted(p for c in CATEGORIES for p in self.root.glob(f"UpCast/{c}/*/SRC/*.xml"))

    def run_once(self, now: datetime) -> int:
        """One Turnkey cycle: take everything waiting, answer it in one SummaryResult; returns files taken."""
        stamp = now.astimezone(TAIPEI)
        by_kind: dict[str, list[tuple[str, str, bool, tuple[str, str] | None]]] = {}
        taken = 0
        for path in self.waiting():
            kind = path.parent.parent.name
            content = path.read_bytes()
            try:
                root = ET.fromstring(content)
            except ET.ParseError:
                self._move(path, "ERR", stamp)
                taken += 1
                continue
            reference, date = _reference(root)
            self.received[f"{kind}:{reference}"] += 1
            self.documents.append(content)
            self._move(path, "BAK", stamp)
            taken += 1
            refusal = self.rejections.get(reference)
            by_kind.setdefault(kind, []).append((reference, date, refusal is None, refusal))
        if by_kind:
            self._summary(by_kind, stamp)
        return taken

    def _move(self, path: Path, where: str, stamp: datetime) -> None:
        target = path.parent.parent / where / stamp.strftime("%Y%m%d") / stamp.strftime("%H")
        target.mkdir(parents=True, exist_ok=True)
        os.replace(path, target / path.name)
        self.files.append(target / path.name)

    def _summary(self, by_kind: dict[str, list[tuple[str, str, bool, tuple[str, str] | None]]],
                 stamp: datetime) -> None:
        ET.register_namespace("", SUMMARY_NS)
        q = f"{{{SUMMARY_NS}}}"
        root = ET.Element(q + "SummaryResult")
        routing = ET.SubElement(root, q + "RoutingInfo")
        ET.SubElement(ET.SubElement(routing, q + "From"), q + "PartyId").text = "12345675"
        ET.SubElement(ET.SubElement(routing, q + "FromVAC"), q + "RoutingId").text = "12345675"
        details = ET.SubElement(root, q + "DetailList")
        for kind, docs in by_kind.items():
            message = ET.SubElement(details, q + "Message")
            info = ET.SubElement(message, q + "Info")
            ET.SubElement(info, q + "Id").text = f"12345675-{kind}-{stamp:%Y%m%d}-{stamp:%H%M%S}-double"
            ET.SubElement(info, q + "MessageType").text = kind
            results = ET.SubElement(message, q + "ResultType")
            for bucket, wanted in (("Total", None), ("Good", True), ("Failed", False)):
                chosen = [d for d in docs if wanted is None or d[2] is wanted]
                detail = ET.SubElement(ET.SubElement(results, q + bucket), q + "ResultDetailType")
                ET.SubElement(detail, q + "Count").text = str(len(chosen))
                invoices = ET.SubElement(detail, q + "Invoices")
                for reference, date, _good, refusal in chosen:
                    invoice = ET.SubElement(invoices, q + "Invoice")
                    ET.SubElement(invoice, q + "ReferenceNumber").text = reference
                    ET.SubElement(invoice, q + "InvoiceDate").text = date
                    if bucket == "Failed" and refusal is not None:
                        ET.SubElement(invoice, q + "ErrorCode").text = refusal[0]
                        ET.SubElement(invoice, q + "ErrorMessage").text = refusal[1]
        self._summaries += 1
        folder = self.root / "Unpack" / "BAK" / "SummaryResult" / f"{stamp:%Y%m%d}" / f"{stamp:%H}"
        folder.mkdir(parents=True, exist_ok=True)
        tmp = folder.parent / f".summary-{self._summaries}.tmp"
        ET.ElementTree(root).write(tmp, encoding="UTF-8", xml_declaration=True)
        os.replace(tmp, folder / f"SummaryResult_{stamp:%Y%m%d%H%M%S}_{self._summaries:04d}.xml")
