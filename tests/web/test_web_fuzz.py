"""The OpenAPI schema, fuzzed in-process: no input the schema admits (or violates) gets a 5xx,
and every response matches what the schema documents.

Each operation gets a bounded number of generated requests, valid and invalid, so the whole
run stays around a minute on a small machine.
"""
from __future__ import annotations

import copy

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from hypothesis.errors import Unsatisfiable
from schemathesis.checks import not_a_server_error
from schemathesis.generation.modes import GenerationMode
from schemathesis.specs.openapi.checks import content_type_conformance, response_schema_conformance

from assistant.storage import Storage
from assistant.web.app import create_app

EXAMPLES = 30  # per operation and mode
CHECKS = [not_a_server_error, response_schema_conformance, content_type_conformance]


@pytest.fixture
def web_schema(fake_assistant, make_settings, tmp_path):
    assistant = copy.copy(fake_assistant)
    assistant.storage = Storage(f"sqlite:///{tmp_path / 'fuzz.db'}")
    # Limits high enough that the fuzzer's own volume is not what it measures; a token so the
    # internal and Slack routes are enabled (and refuse the unsigned fuzzer with 401).
    app = create_app(make_settings(tmp_path, chat_per_minute=100_000, feedback_per_minute=100_000,
                                   login_per_minute=100_000, internal_token="fuzz-internal-token",
                                   slack_signing_secret="fuzz-signing-secret"),
                     assistant=assistant)
    return schemathesis.openapi.from_asgi("/openapi.json", app)


@pytest.mark.parametrize("mode", [GenerationMode.POSITIVE, GenerationMode.NEGATIVE])
def test_the_api_never_fails_with_5xx_or_off_schema(web_schema, mode):
    operations = [result.ok() for result in web_schema.get_all_operations()]
    assert any(op.path == "/api/chat" for op in operations)
    for operation in operations:
        @given(case=operation.as_strategy(generation_mode=mode))
        @settings(max_examples=EXAMPLES, deadline=None, derandomize=True, database=None,
                  suppress_health_check=list(HealthCheck))
        def run(case):
            case.call_and_validate(checks=CHECKS)

        try:
            run()
        except Unsatisfiable:
            # Negative mode only: an operation with no parameters and no body has nothing to violate.
            assert mode == GenerationMode.NEGATIVE, operation.label
