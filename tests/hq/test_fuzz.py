"""The HQ API fuzzed from its own OpenAPI document (schemathesis + hypothesis): whatever a client sends,
HQ answers with a 2xx/4xx, never a 5xx, and its 2xx answers match the schema it publishes."""

from __future__ import annotations

import hypothesis
import pytest
import schemathesis
from schemathesis.checks import not_a_server_error, response_schema_conformance

from core.clock import ManualClock
from hq.db import HQDatabase
from tests.factories import NOON
from tests.support.fixtures import seeded

SETTINGS = hypothesis.settings(max_examples=12, deadline=None, derandomize=True, database=None,
                               suppress_health_check=list(hypothesis.HealthCheck))


@pytest.fixture
def fuzzed(hq_sqlite: HQDatabase, monkeypatch: pytest.MonkeyPatch) -> dict:
    return {"hq": seeded(hq_sqlite, ManualClock(NOON), monkeypatch)}


@pytest.fixture
def api(fuzzed: dict) -> schemathesis.BaseSchema:
    return schemathesis.openapi.from_asgi("/openapi.json", fuzzed["hq"].app)


schema = schemathesis.pytest.from_fixture("api")


@schema.parametrize()
@SETTINGS
def test_no_request_makes_hq_fail(case: schemathesis.Case, fuzzed: dict) -> None:
    hq = fuzzed["hq"]
    token = hq.admin_token if case.path.startswith("/api/v1/admin") else hq.tokens["S01"]
    headers = {"Authorization": f"Bearer {token}"}
    response = case.call(headers=headers)
    assert response.status_code < 500, response.text
    case.validate_response(response, checks=[not_a_server_error, response_schema_conformance], headers=headers)


def test_the_fuzzer_reaches_every_operation(api: schemathesis.BaseSchema) -> None:
    operations = {(op.ok().method.upper(), op.ok().path) for op in api.get_all_operations()}
    assert ("POST", "/api/v1/orders/batch") in operations and ("GET", "/api/v1/products") in operations
    assert len(operations) >= 14
