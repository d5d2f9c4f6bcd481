"""Loading unit data (``cchc/1``) from TOML and JSON files, or from mappings built in code."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from os import PathLike
from typing import Any

import attrs

from .._gc import paused_gc
from ..errors import DataError, DataIssue
from ..model import Dataset, Source
from .convert import FileDraft, build_dataset, convert_tree, known_keys
from .files import is_tabular, read_file
from .lines import TomlLines

__all__ = ["known_keys", "load_dataset", "load_mapping"]


def load_dataset(
    *paths: str | PathLike[str],
    strict: bool = False,
    max_bytes: int | None = None,
    max_depth: int | None = None,
) -> Dataset:
    """Load and merge one or more data files into a :class:`~cchc_rules.model.Dataset`.

    A path is a ``.toml`` or ``.json`` file, an ``.xlsx`` workbook or a folder of ``.csv`` files
    (see ``docs/tabular-input.md``).

    Every problem is collected, located (file, key path, line where known) and kept on
    ``dataset.issues``; only the smallest invalid part is dropped. With ``strict=True`` any data
    error raises :class:`~cchc_rules.errors.DataError` instead. A file (TOML, JSON, a workbook or
    a CSV file of a folder) larger than ``max_bytes`` (default 512 MB) is refused, as is anything
    but a regular file. Tables and arrays of a TOML or JSON file nested deeper than
    ``max_depth`` levels (default 32, the file's top-level table being level 1) are dropped,
    each reported at its key path.
    """
    if len(paths) == 1 and not isinstance(paths[0], (str, PathLike)):
        paths = tuple(paths[0])  # load_dataset([a, b]) also works
    with paused_gc():
        dataset = _load(paths, max_bytes, max_depth)
    if strict and dataset.errors:
        raise DataError(dataset.errors)
    return dataset


def _load(
    paths: Iterable[str | PathLike[str]],
    max_bytes: int | None = None,
    max_depth: int | None = None,
    built: Iterable[FileDraft] = (),
) -> Dataset:
    """Read ``paths`` and merge them with the drafts already ``built`` (e.g. extracted from a
    report document) into one dataset."""
    drafts: list[FileDraft] = list(built)
    extra: list[DataIssue] = []
    sources: list[Source] = []
    texts: dict[str, str] = {}
    relocators: dict[str, Callable[[DataIssue], DataIssue]] = {}
    for path in paths:
        if is_tabular(path):  # a workbook or a folder of CSV files
            from .tabular import read_tabular  # imported only for tabular input

            tab = read_tabular(path, max_bytes=max_bytes)
            extra.extend(tab.issues)
            sources.extend(tab.sources)
            if tab.draft is not None:
                drafts.append(tab.draft)
                relocators[tab.draft.source] = tab.relocate
            continue
        parsed = read_file(path, max_bytes=max_bytes, max_depth=max_depth)
        extra.extend(parsed.issues)
        if parsed.sha256:
            sources.append(Source(parsed.path, parsed.sha256))
        if parsed.draft is not None:
            drafts.append(parsed.draft)
        elif parsed.tree is not None:
            drafts.append(convert_tree(parsed.tree, parsed.path, consume=True))
            if parsed.text is not None:
                texts[parsed.path] = parsed.text
    dataset = _finish(drafts, extra, sources, texts)
    if relocators and dataset.issues:  # issues found while merging files, in cells
        issues = [relocators[i.source](i) if i.source in relocators else i for i in dataset.issues]
        dataset = attrs.evolve(dataset, issues=tuple(sorted(issues, key=DataIssue.sort_key)))
    return dataset


def load_mapping(
    tree: Mapping[str, Any], source: str = "<data>", *, strict: bool = False
) -> Dataset:
    """Build a dataset from an already-parsed tree (the same shape as a ``cchc/1`` file)."""
    dataset = _finish([convert_tree(dict(tree), source)], [], [])
    if strict and dataset.errors:
        raise DataError(dataset.errors)
    return dataset


def _add_lines(issues: tuple[DataIssue, ...], texts: dict[str, str]) -> tuple[DataIssue, ...]:
    """Give each located issue of a TOML file the line it points at (best effort)."""
    locators: dict[str, TomlLines] = {}
    out = []
    for issue in issues:
        text = texts.get(issue.source)
        if text is not None and issue.line is None and issue.location:
            lines = locators.get(issue.source) or locators.setdefault(issue.source, TomlLines(text))
            issue = attrs.evolve(issue, line=lines.line_of(issue.location))
        out.append(issue)
    return tuple(out)


def _finish(
    drafts: list[FileDraft],
    extra: Iterable[DataIssue],
    sources: list[Source],
    texts: dict[str, str] | None = None,
) -> Dataset:
    dataset = build_dataset(drafts, list(extra))
    changes: dict[str, Any] = {}
    if sources:
        changes["sources"] = tuple(sorted(sources, key=lambda s: s.path))
    if texts and dataset.issues:
        changes["issues"] = _add_lines(dataset.issues, texts)
    return attrs.evolve(dataset, **changes) if changes else dataset
