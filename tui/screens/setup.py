"""First run without a config: a short form that writes one (station id, seller, HQ URL and token,
printer port picked from the ports found on this machine). Checked with the config loader's own rules,
so the screen says exactly what the loader would refuse; written owner-only (it holds secrets)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from textual import work
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Input, Label, Select, Static

from core.config import ConfigError, parse_config, write_config
from tui.i18n import Translator
from tui.i18n.texts import ScreenText
from tui.widgets.footer import CashierFooter
from tui.widgets.panel import Message
from tui.widgets.scan_input import FIELD_ORDER_BINDINGS, FieldInput

if TYPE_CHECKING:
    from core.printer.discovery import SerialPort

FIELDS = (("station", "id", ScreenText.SETUP_STATION, "S01"), ("station", "store_name", ScreenText.SETUP_STORE, ""),
          ("seller", "ban", ScreenText.SETUP_BAN, ""), ("seller", "name", ScreenText.SETUP_NAME, ""),
          ("seller", "aes_key", ScreenText.SETUP_AES, ""), ("hq", "url", ScreenText.SETUP_HQ_URL, "http://127.0.0.1:8700"),
          ("hq", "token", ScreenText.SETUP_HQ_TOKEN, ""))


class SetupApp(App[bool]):
    """Returns True once the config is written."""

    CSS_PATH = "../cashier.tcss"
    ENABLE_COMMAND_PALETTE = False
    BINDINGS = [  # noqa: RUF012
        Binding("f10", "save", ScreenText.KEY_SAVE, priority=True),
        Binding("escape,ctrl+q", "quit", ScreenText.KEY_QUIT, priority=True),
        *FIELD_ORDER_BINDINGS,
    ]

    def __init__(self, path: Path, language: str = "zh_TW", *, sys_root: Path = Path("/sys"),
                 dev_root: Path = Path("/dev")) -> None:
        super().__init__()
        self.path = path
        self.t = Translator(language)
        self.language = language
        self._roots = (sys_root, dev_root)

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="setup-box") as box:
            box.border_title = self.t(ScreenText.SETUP_TITLE)
            yield Static(self.t(ScreenText.SETUP_INTRO, path=self.path))
            for section, key, label, default in FIELDS:
                yield Label(self.t(label))
                yield FieldInput(default, id=f"{section}-{key}", compact=True, password=key in ("aes_key", "token"))
            yield Label(self.t(ScreenText.SETUP_PRINTER))
            yield Select([("emulator", "emulator")], value="emulator", id="printer-url", allow_blank=False,
                         compact=True)
            yield Message(id="setup-message")
        yield CashierFooter()

    def on_mount(self) -> None:
        self.animation_level = "none"
        self.theme = "ansi-dark"
        for widget in self.query(Input):
            widget.cursor_blink = False
        self.discover()

    @work(thread=True, exit_on_error=False)
    def discover(self) -> None:
        from core.printer.discovery import list_serial_ports

        self.call_from_thread(self.show_ports, list_serial_ports(*self._roots))

    def show_ports(self, found: list[SerialPort]) -> None:
        # Printers first, by their stable /dev/serial/by-id path.
        ports = sorted(found, key=lambda p: not p.is_posiflex)
        options = [(port.label, port.preferred_path) for port in ports] + [("emulator", "emulator")]
        select = self.query_one("#printer-url", Select)
        select.set_options(options)
        select.value = options[0][1]

    def values(self) -> dict[str, dict[str, Any]]:
        data: dict[str, dict[str, Any]] = {"station": {}, "seller": {}, "hq": {}, "printer": {}}
        for section, key, _, _ in FIELDS:
            data[section][key] = self.query_one(f"#{section}-{key}", Input).value.strip()
        data["station"]["language"] = self.language
        data["printer"]["url"] = str(self.query_one("#printer-url", Select).value)
        return data

    def action_save(self) -> None:
        data = self.values()
        try:
            parse_config(data, source=self.path)
            write_config(self.path, data)
        except ConfigError as error:
            self.query_one("#setup-message", Message).say(error.text(self.language), error=True)
            return
        self.exit(True)
