"""Every way an attacker broke seoulplan (issue 14), each through a real process.

Each case checks what a user would: the exit status, one clear message on standard error,
no traceback, nothing half-written on standard output, and a bounded run (5 s, 500 MB).
Grouped by the finding it answers; the cache's other attacks (edited, foreign, symlinked
entries; other users' directories) are in test_cache.py, `-o`'s symlinks, modes, FIFOs
and SIGTERM in test_shell.py.
"""

from __future__ import annotations

import json
import os
import re
import shlex
import signal
import subprocess
import time

import pytest
import yaml
from forgery import forged_plan
from helpers import bounded, patience, refused, run, seoulplan

from seoulplan.core.reading import packaged_path

# slow; and about what the messages say, read in English
pytestmark = [pytest.mark.slow, pytest.mark.usefixtures("english")]

SP = " ".join(shlex.quote(part) for part in seoulplan())
LEDGER = os.path.join(os.path.dirname(__file__), "data", "ledger-2020.csv")


def sh(script: str, **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run(["bash", "-c", "set -o pipefail; " + script], capture_output=True, timeout=30, **kwargs)


@pytest.fixture(scope="module")
def plan_text() -> str:
    return packaged_path().read_text(encoding="utf-8")


def write(tmp_path, name: str, content: str | bytes):
    path = tmp_path / name
    path.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
    return path


# -- 1. wrong figures through the cache -------------------------------------------------------


@pytest.mark.parametrize("evil_first", [True, False])
def test_a_dataset_forged_to_collide_with_the_plans_old_key_cannot_change_its_figures(tmp_path, evil_first):
    """0.1.0's key was length + CRC-32 + Adler-32: this dataset has all three of the
    packaged plan's, and a target of 5,700 instead of 4,800."""
    evil = write(tmp_path, "evil.yaml", forged_plan(packaged_path().read_bytes()))
    env = {"XDG_CACHE_HOME": str(tmp_path / "cache")}
    query = ["kpi", "--grep", "혁신성장펀드 조성", "--format", "json"]
    order = [["--data", evil], []] if evil_first else [[], ["--data", evil]]
    for _ in range(2):  # the second round reads what the first cached
        for data in order:
            code, out, err, *_ = run(*data, *query, env=env)
            assert code == 0, err
            assert [k["target"] for k in json.loads(out)] == [5700 if data else 4800]
    assert len(list((tmp_path / "cache" / "seoulplan").glob("*.json"))) == 2


# -- 2. -o writes over what it finds ----------------------------------------------------------


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="needs /dev/full")
def test_output_to_a_full_device_is_an_error_and_the_device_stays(tmp_path):
    refused(run("budget", "-o", "/dev/full"), 2, "cannot write /dev/full: No space left on device")
    assert not os.path.isfile("/dev/full")  # still a device, not a file written over it


# -- 3. tracebacks ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "old, new, fragment",
    [
        ("value: 10011000", "value: 1" + "0" * 400, "a number of 401 digits is too large"),
        ("value: 10011000", "value: 1" + "0" * 5000, "a number of 5001 digits is too large"),
        ("title: 2020 주요 업무계획", "title: !!binary aGVsbG8=", "the tag tag:yaml.org,2002:binary has no place"),
        ("schema: seoulplan/1", "schema: !!set {a, b}", "the tag tag:yaml.org,2002:set has no place"),
        ("schema: seoulplan/1", "schema: !!omap [a: 1]", "the tag tag:yaml.org,2002:omap has no place"),
        ("schema: seoulplan/1", "schema: !!pairs [a: 1]", "the tag tag:yaml.org,2002:pairs has no place"),
        (
            "years: [2020, 2019]",
            "years: [2019, 2018]",
            "the plan's year 2020 (plan.year) is not among the budget's years",
        ),
    ],
)
def test_hostile_figures_and_tags_are_refused_with_their_place(tmp_path, plan_text, old, new, fragment):
    path = write(tmp_path, "plan.yaml", plan_text.replace(old, new, 1))
    refused(run("--data", path, "budget"), 3, fragment)
    code, out, err, *_ = run("validate", path)  # validate lists a dataset's problems on standard output
    assert code == 3 and fragment in out.decode() + err and "Traceback" not in err


@pytest.mark.parametrize(
    "expression, fragment",
    [
        ("(" * 330 + "1" + ")" * 330, "brackets nested more than 50 deep"),
        ("(" * 60, "brackets nested more than 50 deep"),
        ("1" * 31, "number too long"),
        ("1²", "unexpected '²' at character 2"),
        ("①", "unexpected '①' at character 1"),
    ],
)
def test_money_refuses_what_it_cannot_read_exactly(expression, fragment):
    refused(run("money", expression), 2, fragment)


