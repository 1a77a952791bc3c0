"""What a terminal shows after the bytes an app wrote to it: a small screen model for the benches.

Just enough of a VT100 to read back what Textual paints (cursor addressing, erase, text with East Asian
wide characters taking two cells, the scroll region: DECSTBM, which homes the cursor, and the moves that
scroll it, IND / NEL / RI / a line feed at its margin, SU / SD); colours and modes are skipped. The
benches use it to wait for an action's real effect on the screen (a cart line, a screen's own text), not
for a quiet period alone.
"""

from __future__ import annotations

import codecs
import re
import unicodedata

CSI = re.compile(r"\x1b\[([?<=>]?)([0-9;:]*)([ -/]*)([@-~])")
OSC = re.compile(r"\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)")
INCOMPLETE_MAX = 256  # an escape sequence longer than this at the end of a chunk is garbage, not a split


class PtyScreen:
    def __init__(self, rows: int = 24, columns: int = 80) -> None:
        self.rows, self.columns = rows, columns
        self.grid = [[" "] * columns for _ in range(rows)]
        self.y = self.x = 0
        self.top, self.bottom = 0, rows - 1  # the scroll region's margins (0-based, inclusive)
        self._pending = ""  # an escape sequence split between two reads
        self._decoder = codecs.getincrementaldecoder("utf-8")(errors="replace")

    def feed(self, data: bytes) -> None:
        text = self._pending + self._decoder.decode(data)
        self._pending = ""
        index, end = 0, len(text)
        while index < end:
            char = text[index]
            if char == "\x1b":
                if match := CSI.match(text, index):
                    self._csi(match[1], match[2], match[4])
                    index = match.end()
                    continue
                if match := OSC.match(text, index):
                    index = match.end()
                    continue
                if text[index + 1:index + 2] in ("", "[", "]") and end - index < INCOMPLETE_MAX:
                    self._pending = text[index:]
                    return
                self._escape(text[index + 1:index + 2])
                index += 2  # a two-character escape (charset, keypad mode): nothing on the screen but those
                continue
            if char == "\r":
                self.x = 0
            elif char == "\n":
                self._line_feed()
            elif char == "\b":
                self.x = max(self.x - 1, 0)
            elif char >= " ":
                self._put(char)
            index += 1

    def _escape(self, final: str) -> None:
        if final == "D":  # IND
            self._line_feed()
        elif final == "E":  # NEL
            self.x = 0
            self._line_feed()
        elif final == "M":  # RI
            if self.y == self.top:
                self._scroll(-1)
            else:
                self.y = max(self.y - 1, 0)

    def _line_feed(self) -> None:
        if self.y == self.bottom:
            self._scroll(1)
        else:
            self.y = min(self.y + 1, self.rows - 1)

    def _scroll(self, lines: int) -> None:
        """The region's rows up by `lines` (down when negative), blank rows coming in; the cursor stays."""
        region = self.grid[self.top:self.bottom + 1]
        count = min(abs(lines), len(region))
        blank = [[" "] * self.columns for _ in range(count)]
        region = region[count:] + blank if lines > 0 else blank + region[:len(region) - count]
        self.grid[self.top:self.bottom + 1] = region

    def _put(self, char: str) -> None:
        if unicodedata.combining(char):
            return
        width = 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1
        if self.x + width > self.columns:
            return
        self.grid[self.y][self.x] = char
        if width == 2:
            self.grid[self.y][self.x + 1] = ""
        self.x += width

    def _csi(self, private: str, params: str, final: str) -> None:
        if private:  # modes (?1049h, ?2026h, ...): nothing drawn
            return
        numbers = [int(part) if part.isdigit() else 0 for part in params.split(";")] if params else []
        first = numbers[0] if numbers else 0
        if final in ("H", "f"):
            self.y = min(max((numbers[0] if numbers and numbers[0] else 1) - 1, 0), self.rows - 1)
            self.x = min(max((numbers[1] if len(numbers) > 1 and numbers[1] else 1) - 1, 0), self.columns - 1)
        elif final == "A":
            self.y = max(self.y - (first or 1), 0)
        elif final == "B":
            self.y = min(self.y + (first or 1), self.rows - 1)
        elif final == "C":
            self.x = min(self.x + (first or 1), self.columns - 1)
        elif final == "D":
            self.x = max(self.x - (first or 1), 0)
        elif final == "G":
            self.x = min(max((first or 1) - 1, 0), self.columns - 1)
        elif final == "J" and first in (2, 3):
            self.grid = [[" "] * self.columns for _ in range(self.rows)]
        elif final == "K":
            low, high = {1: (0, self.x + 1), 2: (0, self.columns)}.get(first, (self.x, self.columns))
            self.grid[self.y][low:high] = [" "] * (high - low)
        elif final in ("r", "S", "T"):
            self._region(final, numbers)
        elif final == "X":
            high = min(self.x + (first or 1), self.columns)
            self.grid[self.y][self.x:high] = [" "] * (high - self.x)

    def _region(self, final: str, numbers: list[int]) -> None:
        """DECSTBM (`r`: the margins, the cursor home), SU / SD (`S` / `T`: the region's rows moved)."""
        if final == "r":
            top = (numbers[0] if numbers and numbers[0] else 1) - 1
            bottom = (numbers[1] if len(numbers) > 1 and numbers[1] else self.rows) - 1
            if 0 <= top < bottom < self.rows:  # else ignored, as terminals do
                self.top, self.bottom = top, bottom
                self.y = self.x = 0
        else:
            lines = numbers[0] if numbers and numbers[0] else 1
            self._scroll(lines if final == "S" else -lines)

    def lines(self) -> list[str]:
        return ["".join(row) for row in self.grid]

    def text(self) -> str:
        return "\n".join(self.lines())

    def shows(self, text: str) -> bool:
        """`text` is on one line of the screen."""
        return any(text in line for line in self.lines())

    def matches(self, pattern: re.Pattern[str]) -> bool:
        return any(pattern.search(line) for line in self.lines())
