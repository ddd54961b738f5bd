"""Schemathesis fuzzes every operation of the published OpenAPI document: whatever a client
sends that the schema allows (and much it does not), the API answers without a server error,
and every error is a problem document."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from portal.api import create_api
from portal.models import CounterType, Role, Ticket
from portal.services import api_keys, ticket_clock
from tests.factories import make_account, make_model, make_org, make_product, make_user

TICKET = "1-000000001"


@pytest.fixture
def fuzz_world(engine, session):
    """A small fleet, a ticket and a read-write key; the API app on it and the key."""
    org = make_org(session, "Fuzz Org")
    account = make_account(session, org, "FUZZ-1")
    model = make_model(session, "Fuzz 1")
    for n, code in enumerate(("total", "black", "colour")):
        session.add(CounterType(model_id=model.id, code=code, digits=8, position=n))
    product = make_product(session, account=account, model=model, serial="FUZZ-SN")
    ticket = Ticket(number=TICKET, product_id=product.id, created_at=datetime.now(UTC))
    session.add(ticket)
    session.flush()
    ticket_clock.record_status(
        session=session,
        ticket=ticket,
        status="new",
        actor=None,
        activity_type="Call received",
        now=ticket.created_at,
    )
    admin = make_user(session, role=Role.PROVIDER_ADMIN)
    _, secret = api_keys.create_key(
        session=session, actor=admin, name="fuzz", scopes=["read", "write"]
    )
    session.commit()
    return create_api(lambda: engine, rate_limit=1_000_000), secret


def _operations() -> list[tuple[str, str, schemathesis.GenerationMode]]:
    """Every operation, fuzzed with valid input and, where it takes any, with invalid input."""
    document = create_api(lambda: None).openapi()
    cases = []
    for path, item in document["paths"].items():
        for method, operation in item.items():
            cases.append((method.upper(), path, schemathesis.GenerationMode.POSITIVE))
            if operation.get("parameters") or operation.get("requestBody"):
                cases.append((method.upper(), path, schemathesis.GenerationMode.NEGATIVE))
    return cases


@pytest.mark.parametrize(("method", "path", "mode"), _operations(), ids=str)
def test_no_operation_answers_with_a_server_error(method, path, mode, fuzz_world):
    app, secret = fuzz_world
    operation = schemathesis.openapi.from_asgi("/api/openapi.json", app)[path][method]
    known = {"number": TICKET}

    @given(case=operation.as_strategy(mode), real_ticket=st.booleans())
    @settings(
        max_examples=40, deadline=None, derandomize=True, suppress_health_check=list(HealthCheck)
    )
    def answers_without_a_server_error(case, real_ticket):
        if real_ticket and "number" in (case.path_parameters or {}):
            case.path_parameters = {**case.path_parameters, **known}
        response = case.call(headers={"Authorization": f"Bearer {secret}"})
        assert response.status_code < 500, response.text
        if response.status_code >= 400:
            assert response.headers["content-type"][0].startswith("application/problem+json")

    answers_without_a_server_error()
