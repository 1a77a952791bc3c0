"""Allowances (折讓) and returns, at HQ and at the till."""

from core.messages.code import MessageCode


class AllowanceCode(MessageCode):
    """(code, Traditional Chinese, English); the code is stored and sent as it is."""

    STATION_MISMATCH = (
        "allowance.station_mismatch",
        "折讓單屬於收銀機 {allowance_station}，但上傳者是 {station}",
        "The allowance belongs to station {allowance_station} but was uploaded by {station}",
    )
    CONFLICT = (
        "allowance.conflict",
        "總部已收到同一折讓編號（{allowance_id}）但內容不同；請聯絡總部",
        "HQ already holds allowance {allowance_id} with different content; contact HQ",
    )
    NUMBER_PREFIX = (
        "allowance.number_prefix",
        "折讓單號 {number} 須以收銀機代號 {station} 開頭",
        "Allowance number {number} must start with the station's id {station}",
    )
    NUMBER_TAKEN = (
        "allowance.number_taken",
        "折讓單號 {number} 在總部已屬於另一張折讓單",
        "Allowance number {number} already belongs to another allowance at HQ",
    )
    AMOUNTS = "allowance.amounts", "折讓金額不一致：{detail}", "The allowance's amounts do not add up: {detail}"
    HELD = (
        "allowance.held",
        "總部尚未收到原訂單 {order_id}（發票 {number}）：折讓單已保留，待原訂單上傳後再核對",
        "HQ does not hold the original order {order_id} (invoice {number}) yet: the allowance is kept and "
        "checked when the order arrives",
    )
    OTHER_STATION = (
        "allowance.other_station",
        "原訂單 {order_id} 不是收銀機 {station} 的訂單：不能在本機折讓",
        "The original order {order_id} is not station {station}'s: it cannot be returned here",
    )
    ORIGINAL_VOIDED = (
        "allowance.original_voided",
        "原發票 {number} 已作廢：作廢的發票不能再折讓",
        "The original invoice {number} is void: a voided invoice takes no allowance",
    )
    ORIGINAL_MISMATCH = (
        "allowance.original_mismatch",
        "原訂單 {order_id} 的發票是 {invoice}（{invoice_date}），不是折讓單上的 {number}（{date}）",
        "The original order {order_id} has invoice {invoice} ({invoice_date}), not {number} ({date}) as the "
        "allowance says",
    )
    MANUAL_UNMATCHED = (
        "allowance.manual_unmatched",
        "手開發票 {number}（{date}）與總部的原訂單 {order_id} 對不上（總部記錄為 {invoice}，{invoice_date}）："
        "請聯絡總部核對",
        "The hand-written invoice {number} ({date}) does not match the original order {order_id} at HQ "
        "(HQ has {invoice}, {invoice_date}): ask HQ to check it",
    )
    UNKNOWN_LINE = (
        "allowance.unknown_line",
        "原訂單沒有第 {position} 項商品 {sku}",
        "The original order has no line {position} with {sku}",
    )
    MORE_THAN_SOLD = (
        "allowance.more_than_sold",
        "第 {position} 項 {sku} 售出 {sold} 件、已退 {returned} 件，不能再退 {asked} 件",
        "Line {position} ({sku}): {sold} sold and {returned} returned already, so {asked} cannot be returned",
    )
    MORE_THAN_LINE = (
        "allowance.more_than_line",
        "第 {position} 項 {sku} 售價 {sold} 元、已折讓 {returned} 元，不能再折讓 {asked} 元",
        "Line {position} ({sku}) sold for NT${sold} with NT${returned} returned already: NT${asked} more cannot "
        "be returned",
    )
    REFUND_EXCEEDS_PAID = (
        "allowance.refund_exceeds_paid",
        "退款 {refund} 元超過原訂單實付 {paid} 元減已退 {refunded} 元",
        "A refund of NT${refund} is more than the NT${paid} paid less the NT${refunded} refunded already",
    )
    UNKNOWN = (
        "allowance.unknown",
        "總部沒有折讓單 {allowance_id}：請先上傳折讓單",
        "HQ has no allowance {allowance_id}: upload the allowance first",
    )
    NOT_IN_FORCE = (
        "allowance.not_in_force",
        "折讓單 {number} 目前為「{status}」，不能作廢",
        "Allowance {number} is {status}: it cannot be cancelled",
    )
    CANCEL_OTHER_PERIOD = (
        "allowance.cancel_other_period",
        "折讓單 {number} 屬於 {period} 期，不能在 {cancelled} 期作廢",
        "Allowance {number} belongs to period {period} and cannot be cancelled in period {cancelled}",
    )
    MANUAL_INVOICE = (
        "allowance.manual_invoice",
        "發票 {number} 是手開發票：手開發票的退貨請開立手寫折讓證明單並交總部，收銀機不能折讓",
        "Invoice {number} was written by hand: a return against a hand-written invoice takes a hand-written "
        "allowance slip sent to HQ, not one from the till",
    )
    NO_LINES = (
        "allowance.no_lines",
        "請選擇要退貨的商品及數量（至少 1 件）",
        "Choose the items and quantities to return (at least one)",
    )
    REFUND_MISMATCH = (
        "allowance.refund_mismatch",
        "退款合計 {refund} 元須等於折讓金額 {total} 元",
        "The refunds (NT${refund}) must add up to the allowance (NT${total})",
    )
    REASON_REQUIRED = (
        "allowance.reason_required",
        "請輸入退貨（折讓）原因",
        "Enter the reason for the return (allowance)",
    )
    NOT_HERE = "allowance.not_here", "本機沒有折讓單 {allowance_id}", "This station has no allowance {allowance_id}"
    ALREADY_CANCELLED = (
        "allowance.already_cancelled",
        "折讓單 {number} 已作廢",
        "Allowance {number} is cancelled already",
    )
    CANCEL_CONFLICT = (
        "allowance.cancel_conflict",
        "折讓單 {allowance_id} 已以不同內容作廢；請聯絡總部",
        "Allowance {allowance_id} was cancelled already with different content; contact HQ",
    )
    RETURN_VOIDED = (
        "return.voided",
        "訂單 {order_no}（發票 {number}）已作廢：不能再退貨",
        "Order {order_no} (invoice {number}) is void: nothing on it can be returned",
    )
    RETURN_PERIOD_OVER = (
        "return.period_over",
        "發票 {number} 屬於 {period} 期，現在是 {now} 期：不能作廢重開，請改開折讓證明單",
        "Invoice {number} belongs to period {period} and it is now {now}: it cannot be voided and reissued; "
        "issue an allowance instead",
    )
    RETURN_HAS_ALLOWANCES = (
        "return.has_allowances",
        "發票 {number} 已開立折讓證明單：這張發票的退貨請再開折讓，不能作廢重開",
        "Invoice {number} has an allowance against it: return more as another allowance, not by voiding and "
        "reissuing it",
    )
    RETURN_MANUAL_PARTIAL = (
        "return.manual_partial",
        "發票 {number} 是手開發票：部分退貨不能由收銀機重開，請整張作廢後手開新發票",
        "Invoice {number} was written by hand: the till cannot reissue it for a partial return; void it whole "
        "and write a new invoice by hand",
    )
    RETURN_REFUND_MISMATCH = (
        "return.refund_mismatch",
        "退款合計 {refund} 元須等於應退 {due} 元（實付 {paid} 元減留下的商品）",
        "The refunds (NT${refund}) must add up to NT${due} due back (NT${paid} paid less the items kept)",
    )
    RETURN_REASON_REQUIRED = (
        "return.reason_required",
        "請輸入退貨原因",
        "Enter the reason for the return",
    )
    PRINT_CANCELLED = (
        "allowance.print_cancelled",
        "折讓單 {number} 已作廢，不能再列印折讓證明單",
        "Allowance {number} is cancelled; its allowance slip cannot be printed again",
    )
    BEFORE_SALE = (
        "allowance.before_sale",
        "折讓時間 {at} 早於訂單 {order_no} 的銷售時間 {sold}：請檢查本機時鐘",
        "The allowance's time {at} is before order {order_no} was sold ({sold}): check this station's clock",
    )
    IN_FUTURE = (
        "allowance.in_future",
        "折讓時間 {at} 晚於現在 {now}：請檢查本機時鐘",
        "The allowance's time {at} is later than now ({now}): check this station's clock",
    )
