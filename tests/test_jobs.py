"""``--jobs N`` / ``Engine.run(jobs=N)``: the units shared among processes give the very report
one process gives (same bytes), on a generated dataset and the shipped example."""

from __future__ import annotations

import datetime as _dt
import sys
from pathlib import Path

import pytest

from cchc_rules import load_dataset
from cchc_rules.cli.main import main
from cchc_rules.jobs import chunks

from _support import EXAMPLES, ROOT, engine

sys.path.insert(0, str(ROOT / "tests" / "golden"))
from regenerate import _generate

AS_OF = _dt.date(2026, 1, 1)


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("jobs") / "generated-300.json"
    _generate(300, path)
    return path


def test_chunks_cover_every_item_once_in_order():
    assert chunks(10, 3) == [(0, 4), (4, 7), (7, 10)]
    assert chunks(2, 4) == [(0, 1), (1, 2)]
    assert chunks(0, 2) == []


@pytest.mark.parametrize("jobs", [2, 3])
def test_the_report_of_several_processes_is_the_report_of_one(generated: Path, jobs: int):
    ds = load_dataset(generated)
    one = engine().run(ds, as_of=AS_OF)
    many = engine().run(ds, as_of=AS_OF, jobs=jobs)
    assert one.summary.total > 1000  # enough findings to be shared out
    for fmt in ("json", "table"):
        for lang in ("vi", "en"):
            assert many.render(fmt, lang) == one.render(fmt, lang)


def test_the_cli_writes_the_same_bytes_with_jobs(generated: Path, tmp_path: Path, capsys):
    paths = {}
    for jobs in ("1", "2"):
        paths[jobs] = tmp_path / f"r{jobs}.json"
        argv = [str(generated), "--isolated", "--as-of", "2026-01-01", "-o", str(paths[jobs])]
        assert main(["check", *argv, "--jobs", jobs]) in (0, 1)
    assert paths["1"].read_bytes() == paths["2"].read_bytes()
    example = str(EXAMPLES / "hai-an-demo-2025-h2.toml")
    outs = []
    for jobs in ("1", "4"):
        main(["check", example, "--isolated", "--as-of", "2026-01-01", "-f", "json", "-j", jobs])
        outs.append(capsys.readouterr().out)
    assert outs[0] == outs[1]


@pytest.mark.parametrize("bad", ["-1", "two"])
def test_a_bad_jobs_count_is_a_usage_error(bad: str, capsys):
    with pytest.raises(SystemExit) as info:
        main(["check", str(EXAMPLES / "le-chan-2022-h1.toml"), "--jobs", bad])
    assert info.value.code == 2
    assert "--jobs" in capsys.readouterr().err
