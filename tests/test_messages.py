"""The message catalog (core/messages): every code says itself in both languages, with the same
placeholders, and belongs to exactly one domain. The screens' texts (tui/i18n/texts.py) and the back
office's words (hq/web/words.py) have the same shape and are held to the same rules; their keys are
their own namespaces (a screen's "cart.empty" is not the error's)."""

from __future__ import annotations

import ast
import importlib
import pkgutil
from pathlib import Path

import pytest

import core.messages
from core.errors import MESSAGES, CashierError, ValidationError
from core.messages import CODES, DOMAINS, CheckoutCode, MessageCode, Phrase, known_code, message_code
from hq.web.words import PageText
from tests.support.mypy_run import mypy_errors
from tui.i18n.texts import ScreenText

ALL = [code for domain in DOMAINS for code in domain]
ROOT = Path(__file__).resolve().parent.parent


def test_every_module_of_the_package_is_a_listed_domain() -> None:
    """A domain module that is not in DOMAINS would hold codes no lookup finds."""
    found = set()
    for info in pkgutil.iter_modules(core.messages.__path__):
        module = importlib.import_module(f"core.messages.{info.name}")
        found |= {value for value in vars(module).values()
                  if isinstance(value, type) and issubclass(value, MessageCode) and value is not MessageCode
                  and value.__module__ == module.__name__}
    assert found == set(DOMAINS)


@pytest.mark.parametrize("code", [*ALL, *ScreenText, *PageText], ids=lambda code: f"{type(code).__name__}:{code}")
def test_every_code_has_both_languages_with_the_same_placeholders(code: MessageCode) -> None:
    assert code.zh.strip() and code.en.strip()
    assert code.zh != code.en or not any("\u4e00" <= ch <= "\u9fff" for ch in code.zh)
    assert code.placeholders("zh_TW") == code.placeholders("en")


def test_placeholders_are_read_from_the_text() -> None:
    assert CheckoutCode.PRICE_INVALID.placeholders("en") == {"name", "value", "maximum"}
    assert CheckoutCode.CART_EMPTY.placeholders("zh_TW") == frozenset()


def test_no_two_domains_define_one_code() -> None:
    values = [code.value for code in ALL]
    assert len(values) == len(set(values)) == len(CODES)


def test_no_two_domains_define_one_code_as_written() -> None:
    """Enum members with equal values are aliases, so a code written twice in one domain would vanish
    from the count above; read the source instead."""
    written: dict[str, str] = {}
    for path in sorted(Path(core.messages.__path__[0]).glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Assign) and isinstance(node.value, ast.Tuple) and len(node.value.elts) == 3:
                first = node.value.elts[0]
                assert isinstance(first, ast.Constant)
                assert first.value not in written, f"{first.value} in {path.name} and {written[first.value]}"
                written[first.value] = path.name
    assert set(written) == set(CODES)


def test_a_code_is_its_wire_string() -> None:
    assert CheckoutCode.CART_EMPTY == "cart.empty"
    assert f"{CheckoutCode.CART_EMPTY}" == "cart.empty"
    assert message_code("cart.empty") is CheckoutCode.CART_EMPTY
    assert known_code("no.such_code") is None
    with pytest.raises(KeyError):
        message_code("no.such_code")


def test_errors_render_from_the_catalog() -> None:
    error = ValidationError(CheckoutCode.QUANTITY_INVALID, name="茶", value=0, maximum=999)
    assert error.text("en") == "Quantity 0 for '茶' is out of range: a whole number from 1 to 999"
    assert error.text() == "「茶」的數量 0 不合理：應為 1 到 999 的整數"
    assert error.code is CheckoutCode.QUANTITY_INVALID
    with pytest.raises(KeyError):
        CashierError("no.such_code")  # type: ignore[arg-type]


def test_the_facade_table_reads_the_catalog() -> None:
    assert {code: (text.zh, text.en) for code, text in CODES.items()} == dict(MESSAGES)


def test_a_phrase_fills_the_language_suffixed_placeholders() -> None:
    from core.messages import ConfigCode

    expected = Phrase("整數", "a whole number")
    params = {"where": "config.toml", "key": "printer.baudrate", **expected.fill("expected")}
    assert ConfigCode.KEY_MISSING.text("en", **params) == (
        "config.toml: printer.baudrate is missing: expected a whole number")
    assert ConfigCode.KEY_MISSING.text("zh_TW", **params) == "config.toml：缺少 printer.baudrate，應為：整數"


