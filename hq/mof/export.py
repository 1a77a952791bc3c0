"""The filing loop: queue events, build and check each message, hand it to Turnkey once, read the answers.

States: queued → handed (in Turnkey's SRC folder) → accepted | rejected (the platform's or Turnkey's code and
text); a message our schema refuses is held with the reason and retried on every pass (a setting may be fixed);
a rejected one goes back to queued by `resend` after a fix, as attempt + 1 under a new file name.

Exactly once: the file name is fixed by the document and attempt, the file is renamed into SRC before the
database says "handed", and a pass that finds the file already in SRC, BAK or ERR only records the hand-over.
A kill at any instant therefore leaves each document either not yet written (it is written next pass) or
written and about to be recorded (it is recorded next pass, never written again).
"""

from __future__ import annotations

import hashlib
import logging
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from lxml import etree
from sqlalchemy import update
from sqlmodel import Session, select

from hq.db import HQDatabase
from hq.mof import messages, results, turnkey
from hq.mof.deadlines import Deadlines
from hq.mof.documents import NotBuildableError, Seller, message_for
from hq.mof.events import enqueue
from hq.mof.schema import KINDS, problems
from hq.tables import HQMofDocument, HQMofResultFile

log = logging.getLogger(__name__)
BATCH = 500
PENDING = ("queued", "held")


@dataclass
class ExportReport:
    queued: int = 0  # new documents for new events
    handed: int = 0
    held: int = 0
    skipped: int = 0
    accepted: int = 0
    rejected: int = 0
    held_reasons: list[str] = field(default_factory=list)


@dataclass
class _Outcome:
    doc_id: int
    attempt: int
    state: str
    file_name: str | None = None
    sha256: str | None = None
    reason: str | None = None


def _prepare(session: Session, doc: HQMofDocument, root: Path, seller: Seller) -> _Outcome:
    assert doc.id is not None
    try:
        msg = message_for(session, doc, seller)
    except NotBuildableError as why:
        return _Outcome(doc.id, doc.attempt, "held", reason=str(why))
    if msg is None:
        return _Outcome(doc.id, doc.attempt, "skipped", reason="no blank numbers: nothing to report")
    element = messages.build(msg)
    wrong = problems(doc.kind, element)
    if wrong is not None:
        return _Outcome(doc.id, doc.attempt, "held", reason=f"{doc.kind} fails the MIG 4.1 schema: {wrong}")
    content = messages.serialise(element)
    name = turnkey.file_name(doc.kind, doc.reference, doc.id, doc.attempt)
    if turnkey.already_handed(root, doc.kind, name):
        log.info("%s %s: %s already with Turnkey (an earlier pass wrote it); recorded", doc.kind, doc.reference, name)
    else:
        turnkey.write(root, doc.kind, name, content)
    return _Outcome(doc.id, doc.attempt, "handed", name, hashlib.sha256(content).hexdigest())


def _record(db: HQDatabase, outcomes: list[_Outcome], now: datetime) -> None:
    with db.write() as session:
        for o in outcomes:
            values: dict[str, object] = {"state": o.state}
            if o.state == "handed":
                values.update(file_name=o.file_name, sha256=o.sha256, handed_at=now, held_reason=None)
            elif o.state == "skipped":
                values.update(held_reason=o.reason, settled_at=now)
            else:
                values.update(held_reason=o.reason)
            # Only the attempt we built: a concurrent resend (attempt + 1) is never overwritten.
            session.execute(update(HQMofDocument).where(
                HQMofDocument.id == o.doc_id, HQMofDocument.attempt == o.attempt,  # type: ignore[arg-type]
                HQMofDocument.state.in_(PENDING)).values(**values))  # type: ignore[attr-defined]


