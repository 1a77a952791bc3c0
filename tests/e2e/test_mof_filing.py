"""MOF filing end to end: a till sells offline, reconnects, HQ accepts the order, HQ files the F0401 through
Turnkey's folders (the Turnkey double plays the other side), and the platform's answer shows at HQ and at
the till; a rejected F0401 shows its reason at both and is filed again after a fix."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from sqlmodel import select

from core.doctor.model import Status
from core.doctor.platform_check import check_platform
from core.sync.events import PullFinished
from hq.mof.deadlines import Deadlines
from hq.mof.documents import Seller
from hq.mof.export import ExportReport, export, resend
from hq.tables import HQMofDocument
from tests.e2e.conftest import Rig, Till
from tests.factories import simple_sale
from tests.support.turnkey import TurnkeyDouble

SELLER = Seller("示範商店股份有限公司", "12345675")


def _sell_offline(rig: Rig, till: Till) -> str:
    rig.server.stop()
    till.events.wait(till.events.offline, what="the till to notice HQ is gone")
    order_id = till.station.checkout(replace(simple_sale(), offline=True)).order_id
    rig.server.start()
    till.service.notify_sale()
    till.events.wait(lambda: till.states() == {"success": 1}, what="the offline sale to reach HQ")
    return order_id


def _export(rig: Rig, root: Path) -> ExportReport:
    return export(rig.hq.db, root, SELLER, now=rig.hq.clock.now(), deadlines=Deadlines())


def _platform_state(till: Till, order_id: str, wanted: str) -> str:
    """Ask the till to pull (it refreshes platform states with every pull) until it shows `wanted`."""
    def shown() -> str | None:
        detail = till.station.upload_detail(order_id)
        return detail.platform.state if detail and detail.platform else None
    before = len(till.events.of(PullFinished))
    till.service.pull_now()
    till.events.wait(lambda: len(till.events.of(PullFinished)) > before, what="a pull")
    till.events.wait(lambda: shown() == wanted, what=f"the till to show {wanted}")
    return wanted


def test_an_offline_sale_is_filed_and_its_acceptance_reaches_hq_and_the_till(rig: Rig, tmp_path: Path) -> None:
    root = tmp_path / "EINVTurnkey"
    turnkey = TurnkeyDouble(root)
    till = rig.till("S01")
    order_id = _sell_offline(rig, till)
    number = till.station.upload_detail(order_id).record.invoice_number  # type: ignore[union-attr]

    assert _export(rig, root).handed == 1
    assert _platform_state(till, order_id, "handed") == "handed"  # with Turnkey, no answer yet
    assert turnkey.run_once(rig.hq.clock.now()) == 1
    assert _export(rig, root).accepted == 1
    with rig.hq.db.read() as session:
        [doc] = session.exec(select(HQMofDocument)).all()
    assert (doc.kind, doc.reference, doc.state, doc.order_id) == ("F0401", number, "accepted", order_id)
    _platform_state(till, order_id, "accepted")
    assert check_platform(till.station.platform_oldest_open(), rig.hq.clock.now()).status is Status.OK
    assert turnkey.received == {f"F0401:{number}": 1}


def test_a_rejected_f0401_shows_its_reason_at_both_ends_and_is_filed_again_after_a_fix(rig: Rig,
                                                                                      tmp_path: Path) -> None:
    root = tmp_path / "EINVTurnkey"
    turnkey = TurnkeyDouble(root)
    till = rig.till("S01")
    order_id = _sell_offline(rig, till)
    number = till.station.upload_detail(order_id).record.invoice_number  # type: ignore[union-attr]
    turnkey.reject(number, "E0401", "發票號碼不在配號區間")

    _export(rig, root)
    turnkey.run_once(rig.hq.clock.now())
    assert _export(rig, root).rejected == 1
    admin = rig.hq.client("ADMIN")
    rejected = admin.get("/api/v1/mof/documents", params={"state": "rejected"}).json()["items"]
    assert [(d["reference"], d["error_code"], d["error_text"]) for d in rejected] == \
        [(number, "E0401", "發票號碼不在配號區間")]
    _platform_state(till, order_id, "rejected")
    platform = till.station.upload_detail(order_id).platform  # type: ignore[union-attr]
    assert platform is not None and (platform.error_code, platform.error_text) == ("E0401", "發票號碼不在配號區間")
    doctor = check_platform(till.station.platform_oldest_open(), rig.hq.clock.now())
    assert doctor.status is Status.FAIL and number in doctor.summary.en and "E0401" in doctor.notes[0].en

    turnkey.accept(number)  # the cause fixed at HQ, the back office asks for it again
    again = admin.post(f"/api/v1/mof/documents/{rejected[0]['id']}/resend").json()
    assert (again["state"], again["attempt"]) == ("queued", 2)
    assert _export(rig, root).handed == 1
    turnkey.run_once(rig.hq.clock.now())
    assert _export(rig, root).accepted == 1
    _platform_state(till, order_id, "accepted")
    assert turnkey.received == {f"F0401:{number}": 2}
    assert resend(rig.hq.db, rejected[0]["id"], rig.hq.clock.now()).state == "accepted"  # type: ignore[union-attr]
