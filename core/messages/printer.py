"""The receipt printer: its configuration, its connection, its reported state and the guidance."""

from core.messages.code import MessageCode


class PrinterCode(MessageCode):
    """(code, Traditional Chinese, English); the code is stored and sent as it is."""

    CONFIG_INVALID = (
        "printer.config_invalid",
        "印表機設定 {key} 的值「{value}」不正確：應為 {expected}",
        "Printer setting {key} = '{value}' is invalid: expected {expected}",
    )
    URL_INVALID = (
        "printer.url_invalid",
        "印表機位址「{value}」不正確：應為裝置路徑、socket://主機:埠、rfc2217://、loop:// 或 emulator",
        "Printer address '{value}' is invalid: a device path, socket://host:port, rfc2217://, loop:// or emulator",
    )
    NO_DEVICE = (
        "printer.no_device",
        "找不到印表機 {port}：請確認 USB 線已插好、發票機電源已開啟",
        "No printer at {port}: check that the USB cable is plugged in and the printer is switched on",
    )
    PERMISSION = (
        "printer.permission",
        "沒有權限開啟 {port}：使用者 {user} 不在 dialout 群組",
        "Permission denied opening {port}: user {user} is not in the dialout group",
    )
    BUSY = "printer.busy", "{port} 正被其他程式使用中", "{port} is in use by another program"
    UNREACHABLE = (
        "printer.unreachable",
        "連不上網路印表機 {port}：請確認印表機電源、網路線與位址",
        "Cannot reach the network printer {port}: check its power, cable and address",
    )
    OPEN_FAILED = "printer.open_failed", "無法開啟印表機 {port}：{detail}", "Cannot open the printer {port}: {detail}"
    WRITE_TIMEOUT = (
        "printer.write_timeout",
        "傳送資料到印表機 {port} 逾時：印表機沒有接收資料（可能離線、機蓋打開或連線中斷）",
        "Sending to the printer {port} timed out: it stopped taking data (offline, cover open or link lost)",
    )
    DISCONNECTED = "printer.disconnected", "與印表機 {port} 的連線中斷", "The connection to the printer {port} was lost"
    NOT_CONFIRMED = (
        "printer.not_confirmed",
        "印表機沒有確認列印完成（{seconds} 秒內沒有回應），可能只印出一部分",
        "The printer did not confirm the job within {seconds} s; it may have printed only part of it",
    )
    CANNOT_PRINT = "printer.cannot_print", "印表機無法列印：{zh}", "The printer cannot print: {en}"
    XONXOFF_RASTER = (
        "printer.xonxoff_raster",
        "XON/XOFF 流量控制不能傳送圖像資料：請改用 RTS/CTS，或使用頁面模式的 QR 碼",
        "XON/XOFF flow control cannot carry image data: use RTS/CTS, or page-mode QR codes",
    )
    DOCUMENT_INVALID = (
        "printer.document_invalid",
        "無法排版列印內容：{detail}",
        "The document cannot be laid out: {detail}",
    )
    TEXT_REPLACED = (
        "printer.text_replaced",
        "「{chars}」不在 Big5 字集中，已印成 □",
        "'{chars}' is not in Big5 and was printed as □",
    )
    STATE_READY = "printer.state.ready", "印表機正常，可以列印", "ready to print"
    STATE_NO_REPLY = (
        "printer.state.no_reply",
        "印表機沒有回應狀態查詢（離線或狀態不明）",
        "no reply to the status query (offline or unknown)",
    )
    STATE_PARTIAL_REPLY = (
        "printer.state.partial_reply",
        "印表機狀態回應不完整（狀態不明）",
        "incomplete status reply (unknown)",
    )
    STATE_OFFLINE = "printer.state.offline", "印表機離線", "offline"
    STATE_COVER_OPEN = "printer.state.cover_open", "機蓋打開", "cover open"
    STATE_PAPER_NEAR_END = "printer.state.paper_near_end", "紙捲快用完", "paper near end"
    STATE_PAPER_END = "printer.state.paper_end", "沒有紙了", "paper end"
    STATE_CUTTER_ERROR = "printer.state.cutter_error", "切刀錯誤", "cutter error"
    STATE_UNRECOVERABLE = "printer.state.unrecoverable", "無法自動恢復的錯誤", "unrecoverable error"
    STATE_AUTO_RECOVERABLE = (
        "printer.state.auto_recoverable",
        "可自動恢復的錯誤（例如印字頭過熱）",
        "auto-recoverable error (e.g. print head too hot)",
    )
    STATE_FEED_BUTTON = "printer.state.feed_button", "正在以進紙鍵送紙", "paper being fed by the FEED button"
    REPORT_SUMMARY = (
        "printer.report.summary",
        "已註冊的裝置 {devices} 台，{issues} 個問題待修正",
        "registered devices {devices}, {issues} issues to fix",
    )
    ISSUE_NO_DEVICE = "printer.issue.no_device", "沒有偵測到任何 USB 序列埠印表機", "No USB serial printer was detected"
    ISSUE_USB_WITHOUT_PORT = (
        "printer.issue.usb_without_port",
        "偵測到 {product}（USB {vid}:{pid}），但系統沒有建立它的序列埠",
        "{product} (USB {vid}:{pid}) is connected but no serial port was created for it",
    )
    ISSUE_DRIVER_MISSING = (
        "printer.issue.driver_missing",
        "USB 序列埠驅動程式（cdc_acm）沒有載入",
        "The USB serial driver (cdc_acm) is not loaded",
    )
    ISSUE_UNSTABLE_PATH = (
        "printer.issue.unstable_path",
        "設定使用 {port}，重新插拔後編號可能改變",
        "The configuration uses {port}, whose number can change after a replug",
    )
    GUIDE_POWER_CABLE = (
        "printer.guide.power_cable",
        "確認發票機電源已開啟、USB 線兩端都插好，然後重新插拔 USB 線",
        "Check the printer is switched on and both ends of the USB cable are in, then replug the cable",
    )
    GUIDE_PP8800_DIP = (
        "printer.guide.pp8800_dip",
        "PP-8800：把機器底部的 DIP 開關 1、2、4、6 都切到 ON，然後關機再開機",
        "PP-8800: set DIP switches 1, 2, 4 and 6 (under the printer) to ON, then power-cycle it",
    )
    GUIDE_PP8802_UTILITY = (
        "printer.guide.pp8802_utility",
        "PP-8802 沒有實體開關：請用原廠設定工具檢查並調整介面設定",
        "PP-8802 has no switches: check and set its interface with the vendor's utility",
    )
    GUIDE_DRIVER = (
        "printer.guide.driver",
        "載入 USB 序列埠驅動程式：sudo modprobe cdc_acm，然後重新插拔 USB 線",
        "Load the USB serial driver: sudo modprobe cdc_acm, then replug the USB cable",
    )
    GUIDE_DIALOUT = (
        "printer.guide.dialout",
        "把使用者加入 dialout 群組：sudo usermod -aG dialout {user}，然後登出再登入",
        "Add the user to the dialout group: sudo usermod -aG dialout {user}, then log out and in again",
    )
    GUIDE_BUSY = (
        "printer.guide.busy",
        "關閉其他正在使用 {port} 的程式（另一個收銀程式或序列埠監看工具）",
        "Close the other program using {port} (another cashier program or a serial monitor)",
    )
    GUIDE_BY_ID = "printer.guide.by_id", "請在設定中改用 {stable}", "Use {stable} in the configuration instead"
    GUIDE_LINK_RESET = (
        "printer.guide.link_reset",
        "收銀機與發票機連線失敗：請重新插拔 USB 線，在收銀機上重設印表機連線，仍不行就重新啟動收銀機與發票機",
        "The station-printer link failed: replug the USB cable, reset the printer connection from the "
        "station, and if it still fails restart the devices",
    )
    GUIDE_LOAD_PAPER = (
        "printer.guide.load_paper",
        "裝入新的紙捲（熱感面朝印字頭）並蓋好機蓋",
        "Load a new paper roll (thermal side towards the head) and close the cover",
    )
    GUIDE_CLOSE_COVER = "printer.guide.close_cover", "把機蓋確實蓋好（聽到卡住聲）", "Close the cover until it clicks"
    GUIDE_NEAR_END = (
        "printer.guide.near_end",
        "紙捲快用完了，請準備新紙捲",
        "The paper roll is nearly used up: have a new one ready",
    )
    GUIDE_CUTTER = (
        "printer.guide.cutter",
        "切刀卡住：打開機蓋清除卡紙後再蓋上",
        "The cutter is jammed: open the cover, clear the paper, close it",
    )
    GUIDE_POWER_CYCLE = (
        "printer.guide.power_cycle",
        "關閉發票機電源再打開；仍無法列印請聯絡維修",
        "Switch the printer off and on again; call service if it still cannot print",
    )
    GUIDE_WAIT_COOL = (
        "printer.guide.wait_cool",
        "印字頭過熱：稍等一下會自動恢復",
        "The print head is too hot: it recovers by itself after a short wait",
    )
    GUIDE_BLANK_PRINT = (
        "printer.guide.blank_print",
        "印出來是空白的：通常是紙捲放反了，請把紙捲翻面（熱感面朝印字頭）再放入",
        "Blank prints: the paper roll is in backwards; turn it over so the thermal side faces the head",
    )
    GUIDE_NOISE = (
        "printer.guide.noise",
        "發票機出現異音：發票紙沒有放整齊，請重新擺好紙捲並蓋上機蓋",
        "A grinding noise: the paper is not seated; reseat the roll and close the cover",
    )
    QR_NATIVE_UNEQUAL = (
        "printer.qr_native_unequal",
        "印表機的 QR 指令不能指定版本，這張證明聯的兩個 QR 碼無法以原生指令印成相同大小；"
        "XON/XOFF 連線又不能改印圖像：請改用 RTS/CTS 流量控制",
        "The printer's QR command cannot set a version, so this proof copy's two QR codes cannot print natively "
        "at the same size, and an XON/XOFF link cannot carry them as an image: use RTS/CTS flow control",
    )
    NOT_CONFIGURED = "printer.not_configured", "本機沒有設定印表機", "No printer is configured at this station"
    DRAWER_UNAVAILABLE = (
        "drawer.unavailable",
        "無法開錢箱：本機沒有印表機，或設定 [printer] drawer = false",
        "Cannot open the drawer: no printer here, or [printer] drawer = false",
    )
    GUIDE_NETWORK = (
        "printer.guide.network",
        "網路印表機 {port}：確認印表機已開機、網路線兩端插好且燈號有亮，設定的位址與埠（通常是 9100）和印表機上的"
        "設定一致，收銀機與印表機在同一個區域網路；然後在收銀機上重設印表機連線",
        "Network printer {port}: check it is switched on, its LAN cable is in at both ends with the link light on, "
        "the address and port (usually 9100) match the printer's own settings, and the station is on the same "
        "network; then reset the printer connection from the station",
    )
    URL_FORM = (
        "printer.url_form",
        "印表機位址「{value}」不正確：網路印表機要寫成 socket://位址:埠 或 rfc2217://位址:埠"
        "（例如 socket://192.168.1.50:9100）；USB 印表機寫裝置路徑（例如 /dev/serial/by-id/…）",
        "Printer address '{value}' is invalid: a network printer is socket://host:port or rfc2217://host:port "
        "(e.g. socket://192.168.1.50:9100); a USB printer is its device path (e.g. /dev/serial/by-id/…)",
    )
    REPORT_SUMMARY_ONE = (
        "printer.report.summary_one",
        "已註冊的裝置 {devices} 台，1 個問題待修正",
        "registered devices {devices}, 1 issue to fix",
    )
