"""The support checks over SSH (doctor), their verdicts and the logs."""

from core.messages.code import MessageCode


class DoctorCode(MessageCode):
    """(code, Traditional Chinese, English); the code is stored and sent as it is."""

    HQ_PLAIN_HTTP = (
        "doctor.hq.plain_http",
        "總部網址 {url} 使用未加密的 http://，且不在本機：權杖與銷售資料會以明文經過網路；請改用 https:// "
        "（總部以 cashier hq serve --certfile --keyfile 啟動，本機設定 [hq] ca_file）",
        "HQ's url {url} is plain http:// to another machine: the token and the sales cross the network "
        "readable; use https:// (HQ started with cashier hq serve --certfile --keyfile, [hq] ca_file here)",
    )
    STATUS_OK = "doctor.status.ok", "正常", "ok"
    STATUS_WARN = "doctor.status.warn", "注意", "warning"
    STATUS_FAIL = "doctor.status.fail", "需要處理", "needs fixing"
    STATUS_SKIP = "doctor.status.skip", "略過", "skipped"
    CHECK_CONFIG = "doctor.check.config", "設定", "config"
    CHECK_STATION = "doctor.check.station", "收銀程式", "station"
    CHECK_DATABASE = "doctor.check.database", "資料庫", "database"
    CHECK_PRINTER = "doctor.check.printer", "印表機", "printer"
    CHECK_HQ = "doctor.check.hq", "總部連線", "HQ"
    CHECK_BACKLOG = "doctor.check.backlog", "上傳待辦", "upload backlog"
    CHECK_NUMBERS = "doctor.check.numbers", "發票號碼", "invoice numbers"
    SUMMARY_OK = "doctor.summary.ok", "全部正常", "all checks passed"
    SUMMARY_PROBLEMS = (
        "doctor.summary.problems",
        "{fail} 項需要處理，{warn} 項需要注意",
        "{fail} check(s) need fixing, {warn} need attention",
    )
    CONFIG_OK = "doctor.config.ok", "設定檔 {path} 正常", "config file {path} is valid"
    SKIPPED_NO_CONFIG = "doctor.skipped_no_config", "沒有可用的設定，無法檢查", "not checked: no usable configuration"
    SKIPPED_NO_DATABASE = (
        "doctor.skipped_no_database",
        "資料庫無法使用，無法檢查",
        "not checked: the database cannot be used",
    )
    STATION_RUNNING = (
        "doctor.station.running",
        "收銀程式執行中（PID {pid}，主機 {host}，自 {started}）",
        "the station is running (pid {pid} on {host}, since {started})",
    )
    STATION_STOPPED = "doctor.station.stopped", "收銀程式沒有在執行", "the station is not running"
    STATION_CRASHED = (
        "doctor.station.crashed",
        "收銀程式上次沒有正常結束（PID {pid}，自 {started}）；下次啟動會自動接手",
        "the station did not stop cleanly last time (pid {pid}, since {started}); the next start takes over",
    )
    DATABASE_OK = (
        "doctor.database.ok",
        "資料庫正常：結構版本 {version}，大小 {size}",
        "database ok: schema version {version}, size {size}",
    )
    DATABASE_MISSING = (
        "doctor.database.missing",
        "資料庫 {path} 還不存在（第一次啟動收銀程式時建立）",
        "no database at {path} yet (the first start of the station creates it)",
    )
    DATABASE_DAMAGED = (
        "doctor.database.damaged",
        "資料庫檢查發現損毀：{detail}；請停止收銀程式並聯絡支援，保留檔案 {path}",
        "the database check found damage: {detail}; stop the station, call support, keep the file {path}",
    )
    DATABASE_OLD_SCHEMA = (
        "doctor.database.old_schema",
        "資料庫結構版本 {found}，下次啟動收銀程式時會升級到 {latest}",
        "database schema version {found}; the next start of the station upgrades it to {latest}",
    )
    PRINTER_OK = "doctor.printer.ok", "印表機 {url}（{model}）：{words}", "printer {url} ({model}): {words}"
    PRINTER_EMULATOR = (
        "doctor.printer.emulator",
        "使用程式內建的虛擬印表機",
        "the in-process virtual printer is configured",
    )
    PRINTER_UNREACHABLE = (
        "doctor.printer.unreachable",
        "無法連線到印表機 {url}（{model}），狀態不明",
        "cannot reach the printer {url} "
                                   "({model}); its state is unknown",
    )
    PRINTER_SEEN = (
        "doctor.printer.seen",
        "印表機 {url}（{model}）：{words}（{age} 秒前由銷售中的收銀機看到，PID {pid}）",
        "printer {url} ({model}): {words}, seen {age} s ago by the selling till, pid {pid}",
    )
    PRINTER_OWNED = (
        "doctor.printer.owned",
        "印表機 {url} 正由執行中的收銀程式使用，未重複開啟",
        "the printer {url} is in use by the running station; not opened a second time",
    )
    HQ_OK = (
        "doctor.hq.ok",
        "總部 {url} 可連線：回應 {latency_ms} 毫秒，時間差 {skew} 秒",
        "HQ {url} reachable: {latency_ms} ms, clock skew {skew} s",
    )
    HQ_SKEW = (
        "doctor.hq.skew",
        "本機時間與總部相差 {skew} 秒：請校正系統時間（發票日期依本機時間開立）",
        "this station's clock is {skew} s off HQ's: set the system time (invoices are dated by this clock)",
    )
    BACKLOG_OK = "doctor.backlog.ok", "沒有待上傳的訂單", "nothing waiting for upload"
    BACKLOG_PENDING = (
        "doctor.backlog.pending",
        "{pending} 筆待上傳（最舊的已 {age_hours} 小時），{attention} 筆需要處理",
        "{pending} order(s) waiting for upload (oldest {age_hours} h old), {attention} need attention",
    )
    BACKLOG_OVERDUE = (
        "doctor.backlog.overdue",
        "有訂單超過 {hours} 小時仍未上傳：發票須在開立後 48 小時內上傳，請恢復網路連線或聯絡總部",
        "orders are more than {hours} h old and not uploaded: invoices must reach HQ within 48 hours; "
        "restore the network or call HQ",
    )
    BACKLOG_ATTENTION = (
        "doctor.backlog.attention",
        "{count} 筆訂單被總部拒絕，需要人工處理（見「上傳紀錄」）",
        "{count} order(s) refused by HQ need a person (see the upload records)",
    )
    NUMBERS_OK = (
        "doctor.numbers.ok",
        "本期 {current_period} 剩 {current} 個號碼，下期 {next_period} 剩 {next} 個",
        "{current} number(s) left for {current_period}, {next} for {next_period}",
    )
    NUMBERS_NONE = (
        "doctor.numbers.none",
        "本期 {period} 已無電子發票號碼：請連線取得新字軌",
        "no e-invoice numbers left for {period}: go online to fetch a booklet",
    )
    NUMBERS_LOW = "doctor.numbers.low", "本期 {period} 只剩 {left} 個號碼", "only {left} number(s) left for {period}"
    NUMBERS_NEXT_MISSING = (
        "doctor.numbers.next_missing",
        "本期將在 {days} 天後結束，下期 {period} 還沒有號碼",
        "this period ends in {days} day(s) and "
        "{period} has no numbers yet",
    )
    LOGS_NONE = "logs.none", "還沒有記錄檔：{path}", "no log file yet: {path}"
    CHECK_RESUME = "doctor.check.resume", "號碼接續", "numbering"
    CHECK_BACKUP = "doctor.check.backup", "備份", "backup"
    RESUME_OK = (
        "doctor.resume.ok",
        "資料庫即為總部號碼所交付的那一個",
        "The database is the one HQ's numbering was handed to",
    )
    RESUME_UNREGISTERED = (
        "doctor.resume.unregistered",
        "本機尚未向總部取得號碼（第一個資料庫）",
        "This station has not taken numbers from HQ yet (its first database)",
    )
    RESUME_YOUNGER = (
        "doctor.resume.younger",
        "資料庫（建立於 {created}）比本機的登記（{registered}）還新：可能是遺失後重建。"
        "連上總部確認號碼之前不能開電子發票",
        "The database (created {created}) is younger than the station's registration ({registered}): it was "
        "probably recreated after a loss. No e-invoice until HQ confirms the numbers",
    )
    RESUME_PENDING = (
        "doctor.resume.pending",
        "資料庫等待總部確認已用過的號碼（{reason}）：暫停開立電子發票，可用手開發票",
        "The database waits for HQ to confirm the used numbers ({reason}): no e-invoice meanwhile, manual "
        "invoices only",
    )
    RESUME_RESUMED = (
        "doctor.resume.resumed",
        "資料庫曾還原或重建，{at} 已依總部的紀錄接續號碼",
        "The database was restored or recreated; numbering "
        "resumed from HQ's records at {at}",
    )
    BACKUP_NONE_CONFIGURED = (
        "doctor.backup.none_configured",
        "未設定備份資料夾（[backup] dir）",
        "No backup folder configured ([backup] dir)",
    )
    BACKUP_NONE = "doctor.backup.none", "備份資料夾 {path} 裡還沒有備份", "No backup in {path} yet"
    BACKUP_OK = (
        "doctor.backup.ok",
        "最近一次備份 {at}（{age} 前，{size}）：{path}",
        "Last backup {at} ({age} ago, {size}): {path}",
    )
    BACKUP_OLD = (
        "doctor.backup.old",
        "最近一次備份已是 {age} 前：請檢查備份資料夾（USB 隨身碟）",
        "The last backup is {age} old: check the "
        "backup folder (USB stick)",
    )
    BACKUP_LAST_FAILED = (
        "doctor.backup.last_failed",
        "最近一次備份失敗（{at}）：{reason}",
        "The last backup attempt failed ({at}): {reason}",
    )
    BACKUP_DAMAGED = (
        "doctor.backup.damaged",
        "最近的備份檔 {path} 檢查不通過：{detail}",
        "The latest backup {path} fails its check: {detail}",
    )
    CHECK_PLATFORM = "doctor.check.platform", "財政部平台", "MOF platform"
    PLATFORM_OK = (
        "doctor.platform.ok",
        "財政部平台已接受本機所有上傳的發票",
        "the MOF platform has accepted every invoice of this station",
    )
    PLATFORM_OPEN = (
        "doctor.platform.open",
        "最早一張財政部平台尚未接受的發票：{number}（{issued}，{state}）",
        "oldest invoice the MOF platform has not accepted: {number} (issued {issued}, {state})",
    )
    PLATFORM_REJECTED = (
        "doctor.platform.rejected",
        "財政部平台退回發票 {number}：{code}；請總部修正後重送",
        "the MOF platform rejected invoice {number}: {code}; HQ must fix and re-send it",
    )
    PLATFORM_LATE = (
        "doctor.platform.late",
        "發票 {number} 開立已超過 {hours} 小時，財政部平台仍未接受",
        "invoice {number} was issued more than {hours} hours ago and the MOF platform has not accepted it",
    )
