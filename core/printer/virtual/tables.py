"""ESC/POS command shapes as a printer reads them (from the Epson-compatible command manuals).

Kept independent of core.printer.encoder: nothing here is imported from it.
Each entry: prefix bytes -> (name, shape). Shapes:
  int n        n parameter bytes follow
  "nul"        parameter bytes up to and including a NUL
  "gs_k"       barcode: m < 0x41 -> NUL-terminated data, else one length byte then data
  "len16"      a function letter, pL pH, then that many bytes (GS ( k …, FS ( …)
  "raster"     GS v 0: m xL xH yL yH then x*y bytes
  "cut"        GS V: m, plus one more byte when m is 65/66/97/98/103/104
"""

from __future__ import annotations

Shape = int | str

ESC, FS, GS, DLE = b"\x1b", b"\x1c", b"\x1d", b"\x10"

SINGLE_BYTES: dict[int, str] = {
    0x09: "tab",
    0x0A: "line_feed",
    0x0C: "form_feed",
    0x0D: "carriage_return",
    0x18: "cancel_page",
}

COMMANDS: dict[bytes, tuple[str, Shape]] = {
    # ESC
    ESC + b"@": ("initialize", 0),
    ESC + b"t": ("code_table", 1),
    ESC + b"!": ("print_mode", 1),
    ESC + b"E": ("emphasis", 1),
    ESC + b"G": ("double_strike", 1),
    ESC + b"-": ("underline", 1),
    ESC + b"a": ("justify", 1),
    ESC + b"d": ("print_feed_lines", 1),
    ESC + b"J": ("print_feed_dots", 1),
    ESC + b"2": ("default_spacing", 0),
    ESC + b"3": ("set_spacing", 1),
    ESC + b"M": ("font", 1),
    ESC + b"p": ("pulse", 3),
    ESC + b"L": ("page_mode", 0),
    ESC + b"S": ("standard_mode", 0),
    ESC + b"W": ("page_area", 8),
    ESC + b"T": ("page_direction", 1),
    ESC + b"$": ("absolute_x", 2),
    ESC + b"\\": ("relative_x", 2),
    ESC + b"i": ("legacy_partial_cut", 0),
    ESC + b"m": ("legacy_full_cut", 0),
    ESC + b"{": ("upside_down", 1),
    ESC + b"V": ("rotate", 1),
    ESC + b"R": ("international_set", 1),
    ESC + b" ": ("right_spacing", 1),
    ESC + b"\x0c": ("page_print_stay", 0),
    # FS (Kanji / Chinese)
    FS + b"&": ("kanji_on", 0),
    FS + b".": ("kanji_off", 0),
    FS + b"!": ("kanji_mode", 1),
    FS + b"-": ("kanji_underline", 1),
    FS + b"W": ("kanji_quadruple", 1),
    FS + b"C": ("kanji_code_system", 1),
    FS + b"(": ("fs_function", "len16"),
    # GS
    GS + b"!": ("char_size", 1),
    GS + b"V": ("paper_cut", "cut"),
    GS + b"h": ("bar_height", 1),
    GS + b"w": ("bar_width", 1),
    GS + b"H": ("hri_position", 1),
    GS + b"f": ("hri_font", 1),
    GS + b"k": ("bar_print", "gs_k"),
    GS + b"(": ("gs_function", "len16"),
    GS + b"v0": ("raster_image", "raster"),
    GS + b"r": ("transmit_status", 1),
    GS + b"a": ("auto_status", 1),
    GS + b"B": ("reverse", 1),
    GS + b"L": ("left_margin", 2),
    GS + b"W": ("area_width", 2),
    GS + b"$": ("absolute_y", 2),
    GS + b"I": ("printer_id", 1),
    # DLE real-time
    DLE + b"\x04": ("status_request", 1),
    DLE + b"\x05": ("recover_request", 1),
    DLE + b"\x14": ("realtime_pulse", 3),
}

# GS ( <letter>: the letter after '(' names a family; QR is family 'k' with cn = 49 ('1').
QR_FUNCTIONS: dict[int, str] = {
    0x41: "qr_model",
    0x43: "qr_module_size",
    0x45: "qr_error_level",
    0x50: "qr_store",
    0x51: "qr_print",
    0x52: "qr_size_info",
}

# The prefix bytes a longest-match lookup must try, longest first.
PREFIX_LENGTHS = sorted({len(prefix) for prefix in COMMANDS}, reverse=True)

CUT_WITH_FEED = {65, 66, 97, 98, 103, 104}

# Status bytes, by query n: bit meanings used to answer DLE EOT n.
STATUS_FIXED = 0x12  # bits 1 and 4 always set, 0 and 7 always clear
EOT1_DRAWER_PIN3 = 0x04  # drawer kick-out connector pin 3 high
EOT1_OFFLINE = 0x08
EOT2_COVER_OPEN = 0x04
EOT2_PAPER_STOP = 0x20
EOT2_ERROR = 0x40
EOT3_CUTTER = 0x08
EOT3_UNRECOVERABLE = 0x20
EOT3_AUTO_RECOVERABLE = 0x40
EOT4_NEAR_END = 0x0C
EOT4_PAPER_END = 0x60
GS_R_NEAR_END = 0x03
GS_R_PAPER_END = 0x0C

# Code 39 as a printer draws it: 9 elements (bar, space, bar …), 1 = wide.
CODE39_ELEMENTS: dict[str, str] = {
    "0": "000110100", "1": "100100001", "2": "001100001", "3": "101100000", "4": "000110001",
    "5": "100110000", "6": "001110000", "7": "000100101", "8": "100100100", "9": "001100100",
    "A": "100001001", "B": "001001001", "C": "101001000", "D": "000011001", "E": "100011000",
    "F": "001011000", "G": "000001101", "H": "100001100", "I": "001001100", "J": "000011100",
    "K": "100000011", "L": "001000011", "M": "101000010", "N": "000010011", "O": "100010010",
    "P": "001010010", "Q": "000000111", "R": "100000110", "S": "001000110", "T": "000010110",
    "U": "110000001", "V": "011000001", "W": "111000000", "X": "010010001", "Y": "110010000",
    "Z": "011010000", "-": "010000101", ".": "110000100", " ": "011000100", "$": "010101000",
    "/": "010100010", "+": "010001010", "%": "000101010", "*": "010010100",
}

# GS w n -> (narrow, wide) dots at 203 dpi; n = 1 is what 57 mm e-invoice paper needs.
BAR_WIDTHS: dict[int, tuple[int, int]] = {1: (1, 3), 2: (2, 5), 3: (3, 8), 4: (4, 10), 5: (5, 13), 6: (6, 15)}
