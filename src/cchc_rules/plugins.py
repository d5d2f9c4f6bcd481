"""Finding, loading and calling plugins, each on its own so one broken plugin never takes the host
down: built-ins first, then the ``cchc_rules`` entry-point group, modules named in configuration,
and ``.py`` files from plugin folders.
"""

from __future__ import annotations

import importlib
import importlib.util
import sys
from collections.abc import Callable, Iterable, Mapping
from importlib import metadata
from pathlib import Path
from types import ModuleType
from typing import Any

import attrs
import pluggy

from . import hookspecs
from ._version import __version__
from .law import LawBook, LegalBasis
from .messages import Catalog
from .national import DocumentTable, NationalDocument
from .render import Renderer
from .rule import Rule

__all__ = ["ENTRY_POINT_GROUP", "PluginFailure", "PluginHost", "PluginInfo", "Registry"]

ENTRY_POINT_GROUP = "cchc_rules"

#: The names of the hooks a plugin may implement.
HOOKS: tuple[str, ...] = tuple(sorted(h for h in dir(hookspecs) if h.startswith("cchc_")))

#: The built-in plugins, registered through the same hooks as third-party ones.
BUILTIN_PLUGINS: tuple[tuple[str, str], ...] = (
    ("cchc.messages", "cchc_rules.messages.core"),
    ("cchc.law", "cchc_rules.builtin.law"),
    ("cchc.staffing", "cchc_rules.builtin.staffing"),
    ("cchc.deadlines", "cchc_rules.builtin.deadlines"),
    ("cchc.spending", "cchc_rules.builtin.spending"),
    ("cchc.digital_id", "cchc_rules.builtin.digital_id"),
    ("cchc.consistency", "cchc_rules.builtin.consistency"),
    ("cchc.references", "cchc_rules.builtin.references"),
    ("cchc.json", "cchc_rules.renderers.json"),
    ("cchc.table", "cchc_rules.renderers.table"),
)


@attrs.frozen
class PluginInfo:
    """A loaded plugin: its name, version, where it came from and the rules it registered."""

    name: str
    version: str
    origin: str  # "builtin" | "entry point" | "module" | "file" | "object"
    location: str
    rules: tuple[str, ...] = ()


@attrs.frozen
class PluginFailure:
    """A plugin that could not be loaded, or that registered something invalid."""

    plugin: str
    message: str
    origin: str = ""

    def sort_key(self) -> tuple[str, str]:
        return (self.plugin, self.message)


@attrs.define
class Registry:
    """Everything the plugins registered, attributed to them."""

    rules: dict[str, Rule] = attrs.field(factory=dict)
    renderers: dict[str, Renderer] = attrs.field(factory=dict)
    law: LawBook = attrs.field(factory=LawBook)
    documents: DocumentTable = attrs.field(factory=DocumentTable)
    messages: Catalog = attrs.field(factory=Catalog)
    plugins: list[PluginInfo] = attrs.field(factory=list)
    failures: list[PluginFailure] = attrs.field(factory=list)


def _describe(exc: BaseException, *, whole: bool = False) -> str:
    """``Type: message`` (its first line only, unless ``whole``)."""
    lines = [line.strip() for line in str(exc).strip().splitlines() if line.strip()]
    text = "; ".join(lines) if whole else (lines[0] if lines else "")
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__


def _dist_version(module: ModuleType | None, fallback: str = "") -> str:
    version = getattr(module, "__version__", None)
    if isinstance(version, str):
        return version
    top = (getattr(module, "__name__", "") or "").split(".")[0]
    try:
        dists = metadata.packages_distributions().get(top, [])
        return metadata.version(dists[0]) if dists else fallback
    except Exception:  # metadata of a broken install: a version is nice to have, not essential
        return fallback


