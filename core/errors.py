"""Errors a person can act on.

Each carries a stable code and its parameters, so the TUI, the CLI and the HQ can all say it in the
reader's language; tracebacks are for bugs, never for bad input.
"""

from __future__ import annotations

from typing import Any

LANGUAGES = ("zh_TW", "en")

# code -> (Traditional Chinese, English)
MESSAGES: dict[str, tuple[str, str]] = {
    "ban.invalid": (
        "統一編號「{value}」不正確：須為 8 位數字且檢查碼正確",
        "Business number '{value}' is invalid: it must be 8 digits with a valid check sum",
    ),
    "carrier.mobile.invalid": (
        "手機條碼「{value}」不正確：應為「/」加 7 個字元（0-9、A-Z、.、+、-）",
        "Mobile carrier '{value}' is invalid: '/' followed by 7 characters (0-9, A-Z, . + -)",
    ),
    "carrier.citizen.invalid": (
        "自然人憑證條碼「{value}」不正確：應為 2 個大寫英文字母加 14 位數字",
        "Citizen certificate carrier '{value}' is invalid: 2 capital letters and 14 digits",
    ),
    "donation.invalid": (
        "愛心碼「{value}」不正確：應為 3 到 7 位數字",
        "Donation code '{value}' is invalid: 3 to 7 digits",
    ),
    "invoice.options_conflict": (
        "發票選項衝突：{detail}",
        "Invoice options conflict: {detail}",
    ),
    "invoice_number.invalid": (
        "發票號碼「{value}」格式不正確：應為 2 個大寫英文字母加 8 位數字（例如 AB12345678）",
        "Invoice number '{value}' is malformed: 2 capital letters and 8 digits (e.g. AB12345678)",
    ),
    "manual_number.in_booklet": (
        "手開發票號碼 {value} 屬於本機電子發票字軌，不能手開使用",
        "Manual invoice number {value} is in this station's e-invoice booklets; it cannot be hand-written",
    ),
    "manual_number.used": (
        "發票號碼 {value} 已經使用過",
        "Invoice number {value} has already been used",
    ),
    "price.invalid": (
        "「{name}」的單價 {value} 不合理：應為 0 到 {maximum} 元的整數",
        "Unit price {value} for '{name}' is out of range: a whole number from 0 to {maximum} NT$",
    ),
    "quantity.invalid": (
        "「{name}」的數量 {value} 不合理：應為 1 到 {maximum} 的整數",
        "Quantity {value} for '{name}' is out of range: a whole number from 1 to {maximum}",
    ),
    "sku.invalid": (
        "商品編號「{value}」不正確：須為 1 到 40 個可見字元",
        "SKU '{value}' is invalid: 1 to 40 visible characters",
    ),
    "name.invalid": (
        "商品名稱不可空白",
        "The product name must not be empty",
    ),
    "product_type.invalid": (
        "商品類型「{value}」不正確：一般價格、加價購或滿額贈",
        "Product type '{value}' is invalid: regular, add-on or gift-with-purchase",
    ),
    "cart.empty": (
        "購物車是空的，請先掃描商品",
        "The cart is empty: scan an item first",
    ),
    "cart.line_missing": (
        "購物車沒有第 {value} 項",
        "The cart has no line {value}",
    ),
    "order.too_large": (
        "訂單總額 {value} 元超過上限 {maximum} 元",
        "The order total of NT${value} exceeds the limit of NT${maximum}",
    ),
    "invoice.zero_value": (
        "不可開立金額為 0 的發票",
        "A zero-value invoice cannot be issued",
    ),
    "payment.invalid": (
        "付款金額 {value} 不正確：應為正整數",
        "Payment amount {value} is invalid: a positive whole number",
    ),
    "payment.kind_invalid": (
        "付款方式「{value}」不正確：現金、信用卡或其他",
        "Payment method '{value}' is invalid: cash, card or other",
    ),
    "payment.short": (
        "付款不足：應付 {total} 元，已付 {paid} 元，尚差 {missing} 元",
        "Payment short: NT${total} due, NT${paid} paid, NT${missing} missing",
    ),
    "payment.overpaid_noncash": (
        "非現金付款超過應付金額 {excess} 元；只有現金可以找零",
        "Non-cash payments exceed the total by NT${excess}; only cash can be given change",
    ),
    "booklet.invalid_range": (
        "發票字軌 {track}{start:08d}–{end:08d} 不正確：須為 50 個號碼，起號尾數 00 或 50",
        "Booklet {track}{start:08d}-{end:08d} is invalid: 50 numbers starting at …00 or …50",
    ),
    "booklet.outside_period": (
        "發票字軌 {track}{start:08d} 屬於 {period}，不能用於 {current}",
        "Booklet {track}{start:08d} belongs to period {period} and cannot be used in {current}",
    ),
    "booklet.period_ended": (
        "發票字軌 {track}{start:08d} 的期別 {period} 已結束",
        "The period {period} of booklet {track}{start:08d} has ended",
    ),
    "booklet.overlap": (
        "發票字軌 {track}{start:08d} 與已登錄的號碼重疊",
        "Booklet {track}{start:08d} overlaps numbers already registered",
    ),
    "invoice.no_numbers": (
        "本期（{period}）已無可用的電子發票號碼。請連線取得新字軌，或改用「自行開立」手開發票",
        "No e-invoice numbers left for {period}. Go online to fetch a booklet, or use a manual invoice",
    ),
    "aes_key.invalid": (
        "發票 AES 金鑰格式不正確：應為 32 個十六進位字元",
        "The invoice AES key is malformed: 32 hexadecimal characters expected",
    ),
    "staff.unknown": (
        "找不到店員 {value}",
        "Unknown staff member {value}",
    ),
    "customer.unknown": (
        "找不到會員 {value}",
        "Unknown customer {value}",
    ),
    "order.unknown": (
        "找不到訂單 {value}",
        "Unknown order {value}",
    ),
    "pin.invalid": (
        "密碼須為 4 到 12 位數字",
        "A PIN is 4 to 12 digits",
    ),
    "pin.manager_short": (
        "店長密碼至少須 {minimum} 位數字",
        "A manager's PIN is at least {minimum} digits",
    ),
    "database.locked": (
        "資料庫正被其他程式使用中，請稍後再試：{path}",
        "The database is in use by another program; try again shortly: {path}",
    ),
    "database.corrupt": (
        "資料庫檔案損毀或不是收銀機資料庫：{path}",
        "The database file is damaged or is not a cashier database: {path}",
    ),
    "database.too_new": (
        "資料庫版本 {found} 比本程式支援的版本 {supported} 新，請更新收銀程式",
        "The database is at schema version {found}, newer than the {supported} this program knows; upgrade",
    ),
    "hq_database.too_new": (
        "總部資料庫 {where} 的結構版本 {found} 比本程式支援的 {supported} 新（由較新的總部程式寫入）；"
        "資料庫未被更動，請更新總部程式",
        "HQ's database {where} is at schema revision {found}, which this HQ does not know (it knows up to "
        "{supported}): a newer HQ wrote it. Nothing was changed; upgrade HQ",
    ),
    "hq_database.unrecognised": (
        "總部資料庫 {where} 有部分總部資料表卻沒有版本紀錄，無法辨識（{detail}）；資料庫未被更動",
        "HQ's database {where} has some of HQ's tables but no schema revision, and is not one HQ made "
        "({detail}); nothing was changed",
    ),
    "config.missing": (
        "找不到設定檔 {path}（{origin_zh}）。請執行 cashier 以首次設定建立，或以 cashier config example > 設定檔 "
        "取得範例修改，並以 chmod 600 保護",
        "No config file at {path} ({origin_en}). Create one with the first-run setup (run `cashier`), "
        "or write one from the example (`cashier config example > FILE`) and protect it with chmod 600",
    ),
    "config.unreadable": (
        "無法讀取設定檔 {path}：{reason}",
        "Cannot read the config file {path}: {reason}",
    ),
    "config.not_utf8": (
        "設定檔 {path} 不是 UTF-8 文字（第 {position} 個位元組）；請用 UTF-8 編碼存檔",
        "The config file {path} is not UTF-8 text (byte {position}); save it as UTF-8",
    ),
    "config.syntax": (
        "設定檔 {path} 不是正確的 TOML：第 {line} 行第 {column} 欄：{detail}",
        "The config file {path} is not valid TOML: line {line}, column {column}: {detail}",
    ),
    "config.invalid": (
        "設定檔 {path} 有 {count} 個問題需要修正：",
        "The config file {path} has {count} problem(s) to fix:",
    ),
    "config.section_unknown": (
        "{where}：不認識的區段 [{section}]{hint_zh}",
        "{where}: unknown section [{section}]{hint_en}",
    ),
    "config.section_type": (
        "{where}：{section} 應為區段（[{section}] 標題下接 key = value 各行）",
        "{where}: {section} must be a section (a [{section}] header followed by key = value lines)",
    ),
    "config.key_unknown": (
        "{where}：不認識的設定項目 {key}{hint_zh}",
        "{where}: unknown key {key}{hint_en}",
    ),
    "config.key_missing": (
        "{where}：缺少 {key}，應為：{expected_zh}",
        "{where}: {key} is missing: expected {expected_en}",
    ),
    "config.type": (
        "{where}：{key} 的型別不對（目前是 {found_zh}），應為：{expected_zh}",
        "{where}: {key} has the wrong type ({found_en}): expected {expected_en}",
    ),
    "config.value_invalid": (
        "{where}：{key} = {value} 不正確，應為：{expected_zh}",
        "{where}: {key} = {value} is invalid: expected {expected_en}",
    ),
    "config.secret_invalid": (
        "{where}：{key} 不正確，應為：{expected_zh}（機密值不顯示）",
        "{where}: {key} is invalid: expected {expected_en} (the value is secret and not shown)",
    ),
    "config.aes_key_both": (
        "{where}：seller.aes_key 與 seller.aes_key_file 只能擇一設定",
        "{where}: seller.aes_key and seller.aes_key_file are both set: expected exactly one of them",
    ),
    "config.aes_key_none": (
        "{where}：缺少發票 AES 金鑰，應設定 seller.aes_key（32 個十六進位字元）或 seller.aes_key_file（金鑰檔路徑）",
        "{where}: the invoice AES key is missing: expected seller.aes_key (32 hexadecimal characters) "
        "or seller.aes_key_file (the path of a file holding them)",
    ),
    "config.key_file_missing": (
        "{where}：seller.aes_key_file 指定的金鑰檔 {file} 不存在，應為存放 32 個十六進位字元金鑰的檔案",
        "{where}: seller.aes_key_file {file} does not exist: expected a file holding the 32-hex-character key",
    ),
    "config.key_file_unreadable": (
        "{where}：無法讀取 seller.aes_key_file 指定的金鑰檔 {file}：{reason}",
        "{where}: cannot read seller.aes_key_file {file}: {reason}",
    ),
    "config.key_file_permissions": (
        "{where}：seller.aes_key_file 指定的金鑰檔 {file} 權限為 {mode}，其他使用者可讀寫；"
        "應只限擁有者存取：請執行 chmod 600 {file}",
        "{where}: seller.aes_key_file {file} has mode {mode}, open to other users: expected owner-only access; "
        "run chmod 600 {file}",
    ),
    "config.file_permissions": (
        "{where}：設定檔內含機密（{keys}），但權限為 {mode}，其他使用者可讀寫；"
        "應只限擁有者存取：請執行 chmod 600 {file}",
        "{where}: the config file holds secrets ({keys}) but has mode {mode}, open to other users: expected "
        "owner-only access; run chmod 600 {file}",
    ),
    "config.key_file_invalid": (
        "{where}：seller.aes_key_file 指定的金鑰檔 {file} 內容不正確，應為 32 個十六進位字元（機密值不顯示）",
        "{where}: the key in seller.aes_key_file {file} is malformed: expected 32 hexadecimal characters "
        "(the value is secret and not shown)",
    ),
    "config.write_failed": (
        "無法寫入設定檔 {path}：{reason}",
        "Cannot write the config file {path}: {reason}",
    ),
    # -- printer: configuration and connection ---------------------------------------------------
    "printer.config_invalid": (
        "印表機設定 {key} 的值「{value}」不正確：應為 {expected}",
        "Printer setting {key} = '{value}' is invalid: expected {expected}",
    ),
    "printer.url_invalid": (
        "印表機位址「{value}」不正確：應為裝置路徑、socket://主機:埠、rfc2217://、loop:// 或 emulator",
        "Printer address '{value}' is invalid: a device path, socket://host:port, rfc2217://, loop:// or emulator",
    ),
    "printer.no_device": (
        "找不到印表機 {port}：請確認 USB 線已插好、發票機電源已開啟",
        "No printer at {port}: check that the USB cable is plugged in and the printer is switched on",
    ),
    "printer.permission": (
        "沒有權限開啟 {port}：使用者 {user} 不在 dialout 群組",
        "Permission denied opening {port}: user {user} is not in the dialout group",
    ),
    "printer.busy": (
        "{port} 正被其他程式使用中",
        "{port} is in use by another program",
    ),
    "printer.unreachable": (
        "連不上網路印表機 {port}：請確認印表機電源、網路線與位址",
        "Cannot reach the network printer {port}: check its power, cable and address",
    ),
    "printer.open_failed": (
        "無法開啟印表機 {port}：{detail}",
        "Cannot open the printer {port}: {detail}",
    ),
    "printer.write_timeout": (
        "傳送資料到印表機 {port} 逾時：印表機沒有接收資料（可能離線、機蓋打開或連線中斷）",
        "Sending to the printer {port} timed out: it stopped taking data (offline, cover open or link lost)",
    ),
    "printer.disconnected": (
        "與印表機 {port} 的連線中斷",
        "The connection to the printer {port} was lost",
    ),
    "printer.not_confirmed": (
        "印表機沒有確認列印完成（{seconds} 秒內沒有回應），可能只印出一部分",
        "The printer did not confirm the job within {seconds} s; it may have printed only part of it",
    ),
    "printer.cannot_print": (
        "印表機無法列印：{zh}",
        "The printer cannot print: {en}",
    ),
    "printer.xonxoff_raster": (
        "XON/XOFF 流量控制不能傳送圖像資料：請改用 RTS/CTS，或使用頁面模式的 QR 碼",
        "XON/XOFF flow control cannot carry image data: use RTS/CTS, or page-mode QR codes",
    ),
    "printer.document_invalid": (
        "無法排版列印內容：{detail}",
        "The document cannot be laid out: {detail}",
    ),
    "printer.text_replaced": (
        "「{chars}」不在 Big5 字集中，已印成 □",
        "'{chars}' is not in Big5 and was printed as □",
    ),
    "printer.state.ready": ("印表機正常，可以列印", "ready to print"),
    "printer.state.no_reply": (
        "印表機沒有回應狀態查詢（離線或狀態不明）",
        "no reply to the status query (offline or unknown)",
    ),
    "printer.state.partial_reply": ("印表機狀態回應不完整（狀態不明）", "incomplete status reply (unknown)"),
    "printer.state.offline": ("印表機離線", "offline"),
    "printer.state.cover_open": ("機蓋打開", "cover open"),
    "printer.state.paper_near_end": ("紙捲快用完", "paper near end"),
    "printer.state.paper_end": ("沒有紙了", "paper end"),
    "printer.state.cutter_error": ("切刀錯誤", "cutter error"),
    "printer.state.unrecoverable": ("無法自動恢復的錯誤", "unrecoverable error"),
    "printer.state.auto_recoverable": (
        "可自動恢復的錯誤（例如印字頭過熱）", "auto-recoverable error (e.g. print head too hot)",
    ),
    "printer.state.feed_button": ("正在以進紙鍵送紙", "paper being fed by the FEED button"),
    "printer.report.summary": (
        "已註冊的裝置 {devices} 台，{issues} 個問題待修正",
        "registered devices {devices}, {issues} issues to fix",
    ),
    "printer.issue.no_device": (
        "沒有偵測到任何 USB 序列埠印表機",
        "No USB serial printer was detected",
    ),
    "printer.issue.usb_without_port": (
        "偵測到 {product}（USB {vid}:{pid}），但系統沒有建立它的序列埠",
        "{product} (USB {vid}:{pid}) is connected but no serial port was created for it",
    ),
    "printer.issue.driver_missing": (
        "USB 序列埠驅動程式（cdc_acm）沒有載入",
        "The USB serial driver (cdc_acm) is not loaded",
    ),
    "printer.issue.unstable_path": (
        "設定使用 {port}，重新插拔後編號可能改變",
        "The configuration uses {port}, whose number can change after a replug",
    ),
    "printer.guide.power_cable": (
        "確認發票機電源已開啟、USB 線兩端都插好，然後重新插拔 USB 線",
        "Check the printer is switched on and both ends of the USB cable are in, then replug the cable",
    ),
    "printer.guide.pp8800_dip": (
        "PP-8800：把機器底部的 DIP 開關 1、2、4、6 都切到 ON，然後關機再開機",
        "PP-8800: set DIP switches 1, 2, 4 and 6 (under the printer) to ON, then power-cycle it",
    ),
    "printer.guide.pp8802_utility": (
        "PP-8802 沒有實體開關：請用原廠設定工具檢查並調整介面設定",
        "PP-8802 has no switches: check and set its interface with the vendor's utility",
    ),
    "printer.guide.driver": (
        "載入 USB 序列埠驅動程式：sudo modprobe cdc_acm，然後重新插拔 USB 線",
        "Load the USB serial driver: sudo modprobe cdc_acm, then replug the USB cable",
    ),
    "printer.guide.dialout": (
        "把使用者加入 dialout 群組：sudo usermod -aG dialout {user}，然後登出再登入",
        "Add the user to the dialout group: sudo usermod -aG dialout {user}, then log out and in again",
    ),
    "printer.guide.busy": (
        "關閉其他正在使用 {port} 的程式（另一個收銀程式或序列埠監看工具）",
        "Close the other program using {port} (another cashier program or a serial monitor)",
    ),
    "printer.guide.by_id": (
        "請在設定中改用 {stable}",
        "Use {stable} in the configuration instead",
    ),
    "printer.guide.link_reset": (
        "收銀機與發票機連線失敗：請重新插拔 USB 線，在收銀機上重設印表機連線，仍不行就重新啟動收銀機與發票機",
        "The station-printer link failed: replug the USB cable, reset the printer connection from the "
        "station, and if it still fails restart the devices",
    ),
    "printer.guide.load_paper": (
        "裝入新的紙捲（熱感面朝印字頭）並蓋好機蓋",
        "Load a new paper roll (thermal side towards the head) and close the cover",
    ),
    "printer.guide.close_cover": ("把機蓋確實蓋好（聽到卡住聲）", "Close the cover until it clicks"),
    "printer.guide.near_end": ("紙捲快用完了，請準備新紙捲", "The paper roll is nearly used up: have a new one ready"),
    "printer.guide.cutter": (
        "切刀卡住：打開機蓋清除卡紙後再蓋上",
        "The cutter is jammed: open the cover, clear the paper, close it",
    ),
    "printer.guide.power_cycle": (
        "關閉發票機電源再打開；仍無法列印請聯絡維修",
        "Switch the printer off and on again; call service if it still cannot print",
    ),
    "printer.guide.wait_cool": (
        "印字頭過熱：稍等一下會自動恢復",
        "The print head is too hot: it recovers by itself after a short wait",
    ),
    "printer.guide.blank_print": (
        "印出來是空白的：通常是紙捲放反了，請把紙捲翻面（熱感面朝印字頭）再放入",
        "Blank prints: the paper roll is in backwards; turn it over so the thermal side faces the head",
    ),
    "printer.guide.noise": (
        "發票機出現異音：發票紙沒有放整齊，請重新擺好紙捲並蓋上機蓋",
        "A grinding noise: the paper is not seated; reseat the roll and close the cover",
    ),
    # ---- HQ sync
    "hq.unreachable": (
        "無法連線到總部：{detail}（離線銷售不受影響，恢復連線後自動上傳）",
        "Cannot reach HQ: {detail} (selling continues offline; uploads resume when it is back)",
    ),
    "hq.timeout": (
        "總部沒有在 {seconds} 秒內回應，稍後自動重試",
        "HQ did not answer within {seconds} s; retrying later",
    ),
    "hq.auth": (
        "總部拒絕本機的授權（權杖錯誤或已停用）：已暫停上傳，資料都保留在本機；請檢查設定 [hq] token",
        "HQ refused this station's credentials (wrong or revoked token): uploads are paused and nothing is "
        "lost; check [hq] token in the configuration",
    ),
    "hq.forbidden": (
        "此權杖沒有權限執行這個動作",
        "This token is not allowed to do that",
    ),
    "hq.server_error": (
        "總部發生錯誤（HTTP {status}），稍後自動重試",
        "HQ failed (HTTP {status}); retrying later",
    ),
    "hq.busy": (
        "總部忙碌中，稍後自動重試",
        "HQ is busy; retrying later",
    ),
    "hq.bad_reply": (
        "總部的回應格式不正確：{detail}",
        "HQ sent a reply this station cannot read: {detail}",
    ),
    "hq.rejected": (
        "總部拒絕請求（HTTP {status}）：{detail}",
        "HQ refused the request (HTTP {status}): {detail}",
    ),
    "hq.not_found": (
        "總部找不到：{detail}",
        "HQ has no such thing: {detail}",
    ),
    "hq.upload_interrupted": (
        "上傳中斷（收銀程式曾經關閉），將自動重試",
        "The upload was interrupted (the station stopped); it will be retried",
    ),
    "order.invalid_payload": (
        "訂單資料不符合總部的格式：{detail}",
        "The order does not match HQ's format: {detail}",
    ),
    "order.station_mismatch": (
        "訂單屬於收銀機 {order_station}，但上傳者是 {station}",
        "The order belongs to station {order_station} but was uploaded by {station}",
    ),
    "order.conflict": (
        "總部已收到同一訂單編號（{order_id}）但內容不同；請聯絡總部",
        "HQ already holds order {order_id} with different content; contact HQ",
    ),
    "order.number_taken": (
        "訂單號碼 {order_no} 在總部已屬於另一筆訂單",
        "Order number {order_no} already belongs to another order at HQ",
    ),
    "order.total_mismatch": (
        "訂單金額不一致：{detail}",
        "The order's amounts do not add up: {detail}",
    ),
    "order.payment_mismatch": (
        "付款金額 {paid} 元與訂單總額 {total} 元不符",
        "Payments of NT${paid} do not match the order total of NT${total}",
    ),
    "invoice.number_taken": (
        "發票號碼 {number}（{period}）在總部已屬於另一筆訂單",
        "Invoice number {number} ({period}) already belongs to another order at HQ",
    ),
    "invoice.period_mismatch": (
        "發票期別 {period_code} 與開立時間 {issued_at} 不符",
        "Invoice period {period_code} does not match its issue time {issued_at}",
    ),
    "booklet.none_available": (
        "總部沒有 {period} 可配發的發票號碼，請總部匯入字軌",
        "HQ has no invoice numbers left to hand out for {period}; HQ must import a range",
    ),
    "booklet.range_overlap": (
        "字軌 {track} {start}–{end}（{period}）與已匯入的範圍重疊",
        "Range {track} {start}-{end} ({period}) overlaps a range already imported",
    ),
    "cursor.invalid": (
        "同步游標「{value}」不正確",
        "Sync cursor '{value}' is invalid",
    ),
    # ---- HQ owns the invoice numbers; hostile input; credentials
    "invoice.not_allocated": (
        "發票號碼 {number}（{period}）不是總部配發給收銀機 {station} 的號碼：總部沒有收下這筆訂單，"
        "這個號碼仍屬於原本配發的收銀機；請聯絡總部確認本機的字軌",
        "Invoice number {number} ({period}) is not one HQ allocated to station {station}: HQ did not take this "
        "order, and the number stays with the station it belongs to; ask HQ to check this station's booklets",
    ),
    "booklet.too_many_unused": (
        "收銀機 {station} 在 {period} 已有 {unused} 本尚未使用的字軌（上限 {limit} 本）：請先用完再領取新字軌",
        "Station {station} already holds {unused} unused booklet(s) for {period} (at most {limit}): use them "
        "before asking for more",
    ),
    "invoice.tax_mismatch": (
        "發票稅額不正確：總額 {total} 元應為銷售額 {expected_sales} 元加稅額 {expected_tax} 元，"
        "收到的是 {sales} 加 {tax}",
        "The invoice's tax is wrong: a total of NT${total} is NT${expected_sales} sales plus NT${expected_tax} "
        "tax, not {sales} plus {tax}",
    ),
    "order.change_mismatch": (
        "第 {payment} 筆付款的找零 {change} 元不等於收款 {tendered} 元減應付 {amount} 元",
        "Payment {payment}: change of NT${change} is not NT${tendered} tendered minus NT${amount}",
    ),
    "request.too_large": (
        "送到總部的資料太大（上限 {limit} 位元組）",
        "The request sent to HQ is too large (at most {limit} bytes)",
    ),
    "request.invalid_json": (
        "送到總部的資料不是可讀的 JSON：{detail}",
        "The request sent to HQ is not JSON it can read: {detail}",
    ),
    "hq.revoked": (
        "總部已撤銷本機（{station}）的權杖：已暫停上傳，所有資料都保留在本機；請向總部取得新權杖，"
        "填入設定 [hq] token",
        "HQ has revoked this station's ({station}) token: uploads are paused and nothing is lost; get a new "
        "token from HQ and put it in [hq] token",
    ),
    "hq.tls": (
        "無法驗證總部的憑證（{detail}）：請檢查設定 [hq] url 與 [hq] ca_file",
        "HQ's certificate could not be verified ({detail}): check [hq] url and [hq] ca_file",
    ),
    "station.is_admin": (
        "{station} 是總部後台的帳號，不能當作收銀機使用或修改",
        "{station} is the back office's account: it cannot be made or changed as a station",
    ),
    "station.unknown": (
        "總部沒有收銀機 {station}",
        "HQ has no station {station}",
    ),
    "void.clock_ahead": (
        "作廢時間 {voided_at} 比總部收到的時間 {received_at} 晚了超過 {seconds} 秒：請校正收銀機的系統時間",
        "The void's time {voided_at} is more than {seconds} s after HQ received it ({received_at}): set the "
        "station's clock",
    ),
    "void.too_old": (
        "作廢時間 {voided_at} 比總部收到的時間 {received_at} 早了超過 {hours} 小時：請聯絡總部處理",
        "The void's time {voided_at} is more than {hours} h before HQ received it ({received_at}): contact HQ",
    ),
    "doctor.hq.plain_http": (
        "總部網址 {url} 使用未加密的 http://，且不在本機：權杖與銷售資料會以明文經過網路；請改用 https:// "
        "（總部以 cashier hq serve --certfile --keyfile 啟動，本機設定 [hq] ca_file）",
        "HQ's url {url} is plain http:// to another machine: the token and the sales cross the network "
        "readable; use https:// (HQ started with cashier hq serve --certfile --keyfile, [hq] ca_file here)",
    ),
    "void.before_sale": (
        "作廢時間 {voided_at} 早於發票 {number} 的開立時間 {issued_at}：請校正收銀機的系統時間",
        "The void's time {voided_at} is before invoice {number} was issued ({issued_at}): set the station's clock",
    ),
    # ---- cashier screens
    "login.failed": (
        "店員或密碼不正確",
        "Wrong staff member or PIN",
    ),
    "manager.pin_wrong": (
        "店長密碼不正確：須由店長輸入自己的密碼核准",
        "Wrong manager PIN: a manager must type their own PIN to allow this",
    ),
    "login.locked": (
        "{name} 連續輸入 5 次錯誤密碼，已鎖定到 {until}：請到時再試，或請店長輸入密碼解鎖",
        "{name} is locked until {until} after 5 wrong PINs in a row: try again then, or ask a manager to "
        "unlock with their PIN",
    ),
    "login.not_locked": (
        "店員 {value} 目前沒有被鎖定",
        "Staff member {value} is not locked",
    ),
    "price.below_catalog": (
        "「{name}」的單價 {price} 元低於目錄價 {catalog} 元：須由店長輸入密碼核准",
        "The unit price NT${price} for '{name}' is below the catalog price NT${catalog}: a manager must "
        "approve it with their PIN",
    ),
    "void.reason_required": (
        "請輸入作廢原因",
        "Type the reason for the void",
    ),
    "void.already": (
        "訂單 {value} 已經作廢",
        "Order {value} is already void",
    ),
    "void.other_period": (
        "發票 {number} 屬於 {period} 期，不能在 {voided} 期作廢；跨期請開立折讓",
        "Invoice {number} belongs to period {period} and cannot be voided in period {voided}: "
        "issue an allowance (折讓) instead",
    ),
    # ---- lawful paper at the till: what may print for an issued invoice, and who may ask
    "print.voided": (
        "發票 {number} 已作廢：作廢的發票不能再列印",
        "Invoice {number} is void: a voided invoice is never printed again",
    ),
    "print.reprint_needs_manager": (
        "發票 {number} 已補印過 {reprints} 次：再次補印須由店長輸入密碼核准",
        "Invoice {number} has already been reprinted {reprints} time(s): another reprint needs a manager's PIN",
    ),
    "printer.qr_native_unequal": (
        "印表機的 QR 指令不能指定版本，這張證明聯的兩個 QR 碼無法以原生指令印成相同大小；"
        "XON/XOFF 連線又不能改印圖像：請改用 RTS/CTS 流量控制",
        "The printer's QR command cannot set a version, so this proof copy's two QR codes cannot print natively "
        "at the same size, and an XON/XOFF link cannot carry them as an image: use RTS/CTS flow control",
    ),
    "customer.phone_invalid": (
        "「{value}」不是手機號碼或會員條碼：手機號碼為 09 開頭的 10 位數字；"
        "會員條碼為英文字母開頭的 4 到 40 個英數字",
        "'{value}' is neither a mobile number nor a member code: a mobile number is 10 digits starting 09; "
        "a member code is 4 to 40 letters or digits starting with a letter",
    ),
    "customer.mobile_invalid": (
        "手機號碼「{value}」不正確：應為 09 開頭的 10 位數字（例如 0912345678）",
        "Mobile number '{value}' is invalid: 10 digits starting 09 (e.g. 0912345678)",
    ),
    "customer.hq_offline": (
        "總部未連線：只查本機會員資料",
        "HQ is offline: only the local member cache was searched",
    ),
    "amount.invalid": (
        "「{value}」不是金額：請輸入整數（元）",
        "'{value}' is not an amount: type a whole number of NT$",
    ),
    "printer.not_configured": (
        "本機沒有設定印表機",
        "No printer is configured at this station",
    ),
    "drawer.unavailable": (
        "無法開錢箱：本機沒有印表機，或設定 [printer] drawer = false",
        "Cannot open the drawer: no printer here, or [printer] drawer = false",
    ),
    # ---- support over SSH: doctor, logs, the station lock, shift close
    "doctor.status.ok": ("正常", "ok"),
    "doctor.status.warn": ("注意", "warning"),
    "doctor.status.fail": ("需要處理", "needs fixing"),
    "doctor.status.skip": ("略過", "skipped"),
    "doctor.check.config": ("設定", "config"),
    "doctor.check.station": ("收銀程式", "station"),
    "doctor.check.database": ("資料庫", "database"),
    "doctor.check.printer": ("印表機", "printer"),
    "doctor.check.hq": ("總部連線", "HQ"),
    "doctor.check.backlog": ("上傳待辦", "upload backlog"),
    "doctor.check.numbers": ("發票號碼", "invoice numbers"),
    "doctor.summary.ok": ("全部正常", "all checks passed"),
    "doctor.summary.problems": (
        "{fail} 項需要處理，{warn} 項需要注意", "{fail} check(s) need fixing, {warn} need attention"),
    "doctor.config.ok": ("設定檔 {path} 正常", "config file {path} is valid"),
    "doctor.skipped_no_config": ("沒有可用的設定，無法檢查", "not checked: no usable configuration"),
    "doctor.skipped_no_database": ("資料庫無法使用，無法檢查", "not checked: the database cannot be used"),
    "doctor.station.running": (
        "收銀程式執行中（PID {pid}，主機 {host}，自 {started}）",
        "the station is running (pid {pid} on {host}, since {started})",
    ),
    "doctor.station.stopped": ("收銀程式沒有在執行", "the station is not running"),
    "doctor.station.crashed": (
        "收銀程式上次沒有正常結束（PID {pid}，自 {started}）；下次啟動會自動接手",
        "the station did not stop cleanly last time (pid {pid}, since {started}); the next start takes over",
    ),
    "doctor.database.ok": (
        "資料庫正常：結構版本 {version}，大小 {size}",
        "database ok: schema version {version}, size {size}",
    ),
    "doctor.database.missing": (
        "資料庫 {path} 還不存在（第一次啟動收銀程式時建立）",
        "no database at {path} yet (the first start of the station creates it)",
    ),
    "doctor.database.damaged": (
        "資料庫檢查發現損毀：{detail}；請停止收銀程式並聯絡支援，保留檔案 {path}",
        "the database check found damage: {detail}; stop the station, call support, keep the file {path}",
    ),
    "doctor.database.old_schema": (
        "資料庫結構版本 {found}，下次啟動收銀程式時會升級到 {latest}",
        "database schema version {found}; the next start of the station upgrades it to {latest}",
    ),
    "doctor.printer.ok": ("印表機 {url}（{model}）：{words}", "printer {url} ({model}): {words}"),
    "doctor.printer.emulator": ("使用程式內建的虛擬印表機", "the in-process virtual printer is configured"),
    "doctor.printer.unreachable": ("無法連線到印表機 {url}（{model}），狀態不明", "cannot reach the printer {url} "
                                   "({model}); its state is unknown"),
    "doctor.printer.seen": (
        "印表機 {url}（{model}）：{words}（{age} 秒前由銷售中的收銀機看到，PID {pid}）",
        "printer {url} ({model}): {words}, seen {age} s ago by the selling till, pid {pid}",
    ),
    "doctor.printer.owned": (
        "印表機 {url} 正由執行中的收銀程式使用，未重複開啟",
        "the printer {url} is in use by the running station; not opened a second time",
    ),
    "doctor.hq.ok": (
        "總部 {url} 可連線：回應 {latency_ms} 毫秒，時間差 {skew} 秒",
        "HQ {url} reachable: {latency_ms} ms, clock skew {skew} s",
    ),
    "doctor.hq.skew": (
        "本機時間與總部相差 {skew} 秒：請校正系統時間（發票日期依本機時間開立）",
        "this station's clock is {skew} s off HQ's: set the system time (invoices are dated by this clock)",
    ),
    "doctor.backlog.ok": ("沒有待上傳的訂單", "nothing waiting for upload"),
    "doctor.backlog.pending": (
        "{pending} 筆待上傳（最舊的已 {age_hours} 小時），{attention} 筆需要處理",
        "{pending} order(s) waiting for upload (oldest {age_hours} h old), {attention} need attention",
    ),
    "doctor.backlog.overdue": (
        "有訂單超過 {hours} 小時仍未上傳：發票須在開立後 48 小時內上傳，請恢復網路連線或聯絡總部",
        "orders are more than {hours} h old and not uploaded: invoices must reach HQ within 48 hours; "
        "restore the network or call HQ",
    ),
    "doctor.backlog.attention": (
        "{count} 筆訂單被總部拒絕，需要人工處理（見「上傳紀錄」）",
        "{count} order(s) refused by HQ need a person (see the upload records)",
    ),
    "doctor.numbers.ok": (
        "本期 {current_period} 剩 {current} 個號碼，下期 {next_period} 剩 {next} 個",
        "{current} number(s) left for {current_period}, {next} for {next_period}",
    ),
    "doctor.numbers.none": (
        "本期 {period} 已無電子發票號碼：請連線取得新字軌",
        "no e-invoice numbers left for {period}: go online to fetch a booklet",
    ),
    "doctor.numbers.low": (
        "本期 {period} 只剩 {left} 個號碼", "only {left} number(s) left for {period}",
    ),
    "doctor.numbers.next_missing": (
        "本期將在 {days} 天後結束，下期 {period} 還沒有號碼", "this period ends in {days} day(s) and "
        "{period} has no numbers yet",
    ),
    "logs.none": ("還沒有記錄檔：{path}", "no log file yet: {path}"),
    "station.read_only": (
        "唯讀支援模式不能銷售、列印證明聯或取號：這台收銀機的銷售畫面正在另一個程式中執行",
        "Read-only support mode cannot sell, print proof copies or take invoice numbers: this station's "
        "selling instance is running in another program",
    ),
    "station.support_mode": (
        "唯讀支援模式：銷售畫面正在執行（PID {pid}，主機 {host}，自 {started}）。可以查看訂單、上傳紀錄、"
        "設備與記錄檔；不能銷售、列印證明聯或取號",
        "Read-only support mode: the selling instance is running (pid {pid} on {host}, since {started}). "
        "Orders, upload records, devices and logs can be viewed; nothing can be sold, printed or numbered",
    ),
    "database.missing": (
        "找不到收銀資料庫 {path}", "The station database {path} does not exist",
    ),
    "database.not_migrated": (
        "資料庫 {path} 的版本 {found} 比本程式的 {supported} 舊：請先由銷售中的收銀程式更新後再以支援模式開啟",
        "The database {path} is at schema version {found}, older than this program's {supported}: let the "
        "selling instance upgrade it before opening it in support mode",
    ),
    "shift.print_while_selling": (
        "銷售畫面正在使用印表機：請在收銀機上按 F9 交班並列印 Z 報表，或不加 --print 執行（沒有交班）",
        "The selling instance owns the printer: close the shift with F9 at the till to print the Z report, or "
        "run this without --print (nothing was closed)",
    ),
    "station.lock_failed": (
        "無法建立收銀機鎖定檔 {path}：{reason}", "Cannot create the station lock file {path}: {reason}",
    ),
    "database.disk_full": (
        "磁碟空間已滿，資料庫無法寫入：這次的操作沒有儲存（{path}）。請清出磁碟空間後再試一次",
        "The disk is full, so the database cannot be written: nothing from this attempt was saved ({path}). "
        "Free some disk space and try again",
    ),
    "database.io_error": (
        "資料庫檔案寫入失敗（磁碟錯誤或空間不足）：這次的操作沒有儲存（{path}）。請檢查磁碟後再試一次",
        "Writing the database file failed (a disk error or no space): nothing from this attempt was saved ({path}). "
        "Check the disk and try again",
    ),
    # a restored or new database never reissues a number; backups
    "invoice.resume_pending": (
        "本機資料庫是還原或新建的，總部確認已用過的發票號碼之前，不能開立電子發票。請改用「自行開立」手開發票；"
        "連上總部後會自動恢復",
        "This station's database was restored or is new: no e-invoice number until HQ confirms which numbers are "
        "used. Use a manual invoice (自行開立) meanwhile; e-invoices resume by themselves once HQ answers",
    ),
    "resume.hq_unsupported": (
        "總部版本過舊，無法告知已收到的發票號碼：還原的資料庫暫停開立電子發票，請更新總部",
        "HQ is too old to say which invoice numbers it received: the restored database issues no e-invoice "
        "until HQ is upgraded",
    ),
    "backup.no_dir": (
        "未設定備份資料夾：請在設定檔的 [backup] 加上 dir（例如第二顆硬碟或 USB 隨身碟上的資料夾）",
        "No backup folder set: add dir under [backup] in the config (a folder on a second disk or a USB stick)",
    ),
    "backup.dir_missing": (
        "備份資料夾 {path} 不存在或無法使用（USB 隨身碟沒插上？）：這次沒有備份",
        "The backup folder {path} is missing or unusable (USB stick not plugged in?): no backup was made",
    ),
    "backup.dir_full": (
        "備份資料夾 {path} 空間不足：這次沒有備份，舊的備份都還在。請清出空間或換一個隨身碟",
        "The backup folder {path} is full: no backup was made, the older ones are untouched. Free space or use "
        "another stick",
    ),
    "backup.failed": (
        "備份失敗（{detail}）：這次沒有備份，舊的備份都還在",
        "The backup failed ({detail}): no backup was made, the older ones are untouched",
    ),
    "backup.verify_failed": (
        "備份檔檢查不通過（{detail}）：已丟棄，舊的備份都還在",
        "The backup copy failed its integrity check ({detail}): discarded, the older ones are untouched",
    ),
    "backup.done": (
        "已備份到 {path}（{size}，檢查通過）",
        "Backed up to {path} ({size}, integrity check passed)",
    ),
    "backup.progress": (
        "正在備份 {source} 到 {folder} …", "Backing up {source} to {folder} …",
    ),
    "restore.while_selling": (
        "收銀機正在營業中（pid {pid}）：請先結束收銀程式再還原",
        "A till is selling on this station (pid {pid}): quit it before restoring",
    ),
    "restore.not_found": (
        "找不到備份檔 {path}", "No backup file at {path}",
    ),
    "restore.damaged": (
        "備份檔 {path} 損壞或不是收銀資料庫（{detail}）：沒有還原，原本的資料庫未變動",
        "The backup {path} is damaged or not a station database ({detail}): nothing was restored, the current "
        "database is untouched",
    ),
    "restore.progress": (
        "正在檢查並還原 {path} …", "Checking and restoring {path} …",
    ),
    "restore.done": (
        "已從 {path} 還原（原本的資料庫保存為 {kept}）。連上總部並確認已用過的發票號碼之前，不會開立電子發票",
        "Restored from {path} (the previous database is kept as {kept}). No e-invoice number is issued until "
        "HQ confirms which numbers are used",
    ),
    "doctor.check.resume": ("號碼接續", "numbering"),
    "doctor.check.backup": ("備份", "backup"),
    "doctor.resume.ok": (
        "資料庫即為總部號碼所交付的那一個", "The database is the one HQ's numbering was handed to",
    ),
    "doctor.resume.unregistered": (
        "本機尚未向總部取得號碼（第一個資料庫）", "This station has not taken numbers from HQ yet (its first database)",
    ),
    "doctor.resume.younger": (
        "資料庫（建立於 {created}）比本機的登記（{registered}）還新：可能是遺失後重建。"
        "連上總部確認號碼之前不能開電子發票",
        "The database (created {created}) is younger than the station's registration ({registered}): it was "
        "probably recreated after a loss. No e-invoice until HQ confirms the numbers",
    ),
    "doctor.resume.pending": (
        "資料庫等待總部確認已用過的號碼（{reason}）：暫停開立電子發票，可用手開發票",
        "The database waits for HQ to confirm the used numbers ({reason}): no e-invoice meanwhile, manual "
        "invoices only",
    ),
    "doctor.resume.resumed": (
        "資料庫曾還原或重建，{at} 已依總部的紀錄接續號碼", "The database was restored or recreated; numbering "
        "resumed from HQ's records at {at}",
    ),
    "doctor.backup.none_configured": (
        "未設定備份資料夾（[backup] dir）", "No backup folder configured ([backup] dir)",
    ),
    "doctor.backup.none": (
        "備份資料夾 {path} 裡還沒有備份", "No backup in {path} yet",
    ),
    "doctor.backup.ok": (
        "最近一次備份 {at}（{age} 前，{size}）：{path}", "Last backup {at} ({age} ago, {size}): {path}",
    ),
    "doctor.backup.old": (
        "最近一次備份已是 {age} 前：請檢查備份資料夾（USB 隨身碟）", "The last backup is {age} old: check the "
        "backup folder (USB stick)",
    ),
    "doctor.backup.last_failed": (
        "最近一次備份失敗（{at}）：{reason}", "The last backup attempt failed ({at}): {reason}",
    ),
    "doctor.backup.damaged": (
        "最近的備份檔 {path} 檢查不通過：{detail}", "The latest backup {path} fails its check: {detail}",
    ),
    "doctor.check.platform": ("財政部平台", "MOF platform"),
    "doctor.platform.ok": (
        "財政部平台已接受本機所有上傳的發票",
        "the MOF platform has accepted every invoice of this station",
    ),
    "doctor.platform.open": (
        "最早一張財政部平台尚未接受的發票：{number}（{issued}，{state}）",
        "oldest invoice the MOF platform has not accepted: {number} (issued {issued}, {state})",
    ),
    "doctor.platform.rejected": (
        "財政部平台退回發票 {number}：{code}；請總部修正後重送",
        "the MOF platform rejected invoice {number}: {code}; HQ must fix and re-send it",
    ),
    "doctor.platform.late": (
        "發票 {number} 開立已超過 {hours} 小時，財政部平台仍未接受",
        "invoice {number} was issued more than {hours} hours ago and the MOF platform has not accepted it",
    ),
    # MOF filing (hq/mof): the [mof] settings and the platform's number-range file
    "mof.config_invalid": (
        "設定 [mof] {key} 的值「{value}」不正確：應為{expected_zh}",
        "[mof] {key} = '{value}' is invalid: expected {expected_en}",
    ),
    "mof.config_unknown": (
        "設定 [mof] 沒有 {key} 這個項目（可用：{known}）",
        "[mof] has no key {key} (known: {known})",
    ),
    "mof.config_unreadable": (
        "無法讀取設定檔 {path}：{reason}",
        "Cannot read the config file {path}: {reason}",
    ),
    "mof.no_turnkey_dir": (
        "沒有設定 Turnkey 目錄：請用 --out DIR 或在設定檔 [mof] turnkey_dir 指定",
        "No Turnkey folder: give --out DIR or set [mof] turnkey_dir in the config",
    ),
    "ranges.unreadable": (
        "無法讀取字軌檔 {path}：{reason}",
        "Cannot read the number-range file {path}: {reason}",
    ),
    "ranges.line_invalid": (
        "字軌檔第 {line} 行無法使用：{detail}",
        "Number-range file line {line} cannot be used: {detail}",
    ),
    "ranges.foreign_ban": (
        "字軌檔第 {line} 行屬於統一編號 {ban}，不是本店的 {seller}",
        "Number-range file line {line} belongs to business number {ban}, not this seller's {seller}",
    ),
    "ranges.overlap": (
        "字軌檔第 {line} 行的 {track}{start:08d}-{track}{end:08d} 與已匯入的字軌重疊",
        "Number-range file line {line}: {track}{start:08d}-{track}{end:08d} overlaps a range already imported",
    ),
    "ranges.not_booklets": (
        "字軌檔第 {line} 行的 {track}{start:08d}-{track}{end:08d} 不是整本（每本 50 號，起號 00/50 結尾 49/99）",
        "Number-range file line {line}: {track}{start:08d}-{track}{end:08d} is not whole booklets of 50 "
        "(starting at 00/50, ending at 49/99)",
    ),
    # -- input the cashier types or scans --
    "scan.misread": (
        # No square brackets: screens show messages as markup. The config key is named for in-house codes.
        "條碼 {code} 的檢查碼不對，多半是沒掃好：請重新掃描（自編條碼：設定 station.check_digits = false）",
        "Barcode {code} has a wrong check digit, most likely a misread: scan it again "
        "(in-house codes: set station.check_digits = false)",
    ),
    "amount.negative": (
        "「{value}」是負數：金額與數量不能小於 0",
        "'{value}' is negative: amounts and quantities cannot be below 0",
    ),
    "printer.guide.network": (
        "網路印表機 {port}：確認印表機已開機、網路線兩端插好且燈號有亮，設定的位址與埠（通常是 9100）和印表機上的"
        "設定一致，收銀機與印表機在同一個區域網路；然後在收銀機上重設印表機連線",
        "Network printer {port}: check it is switched on, its LAN cable is in at both ends with the link light on, "
        "the address and port (usually 9100) match the printer's own settings, and the station is on the same "
        "network; then reset the printer connection from the station",
    ),
    "printer.url_form": (
        "印表機位址「{value}」不正確：網路印表機要寫成 socket://位址:埠 或 rfc2217://位址:埠"
        "（例如 socket://192.168.1.50:9100）；USB 印表機寫裝置路徑（例如 /dev/serial/by-id/…）",
        "Printer address '{value}' is invalid: a network printer is socket://host:port or rfc2217://host:port "
        "(e.g. socket://192.168.1.50:9100); a USB printer is its device path (e.g. /dev/serial/by-id/…)",
    ),
    "printer.report.summary_one": (
        "已註冊的裝置 {devices} 台，1 個問題待修正",
        "registered devices {devices}, 1 issue to fix",
    ),
    # ---- allowances (折讓) and returns at HQ
    "allowance.station_mismatch": (
        "折讓單屬於收銀機 {allowance_station}，但上傳者是 {station}",
        "The allowance belongs to station {allowance_station} but was uploaded by {station}",
    ),
    "allowance.conflict": (
        "總部已收到同一折讓編號（{allowance_id}）但內容不同；請聯絡總部",
        "HQ already holds allowance {allowance_id} with different content; contact HQ",
    ),
    "allowance.number_prefix": (
        "折讓單號 {number} 須以收銀機代號 {station} 開頭",
        "Allowance number {number} must start with the station's id {station}",
    ),
    "allowance.number_taken": (
        "折讓單號 {number} 在總部已屬於另一張折讓單",
        "Allowance number {number} already belongs to another allowance at HQ",
    ),
    "allowance.amounts": (
        "折讓金額不一致：{detail}",
        "The allowance's amounts do not add up: {detail}",
    ),
    "allowance.held": (
        "總部尚未收到原訂單 {order_id}（發票 {number}）：折讓單已保留，待原訂單上傳後再核對",
        "HQ does not hold the original order {order_id} (invoice {number}) yet: the allowance is kept and "
        "checked when the order arrives",
    ),
    "allowance.other_station": (
        "原訂單 {order_id} 不是收銀機 {station} 的訂單：不能在本機折讓",
        "The original order {order_id} is not station {station}'s: it cannot be returned here",
    ),
    "allowance.original_voided": (
        "原發票 {number} 已作廢：作廢的發票不能再折讓",
        "The original invoice {number} is void: a voided invoice takes no allowance",
    ),
    "allowance.original_mismatch": (
        "原訂單 {order_id} 的發票是 {invoice}（{invoice_date}），不是折讓單上的 {number}（{date}）",
        "The original order {order_id} has invoice {invoice} ({invoice_date}), not {number} ({date}) as the "
        "allowance says",
    ),
    "allowance.manual_unmatched": (
        "手開發票 {number}（{date}）與總部的原訂單 {order_id} 對不上（總部記錄為 {invoice}，{invoice_date}）："
        "請聯絡總部核對",
        "The hand-written invoice {number} ({date}) does not match the original order {order_id} at HQ "
        "(HQ has {invoice}, {invoice_date}): ask HQ to check it",
    ),
    "allowance.unknown_line": (
        "原訂單沒有第 {position} 項商品 {sku}",
        "The original order has no line {position} with {sku}",
    ),
    "allowance.more_than_sold": (
        "第 {position} 項 {sku} 售出 {sold} 件、已退 {returned} 件，不能再退 {asked} 件",
        "Line {position} ({sku}): {sold} sold and {returned} returned already, so {asked} cannot be returned",
    ),
    "allowance.more_than_line": (
        "第 {position} 項 {sku} 售價 {sold} 元、已折讓 {returned} 元，不能再折讓 {asked} 元",
        "Line {position} ({sku}) sold for NT${sold} with NT${returned} returned already: NT${asked} more cannot "
        "be returned",
    ),
    "allowance.refund_exceeds_paid": (
        "退款 {refund} 元超過原訂單實付 {paid} 元減已退 {refunded} 元",
        "A refund of NT${refund} is more than the NT${paid} paid less the NT${refunded} refunded already",
    ),
    "allowance.unknown": (
        "總部沒有折讓單 {allowance_id}：請先上傳折讓單",
        "HQ has no allowance {allowance_id}: upload the allowance first",
    ),
    "allowance.not_in_force": (
        "折讓單 {number} 目前為「{status}」，不能作廢",
        "Allowance {number} is {status}: it cannot be cancelled",
    ),
    "allowance.cancel_other_period": (
        "折讓單 {number} 屬於 {period} 期，不能在 {cancelled} 期作廢",
        "Allowance {number} belongs to period {period} and cannot be cancelled in period {cancelled}",
    ),
    # ---- allowances (折讓) at the till
    "allowance.manual_invoice": (
        "發票 {number} 是手開發票：手開發票的退貨請開立手寫折讓證明單並交總部，收銀機不能折讓",
        "Invoice {number} was written by hand: a return against a hand-written invoice takes a hand-written "
        "allowance slip sent to HQ, not one from the till",
    ),
    "allowance.no_lines": (
        "請選擇要退貨的商品及數量（至少 1 件）",
        "Choose the items and quantities to return (at least one)",
    ),
    "allowance.refund_mismatch": (
        "退款合計 {refund} 元須等於折讓金額 {total} 元",
        "The refunds (NT${refund}) must add up to the allowance (NT${total})",
    ),
    "allowance.reason_required": (
        "請輸入退貨（折讓）原因",
        "Enter the reason for the return (allowance)",
    ),
    "allowance.not_here": (
        "本機沒有折讓單 {allowance_id}",
        "This station has no allowance {allowance_id}",
    ),
    "allowance.already_cancelled": (
        "折讓單 {number} 已作廢",
        "Allowance {number} is cancelled already",
    ),
    "allowance.cancel_conflict": (
        "折讓單 {allowance_id} 已以不同內容作廢；請聯絡總部",
        "Allowance {allowance_id} was cancelled already with different content; contact HQ",
    ),
    # returns within the period
    "return.voided": (
        "訂單 {order_no}（發票 {number}）已作廢：不能再退貨",
        "Order {order_no} (invoice {number}) is void: nothing on it can be returned",
    ),
    "return.period_over": (
        "發票 {number} 屬於 {period} 期，現在是 {now} 期：不能作廢重開，請改開折讓證明單",
        "Invoice {number} belongs to period {period} and it is now {now}: it cannot be voided and reissued; "
        "issue an allowance instead",
    ),
    "return.has_allowances": (
        "發票 {number} 已開立折讓證明單：這張發票的退貨請再開折讓，不能作廢重開",
        "Invoice {number} has an allowance against it: return more as another allowance, not by voiding and "
        "reissuing it",
    ),
    "return.manual_partial": (
        "發票 {number} 是手開發票：部分退貨不能由收銀機重開，請整張作廢後手開新發票",
        "Invoice {number} was written by hand: the till cannot reissue it for a partial return; void it whole "
        "and write a new invoice by hand",
    ),
    "return.refund_mismatch": (
        "退款合計 {refund} 元須等於應退 {due} 元（實付 {paid} 元減留下的商品）",
        "The refunds (NT${refund}) must add up to NT${due} due back (NT${paid} paid less the items kept)",
    ),
    "return.reason_required": (
        "請輸入退貨原因",
        "Enter the reason for the return",
    ),
}


class CashierError(Exception):
    """A failure with a message meant for a person; `text(language)` renders it."""

    def __init__(self, code: str, /, **params: Any) -> None:
        if code not in MESSAGES:
            raise KeyError(f"no message for error code {code!r}")
        self.code = code
        self.params = params
        super().__init__(self.text("en"))

    def text(self, language: str = "zh_TW") -> str:
        zh, en = MESSAGES[self.code]
        return (en if language == "en" else zh).format(**self.params)


class ValidationError(CashierError):
    """Input was refused; nothing was written."""


class NoInvoiceNumberError(CashierError):
    """The current period has no e-invoice number left; the manual invoice is the way out."""


class StoreError(CashierError):
    """The local database cannot be used as it is."""


class BackupError(CashierError):
    """A backup or a restore did not happen; what was there before is untouched (core/backup/)."""
