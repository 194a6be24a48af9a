"""The dataset's fixed words: budget bases and accounts, finance sections, COVID measures,
KPI directions, and the names of the groups the plan's tables use (Korean and English).

Each vocabulary a table shows has a machine value (what CSV, JSON and the library carry,
whatever the locale) and a name people read: the name is an English message marked for the
catalogue (:func:`~seoulplan.core.i18n.N_`), its Korean in ``seoulplan.po``, looked up where
it is shown. Cheap to import: the command line builds its choices from these at start-up.
"""

from seoulplan.core.i18n import N_

BUDGET_BASES = ("gross", "net", "execution")
BUDGET_ACCOUNTS = ("total", "general", "special")
FINANCE_SECTIONS = ("mandatory", "funds", "districts", "bonds", "transfers")
#: Which way a KPI's figure is good (SPEC §3, §5): ``increase`` and ``decrease`` are goals to
#: move towards; ``at_most`` (a ceiling: respond within 72 hours) and ``at_least`` (a floor:
#: at least 85%) are limits, met while the actual is within them; ``maintain`` is a level or a
#: range to keep.
DIRECTIONS = ("increase", "decrease", "maintain", "at_most", "at_least")
#: How a direction reads: in English the machine value itself (the notes explain ``at_most`` and
#: ``at_least`` by that name), in Korean the catalogue's word (증가, 상한…).
DIRECTION_NAMES = {
    "increase": N_("increase"),
    "decrease": N_("decrease"),
    "maintain": N_("maintain"),
    "at_most": N_("at_most"),
    "at_least": N_("at_least"),
}
#: The directions measured as an increase (actual ÷ target) and as a decrease (target ÷ actual).
UPWARD = ("increase", "at_least")
DOWNWARD = ("decrease", "at_most")
#: The kinds of the audit's checks (README "seoulplan audit"), and its flag of unambitious targets.
AUDIT_KINDS = ("sum", "average", "count", "comparison", "restatement")
AUDIT_FLAG = "ambition"
#: How each kind of check reads (the report groups the audit by kind).
AUDIT_KIND_NAMES = {
    "sum": N_("Sums and differences"),
    "average": N_("Averages"),
    "count": N_("Counts against the items listed"),
    "comparison": N_("Comparisons"),
    "restatement": N_("Restatements"),
    "ambition": N_("Targets no better than their baseline"),
}
COVID_MEASURES = ("confirmed", "isolated", "recovered", "deaths", "suspected", "testing", "released")

#: general and finance groups: (Korean, English); the Korean name is the machine column
#: ``group_name``/``section_name``.
GROUP_NAMES = {
    "population": ("인구", "Population"),
    "area": ("면적", "Area"),
    "administration": ("행정구역", "Administration"),
    "south_of_river": ("강남 11개구", "South of the river"),
    "city_organisation": ("서울시 조직", "City organisation"),
    "city_staff": ("서울시 정원", "City staff"),
    "district_organisation": ("자치구 조직", "District organisation"),
    "district_staff": ("자치구 정원", "District staff"),
    "transfers": ("회계간 전출입", "Transfers"),
    "mandatory": ("법정의무경비", "Mandatory spending"),
    "funds": ("기금", "Funds"),
    "districts": ("자치구 예산", "District budgets"),
    "bonds": ("지방채", "Municipal bonds"),
}

#: COVID measures: (Korean, English), and the total a part belongs to.
COVID_NAMES = {
    "confirmed": ("확진환자 소계", "Confirmed"),
    "isolated": ("확진 - 격리중", "Confirmed: in isolation"),
    "recovered": ("확진 - 완치", "Confirmed: recovered"),
    "deaths": ("확진 - 사망", "Confirmed: died"),
    "suspected": ("의사환자 계", "Suspected"),
    "testing": ("의사 - 검사중", "Suspected: being tested"),
    "released": ("의사 - 격리해제", "Suspected: released"),
}
COVID_PARENT = {
    "isolated": "confirmed",
    "recovered": "confirmed",
    "deaths": "confirmed",
    "testing": "suspected",
    "released": "suspected",
}

#: What a KPI record is (SPEC §3): a target the plan aims at, a result it reports, a
#: rounded restatement of another record, or a parameter — a figure that is not a goal (a
#: statutory threshold, a benefit cap, a validity period, a team size, an effect estimate),
#: listed but never measured.
KINDS = ("target", "achievement", "headline", "parameter")
#: How a kind reads (in English the machine value; in Korean the catalogue's word: 목표, 보고 실적…).
KIND_NAMES = {
    "target": N_("target"),
    "achievement": N_("achievement"),
    "headline": N_("headline"),
    "parameter": N_("parameter"),
}