class PluginHost:
    """Loads plugins into a private :class:`pluggy.PluginManager` and collects what they register.

    ``blocked`` names plugins not to load (built-in ones included); ``objects`` are plugin objects
    (modules or instances) registered directly, e.g. by tests or by an embedding application.
    """

    def __init__(
        self,
        *,
        builtins: bool = True,
        entry_points: bool = True,
        modules: Iterable[str] = (),
        plugin_dirs: Iterable[str | Path] = (),
        objects: Iterable[Any] = (),
        blocked: Iterable[str] = (),
    ) -> None:
        self.pm = pluggy.PluginManager(hookspecs.PROJECT)
        self.pm.add_hookspecs(hookspecs)
        self.blocked = {b.strip() for b in blocked if b.strip()}
        self.infos: dict[str, PluginInfo] = {}
        self.failures: list[PluginFailure] = []
        self._order: list[str] = []
        if builtins:
            for name, module in BUILTIN_PLUGINS:
                self._load_module(name, module, "builtin", __version__)
        if entry_points:
            self._load_entry_points()
        for module in modules:
            self._load_module(module, module, "module", None)
        for folder in plugin_dirs:
            self._load_folder(Path(folder))
        for obj in objects:
            name = getattr(obj, "__name__", None) or type(obj).__name__
            self.register(obj, name, "object", repr(obj), _dist_version(None))

    # -- loading ----------------------------------------------------------------------------
    def register(self, obj: Any, name: str, origin: str, location: str, version: str) -> bool:
        """Register one plugin object; a failure is recorded, never raised."""
        if name in self.blocked:
            return False
        if name in self.infos:
            self._fail(
                name,
                f"a plugin named {name!r} is already loaded ({self.infos[name].location})",
                origin,
            )
            return False
        try:
            self.pm.register(obj, name=name)
        except Exception as exc:  # pluggy validation: wrong hook arguments, etc.
            self._fail(name, _describe(exc, whole=True), origin)
            return False
        problem = self._hook_problem(obj)
        if problem:
            self.pm.unregister(obj)
            self._fail(name, problem, origin)
            return False
        self.infos[name] = PluginInfo(name, version, origin, location)
        self._order.append(name)
        return True

    def _hook_problem(self, obj: Any) -> str | None:
        """A misspelt hook, or a hook function without ``@hookimpl`` (pluggy would skip it)."""
        for attr in dir(obj):
            if not attr.startswith("cchc_") or not callable(getattr(obj, attr, None)):
                continue
            if attr not in HOOKS:
                return f"unknown hook {attr!r} (known: {', '.join(HOOKS)})"
            if self.pm.parse_hookimpl_opts(obj, attr) is None:
                return f"{attr} is not marked with @hookimpl"
        return None

    def _fail(self, plugin: str, message: str, origin: str = "") -> None:
        self.failures.append(PluginFailure(plugin, message, origin))

    def _load_module(self, name: str, module: str, origin: str, version: str | None) -> None:
        if name in self.blocked:
            return
        try:
            mod = importlib.import_module(module)
        except BaseException as exc:
            if isinstance(exc, KeyboardInterrupt):
                raise
            self._fail(name, f"failed to import {module}: {_describe(exc)}", origin)
            return
        self.register(
            mod,
            name,
            origin,
            getattr(mod, "__file__", None) or module,
            version or _dist_version(mod),
        )

    def _load_entry_points(self) -> None:
        for ep in sorted(metadata.entry_points(group=ENTRY_POINT_GROUP), key=lambda e: e.name):
            if ep.name in self.blocked:
                continue
            try:
                obj = ep.load()
            except BaseException as exc:
                if isinstance(exc, KeyboardInterrupt):
                    raise
                self._fail(ep.name, f"failed to import {ep.value}: {_describe(exc)}", "entry point")
                continue
            version = ep.dist.version if ep.dist is not None else _dist_version(obj)
            self.register(obj, ep.name, "entry point", ep.value, version)

    def _load_folder(self, folder: Path) -> None:
        if not folder.is_dir():
            self._fail(str(folder), "plugin folder not found", "file")
            return
        for path in sorted(folder.glob("*.py")):
            if path.name.startswith("_"):
                continue
            name = path.stem
            if name in self.blocked:
                continue
            mod_name = f"cchc_plugin_{abs(hash(str(path.resolve())))}_{name}"
            try:
                spec = importlib.util.spec_from_file_location(mod_name, path)
                if spec is None or spec.loader is None:
                    raise ImportError(f"cannot load {path}")
                mod = importlib.util.module_from_spec(spec)
                sys.modules[mod_name] = mod
                spec.loader.exec_module(mod)
            except BaseException as exc:
                if isinstance(exc, KeyboardInterrupt):
                    raise
                sys.modules.pop(mod_name, None)
                self._fail(name, f"failed to import {path}: {_describe(exc)}", "file")
                continue
            self.register(mod, name, "file", str(path), _dist_version(mod))

    # -- calling ----------------------------------------------------------------------------
    def each(self, hook_name: str, make_register: Callable[[str], Callable[..., None]]) -> None:
        """Call ``hook_name`` on every plugin separately, in load order; failures are recorded."""
        hook = getattr(self.pm.hook, hook_name)
        impls = sorted(hook.get_hookimpls(), key=lambda i: self._order.index(i.plugin_name))
        for impl in impls:
            try:
                impl.function(register=make_register(impl.plugin_name))
            except Exception as exc:
                self._fail(
                    impl.plugin_name,
                    f"{hook_name} failed: {_describe(exc)}",
                    self.infos[impl.plugin_name].origin,
                )

    def collect(self) -> Registry:
        """Call every registration hook and return what was registered."""
        reg = Registry()
        owner: dict[str, str] = {}
        by_plugin: dict[str, list[str]] = {}

        def rules_for(plugin: str) -> Callable[[Rule], None]:
            def register(rule: Rule) -> None:
                if not isinstance(rule, Rule):
                    raise TypeError(f"registered {type(rule).__name__!s}, not a Rule")
                if rule.id in reg.rules:
                    self._fail(
                        plugin,
                        f"rule {rule.id} is already registered by plugin "
                        f"{owner[rule.id]!r}; the one from {plugin!r} is not used",
                    )
                    return
                rule = attrs.evolve(rule, plugin=plugin)
                reg.rules[rule.id] = rule
                owner[rule.id] = plugin
                by_plugin.setdefault(plugin, []).append(rule.id)
                for lang, templates in rule.message_ids().items():
                    reg.messages.add(lang, templates)

            return register

        def renderers_for(plugin: str) -> Callable[[Renderer], None]:
            def register(renderer: Renderer) -> None:
                if not isinstance(renderer, Renderer):
                    raise TypeError(f"registered {type(renderer).__name__!s}, not a Renderer")
                reg.renderers[renderer.name] = attrs.evolve(renderer, plugin=plugin)

            return register

        def bases_for(plugin: str) -> Callable[[LegalBasis], None]:
            def register(basis: LegalBasis) -> None:
                if not isinstance(basis, LegalBasis):
                    raise TypeError(f"registered {type(basis).__name__!s}, not a LegalBasis")
                reg.law.add(basis)

            return register

        def documents_for(plugin: str) -> Callable[[NationalDocument], None]:
            def register(doc: NationalDocument) -> None:
                if not isinstance(doc, NationalDocument):
                    raise TypeError(f"registered {type(doc).__name__!s}, not a NationalDocument")
                reg.documents.add(doc)

            return register

        def messages_for(plugin: str) -> Callable[[str, Mapping[str, str]], None]:
            def register(lang: str, templates: Mapping[str, str]) -> None:
                reg.messages.add(lang, dict(templates))

            return register

        self.each("cchc_register_messages", messages_for)
        self.each("cchc_register_legal_bases", bases_for)
        self.each("cchc_register_documents", documents_for)
        self.each("cchc_register_rules", rules_for)
        self.each("cchc_register_renderers", renderers_for)
        reg.plugins = [
            attrs.evolve(self.infos[n], rules=tuple(sorted(by_plugin.get(n, ()))))
            for n in self._order
        ]
        reg.failures = sorted(self.failures, key=PluginFailure.sort_key)
        return reg
