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
from ._safe import safe_str
from ._version import __version__
from .law import LawBook, LegalBasis
from .messages import Catalog, core_catalog
from .national import DocumentTable, NationalDocument
from .render import Renderer
from .rule import Rule

__all__ = [
    "ENTRY_POINT_GROUP",
    "PluginFailure",
    "PluginHost",
    "PluginInfo",
    "PluginNotice",
    "Registry",
    "load_timeout",
]

ENTRY_POINT_GROUP = "cchc_rules"

#: The least time, in seconds, the plugins get to load (see :func:`load_timeout`).
MIN_LOAD_SECONDS = 10.0


def load_timeout(rule_timeout: float) -> float:
    """Seconds the plugins may take to load (import and registration hooks): 10, or three times
    ``rule_timeout`` if longer, so that a slow machine never fails a good plugin. The one limit
    of both modes: the in-process loading (all plugins) and, under ``isolation = "process"``,
    each plugin's trial load in a worker."""
    return max(MIN_LOAD_SECONDS, 3 * rule_timeout)


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
    ("cchc.scoring", "cchc_rules.builtin.scoring"),
    ("cchc.json", "cchc_rules.renderers.json"),
    ("cchc.table", "cchc_rules.renderers.table"),
    ("cchc.report_labels", "cchc_rules.renderers.labels"),
    ("cchc.md", "cchc_rules.renderers.md"),
    ("cchc.html", "cchc_rules.renderers.html"),
    ("cchc.csv", "cchc_rules.renderers.csv"),
    ("cchc.xlsx", "cchc_rules.renderers.xlsx"),
    ("cchc.junit", "cchc_rules.renderers.junit"),
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
    """A plugin that could not be loaded, or that registered something invalid.

    ``message_id`` and ``params`` name a core message (``plugin.…``), rendered in the report's
    language by :meth:`text`; :attr:`message` is its English text.
    """

    plugin: str
    message_id: str
    params: Mapping[str, Any] = attrs.field(factory=dict)
    origin: str = ""

    @property
    def message(self) -> str:
        """The failure in English."""
        return self.text("en")

    def text(self, lang: str = "vi") -> str:
        """The failure in ``lang``."""
        return core_catalog().render(self.message_id, self.params, lang)

    def sort_key(self) -> tuple[str, str]:
        return (self.plugin, self.message)


@attrs.frozen
class PluginNotice:
    """Something worth saying about loading that is not a failure: a plugin found twice (installed
    and named in the configuration, say) is loaded once, and the second copy is left out."""

    plugin: str
    message_id: str
    params: Mapping[str, Any] = attrs.field(factory=dict)

    def text(self, lang: str = "vi") -> str:
        """The notice in ``lang``."""
        return core_catalog().render(self.message_id, self.params, lang)


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
    notices: list[PluginNotice] = attrs.field(factory=list)
    #: phrase pattern sets for ``cchc extract`` (hook ``cchc_register_extract_patterns``), each
    #: with the plugin that registered it; checked and compiled by the extractor
    extract_patterns: list[tuple[str, Mapping[str, Any]]] = attrs.field(factory=list)


def describe(exc: BaseException, *, whole: bool = False) -> str:
    """``Type: message`` (its first line only, unless ``whole``); safe if ``str(exc)`` raises."""
    lines = [line.strip() for line in safe_str(exc).strip().splitlines() if line.strip()]
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