@pytest.mark.parametrize(
    "args, shown",
    [
        (["money", "-" * 1000 + "1"], "1"),  # an even number of signs
        (["money", "12345678901234567890123456789"], "12,345,678,901,234,567,890,123,456,789"),
        (["--locale", "ko_KR", "money", "123456789012345678901234567891원", "--to", "원"],
         "123,456,789,012,345,678,901,234,567,891원"),
        (["--locale", "ko_KR", "money", "10000000000000000000000000000원 + 1원", "--to", "원"],
         "10,000,000,000,000,000,000,000,000,001원"),
        (["--locale", "en_US", "money", "9999999999999999999999999999조"],
         "KRW 9,999,999,999,999,999,999,999,999,999 trillion"),
        (["--locale", "en_US", "money", "123456789012345678901234567891원", "--to", "won"],
         "KRW 123,456,789,012,345,678,901,234,567,891"),
    ],
)  # fmt: skip
def test_money_keeps_every_digit_of_thirty(args, shown):
    code, out, err, *_ = run(*args)
    assert code == 0, err
    assert out.decode().strip() == shown


@pytest.mark.parametrize("option", ["--near", "--fail-under"])
@pytest.mark.parametrize("value", ["nan", "inf", "-inf"])
def test_a_threshold_that_is_not_a_number_is_a_usage_error(option, value):
    refused(run("kpi", "status", "--actuals", LEDGER, option, value), 2, f"'{value}' is not a number of percent")


def test_standard_input_closed():
    result = sh(f"{SP} --data - budget <&-")
    assert result.returncode == 3 and b"standard input is closed" in result.stderr and result.stdout == b""


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="needs /dev/full")
@pytest.mark.parametrize(
    "command", ["--help", "--version", "budget", "kpi --format csv", "money 1억", "validate", "kpi --help"]
)
def test_a_full_disk_on_standard_output_is_exit_74(command):
    result = sh(f"{SP} {command} > /dev/full")
    assert result.returncode == 74, result.stderr
    assert result.stderr.decode().strip() == "Error: cannot write to standard output: No space left on device"


@pytest.mark.parametrize("command", ["--help", "--version", "budget", "money 1억", "validate"])
def test_closed_standard_output_is_exit_74(command):
    result = sh(f"{SP} {command} >&-")
    assert result.returncode == 74, result.stderr
    assert result.stderr.decode().strip() == "Error: cannot write to standard output: it is closed"


# -- 4. wrong figures elsewhere ---------------------------------------------------------------


@pytest.mark.parametrize(
    "old, new, fragment",
    [
        (
            "target: {year: 2020, value: 4800}",
            "target: {year: 2020, value: -4800}",
            "target.value: expected a number ≥ 0 (a KPI's figure is a count, an amount or a rate), got -4800",
        ),
        (
            "unit: 억원\n    direction: increase\n    target: {year: 2020, value: 4800}",
            "unit: 원\n    direction: increase\n    target: {year: 2020, value: 0.5}",
            "target.value: expected a whole number, got float 0.5",
        ),
        ("{2020: 395359", "{2020: -395359", "expected a number ≥ 0, got -395359"),
        ("value: 10011000", "value: 0100", "0100 has a leading zero"),
        ("value: 10011000", "value: 1:30", "1:30 is not written in plain decimal digits"),
    ],
)
def test_figures_the_plan_cannot_hold_are_refused(tmp_path, plan_text, old, new, fragment):
    assert old in plan_text
    path = write(tmp_path, "plan.yaml", plan_text.replace(old, new, 1))
    refused(run("--data", path, "budget"), 3, fragment)


@pytest.mark.parametrize(
    "name, content, fragment",
    [
        ("a.csv", "id,actual\nfuture.youth-unemployment-rate,-5\n", "'-5' is negative; a KPI's actual is a count"),
        ("a.csv", "id,actual\nfuture.job-cafes,-3개소\n", "'-3개소' is negative"),
        ("a.csv", "id,actual\nfuture.job-cafes,1.5e-300\n", "1.5e-300 has more than 6 decimal places"),
        ("a.csv", "id,actual\nfuture.job-cafes," + "9" * 3000 + "\n", "a number of 3000 digits is too large"),
        ("a.csv", "id,actual,actual\nfuture.job-cafes,1,2\n", "a second 'actual' column"),
        ("a.yaml", "future.job-cafes: 0100\n", "0100 has a leading zero"),
        ("a.yaml", "future.job-cafes: 1:30\n", "1:30 is not written in plain decimal digits"),
    ],
)
def test_actuals_the_plan_cannot_have_are_refused(tmp_path, name, content, fragment):
    refused(run("kpi", "status", "--actuals", write(tmp_path, name, content)), 3, fragment)


