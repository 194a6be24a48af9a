"""What people see of each table: headers in Korean and English, titles, notes, cell kinds.

A view never computes a figure: it names the columns of a frame the core made, says how
each cell reads (``39조 5,359억원``, ``10.6%``, ``18개 자치구 ('19)``) and what the table is
called. Machine formats need no view: they write the frame's own columns.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from decimal import Decimal
from typing import Any

from seoulplan.presentation import formatting as fmt
from seoulplan.presentation.raw import flat

Row = Mapping[str, Any]


@dataclass(frozen=True)
class Options:
    """How people-facing values are written."""

    locale: str = "ko_KR"
    style: str = "plain"  # plain | gov (△ for negatives)
    unit: str = "auto"  # money display unit: auto | 조 | 억 | 만 | 원
    width: int | None = None  # wrap tables to this many terminal cells; None: never wrap


@dataclass(frozen=True)
class Column:
    """One column people see: the frame's column ``key``, its headers, how a cell reads.

    ``kind``: text, year, int, number, eok (억원), krw (원), pct, pp, quantity / change (a
    value in the row's ``unit``; a change of a % quantity is in %p), or a callable
    ``(value, row, options) -> str``.
    """

    key: str
    ko: str
    en: str | None = None
    kind: str | Callable[[Any, Row, Options], str] = "text"
    repeat: bool = True  # False: blank a cell equal to the one above it
    right: bool | None = None  # align right (numbers) or left; None: by the kind

    def header(self, options: Options) -> str:
        return (self.en or self.key) if options.locale == "en_US" else self.ko

    @property
    def numeric(self) -> bool:
        if self.right is not None:
            return self.right
        return self.kind not in ("text", "year") and not callable(self.kind)


@dataclass(frozen=True)
class View:
    """A table as people read it: which columns, titled and footnoted."""

    columns: tuple[Column, ...]
    title: str | None = None
    notes: tuple[str, ...] = ()
    drop_empty: bool = True  # leave out columns that are empty in every row
    vertical: bool = False  # each row as label/value lines (one record in full)


def restricted(view: View, keys: Sequence[str]) -> View:
    """``view`` showing only the columns ``keys``, in that order (``--columns``): the view's
    own column where it has one, else the raw value under the machine column's name."""
    known = {c.key: c for c in view.columns}
    columns = tuple(
        known.get(key) or Column(key, key, key, "year" if key.endswith("year") else "raw", right=False) for key in keys
    )
    return replace(view, columns=columns, drop_empty=False)


# -- cells ------------------------------------------------------------------------------

FIGURE_KEYS = ("baseline", "target", "actual", "last", "value")


def row_places(row: Row) -> int:
    """The decimals a row's figures share: those of its most precise one (8.8 → 8.0, not 8)."""
    return max((fmt.places_of(row[k]) for k in FIGURE_KEYS if row.get(k) is not None), default=0)


def quantity(value: Any, unit: str, options: Options, *, change: bool = False, places: int | None = None) -> str:
    """A value in a KPI's or item's unit: money grouped, % and %p, else the number and unit."""
    if unit in fmt.UNIT_WON:
        return fmt.format_amount(value, unit, to=options.unit, style=options.style, locale=options.locale)
    if unit in ("%", "％"):
        if change:
            return fmt.format_pp(value, locale=options.locale, style=options.style)
        return fmt.format_number(value, places, locale=options.locale) + "%"
    if unit == "%p":
        return fmt.format_pp(value, locale=options.locale, style=options.style)
    number = fmt.to_decimal(value)
    text = fmt.format_number(abs(number) if change else value, places, locale=options.locale)
    sign = ("△" if options.style == "gov" else "-") if change and number < 0 else ""
    return f"{sign}{text}{unit}"


def cell(column: Column, value: Any, row: Row, options: Options) -> str:
    """The text of one cell."""
    if value is None:
        return "" if column.kind in ("text", "year") else fmt.DASH
    kind = column.kind
    if callable(kind):
        return kind(value, row, options)
    if kind in ("text", "year"):
        return str(value)
    if kind == "list":
        return str(flat(value))
    if kind == "raw":  # a column --columns asked for that the view does not describe
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            return fmt.format_number(value, locale=options.locale)
        return str(flat(value))
    if kind in ("int", "number"):
        return fmt.format_number(value, locale=options.locale)
    if kind == "eok":
        return fmt.format_amount(value, "억원", to=options.unit, style=options.style, locale=options.locale)
    if kind == "krw":
        return fmt.format_won(value, to=options.unit, style=options.style, locale=options.locale)
    if kind == "pct":
        return fmt.format_pct(value, locale=options.locale, style=options.style)
    if kind == "pp":
        return fmt.format_pp(value, locale=options.locale, style=options.style)
    if kind in ("quantity", "change"):
        places = None if kind == "change" and row.get("unit") in ("%", "％") else row_places(row)
        return quantity(value, row.get("unit") or "", options, change=kind == "change", places=places)
    raise ValueError(f"unknown column kind {kind!r}")


def _dated(year_key: str) -> Callable[[Any, Row, Options], str]:
    """A KPI figure with its year: ``18개 자치구 ('19)``."""

    def show(value: Any, row: Row, options: Options) -> str:
        year = row.get(year_key)
        text = quantity(value, row.get("unit") or "", options, places=row_places(row))
        return text + (f" ('{year % 100:02d})" if year is not None else "")

    return show


# -- budget, finance, general, covid ---------------------------------------------------------


def budget(year: int, compare: int | None, per_capita: bool, population: int, unit: str = "auto") -> View:
    """The budget's view; its title names the unit of the amounts when ``--unit`` fixes one
    (``auto`` writes each amount in 조 and 억, which no single unit describes)."""
    columns = [
        Column("basis_name", "예산 기준", "Basis name", repeat=False),
        Column("account_name", "구분", "Account name"),
        Column("amount_eok", f"{year}년", str(year), "eok"),
        Column("share_pct", "구성비", "Share", "pct"),
    ]
    notes = []
    if compare is not None:
        columns += [
            Column("compare_amount_eok", f"{compare}년(본예산)", f"{compare} (original)", "eok"),
            Column("compare_share_pct", f"구성비({compare})", f"Share {compare}", "pct"),
            Column("change_eok", "증감", "Change", "eok"),
            Column("growth_pct", "증감률", "Growth", "pct"),
        ]
        notes.append("구성비 = 회계 ÷ 합계 × 100; 증감률 = 증감 ÷ 비교연도 × 100 (소수 첫째 자리 반올림).")
    if per_capita:
        columns.append(Column("per_capita_krw", f"1인당({year})", f"Per capita {year}", "krw"))
        if compare is not None:
            columns.append(Column("compare_per_capita_krw", f"1인당({compare})", f"Per capita {compare}", "krw"))
        notes.append(f"1인당 = 금액 ÷ 인구 {population:,}명 (계획의 '19.12.31. 기준 인구).")
    shown_in = "" if unit == "auto" else f"단위: {unit if unit == '원' else unit + '원'}, "
    return View(tuple(columns), f"예산규모 ({shown_in}{year}년 기준)", tuple(notes))


def general(reference_dates: Mapping[str, str]) -> View:
    columns = (
        Column("group_name", "분류", "Group", repeat=False),
        Column("name", "항목", "Item name"),
        Column("value", "값", "Value", "quantity"),
        Column("share_pct", "비중(계산)", "Share (computed)", "pct"),
        Column("stated_share_pct", "비중(계획)", "Share (stated)", "pct"),
    )
    title = (
        f"일반 현황 (인구·면적 {reference_dates.get('population', '')} 기준, "
        f"조직·인력 {reference_dates.get('organisation', '')} 기준)"
    )
    return View(columns, title, ("비중(계산) = 항목 ÷ 상위 항목 × 100; 비중(계획) = 계획서에 적힌 비율.",))


def finance() -> View:
    columns = (
        Column("section_name", "부문", "Section", repeat=False),
        Column("name", "항목", "Item name"),
        Column("amount_eok", "금액", "Amount", "eok"),
        Column("count", "개수", "Count", "int"),
        Column("share_pct", "구성비(계산)", "Share (computed)", "pct"),
        Column("stated_share_pct", "구성비(계획)", "Share (stated)", "pct"),
        Column("stated_change_eok", "증감(계획)", "Change (stated)", "eok"),
        Column("implied_compare_eok", "비교연도 금액(역산)", "Compare amount (implied)", "eok"),
        Column("stated_growth_pct", "증감률(계획)", "Growth (stated)", "pct"),
        Column("growth_pct", "증감률(계산)", "Growth (computed)", "pct"),
        Column("computed_eok", "계산값", "Computed", "eok"),
        Column("computed_from", "계산식", "Computed from"),
    )
    return View(
        columns,
        "재정 현황",
        ("(계획) = 계획서에 적힌 값, (계산) = 그 수치로 다시 계산한 값; 비교연도는 '19년 본예산.",),
    )


def covid(as_of: str) -> View:
    columns = (
        Column("name", "구분", "Measure name"),
        Column("national", "전국", "Nationwide", "int"),
        Column("seoul", "서울시", "Seoul", "int"),
        Column("seoul_share_pct", "서울 비중", "Seoul share", "pct"),
        Column("national_part_pct", "전국 내 비율", "Nationwide: part of total", "pct"),
        Column("seoul_part_pct", "서울 내 비율", "Seoul: part of total", "pct"),
        Column("overseas", "국외", "Overseas", "int"),
    )
    notes = (
        "서울 비중 = 서울시 ÷ 전국 × 100; 내 비율 = 격리중·완치·사망 ÷ 확진 소계, 검사중·격리해제 ÷ 의사환자 계.",
        "단위: 명. 서울시 사망은 계획서에 '-'로 적혀 0으로 기록.",
    )
    return View(columns, f"코로나19 국내 발생 현황 ({as_of.replace('T', ' ')} 현재, 단위: 명)", notes)


# -- KPIs ------------------------------------------------------------------------------------

KPI_COLUMNS = (
    Column("id", "ID", "ID"),
    Column("pillar", "분야", "Pillar"),
    Column("pillar_name", "분야명", "Pillar name"),
    Column("strategy", "전략", "Strategy", "int"),
    Column("strategy_name", "전략명", "Strategy name"),
    Column("name", "지표", "Name"),
    Column("name_en", "영문", "English name"),
    Column("unit", "단위", "Unit"),
    Column("direction", "방향", "Direction"),
    Column("kind", "종류", "Kind"),
    Column("baseline_year", "기준연도", "Baseline year", "year"),
    Column("baseline", "기준", "Baseline", _dated("baseline_year")),
    Column("target_year", "목표연도", "Target year", "year"),
    Column("target", "목표", "Target", _dated("target_year")),
    Column("change", "증감", "Change", "change"),
    Column("growth_pct", "증감률", "Growth", "pct"),
    Column("milestones", "이후 연도", "Milestones", "list"),
    Column("last_year", "최종연도", "Last year", "year"),
    Column("last", "최종값", "Last value", "quantity"),
    Column("cagr_pct", "연평균 증감률", "CAGR", "pct"),
    Column("stated_change", "증감(계획)", "Change (stated)", "change"),
    Column("stated_change_pct", "증감률(계획)", "Growth (stated)", "pct"),
    Column("stated_multiple", "배수(계획)", "Multiple (stated)", "number"),
    Column("parts", "세부", "Parts", "list"),
    Column("parts_total", "세부 합계", "Parts total", "quantity"),
    Column("parts_partial", "세부 일부만(등)", "Parts partial"),
    Column("actual_year", "실적연도", "Actual year", "year"),
    Column("actual", "실적", "Actual", _dated("actual_year")),
    Column("stated_attainment_pct", "달성률(계획)", "Attainment (stated)", "pct"),
    Column("unambitious", "목표≤기준", "Unambitious"),
    Column("same_as", "같은 수치(원 지표)", "Same as"),
    Column("part_of", "상위 지표", "Part of"),
    Column("components", "구성 지표", "Components"),
    Column("restated_as", "요약 수치", "Restated as"),
    Column("suspect", "의심(오기)", "Suspect"),
    Column("source", "출처", "Source"),
    Column("quotes", "다른 출처", "Other excerpts"),
    Column("note", "비고", "Note"),
)
_KPI = {c.key: c for c in KPI_COLUMNS}


def kpis(pillar_name: str | None = None, kind: str = "target") -> View:
    """The KPI list of a kind: targets with their planned change, achievements, headlines, or all."""
    titles = {
        "target": "KPI: 계획된 변화 (기준 → 목표; 실적 대비 달성도가 아님)",
        "achievement": "KPI: 계획서가 보고한 실적 (목표가 아님)",
        "headline": "KPI: 다른 지표를 요약한 수치 (헤드라인)",
        "all": "KPI: 목표·실적·헤드라인 전체",
    }
    shown = {
        "target": ("id", "name", "baseline", "target", "change", "growth_pct"),
        "achievement": ("id", "name", "baseline", "actual"),
        "headline": ("id", "name", "target", "same_as"),
        "all": ("id", "name", "kind", "baseline", "target", "actual"),
    }[kind]
    notes = {
        "target": ("증감 = 목표 − 기준 (% 지표는 %p); 증감률 = 증감 ÷ 기준 × 100; 기준이 없으면 —.",),
        "achievement": ("계획서가 이미 이룬 결과로 보고한 수치: 목표가 없어 달성도를 재지 않음.",),
        "headline": ("반올림한 요약 수치: 실적은 원래 지표(same_as)로 보고.",),
        "all": (),
    }[kind]
    title = titles[kind] + (f" — {pillar_name}" if pillar_name else "")
    return View(tuple(_KPI[key] for key in shown), title, notes, drop_empty=False)


def measured(pillar_name: str | None, near: float, as_of: str | None) -> View:
    """The latest actual of each KPI, measured against its value for the year."""
    columns = (
        _KPI["id"],
        _KPI["name"],
        Column("target", "목표", "Target", _dated("target_year")),
        Column("as_of", "기준일", "As of"),
        Column("actual", "실적", "Actual", "quantity"),
        Column("attainment_pct", "달성률", "Attainment", "pct"),
        Column("progress_pct", "진척률", "Progress", "pct"),
        Column("expected_progress_pct", "예상 진척률", "Expected progress", "pct"),
        Column("status", "상태", "Status"),
    )
    title = "KPI: 실적 대비 달성도 (실적 파일 기준" + (f", {as_of}까지" if as_of else "") + ")"
    title += f" — {pillar_name}" if pillar_name else ""
    notes = (
        "목표 = 기준일이 속한 해의 목표(또는 중간 목표). 달성률: 증가 지표 실적 ÷ 목표, 감소 지표 목표 ÷ 실적 (× 100); "
        "진척률 = 기준(또는 앞 목표)에서 목표까지 간 비율; 예상 진척률 = 기준일에 그 직선 위에 있어야 할 비율.",
        f"상태: 달성 = 목표 도달; 목표일 이후 근접 ≥ {near:g}%, 미달 그 아래; 목표일 전 순항 = 예상 진척률 이상, "
        "지연 = 그 아래; 미보고 = 실적 없음.",
    )
    return View(columns, title, notes, drop_empty=False)


def stated(pillar_name: str | None) -> View:
    """The actuals the plan itself reports for its targets, with the attainment it states."""
    columns = (
        _KPI["id"],
        _KPI["name"],
        _KPI["target"],
        _KPI["actual"],
        Column("stated_attainment_pct", "달성률(계획서)", "Attainment (stated)", "pct"),
        Column("attainment_pct", "달성률(최종 목표 대비)", "Attainment (against the target printed)", "pct"),
    )
    title = "KPI: 계획서가 보고한 실적과 달성률" + (f" — {pillar_name}" if pillar_name else "")
    notes = ("계획서의 달성률은 계획서가 밝히지 않은 중간 목표 기준일 수 있음: 최종 목표 대비 값과 다르면 그 때문.",)
    return View(columns, title, notes, drop_empty=False)


def template(pillar_name: str | None) -> View:
    columns = tuple(
        Column(key, ko, en, kind)
        for key, ko, en, kind in (
            ("id", "ID", "ID", "text"),
            ("name", "지표", "Name", "text"),
            ("unit", "단위", "Unit", "text"),
            ("baseline", "기준", "Baseline", _dated("baseline_year")),
            ("target", "목표", "Target", _dated("target_year")),
            ("actual", "실적", "Actual", "text"),
            ("as_of", "기준일", "As of", "text"),
        )
    )
    title = "실적 입력 서식 (actual과 as_of를 채워 --actuals로 읽음)" + (f" — {pillar_name}" if pillar_name else "")
    return View(columns, title, drop_empty=False)


def track(wide: Any, by: str, as_of: str | None) -> View:
    """A KPI per row, a period per column: the columns are the periods the ledger has."""
    periods = [c for c in wide.columns if c not in ("id", "name", "unit", "status")]

    def actual(period: str) -> Callable[[Any, Row, Options], str]:
        def show(value: Any, row: Row, options: Options) -> str:  # every period of a row to the same decimals
            places = max((fmt.places_of(row[p]) for p in periods if row.get(p) is not None), default=0)
            return quantity(value, row.get("unit") or "", options, places=places)

        return show

    columns = (
        _KPI["id"],
        _KPI["name"],
        *(Column(p, p, p, actual(p), right=True) for p in periods),
        Column("status", "최근 상태", "Latest status"),
    )
    names = {"month": "월별", "quarter": "분기별", "half": "반기별", "year": "연도별"}
    title = f"실적 추이 ({names[by]} 최근 실적" + (f", {as_of}까지" if as_of else "") + ")"
    return View(columns, title, ("칸 = 그 기간의 마지막 실적; 최근 상태 = 마지막 실적의 상태 (kpi --actuals와 같음).",))


def kpi_detail(kpi_id: str, name: str) -> View:
    """One KPI in full, every field shown as a label and a value."""
    return View(KPI_COLUMNS, f"{kpi_id} — {name}", vertical=True)


def pillars(total_kpis: int) -> View:
    def label(value: Any, row: Row, options: Options) -> str:
        number = "" if row.get("pillar_number") is None else row["pillar_number"]
        return f"{number} {row['pillar_name']} ({row['pillar']}, {row['pillar_kpis']})".strip()

    columns = (
        Column("pillar", "분야 (키, KPI 수)", "Pillar (slug, KPIs)", label, repeat=False),
        Column("strategy", "전략", "Strategy", "int"),
        Column("strategy_name", "전략명", "Strategy name"),
        Column("targets", "목표", "Targets", "int"),
        Column("with_baseline", "기준 있음", "With baseline", "int"),
        Column("achievements", "보고 실적", "Achievements", "int"),
        Column("headlines", "헤드라인", "Headlines", "int"),
    )
    notes = ("목표 = 계획서가 겨냥한 수치; 보고 실적 = 이미 이룬 결과 (목표 아님); 헤드라인 = 다른 지표의 요약 수치.",)
    return View(columns, f"정책 분야와 전략 (KPI {total_kpis}개)", notes)


def pillar_attainment(near: float, as_of: str | None = None) -> View:
    columns = (
        Column("pillar", "분야키", "Pillar"),
        Column("pillar_number", "번호", "No.", "int"),
        Column("pillar_name", "분야", "Pillar name"),
        Column("targets", "목표", "Targets", "int"),
        Column("with_actuals", "실적 있음", "With actuals", "int"),
        Column("achieved", "달성", "Achieved", "int"),
        Column("near", "근접", "Near", "int"),
        Column("missed", "미달", "Missed", "int"),
        Column("on_pace", "순항", "On pace", "int"),
        Column("behind", "지연", "Behind", "int"),
        Column("not_reported", "미보고", "Not reported", "int"),
    )
    title = "분야별 실적 대비 달성도" + (f" ({as_of}까지)" if as_of else "")
    notes = (f"달성 = 목표 도달; 목표일 이후 근접 ≥ {near:g}%, 미달 그 아래; 목표일 전 순항·지연 = 예상 진척률 대비.",)
    return View(columns, title, notes, drop_empty=False)


# -- audit -------------------------------------------------------------------------------------


def _stated_places(row: Row) -> int:
    """The decimals the plan wrote a figure with, which its tolerance records: ±0.05 → 1."""
    exponent = Decimal(repr(float(row["tolerance"]))).normalize().as_tuple().exponent
    return max(0, -int(exponent) - 1) if isinstance(exponent, int) else 0


def _audit_figure(computed: bool) -> Callable[[Any, Row, Options], str]:
    def show(value: Any, row: Row, options: Options) -> str:
        places = None
        if row["rule"] == "rounded":
            places = _stated_places(row) + (2 if computed else 0)  # enough to see why it rounds as it does
        elif row["rule"] == "unverifiable" and computed and value is not None:
            places = fmt.places_of(row["stated"]) + 2
        unit = row.get("unit") or ""
        if unit in ("%", "%p"):
            return fmt.format_number(value, places, locale=options.locale) + unit
        return quantity(value, unit, options, places=places)

    return show


def _audit_result(value: Any, row: Row, options: Options) -> str:
    """Read from the row's ``ok`` (true, false, or unknown for an unverifiable check)."""
    english = options.locale == "en_US"
    ok = row.get("ok")
    if row["kind"] == "ambition":
        return "unambitious" if english else "목표≤기준"
    if ok is None:
        return "unverifiable" if english else "확인 불가"
    if english:
        return "ok" if ok else "DISAGREES"
    return "일치" if ok else "불일치"


def audit(checks: int, disagreements: int, unverifiable: int, flags: int) -> View:
    columns = (
        Column("check_id", "점검 ID", "Check"),
        Column("check", "점검 내용", "What is checked"),
        Column("stated", "계획서", "Stated", _audit_figure(computed=False)),
        Column("computed", "계산", "Computed", _audit_figure(computed=True)),
        Column("rule", "결과", "Result", _audit_result),
    )
    title = (
        f"감사: 계획서가 밝힌 증감·비율·합계·달성률 재계산 — 점검 {checks}건, "
        f"불일치 {disagreements}건, 확인 불가 {unverifiable}건, 목표≤기준 {flags}건"
    )
    return View(
        columns,
        title,
        ("차이·합계는 계획서 수치의 자릿수까지 정확히, 비율은 계획서 표기 자릿수로 반올림(half up)해 비교.",),
    )
