"""The back office's words, in zh-TW (the default) and English side by side.

A new word is one member here, written `NAME = "page.key", "中文", "English"` (the shape of
core/messages). Pages and templates ask for it by member, `t(PageText.NAME)` (hq.web.i18n): a misspelt
member is a mypy error in Python and an error at render time in a template, never a key on the page.
"""

from typing import cast

from core.messages import MessageCode


class PageText(MessageCode):
    """(key, zh-TW, English)."""

    @classmethod
    def of(cls, key: str) -> "PageText":
        """The member a key built at run time names (a validator's own error, a stored state): the one
        typed way in for a key that is not written out. ValueError at once for a key the catalog lacks."""
        try:
            return cast("PageText", cls._value2member_map_[key])
        except KeyError:
            raise ValueError(f"{key!r} is not a PageText key") from None

    APP = "app", "總部後台", "Back office"
    SIGNIN = "signin", "登入", "Sign in"
    SIGNOUT = "signout", "登出", "Sign out"
    USERNAME = "username", "帳號", "Username"
    PASSWORD = "password", "密碼", "Password"
    SIGNIN_WRONG = "signin.wrong", "帳號或密碼錯誤", "Wrong username or password"
    SIGNIN_LOCKED = (
        "signin.locked",
        "登入失敗次數過多，帳號鎖定至 {until}",
        "Too many failed sign-ins: locked until {until}",
    )
    SIGNIN_EXPIRED = "signin.expired", "登入已逾時，請重新登入", "Your session expired; please sign in again"
    CSRF_REFUSED = (
        "csrf.refused",
        "表單已失效，請重新整理頁面後再試",
        "This form has expired; reload the page and try again",
    )
    NAV_TODAY = "nav.today", "今日", "Today"
    NAV_ATTENTION = "nav.attention", "待處理", "Needs attention"
    NAV_ORDERS = "nav.orders", "訂單", "Orders"
    NAV_FILING = "nav.filing", "申報", "Filing"
    NAV_NUMBERS = "nav.numbers", "發票號碼", "Numbers"
    NAV_STATIONS = "nav.stations", "收銀機", "Stations"
    TODAY_TITLE = "today.title", "今日營業", "Today"
    TODAY_SALES_BY_STATION = "today.sales_by_station", "各收銀機銷售", "Sales per station"
    TODAY_SALES_BY_TENDER = "today.sales_by_tender", "各付款方式", "Sales per tender"
    TODAY_ARRIVING = "today.arriving", "上傳中的訂單", "Orders still arriving"
    TODAY_LAST_RECEIVED = "today.last_received", "最後收到", "Last received"
    TODAY_LATE = "today.late", "今日補傳（離線）", "Arrived late today (offline)"
    TODAY_VOIDS = "today.voids", "作廢", "Voids"
    TODAY_RETURNS = "today.returns", "退貨（折讓）", "Returns (allowances)"
    RET_STATE = "ret.state", "狀態", "State"
    RET_ALLOWED = "ret.allowed", "折讓金額（含稅）", "Allowed (tax incl.)"
    RET_REFUNDED = "ret.refunded", "退款", "Refunded"
    RET_STATUS_ACCEPTED = "ret.status.accepted", "已生效", "in force"
    RET_STATUS_HELD = "ret.status.held", "待原訂單", "waiting for the sale"
    RET_STATUS_REJECTED = "ret.status.rejected", "核對不符，未生效", "refused, not in force"
    RET_STATUS_CANCELLED = "ret.status.cancelled", "已作廢折讓", "cancelled"
    TODAY_NEEDS_PERSON = "today.needs_person", "需要處理", "Needs a person"
    STATION = "station", "收銀機", "Station"
    ORDERS = "orders", "筆數", "Orders"
    TOTAL = "total", "金額", "Total"
    NONE = "none", "無", "None"
    ATT_TITLE = "att.title", "待處理事項", "Needs attention"
    ATT_OVERRIDES = "att.overrides", "店長改價", "Price overrides"
    ATT_UNKNOWN = "att.unknown", "未知商品編號", "Unknown SKUs"
    ATT_HELD = "att.held", "暫停待查的訂單", "Orders held for attention"
    ATT_ALLOWANCES = "att.allowances", "暫停待查的折讓單", "Allowances held for attention"
    ATT_ALLOWANCE = "att.allowance", "折讓單號", "Allowance"
    ATT_ORIGINAL = "att.original", "原發票", "Original invoice"
    ATT_ALLOWANCE_HELD = (
        "att.allowance.held",
        "總部尚未收到原訂單，收到後自動核對",
        "HQ does not hold the sale yet; checked when it arrives",
    )
    ATT_ALLOWANCE_REJECTED = (
        "att.allowance.rejected",
        "原訂單到達後核對不符，未生效",
        "Refused once the sale arrived; not in force",
    )
    ATT_ENTERED = "att.entered", "輸入價", "Entered"
    ATT_CATALOG = "att.catalog", "牌價", "Catalog"
    ATT_SOLD_BY = "att.sold_by", "收銀員", "Sold by"
    ATT_APPROVED_BY = "att.approved_by", "核准店長", "Approved by"
    ATT_OFFLINE = "att.offline", "離線", "Offline"
    ATT_ACK = "att.ack", "確認", "Acknowledge"
    ATT_MAP = "att.map", "對應商品", "Map to product"
    ATT_REASON = "att.reason", "原因", "Reason"
    ATT_NOTHING = "att.nothing", "目前沒有待處理事項", "Nothing needs attention"
    ATT_NO_PRODUCT = "att.no_product", "沒有這個商品編號：{sku}", "No product with SKU {sku}"
    YES = "yes", "是", "yes"
    NO = "no", "否", "no"
    SKU = "sku", "商品編號", "SKU"
    PRODUCT = "product", "商品", "Product"
    QTY = "qty", "數量", "Qty"
    PRICE = "price", "單價", "Price"
    AMOUNT = "amount", "小計", "Amount"
    ORDER_NO = "order_no", "訂單編號", "Order no."
    INVOICE = "invoice", "發票號碼", "Invoice"
    CREATED = "created", "交易時間", "Sold at"
    RECEIVED = "received", "收到時間", "Received"
    STATUS = "status", "狀態", "Status"
    STATUS_ACCEPTED = "status.accepted", "正常", "accepted"
    STATUS_VOIDED = "status.voided", "已作廢", "voided"
    ORDERS_TITLE = "orders.title", "訂單查詢", "Orders"
    ORDERS_Q = "orders.q", "發票號碼、訂單編號或電話", "Invoice no., order no. or phone"
    ORDERS_FROM = "orders.from", "從", "From"
    ORDERS_TO = "orders.to", "到", "To"
    ORDERS_SEARCH = "orders.search", "查詢", "Search"
    ORDERS_NONE = "orders.none", "找不到訂單", "No orders found"
    ORDERS_MORE = "orders.more", "只顯示前 {n} 筆", "Showing the first {n}"
    ORDER_TITLE = "order.title", "訂單 {no}", "Order {no}"
    ORDER_LINES = "order.lines", "明細", "Lines"
    ORDER_PAYMENTS = "order.payments", "付款", "Payments"
    ORDER_RECON = "order.recon", "總部核對", "Reconciliation"
    ORDER_VOIDS = "order.voids", "作廢／退貨紀錄", "Void and return history"
    ORDER_NOT_VOIDED = "order.not_voided", "未作廢", "Not voided"
    ORDER_FILING = "order.filing", "電子發票申報狀態", "MOF filing state"
    ORDER_ACKS = "order.acks", "處理紀錄", "Handled"
    ORDER_CUSTOMER = "order.customer", "會員", "Customer"
    ORDER_PHONE = "order.phone", "電話", "Phone"
    ORDER_STAFF = "order.staff", "收銀員", "Cashier"
    ORDER_REISSUE_OF = "order.reissue_of", "改開自", "reissue of"
    ORDER_REISSUED_AS = "order.reissued_as", "改開為", "reissued as"
    ORDER_MANUAL = "order.manual", "自行開立", "Hand-written"
    FILING_UNWIRED = "filing.unwired", "申報功能尚未連接", "Filing is not connected yet"
    FILING_TITLE = "filing.title", "電子發票申報", "MOF filing"
    FILING_STATE = "filing.state", "狀態", "State"
    FILING_LATE = "filing.late", "逾期", "Late"
    FILING_DUE_SOON = "filing.due_soon", "即將到期", "Due soon"
    FILING_REJECTED = "filing.rejected", "被退回", "Rejected"
    FILING_RESEND = "filing.resend", "重新上傳", "Re-send"
    FILING_BLANK = "filing.blank", "空白字軌", "Blank numbers"
    NUMBERS_TITLE = "numbers.title", "發票號碼", "Invoice numbers"
    NUMBERS_RANGES = "numbers.ranges", "字軌區間", "Ranges"
    NUMBERS_PERIOD = "numbers.period", "期別", "Period"
    NUMBERS_TRACK = "numbers.track", "字軌", "Track"
    NUMBERS_START = "numbers.start", "起", "Start"
    NUMBERS_END = "numbers.end", "迄", "End"
    NUMBERS_ALLOCATED = "numbers.allocated", "已配號", "Handed out"
    NUMBERS_IMPORT = "numbers.import", "匯入字軌檔", "Import a range file"
    NUMBERS_FILE = (
        "numbers.file",
        "字軌檔（財政部平台下載的 CSV 或 E0501 XML）",
        "Range file (the platform's CSV download or an E0501 XML)",
    )
    NUMBERS_EMPTY = "numbers.empty", "檔案中沒有字軌區間", "no ranges in the file"
    NUMBERS_IMPORTED = "numbers.imported", "已匯入 {n} 個區間", "Imported {n} ranges"
    NUMBERS_BOOKLETS = "numbers.booklets", "各收銀機的發票本", "Booklets per station"
    NUMBERS_BOOKLET_COUNT = "numbers.booklet_count", "本數", "Booklets"
    NUMBERS_USED = "numbers.used", "已使用", "Used"
    NUMBERS_HIGH_WATER = "numbers.high_water", "最高已用號碼", "High-water mark"
    NUMBERS_BAD_FILE = "numbers.bad_file", "第 {line} 行無法讀取：{why}", "Line {line} cannot be read: {why}"
    STATIONS_TITLE = "stations.title", "收銀機", "Stations"
    STATIONS_REGISTER = "stations.register", "新增收銀機", "Register a station"
    STATIONS_ID = "stations.id", "代號", "ID"
    STATIONS_NAME = "stations.name", "名稱", "Name"
    STATIONS_ACTIVE = "stations.active", "啟用", "Active"
    STATIONS_REVOKED = "stations.revoked", "已停用", "Revoked"
    STATIONS_LAST_CONTACT = "stations.last_contact", "最後聯繫", "Last contact"
    STATIONS_SKEW = "stations.skew", "時鐘誤差", "Clock skew"
    STATIONS_VERSION = "stations.version", "版本", "Version"
    STATIONS_REVOKE_CONFIRM = (
        "stations.revoke_confirm",
        "停用收銀機 {id}？它的權杖將立即失效。",
        "Revoke station {id}? Its token stops working at once.",
    )
    STATIONS_ROTATE = "stations.rotate", "換發權杖", "Rotate token"
    STATIONS_REVOKE = "stations.revoke", "停用", "Revoke"
    STATIONS_TOKEN_ONCE = (
        "stations.token_once",
        "收銀機 {id} 的權杖（只顯示這一次，請立即設定到收銀機）：",
        "Station {id}'s token (shown this once: set it on the station now):",
    )
    STATIONS_BAD_ID = (
        "stations.bad_id",
        "代號只能是英數字、底線或連字號，最多 20 字",
        "An ID is letters, digits, _ or -, at most 20",
    )
    STATIONS_EXISTS = "stations.exists", "收銀機 {id} 已存在", "Station {id} already exists"
    STATIONS_UNWIRED = "stations.unwired", "此功能尚未連接", "Not connected yet"
    REASON_UNKNOWN_SKU = "reason.unknown_sku", "未知商品編號", "unknown SKU"
    REASON_UNKNOWN_STAFF = "reason.unknown_staff", "未知員工編號", "unknown staff ID"
    REASON_REISSUE_UNKNOWN = (
        "reason.reissue_unknown",
        "改開自的原訂單不是本收銀機在總部的訂單",
        "reissue of no order of this station at HQ",
    )
    REASON_INVOICE_NOT_ALLOCATED = (
        "reason.invoice_not_allocated",
        "發票號碼不在配發範圍",
        "invoice number not handed out by HQ",
    )
    TENDER_CASH = "tender.cash", "現金", "Cash"
    TENDER_CARD = "tender.card", "信用卡", "Card"
    TENDER_OTHER = "tender.other", "其他", "Other"
    NAV_CATALOG = "nav.catalog", "商品", "Catalog"
    CATALOG_TITLE = "catalog.title", "商品目錄", "Catalog"
    CATALOG_Q = "catalog.q", "商品編號、條碼或品名", "SKU, barcode or name"
    CATALOG_EXPORT = "catalog.export", "匯出 CSV", "Export CSV"
    CATALOG_IMPORT = "catalog.import", "匯入 CSV", "Import CSV"
    CATALOG_EDIT = "catalog.edit", "新增或修改商品", "Add or change a product"
    CATALOG_SAVE = "catalog.save", "儲存", "Save"
    CATALOG_SAVED = "catalog.saved", "已儲存 {sku}", "Saved {sku}"
    CATALOG_IMPORTED = "catalog.imported", "已匯入 {n} 項商品", "Imported {n} products"
    CATALOG_REGULAR = "catalog.regular", "一般價格", "Regular"
    CATALOG_ADDON = "catalog.addon", "加價購", "Add-on"
    CATALOG_GIFT = "catalog.gift", "滿額贈", "Gift"
    CATALOG_BARCODE = "catalog.barcode", "條碼", "Barcode"
    NAV_Z = "nav.z", "Z 帳", "Z reports"
    Z_TITLE = "z.title", "Z 帳（日結）", "Z report"
    Z_DAY = "z.day", "日期", "Day"
    Z_PRINT = "z.print", "列印", "Print"
    Z_INVOICES = "z.invoices", "發票號碼起訖", "Invoice numbers"
    STATIONS_SKEW_ESTIMATED = (
        "stations.skew_estimated",
        "由最新一筆連線訂單的交易時間與收到時間推估（含上傳所需時間）",
        "Estimated from the newest online order's sale and arrival times (upload delay included)",
    )
    NAV_STAFF = "nav.staff", "員工", "Staff"
    NAV_MEMBERS = "nav.members", "會員", "Members"
    STAFF_TITLE = "staff.title", "員工", "Staff"
    STAFF_Q = "staff.q", "員工編號或姓名", "Staff ID or name"
    STAFF_ID = "staff.id", "員工編號", "Staff ID"
    STAFF_NAME = "staff.name", "姓名", "Name"
    STAFF_ROLE = "staff.role", "職務", "Role"
    ROLE_CASHIER = "role.cashier", "收銀員", "Cashier"
    ROLE_MANAGER = "role.manager", "店長", "Manager"
    STAFF_UPDATED = "staff.updated", "最後修改", "Changed"
    STAFF_EDIT = "staff.edit", "新增或修改員工", "Add or change a staff member"
    STAFF_PIN = "staff.pin", "密碼（PIN）", "PIN"
    STAFF_PIN_AGAIN = "staff.pin_again", "再輸入一次密碼", "PIN again"
    STAFF_PIN_HINT = (
        "staff.pin_hint",
        "新員工必填；已有員工留空則不變更。收銀員 4–12 位數字，店長至少 6 位。"
                       "密碼只存雜湊值，不會顯示。",
        "Needed for new staff; leave blank to keep an existing PIN. Cashiers 4–12 digits, managers "
                       "at least 6. Only a hash is kept; a PIN is never shown.",
    )
    STAFF_SET_PIN = "staff.set_pin", "設定密碼", "Set a PIN"
    STAFF_PIN_MISMATCH = "staff.pin_mismatch", "兩次輸入的密碼不同", "The two PINs differ"
    STAFF_PIN_NEEDED = "staff.pin_needed", "請輸入新密碼", "Type the new PIN"
    STAFF_UNKNOWN = "staff.unknown", "沒有員工 {id}", "No staff member {id}"
    STAFF_SAVED = "staff.saved", "已儲存員工 {id}", "Saved staff member {id}"
    STAFF_PIN_SET = "staff.pin_set", "已設定 {id} 的新密碼", "New PIN set for {id}"
    STAFF_IMPORTED = "staff.imported", "已匯入 {n} 位員工（設定 {pins} 組密碼）", "Imported {n} staff ({pins} PINs set)"
    STAFF_CSV_HINT = (
        "staff.csv_hint",
        "CSV 欄位：id,name,role,active,pin（role 為 cashier 或 manager；pin 可省略；匯出不含密碼）",
        "CSV columns: id,name,role,active,pin (role cashier or manager; pin optional; exports "
                       "never carry PINs)",
    )
    EXPORT = "export", "匯出 CSV", "Export CSV"
    IMPORT = "import", "匯入 CSV", "Import CSV"
    IMPORT_EMPTY = "import.empty", "檔案中沒有資料", "the file has no rows"
    IMPORT_REFUSED = (
        "import.refused",
        "檔案未匯入（沒有寫入任何資料），請修正：",
        "Nothing was imported; fix these and try again:",
    )
    IMPORT_LINE = "import.line", "第 {line} 行：{why}", "Line {line}: {why}"
    IMPORT_MORE = "import.more", "另有 {n} 個問題未列出", "and {n} more"
    IMPORT_CELL = "import.cell", "第 {line} 行 {column} 欄：{why}", "Line {line}, column {column}: {why}"
    IMPORT_FIELD = "import.field", "{column}：{why}", "{column}: {why}"
    FILE_NONE = "file.none", "沒有選擇檔案", "no file"
    FILE_TOO_LARGE = "file.too_large", "檔案太大（最多 {kb} KB）", "file too large (at most {kb} KB)"
    FILE_NOT_UTF8 = "file.not_utf8", "不是 UTF-8 文字檔", "not UTF-8 text"
    FILE_MISSING_COLUMNS = "file.missing_columns", "缺少欄位：{columns}", "missing columns: {columns}"
    FILE_TOO_MANY_ROWS = "file.too_many_rows", "超過 {n} 行", "more than {n} rows"
    CELL_BLANK = "cell.blank", "不可空白", "must not be blank"
    CELL_TOO_SHORT = "cell.too_short", "至少 {n} 個字", "at least {n} characters"
    CELL_TOO_LONG = "cell.too_long", "最多 {n} 個字", "at most {n} characters"
    CELL_PATTERN = "cell.pattern", "只能是英數字、點、底線或連字號", "only letters, digits, ., _ or -"
    CELL_CHOICE = "cell.choice", "須為 {choices} 其中之一", "must be one of {choices}"
    CELL_PHONE = "cell.phone", "電話須為 6 到 19 位數字", "a phone number is 6 to 19 digits"
    CELL_UNKNOWN = "cell.unknown", "不認得的欄位", "not a known column"
    CELL_INVALID = "cell.invalid", "格式不正確", "is not valid"
    STAFF_ID_TWICE = "staff.id_twice", "員工編號 {id} 與第 {first} 行重複", "id {id} also on line {first}"
    STAFF_PIN_FOR_NEW = "staff.pin_for_new", "新員工須設定密碼（PIN）", "new staff need a PIN"
    STAFF_MANAGER_PIN = (
        "staff.manager_pin",
        "改為店長須同時設定至少 6 位數字的新密碼",
        "a new manager needs a new PIN of at least 6 digits",
    )
    MEMBERS_ID_TWICE = "members.id_twice", "編號 {id} 與第 {first} 行重複", "id {id} also on line {first}"
    MEMBERS_CODE_TWICE = (
        "members.code_twice",
        "會員編號 {code} 與第 {first} 行重複",
        "member code {code} also on line {first}",
    )
    MEMBERS_CODE_TAKEN = (
        "members.code_taken",
        "會員編號 {code} 已屬於會員 {owner}",
        "member code {code} belongs to member {owner}",
    )
    MEMBERS_TITLE = "members.title", "會員", "Members"
    MEMBERS_Q = "members.q", "電話、會員編號或姓名", "Phone, member code or name"
    MEMBERS_ID = "members.id", "編號", "ID"
    MEMBERS_ID_HINT = "members.id_hint", "編號（新會員可留空）", "ID (blank for a new member)"
    MEMBERS_CODE = "members.code", "會員編號", "Member code"
    MEMBERS_PHONE = "members.phone", "電話", "Phone"
    MEMBERS_NAME = "members.name", "姓名", "Name"
    MEMBERS_EDIT = "members.edit", "新增或修改會員", "Add or change a member"
    MEMBERS_SAVED = "members.saved", "已儲存會員 {id}", "Saved member {id}"
    MEMBERS_IMPORTED = "members.imported", "已匯入 {n} 位會員", "Imported {n} members"
    MEMBERS_MORE = (
        "members.more",
        "只顯示前 {n} 筆，請用搜尋縮小範圍",
        "Showing the first {n}; search to narrow it down",
    )
    MEMBERS_CSV_HINT = (
        "members.csv_hint",
        "CSV 欄位：id,member_code,phone,name（id 可留空，由總部編號）",
        "CSV columns: id,member_code,phone,name (a blank id is given one by HQ)",
    )
    LANG_OTHER = "lang.other", "English", "中文"
