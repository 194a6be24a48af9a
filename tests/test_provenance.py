"""``seoulplan validate --provenance SOURCE.txt`` and ``seoulplan.check_provenance`` (issue 22):
every excerpt of a dataset is in the plan's text verbatim, checked by the project itself (the
README pointed at a development tool a user's clone does not have).

The plan's text ships in ``tests/data`` (150 KB); the rules are tried on a made-up source and
dataset (:func:`seoulplan.core.provenance.trace`), the command on the real plan and on the real
dataset with one excerpt forged. The hostile inputs at the end run the installed seoulplan as
a real process.
"""

from pathlib import Path

import pytest
from helpers import bounded, refused, run

import seoulplan

SOURCE = Path(__file__).parent / "data" / "seoul-2020-work-plan.txt"
TREES = 'source: "(\'20년 400백만 그루 목표)"'


@pytest.fixture
def forged(tmp_path, plan_text):
    """The real dataset with the trees' excerpt changed to words the plan never printed, and
    the line that excerpt stands on."""
    assert plan_text.count(TREES) == 1
    path = tmp_path / "forged.yaml"
    path.write_text(plan_text.replace(TREES, 'source: "(\'20년 4백만 그루 목표)"'), encoding="utf-8")
    line = plan_text[: plan_text.index(TREES)].count("\n") + 1
    return path, line


@pytest.mark.usefixtures("english")
def test_the_real_dataset_is_traced_to_the_real_plan(run):
    result = run("validate", "--provenance", str(SOURCE))
    assert result.exit_code == 0, result.stderr
    summary = result.stdout.splitlines()[-1]
    assert "excerpts checked against" in summary and ", 0 not found verbatim, 0 on more than one line;" in summary
    assert result.stderr == ""


@pytest.mark.usefixtures("english")
def test_a_forged_excerpt_is_named_at_its_line_and_exits_1(run, forged):
    path, line = forged
    result = run("validate", str(path), "--provenance", str(SOURCE))
    assert result.exit_code == 1
    problem = result.stderr.splitlines()[0]
    assert problem == (
        f"{path}:{line}: $.kpis[{_index('safety.trees-planted-2020')}](safety.trees-planted-2020).source: "
        f'the excerpt "(\'20년 4백만 그루 목표)" is not in {SOURCE} verbatim'
    )
    assert f"{path}: 1 excerpt is not verbatim in {SOURCE}" in result.stderr
    assert ", 1 not found verbatim," in result.stdout


def test_the_messages_are_korean_in_korean(run, forged):
    path, _ = forged
    result = run("validate", str(path), "--provenance", str(SOURCE))
    assert result.exit_code == 1
    assert "글자 그대로 없습니다" in result.stderr and "대조한 발췌" in result.stdout


@pytest.mark.usefixtures("english")
def test_uncovered_lists_lines_stating_a_figure_no_excerpt_quotes(run):
    listed = [line for line in run("validate", "--provenance", str(SOURCE), "--uncovered").stdout.splitlines()[2:]]
    plan = SOURCE.read_text(encoding="utf-8").splitlines()
    assert listed and all(line.startswith("  L") for line in listed)
    for line in listed:
        number, text = line.strip()[1:].split(": ", 1)
        assert plan[int(number) - 1].strip().startswith(text.removesuffix("…"))
    summary = run("validate", "--provenance", str(SOURCE)).stdout.splitlines()[-1]
    covered, figures = summary.split("; ")[-1].split(" lines")[0].split(" of its ")
    assert int(figures) - int(covered) == len(listed)


@pytest.mark.usefixtures("english")
def test_uncovered_needs_provenance(run):
    result = run("validate", "--uncovered")
    assert result.exit_code == 2 and "give --provenance SOURCE.txt" in result.stderr


@pytest.mark.usefixtures("english")
def test_an_invalid_dataset_reports_its_problems_first(run, tmp_path, plan_text):
    path = tmp_path / "bad.yaml"
    path.write_text(plan_text.replace("value: 400000000}", 'value: "400000000"}'), encoding="utf-8")
    result = run("validate", str(path), "--provenance", str(SOURCE))
    assert result.exit_code == 3 and "problem" in result.stderr and "checked against" not in result.stdout


def test_the_library_checks_provenance(forged):
    found = seoulplan.check_provenance(SOURCE)
    assert found.missing == [] and found.dataset is not None and found.dataset.problems == []
    assert found.excerpts > 1000 and found.figure_lines > len(found.uncovered) > 0
    path, line = forged
    (problem,) = seoulplan.check_provenance(SOURCE, path).missing
    assert problem.line == line and problem.path.endswith("(safety.trees-planted-2020).source")


# -- the rules, on a made-up source ---------------------------------------------------------------

