"""E-invoice input and numbers at the station: buyer codes, carriers, booklets, lawful paper."""

from core.messages.code import MessageCode


class InvoiceCode(MessageCode):
    """(code, Traditional Chinese, English); the code is stored and sent as it is."""

    BAN_INVALID = (
        "ban.invalid",
        "統一編號「{value}」不正確：須為 8 位數字且檢查碼正確",
        "Business number '{value}' is invalid: it must be 8 digits with a valid check sum",
    )
    CARRIER_MOBILE_INVALID = (
        "carrier.mobile.invalid",
        "手機條碼「{value}」不正確：應為「/」加 7 個字元（0-9、A-Z、.、+、-）",
        "Mobile carrier '{value}' is invalid: '/' followed by 7 characters (0-9, A-Z, . + -)",
    )
    CARRIER_CITIZEN_INVALID = (
        "carrier.citizen.invalid",
        "自然人憑證條碼「{value}」不正確：應為 2 個大寫英文字母加 14 位數字",
        "Citizen certificate carrier '{value}' is invalid: 2 capital letters and 14 digits",
    )
    DONATION_INVALID = (
        "donation.invalid",
        "愛心碼「{value}」不正確：應為 3 到 7 位數字",
        "Donation code '{value}' is invalid: 3 to 7 digits",
    )
    OPTIONS_CONFLICT = "invoice.options_conflict", "發票選項衝突：{detail}", "Invoice options conflict: {detail}"
    INVOICE_NUMBER_INVALID = (
        "invoice_number.invalid",
        "發票號碼「{value}」格式不正確：應為 2 個大寫英文字母加 8 位數字（例如 AB12345678）",
        "Invoice number '{value}' is malformed: 2 capital letters and 8 digits (e.g. AB12345678)",
    )
    MANUAL_NUMBER_IN_BOOKLET = (
        "manual_number.in_booklet",
        "手開發票號碼 {value} 屬於本機電子發票字軌，不能手開使用",
        "Manual invoice number {value} is in this station's e-invoice booklets; it cannot be hand-written",
    )
    MANUAL_NUMBER_USED = (
        "manual_number.used",
        "發票號碼 {value} 已經使用過",
        "Invoice number {value} has already been used",
    )
    ZERO_VALUE = "invoice.zero_value", "不可開立金額為 0 的發票", "A zero-value invoice cannot be issued"
    BOOKLET_INVALID_RANGE = (
        "booklet.invalid_range",
        "發票字軌 {track}{start:08d}–{end:08d} 不正確：須為 50 個號碼，起號尾數 00 或 50",
        "Booklet {track}{start:08d}-{end:08d} is invalid: 50 numbers starting at …00 or …50",
    )
    BOOKLET_OUTSIDE_PERIOD = (
        "booklet.outside_period",
        "發票字軌 {track}{start:08d} 屬於 {period}，不能用於 {current}",
        "Booklet {track}{start:08d} belongs to period {period} and cannot be used in {current}",
    )
    BOOKLET_PERIOD_ENDED = (
        "booklet.period_ended",
        "發票字軌 {track}{start:08d} 的期別 {period} 已結束",
        "The period {period} of booklet {track}{start:08d} has ended",
    )
    BOOKLET_OVERLAP = (
        "booklet.overlap",
        "發票字軌 {track}{start:08d} 與已登錄的號碼重疊",
        "Booklet {track}{start:08d} overlaps numbers already registered",
    )
    NO_NUMBERS = (
        "invoice.no_numbers",
        "本期（{period}）已無可用的電子發票號碼。請連線取得新字軌，或改用「自行開立」手開發票",
        "No e-invoice numbers left for {period}. Go online to fetch a booklet, or use a manual invoice",
    )
    AES_KEY_INVALID = (
        "aes_key.invalid",
        "發票 AES 金鑰格式不正確：應為 32 個十六進位字元",
        "The invoice AES key is malformed: 32 hexadecimal characters expected",
    )
    PRINT_VOIDED = (
        "print.voided",
        "發票 {number} 已作廢：作廢的發票不能再列印",
        "Invoice {number} is void: a voided invoice is never printed again",
    )
    PRINT_REPRINT_NEEDS_MANAGER = (
        "print.reprint_needs_manager",
        "發票 {number} 已補印過 {reprints} 次：再次補印須由店長輸入密碼核准",
        "Invoice {number} has already been reprinted {reprints} time(s): another reprint needs a manager's PIN",
    )
