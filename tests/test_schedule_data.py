"""The plan's dated deliverables (issue 19, part 1): the dataset's `deliverables` section,
its validation, and `Plan.schedule()`.

- The records: dates read by hand against the plan's text for 40 records drawn at random
  (seed 20201), and, for every record, the date as printed (`when`) agreeing with `start`,
  `end` and `precision`.
- Validation: datasets broken on purpose, each problem named with its file, line and YAML
  path — in process and through the installed `seoulplan` (slow).
- Properties (Hypothesis): any value in any field of a deliverable is a message, never a crash,
  and a date is accepted exactly when it names a real year, month or day from 1900 to 2100.
- The frame: its machine columns and dtypes, and choosing by pillar, kind, words and period.
"""

from __future__ import annotations

import datetime
import functools
import re

import pandas as pd
import pytest
import yaml
from helpers import refused, run
from hypothesis import given, settings
from hypothesis import strategies as st

from seoulplan.core import parsing, schedule
from seoulplan.core import plan as dataset
from seoulplan.core.validation import validate
from seoulplan.errors import DataError, UsageError

# about what the messages say, read in English
pytestmark = pytest.mark.usefixtures("english")

PREFIX = re.compile(r"[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?")


@pytest.fixture(scope="module")
def plan():
    return dataset.load()


@pytest.fixture
def doc(plan_text):
    return parsing.parse_yaml(plan_text, "plan2020.yaml")[0]


