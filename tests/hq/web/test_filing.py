"""Filing: the page over the MOF hook; unwired it says so, wired it lists and re-sends (audited)."""

from __future__ import annotations

from typing import Any

from hq.web.hooks import FilingDocument, FilingOverview
from tests.hq.web.conftest import Office


def test_unwired_filing_says_so(signed_in: Office) -> None:
    hooks = signed_in.hq.app.state.office_hooks
    hooks.filing_overview = hooks.resend_filing = None  # an HQ without MOF filing (hq/web/wiring.py wires it)
    page = signed_in.client.get("/office/filing")
    assert page.status_code == 200 and "申報功能尚未連接" in page.text
    assert signed_in.post("/office/filing/D1/resend").status_code == 404


def test_wired_filing_lists_documents_and_resends_a_rejected_one(signed_in: Office) -> None:
    sent: list[str] = []
    overview = FilingOverview(by_state={"accepted": 10, "rejected": 1},
                              late=[FilingDocument("D2", "KN20000001", "pending")],
                              rejected=[FilingDocument("D1", "KN20000000", "rejected", "E0401 賣方統編錯誤")],
                              blank_reports=[("115年11-12月", "due")])
    hooks = signed_in.hq.app.state.office_hooks
    hooks.filing_overview = lambda _session, _now: overview

    def resend(_session: Any, document_id: str, _now: Any) -> None:
        sent.append(document_id)

    hooks.resend_filing = resend
    page = signed_in.client.get("/office/filing").text
    assert "E0401 賣方統編錯誤" in page and "KN20000001" in page and "115年11-12月" in page
    assert page.count("/resend") == 1  # only the rejected one
    assert signed_in.client.post("/office/filing/D1/resend", data={"csrf": "x"}).status_code == 403 and sent == []
    assert signed_in.post("/office/filing/D1/resend").status_code == 303 and sent == ["D1"]
    assert ("owner", "filing.resend", "D1") in signed_in.audit()


def test_wired_to_hqs_filing_the_page_lists_hqs_documents(signed_in: Office) -> None:
    from hq.mof.deadlines import Deadlines
    from hq.mof.events import enqueue
    from tests.support.orders import make_order

    signed_in.upload(make_order())
    with signed_in.hq.db.write() as session:
        enqueue(session, signed_in.hq.clock.now(), Deadlines())
    page = signed_in.client.get("/office/filing").text
    assert "申報功能尚未連接" not in page and "queued" in page
