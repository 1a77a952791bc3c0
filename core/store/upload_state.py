"""The states every outbox row goes through, orders', voids' and allowances' alike.

waiting (等待中) -> uploading -> success (成功); failed (will retry after a backoff); attention (HQ
refused it: a person must look; retried only by hand). A row is never deleted.
"""

from __future__ import annotations

from enum import StrEnum

from core.messages import MessageCode, message_code


class UploadState(StrEnum):
    WAITING = "waiting"
    UPLOADING = "uploading"
    SUCCESS = "success"
    FAILED = "failed"
    ATTENTION = "attention"

    @property
    def message(self) -> MessageCode:
        return message_code(f"upload_state.{self.value}")

    @property
    def label(self) -> str:
        return self.message.zh


DUE_STATES = (UploadState.WAITING.value, UploadState.FAILED.value)
PENDING_STATES = (*DUE_STATES, UploadState.UPLOADING.value)
