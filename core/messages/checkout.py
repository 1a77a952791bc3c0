"""The cart, prices, payments and the people at the till: what a sale refuses and why."""

from core.messages.code import MessageCode


class CheckoutCode(MessageCode):
    """(code, Traditional Chinese, English); the code is stored and sent as it is."""

    PRICE_INVALID = (
        "price.invalid",
        "「{name}」的單價 {value} 不合理：應為 0 到 {maximum} 元的整數",
        "Unit price {value} for '{name}' is out of range: a whole number from 0 to {maximum} NT$",
    )
    QUANTITY_INVALID = (
        "quantity.invalid",
        "「{name}」的數量 {value} 不合理：應為 1 到 {maximum} 的整數",
        "Quantity {value} for '{name}' is out of range: a whole number from 1 to {maximum}",
    )
    SKU_INVALID = (
        "sku.invalid",
        "商品編號「{value}」不正確：須為 1 到 40 個可見字元",
        "SKU '{value}' is invalid: 1 to 40 visible characters",
    )
    NAME_INVALID = "name.invalid", "商品名稱不可空白", "The product name must not be empty"
    PRODUCT_TYPE_INVALID = (
        "product_type.invalid",
        "商品類型「{value}」不正確：一般價格、加價購或滿額贈",
        "Product type '{value}' is invalid: regular, add-on or gift-with-purchase",
    )
    CART_EMPTY = "cart.empty", "購物車是空的，請先掃描商品", "The cart is empty: scan an item first"
    CART_LINE_MISSING = "cart.line_missing", "購物車沒有第 {value} 項", "The cart has no line {value}"
    ORDER_TOO_LARGE = (
        "order.too_large",
        "訂單總額 {value} 元超過上限 {maximum} 元",
        "The order total of NT${value} exceeds the limit of NT${maximum}",
    )
    PAYMENT_INVALID = (
        "payment.invalid",
        "付款金額 {value} 不正確：應為正整數",
        "Payment amount {value} is invalid: a positive whole number",
    )
    PAYMENT_KIND_INVALID = (
        "payment.kind_invalid",
        "付款方式「{value}」不正確：現金、信用卡或其他",
        "Payment method '{value}' is invalid: cash, card or other",
    )
    PAYMENT_SHORT = (
        "payment.short",
        "付款不足：應付 {total} 元，已付 {paid} 元，尚差 {missing} 元",
        "Payment short: NT${total} due, NT${paid} paid, NT${missing} missing",
    )
    PAYMENT_OVERPAID_NONCASH = (
        "payment.overpaid_noncash",
        "非現金付款超過應付金額 {excess} 元；只有現金可以找零",
        "Non-cash payments exceed the total by NT${excess}; only cash can be given change",
    )
    STAFF_UNKNOWN = "staff.unknown", "找不到店員 {value}", "Unknown staff member {value}"
    CUSTOMER_UNKNOWN = "customer.unknown", "找不到會員 {value}", "Unknown customer {value}"
    ORDER_UNKNOWN = "order.unknown", "找不到訂單 {value}", "Unknown order {value}"
    PIN_INVALID = "pin.invalid", "密碼須為 4 到 12 位數字", "A PIN is 4 to 12 digits"
    PIN_MANAGER_SHORT = (
        "pin.manager_short",
        "店長密碼至少須 {minimum} 位數字",
        "A manager's PIN is at least {minimum} digits",
    )
    LOGIN_FAILED = "login.failed", "店員或密碼不正確", "Wrong staff member or PIN"
    MANAGER_PIN_WRONG = (
        "manager.pin_wrong",
        "店長密碼不正確：須由店長輸入自己的密碼核准",
        "Wrong manager PIN: a manager must type their own PIN to allow this",
    )
    LOGIN_LOCKED = (
        "login.locked",
        "{name} 連續輸入 5 次錯誤密碼，已鎖定到 {until}：請到時再試，或請店長輸入密碼解鎖",
        "{name} is locked until {until} after 5 wrong PINs in a row: try again then, or ask a manager to "
        "unlock with their PIN",
    )
    LOGIN_NOT_LOCKED = "login.not_locked", "店員 {value} 目前沒有被鎖定", "Staff member {value} is not locked"
    PRICE_BELOW_CATALOG = (
        "price.below_catalog",
        "「{name}」的單價 {price} 元低於目錄價 {catalog} 元：須由店長輸入密碼核准",
        "The unit price NT${price} for '{name}' is below the catalog price NT${catalog}: a manager must "
        "approve it with their PIN",
    )
    VOID_REASON_REQUIRED = "void.reason_required", "請輸入作廢原因", "Type the reason for the void"
    VOID_ALREADY = "void.already", "訂單 {value} 已經作廢", "Order {value} is already void"
    VOID_OTHER_PERIOD = (
        "void.other_period",
        "發票 {number} 屬於 {period} 期，不能在 {voided} 期作廢；跨期請開立折讓",
        "Invoice {number} belongs to period {period} and cannot be voided in period {voided}: "
        "issue an allowance (折讓) instead",
    )
    CUSTOMER_PHONE_INVALID = (
        "customer.phone_invalid",
        "「{value}」不是手機號碼或會員條碼：手機號碼為 09 開頭的 10 位數字；"
        "會員條碼為英文字母開頭的 4 到 40 個英數字",
        "'{value}' is neither a mobile number nor a member code: a mobile number is 10 digits starting 09; "
        "a member code is 4 to 40 letters or digits starting with a letter",
    )
    CUSTOMER_MOBILE_INVALID = (
        "customer.mobile_invalid",
        "手機號碼「{value}」不正確：應為 09 開頭的 10 位數字（例如 0912345678）",
        "Mobile number '{value}' is invalid: 10 digits starting 09 (e.g. 0912345678)",
    )
    CUSTOMER_HQ_OFFLINE = (
        "customer.hq_offline",
        "總部未連線：只查本機會員資料",
        "HQ is offline: only the local member cache was searched",
    )
    AMOUNT_INVALID = (
        "amount.invalid",
        "「{value}」不是金額：請輸入整數（元）",
        "'{value}' is not an amount: type a whole number of NT$",
    )
    SCAN_MISREAD = (
        "scan.misread",
        "條碼 {code} 的檢查碼不對，多半是沒掃好：請重新掃描（自編條碼：設定 station.check_digits = false）",
        "Barcode {code} has a wrong check digit, most likely a misread: scan it again "
        "(in-house codes: set station.check_digits = false)",
    )
    AMOUNT_NEGATIVE = (
        "amount.negative",
        "「{value}」是負數：金額與數量不能小於 0",
        "'{value}' is negative: amounts and quantities cannot be below 0",
    )
