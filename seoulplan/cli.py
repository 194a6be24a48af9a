"""The ``seoulplan`` command line: options, wiring, and errors turned into exit statuses.

Exit statuses (SPEC §7): 0 done; 1 findings asked to fail on; 2 usage (bad option or
argument, unreadable money expression, unwritable -o file); 3 bad data (dataset or
input file).

Start-up is kept cheap: this module imports only Click and seoulplan's light modules at
the top. pandas, tabulate and PyYAML are imported inside the commands that need them,
so ``--help``, ``--version``, completion and ``money`` never load pandas.
"""

from __future__ import annotations

import functools
import os
import sys

import click

from seoulplan import __version__
from seoulplan.errors import DataError, SeoulplanError, UsageError

LOCALES = ("ko_KR", "en_US")
STYLES = ("plain", "gov")
FORMATS = ("table", "csv", "tsv", "json", "jsonl", "markdown")  # = render.FORMATS, without importing it
ENCODINGS = ("utf-8", "utf-8-sig", "cp949")
UNITS = ("auto", "조", "억", "만", "원", "조원", "억원", "만원")
CONTEXT = {"help_option_names": ["-h", "--help"], "max_content_width": 100}


class Settings:
    """The global options, and the dataset loaded once when a command first asks."""

    def __init__(self, data, locale, style, input_encoding):
        self.data, self.locale, self.style, self.input_encoding = data, locale, style, input_encoding
        self._plan = None

    def plan(self):
        if self._plan is None:
            from seoulplan import dataset

            # --input-encoding is for the user's own file; the packaged plan is always UTF-8.
            self._plan = dataset.load(self.data, self.input_encoding if self.data else "utf-8-sig")
            # The dataset lives until exit: keep the cyclic GC from rescanning it while the
            # command builds its rows (a fifth of the time on a 50,000-KPI dataset).
            import gc

            gc.freeze()
        return self._plan

    def options(self, unit="auto"):
        from seoulplan.render import Options

        return Options(locale=self.locale, style=self.style, unit=unit)


def _click_error(error: SeoulplanError, ctx) -> click.ClickException:
    if isinstance(error, UsageError):
        return click.UsageError(str(error), ctx)
    exc = click.ClickException(str(error))
    exc.exit_code = error.exit_code
    return exc


class Group(click.Group):
    """Turns the core's errors into Click's, so no user mistake shows a traceback."""

    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except SeoulplanError as e:
            sub = ctx.invoked_subcommand
            sub_ctx = click.Context(self.commands[sub], info_name=sub, parent=ctx) if sub in self.commands else ctx
            raise _click_error(e, sub_ctx) from None


def _write_stdout(data: bytes) -> None:
    stream = sys.stdout.buffer
    try:
        stream.write(data)
        stream.flush()
    except BrokenPipeError:
        # The reader went away (| head): stop quietly, and keep Python from complaining
        # again when it flushes stdout at exit.
        try:
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
        except (OSError, ValueError, AttributeError):
            pass
        raise SystemExit(0) from None


def _write_file(path: str, data: bytes) -> None:
    """Write atomically: a temporary file beside the target, renamed over it on success."""
    import tempfile  # 10 ms of imports that only -o needs

    directory = os.path.dirname(os.path.abspath(path))
    try:
        fd, tmp = tempfile.mkstemp(prefix=".seoulplan-", suffix=".tmp", dir=directory)
    except OSError as e:
        raise UsageError(f"cannot write {path}: {e.strerror or e}") from None
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
        if os.path.isdir(path):
            raise UsageError(f"cannot write {path}: it is a directory")
        os.replace(tmp, path)
    except OSError as e:
        os.unlink(tmp)
        raise UsageError(f"cannot write {path}: {e.strerror or e}") from None
    except BaseException:
        os.unlink(tmp)
        raise


def emit(report, fmt, output, no_headers, encoding, options) -> None:
    """Render a report and write it to stdout or ``-o FILE``: the only place output happens."""
    from seoulplan import render

    fmt = render.format_for(fmt, output)
    data = render.encode(render.render(report, fmt, options, headers=not no_headers), encoding)
    if encoding == "utf-8-sig" and not data.startswith(b"\xef\xbb\xbf"):
        data = b"\xef\xbb\xbf" + data
    if output and output != "-":
        _write_file(output, data)
    else:
        _write_stdout(data)