def folder_modules(folder: Path) -> list[Path]:
    """A plugin folder's modules: its ``*.py`` files but ``_``-prefixed ones, by name."""
    return [p for p in sorted(folder.glob("*.py")) if not p.name.startswith("_")]


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
        self.notices: list[PluginNotice] = []
        self._order: list[str] = []
        self._modules: dict[str, str] = {}  # module name -> plugin name, to spot a second copy
        self._files: dict[str, str] = {}  # resolved module file -> plugin name
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
        """Register one plugin object; a failure is recorded, never raised. A plugin already
        loaded (the same object, or one of the same name) is noted and left out."""
        if name in self.blocked:
            return False
        loaded = self.pm.get_name(obj) or (name if name in self.infos else None)
        if loaded is not None:
            self._already_loaded(name, location, loaded)
            return False
        try:
            self.pm.register(obj, name=name)
        except Exception as exc:  # pluggy validation: wrong hook arguments, etc.
            self._fail(name, "plugin.invalid", origin, detail=describe(exc, whole=True))
            return False
        problem = self._hook_problem(obj)
        if problem:
            self.pm.unregister(obj)
            self._fail(name, problem[0], origin, **problem[1])
            return False
        self.infos[name] = PluginInfo(name, version, origin, location)
        self._order.append(name)
        module = getattr(obj, "__name__", None)
        if isinstance(obj, ModuleType) and module:
            self._modules.setdefault(module, name)
            file = getattr(obj, "__file__", None)
            if file:
                self._files.setdefault(str(Path(file).resolve()), name)
        return True

    def _already_loaded(self, name: str, location: str, loaded: str) -> None:
        self.notices.append(
            PluginNotice(
                name,
                "plugin.already_loaded",
                {
                    "plugin": name,
                    "location": location,
                    "loaded": loaded,
                    "where": self.infos[loaded].location,
                },
            )
        )

    def _hook_problem(self, obj: Any) -> tuple[str, dict[str, str]] | None:
        """A misspelt hook, or a hook function without ``@hookimpl`` (pluggy would skip it): a
        message id and its parameters."""
        for attr in dir(obj):
            if not attr.startswith("cchc_") or not callable(getattr(obj, attr, None)):
                continue
            if attr not in HOOKS:
                return "plugin.unknown_hook", {"hook": attr, "known": ", ".join(HOOKS)}
            if self.pm.parse_hookimpl_opts(obj, attr) is None:
                return "plugin.not_hookimpl", {"hook": attr}
        return None

    def _fail(self, name: str, message_id: str, origin: str = "", **params: str) -> None:
        self.failures.append(PluginFailure(name, message_id, params, origin))

    def _load_module(self, name: str, module: str, origin: str, version: str | None) -> None:
        if name in self.blocked:
            return
        try:
            mod = importlib.import_module(module)
        except BaseException as exc:
            if isinstance(exc, KeyboardInterrupt):
                raise
            detail = describe(exc)
            self._fail(name, "plugin.import_failed", origin, module=module, detail=detail)
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
                self._fail(
                    ep.name,
                    "plugin.import_failed",
                    "entry point",
                    module=ep.value,
                    detail=describe(exc),
                )
                continue
            version = ep.dist.version if ep.dist is not None else _dist_version(obj)
            self.register(obj, ep.name, "entry point", ep.value, version)

    def _load_folder(self, folder: Path) -> None:
        if not folder.is_dir():
            self._fail(str(folder), "plugin.folder_not_found", "file")
            return
        for path in folder_modules(folder):
            name = path.stem
            if name in self.blocked:
                continue
            loaded = self._files.get(str(path.resolve())) or self._modules.get(name)
            if loaded is not None:  # the same module, installed or named in the configuration
                self._already_loaded(name, str(path), loaded)
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
                self._fail(
                    name, "plugin.import_failed", "file", module=str(path), detail=describe(exc)
                )
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
            except KeyboardInterrupt:
                raise
            except BaseException as exc:  # SystemExit too: a plugin never ends the run
                self._fail(
                    impl.plugin_name,
                    "plugin.hook_failed",
                    self.infos[impl.plugin_name].origin,
                    hook=hook_name,
                    detail=describe(exc),
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
                        "plugin.duplicate_rule",
                        rule=rule.id,
                        owner=owner[rule.id],
                        plugin=plugin,
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
                known = reg.renderers.get(renderer.name)
                if known is not None and known.plugin != plugin:  # a built-in name stays its own
                    self._fail(
                        plugin,
                        "plugin.duplicate_renderer",
                        renderer=renderer.name,
                        owner=known.plugin,
                    )
                    return
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

        def patterns_for(plugin: str) -> Callable[[Mapping[str, Any]], None]:
            def register(data: Mapping[str, Any]) -> None:
                if not isinstance(data, Mapping):
                    raise TypeError(f"registered {type(data).__name__}, not a mapping of patterns")
                reg.extract_patterns.append((plugin, data))

            return register

        self.each("cchc_register_messages", messages_for)
        self.each("cchc_register_legal_bases", bases_for)
        self.each("cchc_register_documents", documents_for)
        self.each("cchc_register_rules", rules_for)
        self.each("cchc_register_renderers", renderers_for)
        self.each("cchc_register_extract_patterns", patterns_for)
        reg.plugins = [
            attrs.evolve(self.infos[n], rules=tuple(sorted(by_plugin.get(n, ()))))
            for n in self._order
        ]
        reg.failures = sorted(self.failures, key=PluginFailure.sort_key)
        reg.notices = list(self.notices)
        return reg
