"""The back office's words are typed: pages and templates name `PageText` members, a misspelt one fails
(mypy in Python, render time in a template) instead of showing a key, every page renders in both
languages without a key on it, and every word is used somewhere (the shape of tests/test_messages.py)."""

from __future__ import annotations

import ast
import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, get_args

import pytest
from jinja2 import nodes

import hq.reconcile
from core.sync.protocol import AllowanceStatus
from hq.web.context import TEMPLATES
from hq.web.i18n import FAMILIES, WORDS, namer, translator
from hq.web.words import PageText
from hq.web.writes.staff import StaffRow
from tests.hq.web.conftest import Office, override_order
from tests.support.allowances import ALLOWANCES, make_allowance
from tests.support.mypy_run import mypy_errors
from tests.support.orders import make_order
from tests.support.paths import ROOT

TEMPLATE_DIR = ROOT / "hq" / "web" / "templates"
TEMPLATE_NAMES = sorted(path.name for path in TEMPLATE_DIR.glob("*.html"))
LANGUAGES = {"zh-TW": "zh", "en": "en"}
# What a word missing from the catalog would show: its dotted key, or a family's key built from a value.
SHOWN_KEY = re.compile("|".join(re.escape(word.value) for word in PageText if "." in word.value)
                       + r"|\b(?:" + "|".join(re.escape(family) for family in sorted(FAMILIES)) + r")[a-z_]+\b")


def _template_uses(source: str) -> tuple[set[str], set[str], list[str]]:
    """A template's PageText member names, the families it passes to `named`, and its `t(...)` calls whose
    word is neither a member nor a loop variable (which the loop's own list gives as members)."""
    tree = TEMPLATES.env.parse(source)
    members = {node.attr for node in tree.find_all(nodes.Getattr)
               if isinstance(node.node, nodes.Name) and node.node.name == "PageText"}
    looped = {name.name for loop in tree.find_all(nodes.For)
              for name in (loop.target, *loop.target.find_all(nodes.Name)) if isinstance(name, nodes.Name)}
    families: set[str] = set()
    loose: list[str] = []
    for call in tree.find_all(nodes.Call):
        if not isinstance(call.node, nodes.Name):
            continue
        first = call.args[0] if call.args else None
        if call.node.name == "named":
            families.add(first.value if isinstance(first, nodes.Const) else repr(first))
        elif call.node.name == "t":
            is_member = isinstance(first, nodes.Getattr) and isinstance(first.node, nodes.Name) \
                and first.node.name == "PageText"
            if not is_member and not (isinstance(first, nodes.Name) and first.name in looped):
                loose.append(repr(first))
    return members, families, loose