def output_options(command):
    """The output flags every listing command shares (SPEC §2)."""

    @click.option("--format", "-f", "fmt", type=click.Choice(FORMATS), default=None,
                  help="Output format [default: table, or from -o FILE's extension].")
    @click.option("--output", "-o", metavar="FILE", default=None,
                  help="Write to FILE (atomically) instead of standard output.")
    @click.option("--no-headers", is_flag=True, help="Leave out the header row.")
    @click.option("--encoding", type=click.Choice(ENCODINGS), default="utf-8", show_default=True,
                  help="Output encoding; utf-8-sig or cp949 for Korean Excel.")
    @functools.wraps(command)
    def wrapper(*args, **kwargs):
        return command(*args, **kwargs)

    return wrapper


def _emit_from(ctx, report, fmt, output, no_headers, encoding, unit="auto"):
    emit(report, fmt, output, no_headers, encoding, ctx.obj.options(unit))


@click.group(cls=Group, context_settings=CONTEXT)
@click.option("--data", metavar="PATH", envvar="SEOULPLAN_DATA", default=None,
              help="Dataset file to use instead of the packaged plan ('-' reads standard input; env SEOULPLAN_DATA).")
@click.option("--locale", type=click.Choice(LOCALES), default="ko_KR", show_default=True,
              help="How numbers are written in tables (en_US: English headers, KRW 39.5 trillion).")
@click.option("--style", type=click.Choice(STYLES), default="plain", show_default=True,
              help="gov writes negatives with △, as government documents do.")
@click.option("--input-encoding", type=click.Choice(ENCODINGS), default="utf-8-sig", show_default=True,
              help="Encoding of the --data file (a UTF-8 BOM is always accepted).")
@click.version_option(__version__, "-V", "--version", prog_name="seoulplan", message="%(prog)s %(version)s")
@click.pass_context
def cli(ctx, data, locale, style, input_encoding):
    """Budget and KPI calculator for Seoul's 2020 work plan (2020 주요 업무계획).

    Every figure comes from the plan, with the excerpt it was read from.

    \b
    Examples:
      seoulplan budget --compare 2019
      seoulplan finance bonds --format csv
      seoulplan money "39조 5,359억원" --to 원
    """
    ctx.obj = Settings(data, locale, style, input_encoding)


@cli.command()
@click.option("--basis", type=click.Choice(("gross", "net", "execution", "all")), default="all", show_default=True,
              help="총계 예산 (gross), 순계 규모 (net), 실집행 규모 (execution), or all three.")
@click.option("--compare", type=int, metavar="YEAR", default=None, help="Compare with YEAR's budget (the plan gives 2019).")
@click.option("--per-capita", is_flag=True, help="Add the amount per resident (the plan's 10,011,000 people).")
@click.option("--unit", type=click.Choice(UNITS), default="auto", show_default=True,
              help="Money unit in tables: auto writes 39조 5,359억원.")
@output_options
@click.pass_context
def budget(ctx, basis, compare, per_capita, unit, fmt, output, no_headers, encoding):
    """The budget tables: amounts, shares of the total (구성비), change and growth.

    \b
    Example:
      seoulplan budget --compare 2019
      seoulplan budget --basis net --compare 2019 --format json
    """
    from seoulplan import tables

    report = tables.budget(ctx.obj.plan(), basis, compare, per_capita)
    _emit_from(ctx, report, fmt, output, no_headers, encoding, unit)


@cli.command()
@click.argument("section", type=click.Choice(("mandatory", "funds", "districts", "bonds", "transfers", "all")),
                default="all", required=False, metavar="[SECTION]")
@output_options
@click.pass_context
def finance(ctx, section, fmt, output, no_headers, encoding):
    """Finance breakdowns: 법정의무경비, 기금, 자치구, 지방채, 회계간 전출입.

    Computed shares, growth and averages stand beside the figures the plan states.

    \b
    Example:
      seoulplan finance bonds
    """
    from seoulplan import tables

    _emit_from(ctx, tables.finance(ctx.obj.plan(), section), fmt, output, no_headers, encoding)


@cli.command()
@output_options
@click.pass_context
def general(ctx, fmt, output, no_headers, encoding):
    """Population, area, districts, organisation and staff, with shares.

    \b
    Example:
      seoulplan general --format csv
    """
    from seoulplan import tables

    _emit_from(ctx, tables.general(ctx.obj.plan()), fmt, output, no_headers, encoding)


@cli.command()
@output_options
@click.pass_context
def covid(ctx, fmt, output, no_headers, encoding):
    """The COVID-19 status table of 2020-02-21, with Seoul's share of each figure.

    \b
    Example:
      seoulplan covid
    """
    from seoulplan import tables

    _emit_from(ctx, tables.covid(ctx.obj.plan()), fmt, output, no_headers, encoding)


