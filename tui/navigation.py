"""Every screen of the cashier app, built by name: the one place a new screen is added.

Screens open one another through here and never import each other's modules (tests/tui/test_screen_imports.py
holds them to it). Each screen's module is imported the first time it is opened, by its dotted name: the
first frame imports the login screen only, and the import graph of tui/screens has no cycle. The return
types are named for the type checker alone, so callers still get the screen's own type."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from importlib import import_module
from typing import TYPE_CHECKING, Any, cast

if TYPE_CHECKING:
    from core.checkout import CartLine, Sale
    from core.clock import Clock
    from core.shift.model import ShiftReport
    from core.station import Station
    from tui.returns import ReturnOutcome
    from tui.screens.cart import CartScreen
    from tui.screens.checkout import CheckoutScreen
    from tui.screens.customer import CustomerScreen
    from tui.screens.devices import DevicesScreen
    from tui.screens.help import HelpScreen
    from tui.screens.line_edit import LineEditScreen
    from tui.screens.login import LoginScreen
    from tui.screens.logs import LogsScreen
    from tui.screens.manager_pin import ManagerPinScreen
    from tui.screens.order_detail import OrderDetailScreen
    from tui.screens.orders import OrdersScreen
    from tui.screens.receipt import ReceiptScreen
    from tui.screens.return_done import ReturnDoneScreen
    from tui.screens.returns import ReturnScreen
    from tui.screens.shift_close import ShiftCloseScreen, ShiftPinScreen
    from tui.screens.support import SupportScreen
    from tui.screens.uploads import UploadsScreen
    from tui.screens.void import VoidScreen


def _screen(module: str, name: str) -> Any:
    return getattr(import_module(f"tui.screens.{module}"), name)


# -- the first screens ----------------------------------------------------------------------------
def login() -> LoginScreen:
    return cast("LoginScreen", _screen("login", "LoginScreen")())


def support() -> SupportScreen:
    return cast("SupportScreen", _screen("support", "SupportScreen")())


# -- selling --------------------------------------------------------------------------------------
def cart() -> CartScreen:
    return cast("CartScreen", _screen("cart", "CartScreen")())


def customer() -> CustomerScreen:
    return cast("CustomerScreen", _screen("customer", "CustomerScreen")())


def line_edit(line: CartLine, *, unlisted: bool) -> LineEditScreen:
    return cast("LineEditScreen", _screen("line_edit", "LineEditScreen")(line, unlisted=unlisted))


def checkout(lines: Sequence[CartLine]) -> CheckoutScreen:
    return cast("CheckoutScreen", _screen("checkout", "CheckoutScreen")(lines))


def receipt(sale: Sale | None = None, *, order_id: str | None = None, print_now: bool = True) -> ReceiptScreen:
    return cast("ReceiptScreen", _screen("receipt", "ReceiptScreen")(sale, order_id=order_id, print_now=print_now))


def manager_pin(title: str, explanation: str, allow: Callable[[str], Any]) -> ManagerPinScreen:
    return cast("ManagerPinScreen", _screen("manager_pin", "ManagerPinScreen")(title, explanation, allow))


def shift_close() -> ShiftCloseScreen:
    return cast("ShiftCloseScreen", _screen("shift_close", "ShiftCloseScreen")())


def shift_pin(staff_id: str, staff_name: str, report: ShiftReport) -> ShiftPinScreen:
    return cast("ShiftPinScreen", _screen("shift_close", "ShiftPinScreen")(staff_id, staff_name, report))


# -- records --------------------------------------------------------------------------------------
def orders(first: Any = None) -> OrdersScreen:
    """`first`: what orders_first_page's read returned, shown in the list's first frame (None: it reads)."""
    return cast("OrdersScreen", _screen("orders", "OrdersScreen")(first))


def orders_first_page(station: Station, clock: Clock) -> Callable[[], Any]:
    """The read the order list opens with, to run off the loop before pushing orders(its answer)."""
    return cast("Callable[[], Any]", _screen("orders", "first_page")(station, clock))


def order_detail(order_id: str) -> OrderDetailScreen:
    return cast("OrderDetailScreen", _screen("order_detail", "OrderDetailScreen")(order_id))


def void(order_id: str, order_no: str) -> VoidScreen:
    return cast("VoidScreen", _screen("void", "VoidScreen")(order_id, order_no))


def return_goods(order_id: str) -> ReturnScreen:
    return cast("ReturnScreen", _screen("returns", "ReturnScreen")(order_id))


def return_done(outcome: ReturnOutcome, order_no: str) -> ReturnDoneScreen:
    return cast("ReturnDoneScreen", _screen("return_done", "ReturnDoneScreen")(outcome, order_no))


def uploads() -> UploadsScreen:
    return cast("UploadsScreen", _screen("uploads", "UploadsScreen")())


def devices() -> DevicesScreen:
    return cast("DevicesScreen", _screen("devices", "DevicesScreen")())


def logs() -> LogsScreen:
    return cast("LogsScreen", _screen("logs", "LogsScreen")())


def help_screen() -> HelpScreen:
    return cast("HelpScreen", _screen("help", "HelpScreen")())
