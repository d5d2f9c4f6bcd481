"""A finding's message through the prepared templates (issue 14) says exactly what the general
path says: ``Prepared.fill`` against ``str.format`` on every template of the catalogues, and
``Report.message`` against ``Catalog.render`` with the finding's parameters and the policy note,
on generated evidence in both languages."""

from __future__ import annotations

import datetime as dt
import string
from collections.abc import Callable, Mapping
from decimal import Decimal
from functools import lru_cache
from typing import Any

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cchc_rules import Config, Engine, Finding, Report, Severity, load_dataset
from cchc_rules.messages import LANGS, _format, format_value, prepare
from cchc_rules.model import StatedPercent
from cchc_rules.policy import policy_note

from _support import EXAMPLES


class Once:
    """A parameter built on demand: its value, and how often it was asked for."""

    def __init__(self, value: Any) -> None:
        self.value, self.calls = value, 0

    def __call__(self) -> Any:
        self.calls += 1
        return self.value


_SCALARS = st.one_of(
    st.integers(min_value=-(10**20), max_value=10**20),
    st.integers(min_value=1900, max_value=2100),
    st.floats(allow_nan=True, allow_infinity=True),
    st.decimals(allow_nan=False, places=3, min_value=-(10**9), max_value=10**9),
    st.decimals(allow_nan=False, allow_infinity=True),
    st.builds(
        StatedPercent,
        value=st.decimals(places=2, min_value=0, max_value=100),
        decimals=st.integers(0, 3),
    ),
    st.none(),
    st.booleans(),
    st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2100, 1, 1)),
    st.text(max_size=6),
)
#: A parameter's value: a figure, a tuple of them, or a callable giving one (a marker, made
#: into a fresh :class:`Once` per path so that each counts its own calls).
_VALUES = st.one_of(
    _SCALARS,
    st.tuples(_SCALARS, _SCALARS),
    st.tuples(st.just(Once), _SCALARS),
)


def _made(spec: Mapping[str, Any]) -> dict[str, Any]:
    return {
        k: Once(v[1]) if isinstance(v, tuple) and v and v[0] is Once else v for k, v in spec.items()
    }


def _outcome(render: Callable[..., str], *args: Any, **kw: Any) -> tuple[str, Any]:
    """What rendering gives: its text, or the kind of error it raises (both paths must agree)."""
    try:
        return "text", render(*args, **kw)
    except Exception as exc:  # compared, not hidden
        return "raises", type(exc)


def _names(template: str) -> list[str]:
    try:
        return sorted(
            {
                n.split(".")[0].split("[")[0]
                for _, n, _, _ in string.Formatter().parse(template)
                if n
            }
        )
    except ValueError:
        return []


@lru_cache(maxsize=1)
def _engine() -> Engine:
    """The built-in rules and the installed cchc-egov plugin's (its templates included)."""
    return Engine.default(env={})


@lru_cache(maxsize=1)
def _catalogue_templates() -> list[tuple[str, str, str]]:
    messages = _engine().registry.messages
    return sorted(
        (mid, lang, t) for lang in LANGS for mid, t in messages.templates.get(lang, {}).items()
    )


_EXTRA = [
    "{subject}: {used}/{quota} = {share}%",
    "100% {a} {{literal}} %(a)s %s %%",
    "{n} {n:plural|one=unit|other=units} in {year}, {n}",
    "{n:plural|one=unit}",
    "{n:plural|few=x|other={m}}",
    "{n:plural|other=a|bad=b}",
    "{a:>6}|{a!r}|{a.upper}",
    "{0} {}",
    "{a",
    "{a} and {missing} and {a}",
    "no fields at all, 50%",
    "{năm} {reported_year} {a}",
]


def test_the_catalogues_hold_templates_of_every_shape() -> None:
    templates = _catalogue_templates()
    assert len({mid for mid, _, _ in templates if mid.startswith("EG")}) > 5  # the plugin's
    prepared = [prepare(t, lang) for _, lang, t in templates]
    assert all(p is not None for p in prepared)  # every shipped template takes the quick way
    slots = [p.slots for p in prepared if p is not None]
    assert any(forms is not None for shown in slots for _, forms in shown)  # plural forms
    assert any(len(shown) > len({i for i, _ in shown}) for shown in slots)  # a field twice


@pytest.mark.parametrize("template", _EXTRA)
@pytest.mark.parametrize("lang", LANGS)
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_a_prepared_template_fills_as_str_format_does(
    template: str, lang: str, data: st.DataObject
) -> None:
    _check_fill(template, lang, data)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_every_catalogue_template_fills_as_str_format_does(data: st.DataObject) -> None:
    _, lang, template = data.draw(st.sampled_from(_catalogue_templates()))
    _check_fill(template, lang, data)