# -- 5. exit statuses -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "command",
    ["audit --strict", "audit --strict --format csv", f"kpi status --actuals {LEDGER} --fail-under 200 --format csv"],
)
def test_a_gate_still_fails_when_its_reader_goes_away(command):
    result = sh(f"{SP} {command} | head -1 >/dev/null")
    assert result.returncode == 1, result.stderr


@pytest.mark.parametrize("command", ["validate", "money 1억", "--help", "--version", "kpi", "budget --format csv"])
def test_a_reader_that_goes_away_is_not_an_error(command):
    result = sh(f"{SP} {command} | true")
    assert result.returncode == 0, result.stderr
    assert b"Error" not in result.stderr and b"Traceback" not in result.stderr


def test_interrupted_is_130():
    process = subprocess.Popen(
        [*seoulplan(), "--data", "-", "budget"], stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )
    time.sleep(patience(1.0))  # until it waits for standard input: past its imports, on a busy machine too
    process.send_signal(signal.SIGINT)
    _, err = process.communicate(timeout=patience(10))
    assert process.returncode == 130, err
    assert b"Traceback" not in err


# -- 6. terminal escapes ----------------------------------------------------------------------

HOSTILE_NAME = "혁신\x1b[2J\x1b]0;pwned\x07성장\u202e펀드\n조성"


@pytest.fixture
def hostile_plan(tmp_path, plan_text):
    return write(
        tmp_path, "esc.yaml", plan_text.replace("name: 혁신성장펀드 조성", f"name: {json.dumps(HOSTILE_NAME)}", 1)
    )


@pytest.mark.parametrize(
    "args",
    [
        ["kpi", "--pillar", "future", "--strategy", "1"],
        ["kpi", "--pillar", "future", "--strategy", "1", "--format", "markdown"],
        ["kpi", "show", "future.innovation-growth-fund"],
    ],
)
def test_control_and_bidi_characters_are_shown_escaped_to_people(hostile_plan, args):
    code, out, err, *_ = run("--locale", "ko_KR", "--data", hostile_plan, *args)  # the Korean name is shown
    assert code == 0, err
    text = out.decode()
    # markdown escapes its own punctuation (test_attacks_output.py): compare what it shows
    shown = re.sub(r"\\([!-/:-@\[-`{-~])", r"\1", text) if "markdown" in args else text
    assert "혁신\\x1b[2J\\x1b]0;pwned\\x07성장\\u202e펀드\\n조성" in shown
    assert not any(c in text for c in "\x1b\x07\u202e")
    if "markdown" in args:
        assert all(line.startswith("|") for line in text.splitlines() if "future." in line)


def test_machine_formats_keep_the_data(hostile_plan):
    code, out, err, *_ = run("--data", hostile_plan, "kpi", "--grep", "pwned", "--format", "json")
    assert code == 0, err
    assert json.loads(out)[0]["name"] == HOSTILE_NAME


def test_messages_escape_what_the_user_gave(tmp_path, plan_text):
    hostile_id = write(tmp_path, "id.yaml", plan_text.replace("id: future.job-cafes", 'id: "future.\\e[31mevil"', 1))
    for args, fragment in [
        (["validate", hostile_id], "future.\\x1b[31mevil"),
        (["--data", tmp_path / "\x1b[2Jplan.yaml", "budget"], "\\x1b[2Jplan.yaml: no such file"),
        (["kpi", "--pillar", "\x1b]0;x\x07"], "unknown pillar '\\x1b]0;x\\x07'"),
    ]:
        code, _, err, *_ = run(*args)
        assert code in (2, 3) and fragment in err and "\x1b" not in err, err


# -- 7. resource bounds inside the limits -----------------------------------------------------