def _data_option(ctx) -> str | None:
    root = ctx.find_root()
    return (root.params or {}).get("data") or os.environ.get("SEOULPLAN_DATA")


def _completer(records: str, key: str):
    """Shell completion from the dataset's ``records`` (pillars, kpis); reads no pandas."""

    def complete(ctx, param, incomplete):
        try:
            from seoulplan import dataset

            items = getattr(dataset.load(_data_option(ctx)), records)
        except Exception:  # noqa: BLE001 - completion must never crash the shell
            return []
        from click.shell_completion import CompletionItem

        return [CompletionItem(i[key], help=i["name"]) for i in items if i[key].startswith(incomplete)]

    return complete


@cli.group(cls=Group, invoke_without_command=True)
@click.option("--pillar", metavar="SLUG|NO|KOREAN", shell_complete=_completer("pillars", "slug"),
              help="Only this pillar: future, safety, welfare, balance, democracy, covid; 1-5; or its Korean name.")
@click.option("--strategy", type=int, metavar="N", help="Only strategy N of the --pillar.")
@click.option("--grep", metavar="TEXT", help="Only KPIs whose id, name, unit, note or source contains TEXT.")
@click.option("--sort", metavar="COLUMN", help="Sort by a machine column (e.g. growth_pct); -COLUMN for descending.")
@click.option("--actuals", metavar="FILE", help="Measured values (CSV or YAML: id, actual[, year]; '-' reads stdin): show attainment.")
@click.option("--attainment", is_flag=True, help="Show attainment of the achievements the plan itself reports.")
@click.option("--near", type=click.FloatRange(0, 100), default=90, show_default=True, metavar="PCT",
              help="Attainment from which a missed target counts as 근접 (near).")
@click.option("--fail-under", type=float, metavar="PCT", help="Exit 1 when any listed KPI's attainment is below PCT.")
@click.option("--input-encoding", "actuals_encoding", type=click.Choice(ENCODINGS), default="utf-8-sig",
              show_default=True, help="Encoding of the --actuals file (cp949 for Korean Excel; a BOM is accepted).")
@output_options
@click.pass_context
def kpi(ctx, pillar, strategy, grep, sort, actuals, attainment, near, fail_under, actuals_encoding, fmt, output,
        no_headers, encoding):
    """The plan's numeric targets: baseline, target, change and growth.

    Without actuals this shows the planned change from baseline to target, not
    attainment. Money keeps its unit; a change of a % KPI is in %p. With --actuals
    FILE (or --attainment, for the achievements the plan reports) it shows the
    KPIs that have an actual, with attainment %, progress % and status
    (달성/근접/미달), direction-aware.

    \b
    Examples:
      seoulplan kpi --pillar welfare
      seoulplan kpi --pillar 1 --strategy 5 --format csv
      seoulplan kpi --grep 청년 --sort -growth_pct
      seoulplan kpi --actuals actuals.csv --fail-under 90
      seoulplan kpi show future.youth-unemployment-rate
    """
    if ctx.invoked_subcommand is not None:
        return
    from seoulplan import tables

    plan = ctx.obj.plan()
    measured = _read_actuals(actuals, plan, actuals_encoding) if actuals else None
    report = tables.kpis(plan, pillar, strategy, grep, sort, measured, attainment, near)
    _emit_from(ctx, report, fmt, output, no_headers, encoding)
    if fail_under is not None:
        _fail_under(report, fail_under)


def _read_actuals(path, plan, encoding) -> dict:
    from seoulplan import actuals as actuals_mod

    return {a.id: (a.value, a.year) for a in actuals_mod.read(path, plan.kpis, encoding)}


def _fail_under(report, threshold: float) -> None:
    from seoulplan.errors import FindingsError

    below = [r for r in report.frame.to_dict("records")
             if r.get("attainment_pct") is not None and r["attainment_pct"] < threshold]
    if below:
        ids = ", ".join(r["id"] for r in below[:10]) + (" …" if len(below) > 10 else "")
        raise FindingsError(f"{len(below)} KPI(s) below {threshold:g}% attainment: {ids}")


@kpi.command("show")
@click.argument("kpi_id", metavar="ID", shell_complete=_completer("kpis", "id"))
@output_options
@click.pass_context
def kpi_show(ctx, kpi_id, fmt, output, no_headers, encoding):
    """One KPI in full: every field, the computed measures and its source excerpt.

    \b
    Example:
      seoulplan kpi show future.youth-unemployment-rate
    """
    from seoulplan import tables

    _emit_from(ctx, tables.kpi_detail(ctx.obj.plan(), kpi_id), fmt, output, no_headers, encoding)


