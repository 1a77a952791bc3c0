"""MOF filing at HQ: the [mof] settings and the platform's number-range file."""

from core.messages.code import MessageCode


class MofCode(MessageCode):
    """(code, Traditional Chinese, English); the code is stored and sent as it is."""

    CONFIG_INVALID = (
        "mof.config_invalid",
        "設定 [mof] {key} 的值「{value}」不正確：應為{expected_zh}",
        "[mof] {key} = '{value}' is invalid: expected {expected_en}",
    )
    CONFIG_UNKNOWN = (
        "mof.config_unknown",
        "設定 [mof] 沒有 {key} 這個項目（可用：{known}）",
        "[mof] has no key {key} (known: {known})",
    )
    CONFIG_UNREADABLE = (
        "mof.config_unreadable",
        "無法讀取設定檔 {path}：{reason}",
        "Cannot read the config file {path}: {reason}",
    )
    NO_TURNKEY_DIR = (
        "mof.no_turnkey_dir",
        "沒有設定 Turnkey 目錄：請用 --out DIR 或在設定檔 [mof] turnkey_dir 指定",
        "No Turnkey folder: give --out DIR or set [mof] turnkey_dir in the config",
    )
    RANGES_UNREADABLE = (
        "ranges.unreadable",
        "無法讀取字軌檔 {path}：{reason}",
        "Cannot read the number-range file {path}: {reason}",
    )
    RANGES_LINE_INVALID = (
        "ranges.line_invalid",
        "字軌檔第 {line} 行無法使用：{detail}",
        "Number-range file line {line} cannot be used: {detail}",
    )
    RANGES_FOREIGN_BAN = (
        "ranges.foreign_ban",
        "字軌檔第 {line} 行屬於統一編號 {ban}，不是本店的 {seller}",
        "Number-range file line {line} belongs to business number {ban}, not this seller's {seller}",
    )
    RANGES_OVERLAP = (
        "ranges.overlap",
        "字軌檔第 {line} 行的 {track}{start:08d}-{track}{end:08d} 與已匯入的字軌重疊",
        "Number-range file line {line}: {track}{start:08d}-{track}{end:08d} overlaps a range already imported",
    )
    RANGES_NOT_BOOKLETS = (
        "ranges.not_booklets",
        "字軌檔第 {line} 行的 {track}{start:08d}-{track}{end:08d} 不是整本（每本 50 號，起號 00/50 結尾 49/99）",
        "Number-range file line {line}: {track}{start:08d}-{track}{end:08d} is not whole booklets of 50 "
        "(starting at 00/50, ending at 49/99)",
    )
