"""The house rule "no status-only assertion", kept by reading the tests themselves.

A test whose only checks are ``x.status_code == 403`` (or a CLI's ``exit_code``) passes whatever
the person reads: a refusal in the wrong words, a page that leaks what it refused, a write that
happened anyway. This scan fails on a test function whose every ``assert`` compares nothing but
status or exit codes (with literals), and which has no other check (``pytest.raises``, or a helper
named ``assert_*``/``check_*``/``expect_*``/``must_*``). It flags nothing else: a status check next
to any assertion on the body, a row, a header or a message is fine, and so is a test without any
``assert`` (property tests check invariants inside their state machines).
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

pytestmark = pytest.mark.unit

TESTS = Path(__file__).resolve().parents[2]
CODE_ATTRIBUTES = {"status_code", "exit_code", "returncode"}
CHECK_PREFIXES = ("assert", "check", "expect", "must", "_assert", "_check", "_expect", "_must")
STATUS_NAMES = {"HTTPStatus", "status"}  # ``HTTPStatus.FORBIDDEN`` is a literal too


def _only_codes(test: ast.expr) -> bool:
    """True when the assertion reads nothing but status/exit codes and literals."""
    saw_code = False
    for node in ast.walk(test):
        if isinstance(node, ast.Attribute) and node.attr in CODE_ATTRIBUTES:
            saw_code = True
    if not saw_code:
        return False

    class _Blank(ast.NodeTransformer):
        def visit_Attribute(self, node: ast.Attribute) -> ast.AST:
            if node.attr in CODE_ATTRIBUTES:  # the whole ``client.get(...).status_code``
                return ast.Constant(0)
            return self.generic_visit(node)

    rest = _Blank().visit(ast.parse(ast.unparse(test), mode="eval"))
    for node in ast.walk(rest):
        if isinstance(node, ast.Name) and node.id not in STATUS_NAMES:
            return False
        if isinstance(node, ast.Call | ast.Subscript):
            return False
        if isinstance(node, ast.Attribute) and not (
            isinstance(node.value, ast.Name) and node.value.id in STATUS_NAMES
        ):
            return False
    return True


def _has_other_check(function: ast.FunctionDef | ast.AsyncFunctionDef) -> bool:
    for node in ast.walk(function):
        if isinstance(node, ast.Call):
            called = node.func
            name = called.attr if isinstance(called, ast.Attribute) else getattr(called, "id", "")
            if name == "raises" or name.startswith(CHECK_PREFIXES):
                return True
    return False


def status_only_tests(source: str, where: str) -> list[str]:
    """The test functions in ``source`` whose only checks are status or exit codes.

    >>> status_only_tests("def test_a(c):\\n    assert c.get('/').status_code == 403\\n", "f")
    ['f::test_a']
    >>> status_only_tests(
    ...     "def test_b(c):\\n    r = c.get('/')\\n    assert r.status_code == 403\\n"
    ...     "    assert r.json()['detail'] == 'No.'\\n",
    ...     "f",
    ... )
    []
    """
    found = []
    for node in ast.walk(ast.parse(source)):
        if not isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            continue
        if not node.name.startswith("test"):
            continue
        asserts = [n for n in ast.walk(node) if isinstance(n, ast.Assert)]
        if asserts and all(_only_codes(a.test) for a in asserts) and not _has_other_check(node):
            found.append(f"{where}::{node.name}")
    return found


def test_no_test_checks_only_a_status_code() -> None:
    offenders = []
    for path in sorted(TESTS.rglob("test_*.py")):
        where = str(path.relative_to(TESTS.parent))
        offenders += status_only_tests(path.read_text(encoding="utf-8"), where)
    assert offenders == [], (
        "these tests check only a status or exit code; assert what a person would notice "
        "(the message, the page text, the row, or that nothing was written): "
        + ", ".join(offenders)
    )


def test_the_scan_sees_a_status_only_test_and_passes_a_checked_one() -> None:
    bare = (
        "def test_refused(client):\n"
        "    assert client.get('/x').status_code == 403\n"
        "    assert client.get('/y', follow_redirects=False).status_code in (303, 307)\n"
    )
    checked = (
        "def test_refused(client):\n"
        "    refused = client.get('/x')\n"
        "    assert refused.status_code == 403 and 'This page is for admins.' in refused.text\n"
    )
    raising = (
        "def test_refused(runner):\n"
        "    with pytest.raises(InputError, match='k must be'):\n"
        "        run()\n"
        "    assert runner.exit_code == 2\n"
    )
    assert status_only_tests(bare, "t.py") == ["t.py::test_refused"]
    assert status_only_tests(checked, "t.py") == []
    assert status_only_tests(raising, "t.py") == []
