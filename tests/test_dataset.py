"""Loading a dataset (core.plan.load): the packaged plan loads; every kind of bad file is a
DataError naming the place."""

import io

import pytest
import yaml

from seoulplan.core import parsing
from seoulplan.core import plan as dataset
from seoulplan.core.validation import validate
from seoulplan.errors import DataError


@pytest.fixture
def doc(plan_text):
    return parsing.parse_yaml(plan_text, "plan2020.yaml")[0]


def write(tmp_path, text, name="plan.yaml", encoding="utf-8"):
    path = tmp_path / name
    path.write_bytes(text.encode(encoding) if isinstance(text, str) else text)
    return path


def dump(doc):
    return yaml.dump(doc, Dumper=yaml.CSafeDumper, allow_unicode=True, sort_keys=False)


def test_packaged_plan_loads_and_is_valid(doc):
    plan = dataset.load()
    assert plan.year == 2020 and plan.population == 10011000
    assert validate(doc) == []


def test_loads_from_a_stream_and_from_stdin_name(plan_text):
    plan = dataset.load(io.BytesIO(plan_text.encode()))
    assert plan.budget_years == [2020, 2019]
    assert dataset.load(io.StringIO(plan_text)).population == 10011000


def test_env_var_points_the_command_line_at_another_file(tmp_path, plan_text, run):
    path = write(tmp_path, plan_text.replace("value: 10011000", "value: 10011001"))
    result = run("general", "--format", "csv", env={"SEOULPLAN_DATA": str(path)})
    assert ",population,인구,Population,10011001," in result.stdout
    assert dataset.load().population == 10011000  # the library's load() is always the packaged plan


def test_bom_and_crlf_are_not_hostile(tmp_path, plan_text):
    path = write(tmp_path, "\ufeff" + plan_text.replace("\n", "\r\n"))
    assert dataset.load(path).population == 10011000


@pytest.mark.parametrize(
    "content, fragment",
    [
        ("", "the file is empty"),
        ("   \n\n", "the file is empty"),
        ("schema: seoulplan/1\nplan: [\n", ":3:1: YAML syntax error"),
        ("a: 1\nb: 2\na: 3\n", ":3:1: duplicate key 'a' (first on line 1)"),
        ("- 1\n- 2\n", "expected a mapping with schema: seoulplan/1"),
        ("schema: seoulplan/2\n", "expected schema: seoulplan/1, got schema 'seoulplan/2'"),
        ("plan: {}\n", "got no schema"),
        ("x: &a [1]\ny: *a\n", "aliases are not allowed"),
        ("x: !!python/object:os.system {}\n", "could not determine a constructor"),
    ],
)
def test_bad_files(tmp_path, content, fragment):
    path = write(tmp_path, content)
    with pytest.raises(DataError) as e:
        dataset.load(path)
    assert fragment in str(e.value)
    assert str(path) in str(e.value)


def test_missing_file_and_directory(tmp_path):
    with pytest.raises(DataError, match="no such file"):
        dataset.load(tmp_path / "nope.yaml")
    with pytest.raises(DataError, match="is a directory"):
        dataset.load(tmp_path)


def test_not_utf8_names_the_line(tmp_path):
    path = write(tmp_path, "schema: seoulplan/1\n# 서울\n".encode("cp949"))
    with pytest.raises(DataError, match=r":2: byte .* is not valid utf-8-sig.*encoding='cp949'"):
        dataset.load(path)


def test_oversized_file_is_refused_before_reading(tmp_path, monkeypatch):
    monkeypatch.setattr(parsing, "MAX_YAML_BYTES", 100)
    path = write(tmp_path, "#" * 101)
    with pytest.raises(DataError, match="at most 100 bytes"):
        dataset.load(path)


@pytest.mark.slow
@pytest.mark.parametrize(
    "mutate, fragment",
    [
        (lambda d: d["general"][1].update(value="10011000"), "$.general[1].value: a number written as a string"),
        (
            lambda d: d["budget"]["bases"][0]["rows"][0]["amounts"].update({"2020": float("nan")}),
            ".nan is not a finite number",
        ),
        (lambda d: d["budget"]["bases"][0]["rows"][0]["amounts"].update({"2020": -5}), "expected a number ≥ 0"),
        (lambda d: d["budget"]["bases"][0]["rows"][0]["amounts"].update({"2020": 1.5}), "expected a whole number"),
        (lambda d: d["budget"]["bases"][0]["rows"][0]["amounts"].pop("2019"), "missing the amount for 2019"),
        (
            lambda d: d["covid"]["regions"][0].update(deaths=float("inf")),
            "$.covid.regions[0].deaths: .inf is not a finite number",
        ),
        (lambda d: d["finance"][2].update(of="nowhere"), "refers to unknown key 'nowhere'"),
        (
            lambda d: d["general"][1].update(key=d["general"][0]["key"]),
            "$.general[1].key: duplicate key '{}' (first at $.general[0])",
        ),
        (lambda d: d["general"][0].pop("source"), "$.general[0]: missing 'source'"),
        (lambda d: d.pop("budget"), "missing section 'budget'"),
    ],
)
def test_validation_problems_name_the_path_and_line(tmp_path, doc, mutate, fragment):
    first_key = doc["general"][0]["key"]
    mutate(doc)
    path = write(tmp_path, dump(doc))
    with pytest.raises(DataError) as e:
        dataset.load(path)
    assert fragment.format(first_key) in str(e.value)
    assert f"{path}:" in str(e.value)


def test_every_problem_is_reported_at_once(tmp_path, doc):
    doc["general"][0]["value"] = "4327000"
    doc["general"][1]["value"] = "10011000"
    doc["covid"]["regions"][1]["testing"] = -1
    name, problems, _ = dataset.check(write(tmp_path, dump(doc)))
    assert len(problems) == 3
    assert all(p.line for p in problems)


def test_json_integers_are_bounded_by_the_schema_as_yaml_figures_by_the_number_rule(tmp_path, doc):
    import json

    from seoulplan.core import numeric, validation

    doc["budget"]["bases"][0]["rows"][0]["amounts"]["2020"] = 10**16
    path = write(tmp_path, json.dumps(doc, ensure_ascii=False), name="plan.json")
    with pytest.raises(DataError, match=r"amounts\.2020: 10000000000000000 is too large: .* less than 10\^15"):
        dataset.load(path)
    figure = json.loads(validation.schema_text())["$defs"]["figure"]
    assert figure["exclusiveMaximum"] == -figure["exclusiveMinimum"] == numeric.MAX_FIGURE
