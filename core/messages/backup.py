"""Backups, restores and a resumed database that must never reissue an invoice number."""

from core.messages.code import MessageCode


class BackupCode(MessageCode):
    """(code, Traditional Chinese, English); the code is stored and sent as it is."""

    INVOICE_RESUME_PENDING = (
        "invoice.resume_pending",
        "本機資料庫是還原或新建的，總部確認已用過的發票號碼之前，不能開立電子發票。請改用「自行開立」手開發票；"
        "連上總部後會自動恢復",
        "This station's database was restored or is new: no e-invoice number until HQ confirms which numbers are "
        "used. Use a manual invoice (自行開立) meanwhile; e-invoices resume by themselves once HQ answers",
    )
    RESUME_HQ_UNSUPPORTED = (
        "resume.hq_unsupported",
        "總部版本過舊，無法告知已收到的發票號碼：還原的資料庫暫停開立電子發票，請更新總部",
        "HQ is too old to say which invoice numbers it received: the restored database issues no e-invoice "
        "until HQ is upgraded",
    )
    NO_DIR = (
        "backup.no_dir",
        "未設定備份資料夾：請在設定檔的 [backup] 加上 dir（例如第二顆硬碟或 USB 隨身碟上的資料夾）",
        "No backup folder set: add dir under [backup] in the config (a folder on a second disk or a USB stick)",
    )
    DIR_MISSING = (
        "backup.dir_missing",
        "備份資料夾 {path} 不存在或無法使用（USB 隨身碟沒插上？）：這次沒有備份",
        "The backup folder {path} is missing or unusable (USB stick not plugged in?): no backup was made",
    )
    DIR_FULL = (
        "backup.dir_full",
        "備份資料夾 {path} 空間不足：這次沒有備份，舊的備份都還在。請清出空間或換一個隨身碟",
        "The backup folder {path} is full: no backup was made, the older ones are untouched. Free space or use "
        "another stick",
    )
    FAILED = (
        "backup.failed",
        "備份失敗（{detail}）：這次沒有備份，舊的備份都還在",
        "The backup failed ({detail}): no backup was made, the older ones are untouched",
    )
    VERIFY_FAILED = (
        "backup.verify_failed",
        "備份檔檢查不通過（{detail}）：已丟棄，舊的備份都還在",
        "The backup copy failed its integrity check ({detail}): discarded, the older ones are untouched",
    )
    DONE = "backup.done", "已備份到 {path}（{size}，檢查通過）", "Backed up to {path} ({size}, integrity check passed)"
    PROGRESS = "backup.progress", "正在備份 {source} 到 {folder} …", "Backing up {source} to {folder} …"
    RESTORE_WHILE_SELLING = (
        "restore.while_selling",
        "收銀機正在營業中（pid {pid}）：請先結束收銀程式再還原",
        "A till is selling on this station (pid {pid}): quit it before restoring",
    )
    RESTORE_NOT_FOUND = "restore.not_found", "找不到備份檔 {path}", "No backup file at {path}"
    RESTORE_DAMAGED = (
        "restore.damaged",
        "備份檔 {path} 損壞或不是收銀資料庫（{detail}）：沒有還原，原本的資料庫未變動",
        "The backup {path} is damaged or not a station database ({detail}): nothing was restored, the current "
        "database is untouched",
    )
    RESTORE_PROGRESS = "restore.progress", "正在檢查並還原 {path} …", "Checking and restoring {path} …"
    RESTORE_DONE = (
        "restore.done",
        "已從 {path} 還原（原本的資料庫保存為 {kept}）。連上總部並確認已用過的發票號碼之前，不會開立電子發票",
        "Restored from {path} (the previous database is kept as {kept}). No e-invoice number is issued until "
        "HQ confirms which numbers are used",
    )
