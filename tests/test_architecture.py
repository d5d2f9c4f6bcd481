"""Import directions that keep the architecture honest (what import-linter would hold):
built-in plugins use only the public API; the model and loading know nothing of the engine,
the CLI or the renderers; rendering never runs rules."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import cchc_rules

SRC = Path(cchc_rules.__file__).parent
#: Modules a plugin may import besides the top-level package (public, documented modules).
PUBLIC_MODULES = {"cchc_rules", "cchc_rules.citations", "cchc_rules.testing"}


def imports(path: Path) -> set[str]:
    """Absolute names of the cchc_rules modules ``path`` imports (relative imports resolved)."""
    package = ".".join(("cchc_rules", *path.relative_to(SRC).parent.parts))
    out = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                name = ".".join([*base, node.module] if node.module else base)
            else:
                name = node.module or ""
            if name.startswith("cchc_rules"):
                out.add(name)
        elif isinstance(node, ast.Import):
            out.update(a.name for a in node.names if a.name.startswith("cchc_rules"))
    return out


@pytest.mark.parametrize("path", sorted((SRC / "builtin").glob("*.py")), ids=lambda p: p.name)
def test_builtin_plugins_use_only_the_public_api(path):
    assert imports(path) <= PUBLIC_MODULES


@pytest.mark.parametrize(
    ("module", "forbidden"),
    [
        ("model.py", ("engine", "cli", "renderers", "plugins", "report", "loading")),
        ("errors.py", ("engine", "cli", "renderers", "plugins", "report", "model")),
        ("findings.py", ("engine", "cli", "renderers", "plugins", "report")),
        ("loading", ("engine", "cli", "renderers", "plugins", "report", "rule", "builtin")),
        ("law", ("engine", "cli", "renderers", "plugins", "report", "builtin")),
        ("engine.py", ("cli", "renderers", "builtin")),
        ("renderers", ("engine", "cli", "builtin", "plugins")),
    ],
)
def test_layers_do_not_reach_upwards(module, forbidden):
    target = SRC / module
    files = sorted(target.rglob("*.py")) if target.is_dir() else [target]
    for path in files:
        for name in imports(path):
            assert not any(name.startswith(f"cchc_rules.{f}") for f in forbidden), (path, name)


def test_public_api_is_importable_and_listed():
    for name in cchc_rules.__all__:
        assert hasattr(cchc_rules, name), name
