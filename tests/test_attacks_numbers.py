"""Numbers, digits and dates a hostile tester broke (issue 21), each through a real process.

One rule reads every number and date a person writes (``seoulplan.core.numeric``): ASCII
digits, and full-width ones read as them; nothing else. Each case checks what a user would:
the exit status, one clear message naming the place, no internal error (exit 70), nothing on
standard output, and a run within the bound of ``helpers`` (a ratio to a baseline run).
The last part holds the readers to linear time and their own exceptions with Hypothesis.
"""

from __future__ import annotations

import contextlib
import itertools
import json
import time

import pytest
from helpers import LEDGER, bounded, refused, run
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from seoulplan.core import money, numeric, periods, quantities
from seoulplan.core.reading import packaged_path
from seoulplan.errors import MoneyParseError

# slow; and about what the messages say, read in English
pytestmark = [pytest.mark.slow, pytest.mark.usefixtures("english")]

KOREAN = {"SEOULPLAN_LOCALE": "ko_KR"}
POPULATION = "value: 10011000"  # the population, $.general[1].value


@pytest.fixture(scope="module")
def plan_text() -> str:
    return packaged_path().read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def plan_json() -> str:
    import yaml

    doc = yaml.load(packaged_path().read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)
    return json.dumps(doc, ensure_ascii=False, default=str)


def write(tmp_path, name: str, content: str):
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    return path


def ledger(tmp_path, value: str, as_of: str = "2020-Q2", kpi: str = "future.job-cafes"):
    return write(tmp_path, "ledger.csv", f"id,actual,as_of\n{kpi},{value},{as_of}\n")


def with_figure(plan: str, figure: str) -> str:
    """The plan with its population written as ``figure`` (in YAML or JSON)."""
    if plan.lstrip().startswith("{"):
        assert plan.count('"value": 10011000') == 1
        return plan.replace('"value": 10011000', f'"value": {figure}')
    assert plan.count(POPULATION) == 1
    return plan.replace(POPULATION, f"value: {figure}")


def one_line_each(err: str) -> None:
    """No message repeats more than a few dozen characters of what it refuses."""
    assert max(map(len, err.splitlines())) < 300, err[:600]


# -- High: quadratic number patterns ------------------------------------------------------------


@pytest.mark.parametrize("command", [["validate"], ["kpi"]])
def test_a_dataset_figure_of_200000_underscores_is_refused_at_once(tmp_path, plan_text, command):
    """``_YAML_FORMS`` backtracked: 40,000 underscores took 24 s, 200,000 over a minute."""
    path = write(tmp_path, "plan.yaml", with_figure(plan_text, "1" + "_" * 200_000 + ".5e+10"))
    args = ["validate", path] if command == ["validate"] else ["--data", path, *command]
    err = bounded(run(*args), 3)
    assert "$.general[1].value: 1____" in err and "is 200,007 characters long" in err
    one_line_each(err)


@pytest.mark.parametrize(
    "value",
    [
        "1" * 40_000 + "x",  # 24 s on main
        "1" * 40_000 + "%q",
        "1" * 40_000 + "-x",
        "1" * 40_000 + "개소x",
        "1" * 20_000 + "." + "1" * 20_000 + "x",
        "1 " * 20_000 + "x",
    ],
    ids=["digits-x", "digits-%q", "digits-minus", "digits-unit-x", "digits-point-digits", "digit-spaces"],
)
def test_a_ledger_value_of_40000_digits_then_a_letter_is_refused_at_once(tmp_path, value):
    err = bounded(run("kpi", "status", "--actuals", ledger(tmp_path, value)), 3)
    assert "ledger.csv:2: column 2 (actual):" in err and "characters long" in err
    one_line_each(err)


# -- Medium: huge exponents -------------------------------------------------------------------


@pytest.mark.parametrize(
    "value, fragment",
    [
        ("1e99999999999999999999999", "1e99999999999999999999999 is too large"),
        ("1.0e+99999999999999999999999", "is too large"),
        ("1e-99999999999999999999999", "has more than 6 decimal places"),
        ("0e99999999999999999999999", None),  # zero, however written
    ],
)
def test_a_ledger_value_with_a_huge_exponent_is_refused_or_read(tmp_path, value, fragment):
    result = run("kpi", "status", "--actuals", ledger(tmp_path, value), "--format", "json")
    if fragment is None:
        bounded(result, 0)
        assert [row["actual"] for row in json.loads(result[1]) if row["id"] == "future.job-cafes"] == [0]
    else:
        refused(result, 3, f"ledger.csv:2: column 2 (actual): {value}")
        assert fragment in result[2]


