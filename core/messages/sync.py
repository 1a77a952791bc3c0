"""Talking to HQ: transport failures, and the reasons HQ gives when it refuses an upload."""

from core.messages.code import MessageCode


class SyncCode(MessageCode):
    """(code, Traditional Chinese, English); the code is stored and sent as it is."""

    # An upload's state, as the seed's upload records screen names it (core.store.outbox.UploadState).
    UPLOAD_STATE_WAITING = "upload_state.waiting", "等待中", "waiting"
    UPLOAD_STATE_UPLOADING = "upload_state.uploading", "上傳中", "uploading"
    UPLOAD_STATE_SUCCESS = "upload_state.success", "成功", "success"
    UPLOAD_STATE_FAILED = "upload_state.failed", "失敗，將重試", "failed, will retry"
    UPLOAD_STATE_ATTENTION = "upload_state.attention", "需要處理", "needs attention"

    UNREACHABLE = (
        "hq.unreachable",
        "無法連線到總部：{detail}（離線銷售不受影響，恢復連線後自動上傳）",
        "Cannot reach HQ: {detail} (selling continues offline; uploads resume when it is back)",
    )
    TIMEOUT = (
        "hq.timeout",
        "總部沒有在 {seconds} 秒內回應，稍後自動重試",
        "HQ did not answer within {seconds} s; retrying later",
    )
    AUTH = (
        "hq.auth",
        "總部拒絕本機的授權（權杖錯誤或已停用）：已暫停上傳，資料都保留在本機；請檢查設定 [hq] token",
        "HQ refused this station's credentials (wrong or revoked token): uploads are paused and nothing is "
        "lost; check [hq] token in the configuration",
    )
    FORBIDDEN = "hq.forbidden", "此權杖沒有權限執行這個動作", "This token is not allowed to do that"
    SERVER_ERROR = (
        "hq.server_error",
        "總部發生錯誤（HTTP {status}），稍後自動重試",
        "HQ failed (HTTP {status}); retrying later",
    )
    BUSY = "hq.busy", "總部忙碌中，稍後自動重試", "HQ is busy; retrying later"
    BAD_REPLY = "hq.bad_reply", "總部的回應格式不正確：{detail}", "HQ sent a reply this station cannot read: {detail}"
    REJECTED = (
        "hq.rejected",
        "總部拒絕請求（HTTP {status}）：{detail}",
        "HQ refused the request (HTTP {status}): {detail}",
    )
    NOT_FOUND = "hq.not_found", "總部找不到：{detail}", "HQ has no such thing: {detail}"
    UPLOAD_INTERRUPTED = (
        "hq.upload_interrupted",
        "上傳中斷（收銀程式曾經關閉），將自動重試",
        "The upload was interrupted (the station stopped); it will be retried",
    )
    ORDER_INVALID_PAYLOAD = (
        "order.invalid_payload",
        "訂單資料不符合總部的格式：{detail}",
        "The order does not match HQ's format: {detail}",
    )
    ORDER_STATION_MISMATCH = (
        "order.station_mismatch",
        "訂單屬於收銀機 {order_station}，但上傳者是 {station}",
        "The order belongs to station {order_station} but was uploaded by {station}",
    )
    ORDER_CONFLICT = (
        "order.conflict",
        "總部已收到同一訂單編號（{order_id}）但內容不同；請聯絡總部",
        "HQ already holds order {order_id} with different content; contact HQ",
    )
    ORDER_NUMBER_TAKEN = (
        "order.number_taken",
        "訂單號碼 {order_no} 在總部已屬於另一筆訂單",
        "Order number {order_no} already belongs to another order at HQ",
    )
    ORDER_TOTAL_MISMATCH = (
        "order.total_mismatch",
        "訂單金額不一致：{detail}",
        "The order's amounts do not add up: {detail}",
    )
    ORDER_PAYMENT_MISMATCH = (
        "order.payment_mismatch",
        "付款金額 {paid} 元與訂單總額 {total} 元不符",
        "Payments of NT${paid} do not match the order total of NT${total}",
    )
    INVOICE_NUMBER_TAKEN = (
        "invoice.number_taken",
        "發票號碼 {number}（{period}）在總部已屬於另一筆訂單",
        "Invoice number {number} ({period}) already belongs to another order at HQ",
    )
    INVOICE_PERIOD_MISMATCH = (
        "invoice.period_mismatch",
        "發票期別 {period_code} 與開立時間 {issued_at} 不符",
        "Invoice period {period_code} does not match its issue time {issued_at}",
    )
    BOOKLET_NONE_AVAILABLE = (
        "booklet.none_available",
        "總部沒有 {period} 可配發的發票號碼，請總部匯入字軌",
        "HQ has no invoice numbers left to hand out for {period}; HQ must import a range",
    )
    BOOKLET_RANGE_OVERLAP = (
        "booklet.range_overlap",
        "字軌 {track} {start}–{end}（{period}）與已匯入的範圍重疊",
        "Range {track} {start}-{end} ({period}) overlaps a range already imported",
    )
    CURSOR_INVALID = "cursor.invalid", "同步游標「{value}」不正確", "Sync cursor '{value}' is invalid"
    INVOICE_NOT_ALLOCATED = (
        "invoice.not_allocated",
        "發票號碼 {number}（{period}）不是總部配發給收銀機 {station} 的號碼：總部沒有收下這筆訂單，"
        "這個號碼仍屬於原本配發的收銀機；請聯絡總部確認本機的字軌",
        "Invoice number {number} ({period}) is not one HQ allocated to station {station}: HQ did not take this "
        "order, and the number stays with the station it belongs to; ask HQ to check this station's booklets",
    )
    BOOKLET_TOO_MANY_UNUSED = (
        "booklet.too_many_unused",
        "收銀機 {station} 在 {period} 已有 {unused} 本尚未使用的字軌（上限 {limit} 本）：請先用完再領取新字軌",
        "Station {station} already holds {unused} unused booklet(s) for {period} (at most {limit}): use them "
        "before asking for more",
    )
    INVOICE_TAX_MISMATCH = (
        "invoice.tax_mismatch",
        "發票稅額不正確：總額 {total} 元應為銷售額 {expected_sales} 元加稅額 {expected_tax} 元，"
        "收到的是 {sales} 加 {tax}",
        "The invoice's tax is wrong: a total of NT${total} is NT${expected_sales} sales plus NT${expected_tax} "
        "tax, not {sales} plus {tax}",
    )
    ORDER_CHANGE_MISMATCH = (
        "order.change_mismatch",
        "第 {payment} 筆付款的找零 {change} 元不等於收款 {tendered} 元減應付 {amount} 元",
        "Payment {payment}: change of NT${change} is not NT${tendered} tendered minus NT${amount}",
    )
    REQUEST_TOO_LARGE = (
        "request.too_large",
        "送到總部的資料太大（上限 {limit} 位元組）",
        "The request sent to HQ is too large (at most {limit} bytes)",
    )
    REQUEST_INVALID_JSON = (
        "request.invalid_json",
        "送到總部的資料不是可讀的 JSON：{detail}",
        "The request sent to HQ is not JSON it can read: {detail}",
    )
    REVOKED = (
        "hq.revoked",
        "總部已撤銷本機（{station}）的權杖：已暫停上傳，所有資料都保留在本機；請向總部取得新權杖，"
        "填入設定 [hq] token",
        "HQ has revoked this station's ({station}) token: uploads are paused and nothing is lost; get a new "
        "token from HQ and put it in [hq] token",
    )
    TLS = (
        "hq.tls",
        "無法驗證總部的憑證（{detail}）：請檢查設定 [hq] url 與 [hq] ca_file",
        "HQ's certificate could not be verified ({detail}): check [hq] url and [hq] ca_file",
    )
    STATION_IS_ADMIN = (
        "station.is_admin",
        "{station} 是總部後台的帳號，不能當作收銀機使用或修改",
        "{station} is the back office's account: it cannot be made or changed as a station",
    )
    STATION_UNKNOWN = "station.unknown", "總部沒有收銀機 {station}", "HQ has no station {station}"
    VOID_CLOCK_AHEAD = (
        "void.clock_ahead",
        "作廢時間 {voided_at} 比總部收到的時間 {received_at} 晚了超過 {seconds} 秒：請校正收銀機的系統時間",
        "The void's time {voided_at} is more than {seconds} s after HQ received it ({received_at}): set the "
        "station's clock",
    )
    VOID_TOO_OLD = (
        "void.too_old",
        "作廢時間 {voided_at} 比總部收到的時間 {received_at} 早了超過 {hours} 小時：請聯絡總部處理",
        "The void's time {voided_at} is more than {hours} h before HQ received it ({received_at}): contact HQ",
    )
    VOID_BEFORE_SALE = (
        "void.before_sale",
        "作廢時間 {voided_at} 早於發票 {number} 的開立時間 {issued_at}：請校正收銀機的系統時間",
        "The void's time {voided_at} is before invoice {number} was issued ({issued_at}): set the station's clock",
    )
