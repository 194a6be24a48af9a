"""Hostile and broken dataset files: each one exit 3, one clear message, bounded time and memory.

Run through a real process (the installed console script), so time and memory are the
user's. Limits checked: 5 s and 500 MB.
"""

import functools

import pytest
import yaml
from helpers import run, within_bounds
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from seoulplan.core import plan as dataset
from seoulplan.core.parsing import parse_yaml
from seoulplan.core.reading import packaged_path
from seoulplan.core.validation import validate
from seoulplan.errors import DataError

# slow; and about what the messages say, read in English
pytestmark = [pytest.mark.slow, pytest.mark.usefixtures("english")]

BOMB = "schema: seoulplan/1\na: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n" + "".join(
    f"{n}: &{n} [{', '.join([f'*{p}'] * 9)}]\n" for p, n in zip("abcdefgh", "bcdefghi")
)


def case(tmp_path, name, content):
    path = tmp_path / name
    if isinstance(content, str):
        content = content.encode("utf-8")
    path.write_bytes(content)
    return path


def valid_text():
    return packaged_path().read_text(encoding="utf-8")


def hostile_cases(tmp_path):
    plan = valid_text()
    return {
        "duplicate keys": (case(tmp_path, "dup.yaml", plan + "\nschema: seoulplan/1\n"), "duplicate key 'schema'"),
        "alias bomb": (case(tmp_path, "bomb.yaml", BOMB), "aliases are not allowed"),
        "binary garbage": (case(tmp_path, "garbage.yaml", bytes(range(256)) * 40), "not valid utf-8"),
        "empty file": (case(tmp_path, "empty.yaml", b""), "the file is empty"),
        "wrong schema": (
            case(tmp_path, "wrong.yaml", plan.replace("schema: seoulplan/1", "schema: seoulplan/9")),
            "expected schema: seoulplan/1, got schema 'seoulplan/9'",
        ),
        "missing schema": (case(tmp_path, "noschema.yaml", plan.replace("schema: seoulplan/1\n", "")), "got no schema"),
        "deep nesting (flow)": (case(tmp_path, "deep.yaml", "x: " + "[" * 50000 + "]" * 50000), "nesting depth"),
        "deep nesting (keys)": (
            case(tmp_path, "deepkey.yaml", "? " + "[" * 600 + "]" * 600 + "\n: 1\n"),
            "a mapping key must be plain text",
        ),
        "deep nesting (JSON)": (
            case(tmp_path, "deep.json", '{"a":' + "[" * 100000 + "]" * 100000 + "}"),
            "nested too deeply",
        ),
        "number as a string": (
            case(tmp_path, "str.yaml", plan.replace("amounts: {2020: 395359", 'amounts: {2020: "395359"')),
            "a number written as a string ('395359')",
        ),
        ".nan": (
            case(tmp_path, "nan.yaml", plan.replace("confirmed: 156\n", "confirmed: .nan\n")),
            ".nan is not a finite number",
        ),
        ".inf": (
            case(tmp_path, "inf.yaml", plan.replace("value: 10011000", "value: .inf")),
            ".inf is not a finite number",
        ),
        "negative money": (
            case(tmp_path, "neg.yaml", plan.replace("value: 42551", "value: -42551")),
            "expected a number ≥ 0",
        ),
        "fractional money": (
            case(tmp_path, "frac.yaml", plan.replace("{2020: 395359", "{2020: 395359.5")),
            "expected a whole number",
        ),
        "non-UTF-8 bytes": (case(tmp_path, "cp949.yaml", plan.encode("cp949", "replace")), "is not valid utf-8-sig"),
        "python tag": (
            case(tmp_path, "tag.yaml", "schema: !!python/object/apply:os.system [echo hi]\n"),
            "could not determine a constructor",
        ),
    }


CASES = [
    "duplicate keys",
    "alias bomb",
    "binary garbage",
    "empty file",
    "wrong schema",
    "missing schema",
    "deep nesting (flow)",
    "deep nesting (keys)",
    "deep nesting (JSON)",
    "number as a string",
    ".nan",
    ".inf",
    "negative money",
    "fractional money",
    "non-UTF-8 bytes",
    "python tag",
]


def assert_refused(result, fragment, name):
    code, out, err, seconds, memory = result
    assert code == 3, err
    assert fragment in err, err
    assert err.startswith("Error: ") and "Traceback" not in err
    assert out == b""
    assert within_bounds(seconds, memory), (seconds, memory)


@pytest.mark.parametrize("name", CASES)
def test_hostile_dataset(tmp_path, name):
    path, fragment = hostile_cases(tmp_path)[name]
    assert_refused(run("--data", path, "kpi"), fragment, name)