@pytest.mark.parametrize("form", ["yaml", "json"])
@pytest.mark.parametrize("command", ["validate", "kpi"])
def test_a_dataset_figure_with_a_huge_exponent_is_refused_with_its_path(tmp_path, plan_text, plan_json, form, command):
    plan = plan_text if form == "yaml" else plan_json
    path = write(tmp_path, f"plan.{form}", with_figure(plan, "1.0e+99999999999999999999999"))
    args = ["validate", path] if command == "validate" else ["--data", path, "kpi"]
    err = bounded(run(*args), 3)
    assert "$.general[1].value: 1.0e+99999999999999999999999 is too large" in err


# -- Medium: a YAML ledger's as_of: 2020.10 ---------------------------------------------------


@pytest.mark.parametrize(
    "name, content, place",
    [
        ("ledger.yaml", "- {id: future.job-cafes, actual: 95, as_of: 2020.10}\n", "ledger.yaml:1:"),
        ("ledger.json", '[{"id": "future.job-cafes", "actual": 95, "as_of": 2020.10}]', "ledger.json: $[0].as_of:"),
    ],
)
def test_an_as_of_written_as_a_decimal_number_is_refused_not_read_as_january(tmp_path, name, content, place):
    refused(
        run("track", "--actuals", write(tmp_path, name, content)),
        3,
        f"{place} 2020.1 is a decimal number, not a date (YAML reads 2020.10 as the number 2020.1); "
        "write 2020-10, or quote the date: '2020.10'",
    )


def test_an_as_of_written_as_text_is_the_month_written(tmp_path):
    content = (
        "- {id: future.job-cafes, actual: 95, as_of: '2020.10'}\n- {id: future.job-cafes, actual: 96, as_of: 2020-11}\n"
    )
    result = run("track", "--actuals", write(tmp_path, "ledger.yaml", content), "--by", "month", "--format", "json")
    bounded(result, 0)
    rows = [r for r in json.loads(result[1]) if r["id"] == "future.job-cafes"]
    assert [(r["period"], r["actual"]) for r in rows] == [("2020-10", 95), ("2020-11", 96)]


# -- Medium: digits of other scripts ----------------------------------------------------------


def test_money_refuses_a_bengali_digit_that_looks_like_8():
    refused(run("money", "1৪억"), 2, "cannot read '1৪억' as an amount: '৪' (character 2) is BENGALI DIGIT FOUR")


@pytest.mark.parametrize(
    "value, as_of, fragment",
    [
        ("৪.2", "2020-Q2", "'৪.2': '৪' (character 1) is BENGALI DIGIT FOUR, a digit of another script"),
        ("١٢", "2020-Q2", "is ARABIC-INDIC DIGIT ONE"),
        ("९५개소", "2020-Q2", "is DEVANAGARI DIGIT NINE"),
        ("95", "২০২০-Q2", "column 3 (as_of): '২০২০-Q2': '২' (character 1) is BENGALI DIGIT TWO"),
        ("95", "2020년 ৬월", "is BENGALI DIGIT SIX"),
    ],
)
def test_a_ledger_refuses_digits_of_other_scripts(tmp_path, value, as_of, fragment):
    refused(run("kpi", "status", "--actuals", ledger(tmp_path, value, as_of)), 3, fragment)


@pytest.mark.parametrize(
    "args, env, fragment",
    [
        (
            ["kpi", "status", "--actuals", LEDGER, "--as-of", "২০২০-Q2"],
            {},
            "Invalid value for '--as-of': '২০২০-Q2': '২'",
        ),
        (
            ["kpi", "status", "--actuals", LEDGER, "--near", "৯০"],
            {},
            "Invalid value for '--near': '৯০' is not a number of percent",
        ),
        (["kpi", "status", "--actuals", LEDGER, "--fail-under", "৯০"], {}, "Invalid value for '--fail-under': '৯০'"),
        (["budget", "--compare", "২০১৯"], {}, "Invalid value for '--compare': '২০১৯': '২' (character 1)"),
        (["kpi", "--pillar", "1", "--strategy", "১"], {}, "Invalid value for '--strategy': '১'"),
        (["kpi", "--pillar", "১"], {}, "unknown pillar '১'"),
        (["budget"], {"SEOULPLAN_MAX_DATASET_MB": "৪"}, "SEOULPLAN_MAX_DATASET_MB='৪': expected a whole number"),
        (["budget"], {"SEOULPLAN_MAX_DATASET_MB": "²"}, "SEOULPLAN_MAX_DATASET_MB='²': expected a whole number"),
        (["budget"], {"SEOULPLAN_MAX_DATASET_MB": "3_2"}, "SEOULPLAN_MAX_DATASET_MB='3_2': expected a whole number"),
    ],
)
def test_options_and_variables_refuse_digits_of_other_scripts(args, env, fragment):
    refused(run(*args, env=env), 2, fragment)


