"""Shell manners, through real processes: closed pipes, atomic -o, formula-safe CSV,
no colour codes, cp949 output that iconv reads back."""

import os
import shlex
import shutil
import subprocess
import sys

import pytest
import yaml
from helpers import on_a_terminal, run, seoulplan

import seoulplan as seoulplan_library

pytestmark = pytest.mark.slow

SP = " ".join(shlex.quote(part) for part in seoulplan())


def sh(script: str, **kwargs):
    return subprocess.run(["bash", "-c", "set -o pipefail; " + script], capture_output=True, **kwargs)


@pytest.mark.parametrize("command", ["kpi", "kpi --format csv", "audit", "budget --compare 2019 --format json"])
def test_closed_pipe_ends_quietly(command, tmp_path):
    err = tmp_path / "err"
    result = sh(f"{SP} {command} 2>{err} | head -1")
    assert result.returncode == 0, err.read_text()
    assert len(result.stdout.splitlines()) == 1
    assert err.read_text() == ""


def test_closed_pipe_with_a_large_output(tmp_path):
    err = tmp_path / "err"
    result = sh(f"for i in 1 2 3; do {SP} kpi --format jsonl; done 2>{err} | head -c 100 >/dev/null")
    assert result.returncode == 0 and err.read_text() == ""


def test_output_file_is_replaced_only_on_success(tmp_path):
    out = tmp_path / "report.csv"
    out.write_text("precious\n", encoding="utf-8")
    code, stdout, err, _, _ = run("budget", "--compare", "2018", "-o", out)  # fails: no 2018 figures
    assert code == 2 and out.read_text(encoding="utf-8") == "precious\n"
    code, stdout, err, _, _ = run(
        "kpi", "--format", "csv", "--encoding", "cp949", "-o", out, "--grep", "nonexistent-text"
    )
    assert code == 0
    code, stdout, err, _, _ = run("budget", "--compare", "2019", "-o", out)
    assert code == 0 and out.read_text(encoding="utf-8").startswith("basis,basis_name")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.csv"]  # no temporary file left


@pytest.mark.usefixtures("english")
def test_failed_write_leaves_no_partial_file(tmp_path):
    """A write that fails half-way (here: a file-size limit, which binds root too) keeps the old file."""
    target = tmp_path / "out.csv"
    target.write_text("old\n", encoding="utf-8")
    result = sh(f"trap '' XFSZ; ulimit -f 8; {SP} kpi -o {shlex.quote(str(target))}", text=True)
    assert result.returncode == 2 and "cannot write" in result.stderr, result.stderr
    assert "Traceback" not in result.stderr
    assert target.read_text(encoding="utf-8") == "old\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.csv"]


@pytest.mark.parametrize("delay", [0.0, 0.3, 0.6, 0.9])
def test_killed_run_leaves_the_old_file_or_the_whole_new_one(tmp_path, delay):
    """SIGKILL at various moments: the target is never half-written."""
    import time

    out = tmp_path / "big.csv"
    out.write_text("old\n", encoding="utf-8")
    proc = subprocess.Popen(seoulplan() + ["kpi", "--format", "csv", "-o", str(out)])
    time.sleep(delay)
    proc.kill()
    proc.wait()
    text = out.read_text(encoding="utf-8")
    whole = 1 + len(seoulplan_library.load().kpis())  # the header and every target
    assert text == "old\n" or (text.startswith("id,") and text.endswith("\n") and text.count("\n") == whole)
    assert all(p.name == "big.csv" or p.name.startswith(".seoulplan-") for p in tmp_path.iterdir())