def test_200_mb_file_is_refused_before_it_is_read(tmp_path):
    path = tmp_path / "big.yaml"
    with path.open("wb") as f:
        f.truncate(200_000_000)  # sparse: costs no disk
    assert_refused(run("--data", path, "budget"), "file is 200,000,000 bytes; a file may be at most", "200 MB")


def test_a_yaml_file_over_the_yaml_limit(tmp_path):
    path = case(tmp_path, "long.yaml", "schema: seoulplan/1\n" + "# padding\n" * 300_000)
    assert_refused(run("--data", path, "budget"), "a YAML file may be at most 2,097,152 bytes", "3 MB YAML")


def test_a_directory_is_not_a_dataset(tmp_path):
    assert_refused(run("--data", tmp_path, "budget"), "is a directory", "directory")


def test_missing_file(tmp_path):
    assert_refused(run("--data", tmp_path / "none.yaml", "budget"), "no such file", "missing")


def test_bom_and_crlf_are_not_hostile(tmp_path):
    path = case(tmp_path, "excel.yaml", "\ufeff" + valid_text().replace("\n", "\r\n"))
    code, out, err, seconds, memory = run("--data", path, "budget", "--basis", "gross", "--format", "csv")
    assert code == 0, err
    assert b",395359," in out


def test_the_same_dataset_as_json_loads(tmp_path):
    import json

    doc = yaml.load(valid_text(), Loader=yaml.CSafeLoader)
    path = case(tmp_path, "plan.json", json.dumps(doc, ensure_ascii=False))
    code, out, err, _, _ = run("--data", path, "budget", "--basis", "gross", "--format", "csv")
    assert code == 0 and b",395359," in out, err


def test_duplicate_keys_in_json(tmp_path):
    path = case(tmp_path, "dup.json", '{"schema": "seoulplan/1", "schema": "seoulplan/1"}')
    assert_refused(run("--data", path, "budget"), "duplicate key 'schema'", "json dup")


# -- fuzzing: never anything but a clean DataError ------------------------------------


def load_bytes(data: bytes):
    import io

    class Named(io.BytesIO):
        name = "fuzz.yaml"

    try:
        dataset.load(Named(data))
    except DataError as e:
        assert str(e).startswith("fuzz.yaml")


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=2000))
def test_random_bytes_never_crash_the_loader(data):
    load_bytes(data)


yaml_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=20),
    lambda children: st.lists(children, max_size=5) | st.dictionaries(st.text(max_size=10), children, max_size=5),
    max_leaves=30,
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(yaml_values)
def test_random_yaml_documents_never_crash_the_loader(doc):
    load_bytes(yaml.dump(doc, Dumper=yaml.CSafeDumper, allow_unicode=True).encode("utf-8"))


section = st.sampled_from(
    ["plan", "general", "budget", "finance", "covid", "pillars", "kpis", "deliverables", "deliverables_skipped"]
)


@functools.lru_cache(maxsize=1)
def real_doc() -> dict:
    return parse_yaml(valid_text(), "plan2020.yaml")[0]


def validate_and_use(base, **changed):
    """``base`` with ``changed`` sections written as YAML and read back as the loader reads
    them: validation never raises, and a document it passes works in every table and the audit."""
    try:
        parsed, lines = parse_yaml(yaml.dump(changed, Dumper=yaml.CSafeDumper, allow_unicode=True), "fuzz.yaml")
    except DataError:
        return
    doc = {**base, **parsed}
    if "kpis" in changed and "deliverables" not in changed:
        doc.pop("deliverables", None)  # they name the real plan's KPIs, which the fuzz replaces
    problems = validate(doc, lines)
    assert all(p.path and p.message for p in problems)
    if not problems:
        plan = dataset.Plan(doc, "fuzz.yaml")
        plan.budget("all", 2019, per_capita=True), plan.finance(), plan.general(), plan.covid()
        plan.kpis(kind="all"), plan.pillars(), plan.milestones(), plan.audit(), plan.stated_attainment()
        plan.schedule(start="2020-Q3", end="2021")


@settings(max_examples=300, deadline=None)
@given(section, yaml_values)
def test_random_sections_of_a_real_plan_never_crash(name, value):
    validate_and_use(real_doc(), **{name: value})


FIELDS = [
    "id",
    "pillar",
    "strategy",
    "target",
    "baseline",
    "milestones",
    "stated",
    "parts",
    "actual",
    "direction",
    "unit",
    "source",
    "parts_partial",
]


@settings(max_examples=300, deadline=None)
@given(st.integers(min_value=0, max_value=40), st.sampled_from(FIELDS), yaml_values)
@example(0, "id", [])  # the deliverables' check once gathered KPI ids into a set
def test_random_kpi_fields_never_crash(index, field, value):
    kpi = {**real_doc()["kpis"][index], field: value}
    validate_and_use(real_doc(), kpis=[kpi])
