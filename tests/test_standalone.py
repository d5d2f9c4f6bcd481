"""The project stands on its own: no file points outside the repository, every relative link in
the docs resolves inside it, and CI runs exactly the test command the README gives."""

from __future__ import annotations

import re
import shlex
from pathlib import Path
from urllib.parse import unquote

import pytest

from _support import ROOT, project_files

#: A path outside the repository that a file must not read, link or name (spelt in two parts so
#: that this file does not name it either).
OUTSIDE = ("../" + "shared", "/work/" + "shared")

# [text](target) and [text]: target; images too. Angle brackets and a title are allowed.
INLINE_LINK = re.compile(r"!?\[[^\]]*\]\(\s*(?:<([^>]*)>|([^)\s]+))(?:\s+\"[^\"]*\")?\s*\)")
REFERENCE_LINK = re.compile(r"^\s*\[[^\]]+\]:\s*<?(\S+?)>?(?:\s+\".*\")?\s*$", re.MULTILINE)
CODE = re.compile(r"```.*?```|`[^`\n]*`", re.DOTALL)


def test_the_file_list_is_the_project() -> None:
    names = {p.relative_to(ROOT).as_posix() for p in project_files()}
    assert {"README.md", "pyproject.toml", "src/cchc_rules/__init__.py", ".ci/run"} <= names


def test_no_file_points_outside_the_repository() -> None:
    offenders = []
    for path in project_files():
        try:
            text = path.read_bytes().decode("utf-8", errors="replace")
        except OSError:
            continue
        for n, line in enumerate(text.splitlines(), 1):
            if any(outside in line for outside in OUTSIDE):
                offenders.append(f"{path.relative_to(ROOT)}:{n}: {line.strip()}")
    assert offenders == []


def markdown_links(text: str) -> list[str]:
    """Link targets of a Markdown text, code spans and blocks left out."""
    text = CODE.sub("", text)
    inline = [angled or bare for angled, bare in INLINE_LINK.findall(text)]
    return inline + REFERENCE_LINK.findall(text)


def relative_targets(doc: Path) -> list[str]:
    out = []
    for target in markdown_links(doc.read_text(encoding="utf-8")):
        if re.match(r"^[a-zA-Z][a-zA-Z0-9+.-]*:", target) or target.startswith(("#", "//")):
            continue  # a URL (https:, mailto:) or an anchor in the same page
        out.append(target)
    return out


DOCS = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]


def test_link_extraction() -> None:
    text = (
        'See [a](docs/a.md#x), [b]( <docs/b c.md> ), ![i](img.png "t"), [u](https://x.org),\n'
        "`[not](code.md)`, [top](#top).\n\n[ref]: docs/ref.md\n```\n[no](block.md)\n```\n"
    )
    assert markdown_links(text) == [
        "docs/a.md#x",
        "docs/b c.md",
        "img.png",
        "https://x.org",
        "#top",
        "docs/ref.md",
    ]


@pytest.mark.parametrize("doc", DOCS, ids=lambda p: p.relative_to(ROOT).as_posix())
def test_every_relative_link_resolves_inside_the_repository(doc: Path) -> None:
    broken = []
    for target in relative_targets(doc):
        path = unquote(target.split("#", 1)[0].split("?", 1)[0])
        if not path:
            continue
        resolved = (doc.parent / path).resolve()
        if not resolved.is_relative_to(ROOT) or not resolved.exists():
            broken.append(target)
    assert broken == [], f"{doc.relative_to(ROOT)}: links that do not resolve inside the repository"


def test_ci_runs_the_readmes_test_command() -> None:
    """.ci/run's last line is, word for word, the test command of the README's "Set up"."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    setup = readme[readme.index("## Set up") :]
    blocks = re.findall(r"```sh\n(.*?)```", setup, re.DOTALL)
    command = next(b.strip() for b in blocks if "pytest" in b and "[test]" in b)
    script = (ROOT / ".ci" / "run").read_text(encoding="utf-8").strip().splitlines()
    assert shlex.split(script[-1]) == shlex.split(command)
