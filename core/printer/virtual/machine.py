"""The print mechanism: applies decoded commands to a printer state and lays dots onto paper.

It knows geometry (which dot goes where) but not pixels of glyphs: text is kept as runs with their
boxes, pictures as bitmaps; the renderer turns a finished piece into PNG and text.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from core.printer.bitmap import Bitmap
from core.printer.virtual.decoder import Command
from core.printer.virtual.tables import BAR_WIDTHS, CODE39_ELEMENTS, QR_FUNCTIONS

ANK_CELL = (12, 24)
ANK_CELL_B = (9, 17)
KANJI_CELL = (24, 24)
DEFAULT_SPACING = 30
STATUS_COMMANDS = {"status_request", "recover_request", "transmit_status", "auto_status", "realtime_pulse"}
NOT_PAPER = STATUS_COMMANDS | {"pulse"}  # a drawer kick puts nothing on the piece it falls into


@dataclass
class TextRun:
    x: int
    y: int
    width: int
    height: int
    text: str
    scale_w: int
    scale_h: int
    bold: bool
    kanji_cells: tuple[bool, ...] = ()


@dataclass
class Picture:
    x: int
    y: int
    bitmap: Bitmap
    label: str
    kind: str  # "raster", "barcode", "qr"


Element = TextRun | Picture


@dataclass(frozen=True)
class Kick:
    """One ESC p the printer carried out: the connector pin it drove, on and off times in milliseconds."""

    pin: int
    on_ms: int
    off_ms: int


@dataclass
class Piece:
    """One piece of paper between two cuts (or torn off when the link went away)."""

    number: int
    width: int
    height: int
    elements: list[Element]
    raw: bytes
    cut: bool = True
    unknown: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


@dataclass
class _Char:
    text: str
    width: int
    height: int
    scale_w: int
    scale_h: int
    bold: bool
    kanji: bool


class Machine:
    def __init__(self, dots_per_line: int = 384) -> None:
        self.dots = dots_per_line
        self.pieces: list[Piece] = []
        self.drawer_kicks: list[Kick] = []
        self.unknown: list[str] = []
        self._piece_number = 0
        self._new_paper()
        self._reset_modes()

    # -- state ---------------------------------------------------------------------------------
    def _reset_modes(self) -> None:
        self.align = 0
        self.bold = False
        self.size = (1, 1)
        self.ank_double = (1, 1)
        self.font_b = False
        self.kanji = False
        self.kanji_double = (1, 1)
        self.spacing = DEFAULT_SPACING
        self.bar_height = 162
        self.bar_width = 3
        self.hri = 0
        self.qr_module = 3
        self.qr_ecc = "L"
        self.qr_data = b""
        self.page: dict[str, int] | None = None
        self.page_elements: list[Element] = []
        self.page_x = 0
        self.page_y = 0
        self._line: list[_Char] = []
        self._lead: int | None = None

    def _new_paper(self) -> None:
        self.cursor = 0
        self.elements: list[Element] = []
        self.raw = bytearray()
        self.piece_unknown: list[str] = []
        self.piece_notes: list[str] = []

    @property
    def blank(self) -> bool:
        return not self.elements and not self._line

    # -- commands ------------------------------------------------------------------------------
    def apply(self, command: Command) -> bytes:
        """Carry out one command; returns any in-order reply (GS r) for the host."""
        if command.name not in NOT_PAPER:
            self.raw += command.raw
        handler = getattr(self, "_do_" + command.name, None)
        if handler is None:
            label = f"{command.name} {command.raw[:4].hex(' ')}"
            self.unknown.append(label)
            self.piece_unknown.append(label)
            return b""
        reply = handler(command.params)
        return reply or b""

    def _do_text(self, data: bytes) -> None:
        for byte in data:
            if self._lead is not None:
                pair = bytes((self._lead, byte))
                self._lead = None
                self._put(pair.decode("cp950", errors="replace"), kanji=True)
            elif self.kanji and byte >= 0x81:
                self._lead = byte
            else:
                self._put(bytes((byte,)).decode("latin-1"), kanji=False)

    def _put(self, text: str, *, kanji: bool) -> None:
        if kanji:
            sw, sh = self.size[0] * self.kanji_double[0], self.size[1] * self.kanji_double[1]
            cell = KANJI_CELL
        else:
            sw, sh = max(self.size[0], self.ank_double[0]), max(self.size[1], self.ank_double[1])
            cell = ANK_CELL_B if self.font_b else ANK_CELL
        char = _Char(text, cell[0] * sw, cell[1] * sh, sw, sh, self.bold, kanji)
        if self.page is None and sum(c.width for c in self._line) + char.width > self.dots:
            self._print_line()  # automatic wrap, as the printer does at the end of the print area
        self._line.append(char)

    def _line_origin(self, width: int) -> int:
        free = max(0, self.dots - width)
        return {0: 0, 1: free // 2, 2: free}.get(self.align, 0)

    def _print_line(self, advance: int | None = None) -> None:
        line, self._line = self._line, []
        if self.page is not None:
            self._page_text(line)
            return
        tallest = max((c.height for c in line), default=24)
        x = self._line_origin(sum(c.width for c in line))
        for run in _runs(line):
            width = sum(c.width for c in run)
            first = run[0]
            self.elements.append(TextRun(
                x, self.cursor + tallest - first.height, width, first.height, "".join(c.text for c in run),
                first.scale_w, first.scale_h, first.bold, tuple(c.kanji for c in run)))
            x += width
        self.cursor += advance if advance is not None else max(self.spacing, tallest)

    def _page_text(self, line: list[_Char]) -> None:
        x = self.page_x
        for run in _runs(line):
            width = sum(c.width for c in run)
            first = run[0]
            self.page_elements.append(TextRun(
                x, self.page_y - first.height, width, first.height, "".join(c.text for c in run),
                first.scale_w, first.scale_h, first.bold, tuple(c.kanji for c in run)))
            x += width
        self.page_x = x

    def _do_line_feed(self, _: bytes) -> None:
        if self.page is not None:
            self._page_text(self._line)
            self._line = []
            self.page_x = 0
            self.page_y += self.spacing
            return
        self._print_line()

    def _do_carriage_return(self, _: bytes) -> None:
        return None

    def _do_tab(self, _: bytes) -> None:
        self._put(" ", kanji=False)

    def _do_initialize(self, _: bytes) -> None:
        self._reset_modes()

    def _do_code_table(self, _: bytes) -> None:
        return None

    def _do_print_mode(self, p: bytes) -> None:
        self.font_b = bool(p[0] & 0x01)
        self.bold = bool(p[0] & 0x08)
        self.ank_double = (2 if p[0] & 0x20 else 1, 2 if p[0] & 0x10 else 1)

    def _do_emphasis(self, p: bytes) -> None:
        self.bold = bool(p[0] & 1)

    def _do_double_strike(self, p: bytes) -> None:
        self.bold = bool(p[0] & 1)

    def _do_underline(self, _: bytes) -> None:
        return None

    def _do_justify(self, p: bytes) -> None:
        self.align = {0: 0, 1: 1, 2: 2, 48: 0, 49: 1, 50: 2}.get(p[0], 0)

    def _do_print_feed_lines(self, p: bytes) -> None:
        if self._line:
            self._print_line()
        self.cursor += p[0] * self.spacing

    def _do_print_feed_dots(self, p: bytes) -> None:
        if self._line:
            self._print_line(advance=p[0])
        else:
            self.cursor += p[0]

    def _do_default_spacing(self, _: bytes) -> None:
        self.spacing = DEFAULT_SPACING

    def _do_set_spacing(self, p: bytes) -> None:
        self.spacing = p[0]

    def _do_font(self, p: bytes) -> None:
        self.font_b = p[0] in (1, 49)

    def _do_pulse(self, p: bytes) -> None:
        if p[0] not in (0, 1, 48, 49):
            self._note(f"drawer kick with m={p[0]} ignored (0/48 pin 2, 1/49 pin 5)")
            return
        self.drawer_kicks.append(Kick(2 if p[0] in (0, 48) else 5, p[1] * 2, p[2] * 2))

    def _do_realtime_pulse(self, p: bytes) -> None:
        return None

    def _do_kanji_on(self, _: bytes) -> None:
        self.kanji = True

    def _do_kanji_off(self, _: bytes) -> None:
        self.kanji = False

    def _do_kanji_mode(self, p: bytes) -> None:
        self.kanji_double = (2 if p[0] & 0x04 else 1, 2 if p[0] & 0x08 else 1)

    def _do_kanji_quadruple(self, p: bytes) -> None:
        self.kanji_double = (2, 2) if p[0] & 1 else (1, 1)

    def _do_kanji_underline(self, _: bytes) -> None:
        return None

    def _do_kanji_code_system(self, _: bytes) -> None:
        return None

    def _do_char_size(self, p: bytes) -> None:
        self.size = ((p[0] >> 4) + 1, (p[0] & 0x0F) + 1)

    def _do_reverse(self, _: bytes) -> None:
        return None

    def _do_left_margin(self, _: bytes) -> None:
        return None

    def _do_area_width(self, _: bytes) -> None:
        return None

    def _do_upside_down(self, _: bytes) -> None:
        return None

    def _do_international_set(self, _: bytes) -> None:
        return None

    # -- status (in order) ---------------------------------------------------------------------
    def _do_status_request(self, _: bytes) -> None:
        return None  # already answered when it arrived (real-time)

    def _do_recover_request(self, _: bytes) -> None:
        return None

    def _do_auto_status(self, _: bytes) -> None:
        return None

    def _do_printer_id(self, _: bytes) -> bytes:
        return b"_VIRTUAL\x00"

    # transmit_status (GS r) needs the paper sensor, which the VirtualPrinter owns
    def _do_transmit_status(self, p: bytes) -> bytes:
        return bytes((0x80 | p[0],))  # marker: VirtualPrinter replaces it with the sensor byte

    # -- cutting -------------------------------------------------------------------------------
    def _do_paper_cut(self, p: bytes) -> None:
        if self._line:
            self._print_line()
        if p[0] in (65, 66, 97, 98, 103, 104) and len(p) > 1:
            self.cursor += p[1]
        self.finish_piece(cut=True)

    def _do_legacy_partial_cut(self, _: bytes) -> None:
        self._do_paper_cut(b"\x01")

    def _do_legacy_full_cut(self, _: bytes) -> None:
        self._do_paper_cut(b"\x00")

    def finish_piece(self, *, cut: bool) -> Piece | None:
        if self._line:
            self._print_line()
        if not self.elements and not cut:
            self._new_paper()
            return None
        self._piece_number += 1
        piece = Piece(self._piece_number, self.dots, max(self.cursor, 1), self.elements, bytes(self.raw),
                      cut=cut, unknown=self.piece_unknown, notes=self.piece_notes)
        self.pieces.append(piece)
        self._new_paper()
        return piece

    # -- barcodes ------------------------------------------------------------------------------
    def _do_bar_height(self, p: bytes) -> None:
        self.bar_height = p[0] or 1

    def _do_bar_width(self, p: bytes) -> None:
        self.bar_width = p[0]

    def _do_hri_position(self, p: bytes) -> None:
        self.hri = p[0] & 0x03

    def _do_hri_font(self, _: bytes) -> None:
        return None

    def _do_bar_print(self, p: bytes) -> None:
        system = p[0]
        data = p[1:-1] if system < 0x41 else p[2:]
        if system not in (4, 69):
            self._note(f"barcode system {system} not emulated")
            return
        text = data.decode("ascii", errors="replace")
        if self.bar_width not in BAR_WIDTHS or any(ch not in CODE39_ELEMENTS or ch == "*" for ch in text):
            self._note(f"barcode refused: width {self.bar_width}, data {text!r}")
            return
        narrow, wide = BAR_WIDTHS[self.bar_width]
        pattern = ("0" * narrow).join(_code39_bars(ch, narrow, wide) for ch in f"*{text}*")
        if len(pattern) > self.dots:
            # What Epson-class firmware does with a symbol wider than the print area: nothing.
            self._note(f"barcode {text} is {len(pattern)} dots wide, paper {self.dots}: not printed")
            return
        if self._line:
            self._print_line()
        bitmap = Bitmap.blank(len(pattern), self.bar_height)
        bitmap.draw_pattern(pattern, 0, 0, self.bar_height)
        self._place(bitmap, f"[CODE39 {text}]", "barcode")
        if self.hri & 2:
            self._do_text(text.encode("ascii"))
            self._print_line()

    # -- QR ------------------------------------------------------------------------------------
    def _do_gs_function(self, p: bytes) -> None:
        body = p[3:]
        if p[:1] != b"k" or len(body) < 2 or body[0] != 0x31:
            self._note(f"GS ( function {p[:4].hex(' ')} not emulated")
            return
        function = QR_FUNCTIONS.get(body[1])
        args = body[2:]
        if function == "qr_model":
            return
        if function == "qr_module_size":
            self.qr_module = args[0]
        elif function == "qr_error_level":
            self.qr_ecc = {48: "L", 49: "M", 50: "Q", 51: "H"}.get(args[0], "L")
        elif function == "qr_store":
            self.qr_data = bytes(args[1:])
        elif function == "qr_print":
            self._print_qr()
        else:
            self._note(f"QR function {body[1]:#x} not emulated")

    def _print_qr(self) -> None:
        import segno

        if not self.qr_data:
            self._note("QR print with no stored data")
            return
        # The printer chooses the smallest version for the data: no version parameter exists.
        code = segno.make_qr(self.qr_data, error=self.qr_ecc, mode="byte", boost_error=False)
        size = int(code.symbol_size(border=0)[0]) * self.qr_module
        bitmap = Bitmap.blank(size, size)
        bitmap.draw_modules(code.matrix, 0, 0, self.qr_module)
        label = f"[QR v{code.version} {self.qr_ecc} m{self.qr_module}: " \
                f"{self.qr_data.decode('utf-8', errors='replace').rstrip()}]"
        if self.page is not None:
            # Page mode: the symbol's lower-left corner sits on the current baseline position.
            self.page_elements.append(Picture(self.page_x, self.page_y - size, bitmap, label, "qr"))
            return
        if self._line:
            self._print_line()
        self._place(bitmap, label, "qr")

    # -- raster --------------------------------------------------------------------------------
    def _do_raster_image(self, p: bytes) -> None:
        scale = p[0] & 0x03
        width_bytes = p[1] | p[2] << 8
        height = p[3] | p[4] << 8
        bitmap = Bitmap.from_bytes(p[5:], width_bytes, height)
        if scale:
            self._note(f"raster scale mode {scale} printed at normal size")
        if bitmap.width > self.dots:
            # A raster wider than the head is cut off at the print area's edge.
            bitmap = Bitmap(self.dots, height, [row >> (bitmap.width - self.dots) for row in bitmap.rows])
        if self._line:
            self._print_line()
        self._place(bitmap, f"[RASTER {bitmap.width}x{height}]", "raster")

    def _place(self, bitmap: Bitmap, label: str, kind: str) -> None:
        x = self._line_origin(bitmap.width)
        self.elements.append(Picture(x, self.cursor, bitmap, label, kind))
        self.cursor += bitmap.height

    # -- page mode -----------------------------------------------------------------------------
    def _do_page_mode(self, _: bytes) -> None:
        if self._line:
            self._print_line()
        self.page = {"x": 0, "y": 0, "w": self.dots, "h": 800}
        self.page_elements = []
        self.page_x = self.page_y = 0

    def _do_page_area(self, p: bytes) -> None:
        if self.page is None:
            return
        x, y, w, h = (p[i] | p[i + 1] << 8 for i in range(0, 8, 2))
        self.page = {"x": x, "y": y, "w": w, "h": h}

    def _do_page_direction(self, p: bytes) -> None:
        if p[0] not in (0, 48):
            self._note(f"page direction {p[0]} not emulated")

    def _do_absolute_x(self, p: bytes) -> None:
        self.page_x = p[0] | p[1] << 8

    def _do_relative_x(self, p: bytes) -> None:
        self.page_x += int.from_bytes(p, "little", signed=True)

    def _do_absolute_y(self, p: bytes) -> None:
        self.page_y = p[0] | p[1] << 8

    def _do_form_feed(self, _: bytes) -> None:
        if self.page is None:
            return
        self._print_page()
        self.page = None

    def _do_page_print_stay(self, _: bytes) -> None:
        if self.page is not None:
            self._print_page()

    def _do_standard_mode(self, _: bytes) -> None:
        self.page = None
        self.page_elements = []

    def _do_cancel_page(self, _: bytes) -> None:
        self.page_elements = []

    def _print_page(self) -> None:
        assert self.page is not None
        if self._line:
            self._page_text(self._line)
            self._line = []
        area = self.page
        for element in self.page_elements:
            element.x += area["x"]
            element.y += area["y"] + self.cursor
            if element.x + _width(element) > self.dots:
                self._note(f"page-mode element at x={element.x} runs past the print area")
            self.elements.append(element)
        self.cursor += area["y"] + area["h"]
        self.page_elements = []

    def _do_unknown(self, p: bytes) -> None:
        label = f"unknown {p.hex(' ')}"
        self.unknown.append(label)
        self.piece_unknown.append(label)

    def _do_fs_function(self, p: bytes) -> None:
        self._note(f"FS ( function {p[:4].hex(' ')} not emulated")

    def _do_rotate(self, _: bytes) -> None:
        return None

    def _do_right_spacing(self, _: bytes) -> None:
        return None

    def _note(self, text: str) -> None:
        self.piece_notes.append(text)


def _width(element: Element) -> int:
    return element.width if isinstance(element, TextRun) else element.bitmap.width


def _runs(line: list[_Char]) -> list[list[_Char]]:
    runs: list[list[_Char]] = []
    for char in line:
        if runs and (runs[-1][0].scale_w, runs[-1][0].scale_h, runs[-1][0].bold, runs[-1][0].height) == (
                char.scale_w, char.scale_h, char.bold, char.height):
            runs[-1].append(char)
        else:
            runs.append([char])
    return runs


def _code39_bars(char: str, narrow: int, wide: int) -> str:
    out = []
    for index, element in enumerate(CODE39_ELEMENTS[char]):
        width = wide if element == "1" else narrow
        out.append(("1" if index % 2 == 0 else "0") * width)
    return "".join(out)
