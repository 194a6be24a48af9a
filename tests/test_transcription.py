"""Transcribed figures checked against the plan's text, read by hand for this test.

Dated as the KPI model of SPEC §3 has it: a multi-year programme total at the year the plan
aims it at (민선7기 housing: 2022), a result the plan reports (18 관문도시 selected in 2019)
at its year, and the left side of an arrow without years (24시간 → 6시간) is a baseline dated
the year before its target, as everywhere in the dataset.

Each row: KPI id, unit, baseline (year, value) or None, target (year, value) — for an
achievement the actual it reports — the milestones, what the plan states about the figure,
and the figure exactly as the plan prints it — which the record's verbatim `source`
excerpt must contain. Rows are chosen across every strategy of every pillar (SPEC §3:
1.5만대 = 15000, money keeps its unit).
"""

import pytest

from seoulplan.core import plan as dataset

N = None
FIGURES = [
    # -- pillar 1 future: strategies 1–7 --
    ("future.global-corporate-partners", 1, "개사", N, (2020, 20), [], N, "글로벌 대기업 20개사"),
    ("future.innovation-growth-fund", 1, "억원", N, (2020, 4800), [], N, "혁신성장펀드 4,800억원"),
    ("future.ai-talent-training", 1, "명", N, (2020, 1000), [], N, "('20년 1,000명)"),
    ("future.cluster-rnd-budget", 1, "억원", (2019, 80), (2020, 139), [], N, "('19년 80억→'20년 139억)"),
    ("future.public-network-integration", 2, "개", N, (2020, 29), [], N, "기관 29개 개별망"),
    ("future.public-network-length", 2, "km", N, (2020, 2883), [], N, "(2,883km)"),
    ("future.digital-youth-advisers", 2, "명", N, (2020, 100), [], N, "디지털 청년자문단(100명)"),
    ("future.wifi-monitors", 2, "명", N, (2020, 100), [], N, "WiFi 모니터링단(100명)"),
    (
        "future.illegal-lending-relief-amount",
        3,
        "억원",
        (2018, 3.7),
        (2019, 14.3),
        [],
        {"change": 10.6, "change_pct": 286.5},
        "3.7억원 → ('19) 98건 14.3억원 : 증 41건, 10.6억원(286.5% ↑)",
    ),
    ("future.social-economy-complex-floor-area", 3, "m²", N, (2020, 2221), [], N, "2,221㎡"),
    (
        "future.smallbiz-one-stop-platform-districts",
        3,
        "개구",
        (2019, 5),
        (2020, 25),
        [],
        N,
        "('19년 시범5개 → '20년 전자치구)",
    ),
    ("future.social-economy-asset-loans", 3, "억원", N, (2020, 50), [], N, "(50억원 규모)"),
    ("future.universal-tourism-certification-validity", 4, "년", N, (2020, 3), [], N, "(유효기간 3년)"),
    ("future.platform-worker-holiday-support", 4, "명", N, (2020, 3800), [], N, "(3.800명, 4월~)"),
    ("future.tourism-vulnerable-travel-programme", 4, "명", N, (2020, 3000), [], N, "(3,000명, 4월~)"),
    ("future.clinical-chemistry-congress-participants", 4, "명", N, (2020, 5000), [], N, "5.24~28, 5천명"),
    (
        "future.new-deal-private-tailored-participants",
        5,
        "명",
        (2019, 500),
        (2020, 1300),
        [],
        N,
        "('19년 500명→'20년 1,300명)",
    ),
    ("future.youth-jobs-new", 5, "개", N, (2020, 11629), [], N, "신규 창출(11,629개)"),
    ("future.job-cafes", 5, "개소", (2019, 91), (2020, 100), [], N, "일자리카페 확대(91→100개소)"),
    ("future.youth-unemployment-rate", 5, "%", (2019, 8.8), (2020, 7.7), [], {"change": -1}, "1%p 감소(8.8% → 7.7%)"),
    ("future.city-district-job-projects-new", 5, "개 사업", N, (2020, 16), [], N, "신규16개"),
    ("future.olympic-bid-advisory-group", 6, "명", N, (2020, 50), [], N, "「유치준비자문단」(50명)"),
    ("future.village-art-studios", 6, "개소", N, (2020, 67), [], N, "마을예술창작소(67개소)"),
    ("future.craft-museum-additional-acquisitions", 6, "점", N, (2020, 10000), [], N, "1만여점 추가수집"),
    ("future.sports-facilities-national-centres", 6, "개소", N, (2020, 7), [], N, "국민체육센터 7개소"),
    (
        "future.labour-support-centres",
        7,
        "개구",
        (2019, 18),
        (2020, 23),
        [(2021, 25)],
        N,
        "('19년) 18개 자치구 → ('20년) 23개 자치구 → ('21년) 25개 全 자치구",
    ),
    ("future.labour-rights-officers", 7, "명", (2019, 50), (2020, 65), [], N, "(50→ 65명)"),
    ("future.worker-safety-site-size-cap", 7, "억원", N, (2020, 50), [], N, "(50억미만 사업장)"),
    ("future.cleaner-rest-facilities", 7, "개소", N, (2020, 652), [], N, "(총 652개소)"),
    # -- pillar 2 safety: strategies 1–8 --
    ("safety.public-facility-seismic-rate", 1, "%", N, (2020, 94.2), [], N, "내진율 94.2% 확보"),
    ("safety.potholes", 1, "건", (2019, 33000), (2025, 16000), [], N, "33,000건 → 16,000건 목표(5년 후)"),
    ("safety.emergency-hydrant-hose-reel", 1, "개소", N, (2020, 30), [], N, "호스릴 방식 / 30개소"),
    ("safety.vulnerable-household-repair-support", 1, "가구", N, (2020, 29000), [], N, "(2만9천여기구)"),
    ("safety.wrc-eco-forest-trees", 2, "그루", N, (2021, 300000), [], N, "친환경숲 30만주 조성('20~'21)"),
    ("safety.wrc-fuel-cell-capacity", 2, "MW", N, (2020, 180), [], N, "연료전지 총 180IVM"),
    ("safety.wrc-fuel-cell-hydrogen-car-equivalent", 2, "대/일", N, (2020, 600000), [], N, "수소차 약 60만대/일"),
    ("safety.wrc-fuel-cell-household-power-equivalent", 2, "세대", N, (2020, 380000), [], N, "38만세대 전력공급"),
    (
        "safety.ui-sinseol-peak-trains",
        3,
        "회",
        (2019, 48),
        (2020, 50),
        [],
        {"change": 2},
        "운행횟수 2회(48 → 50회) 증회",
    ),
    ("safety.taxi-refusal-suspension-days", 3, "일", N, (2020, 60), [], N, "일부운행정지(60일)"),
    ("safety.line9-additional-cars", 3, "칸", N, (2022, 36), [], N, "'22년까지 36칸 증차"),
    ("safety.taxi-refusal-sanctions-2019-rounds", 3, "회", N, (2019, 4), [], N, "('19년 4회 : 29개사 946대 처분)"),
    ("safety.sidewalk-improvement-gangbuk", 4, "km", N, (2020, 866), [], N, "(강북권 866km)"),
    ("safety.green-transport-road-design-length", 4, "km", N, (2020, 1.22), [], N, "2개 도로 1.22km"),
    ("safety.school-gate-illegal-parking-removal", 4, "면", N, (2020, 417), [], N, "일제정비(417면)"),
    (
        "safety.public-bike-stations-total",
        4,
        "개소",
        N,
        (2020, 3040),
        [],
        {"change": 1500},
        "대여소 총 3,040개소(1,500개소 추가)",
    ),
    ("safety.hydrogen-charging-stations-regional", 5, "개소", N, (2020, 7), [], N, "('20년 7개소)"),
    ("safety.energy-innovation-district", 5, "개", N, (2020, 1), [], N, "모델 조성('20년 1개)"),
    ("safety.diesel-emission-reduction-devices", 5, "대", N, (2020, 20000), [], N, "저감장치 부착 지원 2만대"),
    ("safety.mini-solar-plant-households", 5, "가구", N, (2020, 158000), [], N, "미니발전소 158천가구"),
    (
        "safety.household-waste-reduction-vs-2018",
        6,
        "%",
        N,
        (2025, 10),
        [],
        N,
        "'25년까지 '18년 대비 생활폐기물 10% 감량",
    ),
    ("safety.cleanup-squad-districts", 6, "개구", N, (2020, 7), [], N, "청결기동대 운영(7개구"),
    ("safety.city-cleanliness-citizen-evaluations", 6, "회", N, (2020, 3), [], N, "시민평가제' 실시(3회)"),
    ("safety.construction-noise-monitoring-sites", 6, "개소", N, (2020, 50), [], N, "모니터링 시스템 운영(50개소)"),
    ("safety.trees-planted-2020", 7, "그루", N, (2020, 400000000), [], N, "('20년 400백만 그루 목표)"),
    ("safety.trees-planted-cumulative-terms-6-7", 7, "그루", N, (2022, 30000000), [], N, "민선 6·7기 통산 3천만 그루"),
    ("safety.72-hour-urban-regeneration-projects", 7, "개소", N, (2020, 9), [], N, "프로젝트 추진('20년 9개소)"),
    ("safety.park-land-compensation-budget", 7, "억원", N, (2020, 8552), [], N, "8,552억원 보상 목표"),
    ("safety.moving-forests", 7, "개소", N, (2020, 5), [], N, "'움직이는 숲' 조성('20년 5개소)"),
    ("safety.gangbuk-advanced-treatment-capacity", 8, "m²", (2019, 720000), (2020, 950000), [], N, "(72만m² → 95만m²)"),
    ("safety.rust-prone-water-pipes-replaced", 8, "km", N, (2020, 28.8), [], N, "28.8km를 '20년 상반기 까지 교체완료"),
    ("safety.water-source-monitoring-points-intake", 8, "지점", N, (2020, 5), [], N, "취수원 5지점"),
    ("safety.treated-water-quality-test-items", 8, "항목", N, (2020, 171), [], N, "정수 수질검사(171항목)"),
    # -- pillar 3 welfare: strategies 1–4 --
    ("welfare.disability-pension-monthly-max", 1, "만원", N, (2020, 30), [], N, "(월 최고 30만원)"),
    (
        "welfare.disability-supportive-housing",
        1,
        "호",
        (2019, 68),
        (2020, 128),
        [],
        {"change": 60},
        "확대(60호): ('19) 68호→ ('20) 128호",
    ),
    ("welfare.deaf-blind-shelters", 1, "개소", (2019, 10), (2020, 19), [], N, "('19) 10개소 → ('20) 19개소"),
    ("welfare.basic-security-livelihood-benefit-rise", 1, "%", N, (2020, 2.94), [], N, "생계급여(2.94%↑)"),
    (
        "welfare.care-sos-districts",
        1,
        "개구",
        (2019, 5),
        (2020, 13),
        [(2021, 25)],
        {"change": 8},
        "'20년 8개 구 신규 시행 : ('19) 5개구 88개동 → ('20) 13개구 228개동 ※ '21년까지 25개구 확대",
    ),
    (
        "welfare.day-care-centres",
        1,
        "개소",
        (2019, 444),
        (2020, 450),
        [],
        {"change": 6},
        "(6개소) : ('19) 444개소 → ('20) 450개소",
    ),
    ("welfare.paid-sick-leave-payments", 3, "억원", N, (2019, 11.3), [], N, "지급액 11억 3천만원"),
    ("welfare.saturday-hourly-childcare-classes", 2, "개반", N, (2020, 100), [], N, "50개소(100개반)"),
    ("welfare.public-daycare-use-rate", 2, "%", N, (2020, 45), [], N, "국공립 이용률 45% 달성"),
    ("welfare.global-village-centres", 2, "개", N, (2020, 7), [], N, "글로벌빌리지센터 7개"),
    (
        "welfare.kium-general-centres",
        2,
        "개",
        (2019, 102),
        (2020, 212),
        [(2021, 375)],
        N,
        "102개('19)→212개('20)→375개'(21)",
    ),
    ("welfare.foreign-resident-facilities", 2, "개소", N, (2020, 17), [], N, "외국인주민시설 운영: 17개소"),
    ("welfare.single-parent-rental-housing", 2, "가구", N, (2020, 16), [], N, "('20년 16가구)"),
    ("welfare.open-childcare-rooms", 2, "개소", (2019, 74), (2020, 144), [], N, "74개소('19) → 144개소('20)"),
    ("welfare.paid-sick-leave-recipients", 3, "명", N, (2020, 5000), [], N, "지급인원(목표) 5,000명"),
    ("welfare.daycare-nurse-visits-min", 3, "회/월", N, (2020, 1.5), [], N, "월 1.5회~2회"),
    ("welfare.mental-illness-housing-service", 3, "명", (2019, 48), (2020, 59), [], N, "48명('19) → 59명('20)"),
    (
        "welfare.dementia-doctor-clinics",
        3,
        "개",
        (2019, 317),
        (2020, 350),
        [(2018, 90)],
        N,
        "5개구 90개('18년) → (2단계) 25개구 317개('19년) → (3단계) 25개구 350개('20년)",
    ),
    ("welfare.paid-sick-leave-checkup-days", 3, "일", N, (2020, 1), [], N, "검진 1일)"),
    ("welfare.public-hospitals-staff-increase", 3, "개 병원", N, (2020, 5), [], N, "5개 병원 인력 증원"),
    ("welfare.youth-internship-participants", 4, "명", N, (2020, 300), [], N, "인턴십 과정 300명"),
    ("welfare.youth-internship-budget", 4, "억원", N, (2020, 2.7), [], N, "300명(2.7억)"),
    ("welfare.youth-career-learning-participants", 4, "명", N, (2020, 300), [], N, "진로학습비 300명"),
    ("welfare.mountain-village-study", 4, "명", N, (2020, 100), [], N, "('20년 100명)"),
    (
        "welfare.seoul-alternative-schools",
        4,
        "개소",
        N,
        (2020, 20),
        [(2021, 30)],
        N,
        "'20년 20개소 내외 선정, '21년 요건 충족 학교 30~40개소",
    ),
    ("welfare.public-meals-centres", 4, "센터", (2019, 10), (2020, 12), [], N, "13개구 10센터 → ('20년) 15개구 12센터"),
    ("welfare.eco-school-meals-students", 4, "명", (2019, 723000), (2020, 761000), [], N, "'20년 확대(761천명)"),
    # -- pillar 4 balance: strategies 1–4 --
    ("balance.overpass-underspace-openings", 1, "개소", N, (2020, 5), [], N, "'20년 5개소 개관"),
    ("balance.overpass-underspace-new", 1, "개소", N, (2020, 3), [], N, "3개소 신규 추진"),
    ("balance.gwanghwamun-citizen-sessions", 1, "회", N, (2020, 61), [], N, "시민소통 실시 : 총61회"),
    ("balance.house-repair-volunteers", 1, "호", (2019, 15), (2020, 30), [], N, "15호('19년) → 30호('20년)"),
    ("balance.house-repair-subsidy-loans", 1, "호", (2019, 718), (2020, 800), [], N, "718호('19년) → 800호('20년)"),
    ("balance.urban-regen-residential-env-areas", 1, "개 지역", N, (2020, 84), [], N, "주거환경관리사업(84)"),
    ("balance.ten-minute-living-soc-investment", 1, "억원", N, (2022, 3603), [], N, "('22년까지 3,603억원 투입)"),
    ("balance.local-living-area-plans-total", 2, "개소", N, (2021, 62), [], N, "민선7기내(62개소)"),
    (
        "balance.local-living-area-plans-yearly",
        2,
        "개소",
        (2019, 15),
        (2020, 20),
        [(2018, 5), (2021, 22)],
        N,
        "('18년 5개소 → '19년 15개소 → '20년 20개소 → '21년 22개소)",
    ),
    ("balance.gateway-cities-selected", 2, "개", N, (2019, 18), [], N, "검토하여18개 관문도시 선정"),
    ("balance.gateway-cities-priority", 2, "개", N, (2023, 4), [], N, "4개 관문도시('23년 완료목표)"),
    ("balance.gateway-cities-linked", 2, "개소", N, (2019, 2), [], N, "기 진행계획연계(2개소)"),
    ("balance.gateway-cities-managed", 2, "개소", N, (2019, 9), [], N, "계획적 관리(9개소)"),
    ("balance.station-area-pilot-sites", 2, "개소", N, (2020, 5), [], N, "시범사업(5개소)"),
    ("balance.changdong-music-industry-spaces", 3, "개소", N, (2020, 2), [], N, "지원공간 2개소 개관"),
    ("balance.magok-living-lab-projects", 3, "개 과제", N, (2020, 10), [], N, "('20년 10개 과제 선정)"),
    ("balance.additional-housing-redevelopment", 4, "호", N, (2022, 4000), [], N, "정비사업 등 활용(0.4만호)"),
    ("balance.additional-housing-low-rise", 4, "호", N, (2022, 16000), [], N, "저층주거지 활성화(1.6만호)"),
    ("balance.additional-housing-existing-sites", 4, "호", N, (2022, 25000), [], N, "기존 부지활용(2.5만호)"),
    ("balance.public-rental-housing", 4, "호", N, (2022, 120000), [], N, "공공임대주택(6만호 → 12만호)"),
    ("balance.public-support-housing", 4, "호", N, (2022, 120000), [], N, "공공지원주택(2만호 → 12만호)"),
    ("balance.additional-public-housing", 4, "호", N, (2022, 80000), [], N, "공공주택 8만호 추가 공급"),
    ("balance.youth-monthly-rent-amount", 4, "만원", N, (2020, 20), [], N, "청년월세(월 20만원)"),
    ("balance.newlywed-housing-support", 4, "호", N, (2020, 25000), [], N, "연간 25.000호 주거지원"),
    ("balance.housing-performance-zones", 1, "개", (2019, 98), (2020, 118), [], N, "98개('19년) → 118개('20년)"),
    (
        "balance.urban-regen-new-deal-areas",
        1,
        "곳",
        (2019, 10),
        (2020, 25),
        [(2018, 7)],
        N,
        "7곳(18년) → 10곳(19년) → 25곳(20년)",
    ),
    (
        "balance.urban-regen-new-deal-national-funds",
        1,
        "억원",
        (2019, 1150),
        (2020, 2500),
        [(2018, 600)],
        N,
        "국비2,500억원 목표",
    ),
    # -- pillar 5 democracy: strategies 1–8 --
    ("democracy.solo-women-safe-home-kits", 1, "가구", (2019, 327), (2020, 500), [], N, "327가구('19) → 500가구('20)"),
    ("democracy.support-companion-staff", 1, "명", N, (2020, 3), [], N, "'찾아가는 지지동반자' 운영(3명)"),
    ("democracy.gender-pay-info-entrusted-institutions", 1, "개 기관", N, (2020, 20), [], N, "(20개 기과)"),
    ("democracy.safe-return-scouts", 1, "명", (2019, 450), (2020, 500), [], {"change": 50}, "50명 증원(450→500명)"),
    ("democracy.youth-spaces", 2, "개소", (2019, 12), (2020, 18), [], N, "12개소('19년)→18개소('20년)"),
    ("democracy.youth-policy-network-participants", 2, "명", N, (2020, 1000), [], N, "참여자(1,000명)"),
    (
        "democracy.youth-allowance-recipients",
        2,
        "명",
        (2019, 5000),
        (2020, 30000),
        [],
        N,
        "3만명 (※ '19년 지원 : 5천명)",
    ),
    ("democracy.demolition-rights-watch-operations", 2, "회", N, (2019, 228), [], N, "운영실적 : 228회"),
    ("democracy.village-hub-project-funding", 3, "개소", N, (2020, 24), [], N, "사업비 지원(24개소)"),
    ("democracy.participatory-budget-metropolitan", 3, "억원", N, (2020, 400), [], N, "400억원 내외"),
    ("democracy.public-forum-opening-threshold", 3, "명", (2019, 500), (2020, 100), [], N, "(500명 공감→100명 공감)"),
    ("democracy.village-hub-workshops", 3, "개소", N, (2020, 6), [], N, "공감워크숍 운영(6개소)"),
    ("democracy.youth-regional-jobs", 4, "명", N, (2020, 700), [], N, "(700여명)"),
    ("democracy.policy-training-fields", 4, "개 분야", N, (2020, 12), [], N, "12개 분야 180여개"),
    ("democracy.policy-training-participants", 4, "명", N, (2020, 7500), [], N, "혁신현장 소개(7,500명)"),
    ("democracy.peace-social-dialogue-regions", 5, "개 권역", (2019, 4), (2020, 12), [], N, "(4개 권역→12개 권역)"),
    ("democracy.peace-family-camp-participants", 5, "명", (2019, 200), (2020, 1000), [], N, "가족캠프(2백명→1천명)"),
    ("democracy.phone-service-inspections", 6, "회", N, (2020, 3), [], N, "전화 상·하반기 3회실시"),
    ("democracy.foreign-language-websites", 6, "개", N, (2020, 6), [], N, "외국어 홈페이지(6개)"),
    ("democracy.foreign-language-sns", 6, "개", N, (2020, 10), [], N, "SNS(10개)"),
    ("democracy.visiting-city-hall-field-visits", 6, "회/주", N, (2020, 3), [], N, "집중 방문(주 3회)"),
    (
        "democracy.integrity-grade",
        7,
        "등급",
        (2018, 4),
        (2019, 3),
        [],
        {"change": -1},
        "한 단계 상승 성과 거둠(4→3등급)",
    ),
    ("democracy.special-police-partner-offices", 7, "개 실국본부", N, (2020, 15), [], N, "15개 실국본부"),
    ("democracy.special-police-partner-departments", 7, "개 부서", N, (2020, 39), [], N, "39개 부서"),
    ("democracy.city-tax-revenue-target", 8, "억원", N, (2020, 195524), [], N, "(19조 5,524억원)"),
    ("democracy.wage-seizure-threshold-statutory", 8, "만원", N, (2020, 185), [], N, "월 185만원"),
    ("democracy.wage-seizure-threshold-seoul", 8, "만원", N, (2020, 220), [], N, "월 220만원"),
    ("democracy.seoul-living-wage-monthly", 8, "원", N, (2020, 2199307), [], N, "월급기준 : 2,199,307원"),
    # -- section IV covid --
    ("covid.test-turnaround-hours", 1, "시간", (2019, 24), (2020, 6), [], N, "2단계 24시간 → 1단계 6시간"),
    ("covid.screening-clinics", 1, "개소", N, (2020, 56), [], N, "선별진료소 56개소"),
    ("covid.screening-clinics-emergency-medical-institutions", 1, "개소", N, (2020, 28), [], N, "응급의료기관 28"),
    ("covid.screening-clinics-municipal-hospitals", 1, "개소", N, (2020, 2), [], N, "시립병원 2)"),
    ("covid.quarantine-first-admissions-chinese-tourists", 1, "명", N, (2020, 7), [], N, "(중국 관광객 7."),
    ("covid.seoul-love-voucher-cashback-lower", 2, "%", N, (2020, 2), [], N, "캐시백(2~5%)"),
    ("covid.damage-survey-companies", 2, "개 기업", N, (2020, 1000), [], N, "1,000개 기업"),
    ("covid.early-execution-budget-amount", 2, "억원", N, (2020, 219043), [], N, "21조 9,043억원"),
    ("covid.early-execution-budget-share", 2, "%", N, (2020, 62.5), [], N, "재정의 62.5%인"),
    ("covid.market-delivery-participating-markets", 2, "개소", (2019, 29), (2020, 35), [], N, "(참여 시장 29→ 35개소"),
]