def write(tmp_path, doc, name="plan.yaml"):
    path = tmp_path / name
    path.write_text(yaml.dump(doc, Dumper=yaml.CSafeDumper, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def by_id(doc, rid):
    return next(r for r in doc["deliverables"] if r["id"] == rid)


# -- the records ----------------------------------------------------------------------------

N = None
#: Read by hand against the plan's line: id, kind, the date as printed, start, end, precision.
READ_BY_HAND = [
    ("future.startup-info-platform", "complete", "('20.5)", "2020-05", "2020-05", "month"),
    ("future.citizen-tourism-academy", "ongoing", "(7월~)", "2020-07", N, "month"),
    ("welfare.kium-all-centres-open", "open", "11월까지", N, "2020-11", "month"),
    ("balance.dongbu-expressway-undergrounding", "start_construction", "('20.7월 착공)", "2020-07", "2020-07", "month"),
    ("safety.hongjecheon-trail", "complete", "('20.3~'21.12)", "2020-03", "2021-12", "month"),
    ("covid.alert-level-caution", "done", "(1.20)", "2020-01-20", "2020-01-20", "day"),
    ("safety.rapeseed-flower-festival", "hold", "(5월)", "2020-05", "2020-05", "month"),
    ("future.ultra-trail-race", "hold", "(10월)", "2020-10", "2020-10", "month"),
    ("safety.dorimcheon-trail", "complete", "('20.1~22.12)", "2020-01", "2022-12", "month"),
    ("future.tourism-plaza-interim", "open", "('20.12월)", "2020-12", "2020-12", "month"),
    ("future.gugak-festival", "hold", "(6.12~13)", "2020-06-12", "2020-06-13", "day"),
    ("welfare.fifty-plus-east-campus", "complete", "22.6월 예정", "2022-06", "2022-06", "month"),
    ("democracy.youth-hate-speech-survey", "ongoing", "(5월~)", "2020-05", N, "month"),
    ("balance.redevelopment-info-system", "complete", "('20.4~'21.4)", "2020-04", "2021-04", "month"),
    ("safety.naksan-reservoir", "complete", "'20년 5월", "2020-05", "2020-05", "month"),
    ("future.world-peace-forum-festival", "hold", "(10월)", "2020-10", "2020-10", "month"),
    ("safety.wonjong-hongdae-application", "submit", "'20.", "2020", "2020", "year"),
    ("safety.landslide-field-team", "ongoing", "'20.4월~10월", "2020-04", "2020-10", "month"),
    ("welfare.kium-hub-stage-2", "complete", "($\\sim 25년$)", N, "2025", "year"),
    ("safety.odour-grades", "select", "('20.4~'21.11)", "2020-04", "2021-11", "month"),
    ("future.mvp-courses-webpage", "ongoing", "(5월~)", "2020-05", N, "month"),
    ("future.scaleup-centre-summary", "open", "('20.10)", "2020-10", "2020-10", "month"),
    ("safety.wind-path-forests", "start_construction", "('20.6.)", "2020-06", "2020-06", "month"),
    ("safety.surprise-drill", "hold", "(3월)", "2020-03", "2020-03", "month"),
    ("balance.jungnangcheon-overpass", "open", "('20년11월 개관)", "2020-11", "2020-11", "month"),
    ("welfare.chatdong-all-dongs", "done", "('19.7)", "2019-07", "2019-07", "month"),
    ("covid.official-name-covid19", "done", "(2.12)", "2020-02-12", "2020-02-12", "day"),
    ("future.vulnerable-travel-programme", "ongoing", "4월~", "2020-04", N, "month"),
    ("future.in-seoul-market", "hold", "(9~10월)", "2020-09", "2020-10", "month"),
    ("balance.hangang-art-playground-construction", "start_construction", "'21년", "2021", "2021", "year"),
    ("balance.yeongdong-daero-civil-design", "done", "'19.7월", "2019-07", "2019-07", "month"),
    ("safety.deoksugung-gil-car-free", "launch", "('20.2~)", "2020-02", N, "month"),
    ("safety.gukhoe-daero-underpass-design", "complete", "('20.6)", "2020-06", "2020-06", "month"),
    ("democracy.innovation-week", "hold", "(9.22.~26)", "2020-09-22", "2020-09-26", "day"),
    ("future.finance-graduate-school-summary", "open", "('20.9)", "2020-09", "2020-09", "month"),
    ("future.national-youth-games", "hold", "(5.30~6.2)", "2020-05-30", "2020-06-02", "day"),
    ("balance.oksu-overpass", "done", "('18.5.개관)", "2018-05", "2018-05", "month"),
    ("safety.gukhoe-daero-park-design", "start_work", "('20.1)", "2020-01", "2020-01", "month"),
    ("balance.seoul-plan-2040", "publish_plan", "('20.12)", "2020-12", "2020-12", "month"),
    ("future.fashion-academy", "complete", "('20.9.)", "2020-09", "2020-09", "month"),
]


@pytest.mark.parametrize("rid, kind, when, start, end, precision", READ_BY_HAND, ids=[r[0] for r in READ_BY_HAND])
def test_dates_read_by_hand_against_the_plan(doc, rid, kind, when, start, end, precision):
    record = by_id(doc, rid)
    assert (record["kind"], record["when"], record["start"], record["end"], record["precision"]) == (
        kind,
        when,
        start,
        end,
        precision,
    )


def test_every_date_as_printed_agrees_with_start_and_end(doc):
    """Every month, day and year other than 2020 that `start` and `end` hold is printed in
    `when` ('20.3~8월 holds 3 and 8); a half is printed as one; an open side is printed as one
    (``~`` or 까지); a date without a ``~`` is one period. Catches a date typed wrong."""
    wrong = []
    for r in doc["deliverables"]:
        start, end, precision = r["start"], r["end"], r["precision"]
        when = r["when"].replace("\\sim", "~")  # the extracted text's TeX for ~ ($(\sim 21년)$)
        printed = {int(n) for n in re.findall(r"[0-9]+", when)}
        for value in (v for v in (start, end) if v is not None):
            year, *rest = (int(part) for part in value.split("-"))
            if year != 2020 and year % 100 not in printed and year not in printed:
                wrong.append((r["id"], "year", value, when))
            if precision in ("month", "day") and rest[0] not in printed:
                wrong.append((r["id"], "month", value, when))
            if precision == "day" and rest[1] not in printed:
                wrong.append((r["id"], "day", value, when))
        if precision == "half" and not re.search("상반기|하반기|上|下", when):
            wrong.append((r["id"], "half", precision, when))
        if start is None and not ("~" in when or "까지" in when):
            wrong.append((r["id"], "deadline", start, when))
        if end is None and "~" not in when:
            wrong.append((r["id"], "open start", end, when))
        if "~" not in when and "까지" not in when and start != end and precision not in ("half", "quarter"):
            wrong.append((r["id"], "range", (start, end), when))
    assert wrong == []


def test_the_plan_dates_well_over_150_deliverables_across_every_pillar(plan):
    frame = plan.schedule()
    assert len(frame) > 300
    assert frame["id"].is_unique
    assert set(frame["pillar"]) == {p["slug"] for p in plan.doc["pillars"]}
    assert set(frame["kind"]) == set(schedule.kinds())
    # a restatement points at the record it restates, and says why the dates differ where they do
    restated = frame.dropna(subset=["same_as"])
    assert len(restated) >= 5 and restated["same_as"].isin(frame["id"]).all()


# -- validation ------------------------------------------------------------------------------

FIRST = "$.deliverables[0](covid.official-name-covid19)"


def half_record(d):
    return by_id(d, "future.future-talent-master-plan")


@pytest.mark.parametrize(
    "mutate, fragment",
    [
        (lambda d: d["deliverables"][0].update(start="2020-02-30"), f"{FIRST}.start: '2020-02-30' is not a date"),
        (lambda d: d["deliverables"][0].update(end="2020-13-01"), f"{FIRST}.end: '2020-13-01' is not a date"),
        (
            lambda d: d["deliverables"][0].update(end="2020-02-10"),
            f"{FIRST}.end: the range ends 2020-02-10, before it starts 2020-02-12",
        ),
        (
            lambda d: d["deliverables"][0].update(start="2020-02"),
            f"{FIRST}.start: a date of precision day is written YYYY-MM-DD, got '2020-02'",
        ),
        (
            lambda d: half_record(d).update(start="2020-04"),
            "a date of precision half starts in month 01, 07, got '2020-04'",
        ),
        (
            lambda d: half_record(d).update(precision="quarter", end="2020-05"),
            "a date of precision quarter ends in month 03, 06, 09, 12, got '2020-05'",
        ),
        (
            lambda d: d["deliverables"][0].update(start=None, end=None),
            f"{FIRST}: start and end are both empty",
        ),
        (lambda d: d["deliverables"][0].update(start=2020), f"{FIRST}.start: expected nothing or text, got int 2020"),
        (
            lambda d: d["deliverables"][0].update(end="2020/02/12"),
            f"{FIRST}.end: expected a date from 1900 to 2100 written 2020, 2020-07 or 2020-09-22",
        ),
        (
            lambda d: d["deliverables"][0].update(when="(2.21)"),
            f"{FIRST}.when: '(2.21)' is not in the source or the quotes",
        ),
        (
            lambda d: d["deliverables"][0].update(start="2020-03-01", end="2020-03-01", when="2020"),
            "a past fact (kind: done) dated 2020-03-01, after the plan was published (2020-02-29)",
        ),
        (lambda d: d["deliverables"][0].update(start="2300"), f"{FIRST}.start: expected a date from 1900 to 2100"),
        (lambda d: d["deliverables"][0].update(kind="opening"), f"{FIRST}.kind: unknown kind 'opening'; expected one"),
        (lambda d: d["deliverables"][0].update(precision="week"), "unknown precision 'week'"),
        (lambda d: d["deliverables"][0].update(date="2020-02-12"), f"{FIRST}.date: unknown field; expected one of"),
        (lambda d: d["deliverables"][0].pop("source"), f"{FIRST}: missing 'source'"),
        (lambda d: d["deliverables"][0].pop("end"), f"{FIRST}: missing 'end'"),
        (lambda d: d["deliverables"][0].update(id="Covid.Name"), "expected <pillar>.<kebab-slug>"),
        (lambda d: d["deliverables"][0].update(id="future.name"), "id must start with its pillar (covid.)"),
        (
            lambda d: d["deliverables"][1].update(id="covid.official-name-covid19"),
            "duplicate id 'covid.official-name-covid19' (first at $.deliverables[0])",
        ),
        (lambda d: d["deliverables"][0].update(pillar="culture"), "unknown pillar 'culture'; expected one of future"),
        (lambda d: d["deliverables"][0].update(strategy=9), "unknown strategy 9 of pillar covid; it has 1, 2"),
        (lambda d: d["deliverables"][0].update(kpi_id="covid.nothing"), "refers to unknown KPI 'covid.nothing'"),
        (
            lambda d: d["deliverables"][0].update(same_as="covid.nothing"),
            "refers to unknown deliverable 'covid.nothing'",
        ),
        (
            lambda d: d["deliverables"][0].update(same_as="covid.official-name-covid19"),
            "same_as names the record itself",
        ),
        (
            lambda d: d["deliverables_skipped"][0].update(reason="typo"),
            "$.deliverables_skipped[0].reason: unknown reason 'typo'; expected one of",
        ),
        (
            lambda d: d["deliverables_skipped"][0].update(kpi_id="future.nothing"),
            "$.deliverables_skipped[0].kpi_id: refers to unknown KPI 'future.nothing'",
        ),
    ],
)
def test_broken_deliverables_are_named_with_their_place(tmp_path, doc, mutate, fragment):
    mutate(doc)
    path = write(tmp_path, doc)
    with pytest.raises(DataError) as e:
        dataset.load(path)
    assert fragment in str(e.value)
    assert re.search(rf"{re.escape(str(path))}:[0-9]+: ", str(e.value))  # file:line


def test_every_problem_of_the_deliverables_is_reported_at_once(tmp_path, doc):
    doc["deliverables"][0]["start"] = "2020-02-30"
    doc["deliverables"][1]["kpi_id"] = "covid.nothing"
    doc["deliverables"][2]["end"] = "2019-01-01"
    name, problems, _ = dataset.check(write(tmp_path, doc))
    assert len(problems) == 3
    assert all(p.line for p in problems)


def test_a_dataset_without_deliverables_is_still_valid(tmp_path, doc):
    del doc["deliverables"], doc["deliverables_skipped"]
    plan = dataset.load(write(tmp_path, doc))
    frame = plan.schedule()
    assert frame.empty and list(frame.columns) == list(schedule.COLUMNS)


@pytest.mark.slow
@pytest.mark.parametrize(
    "old, new, fragment",
    [
        ('start: "2020-02-12"', 'start: "2020-02-31"', "start: '2020-02-31' is not a date of the calendar"),
        ('end: "2020-02-12"', 'end: "2019-12-31"', "the range ends 2019-12-31, before it starts 2020-02-12"),
        ("    kind: done\n", "    kind: finished\n", "unknown kind 'finished'"),
        ('when: "(2.12)"', "when: " + '"' + "9" * 5000 + '"', "text of 5,000 characters; at most 60"),
    ],
)
def test_the_installed_command_refuses_a_broken_deliverable(tmp_path, plan_text, old, new, fragment):
    assert old in plan_text
    path = tmp_path / "plan.yaml"
    path.write_text(plan_text.replace(old, new, 1), encoding="utf-8")
    refused(run("--data", path, "budget"), 3, fragment)
    code, out, err, *_ = run("validate", path)
    assert code == 3 and fragment in out.decode() + err and "Traceback" not in err


# -- properties ------------------------------------------------------------------------------

yaml_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=20),
    lambda children: st.lists(children, max_size=5) | st.dictionaries(st.text(max_size=10), children, max_size=5),
    max_leaves=20,
)
FIELDS = ["id", "pillar", "strategy", "kind", "when", "start", "end", "precision", "kpi_id", "same_as", "quotes"]