MADE_UP = """서울시 2020 주요업무
  - 노동자   종합지원센터 설치 ('19년) 18개 자치구 → ('20년) 23개 자치구
  - 청년 일자리 1.1만개 신규 창출
  - 청년 일자리 1.1만개 신규 창출
  - 공공임대주택 24만호 공급
"""


def test_the_rules_normalise_then_look_within_one_line():
    from seoulplan.core.provenance import trace

    doc = {
        "kpis": [
            {"id": "a", "source": "노동자 종합지원센터 설치"},  # runs of spaces in the source read as one
            {"id": "b", "source": "\u1109\u1165\u110b\u116e\u11af\u1109\u1175 2020"},  # 서울시 typed as its jamo
            {"id": "c", "source": "청년 일자리 1.1만개"},  # on two lines: ambiguous, not missing
            {"id": "d", "source": "24만호"},  # five characters: too short to trace anything
            {"id": "e", "source": "주요업무 - 노동자"},  # spans a line break: not one line
            {"id": "f", "quotes": ["공공임대주택 24만호", "공공임대주택 25만호"]},
            {"id": "g", "restates": [{"value": 1, "source": "23개 자치구"}]},
        ]
    }
    found = trace(doc, MADE_UP, name="made.yaml", source="made.txt")
    assert found.excerpts == 8 and found.ambiguous == 1
    assert [p.path for p in found.missing] == ["$.kpis[3](d).source", "$.kpis[4](e).source", "$.kpis[5](f).quotes[1]"]
    assert "too short to trace: at least 6 characters" in found.missing[0].message
    assert found.missing[2].message == "the excerpt '공공임대주택 25만호' is not in made.txt verbatim"
    # the figure lines: 2020 alone is no figure; each of the others is quoted
    assert found.figure_lines == 4 and found.uncovered == []
    assert trace({"kpis": []}, MADE_UP).uncovered == [(n, MADE_UP.splitlines()[n - 1].strip()) for n in (2, 3, 4, 5)]


def test_a_message_never_echoes_a_whole_excerpt():
    from seoulplan.core.provenance import trace

    (problem,) = trace({"kpis": [{"id": "x", "source": "가" * 5000}]}, MADE_UP).missing
    assert len(problem.message) < 200


# -- hostile inputs, as a real process ------------------------------------------------------------


@pytest.mark.slow
@pytest.mark.usefixtures("english")
def test_a_source_that_is_not_there_is_refused():
    refused(run("validate", "--provenance", "no-such-plan.txt"), 3, "no-such-plan.txt")


@pytest.mark.slow
@pytest.mark.usefixtures("english")
def test_a_source_that_is_not_text_is_refused(tmp_path):
    path = tmp_path / "plan.txt"
    path.write_bytes(b"\xff\xfe\x00garbage\x9c" * 100)
    refused(run("validate", "--provenance", path), 3, "plan.txt")


@pytest.mark.slow
@pytest.mark.usefixtures("english")
def test_a_source_over_the_limit_is_refused(tmp_path):
    path = tmp_path / "plan.txt"
    path.write_bytes(b"a" * (3 * 1024 * 1024))
    refused(run("validate", "--provenance", path, env={"SEOULPLAN_MAX_DATASET_MB": "1"}), 3, "plan.txt")


@pytest.mark.slow
@pytest.mark.usefixtures("english")
def test_a_source_of_one_long_line_is_read_within_bounds(tmp_path):
    path = tmp_path / "plan.txt"
    path.write_text("서울 " * 1_000_000, encoding="utf-8")  # 4 MB on one line, no excerpt in it
    err = bounded(run("validate", "--provenance", path), 1)
    assert "excerpts are not verbatim in" in err and "\x1b" not in err


def _index(kpi: str) -> int:
    import yaml

    from seoulplan.core.reading import packaged_path

    records = yaml.load(packaged_path().read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)["kpis"]
    return [r["id"] for r in records].index(kpi)


# -- the README's other pointer: the report's extra, from an index and from a checkout ---------------


@pytest.mark.slow
@pytest.mark.parametrize("locale", ["en_US", "ko_KR"])
def test_without_the_extra_both_ways_to_install_it_are_named(tmp_path, locale):
    import subprocess
    import sys

    script = (
        "import sys; sys.modules['matplotlib'] = None\n"
        "from seoulplan.cli import main\n"
        f"main(['--locale', {locale!r}, 'report', '-o', {str(tmp_path / 'r.html')!r}])\n"
    )
    proc = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert proc.returncode == 2, proc.stderr
    assert "pip install 'seoulplan[report]'" in proc.stderr and "pip install '.[report]'" in proc.stderr
    readme = (Path(__file__).parent.parent / "README.md").read_text(encoding="utf-8")
    assert "../shared" not in readme  # a user's clone has no ../shared
    for place in ("`seoulplan report` also needs", "Without the extra, `report` says"):
        paragraph = readme[readme.index(place) :][:300]
        assert "pip install 'seoulplan[report]'" in paragraph and "pip install '.[report]'" in paragraph
