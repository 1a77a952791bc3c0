"""The printer models a station can be configured for: one registry for names, link speed, advice."""

from __future__ import annotations

import pytest

from core.errors import MESSAGES, CashierError
from core.printer.config import PrinterConfig
from core.printer.diagnostics import model_guidance
from core.printer.models import GENERIC, MODEL_NAMES, MODELS, PrinterModel, printer_model


def test_the_models_a_configuration_may_name() -> None:
    assert MODEL_NAMES == ("PP-8800", "PP-8802", "PP-5200", "generic")
    assert [printer_model(name) for name in MODEL_NAMES] == list(MODELS)
    assert printer_model("TM-T88") is GENERIC


@pytest.mark.parametrize("model", MODELS, ids=lambda model: model.name)
def test_every_model_has_advice_in_the_catalog_and_a_link_speed(model: PrinterModel) -> None:
    assert model.usb_guidance and all(key in MESSAGES for key in model.usb_guidance)
    assert model.default_baudrate > 0


def test_advice_per_model() -> None:
    assert [e.code for e in model_guidance("PP-8800")] == ["printer.guide.pp8800_dip"]
    assert [e.code for e in model_guidance("PP-8802")] == ["printer.guide.pp8802_utility"]
    both = ["printer.guide.pp8800_dip", "printer.guide.pp8802_utility"]
    assert [e.code for e in model_guidance("PP-5200")] == both
    assert [e.code for e in model_guidance("generic")] == both


def test_a_configuration_takes_its_models_link_speed_unless_it_sets_one() -> None:
    assert PrinterConfig.from_mapping({"model": "PP-8800"}).baudrate == printer_model("PP-8800").default_baudrate
    assert PrinterConfig.from_mapping({"model": "PP-8800", "baudrate": 9600}).baudrate == 9600
    assert PrinterConfig().baudrate == GENERIC.default_baudrate == 19200


def test_a_model_not_in_the_registry_is_refused_with_the_list() -> None:
    with pytest.raises(CashierError) as refused:
        PrinterConfig(model="TM-T88")
    assert refused.value.params["expected"] == " | ".join(MODEL_NAMES)