def test_mypy_refuses_a_plain_string_where_a_code_belongs(tmp_path: Path) -> None:
    """The point of typed codes: a string literal (a typo waiting to happen) fails the type check."""
    (tmp_path / "caller.py").write_text(
        "from core.errors import ValidationError\n"
        "from core.messages import CheckoutCode\n"
        "ValidationError(CheckoutCode.CART_EMPTY)\n"
        "ValidationError('cart.empty')\n", encoding="utf-8")
    result, errors = mypy_errors(tmp_path / "caller.py")
    assert result.returncode == 1, result.stdout + result.stderr
    assert len(errors) == 1 and "caller.py:4:" in errors[0] and "MessageCode" in errors[0], result.stdout


# The screens' texts built from a value, `ScreenText.of(f"{prefix}{value}")`: each family is named here
# on purpose, so a new one is seen in review and a prefix matching everything cannot slip in.
DYNAMIC_FAMILIES = {
    "checkout.kind.",  # an invoice's carrier type on the order's detail
    "customer.source.",  # where a member was found
    "devices.drawer.",  # DrawerState
    "mof.state.",  # the MOF platform's state of an invoice
    "orders.status.",  # an order's status and the list's filter
    "receipt.job.",  # a print job's state
    "receipt.why.",  # why no proof copy is printed
    "return.way.",  # a return's plan
    "status.printer.",  # the printer's state in the status bar
    "type.",  # ProductType
    "upload.",  # UploadState, or none
}


def _screen_text_uses(root: Path) -> tuple[set[str], set[str]]:
    """The ScreenText members the code under `root` names, and the prefixes of the keys it builds."""
    named: set[str] = set()
    prefixes: set[str] = set()
    for path in sorted(root.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id == "ScreenText"
                    and node.attr != "of"):
                named.add(node.attr)
            elif (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "of"
                  and isinstance(node.func.value, ast.Name) and node.func.value.id == "ScreenText"):
                built = node.args[0]
                if isinstance(built, ast.JoinedStr) and isinstance(built.values[0], ast.Constant):
                    prefixes.add(str(built.values[0].value))
                elif isinstance(built, ast.BinOp) and isinstance(built.left, ast.Constant):
                    prefixes.add(str(built.left.value))
    return named, prefixes


def _keys_core_holds() -> set[str]:
    """Screen texts whose keys live in core's registries (ways to pay, invoice kinds) as strings."""
    from core.checkout.invoice_kinds import INVOICE_KINDS
    from core.payment_kind import PaymentKind

    keys = {kind.label_key for kind in PaymentKind} | {kind.label_key for kind in INVOICE_KINDS}
    keys |= {kind.code_prompt for kind in INVOICE_KINDS if kind.code_prompt}
    return keys | {kind.ban_prompt for kind in INVOICE_KINDS}


def _unused(named: set[str], prefixes: set[str]) -> list[str]:
    held = _keys_core_holds()
    return [text.value for text in ScreenText
            if text.name not in named and not text.value.startswith(tuple(prefixes)) and text.value not in held]


def test_every_screen_text_is_used_in_the_app() -> None:
    """A text nobody shows is dead weight that still has to be translated: each member is named in tui/,
    built by a listed family, or a key core's registries hold."""
    named, prefixes = _screen_text_uses(ROOT / "tui")
    assert prefixes == DYNAMIC_FAMILIES
    assert all(ScreenText.of(key) for key in _keys_core_holds())
    assert _unused(named, prefixes) == []


def test_the_dead_text_check_finds_a_text_nobody_shows(tmp_path: Path) -> None:
    (tmp_path / "screen.py").write_text(
        "t(ScreenText.KEY_HELP)\n"
        "t(ScreenText.of(f'upload.{state}'))\n", encoding="utf-8")
    named, prefixes = _screen_text_uses(tmp_path)
    assert (named, prefixes) == ({"KEY_HELP"}, {"upload."})
    unused = _unused(named, prefixes)
    assert "key.back" in unused and "status.online" in unused
    assert "key.help" not in unused and "upload.waiting" not in unused and "pay.cash" not in unused


def test_a_built_screen_key_is_checked_at_once() -> None:
    assert ScreenText.of("upload.waiting") is ScreenText.UPLOAD_WAITING
    with pytest.raises(ValueError, match=r"upload\.nonsense"):
        ScreenText.of("upload.nonsense")


def test_every_way_to_pay_has_one_word_on_hq_pages() -> None:
    from core.payment_kind import PaymentKind
    from hq.web.i18n import TENDER_WORDS, tender_namer

    assert set(TENDER_WORDS) == set(PaymentKind)
    assert all(TENDER_WORDS[kind] == kind.hq_label_key for kind in PaymentKind)
    zh, en = tender_namer("zh-TW"), tender_namer("en")
    assert [zh("cash"), en("card"), zh("other")] == ["現金", "Card", "其他"]
    assert en("voucher") == "tender.voucher"  # a kind a newer station wrote reads as any unknown word does
