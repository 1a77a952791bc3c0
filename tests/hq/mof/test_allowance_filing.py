"""An allowance in force is filed as a G0401 and its cancellation as a G0501, through the same document queue
as an order's F0401: once each, valid against the MIG 4.1 schema, tracked to the platform's answer."""

from __future__ import annotations

from datetime import timedelta

from lxml import etree
from sqlmodel import col, select

from hq.tables import HQMofDocument
from tests.hq.mof.conftest import BATCH, Filing
from tests.support.allowances import ALLOWANCES, CANCELS, make_allowance, make_cancel
from tests.support.orders import make_order


def _docs(filing: Filing, *kinds: str) -> list[tuple[str, str, str]]:
    with filing.hq.db.read() as session:
        return [(d.kind, d.reference, d.state) for d in session.exec(
            select(HQMofDocument).where(col(HQMofDocument.kind).in_(kinds)).order_by(col(HQMofDocument.id))).all()]


def test_an_accepted_allowance_becomes_one_g0401_and_its_cancel_one_g0501(filing: Filing) -> None:
    [order] = filing.upload(1)
    filing.cycle()
    client = filing.hq.client("S01")
    allowance = make_allowance(order, issued_at=filing.hq.clock.now())
    assert client.post(ALLOWANCES, json={"allowances": [allowance]}).json()["results"][0]["outcome"] == "accepted"
    report = filing.cycle()  # every file handed over is checked against the schema by the cycle
    assert (report.queued, report.handed, report.accepted) == (1, 1, 1)
    assert _docs(filing, "G0401", "G0501") == [("G0401", allowance["number"], "accepted")]
    assert filing.turnkey.received[f"G0401:{allowance['number']}"] == 1
    g0401 = etree.fromstring(filing.turnkey.documents[-1])
    ns = {"g": etree.QName(g0401).namespace}
    assert g0401.findtext("g:Details/g:ProductItem/g:OriginalInvoiceNumber", namespaces=ns) == \
        order["invoice"]["number"]
    assert (g0401.findtext("g:Amount/g:TaxAmount", namespaces=ns),
            g0401.findtext("g:Amount/g:TotalAmount", namespaces=ns)) == ("5", "100")  # NT$105 = 100 + 5
    assert filing.cycle().queued == 0  # replayed or not, an allowance is filed once

    cancel = make_cancel(allowance, at=filing.hq.clock.now() + timedelta(minutes=1))
    assert client.post(CANCELS, json={"cancels": [cancel]}).json()["results"][0]["outcome"] == "accepted"
    report = filing.cycle()
    assert (report.queued, report.handed, report.accepted) == (1, 1, 1)
    assert _docs(filing, "G0401", "G0501") == [("G0401", allowance["number"], "accepted"),
                                               ("G0501", allowance["number"], "accepted")]
    assert filing.turnkey.received[f"G0501:{allowance['number']}"] == 1


def test_a_held_allowance_is_filed_only_once_its_sale_arrives_and_a_manual_invoices_never(filing: Filing) -> None:
    client = filing.hq.client("S01")
    booklet = client.post("/api/v1/booklets/allocate", json={"period_code": "11512", "count": 1}).json()[0]
    order = make_order(number=f"{booklet['track']}{booklet['start']:08d}")
    held = make_allowance(order, issued_at=filing.hq.clock.now())
    assert client.post(ALLOWANCES, json={"allowances": [held]}).json()["results"][0]["outcome"] == "held"
    assert filing.export().queued == 0
    assert client.post(BATCH, json={"orders": [order]}).json()["results"][0]["outcome"] == "accepted"
    filing.cycle()
    assert _docs(filing, "G0401") == [("G0401", held["number"], "accepted")]

    manual = make_order(seq=2, manual=True, number="XY00000001")
    assert client.post(BATCH, json={"orders": [manual]}).json()["results"][0]["outcome"] == "accepted"
    paper = make_allowance(manual, issued_at=filing.hq.clock.now())
    assert client.post(ALLOWANCES, json={"allowances": [paper]}).json()["results"][0]["outcome"] == "accepted"
    assert filing.cycle().queued == 0  # paper, like its invoice: not filed here