def export(db: HQDatabase, root: Path, seller: Seller, *, now: datetime, deadlines: Deadlines,
           period: str | None = None) -> ExportReport:
    """One pass: queue new events, hand every pending document to Turnkey, then read Turnkey's answers."""
    report = ExportReport()
    with turnkey.exporter_lock(root):
        with db.write() as session:
            report.queued = enqueue(session, now, deadlines, period)
        after = 0
        while True:
            with db.read() as session:
                query = select(HQMofDocument).where(HQMofDocument.state.in_(PENDING),  # type: ignore[attr-defined]
                                                    HQMofDocument.id > after)  # type: ignore[operator]
                if period:
                    query = query.where(HQMofDocument.period_code == period)
                docs = list(session.exec(query.order_by(HQMofDocument.id).limit(BATCH)).all())  # type: ignore[arg-type]
                if not docs:
                    break
                outcomes = [_prepare(session, doc, root, seller) for doc in docs]
            _record(db, outcomes, now)
            after = docs[-1].id or after
            for o, doc in zip(outcomes, docs, strict=True):
                if o.state == "held":
                    report.held += 1
                    report.held_reasons.append(f"{doc.kind} {doc.reference}: {o.reason}")
                    log.warning("%s %s held, not sent: %s", doc.kind, doc.reference, o.reason)
                elif o.state == "skipped":
                    report.skipped += 1
                else:
                    report.handed += 1
        accepted, rejected = collect(db, root, now)
    report.accepted, report.rejected = accepted, rejected
    if report.handed or report.accepted or report.rejected:
        log.info("MOF export: %d new, %d handed to Turnkey, %d held, %d accepted, %d rejected", report.queued,
                 report.handed, report.held, report.accepted, report.rejected)
    return report


def _settle(session: Session, doc: HQMofDocument, accepted: bool, *, code: str | None, text: str | None,
            now: datetime) -> None:
    doc.state = "accepted" if accepted else "rejected"
    doc.error_code, doc.error_text, doc.settled_at = (None, None, now) if accepted else (code, text, now)
    session.add(doc)
    if accepted:
        log.info("%s %s accepted by the platform", doc.kind, doc.reference)
    else:
        log.warning("%s %s rejected: %s %s", doc.kind, doc.reference, code, text or "")


def collect(db: HQDatabase, root: Path, now: datetime) -> tuple[int, int]:
    """Apply Turnkey's answers: files it refused (ERR) and every SummaryResult not read before."""
    accepted = rejected = 0
    refused = turnkey.refused_names(root, KINDS)
    with db.write() as session:
        if refused:
            for doc in session.exec(select(HQMofDocument).where(
                    HQMofDocument.state == "handed",
                    HQMofDocument.file_name.in_(sorted(refused)))).all():  # type: ignore[union-attr]
                where = refused[doc.file_name or ""].relative_to(root)
                _settle(session, doc, False, code="TURNKEY-ERR",
                        text=f"Turnkey refused the file before sending it ({where})", now=now)
                rejected += 1
        read = set(session.exec(select(HQMofResultFile.path)).all())
        for path in results.summary_files(root):
            relative = str(path.relative_to(root))
            if relative in read:
                continue
            try:
                outcomes = list(results.parse_summary(path.read_bytes()))
            except (OSError, etree.XMLSyntaxError) as error:
                # Perhaps still being written by Turnkey: read it again on the next pass.
                log.warning("Turnkey result %s not readable yet: %s", relative, type(error).__name__)
                continue
            settled = 0
            for outcome in outcomes:
                match = session.exec(select(HQMofDocument).where(
                    HQMofDocument.kind == outcome.kind, HQMofDocument.reference == outcome.reference,
                    HQMofDocument.state == "handed")).first()
                if match is None:
                    continue  # not ours, or already settled by an earlier file
                _settle(session, match, outcome.accepted, code=outcome.code, text=outcome.text, now=now)
                settled += 1
                accepted += outcome.accepted
                rejected += not outcome.accepted
            session.add(HQMofResultFile(path=relative, read_at=now, documents=settled))
    return accepted, rejected


def resend(db: HQDatabase, doc_id: int, now: datetime) -> HQMofDocument | None:
    """A rejected (or held) document goes back to the queue after a fix; None when there is no such one."""
    with db.write() as session:
        return requeue(session, doc_id, now)


def requeue(session: Session, doc_id: int, now: datetime) -> HQMofDocument | None:
    """`resend` inside the caller's transaction (the back office audits the action in the same one)."""
    doc = session.get(HQMofDocument, doc_id)
    if doc is None or doc.state not in ("rejected", "held"):
        return doc
    if doc.state == "rejected":
        doc.attempt += 1  # a new file name: the platform sees a fresh upload, our ledger one document
    doc.state, doc.error_code, doc.error_text, doc.held_reason, doc.settled_at = "queued", None, None, None, None
    session.add(doc)
    log.info("%s %s queued again (attempt %d)", doc.kind, doc.reference, doc.attempt)
    return doc
