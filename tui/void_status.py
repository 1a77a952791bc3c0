"""A voided order's void, and an allowance's upload, on their way to HQ as one line of text: the upload
records and the order's detail show them."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text

from tui.i18n.texts import ScreenText

if TYPE_CHECKING:
    from core.store.allowance_outbox import AllowanceUpload
    from core.store.upload_records import VoidUpload
    from tui.i18n import Translator

VOID_STYLES = {"success": "green", "failed": "red", "attention": "bold red"}  # waiting / uploading: yellow


def void_text(t: Translator, language: str, void: VoidUpload, *, label: ScreenText = ScreenText.UPLOAD_VOID) -> Text:
    """A voided order's void on its way to HQ: "作廢：需處理" and HQ's reason, or "作廢：等待中（等訂單先上傳）"."""
    state = void.state.value
    text = Text(t(label, state=t(ScreenText.of(f"upload.{state}"))), style=VOID_STYLES.get(state, "yellow"))
    if void.waiting_for_order:
        text.append(t(ScreenText.UPLOAD_VOID_AFTER_ORDER))
    if void.reason is not None and state != "success":
        text.append(" " + void.reason.text(language), style="red")
    return text


def allowance_upload_text(t: Translator, language: str, upload: AllowanceUpload) -> Text:
    """An allowance's (or its cancel's) upload to HQ, as on the order's detail: "上傳：成功", and HQ's
    reason on a line of its own (it is long, and cut at the edge it would hide the number it names)."""
    label = ScreenText.DETAIL_ALLOWANCE_CANCEL_UPLOAD if upload.is_cancel else ScreenText.DETAIL_ALLOWANCE_UPLOAD
    state = t(ScreenText.of(f"upload.{upload.state}"))
    text = Text(t(label, state=state), style=VOID_STYLES.get(upload.state, "yellow"))
    if upload.reason is not None and upload.state != "success":
        text.append("\n   " + upload.reason.text(language), style="red")
    return text
