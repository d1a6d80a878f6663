"""The fuzz's hooks (.ci/fuzz_hooks.py) drop exactly the two refusals the schema cannot
express, and nothing else: a hook that dropped more would hide real findings."""

import importlib.util
import json
from pathlib import Path
from types import SimpleNamespace

import pytest

HOOKS = Path(__file__).resolve().parents[2] / ".ci" / "fuzz_hooks.py"


@pytest.fixture(scope="module")
def hooks():
    spec = importlib.util.spec_from_file_location("fuzz_hooks_under_test", HOOKS)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def answer(status, *errors):
    body = {"detail": "x", "errors": [dict(zip(("field", "code"), e, strict=True)) for e in errors]}
    return SimpleNamespace(status_code=status, content=json.dumps(body).encode())


REJECTED = SimpleNamespace(code="ST202")


@pytest.mark.parametrize("errors", [[("page", "invalid_page")], [("page_size", "partial_csv")]])
def test_drops_a_schema_valid_request_refused_for_an_unexpressible_reason(hooks, errors):
    assert hooks.filter_failure(None, REJECTED, None, answer(400, *errors)) is False


@pytest.mark.parametrize(
    ("failure", "response"),
    [
        (REJECTED, answer(400, ("kind", "invalid_choice"))),
        (REJECTED, answer(400, ("page", "invalid_page"), ("q", "invalid"))),
        (REJECTED, answer(400, ("page", "invalid"))),
        (REJECTED, answer(500, ("page", "invalid_page"))),
        (REJECTED, SimpleNamespace(status_code=400, content=b"<html>")),
        (SimpleNamespace(code="ST204"), answer(400, ("page", "invalid_page"))),
    ],
)
def test_keeps_every_other_failure(hooks, failure, response):
    assert hooks.filter_failure(None, failure, None, response) is True