def test_source_date_epoch_refuses_digits_of_other_scripts(tmp_path):
    result = run("report", "-o", tmp_path / "r.html", env={"SOURCE_DATE_EPOCH": "১৫৯৩৫৬১৬০০"})
    refused(result, 2, "SOURCE_DATE_EPOCH='১৫৯৩৫৬১৬০০' is not a number of seconds since 1970-01-01")
    assert not (tmp_path / "r.html").exists()


@pytest.mark.parametrize(
    "args, env, shown",
    [
        (["money", "１억"], {}, b"KRW 100 million"),
        (["kpi", "status", "--actuals", LEDGER, "--as-of", "２０２０-Q2", "--format", "csv"], {}, b"2020-Q2"),
        (["kpi", "status", "--actuals", LEDGER, "--near", "９０", "--format", "csv"], {}, b"future.job-cafes"),
        (["budget", "--compare", "２０１９", "--format", "csv"], {}, b"compare_amount_eok"),
        (["budget", "--format", "csv"], {"SEOULPLAN_MAX_DATASET_MB": "３２"}, b"amount_eok"),
        (["kpi", "--pillar", "３", "--format", "csv"], {}, b"welfare."),
    ],
)
def test_full_width_digits_read_as_ascii(args, env, shown):
    result = run(*args, env=env)
    bounded(result, 0)
    assert shown in result[1]


def test_a_ledger_reads_full_width_digits(tmp_path):
    result = run("kpi", "status", "--actuals", ledger(tmp_path, "９５개소", "２０２０-Q2"), "--format", "json")
    bounded(result, 0)
    [row] = [r for r in json.loads(result[1]) if r["id"] == "future.job-cafes"]
    assert (row["actual"], row["as_of"]) == (95, "2020-Q2")


# -- Low --------------------------------------------------------------------------------------


@pytest.mark.parametrize("expression", ["0x10", "0X1F", "2 x 0x10억"])
def test_money_refuses_a_hexadecimal_number_instead_of_multiplying_by_zero(expression):
    refused(run("money", expression), 2, "is a hexadecimal number; write the amount in digits 0-9")


def test_money_still_multiplies_with_x():
    result = run("money", "2", "x", "3억")
    bounded(result, 0)
    assert result[1].strip() == b"KRW 600 million"


@pytest.mark.parametrize(
    "name, content, place",
    [
        ("ledger.csv", "id,actual,as_of\nwelfare.paid-sick-leave-daily-amount,0.5원,2020-Q2\n", "ledger.csv:2:"),
        ("ledger.csv", "id,actual,as_of\nwelfare.paid-sick-leave-daily-amount,84180.5,2020-Q2\n", "ledger.csv:2:"),
        ("ledger.yaml", "welfare.paid-sick-leave-daily-amount: 0.5\n", "ledger.yaml:1:"),
    ],
)
def test_a_fraction_of_a_won_is_refused_in_a_ledger_as_in_a_dataset(tmp_path, plan_text, name, content, place):
    # the plan's only KPI counted in 원 is a parameter, never measured: a copy makes it a target
    record = "    direction: maintain\n    kind: parameter\n    target: {year: 2020, value: 84180}"
    assert record in plan_text
    plan = write(
        tmp_path,
        "plan.yaml",
        plan_text.replace(record, "    direction: increase\n    target: {year: 2020, value: 84180}"),
    )
    err = bounded(run("--data", plan, "kpi", "status", "--actuals", write(tmp_path, name, content)), 3)
    assert place in err and "is a fraction of a 원; an amount of money is a whole number of 원" in err


def test_a_refused_as_of_shows_its_own_message_not_the_internal_marker(tmp_path):
    path = write(tmp_path, "ledger.yaml", "- {id: future.job-cafes, actual: 95, as_of: 0x7E4}\n")
    refused(run("track", "--actuals", path), 3, "ledger.yaml:1: 0x7E4 is not written in plain decimal digits")
    err = run("track", "--actuals", path)[2]
    assert "refused number" not in err and "\\x00" not in err and "{'" not in err