def _python_uses(root: Path) -> set[str]:
    named: set[str] = set()
    for path in sorted(root.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id == "PageText" \
                    and node.attr != "of":
                named.add(node.attr)
    return named


def _unused(named: set[str]) -> list[str]:
    return [word.value for word in PageText if word.name not in named and not word.value.startswith(tuple(FAMILIES))]


@pytest.mark.parametrize("name", TEMPLATE_NAMES)
def test_every_template_names_only_members_and_listed_families(name: str) -> None:
    """Every branch of a template, rendered or not by the pages below: a misspelt member, an unlisted
    family or a plain string handed to `t` is found here."""
    members, families, loose = _template_uses((TEMPLATE_DIR / name).read_text(encoding="utf-8"))
    assert members - {word.name for word in PageText} == set()
    assert families <= FAMILIES
    assert loose == []


def test_the_template_check_finds_a_misspelt_member_a_plain_key_and_an_unlisted_family() -> None:
    members, families, loose = _template_uses(
        '{{ t(PageText.NAV_TODAYY) }}{{ t("nav.today") }}{{ named("stauts.", o.status) }}'
        '{% for key in [PageText.NAV_Z] %}{{ t(key) }}{% endfor %}')
    assert members == {"NAV_TODAYY", "NAV_Z"} and families == {"stauts."}
    assert loose == ["Const(value='nav.today')"]


def test_a_misspelt_member_or_family_fails_at_render_time() -> None:
    context = {"t": translator("en"), "named": namer("en"), "PageText": PageText}
    assert TEMPLATES.env.from_string("{{ t(PageText.NAV_TODAY) }}").render(context) == "Today"
    with pytest.raises(TypeError, match="PageText member"):
        TEMPLATES.env.from_string("{{ t(PageText.NAV_TODAYY) }}").render(context)
    with pytest.raises(TypeError, match="PageText member"):
        TEMPLATES.env.from_string('{{ t("nav.today") }}').render(context)
    with pytest.raises(ValueError, match="stauts"):
        TEMPLATES.env.from_string('{{ named("stauts.", "voided") }}').render(context)


def test_a_stored_value_reads_in_its_family_and_an_unknown_one_as_its_key() -> None:
    zh, en = namer("zh-TW"), namer("en")
    assert [zh("status.", "voided"), en("role.", "manager"), en("ret.status.", "held")] == [
        "已作廢", "Manager", "waiting for the sale"]
    assert en("status.", "archived") == "status.archived"  # a state from a newer HQ: shown, not a crash


def test_every_value_hq_stores_in_a_family_has_its_word() -> None:
    reasons = {hq.reconcile.UNKNOWN_SKU, hq.reconcile.UNKNOWN_STAFF, hq.reconcile.REISSUE_UNKNOWN}
    keys = {f"reason.{reason}" for reason in reasons}
    keys |= {f"ret.status.{status}" for status in get_args(AllowanceStatus)}
    keys |= {"att.allowance.held", "att.allowance.rejected", "status.accepted", "status.voided"}
    keys |= {f"role.{role}" for role in get_args(StaffRow.model_fields["role"].annotation)}
    assert sorted(keys - set(WORDS)) == []
    assert all(any(word.value.startswith(family) for word in PageText) for family in FAMILIES)


def test_every_page_text_is_used_by_a_page_or_a_template() -> None:
    """A word nobody shows is dead weight that still has to be translated: each member is named in hq/ or
    a template, or belongs to a family a stored value picks from."""
    named = _python_uses(ROOT / "hq")
    for name in TEMPLATE_NAMES:
        named |= _template_uses((TEMPLATE_DIR / name).read_text(encoding="utf-8"))[0]
    assert _unused(named) == []


def test_the_dead_word_check_finds_a_word_nobody_shows(tmp_path: Path) -> None:
    (tmp_path / "page.py").write_text("who.t(PageText.NAV_TODAY)\nPageText.of(kind)\n", encoding="utf-8")
    named = _python_uses(tmp_path)
    assert named == {"NAV_TODAY"}
    unused = _unused(named)
    assert "nav.orders" in unused and "nav.today" not in unused and "status.voided" not in unused


def test_mypy_refuses_a_plain_string_where_a_page_word_belongs(tmp_path: Path) -> None:
    (tmp_path / "page.py").write_text(
        "from hq.web.i18n import translator\n"
        "from hq.web.words import PageText\n"
        "t = translator('en')\n"
        "t(PageText.NAV_TODAY)\n"
        "t('nav.today')\n"
        "t(PageText.NAV_TODAYY)\n", encoding="utf-8")
    result, errors = mypy_errors(tmp_path / "page.py")
    assert [line.split(":")[1] for line in errors] == ["5", "6"], result.stdout


@pytest.fixture
def rendered(monkeypatch: pytest.MonkeyPatch) -> Iterator[set[str]]:
    """Every template a page renders, extended and included ones too: Jinja resolves both at render time
    through the environment's get_template."""
    seen: set[str] = set()
    original: Callable[..., Any] = TEMPLATES.env.get_template

    def recording(name: Any, *args: Any, **kwargs: Any) -> Any:
        seen.add(str(name))
        return original(name, *args, **kwargs)

    monkeypatch.setattr(TEMPLATES.env, "get_template", recording)
    yield seen


def _page(office: Office, path: str, lang: str, status: int = 200) -> str:
    page = office.client.get(path, params={"lang": lang})
    assert page.status_code == status, f"{path}: {page.text[:500]}"
    return page.text


def _is_in(lang: str, page: str, path: str) -> None:
    assert f'<html lang="{lang}">' in page and getattr(PageText.APP, LANGUAGES[lang]) in page, path
    shown = SHOWN_KEY.findall(page)
    assert shown == [], f"{path} in {lang} shows keys: {shown}"


def test_every_page_renders_in_both_languages_without_a_key(office: Office, rendered: set[str]) -> None:
    for lang in LANGUAGES:
        _is_in(lang, _page(office, "/office/signin", lang), "/office/signin")
    assert office.sign_in().status_code == 303
    sale = make_order(seq=1, lines=[("SKU00001", "乾電池 3號 4入", "regular", 2, 105)], offline=False)
    office.upload(sale, override_order(seq=2), make_order(seq=3, lines=[("NOPE-1", "神秘商品", "regular", 1, 50)]))
    unseen = make_order(seq=4)  # sold offline and not uploaded: its allowance waits at HQ
    sent = office.hq.client("S01").post(ALLOWANCES, json={"allowances": [
        make_allowance(sale, number="S01A00000001"), make_allowance(unseen, number="S01A00000002")]})
    assert [result["outcome"] for result in sent.json()["results"]] == ["accepted", "held"]

    pages = ["/office/", "/office/attention", "/office/orders", f"/office/orders/{sale['id']}", "/office/filing",
             "/office/numbers", "/office/stations", "/office/catalog", "/office/staff", "/office/members",
             "/office/z"]
    for lang in LANGUAGES:
        for path in pages:
            _is_in(lang, _page(office, path, lang), path)
        refused = office.client.post("/office/members/import", params={"lang": lang}, data={"csrf": office.csrf()},
                                     files={"file": ("members.csv", "id,member_code,phone,name\n,,12,\n")})
        assert refused.status_code == 422 and "<li>" in refused.text
        _is_in(lang, refused.text, "members import")
        forged = office.client.post("/office/members/import", params={"lang": lang}, data={"csrf": "forged"})
        assert forged.status_code == 403
        _is_in(lang, forged.text, "refused")
    assert set(TEMPLATE_NAMES) <= rendered