#: How a target's pace is resolved (the ``pace`` column of ``kpi``): from its ``baseline``;
#: from zero at a ``start`` the record gives (a term total); from zero at the start of the
#: plan's year (``plan_year``: an increase target with neither); ``none`` (a level or rate
#: without a baseline, a limit, a level to keep); or ``open`` (a target the plan gives from a
#: year on, '20~, and by no year: no deadline, never paced, never missed).
PACES = ("baseline", "start", "plan_year", "none", "open")
#: How a pace reads (in English the machine value, as the README and ``--help`` name it; in
#: Korean the catalogue's word).
PACE_NAMES = {
    "baseline": N_("baseline"),
    "start": N_("start"),
    "plan_year": N_("plan_year"),
    "none": N_("none"),
    "open": N_("open"),
}

#: Tracking's statuses (SPEC §5; seoulplan.core.pace says when each is given), in the order
#: people read them: the machine values are the plan's Korean words, each with a snake_case
#: key (machine summaries such as ``pillars --actuals``' columns, and ``--fail-on`` in English).
STATUS_KEYS = {
    "달성": "achieved",
    "근접": "near",
    "미달": "missed",
    "순항": "on_pace",
    "지연": "behind",
    "진행 중": "in_progress",
    "미보고": "not_reported",
}
STATUSES = tuple(STATUS_KEYS)
#: How each status reads, by its key: the English name is the message; the Korean catalogue
#: names each status by its machine value (a test holds the two together), so a Korean table
#: shows what a Korean CSV carries.
STATUS_NAMES = {
    "achieved": N_("met"),
    "near": N_("near"),
    "missed": N_("missed"),
    "on_pace": N_("on pace"),
    "behind": N_("behind"),
    "in_progress": N_("in progress"),
    "not_reported": N_("not reported"),
}

#: The periods `track --by` groups actuals into.
PERIODS = ("month", "quarter", "half", "year")
#: What a table of each period is, in its title (``Actuals by month``; 월별).
PERIOD_NAMES = {"month": N_("by month"), "quarter": N_("by quarter"), "half": N_("by half-year"), "year": N_("by year")}

#: The phases of a budget ledger (SPEC §5, the budget's year) and how each reads; a numbered
#: supplementary budget reads as :data:`NUMBERED_SUPPLEMENTARY` (2차 추경).
PHASE_NAMES = {
    "original": N_("original budget"),
    "supplementary": N_("supplementary budget"),
    "executed": N_("executed"),
    "settled": N_("settled"),
}
NUMBERED_SUPPLEMENTARY = N_("supplementary budget no. {number}")

#: How each kind of dated deliverable (:mod:`seoulplan.core.deliverables`) reads (the machine
#: value is the schema's; the English name is the message, its Korean in the catalogue): a
#: noun for what happens, so that a calendar line reads "opening", "start of construction".
DELIVERABLE_KIND_NAMES = {
    "open": N_("opening"),
    "complete": N_("completion"),
    "start_construction": N_("start of construction"),
    "start_work": N_("start of work"),
    "launch": N_("launch"),
    "hold": N_("event"),
    "publish_plan": N_("plan published"),
    "sign_agreement": N_("agreement signed"),
    "select": N_("selection"),
    "submit": N_("submission"),
    "ongoing": N_("ongoing"),
    "done": N_("past fact"),
}
#: How precise a date is, as people read it: "a date to the month".
PRECISION_NAMES = {
    "year": N_("to the year"),
    "half": N_("to the half-year"),
    "quarter": N_("to the quarter"),
    "month": N_("to the month"),
    "day": N_("to the day"),
}
#: The statuses a deliverable can have (:mod:`seoulplan.core.deliveries`; the machine values
#: are Korean, as tracking's are), each with the English key ``--fail-on`` also takes, and the
#: name people read.
DELIVERY_STATUS_KEYS = {
    "완료": "done",
    "예정": "planned",
    "진행 중": "in_progress",
    "기한 경과": "overdue",
    "취소": "cancelled",
}
DELIVERY_STATUS_NAMES = {
    "done": N_("done"),
    "planned": N_("planned"),
    "in_progress": N_("in progress"),
    "overdue": N_("overdue"),
    "cancelled": N_("cancelled"),
}
#: The periods ``schedule --by`` groups deliverables into.
CALENDAR_PERIODS = ("month", "quarter")