def _check_fill(template: str, lang: str, data: st.DataObject) -> None:
    names = _names(template)
    keys = st.sampled_from([*names, "other"]) if names else st.just("other")
    spec = data.draw(st.dictionaries(keys, _VALUES, max_size=len(names) + 1))
    prepared = prepare(template, lang)
    if prepared is None:
        return
    quick, general = _made(spec), _made(spec)
    assert _outcome(prepared.fill, quick) == _outcome(_format, template, general, lang)
    for name, value in quick.items():
        if isinstance(value, Once):  # called once when named, never otherwise
            assert value.calls == general[name].calls == (name in names)


def test_a_field_given_only_by_the_defaults_is_filled_from_them() -> None:
    prepared = prepare("{subject}: {n} {basis}", "en")
    assert prepared is not None
    basis = Once("Decree 61/2018")
    text = prepared.fill({"n": 3008, "subject": "given"}, {"subject": "default", "basis": basis})
    assert text == "given: 3,008 Decree 61/2018"
    assert basis.calls == 1
    assert prepared.fill({}, {}) == "{subject}: {n} {basis}"


# ---------------------------------------------------------------------------------------------
# Report.message: the prepared wording per (message, rule, language) against Catalog.render.


def _reference(report: Report, finding: Finding, lang: str) -> str:
    """The message as the general path makes it: ``str.format`` with the finding's parameters
    (subject, basis, evidence), then the policy note around it."""
    catalog = report.registry.messages
    template = catalog.template(finding.message, lang)
    params = report._params(finding, lang)
    text = (
        catalog.render(finding.message, params, lang)
        if template is None
        else _format(template, params, lang)
    )
    note = policy_note(report, finding)
    if note is None:
        return text
    note_template = catalog.template(note, lang)
    assert note_template is not None
    return _format(note_template, {"message": text}, lang)


def _report(config: Config) -> Report:
    return _engine().with_config(config).run(load_dataset(EXAMPLES / "hai-an-demo-2025-h2.toml"))


_CONFIGS = [
    Config(),
    Config(params={"ST005": {"min_fill_percent": 70}}),
    Config(kind_params={"ST005": {"phuong": {"min_fill_percent": 75}}}),
    Config(kind_params={"DL004": {"phuong": {"min_on_time_percent": 90}}}),
]
_REPORTS: dict[int, Report] = {}


@lru_cache(maxsize=1)
def _message_ids() -> list[str]:
    messages = _engine().registry.messages
    ids = {mid for lang in LANGS for mid in messages.templates.get(lang, {})}
    return sorted(ids | {"XX001.unknown_message"})


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_a_findings_message_is_what_the_general_path_says(data: st.DataObject) -> None:
    which = data.draw(st.integers(0, len(_CONFIGS) - 1))
    report = _REPORTS.get(which) or _REPORTS.setdefault(which, _report(_CONFIGS[which]))
    message_id = data.draw(st.sampled_from(_message_ids()))
    rule_id = message_id.split(".")[0]
    names = sorted(
        {
            n
            for lang in LANGS
            for n in _names(report.registry.messages.template(message_id, lang) or "")
        }
        | {"subject", "basis"}
    )
    spec = data.draw(st.dictionaries(st.sampled_from(names), _VALUES, max_size=len(names)))
    finding = Finding(
        rule=rule_id,
        family="test",
        severity=Severity.WARNING,
        unit=data.draw(st.sampled_from(["demo-city", "phuong-an-binh", "gone"])),
        subject=data.draw(st.sampled_from(["", "Thủ tục A", "{subject}"])),
        message=message_id,
        basis=data.draw(
            st.sampled_from([(), ("civil_servants", "public_employees"), ("no-such-basis",)])
        ),
        evidence=_made(spec),
    )
    for lang in LANGS:
        quick = attrs.evolve(finding, evidence=_made(spec))
        general = attrs.evolve(finding, evidence=_made(spec))
        assert _outcome(report.message, quick, lang=lang) == _outcome(
            _reference, report, general, lang
        )
        for name, value in quick.evidence.items():
            if isinstance(value, Once):
                assert value.calls == general.evidence[name].calls


def test_messages_of_a_real_report_are_the_general_paths() -> None:
    for config in _CONFIGS:
        _check_report(_report(config))


def _check_report(report: Report) -> None:
    assert report.findings
    for finding in report.findings:
        for lang in LANGS:
            assert report.message(finding, lang=lang) == _reference(report, finding, lang)


def test_format_value_is_what_a_lone_field_shows() -> None:
    for value in (3008, 98.69, Decimal("1.005"), None, True, dt.date(2023, 1, 2), (1, 2.5)):
        for lang in LANGS:
            prepared = prepare("{v}", lang)
            assert prepared is not None
            assert prepared.fill({"v": value}) == format_value(value, lang)