@functools.cache
def real_doc() -> dict:
    """The packaged plan, parsed once: read it, never change it."""
    from seoulplan.core.reading import packaged_path

    return parsing.parse_yaml(packaged_path().read_text(encoding="utf-8"), "plan2020.yaml")[0]


def with_records(records: list, skipped: list | None = None) -> tuple[dict, dict]:
    """The real plan with these deliverables (and skipped lines), read back as the loader reads YAML."""
    doc = real_doc()
    changed = {"deliverables": records, **({"deliverables_skipped": skipped} if skipped is not None else {})}
    parsed, lines = parsing.parse_yaml(yaml.dump(changed, Dumper=yaml.CSafeDumper, allow_unicode=True), "fuzz.yaml")
    return {**doc, **parsed}, lines


@settings(max_examples=200, deadline=None)
@given(st.integers(min_value=0, max_value=360), st.sampled_from(FIELDS), yaml_values, yaml_values)
def test_random_deliverable_fields_never_crash(index, field, value, skipped_value):
    record = {**real_doc()["deliverables"][index], field: value}
    doc, lines = with_records([record], [{"source": "2020. 2.", "reason": "reference", "kpi_id": skipped_value}])
    problems = validate(doc, lines)
    assert all(p.path and p.message for p in problems)
    if not problems:
        dataset.Plan(doc, "fuzz.yaml").schedule(start="2020-Q3", end="2021", grep="서울")


