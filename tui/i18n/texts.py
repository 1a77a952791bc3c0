"""Every text the cashier's screens show, in Traditional Chinese (default) and English, side by side.

Screens never hold literal text: they ask the app's Translator by key. A new text is one member here,
written `NAME = "area.key", "中文", "English"` (the same shape as core/messages).
"""

from typing import cast

from core.messages import MessageCode


class ScreenText(MessageCode):
    """(key, Traditional Chinese, English)."""

    @classmethod
    def of(cls, key: str) -> "ScreenText":
        """The member a key built at run time names (`ScreenText.of(f"upload.{state}")`): the one typed
        way in for a key that is not written out. A key the catalog lacks raises ValueError here, at
        once, rather than showing a wrong text later."""
        try:
            return cast("ScreenText", cls._value2member_map_[key])
        except KeyError:
            raise ValueError(f"{key!r} is not a ScreenText key") from None

    KEY_HELP = "key.help", "說明", "Help"
    KEY_BACK = "key.back", "返回", "Back"
    KEY_QUIT = "key.quit", "離開", "Quit"
    KEY_CUSTOMER = "key.customer", "會員", "Member"
    KEY_EDIT = "key.edit", "修改", "Edit"
    KEY_REMOVE = "key.remove", "刪除", "Del"
    KEY_ORDERS = "key.orders", "訂單", "Sales"
    KEY_UPLOADS = "key.uploads", "上傳", "Uploads"
    KEY_DEVICES = "key.devices", "設備", "Devices"
    KEY_NETWORK = "key.network", "斷網", "Net off"
    KEY_CHECKOUT = "key.checkout", "結帳", "Pay"
    KEY_LOGOUT = "key.logout", "登出", "Logout"
    KEY_CONFIRM = "key.confirm", "確認", "Confirm"
    KEY_REPRINT = "key.reprint", "補印", "Reprint"
    KEY_VOID = "key.void", "作廢", "Void"
    KEY_DETAIL = "key.detail", "詳情", "Detail"
    KEY_RETRY = "key.retry", "重試", "Retry"
    KEY_FILTER = "key.filter", "篩選", "Filter"
    KEY_TODAY = "key.today", "今日", "Today"
    KEY_GUEST = "key.guest", "訪客", "Guest"
    KEY_TEST_PRINT = "key.test_print", "測試頁", "Test"
    KEY_RESET = "key.reset", "重設連線", "Reset"
    KEY_REFRESH = "key.refresh", "重新整理", "Refresh"
    KEY_NEXT_SALE = "key.next_sale", "下一筆", "Next"
    KEY_SAVE = "key.save", "儲存", "Save"
    KEY_OLDER = "key.older", "下頁", "Older"
    KEY_NEWER = "key.newer", "上頁", "Newer"
    KEY_KIND = "key.kind", "發票", "Invoice"
    KEY_SHIFT_CLOSE = "key.shift_close", "交班", "Shift"
    KEY_CLOSE = "key.close", "交班", "Close"
    KEY_DONE = "key.done", "完成", "Done"
    KEY_LANGUAGE = "key.language", "English", "中文"
    KEY_LOGS = "key.logs", "記錄檔", "Logs"
    KEY_UNLOCK = "key.unlock", "解鎖", "Unlock"
    KEY_NETWORK_RESTORE = "key.network_restore", "恢復網路", "Net on"
    KEY_CANCEL = "key.cancel", "取消", "Cancel"
    STATUS_ONLINE = "status.online", "連線", "online"
    STATUS_OFFLINE = "status.offline", "離線", "OFFLINE"
    STATUS_NO_HQ = "status.no_hq", "無總部連線設定", "no HQ"
    STATUS_CHECKING = "status.checking", "檢查連線", "checking"
    STATUS_PRINTER = "status.printer", "印表機", "printer"
    STATUS_PRINTER_NONE = "status.printer.none", "未設定", "none"
    STATUS_PRINTER_READY = "status.printer.ready", "正常", "ready"
    STATUS_PRINTER_PRINTING = "status.printer.printing", "列印中", "printing"
    STATUS_PRINTER_ERROR = "status.printer.error", "錯誤", "ERROR"
    STATUS_PRINTER_UNKNOWN = "status.printer.unknown", "未知", "unknown"
    STATUS_PRINTER_SELLER = "status.printer.seller", "銷售端", "seller's"
    SUPPORT_BADGE = "support.badge", "唯讀支援", "SUPPORT read-only"
    SUPPORT_OPENING = "support.opening", "正在讀取收銀資料庫…", "Reading the station database…"
    SUPPORT_NUMBERS = "support.numbers", "發票號碼", "Invoice numbers"
    SUPPORT_NUMBERS_VALUE = (
        "support.numbers_value",
        "本期 {period} 剩 {current} 個，下期 {next_period} 剩 {next} 個",
        "{current} left for {period}, {next} for {next_period}",
    )
    SUPPORT_UPLOADS = "support.uploads", "上傳", "Uploads"
    SUPPORT_UPLOADS_VALUE = (
        "support.uploads_value",
        "等待中 {waiting}，需處理 {attention}",
        "{waiting} waiting, {attention} need attention",
    )
    SUPPORT_TODAY = "support.today", "今日", "Today"
    SUPPORT_TODAY_VALUE = (
        "support.today_value",
        "{orders} 筆，NT${amount}，作廢 {voided} 筆",
        "{orders} sale(s), NT${amount}, {voided} voided",
    )
    SUPPORT_READ_AT = "support.read_at", "讀取時間", "Read at"
    LOGS_TITLE = "logs.title", "記錄檔 {path}（↑↓ PgUp PgDn 捲動）", "Log {path} (up/down PgUp PgDn scroll)"
    DEVICES_SEEN = (
        "devices.seen",
        "狀態：{words}（{age} 秒前由銷售中的收銀機看到，PID {pid}）",
        "Status: {words} (seen {age} s ago by the selling till, pid {pid})",
    )
    DEVICES_SELLER_OWNS = (
        "devices.seller_owns",
        "印表機由銷售畫面使用中：狀態請看收銀機前的畫面（支援模式不讀取連接埠）",
        "The selling instance is using the printer: see its status at the till (support mode "
    "leaves the port alone)",
    )
    HELP_SUPPORT = (
        "help.support",
        "唯讀支援模式：銷售畫面在另一個程式中執行，這裡只能查看。\n"
        "F5 訂單（F2 詳情）  F6 上傳紀錄  F7 設備  F9 記錄檔\n"
        "F2 重新整理  F12 離開\n"
        "不能銷售、補印、作廢、重試上傳或測試列印；需要時請到收銀機前操作，或使用 cashier doctor。",
        "Read-only support mode: the selling instance runs in another program; this one only looks.\n"
        "F5 orders (F2 detail)  F6 upload records  F7 devices  F9 log\n"
        "F2 refresh  F12 quit\n"
        "No selling, reprints, voids, upload retries or test prints here: do those at the till, or use "
        "cashier doctor.",
    )
    STATUS_BACKLOG = "status.backlog", "待傳 {count}", "queue {count}"
    STATUS_ATTENTION = "status.attention", "需處理 {count}", "attn {count}"
    STATUS_NUMBERS = "status.numbers", "發票 {count}", "inv# {count}"
    STATUS_NOBODY = "status.nobody", "未登入", "logged out"
    LOGIN_TITLE = "login.title", "員工登入", "Staff login"
    LOGIN_PICK = "login.pick", "選擇店員（↑↓）", "Pick a staff member (up/down)"
    LOGIN_PIN = "login.pin", "密碼", "PIN"
    LOGIN_OPEN = "login.open", "開啟前台", "Open register"
    LOGIN_OPEN_OFFLINE = "login.open_offline", "開啟離線模式", "Open offline mode"
    LOGIN_CHECKING = "login.checking", "檢查中…", "Checking…"
    LOGIN_STORE = "login.store", "{store}　收銀機 {station}", "{store}  station {station}"
    LOGIN_OFFLINE_HINT = (
        "login.offline_hint",
        "總部連線中斷：可以離線銷售，恢復連線後自動上傳",
        "HQ is unreachable: sell offline; sales upload when it is back",
    )
    LOGIN_PICK_FIRST = "login.pick_first", "請先選擇店員", "Pick a staff member first"
    LOGIN_PIN_EMPTY = "login.pin_empty", "請輸入密碼", "Type the PIN"
    LOGIN_OPENING = (
        "login.opening",
        "正在開啟收銀機…（可先輸入密碼）",
        "Opening the station… (you can type the PIN now)",
    )
    LOGIN_UNLOCK_HINT = "login.unlock_hint", "F8 店長解鎖", "F8: manager unlock"
    LOGIN_NO_STAFF_LOADING = (
        "login.no_staff_loading",
        "還沒有店員資料：正在向總部下載，完成後會自動列出…",
        "No staff yet: downloading the list from HQ, it shows here when done…",
    )
    LOGIN_NO_STAFF_OFFLINE = (
        "login.no_staff_offline",
        "還沒有店員資料：請確認總部網址、權杖與網路（cashier doctor），連上總部後會自動列出",
        "No staff yet: check HQ's URL, token and the network (cashier doctor); "
                               "the list shows once HQ answers",
    )
    UNLOCK_TITLE = "unlock.title", "解鎖店員 {name}", "Unlock {name}"
    UNLOCK_WHY = (
        "unlock.why",
        "{name} 因連續輸入錯誤密碼被鎖定；店長輸入自己的密碼即可解鎖（會留下紀錄）",
        "{name} is locked after wrong PINs in a row; a manager unlocks with their own PIN (audited)",
    )
    UNLOCK_DONE = (
        "unlock.done",
        "{name} 已解鎖（核准：{manager}），請重新輸入密碼",
        "{name} is unlocked (allowed by {manager}): type the PIN again",
    )
    MANAGER_PIN = "manager.pin", "店長密碼", "Manager PIN"
    PRICE_APPROVE_TITLE = "price.approve_title", "低於目錄價：{name}", "Below the catalog price: {name}"
    PRICE_APPROVE_WHY = (
        "price.approve_why",
        "單價 {price} 低於目錄價 {catalog}：須由店長輸入自己的密碼核准",
        "Unit price {price} is below the catalog price {catalog}: a manager must allow it "
                         "with their own PIN",
    )
    CUSTOMER_TITLE = "customer.title", "會員登入", "Customer"
    CUSTOMER_PROMPT = (
        "customer.prompt",
        "手機號碼或掃描會員條碼，F2 或 Esc 以訪客結帳",
        "Mobile number or scan the member code; F2 or Esc: guest",
    )
    CUSTOMER_DEMO_HINT = (
        "customer.demo_hint",
        "示範會員：手機 {phone} 或會員條碼 {code}",
        "Demo member: mobile {phone} or member code {code}",
    )
    CUSTOMER_FOUND = "customer.found", "會員：{name}（{phone}）［{source}］", "Member: {name} ({phone}) [{source}]"
    CUSTOMER_SOURCE_LOCAL = "customer.source.local", "本機", "local"
    CUSTOMER_SOURCE_HQ = "customer.source.hq", "總部", "HQ"
    CUSTOMER_ASKING_HQ = "customer.asking_hq", "本機沒有這位會員：總部查詢中…", "Not in the local cache: asking HQ…"
    CUSTOMER_UNKNOWN_PHONE_HQ = (
        "customer.unknown_phone_hq",
        "總部也沒有 {phone} 的會員資料：先記下號碼，上傳時由總部連結會員",
        "HQ has no member {phone} either: the number is kept and HQ links it on upload",
    )
    CUSTOMER_UNKNOWN_CODE = (
        "customer.unknown_code",
        "本機沒有會員條碼 {code}（總部未連線）",
        "No member code {code} in the local cache (HQ offline)",
    )
    CUSTOMER_UNKNOWN_CODE_HQ = (
        "customer.unknown_code_hq",
        "本機與總部都沒有會員條碼 {code}",
        "No member code {code} here or at HQ",
    )
    CUSTOMER_GUEST = "customer.guest", "訪客", "Guest"
    CUSTOMER_UNKNOWN_PHONE = (
        "customer.unknown_phone",
        "本機沒有 {phone} 的會員資料：先記下號碼，上傳時由總部連結會員",
        "No member {phone} in the local cache: the number is kept and HQ links it on upload",
    )
    CUSTOMER_LABEL = "customer.label", "會員", "Member"
    CUSTOMER_OFFLINE_CACHE = "customer.offline_cache", "離線：使用本機會員資料", "Offline: using the local member cache"
    CART_SCAN = "cart.scan", "掃描或輸入商品（3* 再掃描＝數量 3）", "Scan or type an item (3* then scan = quantity 3)"
    CART_COL_NO = "cart.col.no", "#", "#"
    CART_COL_NAME = "cart.col.name", "品名", "Item"
    CART_COL_TYPE = "cart.col.type", "類型", "Type"
    CART_COL_QTY = "cart.col.qty", "數量", "Qty"
    CART_COL_PRICE = "cart.col.price", "單價", "Price"
    CART_COL_AMOUNT = "cart.col.amount", "小計", "Amount"
    CART_TOTALS = "cart.totals", "{lines} 項 {items} 件　合計 {total}", "{lines} lines {items} items  Total {total}"
    CART_UNKNOWN_ITEM = "cart.unknown_item", "未建檔商品 {sku}", "Unlisted item {sku}"
    CART_NEEDS_PRICE = (
        "cart.needs_price",
        "離線商品 {sku} 不在本機商品檔：請輸入價格與類型",
        "{sku} is not in the offline catalog: type its price and type",
    )
    CART_UNPRICED_LEFT = (
        "cart.unpriced_left",
        "還有 {count} 項商品沒有價格（F3 修改）",
        "{count} line(s) still need a price (F3 Edit)",
    )
    CART_QUANTITY_NEXT = "cart.quantity_next", "下一個商品數量：{qty}", "Next item quantity: {qty}"
    CART_CARRIER_SET = (
        "cart.carrier_set",
        "已記下手機條碼載具 {code}，結帳時自動填入",
        "Mobile carrier {code} noted for this sale's invoice",
    )
    CART_NO_LINE = "cart.no_line", "請先選擇一項商品（↑↓）", "Pick a line first (up/down)"
    CART_HEADER = "cart.header", "店員 {staff}　{customer}", "Staff {staff}  {customer}"
    CART_REMOVED = "cart.removed", "已刪除：{name}", "Removed: {name}"
    CART_MARK_UNPRICED = "cart.mark.unpriced", "待定價", "no price"
    TYPE_REGULAR = "type.regular", "一般價格", "Regular"
    TYPE_ADDON = "type.addon", "加價購", "Add-on"
    TYPE_GIFT = "type.gift", "滿額贈", "Gift"
    LINE_TITLE = "line.title", "修改商品：{name}", "Edit line: {name}"
    LINE_QTY = "line.qty", "數量", "Quantity"
    LINE_PRICE = "line.price", "單價（元）", "Unit price (NT$)"
    LINE_TYPE = "line.type", "商品類型", "Product type"
    LINE_CATALOG_PRICE = "line.catalog_price", "本機商品檔價格：{price}", "Catalog price: {price}"
    LINE_NO_CATALOG = (
        "line.no_catalog",
        "本機商品檔沒有此商品：上傳時由總部比對",
        "Not in the local catalog: HQ checks it on upload",
    )
    CHECKOUT_TITLE = "checkout.title", "結帳", "Checkout"
    CHECKOUT_TOTAL = "checkout.total", "應付 {total}", "Due {total}"
    CHECKOUT_CASH = "checkout.cash", "現金", "Cash"
    CHECKOUT_CARD = "checkout.card", "信用卡", "Card"
    CHECKOUT_CARD_REF = "checkout.card_ref", "卡號末四碼／授權碼", "Card last 4 / auth code"
    CHECKOUT_CHANGE = "checkout.change", "找零 {change}", "Change {change}"
    CHECKOUT_SHORT = "checkout.short", "尚差 {missing}", "Missing {missing}"
    CHECKOUT_INVOICE = "checkout.invoice", "發票", "Invoice"
    CHECKOUT_KIND_PRINT = "checkout.kind.print", "列印證明聯", "Print proof copy"
    CHECKOUT_KIND_MOBILE = "checkout.kind.mobile", "手機條碼載具", "Mobile carrier"
    CHECKOUT_KIND_CITIZEN = "checkout.kind.citizen", "自然人憑證", "Citizen certificate"
    CHECKOUT_KIND_DONATION = "checkout.kind.donation", "捐贈愛心碼", "Donation code"
    CHECKOUT_KIND_B2B = "checkout.kind.b2b", "打統編（B2B）", "Business buyer (B2B)"
    CHECKOUT_KIND_MANUAL = "checkout.kind.manual", "自行開立（手開發票）", "Manual invoice (自行開立)"
    CHECKOUT_CODE_MOBILE = "checkout.code.mobile", "手機條碼（掃描 /XXXXXXX）", "Mobile carrier (scan /XXXXXXX)"
    CHECKOUT_CODE_CITIZEN = "checkout.code.citizen", "自然人憑證條碼", "Citizen certificate code"
    CHECKOUT_CODE_DONATION = "checkout.code.donation", "愛心碼（3 到 7 位數字）", "Donation code (3-7 digits)"
    CHECKOUT_CODE_MANUAL = "checkout.code.manual", "手開發票號碼（例如 AB12345678）", "Hand-written number (AB12345678)"
    CHECKOUT_BAN = "checkout.ban", "買方統一編號", "Buyer business number"
    CHECKOUT_BAN_OPTIONAL = "checkout.ban_optional", "買方統一編號（可空白）", "Buyer business number (optional)"
    CHECKOUT_WORKING = "checkout.working", "結帳中…", "Checking out…"
    CHECKOUT_OFFLINE = "checkout.offline", "離線結帳：恢復連線後自動上傳", "Offline sale: it uploads when HQ is back"
    RECEIPT_ORDER = "receipt.order", "訂單 {order_no}", "Order {order_no}"
    RECEIPT_INVOICE = "receipt.invoice", "發票 {number}", "Invoice {number}"
    RECEIPT_TOTAL = "receipt.total", "總計 {total}　找零 {change}", "Total {total}  change {change}"
    RECEIPT_NO_PAPER = "receipt.no_paper", "不列印證明聯（{why}）", "No proof copy ({why})"
    RECEIPT_WHY_MOBILE = "receipt.why.mobile", "發票存入手機條碼載具", "the invoice is on the mobile barcode carrier"
    RECEIPT_WHY_CITIZEN = (
        "receipt.why.citizen",
        "發票存入自然人憑證載具",
        "the invoice is on the citizen certificate carrier",
    )
    RECEIPT_WHY_DONATION = "receipt.why.donation", "發票已捐贈", "the invoice was donated"
    RECEIPT_SLIP = (
        "receipt.slip",
        "不印電子發票證明聯（{why}）：改印交易明細",
        "No proof copy ({why}): a transaction-details slip prints instead",
    )
    RECEIPT_VOIDED = (
        "receipt.voided",
        "發票 {number} 已作廢：不再列印",
        "Invoice {number} is void: it is never printed again",
    )
    RECEIPT_NOTHING = "receipt.nothing", "這張發票沒有要印的紙本", "Nothing prints for this invoice"
    RECEIPT_MANUAL_PREVIEW = (
        "receipt.manual_preview",
        "手開發票 {number}：買方已拿到紙本發票，本機不列印",
        "Hand-written invoice {number}: the buyer holds the paper one; nothing prints here",
    )
    REPRINT_TITLE = "reprint.title", "補印發票 {number}", "Reprint invoice {number}"
    REPRINT_WHY = (
        "reprint.why",
        "已補印 {reprints} 次：再次補印須由店長輸入密碼核准",
        "Reprinted {reprints} time(s) already: another reprint needs a manager's PIN",
    )
    REPRINT_NEEDS_MANAGER = (
        "reprint.needs_manager",
        "再次補印須由店長核准",
        "Another reprint needs a manager's approval",
    )
    DETAIL_SLIP = (
        "detail.slip",
        "不印證明聯（{why}）　交易明細已印 {count} 次",
        "No proof copy ({why})  transaction-details slip printed {count} time(s)",
    )
    RECEIPT_WHY_MANUAL = "receipt.why.manual", "手開發票", "hand-written invoice"
    RECEIPT_PREVIEW = "receipt.preview", "列印預覽（與印出內容相同）", "Print preview (exactly what prints)"
    RECEIPT_RENDERING = "receipt.rendering", "產生預覽中…", "Rendering the preview…"
    RECEIPT_QR_NOTE = (
        "receipt.qr_note",
        "[QR Code 只印在紙上：精簡顯示不畫出來]",
        "[QR codes: on the paper only, not drawn in the compact display]",
    )
    RECEIPT_JOB_QUEUED = "receipt.job.queued", "排隊中", "queued"
    RECEIPT_JOB_PRINTING = "receipt.job.printing", "列印中…", "printing…"
    RECEIPT_JOB_PRINTED = "receipt.job.printed", "已印出", "printed"
    RECEIPT_JOB_FAILED = "receipt.job.failed", "列印失敗", "print failed"
    RECEIPT_GUIDANCE = "receipt.guidance", "處理方式：", "What to do:"
    RECEIPT_SAVED = "receipt.saved", "虛擬印表機輸出：{path}", "Virtual printer output: {path}"
    RECEIPT_REPRINT_BUSY = "receipt.reprint_busy", "上一張還在列印中", "The previous copy is still printing"
    RECEIPT_NO_PRINTER = (
        "receipt.no_printer",
        "本機沒有設定印表機：證明聯未列印",
        "No printer configured: nothing printed",
    )
    RECEIPT_NUMBERS_LOW = (
        "receipt.numbers_low",
        "本期發票號碼只剩 {count} 張",
        "Only {count} invoice numbers left this period",
    )
    ORDERS_SEARCH = (
        "orders.search",
        "搜尋訂單號碼、發票號碼、會員手機（Enter）",
        "Search order no., invoice no., member phone (Enter)",
    )
    ORDERS_SCOPE_TODAY = "orders.scope.today", "今日", "today"
    ORDERS_SCOPE_ALL = "orders.scope.all", "全部", "all days"
    ORDERS_STATUS_ALL = "orders.status.all", "全部狀態", "any status"
    ORDERS_STATUS_COMPLETED = "orders.status.completed", "已完成", "completed"
    ORDERS_STATUS_VOIDED = "orders.status.voided", "已作廢", "void"
    ORDERS_COL_NO = "orders.col.no", "訂單", "Order"
    ORDERS_COL_TIME = "orders.col.time", "時間", "Time"
    ORDERS_COL_INVOICE = "orders.col.invoice", "發票", "Invoice"
    ORDERS_COL_CUSTOMER = "orders.col.customer", "會員", "Member"
    ORDERS_COL_TOTAL = "orders.col.total", "金額", "Total"
    ORDERS_COL_STATUS = "orders.col.status", "狀態", "Status"
    ORDERS_COL_UPLOAD = "orders.col.upload", "上傳", "Upload"
    ORDERS_SUMMARY = "orders.summary", "{scope}・{status}　第 {page} 頁", "{scope}, {status}  page {page}"
    ORDERS_SEARCHING = (
        "orders.searching",
        "搜尋「{term}」（Enter 或 F3 清除）",
        "search \"{term}\" (Enter or F3 clears)",
    )
    ORDERS_NONE = "orders.none", "沒有符合的訂單", "No matching orders"
    ORDERS_TODAY = (
        "orders.today",
        "今日 {orders} 筆 {amount}，作廢 {voided} 筆",
        "Today {orders} orders {amount}, {voided} void",
    )
    DETAIL_TITLE = "detail.title", "訂單 {order_no}", "Order {order_no}"
    DETAIL_TIME = "detail.time", "時間 {time}　店員 {staff}", "Time {time}  staff {staff}"
    DETAIL_CUSTOMER = "detail.customer", "會員 {customer}", "Member {customer}"
    DETAIL_INVOICE = "detail.invoice", "發票 {number}　{kind}", "Invoice {number}  {kind}"
    DETAIL_VOIDED = "detail.voided", "已作廢（{reason}）", "VOID ({reason})"
    DETAIL_PAYMENT = "detail.payment", "{kind} {amount}", "{kind} {amount}"
    DETAIL_UPLOAD = "detail.upload", "上傳：{state}", "Upload: {state}"
    DETAIL_RECONCILE = "detail.reconcile", "總部比對", "HQ reconciliation"
    DETAIL_NAME_FIX = "detail.name_fix", "品名更正：{sold} → {hq}", "Name fixed: {sold} -> {hq}"
    DETAIL_PRICE_FIX = (
        "detail.price_fix",
        "店長改價：{sold}（總部價 {hq}）",
        "Manager price change (店長改價): {sold} (HQ price {hq})",
    )
    DETAIL_UNKNOWN_SKU = "detail.unknown_sku", "總部無此商品編號：{sku}", "HQ does not know SKU {sku}"
    DETAIL_LINKED = "detail.linked", "已連結會員 {customer}", "Linked to member {customer}"
    DETAIL_NO_RECONCILE = "detail.no_reconcile", "尚未上傳，總部尚未比對", "Not uploaded yet: HQ has not reconciled it"
    DETAIL_PRINTED = "detail.printed", "證明聯已印 {count} 次", "Proof copy printed {count} time(s)"
    DETAIL_NOT_PRINTED = "detail.not_printed", "證明聯尚未印出", "Proof copy not printed yet"
    PAY_CASH = "pay.cash", "現金", "Cash"
    PAY_CARD = "pay.card", "信用卡", "Card"
    PAY_OTHER = "pay.other", "其他", "Other"
    VOID_TITLE = "void.title", "作廢訂單 {order_no}", "Void order {order_no}"
    VOID_REASON = "void.reason", "作廢原因", "Reason"
    VOID_MANAGER_PIN = "void.manager_pin", "店長密碼", "Manager PIN"
    VOID_DONE = (
        "void.done",
        "訂單 {order_no} 已作廢（核准：{manager}）",
        "Order {order_no} is void (allowed by {manager})",
    )
    VOID_CANNOT = "void.cannot", "此訂單不能作廢", "This order cannot be voided"
    SHIFT_HEADER = (
        "shift.header",
        "交班　店員 {staff}　X 報表（本班尚未結束）",
        "Shift close  {staff}  X report (shift still open)",
    )
    SHIFT_HEADER_CLOSED = "shift.header_closed", "交班完成　{number}　店員 {staff}", "Shift closed  {number}  {staff}"
    SHIFT_LOADING = "shift.loading", "讀取本班資料中…", "Reading this shift's figures…"
    SHIFT_PERIOD = "shift.period", "本班期間 {opened} → {closed}", "Shift {opened} → {closed}"
    SHIFT_SALES = "shift.sales", "交易 {orders} 筆　合計 {total}", "Orders {orders}  total {total}"
    SHIFT_COL_KIND = "shift.col.kind", "付款方式", "Payment"
    SHIFT_COL_COUNT = "shift.col.count", "筆數", "Count"
    SHIFT_COL_AMOUNT = "shift.col.amount", "金額", "Amount"
    SHIFT_COL_CHANGE = "shift.col.change", "找零", "Change"
    SHIFT_NO_PAYMENTS = "shift.no_payments", "（本班沒有收款）", "(no payments this shift)"
    SHIFT_INVOICES = (
        "shift.invoices",
        "已開發票 {issued} 張　電子發票 {e} 張 {first} … {last}",
        "Invoices issued {issued}  e-invoices {e}: {first} … {last}",
    )
    SHIFT_MANUAL = "shift.manual", "手開發票 {count} 張：{numbers}", "Manual invoices {count}: {numbers}"
    SHIFT_VOIDED = "shift.voided", "作廢 {count} 張　{amount}", "Voided {count}  {amount}"
    SHIFT_VOIDED_NUMBERS = "shift.voided_numbers", "作廢號碼：{numbers}", "Voided numbers: {numbers}"
    SHIFT_RETURNS = (
        "shift.returns",
        "退貨 {count} 筆　{amount}（期內作廢重開 {in_period}、折讓 {allowances}）　重開發票 {reissued} 張",
        "Returns {count}  {amount} (in period {in_period}, allowances {allowances}, reissued {reissued})",
    )
    SHIFT_REFUND = "shift.refund", "退款 {kind} {count} 筆　{amount}", "Refunds {kind} {count}  {amount}"
    SHIFT_CANCELLED = "shift.cancelled", "作廢折讓 {count} 張　{amount}", "Allowances cancelled {count}  {amount}"
    SHIFT_EXPECTED_CASH = (
        "shift.expected_cash",
        "應有現金 {amount}（不含零用金）",
        "Cash expected {amount} (float not included)",
    )
    SHIFT_BOOKLET = "shift.booklet", "剩餘號碼 {first}～{last}　{left} 張", "Numbers left {first} … {last}: {left}"
    SHIFT_NO_NUMBERS = (
        "shift.no_numbers",
        "本期沒有剩餘號碼：請向總部申請字軌",
        "No invoice numbers left this period: ask HQ for a booklet",
    )
    SHIFT_WARNING = (
        "shift.warning",
        "！尚未上傳 {pending} 筆、需處理 {attention} 筆：發票須於 48 小時內上傳總部",
        "! Not uploaded: {pending} waiting, {attention} need attention. Invoices must reach HQ within 48 hours",
    )
    SHIFT_HINT = (
        "shift.hint",
        "F10 交班：輸入自己的密碼後結束本班並列印 Z 報表",
        "F10 closes the shift with your own PIN and prints the Z report",
    )
    SHIFT_CLOSING = "shift.closing", "交班中…", "Closing the shift…"
    SHIFT_STORED = "shift.stored", "Z 報表 {number} 已儲存", "Z report {number} stored"
    SHIFT_PRINT = "shift.print", "列印：{state}", "Print: {state}"
    SHIFT_PRINT_AGAIN_LATER = (
        "shift.print_again_later",
        "Z 報表剛送出列印：請稍後再按 F11 補印",
        "The Z report was just sent to the printer: press F11 again in a moment",
    )
    SHIFT_NO_PRINTER = (
        "shift.no_printer",
        "本機沒有設定印表機：Z 報表未列印",
        "No printer set up: the Z report was not printed",
    )
    SHIFT_CONFIRM_TITLE = "shift.confirm_title", "交班確認", "Close the shift"
    SHIFT_CONFIRM = (
        "shift.confirm",
        "結束本班：交易 {orders} 筆，合計 {total}",
        "Close this shift: {orders} orders, total {total}",
    )
    SHIFT_PIN = "shift.pin", "請輸入 {staff} 的密碼", "PIN of {staff}"
    UPLOADS_SUMMARY = (
        "uploads.summary",
        "等待中 {waiting}　成功 {success}　失敗 {failed}　需處理 {attention}",
        "waiting {waiting}  success {success}  failed {failed}  attention {attention}",
    )
    UPLOADS_COL_NO = "uploads.col.no", "訂單", "Order"
    UPLOADS_COL_TIME = "uploads.col.time", "時間", "Time"
    UPLOADS_COL_TOTAL = "uploads.col.total", "金額", "Total"
    UPLOADS_COL_STATE = "uploads.col.state", "狀態", "State"
    UPLOADS_COL_REASON = "uploads.col.reason", "原因", "Reason"
    UPLOADS_RETRIED = "uploads.retried", "已重新排入 {count} 筆", "{count} queued again"
    UPLOADS_NONE = "uploads.none", "沒有上傳紀錄", "No upload records"
    UPLOADS_NO_SYNC = "uploads.no_sync", "本機沒有設定總部同步", "HQ sync is not configured"
    UPLOAD_WAITING = "upload.waiting", "等待中", "waiting"
    UPLOAD_UPLOADING = "upload.uploading", "上傳中", "uploading"
    UPLOAD_SUCCESS = "upload.success", "成功", "success"
    UPLOAD_FAILED = "upload.failed", "失敗", "failed"
    UPLOAD_ATTENTION = "upload.attention", "需處理", "attention"
    UPLOAD_NONE = "upload.none", "—", "-"
    UPLOAD_VOID = "upload.void", "作廢：{state}", "Void: {state}"
    UPLOAD_VOID_AFTER_ORDER = "upload.void_after_order", "（等訂單先上傳）", " (after the order)"
    UPLOADS_VOID_SUMMARY = (
        "uploads.void_summary",
        "作廢：等待中 {waiting}　需處理 {attention}",
        "voids: waiting {waiting}  attention {attention}",
    )
    UPLOADS_ALLOWANCE_SUMMARY = (
        "uploads.allowance_summary",
        "折讓：等待中 {waiting}　需處理 {attention}",
        "allowances: waiting {waiting}  attention {attention}",
    )
    DETAIL_VOID_UPLOAD = "detail.void_upload", "作廢上傳：{state}", "Void upload: {state}"
    DEVICES_TITLE = "devices.title", "設備", "Devices"
    DEVICES_PORT = "devices.port", "連接埠 {url}", "Port {url}"
    DEVICES_MODEL = "devices.model", "型號 {model}　{dots} 點", "Model {model}  {dots} dots"
    DEVICES_STATUS = "devices.status", "狀態：{words}", "Status: {words}"
    KEY_DRAWER = "key.drawer", "開錢箱", "Drawer"
    DRAWER_TITLE = "drawer.title", "開錢箱", "Open drawer"
    DRAWER_WHY = (
        "drawer.why",
        "非銷售開錢箱須由店長輸入自己的密碼核准，並會留下紀錄",
        "Opening the drawer outside a sale needs a manager's own PIN, and is recorded",
    )
    DRAWER_OPENED = "drawer.opened", "錢箱已開啟（店長 {manager} 核准）", "Drawer opened (allowed by manager {manager})"
    DRAWER_REASON = "drawer.reason", "非銷售開錢箱", "no sale"
    DEVICES_DRAWER_OPEN = "devices.drawer.open", "錢箱：開啟", "Drawer: open"
    DEVICES_DRAWER_CLOSED = "devices.drawer.closed", "錢箱：關閉", "Drawer: closed"
    DEVICES_DRAWER_UNKNOWN = "devices.drawer.unknown", "錢箱：狀態不明", "Drawer: state unknown"
    DEVICES_CHECKING = "devices.checking", "檢查中…", "Checking…"
    DEVICES_NO_STATUS = "devices.no_status", "無法連線，狀態不明", "Cannot connect: state unknown"
    DEVICES_TEST_QUEUED = "devices.test_queued", "測試頁：已排入列印…", "Test page: queued…"
    DEVICES_TEST_STATE = "devices.test_state", "測試頁：{state}", "Test page: {state}"
    DEVICES_RESET_DONE = "devices.reset_done", "已重設印表機連線", "Printer connection reset"
    DEVICES_PORTS = "devices.ports", "偵測到的連接埠：", "Serial ports found:"
    DEVICES_NO_PORTS = "devices.no_ports", "（沒有偵測到序列埠）", "(no serial port found)"
    DEVICES_SYMPTOMS = "devices.symptoms", "若發生：", "If you see:"
    DEVICES_BACKUP_LAST = "devices.backup.last", "最近備份 {at}（{size}）：{path}", "Last backup {at} ({size}): {path}"
    DEVICES_BACKUP_NONE = "devices.backup.none", "尚未備份（備份到 {path}）", "No backup yet (to {path})"
    DEVICES_BACKUP_FAILED = (
        "devices.backup.failed",
        "最近一次備份失敗（{at}）：{reason}",
        "Last backup attempt failed at {at}: {reason}",
    )
    STATUS_NUMBERS_PENDING = (
        "status.numbers_pending",
        "號碼待總部確認（請手開）",
        "numbers: waiting for HQ (manual invoice)",
    )
    HELP_TITLE = "help.title", "按鍵說明", "Keys"
    HELP_BODY = (
        "help.body",
        "掃描槍：直接掃描，游標永遠在掃描欄。3* 再掃描＝數量 3。\n"
        "↑↓ 選擇購物車品項；F3 修改數量、價格、商品類型；F4 刪除。\n"
        "F2 會員　F5 訂單　F6 上傳紀錄　F7 設備　F10 結帳　F12 登出　Esc 返回\n"
        "F8 開錢箱（非銷售，需店長密碼並留下紀錄）；現金交易印完單據會自動開錢箱。\n"
        "結帳：F10 確認；掃描 /XXXXXXX 自動填入手機條碼載具。\n"
        "訂單：Enter 詳情，F11 補印（第二次補印起需店長密碼；作廢的不能補印），"
        "F8 作廢（需店長密碼），PgUp/PgDn 翻頁。\n"
        "退貨：在訂單列表掃描發票條碼（或按 F9），詳情按 R；需店長密碼核准。\n"
        "F9 交班：先看 X 報表；F10 輸入自己的密碼交班並列印 Z 報表，F11 補印。\n"
        "Ctrl+Q 離開程式。",
        "Scanner: just scan; the cursor stays in the scan field. 3* then scan = quantity 3.\n"
        "Up/down pick a cart line; F3 edits quantity, price and product type; F4 removes it.\n"
        "F2 member  F5 orders  F6 upload records  F7 devices  F10 checkout  F12 logout  Esc back\n"
        "F8 opens the drawer (no sale: a manager PIN, recorded); a cash sale opens it after its paper.\n"
        "Checkout: F10 confirms; scanning /XXXXXXX fills in the mobile carrier.\n"
        "Orders: Enter detail, F11 reprint (a manager PIN from the 2nd reprint on; never a voided one), "
        "F8 void (manager PIN), PgUp/PgDn page.\n"
        "Returns: scan the invoice's barcode in Orders (or F9 there), R in a detail; a manager PIN approves.\n"
        "F9 shift close: the X report; F10 closes it with your own PIN and prints the Z report, F11 reprints.\n"
        "Ctrl+Q quits.",
    )
    HELP_DEMO = (
        "help.demo",
        "示範模式：Ctrl+N（^N）切斷／恢復網路；印出的發票存成 PNG。",
        "Demo: Ctrl+N (^N) cuts/restores the network; printed invoices are saved as PNG.",
    )
    DEMO_NETWORK_CUT = "demo.network_cut", "示範：網路已切斷", "Demo: network cut"
    DEMO_NETWORK_BACK = "demo.network_back", "示範：網路已恢復", "Demo: network restored"
    DEMO_NO_CJK_FONT = (
        "demo.no_cjk_font",
        "本機沒有中文字型，PNG 裡的中文會印成方框；安裝字型：sudo apt-get install {package}",
        "This machine has no Chinese font, so the Chinese text in the PNGs is drawn as boxes; "
                         "install one with: sudo apt-get install {package}",
    )
    SETUP_TITLE = "setup.title", "首次設定", "First-run setup"
    SETUP_INTRO = (
        "setup.intro",
        "找不到設定檔 {path}：請填寫以下資料，儲存後開始使用",
        "No config at {path}: fill this in and save to start",
    )
    SETUP_STATION = "setup.station", "收銀機代號", "Station id"
    SETUP_STORE = "setup.store", "門市名稱", "Store name"
    SETUP_BAN = "setup.ban", "賣方統一編號", "Seller business number"
    SETUP_NAME = "setup.name", "營業人名稱", "Registered business name"
    SETUP_AES = "setup.aes", "發票 AES 金鑰（32 個十六進位字元）", "Invoice AES key (32 hex characters)"
    SETUP_HQ_URL = "setup.hq_url", "總部網址", "HQ URL"
    SETUP_HQ_TOKEN = "setup.hq_token", "總部權杖", "HQ token"
    SETUP_PRINTER = "setup.printer", "印表機連接埠", "Printer port"
    # MOF filing: the platform's state of an order's invoice (order detail / upload 詳情)
    DETAIL_PLATFORM = "detail.platform", "財政部平台（{kind}）：{state}", "MOF platform ({kind}): {state}"
    MOF_STATE_QUEUED = "mof.state.queued", "總部排隊中", "queued at HQ"
    MOF_STATE_HELD = "mof.state.held", "總部暫扣（未通過 MIG 檢查）", "held at HQ (fails the MIG check)"
    MOF_STATE_HANDED = "mof.state.handed", "已交給 Turnkey", "handed to Turnkey"
    MOF_STATE_ACCEPTED = "mof.state.accepted", "已接受", "accepted"
    MOF_STATE_REJECTED = "mof.state.rejected", "被退回", "rejected"
    MOF_STATE_SKIPPED = "mof.state.skipped", "無須申報", "nothing to file"
    # returns (退貨): the return screen and its result
    KEY_RETURN = "key.return", "退貨", "Return"
    KEY_TENDER = "key.tender", "退款方式", "Refund by"
    RETURN_LOADING = "return.loading", "正在讀取訂單…", "Reading the order..."
    RETURN_TITLE = (
        "return.title",
        "退貨　訂單 {order_no}　發票 {number}（{date}）",
        "Return  order {order_no}  invoice {number} ({date})",
    )
    RETURN_COL_NAME = "return.col.name", "品名", "Item"
    RETURN_COL_SOLD = "return.col.sold", "已售", "Sold"
    RETURN_COL_RETURNED = "return.col.returned", "已退", "Back"
    RETURN_COL_RETURNABLE = "return.col.returnable", "可退", "Left"
    RETURN_COL_QTY = "return.col.qty", "退貨", "Qty"
    RETURN_COL_REFUND = "return.col.refund", "退款", "Refund"
    RETURN_HINT = (
        "return.hint",
        "↑↓ 選品項　+ - 或數字 改數量　A 全部退　Enter 下一欄",
        "↑↓ line  + - or digits: quantity  A: all  Enter: next field",
    )
    RETURN_REASON = "return.reason", "退貨原因", "Reason"
    RETURN_REFERENCE = "return.reference", "刷卡參考號", "Card ref."
    RETURN_TENDER_CASH = "return.tender.cash", "退款方式：現金（F4 改刷卡）", "Refund: cash (F4: card)"
    RETURN_TENDER_CARD = "return.tender.card", "退款方式：刷卡退回（F4 改現金）", "Refund: back to the card (F4: cash)"
    RETURN_TOTAL = "return.total", "退款合計 {amount}", "Refund total {amount}"
    RETURN_NONE_CHOSEN = (
        "return.none_chosen",
        "請先選擇要退的品項與數量（↑↓ 選品項，+ 或數字）",
        "Choose the items and quantities returned first (↑↓ line, + or digits)",
    )
    RETURN_TOO_MANY = (
        "return.too_many",
        "{name} 最多可退 {returnable} 個",
        "At most {returnable} of {name} can be returned",
    )
    RETURN_REFERENCE_NEEDED = (
        "return.reference_needed",
        "刷卡退款請輸入刷卡機的參考號",
        "Type the card terminal's reference for a card refund",
    )
    RETURN_NOTHING_LEFT = (
        "return.nothing_left",
        "此訂單的商品已全部退貨",
        "Everything on this order was returned already",
    )
    RETURN_PIN_TITLE = "return.pin_title", "退貨核准", "Approve the return"
    RETURN_PIN_WHY = (
        "return.pin_why",
        "退款 {amount}（{tender}）：請店長輸入自己的密碼",
        "Refund {amount} ({tender}): a manager types their own PIN",
    )
    RETURN_DONE_TITLE = "return.done.title", "退貨完成　訂單 {order_no}", "Return done  order {order_no}"
    RETURN_DONE_ALLOWANCE = (
        "return.done.allowance",
        "已開立折讓證明單 {number}，折讓金額 {amount}",
        "Allowance {number} issued for {amount}",
    )
    RETURN_DONE_REISSUE = (
        "return.done.reissue",
        "發票 {voided} 已作廢，保留的品項已開立新發票 {new}",
        "Invoice {voided} voided; new invoice {new} issued for the items kept",
    )
    RETURN_DONE_VOIDED = "return.done.voided", "發票 {voided} 已作廢", "Invoice {voided} voided"
    RETURN_DONE_HAND_BACK = "return.done.hand_back", "請退還顧客", "Hand back to the customer"
    RETURN_DONE_NOT_CASH = (
        "return.done.not_cash",
        "退回顧客的信用卡（不從錢箱付款）",
        "Refunded to the customer's card (nothing from the drawer)",
    )
    RETURN_DONE_TENDER = "return.done.tender", "{kind} {amount}", "{kind} {amount}"
    ORDERS_RETURN_SCAN = (
        "orders.return_scan",
        "發票 {number}：找不到這張發票的訂單",
        "Invoice {number}: no order holds this invoice",
    )
    KEY_ORIGINAL_BACK = "key.original_back", "已收回證明聯", "Got original"
    RETURN_WAY_ALLOWANCE = (
        "return.way.allowance",
        "已過發票期別（或已有折讓）：開立折讓證明單",
        "Past the invoice's period (or an allowance stands): an allowance slip",
    )
    RETURN_WAY_REISSUE = (
        "return.way.reissue",
        "本期發票：作廢原發票，留下的品項開立新發票",
        "This period's invoice: voided, the items kept get a new invoice",
    )
    RETURN_ORIGINAL_ASK = (
        "return.original.ask",
        "{mark} 請收回顧客手上的發票證明聯 {number}（收回後按 F6）",
        "{mark} Take back the customer's printed invoice {number} (then F6)",
    )
    RETURN_ORIGINAL_BACK = (
        "return.original.back",
        "{mark} 已收回發票證明聯 {number}",
        "{mark} Printed invoice {number} taken back",
    )
    RETURN_ORIGINAL_NEEDED = (
        "return.original.needed",
        "請先收回顧客手上的發票證明聯，收回後按 F6",
        "Take back the customer's printed invoice first, then press F6",
    )
    RETURN_DONE_PRINT_NEW = "return.done.print_new", "按 F10 列印新發票", "F10 prints the new invoice"
    DETAIL_ALLOWANCE = (
        "detail.allowance",
        "折讓 {number}（{time}）退 {items} 件 {amount}",
        "Allowance {number} ({time}): {items} returned, {amount}",
    )
    DETAIL_ALLOWANCE_CANCELLED = "detail.allowance_cancelled", "已作廢折讓", "cancelled"
    DETAIL_ALLOWANCE_UPLOAD = "detail.allowance_upload", "上傳：{state}", "upload: {state}"
    DETAIL_ALLOWANCE_CANCEL_UPLOAD = "detail.allowance_cancel_upload", "作廢上傳：{state}", "cancel upload: {state}"