def _elements(unit: str, size: int, marks: int) -> str:
    per_unit = sum(unit.count(c) for c in ",:[{-") or 1
    return unit * (min(size // len(unit), marks // per_unit) - 10)


@pytest.mark.parametrize("unit", ["0,", "{},", "[],", '"",', '"abcdef",', "0.5,", '{"a":0},', "[[[[0]]]],"])
@pytest.mark.parametrize("section", ["x", "kpis"])
def test_the_worst_json_the_limits_admit_is_refused_in_bounds(tmp_path, unit, section):
    """As many values as the limits allow (32 MiB; 4,000,000 separators), of the kinds that
    cost Python the most memory per byte, in a known section and in an unknown one."""
    body = _elements(unit, 32 * 1024 * 1024 - 100, 4_000_000 - 100)
    path = write(tmp_path, "worst.json", '{"schema":"seoulplan/1","' + section + '":[' + body + "0]}")
    refused(run("--data", path, "budget"), 3, "problem(s) in the dataset")


@pytest.mark.parametrize("unit", ["0,", "{},", "[],", "aaaaaa,"])
def test_the_worst_yaml_the_limits_admit_is_refused_in_bounds(tmp_path, unit):
    body = _elements(unit, 2 * 1024 * 1024 - 100, 250_000 - 100)
    refused(run("--data", write(tmp_path, "worst.yaml", f"schema: seoulplan/1\nkpis: [{body}0]\n"), "budget"), 3, "")


@pytest.mark.parametrize(
    "name, content, fragment",
    [
        ("big.yaml", "x: [" + "0," * (8 * 1024 * 1024 - 10) + "0]\n", "a YAML file may be at most 2,097,152 bytes"),
        ("many.json", '{"schema":"seoulplan/1","x":[' + "0," * 4_100_000 + "0]}", "a file may hold at most 4,000,000"),
        ("many.yaml", "x: [" + "0," * 300_000 + "0]\n", "a file may hold at most 250,000"),
    ],
)
def test_files_past_the_limits_are_refused_before_they_are_parsed(tmp_path, name, content, fragment):
    refused(run("--data", write(tmp_path, name, content), "budget"), 3, fragment)


def test_a_name_of_160000_characters_is_refused(tmp_path, plan_text):
    path = write(tmp_path, "long.yaml", plan_text.replace("name: 혁신성장펀드 조성", "name: " + "가" * 160_000, 1))
    refused(run("--data", path, "kpi"), 3, "name: text of 160,000 characters; at most 200 are allowed here")


def test_a_record_of_millions_of_values_is_reported_not_checked_value_by_value(tmp_path):
    record = '{"id":"future.x","quotes":[' + "0," * 2_000_000 + "0]}"
    path = write(tmp_path, "fat.json", '{"schema":"seoulplan/1","kpis":[' + record + "]}")
    refused(run("--data", path, "budget"), 3, "holds more than 20,000 values")


def test_twenty_thousand_unknown_ids(tmp_path):
    path = write(tmp_path, "a.csv", "id,actual\n" + "".join(f"future.nope-{i},1\n" for i in range(20_000)))
    err = bounded(run("kpi", "status", "--actuals", path), 3)
    assert "20,000 problem(s)" in err and "did you mean" in err and "… and 19,950 more" in err
    assert len(err.splitlines()) == 52


def test_a_ledger_of_a_million_duplicates_is_refused_by_its_size(tmp_path):
    path = write(tmp_path, "a.csv", "id,actual,as_of\n" + "future.job-cafes,1,2020\n" * 1_000_000)
    refused(run("kpi", "status", "--actuals", path), 3, "a file may be at most 16,777,216 bytes")


def test_a_ledger_of_half_a_million_duplicates_lists_fifty(tmp_path):
    path = write(tmp_path, "a.csv", "id,actual\n" + "a,1\n" * 499_000)
    err = bounded(run("kpi", "status", "--actuals", path), 3)
    assert "499,000 problem(s)" in err and len(err.splitlines()) == 52


def test_a_ledger_of_too_many_rows(tmp_path):
    refused(
        run("kpi", "status", "--actuals", write(tmp_path, "a.csv", "id,actual\n" + "a,1\n" * 600_000)),
        3,
        "at most 500,000 rows",
    )


# -- 8. messages that name the real problem ---------------------------------------------------


@pytest.mark.parametrize(
    "name, mangle, fragment",
    [
        (
            "surrogate.json",
            lambda t: t.replace('"2020 주요 업무계획"', '"2020 \\ud800 업무계획"', 1),
            "\\ud800 is half of",
        ),
        ("key.json", lambda t: t.replace('"amounts": {"2020"', '"amounts": {"²"', 1), "expected keys that are years"),
    ],
)
def test_json_messages(tmp_path, plan_text, name, mangle, fragment):
    text = json.dumps(yaml.safe_load(plan_text), ensure_ascii=False)
    refused(run("--data", write(tmp_path, name, mangle(text)), "budget"), 3, fragment)


@pytest.mark.parametrize(
    "args, stdin, status, fragment",
    [
        (["--data", "", "budget"], None, 3, "no file given: the path is empty"),
        (
            ["--data", "-", "kpi", "status", "--actuals", "-"],
            b"",
            2,
            "--data - and --actuals - cannot both read standard input",
        ),
        (["--data", "-", "budget"], b"{schema: seoulplan/1}\n", 3, "missing section 'plan'"),
        (
            ["kpi", "status", "--actuals", "-"],
            b'id,actual\nfuture.job-cafes,"12\n',
            3,
            "malformed CSV: unexpected end of data",
        ),
    ],
)
def test_messages_name_the_real_problem(args, stdin, status, fragment):
    result = run(*args, input=stdin)
    refused(result, status, fragment)
    assert "JSON syntax error" not in result[2] and "is a directory" not in result[2]