def real_date(text: str) -> bool:
    """Does an ISO prefix name a real year, month or day from 1900 to 2100? (The oracle.)"""
    year, *rest = (int(part) for part in text.split("-"))
    try:
        datetime.date(year, *(rest + [1, 1])[:2])
    except ValueError:
        return False
    return 1900 <= year <= 2100


@settings(max_examples=300, deadline=None)
@given(st.from_regex(r"[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?", fullmatch=True))
def test_a_date_is_accepted_exactly_when_it_is_real(text):
    precision = {4: "year", 7: "month", 10: "day"}[len(text)]
    record = {
        "id": "future.test",
        "pillar": "future",
        "strategy": 1,
        "name": "시험",
        "name_en": "Test",
        "kind": "open",
        "when": "(시험)",
        "start": text,
        "end": text,
        "precision": precision,
        "source": "시험 (시험)",
    }
    doc, lines = with_records([record])
    assert (validate(doc, lines) == []) == real_date(text)


# -- the frame -------------------------------------------------------------------------------


def test_the_frame_has_the_machine_columns_with_nullable_dtypes(plan):
    frame = plan.schedule()
    assert list(frame.columns) == list(schedule.COLUMNS)
    assert {name: str(dtype) for name, dtype in frame.dtypes.items()} == {
        name: "Int64" if dtype == "Int64" else "string" for name, dtype in schedule.COLUMNS.items()
    }
    for column in ("start", "end"):
        given = frame[column].dropna()
        assert given.map(lambda v: bool(PREFIX.fullmatch(v))).all(), column
    rows = frame.set_index("id")
    assert pd.isna(rows.at["safety.deoksugung-gil-car-free", "end"])  # an open start: ('20.2~)
    assert pd.isna(rows.at["future.ai-support-centre", "start"])  # a deadline: (~'22.11)
    assert rows.at["future.ai-support-centre", "end"] == "2022-11"
    assert rows.at["future.gaebong-makers-platform", "start"] == "2020-07"  # '20년 하반기
    assert rows.at["future.gaebong-makers-platform", "precision"] == "half"