@cli.command()
@click.option("--actuals", metavar="FILE", help="Summarise attainment per pillar from this actuals file.")
@click.option("--near", type=click.FloatRange(0, 100), default=90, show_default=True, metavar="PCT",
              help="Attainment from which a missed target counts as 근접 (near).")
@click.option("--input-encoding", "actuals_encoding", type=click.Choice(ENCODINGS), default="utf-8-sig",
              show_default=True, help="Encoding of the --actuals file (cp949 for Korean Excel; a BOM is accepted).")
@output_options
@click.pass_context
def pillars(ctx, actuals, near, actuals_encoding, fmt, output, no_headers, encoding):
    """The five policy pillars and section IV, their strategies, and KPI counts.

    With --actuals FILE: per pillar, how many KPIs have actuals and how many are
    달성 (achieved), 근접 (near) and 미달 (missed).

    \b
    Examples:
      seoulplan pillars
      seoulplan pillars --actuals actuals.csv
    """
    from seoulplan import tables

    plan = ctx.obj.plan()
    if actuals:
        report = tables.pillar_attainment(plan, _read_actuals(actuals, plan, actuals_encoding), near)
    else:
        report = tables.pillars(plan)
    _emit_from(ctx, report, fmt, output, no_headers, encoding)


@cli.command()
@click.option("--strict", is_flag=True, help="Exit 1 when any arithmetic check disagrees.")
@click.option("--only-failures", is_flag=True, help="List only the checks that disagree and the ambition flags.")
@output_options
@click.pass_context
def audit(ctx, strict, only_failures, fmt, output, no_headers, encoding):
    """Recompute every total, difference, share and percentage the plan states.

    Each check shows where it is (section, record, source excerpt), what the plan
    says, what its figures give, and whether they agree within the plan's own
    rounding. Targets no better than their baseline are flagged (목표≤기준).

    \b
    Examples:
      seoulplan audit --only-failures
      seoulplan audit --strict --format json
    """
    from seoulplan import tables
    from seoulplan.errors import FindingsError

    report, failures = tables.audit(ctx.obj.plan(), only_failures)
    _emit_from(ctx, report, fmt, output, no_headers, encoding)
    if strict and failures:
        raise FindingsError(f"{len(failures)} check(s) disagree: " + ", ".join(f["check_id"] for f in failures))


@cli.command()
@click.argument("file", required=False, metavar="[FILE]")
@click.pass_context
def validate(ctx, file):
    """Check a dataset file and report every problem (default: the dataset in use).

    Exits 0 with a one-line summary when the file is valid, 3 when it has problems.

    \b
    Example:
      seoulplan validate my-plan.yaml
    """
    from seoulplan import dataset

    name, problems, doc = dataset.check(file or ctx.obj.data, ctx.obj.input_encoding)
    if problems:
        for p in problems:
            click.echo(p.render(name), err=True)
        raise DataError(f"{name}: {len(problems)} problem(s)")
    kpis = len(doc.get("kpis") or [])
    click.echo(f"{name}: valid ({dataset.SCHEMA}; {kpis} KPIs, {len(doc['pillars'])} pillars)")


@cli.command(context_settings={"ignore_unknown_options": True})  # "-3조" is an amount, not an option
@click.argument("expr", nargs=-1, required=True)
@click.option("--to", "to", type=click.Choice(UNITS), default="auto", show_default=True,
              help="Write the result in this unit (auto groups by 조/억/만).")
@click.pass_context
def money(ctx, expr, to):
    """Korean money calculator: read an amount (or a sum) and write it back.

    Accepts what people type: 39조 5,359억원, 395,359억, 11억 3천만원, 1.5만, 3천5백;
    + - * / and brackets combine amounts. Arguments are joined with spaces, so quotes
    are optional. Bare numbers are 원.

    \b
    Examples:
      seoulplan money "39조 5,359억원" --to 원     # 39,535,900,000,000원
      seoulplan money 395359억                    # 39조 5,359억원
      seoulplan money 39조 5,359억 - 35조 7,416억  # 3조 7,943억원
    """
    from seoulplan import money as m

    settings = ctx.obj
    value, is_amount = m.parse_expression(" ".join(expr))
    if is_amount:
        click.echo(m.format_won(value, to=m.normalise_unit(to), style=settings.style, locale=settings.locale))
    else:
        click.echo(m.format_number(value, locale=settings.locale))


def main(args=None, prog_name="seoulplan"):
    cli.main(args=args, prog_name=prog_name)


if __name__ == "__main__":  # pragma: no cover
    main()
