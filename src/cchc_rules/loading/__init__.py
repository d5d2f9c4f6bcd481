"""Loading unit data (``cchc/1``) from TOML and JSON files, or from mappings built in code."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from os import PathLike
from typing import Any

from ..errors import DataError, DataIssue
from ..model import Dataset, Source
from .convert import FileDraft, build_dataset, convert_tree, known_keys
from .files import read_file

__all__ = ["known_keys", "load_dataset", "load_mapping"]


def load_dataset(*paths: str | PathLike[str], strict: bool = False) -> Dataset:
    """Load and merge one or more data files into a :class:`~cchc_rules.model.Dataset`.

    Every problem is collected, located (file, key path, line where known) and kept on
    ``dataset.issues``; only the smallest invalid part is dropped. With ``strict=True`` any data
    error raises :class:`~cchc_rules.errors.DataError` instead.
    """
    if len(paths) == 1 and not isinstance(paths[0], (str, PathLike)):
        paths = tuple(paths[0])  # load_dataset([a, b]) also works
    drafts: list[FileDraft] = []
    extra: list[DataIssue] = []
    sources: list[Source] = []
    for path in paths:
        parsed = read_file(path)
        extra.extend(parsed.issues)
        if parsed.sha256:
            sources.append(Source(parsed.path, parsed.sha256))
        if parsed.tree is not None:
            drafts.append(convert_tree(parsed.tree, parsed.path))
    dataset = _finish(drafts, extra, sources)
    if strict and dataset.errors:
        raise DataError(dataset.errors)
    return dataset


def load_mapping(
    tree: Mapping[str, Any], source: str = "<data>", *, strict: bool = False
) -> Dataset:
    """Build a dataset from an already-parsed tree (the same shape as a ``cchc/1`` file)."""
    dataset = _finish([convert_tree(dict(tree), source)], [], [])
    if strict and dataset.errors:
        raise DataError(dataset.errors)
    return dataset


def _finish(drafts: list[FileDraft], extra: Iterable[DataIssue], sources: list[Source]) -> Dataset:
    dataset = build_dataset(drafts, list(extra))
    if sources:
        import attrs

        dataset = attrs.evolve(dataset, sources=tuple(sorted(sources, key=lambda s: s.path)))
    return dataset
