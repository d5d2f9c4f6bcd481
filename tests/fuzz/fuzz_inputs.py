"""A mutation fuzzer for the readers, the converter, the configuration and the engine.

Seeds are the repository's own data (examples, the malformed corpus); each execution mutates one
(bit flips, tokens TOML and JSON give meaning to, deleted or repeated spans, two seeds spliced)
and feeds it to the TOML or JSON reader and the converter; one in ``ENGINE_EVERY`` also runs every
built-in rule and renders the report; TOML seeds are read as a configuration too. Anything but a
clean result or a located problem (an exception, a report that is not strict JSON) is a crash:
the input is written to ``--crashes`` and the run fails.

    python tests/fuzz/fuzz_inputs.py --seconds 3600 --seed 7 --crashes /tmp/crashes

The test suite runs it for a bounded number of executions (tests/fuzz/test_fuzz.py).
"""

from __future__ import annotations

import argparse
import contextlib
import hashlib
import json
import random
import sys
import time
from collections.abc import Iterator
from pathlib import Path

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

ROOT = Path(__file__).resolve().parents[2]
ENGINE_EVERY = 25
TOKENS = [
    b"[",
    b"]",
    b"[[units]]",
    b"[units.dossiers]",
    b"[[units.staffing]]",
    b"=",
    b'"',
    b'"""',
    b"'",
    b"{",
    b"}",
    b",",
    b".",
    b"#",
    b"\n",
    b"\r\n",
    b"\\u",
    b"\\ud800",
    b"\xff",
    b"\xc3",
    b"\x00",
    b"\x1b[2J",
    b"nan",
    b"inf",
    b"-1",
    b"1e308",
    b"9" * 40,
    b"1E-999999999",
    b"[/]",
    b"\xe2\x80\xa8",
    b'id = "x"',
    b'name = "N"',
    b"quota = ",
    b"NaN",
    b"Infinity",
    b"null",
    b"true",
    b"2024-02-30",
    b"\xef\xbb\xbf",
]


def seeds() -> list[tuple[str, bytes]]:
    """(suffix, bytes) of every TOML and JSON file the repository holds as data."""
    out = []
    for path in sorted([*ROOT.glob("examples/**/*.toml"), *ROOT.glob("examples/**/*.json")]):
        out.append((path.suffix, path.read_bytes()))
    corpus = ROOT / "tests" / "malformed"
    base = {s: (corpus / f"base{s}").read_text("utf-8") for s in (".toml", ".json")}
    for case in tomllib.loads((corpus / "cases.toml").read_text("utf-8"))["case"]:
        for name, text in case.get("files", {}).items():
            suffix = Path(name).suffix
            if suffix in base:
                out.append((suffix, text.replace("{base}", base[suffix]).encode("utf-8")))
    return out


def mutate(data: bytes, rnd: random.Random, pool: list[tuple[str, bytes]]) -> bytes:
    buf = bytearray(data)
    for _ in range(rnd.randint(1, 4)):
        pos = rnd.randint(0, len(buf))
        op = rnd.randrange(6)
        if op == 0 and buf:
            i = rnd.randrange(len(buf))
            buf[i] ^= 1 << rnd.randrange(8)
        elif op == 1:
            buf[pos:pos] = rnd.choice(TOKENS)
        elif op == 2 and buf:
            del buf[pos : pos + rnd.randint(1, 32)]
        elif op == 3 and buf:
            start = rnd.randrange(len(buf))
            buf[pos:pos] = buf[start : start + rnd.randint(1, 80)]
        elif op == 4:
            other = rnd.choice(pool)[1]
            cut = rnd.randint(0, len(other))
            buf = buf[:pos] + bytearray(other[cut:])
        else:
            buf[pos:pos] = bytes(rnd.randrange(256) for _ in range(rnd.randint(1, 4)))
    return bytes(buf)


def execute(data: bytes, suffix: str, *, with_engine: bool) -> None:
    """One execution; raise on anything that is not a clean result or a located problem."""
    from cchc_rules import Config, Engine
    from cchc_rules.configfile import InvalidConfig, config_from_mapping
    from cchc_rules.loading import load_mapping
    from cchc_rules.loading.files import parse_bytes

    parsed = parse_bytes(data, "fuzz" + suffix, suffix=suffix)
    for issue in parsed.issues:
        assert issue.source == "fuzz" + suffix and issue.message, issue
    if parsed.tree is None:
        return
    dataset = load_mapping(parsed.tree, "fuzz" + suffix)
    if suffix == ".toml":
        with contextlib.suppress(InvalidConfig):  # a located problem, not a crash
            config_from_mapping(parsed.tree, source="fuzz.toml")
    if with_engine:
        report = _engine(Engine, Config).run(dataset)
        assert report.rule_errors == (), report.rule_errors
        json.loads(report.to_json("en"), parse_constant=_refuse)
        report.render("table", "vi")


def _refuse(constant: str) -> object:
    raise AssertionError(f"{constant} in the JSON report")


_ENGINES: dict[str, object] = {}


def _engine(engine_cls: type, config_cls: type) -> object:
    if "e" not in _ENGINES:
        _ENGINES["e"] = engine_cls.default(config_cls(), entry_points=False, env={})
    return _ENGINES["e"]


def run(
    *, runs: int | None, seconds: float | None, seed: int, crashes: Path | None
) -> Iterator[int]:
    """Fuzz until ``runs`` executions or ``seconds`` have passed; yield the count so far every
    hundred executions; raise on the first crash (its input saved under ``crashes``)."""
    rnd = random.Random(seed)
    pool = seeds()
    start = time.monotonic()
    done = 0
    while (runs is None or done < runs) and (seconds is None or time.monotonic() - start < seconds):
        suffix, data = rnd.choice(pool)
        data = mutate(data, rnd, pool)
        try:
            execute(data, suffix, with_engine=done % ENGINE_EVERY == 0)
        except BaseException as exc:
            if isinstance(exc, KeyboardInterrupt):
                raise
            if crashes is not None:
                crashes.mkdir(parents=True, exist_ok=True)
                name = hashlib.sha256(data).hexdigest()[:16] + suffix
                (crashes / name).write_bytes(data)
            raise AssertionError(
                f"execution {done} (seed {seed}) crashed: {type(exc).__name__}: {exc}\n"
                f"input: {data[:400]!r}"
            ) from exc
        done += 1
        if done % 100 == 0:
            yield done
    yield done


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--runs", type=int, default=None)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--crashes", type=Path, default=Path("fuzz-crashes"))
    args = parser.parse_args(argv)
    sys.path.insert(0, str(ROOT / "src"))
    *_, count = run(runs=args.runs, seconds=args.seconds, seed=args.seed, crashes=args.crashes)
    print(f"{count} executions, seed {args.seed}, no crash")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
