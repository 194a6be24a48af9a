"""Every way a hostile tester broke what seoulplan writes (issue 21), each through a real process.

What the formats write (a line break inside a cell, markdown that renders as markup), the
shared ``--columns``/``--sort`` flags, the export (a full disk, signals, a hostile name in its
summary) and paths (``-o dir/``, ``export ''``, ``export -``, the owner and mode of what
``--force`` replaces). Each checks what a user would: the exit status, one message and no
traceback or "internal error", nothing half-written, no temporary file left. The rest of
``-o``'s manners (symlinks, FIFOs, SIGTERM, a file-size limit) are in test_shell.py, the
earlier attacks in test_attacks.py.
"""

from __future__ import annotations

import csv
import datetime
import html
import io
import json
import os
import re
import resource
import signal
import stat
import subprocess
import time

import pytest
import yaml
from helpers import LISTINGS, bounded, refused, run, seoulplan

from seoulplan.core.escaping import escaped
from seoulplan.core.reading import packaged_path
from seoulplan.presentation.choices import FORMATS

# slow; and about what the messages say, read in English
pytestmark = [pytest.mark.slow, pytest.mark.usefixtures("english")]

FUND = "future.innovation-growth-fund"
FUND_NAME = "혁신성장펀드 조성"
STRATEGY = ["--pillar", "future", "--strategy", "1"]  # the fund's strategy: a quick listing


@pytest.fixture(scope="module")
def plan_text() -> str:
    return packaged_path().read_text(encoding="utf-8")


def named(tmp_path, plan_text: str, name: str):
    """The packaged plan with the fund's Korean name replaced by ``name``."""
    path = tmp_path / "named.yaml"
    path.write_text(plan_text.replace(f"name: {FUND_NAME}", f"name: {json.dumps(name)}", 1), encoding="utf-8")
    return path


# -- 1. a line break inside a cell --------------------------------------------------------------

#: A name that ends a line where some reader ends one, and starts a formula after it (a DDE
#: payload: Excel splits an unquoted row at the carriage return and runs the next "row").
BREAKS = {
    "carriage return": "펀드\r=cmd|' /C calc'!A0",
    "line separator": "펀드\u2028=cmd|' /C calc'!A0",
    "next line": "펀드\x85=cmd|' /C calc'!A0",
    "vertical tab": "펀드\x0b=cmd|' /C calc'!A0",
}
#: Every character some reader ends a line at: Python's ``str.splitlines`` set.
LINE_BREAKS = "\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"
COPY_ESCAPES = {"t": "\t", "n": "\n", "r": "\r", "v": "\x0b", "f": "\x0c", "b": "\x08", "\\": "\\"}


def _fund_row(header: list[str], rows: list[list[str]]) -> dict[str, str]:
    return dict(zip(header, next(row for row in rows if row[0] == FUND)))


def check_csv(text: str, name: str) -> None:
    rows = list(csv.reader(io.StringIO(text, newline="")))  # Python's reader ends a row at \r too
    assert len({len(row) for row in rows}) == 1, "a row was split"
    assert _fund_row(rows[0], rows)["name"] == name
    assert f'"{name}"' in text  # quoted: Excel, too, keeps the cell whole


def check_tsv(text: str, name: str) -> None:
    assert not any(c in text for c in "\r\x0b\x0c"), "a control character some reader ends a row at"
    lines = [line.split("\t") for line in text.split("\n")[:-1]]
    assert len({len(fields) for fields in lines}) == 1, "a row was split"
    read = list(csv.reader(io.StringIO(text, newline=""), delimiter="\t", quoting=csv.QUOTE_NONE))
    assert len(read) == len(lines)
    cell = _fund_row(lines[0], lines)["name"]
    assert re.sub(r"\\(.)", lambda m: COPY_ESCAPES[m.group(1)], cell) == name  # COPY's escapes read back


def check_json(text: str, name: str) -> None:
    assert not any(c in text for c in "\x85\u2028\u2029")
    assert next(r for r in json.loads(text) if r["id"] == FUND)["name"] == name


def check_jsonl(text: str, name: str) -> None:
    records = [json.loads(line) for line in text.splitlines()]  # splitlines ends a line at U+2028 too
    assert next(r for r in records if r["id"] == FUND)["name"] == name


def check_people(text: str, shown: str) -> None:
    assert not any(c in text for c in LINE_BREAKS if c != "\n")
    assert shown in text


def markdown_unescaped(text: str) -> str:
    """What CommonMark shows of ``text``'s backslash escapes (of ASCII punctuation)."""
    return re.sub(r"\\([!-/:-@\[-`{-~])", r"\1", text)


