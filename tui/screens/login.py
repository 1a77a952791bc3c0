"""Login: pick the staff member from a list, type the PIN. The main button says 開啟前台 while HQ
answers and 開啟離線模式 while it does not, switching live (the seed's offline-mode button).

The first screen of `cashier`: it can be up before the Station is open (see tui/app.py). Until the
staff list arrives it says so; the PIN field takes keys, and Enter, F10 and up/down are kept and
applied once the list is there, so nothing typed while the station opens is lost.

The list may first come from the app's light read (stdlib sqlite3, `staff_previewed`), before the
Station is open: a PIN is then checked on those rows (core.pins, off the loop), a wrong one refused at
once (and counted by the Station once it is open), a right one kept and the login completed through the
Station as soon as it is open.

Five wrong PINs in a row lock that person at this till (core.store.lockouts): the screen says until when
as soon as the locked person is picked, and F8 lets a manager lift the lock with their own PIN."""

from __future__ import annotations

from contextlib import suppress
from typing import TYPE_CHECKING, Any

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Label, OptionList, Static
from textual.widgets.option_list import Option

from core.errors import CashierError, ValidationError
from core.messages import CheckoutCode
from tui import navigation
from tui.i18n.texts import ScreenText
from tui.screens.base import CashierScreen
from tui.widgets.panel import Message
from tui.widgets.scan_input import ScanInput

if TYPE_CHECKING:
    from core.store.people import StaffMember  # the store (SQLModel) is not imported before the first frame


