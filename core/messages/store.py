"""The station database and the station process: locks, damage, schema, read-only modes."""

from core.messages.code import MessageCode


class StoreCode(MessageCode):
    """(code, Traditional Chinese, English); the code is stored and sent as it is."""

    # The login screen's light read of the staff list (core.store.staff_light), before the Station opens.
    STAFF_PREVIEW_MISSING = (
        "staff_preview.missing",
        "找不到收銀機資料庫 {path}（第一次啟動時由收銀程式建立）",
        "No station database at {path} yet (the station creates it on its first start)",
    )
    STAFF_PREVIEW_NOT_MIGRATED = (
        "staff_preview.not_migrated",
        "收銀機資料庫 {path} 尚未建立資料表（收銀程式開啟時會建立）",
        "The station database {path} has no tables yet (the station creates them when it opens)",
    )
    STAFF_PREVIEW_UNREADABLE = (
        "staff_preview.unreadable",
        "無法讀取收銀機資料庫 {path}：{detail}",
        "Cannot read the station database {path}: {detail}",
    )

    LOCKED = (
        "database.locked",
        "資料庫正被其他程式使用中，請稍後再試：{path}",
        "The database is in use by another program; try again shortly: {path}",
    )
    CORRUPT = (
        "database.corrupt",
        "資料庫檔案損毀或不是收銀機資料庫：{path}",
        "The database file is damaged or is not a cashier database: {path}",
    )
    TOO_NEW = (
        "database.too_new",
        "資料庫版本 {found} 比本程式支援的版本 {supported} 新，請更新收銀程式",
        "The database is at schema version {found}, newer than the {supported} this program knows; upgrade",
    )
    HQ_DATABASE_TOO_NEW = (
        "hq_database.too_new",
        "總部資料庫 {where} 的結構版本 {found} 比本程式支援的 {supported} 新（由較新的總部程式寫入）；"
        "資料庫未被更動，請更新總部程式",
        "HQ's database {where} is at schema revision {found}, which this HQ does not know (it knows up to "
        "{supported}): a newer HQ wrote it. Nothing was changed; upgrade HQ",
    )
    HQ_DATABASE_UNRECOGNISED = (
        "hq_database.unrecognised",
        "總部資料庫 {where} 有部分總部資料表卻沒有版本紀錄，無法辨識（{detail}）；資料庫未被更動",
        "HQ's database {where} has some of HQ's tables but no schema revision, and is not one HQ made "
        "({detail}); nothing was changed",
    )
    STATION_READ_ONLY = (
        "station.read_only",
        "唯讀支援模式不能銷售、列印證明聯或取號：這台收銀機的銷售畫面正在另一個程式中執行",
        "Read-only support mode cannot sell, print proof copies or take invoice numbers: this station's "
        "selling instance is running in another program",
    )
    STATION_SUPPORT_MODE = (
        "station.support_mode",
        "唯讀支援模式：銷售畫面正在執行（PID {pid}，主機 {host}，自 {started}）。可以查看訂單、上傳紀錄、"
        "設備與記錄檔；不能銷售、列印證明聯或取號",
        "Read-only support mode: the selling instance is running (pid {pid} on {host}, since {started}). "
        "Orders, upload records, devices and logs can be viewed; nothing can be sold, printed or numbered",
    )
    MISSING = "database.missing", "找不到收銀資料庫 {path}", "The station database {path} does not exist"
    NOT_MIGRATED = (
        "database.not_migrated",
        "資料庫 {path} 的版本 {found} 比本程式的 {supported} 舊：請先由銷售中的收銀程式更新後再以支援模式開啟",
        "The database {path} is at schema version {found}, older than this program's {supported}: let the "
        "selling instance upgrade it before opening it in support mode",
    )
    SHIFT_PRINT_WHILE_SELLING = (
        "shift.print_while_selling",
        "銷售畫面正在使用印表機：請在收銀機上按 F9 交班並列印 Z 報表，或不加 --print 執行（沒有交班）",
        "The selling instance owns the printer: close the shift with F9 at the till to print the Z report, or "
        "run this without --print (nothing was closed)",
    )
    STATION_LOCK_FAILED = (
        "station.lock_failed",
        "無法建立收銀機鎖定檔 {path}：{reason}",
        "Cannot create the station lock file {path}: {reason}",
    )
    DISK_FULL = (
        "database.disk_full",
        "磁碟空間已滿，資料庫無法寫入：這次的操作沒有儲存（{path}）。請清出磁碟空間後再試一次",
        "The disk is full, so the database cannot be written: nothing from this attempt was saved ({path}). "
        "Free some disk space and try again",
    )
    IO_ERROR = (
        "database.io_error",
        "資料庫檔案寫入失敗（磁碟錯誤或空間不足）：這次的操作沒有儲存（{path}）。請檢查磁碟後再試一次",
        "Writing the database file failed (a disk error or no space): nothing from this attempt was saved ({path}). "
        "Check the disk and try again",
    )
