"""The station configuration file: what is missing, malformed or unsafe in it."""

from core.messages.code import MessageCode


class ConfigCode(MessageCode):
    """(code, Traditional Chinese, English); the code is stored and sent as it is."""

    MISSING = (
        "config.missing",
        "找不到設定檔 {path}（{origin_zh}）。請執行 cashier 以首次設定建立，或以 cashier config example > 設定檔 "
        "取得範例修改，並以 chmod 600 保護",
        "No config file at {path} ({origin_en}). Create one with the first-run setup (run `cashier`), "
        "or write one from the example (`cashier config example > FILE`) and protect it with chmod 600",
    )
    UNREADABLE = "config.unreadable", "無法讀取設定檔 {path}：{reason}", "Cannot read the config file {path}: {reason}"
    NOT_UTF8 = (
        "config.not_utf8",
        "設定檔 {path} 不是 UTF-8 文字（第 {position} 個位元組）；請用 UTF-8 編碼存檔",
        "The config file {path} is not UTF-8 text (byte {position}); save it as UTF-8",
    )
    SYNTAX = (
        "config.syntax",
        "設定檔 {path} 不是正確的 TOML：第 {line} 行第 {column} 欄：{detail}",
        "The config file {path} is not valid TOML: line {line}, column {column}: {detail}",
    )
    INVALID = (
        "config.invalid",
        "設定檔 {path} 有 {count} 個問題需要修正：",
        "The config file {path} has {count} problem(s) to fix:",
    )
    SECTION_UNKNOWN = (
        "config.section_unknown",
        "{where}：不認識的區段 [{section}]{hint_zh}",
        "{where}: unknown section [{section}]{hint_en}",
    )
    SECTION_TYPE = (
        "config.section_type",
        "{where}：{section} 應為區段（[{section}] 標題下接 key = value 各行）",
        "{where}: {section} must be a section (a [{section}] header followed by key = value lines)",
    )
    KEY_UNKNOWN = (
        "config.key_unknown",
        "{where}：不認識的設定項目 {key}{hint_zh}",
        "{where}: unknown key {key}{hint_en}",
    )
    KEY_MISSING = (
        "config.key_missing",
        "{where}：缺少 {key}，應為：{expected_zh}",
        "{where}: {key} is missing: expected {expected_en}",
    )
    TYPE = (
        "config.type",
        "{where}：{key} 的型別不對（目前是 {found_zh}），應為：{expected_zh}",
        "{where}: {key} has the wrong type ({found_en}): expected {expected_en}",
    )
    VALUE_INVALID = (
        "config.value_invalid",
        "{where}：{key} = {value} 不正確，應為：{expected_zh}",
        "{where}: {key} = {value} is invalid: expected {expected_en}",
    )
    SECRET_INVALID = (
        "config.secret_invalid",
        "{where}：{key} 不正確，應為：{expected_zh}（機密值不顯示）",
        "{where}: {key} is invalid: expected {expected_en} (the value is secret and not shown)",
    )
    AES_KEY_BOTH = (
        "config.aes_key_both",
        "{where}：seller.aes_key 與 seller.aes_key_file 只能擇一設定",
        "{where}: seller.aes_key and seller.aes_key_file are both set: expected exactly one of them",
    )
    AES_KEY_NONE = (
        "config.aes_key_none",
        "{where}：缺少發票 AES 金鑰，應設定 seller.aes_key（32 個十六進位字元）或 seller.aes_key_file（金鑰檔路徑）",
        "{where}: the invoice AES key is missing: expected seller.aes_key (32 hexadecimal characters) "
        "or seller.aes_key_file (the path of a file holding them)",
    )
    KEY_FILE_MISSING = (
        "config.key_file_missing",
        "{where}：seller.aes_key_file 指定的金鑰檔 {file} 不存在，應為存放 32 個十六進位字元金鑰的檔案",
        "{where}: seller.aes_key_file {file} does not exist: expected a file holding the 32-hex-character key",
    )
    KEY_FILE_UNREADABLE = (
        "config.key_file_unreadable",
        "{where}：無法讀取 seller.aes_key_file 指定的金鑰檔 {file}：{reason}",
        "{where}: cannot read seller.aes_key_file {file}: {reason}",
    )
    KEY_FILE_PERMISSIONS = (
        "config.key_file_permissions",
        "{where}：seller.aes_key_file 指定的金鑰檔 {file} 權限為 {mode}，其他使用者可讀寫；"
        "應只限擁有者存取：請執行 chmod 600 {file}",
        "{where}: seller.aes_key_file {file} has mode {mode}, open to other users: expected owner-only access; "
        "run chmod 600 {file}",
    )
    FILE_PERMISSIONS = (
        "config.file_permissions",
        "{where}：設定檔內含機密（{keys}），但權限為 {mode}，其他使用者可讀寫；"
        "應只限擁有者存取：請執行 chmod 600 {file}",
        "{where}: the config file holds secrets ({keys}) but has mode {mode}, open to other users: expected "
        "owner-only access; run chmod 600 {file}",
    )
    KEY_FILE_INVALID = (
        "config.key_file_invalid",
        "{where}：seller.aes_key_file 指定的金鑰檔 {file} 內容不正確，應為 32 個十六進位字元（機密值不顯示）",
        "{where}: the key in seller.aes_key_file {file} is malformed: expected 32 hexadecimal characters "
        "(the value is secret and not shown)",
    )
    WRITE_FAILED = (
        "config.write_failed",
        "無法寫入設定檔 {path}：{reason}",
        "Cannot write the config file {path}: {reason}",
    )