@pytest.mark.parametrize("command", ["validate", "kpi"])
def test_a_json_datasets_nan_is_worded_as_yamls_in_korean_with_its_path(tmp_path, plan_json, command):
    path = write(tmp_path, "plan.json", with_figure(plan_json, "NaN"))
    args = ["validate", path] if command == "validate" else ["--data", path, "kpi"]
    err = bounded(run(*args, env=KOREAN), 3)
    assert "$.general[1].value: NaN은(는) 유한한 수가 아닙니다" in err


@pytest.mark.parametrize("digits", [54, 5001])
def test_a_json_datasets_big_integer_is_worded_as_yamls_with_its_path(tmp_path, plan_json, plan_text, digits):
    figure = "1" + "0" * (digits - 1)
    as_json = bounded(run("validate", write(tmp_path, "plan.json", with_figure(plan_json, figure))), 3)
    as_yaml = bounded(run("validate", write(tmp_path, "plan.yaml", with_figure(plan_text, figure))), 3)
    message = f"$.general[1].value: a number of {digits} digits is too large: a figure of the plan is less than 10^15"
    assert message in as_json and message in as_yaml
    one_line_each(as_json)


@pytest.mark.parametrize(
    "content, fragment",
    [
        (
            '[{"id": "future.job-cafes", "actual": NaN, "as_of": "2020-Q2"}]',
            "ledger.json: $[0].actual: NaN is not a finite number",
        ),
        ('{"future.job-cafes": Infinity}', "ledger.json: $.future.job-cafes: Infinity is not a finite number"),
        (
            '{"actuals": [{"id": "future.job-cafes", "actual": 1' + "0" * 5000 + ', "as_of": "2020-Q2"}]}',
            "ledger.json: $.actuals[0].actual: a number of 5001 digits is too large",
        ),
        (
            '[{"id": "future.job-cafes", "actual": 1' + "0" * 50 + ', "as_of": "2020-Q2"}]',
            "ledger.json: $[0].actual: a number of 51 digits is too large",
        ),
    ],
)
def test_a_json_ledgers_nan_and_big_integers_are_refused_with_their_path(tmp_path, content, fragment):
    err = bounded(run("kpi", "status", "--actuals", write(tmp_path, "ledger.json", content)), 3)
    assert fragment in err
    one_line_each(err)


def test_a_json_ledgers_nan_is_worded_in_korean(tmp_path):
    path = write(tmp_path, "ledger.json", '[{"id": "future.job-cafes", "actual": NaN, "as_of": "2020-Q2"}]')
    err = bounded(run("kpi", "status", "--actuals", path, env=KOREAN), 3)
    assert "ledger.json: $[0].actual: NaN은(는) 유한한 수가 아닙니다" in err


LONG = "9" * 3000


@pytest.mark.parametrize(
    "case",
    [
        "ledger value",
        "ledger word",
        "ledger date",
        "ledger id",
        "money",
        "--as-of",
        "--near",
        "--compare",
        "dataset figure",
        "dataset string",
    ],
)
def test_a_refused_3_kb_text_is_quoted_in_a_few_dozen_characters(tmp_path, plan_text, case):
    status = 2
    if case == "ledger value":
        args, status = ["kpi", "status", "--actuals", ledger(tmp_path, LONG + "x")], 3
    elif case == "ledger word":
        args, status = ["kpi", "status", "--actuals", ledger(tmp_path, "많" * 3000)], 3
    elif case == "ledger date":
        args, status = ["kpi", "status", "--actuals", ledger(tmp_path, "95", LONG)], 3
    elif case == "ledger id":
        args, status = ["kpi", "status", "--actuals", ledger(tmp_path, "95", kpi="x" * 3000)], 3
    elif case == "money":
        args = ["money", "1억 " + "원" * 3000]
    elif case == "--as-of":
        args = ["kpi", "status", "--actuals", LEDGER, "--as-of", LONG]
    elif case == "--near":
        args = ["kpi", "status", "--actuals", LEDGER, "--near", LONG + "x"]
    elif case == "--compare":
        args = ["budget", "--compare", LONG]
    elif case == "dataset figure":
        args, status = ["validate", write(tmp_path, "plan.yaml", with_figure(plan_text, "1_" + LONG))], 3
    else:
        args, status = ["validate", write(tmp_path, "plan.yaml", with_figure(plan_text, f'"{LONG}x"'))], 3
    err = bounded(run(*args), status)
    assert "9" * 100 not in err and "많" * 100 not in err and "x" * 100 not in err and "원" * 100 not in err
    one_line_each(err)


# -- the readers, in linear time --------------------------------------------------------------