@pytest.fixture(scope="module")
def kpis():
    return {k["id"]: k for k in dataset.load().doc["kpis"]}


@pytest.mark.parametrize(
    "kid, strategy, unit, baseline, target, milestones, stated, printed", FIGURES, ids=[f[0] for f in FIGURES]
)
def test_figure_as_the_plan_prints_it(kpis, kid, strategy, unit, baseline, target, milestones, stated, printed):
    k = kpis[kid]
    assert k["strategy"] == strategy and k["unit"] == unit
    end = k.get("target") or k["actual"]  # an achievement reports an actual, with no target
    assert (end["year"], end["value"]) == target
    assert ((k["baseline"]["year"], k["baseline"]["value"]) if "baseline" in k else None) == baseline
    assert sorted((m["year"], m["value"]) for m in k.get("milestones", [])) == sorted(milestones)
    assert k.get("stated") == stated
    assert printed in k["source"], "the record's excerpt must show the figure as the plan prints it"


@pytest.mark.parametrize(
    "pillar, strategies, minimum",
    [
        ("future", 7, 25),
        ("safety", 8, 25),
        ("welfare", 4, 25),
        ("balance", 4, 25),
        ("democracy", 8, 25),
        ("covid", 2, 8),
    ],
)
def test_checked_figures_span_every_strategy(pillar, strategies, minimum):
    rows = [f for f in FIGURES if f[0].startswith(pillar + ".")]
    assert len(rows) >= minimum
    assert {f[1] for f in rows} == set(range(1, strategies + 1))


def test_plan_inconsistencies_are_recorded_as_printed(kpis):
    """Where the plan contradicts itself the dataset keeps its words and says so in a note."""
    rate = kpis["future.youth-unemployment-rate"]
    assert rate["stated"] == {"change": -1} and "1.1 pp" in rate["note"]
    trees = kpis["safety.trees-planted-2020"]
    assert trees["target"]["value"] == 400_000_000 and "400백만" in trees["source"] and trees.get("note")