CHECKS = {
    "csv": check_csv,
    "tsv": check_tsv,
    "json": check_json,
    "jsonl": check_jsonl,
    "table": lambda text, name: check_people(text, escaped(name)),
    "markdown": lambda text, name: check_people(markdown_unescaped(text), escaped(name)),
}


@pytest.mark.parametrize("kind", BREAKS)
def test_a_line_break_in_a_cell_never_splits_a_row_in_any_text_format(tmp_path, plan_text, kind):
    """xlsx has no rows to split (a cell is an XML element); the rest are checked by the reader
    each is read with."""
    data = named(tmp_path, plan_text, BREAKS[kind])
    assert set(CHECKS) == set(FORMATS) - {"xlsx"}
    for fmt, check in CHECKS.items():
        result = run("--locale", "ko_KR", "--data", data, "kpi", *STRATEGY, "--format", fmt)  # the Korean name
        bounded(result, 0)
        check(result[1].decode("utf-8"), BREAKS[kind])


@pytest.mark.parametrize("kind", ["carriage return", "line separator"])
def test_a_line_break_in_a_cell_never_splits_a_row_of_an_exported_csv(tmp_path, plan_text, kind):
    data = named(tmp_path, plan_text, BREAKS[kind])
    bounded(run("--data", data, "export", tmp_path / "plan"), 0)
    with open(tmp_path / "plan" / "kpis.csv", encoding="utf-8", newline="") as f:
        check_csv(f.read(), BREAKS[kind])


# -- 2. --columns and --sort on every listing, in every format ---------------------------------------

LIST_COLUMNS = ("milestones", "parts")  # lists: no order


@pytest.mark.parametrize("number, command", list(enumerate(LISTINGS)), ids=[" ".join(c[:3]) for c in LISTINGS])
def test_a_column_named_twice_or_sorting_by_lists_is_refused_before_anything_is_written(tmp_path, number, command):
    """Formats taken in turn, so that each meets several commands: both failed in the writer,
    after a header was written, with exit 70."""
    code, out, err, *_ = run(*command, "--format", "csv")
    assert code == 0, err
    header = out.decode("utf-8").splitlines()[0].split(",")
    fmt = FORMATS[number % len(FORMATS)]
    target = tmp_path / "out"
    twice = f"{header[0]},{header[-1]},{header[0]}"
    refused(run(*command, "--format", fmt, "-o", target, "--columns", twice), 2, f"cannot show {header[0]!r} twice")
    assert list(tmp_path.iterdir()) == []
    for n, column in enumerate(c for c in LIST_COLUMNS if c in header):
        fmt = FORMATS[(number + 3 + n) % len(FORMATS)]
        sort = "-" + column if n % 2 else column
        refused(run(*command, "--format", fmt, "--sort", sort), 2, f"cannot sort by {column!r}: it holds lists")


# -- 3. a full disk during export ------------------------------------------------------------------

FILE_SIZE_LIMIT = 64 * 1024


def small_disk() -> None:
    """A disk that is full at 64 KB, in the child: with RLIMIT_FSIZE every write past it fails
    with EFBIG ("File too large"; Python ignores SIGXFSZ), as a full disk fails it with ENOSPC
    — an OSError from a write, where seoulplan meets it. A real full disk cannot be had
    without privileges (a small tmpfs needs a mount); /dev/full cannot hold an export's
    temporary siblings."""
    resource.setrlimit(resource.RLIMIT_FSIZE, (FILE_SIZE_LIMIT, FILE_SIZE_LIMIT))


@pytest.mark.parametrize(
    "name, reason",
    [
        ("plan.sqlite", "Input/output error"),  # SQLite's "disk I/O error": it does not pass the errno on
        ("plan", "File too large"),
        ("plan.xlsx", "File too large"),
    ],
)
def test_a_full_disk_during_export_is_said_as_minus_o_says_it(tmp_path, name, reason):
    """Exit 2 and "cannot write PATH: REASON", as `-o` and `report -o` (test_shell.py); no
    temporary left beside the target, nor openpyxl's in TMPDIR."""
    scratch, out = tmp_path / "tmp", tmp_path / "out"
    scratch.mkdir()
    out.mkdir()
    result = run("export", out / name, env={"TMPDIR": str(scratch)}, preexec_fn=small_disk)
    refused(result, 2, f"Error: cannot write {out / name}: {reason}")
    assert list(out.iterdir()) == [] and list(scratch.iterdir()) == []


# -- 4. signals during export --------------------------------------------------------------------


def staging(out, scratch) -> bool:
    """The export has made its temporary siblings and is writing into them."""
    return any(p.startswith(".seoulplan-") for p in os.listdir(out))