class LoginScreen(CashierScreen):
    AUTO_FOCUS = "#pin"
    BINDINGS = [  # noqa: RUF012
        Binding("f1", "app.help", ScreenText.KEY_HELP),
        Binding("up", "move(-1)", show=False),
        Binding("down", "move(1)", show=False),
        Binding("f10", "open", ScreenText.KEY_CONFIRM),
        Binding("f8", "unlock", ScreenText.KEY_UNLOCK),
        Binding("f12", "switch_language", ScreenText.KEY_LANGUAGE),
        Binding("ctrl+q", "app.quit", ScreenText.KEY_QUIT),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.staff: list[StaffMember] = []
        self.listed = False  # the staff list arrived (possibly empty)
        self._pending_pin: str | None = None  # Enter pressed before the list arrived
        self._pending_move = 0  # up/down pressed before the list arrived
        self._light: dict[str, Any] = {}  # id -> LightStaff while the list is the pre-Station preview
        self._verified: tuple[str, str] | None = None  # (staff id, PIN) right per the preview, awaiting the Station
        self._mounted = False  # on_mount ran: the list can be filled
        self.locked: str | None = None  # the id of the picked person if they are locked (F8 offered)
        self._preview_failures: list[tuple[str, str]] = []  # wrong per the preview: the Station counts them
        self._notice = ""  # said once this screen is back from a modal (the unlock's outcome)
        self._reload_keep: str | None = None  # the highlighted id across a reload of the list

    def compose(self) -> ComposeResult:
        t = self.t
        yield Static(t(ScreenText.LOGIN_STORE, store=self.cashier.store_name or self.cashier.seller_name,
                       station=self.cashier.station_id), id="login-store")
        with Horizontal(id="login-body"):
            with Vertical(id="staff-box") as box:
                box.border_title = t(ScreenText.LOGIN_PICK)
                staff = OptionList(id="staff", compact=True)
                staff.can_focus = False  # the PIN field keeps the keyboard; up/down move the highlight
                yield staff
            with Vertical(id="pin-box") as pin_box:
                pin_box.border_title = t(ScreenText.LOGIN_TITLE)
                yield Label(t(ScreenText.LOGIN_PIN))
                yield ScanInput(id="pin", restrict=r"[0-9]*", password=True)
                yield Button(self._button_label(), id="open", compact=True)
                yield Message(id="login-message")
        yield from self.chrome()

    def on_mount(self) -> None:
        self._mounted = True
        app = self.cashier
        app.station_opened.subscribe(self, lambda _: self.station_ready(), immediate=True)
        app.staff_previewed.subscribe(self, self.staff_previewed, immediate=True)
        app.data_pulled.subscribe(self, lambda _: self.pulled(), immediate=True)
        if self.cashier.station_ready:
            self.load_staff()
        elif self.cashier.staff_preview is not None:  # the light read answered before this screen mounted
            self.staff_previewed(self.cashier.staff_preview)
        self.status_updated()

    def station_ready(self) -> None:
        """The app opened the Station after this screen was up."""
        if not self._light:  # no preview shown: the list comes from the Station now
            self.load_staff()
            return
        self._light = {}  # the preview's ids are the Station's: keep the list (and the highlight) as it is
        failures, self._preview_failures = self._preview_failures, []
        if failures:
            self.count_failures(failures)
        verified, self._verified = self._verified, None
        if verified is not None:  # a login confirmed while it opened
            self.login(*verified)
        else:
            self.check_lock()

    def pulled(self) -> None:
        """HQ's data arrived (the app's sync): on a first run the staff list was empty until now. The same
        person stays highlighted."""
        if self.cashier.station_ready and self.listed:
            picked = self._picked()
            self._reload_keep = picked.id if picked is not None else None
            self.load_staff()

    def staff_previewed(self, staff: list[Any]) -> None:
        """The app's light read of the staff list arrived before the Station (see tui/app.py); before
        this screen mounted, on_mount lists it."""
        if not self._mounted or self.listed or self.cashier.station_ready:
            return
        self._light = {member.id: member for member in staff}
        self.list_staff(staff)

    def _button_label(self) -> str:
        online = self.cashier.status.online
        if online is None:
            return self.t(ScreenText.LOGIN_CHECKING) if self.cashier.sync is not None else self.t(ScreenText.LOGIN_OPEN)
        return self.t(ScreenText.LOGIN_OPEN if online else ScreenText.LOGIN_OPEN_OFFLINE)

    def status_updated(self) -> None:
        if not self.is_mounted:
            return
        self.query_one("#open", Button).label = self._button_label()
        offline = self.cashier.status.online is False
        self.query_one("#open", Button).set_class(offline, "-offline")
        message = self.query_one("#login-message", Message)
        if message.has_class("-error"):
            return
        if not self.cashier.station_ready:
            message.say(self.t(ScreenText.LOGIN_OPENING))
        elif self.listed and not self.staff:  # a first run: nobody until HQ's staff list arrives
            key = (ScreenText.LOGIN_NO_STAFF_OFFLINE if offline or self.cashier.sync is None
                   else ScreenText.LOGIN_NO_STAFF_LOADING)
            message.say(self.t(key))
        elif offline:
            message.say(self.t(ScreenText.LOGIN_OFFLINE_HINT))
        else:
            message.say("")

    def load_staff(self) -> None:
        def read() -> list[StaffMember]:
            return self.station.staff()

        self.station_call(read, self.list_staff, group="login")

    def preview_verified(self, staff_id: str, pin: str) -> None:
        """The PIN is right per the preview."""
        if self.cashier.station_ready:  # it opened during the check
            self.login(staff_id, pin)
        else:
            self._verified = (staff_id, pin)
            self.query_one("#login-message", Message).say(self.t(ScreenText.LOGIN_OPENING))

    def list_staff(self, staff: list[Any]) -> None:
        """Fill the list (from the Station, or the preview) and apply what was typed before it arrived."""
        keep, self._reload_keep = self._reload_keep, None
        if keep is not None:  # a reload after a pull: the highlight stays on the same person
            self._pending_move = next((at for at, member in enumerate(staff) if member.id == keep), 0)
        self.staff = staff
        options = self.query_one("#staff", OptionList)
        options.clear_options()
        options.add_options([Option(f"{m.id}  {m.name}", id=m.id) for m in self.staff])
        if self.staff:
            options.highlighted = max(0, min(len(self.staff) - 1, self._pending_move))
        self.listed, self._pending_move = True, 0
        self.status_updated()  # an empty list says why
        pin, self._pending_pin = self._pending_pin, None
        if pin is not None:
            self.try_login(pin)
        else:
            self.check_lock()

    def action_move(self, step: int) -> None:
        if not self.listed:
            self._pending_move += step
            return
        options = self.query_one("#staff", OptionList)
        if options.option_count:
            current = options.highlighted if options.highlighted is not None else 0
            options.highlighted = max(0, min(options.option_count - 1, current + step))
            self.check_lock()

    async def action_switch_language(self) -> None:
        """中文 <-> English for this session (the config's language is the default at the next start)."""
        highlighted = self.query_one("#staff", OptionList).highlighted
        self.cashier.set_language("en" if self.cashier.language == "zh_TW" else "zh_TW")
        await self.recompose()
        if self.listed:  # the same list, the same person highlighted
            self._pending_move = highlighted or 0
            self.list_staff(self.staff)
        self.query_one("#pin", ScanInput).focus()
        self.status_updated()

    @on(ScanInput.Scanned, "#pin")
    def pin_entered(self, message: ScanInput.Scanned) -> None:
        self.try_login(message.code)

    @on(Button.Pressed, "#open")
    def action_open(self) -> None:
        pin_input = self.query_one("#pin", ScanInput)
        pin, pin_input.value = pin_input.value, ""
        self.try_login(pin)

    def try_login(self, pin: str) -> None:
        if not self.listed:  # the station is still opening: log in as soon as the staff list is there
            self._pending_pin = pin
            return
        options = self.query_one("#staff", OptionList)
        if options.highlighted is None or not self.staff:
            self.query_one("#login-message", Message).say(self.t(ScreenText.LOGIN_PICK_FIRST), error=True)
            return
        if not pin:
            self.query_one("#login-message", Message).say(self.t(ScreenText.LOGIN_PIN_EMPTY), error=True)
            return
        staff_id = self.staff[options.highlighted].id
        if self.cashier.station_ready:
            self.login(staff_id, pin)
        else:  # the list is the preview: check the PIN on it now, log in once the Station is open
            self._verified = None
            self.check_preview(self._light.get(staff_id), staff_id, pin)

    def check_preview(self, member: Any, staff_id: str, pin: str) -> None:
        def check() -> None:
            until = member.locked_at(self.cashier.clock.now()) if member is not None else None
            if until is not None:  # as the Station: a locked person's PIN is not even checked
                raise ValidationError(CheckoutCode.LOGIN_LOCKED, name=member.name, until=f"{until:%H:%M:%S}")
            if member is None or not member.pin_matches(pin):  # scrypt: >= 100 ms, never on the UI loop
                self.later(lambda: self._preview_failures.append((staff_id, pin)))  # the Station counts it
                raise ValidationError(CheckoutCode.LOGIN_FAILED)

        self.station_call(check, lambda _: self.preview_verified(staff_id, pin), group="login", exclusive=True)

    def count_failures(self, failures: list[tuple[str, str]]) -> None:
        """Wrong PINs the preview refused before the Station was open count like any other; then the
        picked person may be locked by them."""

        def count() -> None:
            for staff_id, pin in failures:
                with suppress(CashierError):  # wrong, as the preview found: counting it is the point
                    self.station.login(staff_id, pin)

        self.station_call(count, lambda _: self.check_lock(), group="login-count")

    def _picked(self) -> Any | None:
        found = self.query("#staff").results(OptionList)
        options = next(found, None)
        if options is None:  # F12 is recomposing the screen: the new list checks its own pick once shown
            return None
        if options.highlighted is None or not self.staff or options.highlighted >= len(self.staff):
            return None
        return self.staff[options.highlighted]

    def check_lock(self) -> None:
        """Ask the Station whether the picked person is locked (once it is open)."""
        picked = self._picked()
        if picked is not None and self.cashier.station_ready:
            self.read_lock(picked.id, picked.name)

    def read_lock(self, staff_id: str, name: str) -> None:
        def read() -> CashierError | None:
            from core.store.lockouts import locked_error  # the store is open by now

            lock = self.station.lock_of(staff_id)
            return None if lock is None else locked_error(name, lock)

        self.station_call(read, lambda error: self.lock_checked(staff_id, error), group="login-lock", exclusive=True)

    def lock_checked(self, staff_id: str, error: CashierError | None) -> None:
        picked = self._picked()
        if picked is None or picked.id != staff_id:
            return  # the highlight moved on meanwhile: its own check follows
        was, self.locked = self.locked, staff_id if error is not None else None
        message = self.query_one("#login-message", Message)
        if error is not None:
            message.say(f"{self.t.error(error)}  {self.t(ScreenText.LOGIN_UNLOCK_HINT)}", error=True)
        elif was is not None:
            message.say("")
            self.status_updated()
        self.refresh_bindings()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "unlock":  # offered only while the picked person is locked
            picked = self._picked() if self.listed else None
            return picked is not None and self.locked == picked.id
        return super().check_action(action, parameters)

    def action_unlock(self) -> None:
        picked = self._picked()
        if picked is None or self.locked != picked.id:
            return
        staff_id, name = picked.id, picked.name

        def done(manager: StaffMember | None) -> None:
            if manager is None:  # cancelled
                return
            self.locked = None
            self.refresh_bindings()
            # shown as the screen resumes
            self._notice = self.t(ScreenText.UNLOCK_DONE, name=name, manager=manager.name)
            self.query_one("#login-message", Message).say(self._notice)

        self.app.push_screen(navigation.manager_pin(
            self.t(ScreenText.UNLOCK_TITLE, name=name), self.t(ScreenText.UNLOCK_WHY, name=name),
            lambda pin: self.station.unlock(staff_id, manager_pin=pin)), done)

    def login(self, staff_id: str, pin: str) -> None:
        self.station_call(lambda: self.station.login(staff_id, pin),  # scrypt: >= 100 ms, never on the UI loop
                          self.cashier.logged_in, group="login", exclusive=True)

    def refused(self, error: CashierError) -> None:
        self.query_one("#login-message", Message).say(self.t.error(error), error=True)
        if error.code == CheckoutCode.LOGIN_LOCKED:  # show until when, and offer F8, for the picked person
            self.check_lock()
        super().refused(error)  # and, as on every screen, the notice

    def on_screen_resume(self) -> None:
        notice, self._notice = self._notice, ""
        self.query_one("#login-message", Message).say("")
        self.status_updated()
        if notice:  # after the status line's own text: until the next status change
            self.query_one("#login-message", Message).say(notice)
        self.check_lock()
