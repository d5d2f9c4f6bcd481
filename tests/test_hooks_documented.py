"""docs/hooks.md documents every hook of cchc_rules.hookspecs with its exact signature, and each
example there registers cleanly."""

from __future__ import annotations

import inspect
import re
import types

import pytest

from cchc_rules import hookspecs
from cchc_rules.plugins import HOOKS, PluginHost

from _support import ROOT

DOC = (ROOT / "docs" / "hooks.md").read_text(encoding="utf-8")
SPECS = [
    getattr(hookspecs, name)
    for name in dir(hookspecs)
    if hasattr(getattr(hookspecs, name), f"{hookspecs.PROJECT}_spec")
]


def section(name: str) -> str:
    match = re.search(rf"^## {name}\n(.*?)(?=^## |\Z)", DOC, re.M | re.S)
    assert match, f"docs/hooks.md has no section '## {name}'"
    return match[1]


def signature(fn: types.FunctionType) -> str:
    """``def name(arg: Type) -> Ret`` as written in the source (annotations are strings)."""
    return f"def {fn.__name__}{inspect.signature(fn)}".replace("'", "")


def test_every_hook_is_found() -> None:
    assert [fn.__name__ for fn in SPECS] == list(HOOKS)
    assert "cchc_register_rules" in HOOKS


@pytest.mark.parametrize("spec", SPECS, ids=lambda fn: fn.__name__)
def test_hook_documented_with_its_signature_and_an_example(spec: types.FunctionType) -> None:
    text = section(spec.__name__)
    assert f"```python\n{signature(spec)}\n```" in text
    assert f"@hookimpl\ndef {spec.__name__}(register):" in text


def test_no_section_for_a_hook_that_does_not_exist() -> None:
    assert set(re.findall(r"^## (cchc_\w+)$", DOC, re.M)) == set(HOOKS)


@pytest.mark.parametrize("spec", SPECS, ids=lambda fn: fn.__name__)
def test_the_example_registers_without_failure(spec: types.FunctionType) -> None:
    blocks = re.findall(r"```python\n(.*?)```", section(spec.__name__), re.S)
    example = next(b for b in blocks if "@hookimpl" in b)
    module = types.ModuleType(f"doc_example_{spec.__name__}")
    exec(compile(example, f"hooks.md:{spec.__name__}", "exec"), module.__dict__)
    host = PluginHost(entry_points=False, objects=[module])
    registry = host.collect()
    assert registry.failures == []
    assert module.__name__ in {p.name for p in registry.plugins}