#: Each reader, and the exceptions it documents; any other is a bug.
READERS = {
    "numeric.number_or_refusal": (numeric.number_or_refusal, ()),
    "numeric.read_number": (numeric.read_number, (numeric.NumberError,)),
    "quantities.read_value (개소)": (lambda text: quantities.read_value(text, "개소"), (ValueError,)),
    "quantities.read_value (억원)": (lambda text: quantities.read_value(text, "억원"), (ValueError,)),
    "quantities.read_value (%)": (lambda text: quantities.read_value(text, "%"), (ValueError,)),
    "periods.read_as_of": (periods.read_as_of.__wrapped__, (ValueError,)),  # not its cache
    "money.parse_money": (money.parse_money, (MoneyParseError,)),
    "money.parse_expression": (money.parse_expression, (MoneyParseError,)),
}

#: Near-misses: what a number is made of, repeated, then a character that spoils it.
PARTS = ["1", "0", "_", ",", ".", "e", "E", "+", "-", " ", ":", "1,", "12_", ":5", "e+1", "1.", "억", "만", "천",
         "(", ")", "x", "원", "%", "Q", "년", "১", "১", "０", "１", "²", "\u3000", "\x00"]  # fmt: skip
ENDS = ["", "x", "%q", "개소x", "-x", "e", ".", ":", "_", "৪", "억원", ")", "(", "\x00"]


def one_pass(text: str) -> float:
    """The time of one Python-level pass over ``text``: the cost any reader may add, noise
    included, and the unit of the measures below. Times here are the thread's CPU time, which
    a busy machine's other processes do not add to."""
    start = time.thread_time()
    for _char in text:
        pass
    return time.thread_time() - start


def reading_time(read, text: str, unit: float) -> float:
    """The best of up to five readings of ``text`` (one is enough once they are slow: noise
    is then small beside them)."""
    best = spent = 0.0
    for attempt in range(5):
        start = time.thread_time()
        with contextlib.suppress(Exception):
            read(text)
        took = time.thread_time() - start
        best, spent = (took if attempt == 0 else min(best, took)), spent + took
        if spent > SLOW * unit:
            break
    return best


#: Readings this many Python passes long (seconds, for these sizes) are slow enough to measure
#: once: noise is small beside them, and a quadratic reader would take minutes to be timed five times.
SLOW = 5000
SIZES = (12_500, 25_000, 50_000, 100_000)


def assert_linear(name: str, read, smaller: str, larger: str) -> None:
    """Doubling the text costs ``read`` at most 2.5 times the time (plus one Python pass)."""
    for _round in range(5):  # a busy machine may slow one round; a quadratic reader fails all five
        unit = one_pass(larger)
        small, large = reading_time(read, smaller, unit), reading_time(read, larger, unit)
        if large <= 2.5 * small + unit:
            return
        if large > SLOW * unit:  # slow and not noise: no need to wait for four more rounds
            break
    pytest.fail(f"{name}: {small:.4f} s for {len(smaller):,} characters, {large:.4f} s for {len(larger):,}")


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    head=st.sampled_from(["", "1", "-", "2020", "1억", "(", "0x", "+"]),
    run_of=st.lists(st.sampled_from(PARTS), min_size=1, max_size=4).map("".join),
    end=st.sampled_from(ENDS),
)
@example(head="1", run_of="_", end=".5e+10")  # 24 s for 40,000 underscores on 0.2.0
@example(head="", run_of="1", end="x")  # 24 s for 40,000 digits in a ledger on 0.2.0
def test_every_reader_reads_or_refuses_100_kb_of_near_misses_in_linear_time(head, run_of, end):
    """Up to 100 KB of what a number is made of, then a character that spoils it: each
    doubling of the text at most 2.5 times the time, and only the reader's own exceptions."""
    texts = [head + run_of * (size // len(run_of)) + end for size in SIZES]
    for name, (read, allowed) in READERS.items():
        for smaller, larger in itertools.pairwise(texts):
            assert_linear(name, read, smaller, larger)
        for text in texts:
            with contextlib.suppress(*allowed):
                read(text)


@settings(max_examples=300, deadline=None)
@example(text="1e99999999999999999999999")  # decimal.InvalidOperation on 0.2.0
@example(text="1.0e+99999999999999999999999")
@example(text="２０２０년 ৬월")
@given(
    text=st.one_of(
        st.text(max_size=60),
        st.lists(
            st.sampled_from(PARTS + ENDS + ["2", "9", "৪", "년", "월", "일", "분기", "상반기", "H", "%p"]), max_size=20
        ).map("".join),
    )
)
def test_every_reader_raises_only_its_own_exceptions(text):
    for read, allowed in READERS.values():
        with contextlib.suppress(*allowed):
            read(text)
