"""The report's own words: a key, its Korean and its English.

The plan's words — names, units, statuses — come from the dataset and the views
(:class:`seoulplan.core.glossary.Glossary`, :data:`seoulplan.presentation.views.STATUS_EN`),
as every table writes them; only what the page itself says is here.
"""

from __future__ import annotations

#: ``{name}`` fields are filled
#: with figures already formatted for the locale.
REPORT = {
    "title": ("{issuer} {title} — 보고서", "{issuer_en}: {title_en} — report"),
    "subtitle": (
        "예산·재정, 정책 분야별 KPI, 감사 결과{actuals}",
        "Budget and finance, KPIs by pillar, the audit{actuals}",
    ),
    "subtitle_actuals": (" 및 실적 ({name}{as_of})", ", and actuals ({name}{as_of})"),
    "until": (", {as_of}까지", ", as of {as_of}"),
    "contents": ("목차", "Contents"),
    "made": (
        "seoulplan {version}로 작성{date}. 모든 수치의 출처: {source}.",
        "Made with seoulplan {version}{date}. Every figure from: {source}.",
    ),
    "source": ("{issuer} 「{title}」 ({file})", "{issuer_en}, “{title_en}” ({file})"),
    "made_date": (", {date}", " on {date}"),
    "made_note": (
        "표의 수치는 계획서에 적힌 그대로이며, 계산값은 그 수치로 다시 계산한 값입니다.",
        "The tables give the plan's figures as printed; computed values are recomputed from them.",
    ),
    "table_of": ("표: {title}", "Table: {title}"),
    # highlights
    "hl_budget": ("총계 예산 ({year})", "Gross budget ({year})"),
    "hl_budget_note": ("{compare}년 본예산 대비 {growth} {way}", "{way} {growth} on the {compare} original budget"),
    "up": ("증가", "up"),
    "down": ("감소", "down"),
    "grew": ("늘었습니다", "up"),
    "shrank": ("줄었습니다", "down"),
    "hl_kpis": ("KPI", "KPIs"),
    "hl_kpis_value": ("{count}개", "{count}"),
    "hl_kpis_note": (
        "목표 {targets} · 보고 실적 {achievements} · 헤드라인 {headlines} · 참고 수치 {parameters}",
        "{targets} targets · {achievements} achievements · {headlines} headlines · {parameters} parameters",
    ),
    "hl_audit": ("감사 점검", "Audit checks"),
    "hl_audit_value": ("{checks}건", "{checks}"),
    "hl_audit_note": (
        "불일치 {disagreements} · 확인 불가 {unverifiable}",
        "{disagreements} disagree · {unverifiable} unverifiable",
    ),
    "hl_actuals": ("실적 보고된 목표", "Targets with actuals"),
    "hl_actuals_note": ("목표 {targets}개 중 · 달성 {achieved}", "of {targets} targets · {achieved} achieved"),
    # budget
    "budget": ("예산", "Budget"),
    "budget_intro": (
        "{basis} {amount}: {compare}년 본예산 {compare_amount}보다 {change} ({growth}) {way}.",
        "{basis}: {amount}, {way} {change} ({growth}) on the {compare} original budget of {compare_amount}.",
    ),
    "budget_bases": (
        "세 가지 기준: 총계 예산(회계간 전출입 포함), 순계 규모(전출입 제외), 실집행 규모.",
        "Three bases: the gross budget (with transfers between accounts), the net budget (without "
        "them) and actual spending.",
    ),
    "budget_amounts": (
        "예산규모: {year}년과 {compare}년 본예산",
        "Budget size: {year} and the {compare} original budget",
    ),
    "budget_shares": ("구성비: 일반회계와 특별회계", "Shares: the general account and the special accounts"),
    "budget_growth": ("증감률: {compare}년 본예산 대비", "Growth on the {compare} original budget"),
    "unit_trillion": ("조원", "KRW trillion"),
    "unit_share": ("구성비 (%)", "Share (%)"),
    "unit_growth": ("증감률 (%)", "Growth (%)"),
    "unit_count": ("KPI 수 (개)", "KPIs"),
    "unit_progress": ("진척률 (%)", "Progress (%)"),
    "year": ("{year}년", "{year}"),
    "year_original": ("{year}년 본예산", "{year} original"),
    # finance
    "finance": ("재정", "Finance"),
    "finance_intro": (
        "{date} 기준 재정 운용. 지방채는 {bonds_date} 현재 잔액.",
        "Public finance as of {date}; municipal bonds outstanding as of {bonds_date}.",
    ),
    "finance_sizes": ("재정 규모", "Sizes of the finances"),
    "finance_mandatory": ("법정의무경비 {amount}의 구성", "Mandatory spending of {amount}, by part"),
    "finance_bonds": ("지방채 {amount}의 구성", "Municipal bonds of {amount}, by part"),
    "finance_districts": ("자치구 예산과 기금", "District budgets and funds"),
    # pillars
    "pillars": ("정책 분야와 KPI", "Pillars and KPIs"),
    "pillars_intro": (
        "계획서의 KPI {count}개: 목표 {targets}개(그중 기준이 있는 것 {with_baseline}개), 이미 이룬 결과로 보고한 "
        "실적 {achievements}개, 다른 지표를 요약한 헤드라인 {headlines}개, 목표가 아닌 참고 수치(법정 기준, "
        "지원 한도, 기간, 규모, 효과 추정) {parameters}개.",
        "The plan's {count} KPIs: {targets} targets ({with_baseline} of them with a baseline), {achievements} "
        "achievements it reports, {headlines} headlines restating another record and {parameters} parameters, "
        "figures that are not goals (statutory thresholds, benefit caps, periods, sizes, effect estimates).",
    ),
    "pillars_kinds": (
        "분야별 KPI: 목표, 기준, 실적, 헤드라인, 참고 수치",
        "KPIs by pillar: targets, baselines, achievements, headlines, parameters",
    ),
    "kind_based": ("목표 (기준 있음)", "Targets with a baseline"),
    "kind_unbased": ("목표 (기준 없음)", "Targets without a baseline"),
    "kind_achievement": ("보고 실적", "Achievements"),
    "kind_headline": ("헤드라인", "Headlines"),
    "kind_parameter": ("참고 수치", "Parameters"),
    "all_kpis": ("합계", "All"),
    "strategies": ("전략별 KPI", "KPIs by strategy"),
    "changes": (
        "가장 큰 계획된 변화 (기준 → 목표): {pillar}",
        "The biggest planned changes (baseline → target): {pillar}",
    ),
    "changes_rises": ("가장 크게 늘리는 목표", "Largest planned rises"),
    "changes_falls": ("가장 크게 줄이는 목표", "Largest planned falls"),
    "changes_none": (
        "기준이 있어 증감률을 잴 수 있는 목표가 없습니다.",
        "No target here has a baseline to measure a change from.",
    ),
    "change_direction": ("방향", "Direction"),
    "rise": ("증가", "Rise"),
    "fall": ("감소", "Fall"),
    "changes_note": (
        "증감률 = (목표 − 기준) ÷ 기준 × 100: 계획된 변화이며 실적 대비 달성도가 아님. "
        "% 지표도 증감률(상대 변화)로 비교.",
        "Growth = (target − baseline) ÷ baseline × 100: the planned change, not attainment. KPIs in % "
        "compare by relative change too.",
    ),
    # audit
    "audit": ("감사", "Audit"),
    "audit_intro": (
        "계획서가 밝힌 합계·차이·비율·평균·개수·비교·재언급 {checks}건을 다시 계산: 불일치 {disagreements}건, "
        "확인 불가 {unverifiable}건, "
        "목표≤기준 {flags}건. 아래는 일치하지 않는 점검과 그 근거가 된 계획서 문구입니다.",
        "{checks} sums, differences, shares, averages, counts, comparisons and restatements the plan states, "
        "recomputed: {disagreements} "
        "disagree, {unverifiable} cannot be verified, {flags} targets are no better than their baseline. "
        "Below, each check that does not agree, beside the plan's own words.",
    ),
    "audit_none": ("모든 점검이 일치합니다.", "Every check agrees."),
    "audit_findings": ("감사 결과: 불일치와 확인 불가", "Audit findings: disagreements and unverifiable checks"),
    "excerpt": ("계획서 발췌", "The plan's words"),
    "rule": ("규칙", "Rule"),
    # actuals
    "actuals": ("실적", "Actuals"),
    "actuals_intro": (
        "실적 파일 {name}: 관측 {observations}건, KPI {kpis}개{as_of}. "
        "각 관측은 그해의 목표(또는 중간 목표)와 비교하고, "
        "목표일 전에는 기준에서 목표까지의 직선(예상 진척률)과도 비교합니다.",
        "Ledger {name}: {observations} observations of {kpis} KPIs{as_of}. Each is measured against the "
        "KPI's value for its year and, before that date, against the pace: the straight line from the "
        "baseline to the target.",
    ),
    "status_by_pillar": ("분야별 상태: 실적이 보고된 목표", "Status by pillar: targets with actuals"),
    "unit_reported": ("실적이 보고된 목표 (개)", "Targets with actuals"),
    "unreported_after": ("미보고 {count}", "{count} not reported"),
    "status_note": (
        "막대는 실적이 보고된 목표 {reported}개의 상태입니다. 목표 {targets}개 중 나머지 {unreported}개는 "
        "미보고로, 분야마다 막대 끝과 표의 미보고 열에 그 수를 적었습니다.",
        "The bars count the {reported} targets with actuals. The other {unreported} of the {targets} targets "
        "are not reported: each pillar's count is written after its bar and in the table's Not reported column.",
    ),
    "progress": ("진척률과 예상 진척률: {pillar}", "Progress and pace: {pillar}"),
    "progress_shown": (
        "상태가 나쁜 순으로 {shown}개 (전체 {total}개는 표에).",
        "The {shown} furthest behind are drawn ({total} in the table).",
    ),
    "progress_from_zero": (
        "기준이 없는 기간 총량(임기·연간 목표)은 기간 시작의 0에서 출발: 그 진척률은 달성률과 같습니다.",
        "A term total without a baseline starts from zero at the start of its term: its progress is its attainment.",
    ),
    "progress_attained": ("달성률 {pct}", "{pct} attained"),
    "progress_no_pace": (
        "따라갈 직선이 없는 목표(진행 중: 기준 없는 수준·비율; 한도나 범위를 지키는 목표)에는 예상 진척률 "
        "눈금이 없고, 막대는 달성률입니다.",
        "A target with no pace to follow (in progress: a level or rate without a baseline; a limit or range to "
        "keep) has no pace tick: its bar is its attainment.",
    ),
    "progress_settled": (
        "목표일이 지난 목표에는 눈금이 없습니다: 상태는 목표일까지의 실적으로 정해졌습니다.",
        "A target past its deadline has no pace tick: its status is settled by its actual at the deadline.",
    ),
    "progress_projected": (
        "빈 원 = 최근 실적을 지나는 직선(직선의 시작에서, 시작이 없으면 앞 실적에서)이 목표일에 닿는 곳, "
        "막대와 같은 척도(축 밖이면 끝에 삼각형); 그 값은 표의 목표일 예상치.",
        "A hollow circle: where the line through the latest actual (from the pace's start, or without one from "
        "the actual before) reaches at the deadline, on the bar's scale (a triangle at the edge when off the "
        "axis); its value is in the table's Projected column.",
    ),
    "progress_stale": (
        "오래됨 = 질문한 날(목표일이 지났으면 목표일)에 {days}일보다 오래된 실적.",
        "Stale: the actual is more than {days} days old at the date of the question (at the deadline, once it "
        "has passed).",
    ),
    "stale": ("오래됨", "stale"),
    # the figure over its date (a table of figures keeps the line break)
    "actual_as_of": ("{actual}\n({as_of})", "{actual}\n({as_of})"),
    "actual_as_of_stale": ("{actual}\n({as_of}, {stale})", "{actual}\n({as_of}, {stale})"),
    "pace": ("예상 진척률 (직선)", "Expected by now (pace)"),
    "projected": ("목표일 예상치 (최근 추세)", "Projected at the deadline (latest trend)"),
    "trends": ("실적 추이: 관측이 여러 번인 KPI", "Trends: KPIs observed more than once"),
    "trends_projected": (
        "점선과 빈 원 = 최근 실적을 지나는 직선(직선의 시작에서, 시작이 없으면 앞 실적에서)이 목표일에 닿는 값"
        "(표의 목표일 예상치).",
        "Dotted line and hollow circle: where the line through the latest actual (from the pace's start, or "
        "without one from the actual before) reaches at the deadline (the table's Projected column).",
    ),
    "trends_shown": ("{shown}개를 그림 (전체 {total}개는 표에).", "{shown} are drawn ({total} in the table)."),
    "trends_thinned": (
        "실적이 {most}개를 넘는 KPI는 월·분기·반기·연 가운데 {most}개 안에 드는 가장 짧은 기간마다 마지막 실적을 그림.",
        "A KPI with more than {most} actuals is drawn with the last of each month, quarter, half-year or year: "
        "the shortest period that gives at most {most} points.",
    ),
    "trends_periods_shown": (
        "표는 최근 {shown}개 분기만 보임 ({first}부터; 전체 {total}개 분기). 모든 기간: seoulplan track --format csv, "
        "또는 --as-of로 끝을 당기십시오.",
        "The table shows the latest {shown} of {total} quarters (from {first}); every period: seoulplan track "
        "--format csv, or end earlier with --as-of.",
    ),
    "trend_actual": ("실적", "Actual"),
    "trend_plan": ("계획 (기준 → 목표)", "Plan (baseline → target)"),
    "not_reported": ("미보고", "Not reported"),
    "not_reported_intro": (
        "실적 파일에 있으나 그날까지 실적이 없는 KPI {listed}개. "
        "실적 파일에 없는 목표 {absent}개도 분야별 상태의 미보고 수에 셉니다.",
        "{listed} KPIs of the ledger with no actual by the date. The {absent} targets the ledger does not "
        "name count as not reported in the status by pillar too.",
    ),
    "not_reported_none": ("실적 파일의 모든 KPI에 실적이 있습니다.", "Every KPI of the ledger has an actual."),
}