def test_the_frame_is_the_dataset(plan, doc):
    frame = plan.schedule()
    assert frame["id"].tolist() == [r["id"] for r in doc["deliverables"]]
    for record, row in zip(doc["deliverables"], frame.to_dict("records")):
        for name in schedule.COLUMNS:
            value = row[name]
            assert (None if pd.isna(value) else value) == record.get(name), (record["id"], name)


@pytest.mark.parametrize("query", ["safety", "2", "쾌적하고 편리한 안전 서울"])
def test_choosing_a_pillar_by_slug_number_or_name(plan, query):
    frame = plan.schedule(pillar=query)
    assert not frame.empty and set(frame["pillar"]) == {"safety"}


def test_choosing_kinds(plan):
    held = plan.schedule(kind="hold")
    assert not held.empty and set(held["kind"]) == {"hold"}
    both = plan.schedule(kind=["open", "complete"], pillar="future")
    assert set(both["kind"]) == {"open", "complete"} and set(both["pillar"]) == {"future"}
    with pytest.raises(UsageError, match="unknown kind 'opening'; expected one of open, complete"):
        plan.schedule(kind="opening")


def test_grep_finds_words_in_names_and_places(plan):
    assert "balance.lg-arts-center" in plan.schedule(grep="마곡")["id"].tolist()  # its place, not its name
    uia = plan.schedule(grep="UIA")["id"].tolist()
    assert uia == ["future.uia-assembly-summary", "future.uia-assembly"]
    assert plan.schedule(grep=["UIA", "아시아"])["id"].tolist() == ["future.uia-assembly"]


@pytest.mark.parametrize(
    "start, end, inside, outside",
    [
        # a day range overlapping the period's end, a month overlapping it, a day before it
        (
            "2020-09-25",
            "2020-09-30",
            ["democracy.innovation-week", "future.uia-assembly"],
            ["democracy.democracy-seoul-forum"],
        ),
        # a half (2020-07 .. 2020-12) is in the third quarter; the first half is not
        ("2020-Q3", "2020-Q3", ["future.gaebong-makers-platform"], ["future.future-talent-master-plan"]),
        # from 2023 on: a deadline of '22.11 has passed; an open start ('20.2~) still runs
        (
            "2023",
            None,
            ["future.yangjae-rnd-campus", "safety.deoksugung-gil-car-free"],
            ["future.ai-support-centre", "future.scaleup-centre"],
        ),
        # until 2019: past facts, and a deadline with no start (runs until '22.11)
        (
            None,
            "2019-12",
            ["balance.gateway-cities-master-plan", "future.ai-support-centre"],
            ["future.scaleup-centre"],
        ),
    ],
)
def test_choosing_a_period_keeps_what_overlaps_it(plan, start, end, inside, outside):
    ids = set(plan.schedule(start=start, end=end)["id"])
    assert set(inside) <= ids
    assert not set(outside) & ids


@pytest.mark.parametrize(
    "arguments, fragment",
    [
        ({"start": "2020-13"}, "start: '2020-13' is not a date"),
        ({"end": "someday"}, "end: 'someday' is not a date"),
        ({"start": "2020-07", "end": "2020-06"}, "the period ends 2020-06-30 before it starts 2020-07-01"),
        ({"pillar": "culture"}, "unknown pillar 'culture'"),
    ],
)
def test_bad_choices_are_usage_errors(plan, arguments, fragment):
    with pytest.raises(UsageError, match=re.escape(fragment)):
        plan.schedule(**arguments)