def interrupted(tmp_path, args: list[str], signum: int, when) -> tuple[int, str, list[str], list[str]]:
    """Run ``seoulplan ARGS`` in an empty directory, send ``signum`` once ``when`` holds; the exit
    status, standard error, and what is left in the directory and in TMPDIR."""
    out, scratch = tmp_path / "out", tmp_path / "tmp"
    out.mkdir()
    scratch.mkdir()
    proc = subprocess.Popen(
        [*seoulplan(), *args],
        cwd=out,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        env={**os.environ, "TMPDIR": str(scratch)},
    )
    while proc.poll() is None and not when(out, scratch):
        time.sleep(0.002)
    assert proc.poll() is None, "it ended before it could be interrupted"
    proc.send_signal(signum)
    _, err = proc.communicate(timeout=60)
    return proc.returncode, err.decode("utf-8"), sorted(os.listdir(out)), sorted(os.listdir(scratch))


@pytest.mark.parametrize(
    "signum, args, when",
    [
        (signal.SIGHUP, ["export", "plan.sqlite"], staging),
        (signal.SIGALRM, ["export", "plan"], staging),
        (signal.SIGUSR1, ["export", "plan.xlsx", "--actuals", "{ledger}"], staging),
        (signal.SIGHUP, ["export", "plan.xlsx", "--actuals", "{ledger}"], staging),
        (signal.SIGTERM, ["export", "plan.xlsx", "--actuals", "{ledger}"], staging),
        (signal.SIGINT, ["export", "plan.xlsx", "--actuals", "{ledger}"], staging),
    ],
    ids=["HUP-sqlite", "ALRM-directory", "USR1-xlsx", "HUP-xlsx", "TERM-xlsx", "INT-xlsx"],
)
def test_a_signal_leaves_no_temporary_and_no_traceback(tmp_path, signum, args, when):
    """The run ends with 128 + the signal (130 for Ctrl-C, which says "Interrupted."), as SIGTERM
    always ended one; the signal lands while the files are being written, so nothing is left.
    A workbook is written in a blink: a ledger of 120,000 observations keeps it writing long
    enough for the signal to land in it."""
    if "{ledger}" in args:
        import seoulplan as library

        ledger = tmp_path / "ledger.csv"
        ids = library.load().kpis()["id"].tolist()
        first = datetime.date(2020, 1, 1)
        days = [(first + datetime.timedelta(days=d)).isoformat() for d in range(120_000 // len(ids) + 1)]
        rows = "".join(f"{kid},{n % 90 + 1},{day}\n" for n, day in enumerate(days) for kid in ids)
        ledger.write_text("id,actual,as_of\n" + rows, encoding="utf-8")
        args = [str(ledger) if a == "{ledger}" else a for a in args]
    code, err, left, temporaries = interrupted(tmp_path, args, signum, when)
    assert code == 128 + signum, (code, err)
    assert "Traceback" not in err and "Exception ignored" not in err, err
    assert left == [] and temporaries == []
    assert err.strip() == ("Interrupted." if signum == signal.SIGINT else "")


# -- 5. a hostile path in what seoulplan prints ----------------------------------------------------


@pytest.mark.parametrize("name", ["\x1b]0;pwned\x07.sqlite", "plan\u202egnp.xlsx", "\x1b[2Jplan"])
def test_the_export_summary_shows_a_hostile_path_escaped(tmp_path, name):
    code, out, err, *_ = run("export", tmp_path / name)
    assert code == 0, err
    text = out.decode("utf-8")
    assert not any(c in text for c in "\x1b\x07\u202e"), text
    assert escaped(str(tmp_path / name)) in text.splitlines()[0]


def test_the_report_status_line_shows_a_hostile_path_escaped(tmp_path):
    target = tmp_path / "\x1b]0;pwned\x07.html"
    code, out, err, *_ = run("report", "-o", target)
    assert code == 0, err
    assert "\x1b" not in err and "\x07" not in err and escaped(str(target)) + ":" in err
    assert target.exists()


# -- 6. markdown shows text as text ----------------------------------------------------------------

MARKUP = [
    "파이프 \\| 셀",
    "<b>굵게</b> <img src=x onerror=alert(1)>",
    "[링크](javascript:alert(1))",
    "![](http://evil.example/track.png)",
    "*기울임* __굵게__ `코드` ~취소~ &lt;",
    "https://evil.example/x 와 www.evil.example",
]


@pytest.fixture
def markup_plan(tmp_path):
    doc = yaml.load(packaged_path().read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)
    kpis = [k for k in doc["kpis"] if k["pillar"] == "future" and k["strategy"] == 1][: len(MARKUP)]
    for kpi, name in zip(kpis, MARKUP):
        kpi["name"] = name
    path = tmp_path / "markup.yaml"
    path.write_text(yaml.dump(doc, Dumper=yaml.CSafeDumper, allow_unicode=True), encoding="utf-8")
    return path, [k["id"] for k in kpis]


def github_cells(markdown: str) -> list[list[str]]:
    """The table cells GitHub renders from ``markdown`` (its own parser, cmark-gfm, with raw
    HTML let through: what its sanitizer then keeps is not the point), as HTML."""
    import cmarkgfm
    from cmarkgfm.cmark import Options

    page = cmarkgfm.github_flavored_markdown_to_html(markdown, options=Options.CMARK_OPT_UNSAFE)
    table = page[page.index("<table>") : page.index("</table>")]
    return [re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row, re.S) for row in re.findall(r"<tr>(.*?)</tr>", table, re.S)]


@pytest.mark.parametrize("vertical", [False, True], ids=["kpi", "kpi show"])
def test_markdown_shows_a_name_as_text_never_as_markup(markup_plan, vertical):
    data, ids = markup_plan
    args = ["kpi", "show", ids[1]] if vertical else ["kpi", *STRATEGY]
    code, out, err, *_ = run("--locale", "ko_KR", "--data", data, *args, "--format", "markdown")
    assert code == 0, err
    rows = github_cells(out.decode("utf-8"))
    assert len({len(row) for row in rows}) == 1, "a pipe split a cell"
    cells = [cell for row in rows for cell in row]
    assert not [cell for cell in cells if "<" in cell], "a cell rendered as HTML, a link or an image"
    shown = {html.unescape(cell) for cell in cells}
    assert (set(MARKUP[1:2]) if vertical else set(MARKUP)) <= shown


# -- 7. paths ----------------------------------------------------------------------------------------


@pytest.mark.parametrize("command", [["budget"], ["report"]])
def test_minus_o_refuses_a_path_ending_in_a_separator(tmp_path, command):
    target = str(tmp_path / "newdir") + "/"
    refused(run(*command, "-o", target), 2, f"cannot write {target}: a path ending in / names a directory")
    assert list(tmp_path.iterdir()) == []


def test_minus_o_refuses_an_empty_path():
    refused(run("budget", "-o", ""), 2, "cannot write to an empty path")


@pytest.mark.parametrize("force", [[], ["--force"]])
def test_export_refuses_an_empty_path_even_where_the_current_directory_is_an_export(tmp_path, monkeypatch, force):
    """With --force, an empty path was the current directory, and an export there replaced it."""
    here = tmp_path / "previous"
    here.mkdir()
    (here / "datapackage.json").write_text("{}\n", encoding="utf-8")
    (here / "budget.csv").write_text("mine\n", encoding="utf-8")
    before = os.stat(here).st_ino
    monkeypatch.chdir(here)
    refused(run("export", "", *force), 2, "cannot export to an empty path")
    assert os.stat(here).st_ino == before and (here / "budget.csv").read_text(encoding="utf-8") == "mine\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["previous"]


@pytest.mark.parametrize(
    "path, fragment",
    [
        ("-", "export writes files, not standard output"),
        ("plan.sqlite/", "cannot export to plan.sqlite/: .sqlite is a file's extension"),
    ],
)
def test_export_refuses_a_path_it_would_misread(tmp_path, monkeypatch, path, fragment):
    monkeypatch.chdir(tmp_path)
    refused(run("export", path), 2, fragment)
    assert list(tmp_path.iterdir()) == []


OWNER = (1234, 2345)


@pytest.mark.skipif(os.geteuid() != 0, reason="only root can give a file to another owner")
@pytest.mark.parametrize("name", ["plan.sqlite", "plan", "plan.xlsx"])
def test_export_force_keeps_the_owner_and_mode_of_what_it_replaces(tmp_path, name):
    """As -o keeps an existing file's (output.py): root replacing a user's export must not
    leave them a file they cannot change."""
    target = tmp_path / name
    replaced = [(target, 0o750 if name == "plan" else 0o640)]
    if name == "plan":
        target.mkdir()
        (target / "datapackage.json").write_text("{}\n", encoding="utf-8")
    else:
        target.write_bytes(b"old")
    if name == "plan.sqlite":
        replaced.append((tmp_path / "plan.metadata.json", 0o600))
        replaced[-1][0].write_bytes(b"old")
    for path, mode in replaced:
        os.chown(path, *OWNER)
        os.chmod(path, mode)
    bounded(run("export", target, "--force"), 0)
    for path, mode in replaced:
        info = os.stat(path)
        assert ((info.st_uid, info.st_gid), stat.S_IMODE(info.st_mode)) == (OWNER, mode), path
    if name == "plan":
        assert {(os.stat(p).st_uid, os.stat(p).st_gid) for p in target.iterdir()} == {OWNER}