def test_csv_cells_that_look_like_formulas_are_neutralised(tmp_path):
    from seoulplan.core.reading import packaged_path

    doc = yaml.load(packaged_path().read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)
    k = doc["kpis"][0]
    k.update(name='=HYPERLINK("http://x")', name_en="+cmd", note="@SUM(A1)", unit="-개", unit_en="")
    doc["kpis"] = [k]
    doc.pop("deliverables", None)  # they name KPIs this test leaves out
    path = tmp_path / "evil.yaml"
    path.write_text(yaml.dump(doc, Dumper=yaml.CSafeDumper, allow_unicode=True), encoding="utf-8")
    for fmt, sep in (("csv", ","), ("tsv", "\t")):
        code, stdout, err, _, _ = run("--data", path, "kpi", "--format", fmt)
        assert code == 0, err
        text = stdout.decode("utf-8")
        assert "'=HYPERLINK" in text and "'+cmd" in text and "'@SUM(A1)" in text and f"{sep}'-개{sep}" in text
    code, stdout, _, _, _ = run("kpi", "--pillar", "future", "--strategy", "5", "--format", "csv")
    rows = stdout.decode("utf-8").splitlines()
    assert any(",-1.1," in row for row in rows)  # a negative number is a number, left alone


def test_no_colour_codes_even_on_a_terminal():
    output = on_a_terminal(["budget", "--compare", "2019"])
    assert "39조 5,359억원" in output and "\x1b[" not in output
    code, stdout, _, _, _ = run("budget", env={"NO_COLOR": "1"})
    assert b"\x1b[" not in stdout


@pytest.mark.skipif(shutil.which("iconv") is None, reason="iconv is not installed")
@pytest.mark.parametrize(
    "command",
    ["general --format csv", "budget --compare 2019", "covid --format tsv", "finance bonds --format csv", "pillars"],
)
def test_cp949_round_trips_through_iconv(command):
    plain = sh(f"{SP} {command}").stdout
    converted = sh(f"{SP} {command} --encoding cp949 | iconv -f cp949 -t utf-8")
    assert converted.returncode == 0 and converted.stdout == plain


@pytest.mark.skipif(shutil.which("iconv") is None, reason="iconv is not installed")
def test_cp949_writes_the_nearest_character_for_what_it_lacks():
    converted = sh(f"{SP} kpi --encoding cp949 | iconv -f cp949 -t utf-8").stdout.decode("utf-8")
    plain = sh(f"{SP} kpi").stdout.decode("utf-8")
    assert "—" in plain and "—" not in converted and "―" in converted
    assert converted == plain.replace("—", "―").replace("・", "·").replace("−", "-")


def test_utf8_sig_starts_with_a_bom():
    assert sh(f"{SP} general --format csv --encoding utf-8-sig").stdout.startswith(b"\xef\xbb\xbfgroup,")


def test_help_and_version_do_not_import_pandas():
    for args in (["--help"], ["--version"], ["kpi", "--help"], ["money", "395359억"]):
        proc = subprocess.run(
            [sys.executable, "-X", "importtime", "-m", "seoulplan", *args], capture_output=True, text=True
        )
        modules = {line.split("|")[-1].strip() for line in proc.stderr.splitlines() if "|" in line}
        assert proc.returncode == 0 and "pandas" not in modules and "numpy" not in modules, args


def test_output_through_a_symlink_replaces_its_target_and_keeps_the_link(tmp_path):
    target = tmp_path / "real.csv"
    target.write_text("old\n", encoding="utf-8")
    link = tmp_path / "link.csv"
    link.symlink_to(target)
    code, _, err, _, _ = run("budget", "-o", link)
    assert code == 0, err
    assert link.is_symlink() and os.readlink(link) == str(target)
    assert target.read_text(encoding="utf-8").startswith("basis,basis_name")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["link.csv", "real.csv"]


def test_output_keeps_an_existing_files_permissions(tmp_path):
    out = tmp_path / "shared.csv"
    out.write_text("old\n", encoding="utf-8")
    out.chmod(0o664)
    code, _, err, _, _ = run("budget", "-o", out)
    assert code == 0, err
    assert (out.stat().st_mode & 0o777) == 0o664 and out.read_text(encoding="utf-8").startswith("basis,")


def test_output_into_a_fifo_is_written_straight_into_it(tmp_path):
    fifo = tmp_path / "pipe.csv"
    os.mkfifo(fifo)
    reader = subprocess.Popen(["cat", str(fifo)], stdout=subprocess.PIPE)
    code, _, err, _, _ = run("budget", "-o", fifo)
    out, _ = reader.communicate(timeout=30)
    assert code == 0, err
    assert out.decode("utf-8").startswith("basis,basis_name") and fifo.is_fifo()
