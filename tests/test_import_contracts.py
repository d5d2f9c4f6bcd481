"""The import-layer contract (``.importlinter``), checked by import-linter: built-in plugins use
only the public API; the model and loading know nothing of the engine, the CLI or the renderers;
rendering never runs rules. (It replaces a hand-written AST check.)"""

from __future__ import annotations

import configparser
import pkgutil
from pathlib import Path

import pytest
from importlinter.cli import lint_imports

import cchc_rules

ROOT = Path(__file__).resolve().parent.parent
CONTRACTS = ROOT / ".importlinter"
#: Modules a plugin may import besides the top-level package (public, documented modules).
PUBLIC_MODULES = {"citations", "testing"}


def test_every_import_contract_is_kept(capsys):
    code = lint_imports(config_filename=str(CONTRACTS), no_cache=True, no_logo=True)
    assert code == 0, capsys.readouterr().out


def test_the_public_api_contract_covers_every_private_module():
    """A module added later is forbidden to the built-in plugins until it is made public."""
    config = configparser.ConfigParser()
    config.read(CONTRACTS, encoding="utf-8")
    forbidden = set(config["importlinter:contract:builtin-public-api"]["forbidden_modules"].split())
    modules = {m.name for m in pkgutil.iter_modules(cchc_rules.__path__)}
    private = {f"cchc_rules.{m}" for m in modules - PUBLIC_MODULES - {"builtin", "__main__"}}
    assert private <= forbidden, sorted(private - forbidden)


@pytest.mark.parametrize("name", cchc_rules.__all__)
def test_public_api_is_importable_and_listed(name):
    assert hasattr(cchc_rules, name)
