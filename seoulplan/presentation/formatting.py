"""Korean numbers for people: amounts in 조/억/만/원, percentages and %p (SPEC §4).

The myriad grouping (조 = 10^12, 억 = 10^8, 만 = 10^4) is ours; the locale's digit grouping,
decimal sign and percent sign are CLDR's (:data:`SYMBOLS`). Reading amounts back is
:mod:`seoulplan.core.money`; the two round-trip.

In English (``en_US``) an amount on its own is written in KRW with the English scale that
fits (``KRW 39.5359 trillion``, ``KRW 480 billion``, ``KRW 84,180``), to full precision unless
``digits`` asks for the significant figures English financial writing keeps (``KRW 39.5
trillion``: :func:`significant`) — people's tables do, and say so under the table; the
``money`` calculator and machine formats keep every digit. A column of money states its
unit once, in its header (:func:`unit_label`: ``KRW 100 million``; the Korean catalogue's
``억원``), and its cells are bare numbers in that unit (:func:`format_in`: ``395,359``).

>>> format_won(395359 * EOK)
'39조 5,359억원'
>>> format_won(-37943 * EOK, style="gov")
'△3조 7,943억원'
>>> format_pct(Decimal("10.55"))
'10.6%'

Rates arrive here as the floats of a DataFrame column: each is the nearest double to
the exact rate, so reading it back by ``repr`` gives the exact decimal whenever the rate
has one, and half-up rounding is decided by the true value (see
:func:`seoulplan.core.calc.rate`). This module must stay cheap to import: ``seoulplan
money`` and ``--help`` use it without pandas.
"""

from __future__ import annotations

from decimal import Decimal, localcontext
from typing import TYPE_CHECKING

from seoulplan.core.i18n import N_, _, translations
from seoulplan.core.money import (
    EOK,
    JO,
    MAN,
    PRECISION,
    TARGET_UNITS,
    UNIT_WON,
    normalise_unit,
    plain,
    round_half_up,
)
from seoulplan.core.numeric import decimal_places, exact
from seoulplan.errors import UsageError
from seoulplan.presentation.choices import LOCALES, STYLES

if TYPE_CHECKING:
    from typing import Any

    #: What a cell of a frame holds, as pandas hands it over: an int, a float, a Decimal, or
    #: a missing value (None, NaN, <NA>); each function says which it shows and how.
    Number = Any

DASH = "—"  # shown where a measure has no value (a zero or missing base)

#: What a header, a title or an axis says figures are in, by the unit as the plan writes it
#: (SPEC §6): English messages, which the Korean catalogue writes as the plan does (억원).
UNIT_LABELS = {
    "조원": N_("KRW trillion"),
    "십억원": N_("KRW billion"),
    "억원": N_("KRW 100 million"),
    "백만원": N_("KRW million"),
    "만원": N_("KRW 10,000"),
    "천원": N_("KRW thousand"),
    "원": N_("KRW"),
    "명": N_("people"),
}
#: The word after an English amount written in a unit asked for (``KRW 395,359 hundred million``).
UNIT_WORDS_EN = {
    "조": "trillion",
    "십억": "billion",
    "억": "hundred million",
    "백만": "million",
    "만": "ten thousand",
    "천": "thousand",
    "원": "",
}
#: The scales an English amount is written in when no unit is asked for, largest first.
SCALES_EN = ((10**12, "trillion"), (10**9, "billion"), (10**6, "million"))


#: CLDR's (group, decimal, percent) symbols for the locales seoulplan speaks, written out
#: rather than read from babel at run time: the two locales share them; loading babel's
#: numbers and locale data costs ~0.8× what importing Click does, at every start (``money``
#: is held to 1.5× ``import click``), and its patterns ~40× Python's formatting per cell.
#: babel is a development dependency (pybabel); tests/test_money.py checks these against it.
SYMBOLS = {"ko_KR": (",", ".", "%"), "en_US": (",", ".", "%")}


def _symbols(locale: str) -> tuple[str, str, str]:
    """The locale's (group, decimal, percent) symbols."""
    try:
        return SYMBOLS[locale]
    except KeyError:
        raise UsageError(
            _("unknown locale {locale!r}; expected one of {choices}").format(locale=locale, choices=", ".join(LOCALES))
        ) from None


def _grouped(text: str, locale: str) -> str:
    """Swap Python's ',' and '.' for the locale's symbols (one pass, no collisions)."""
    group, decimal, _ = _symbols(locale)
    if (group, decimal) == (",", "."):
        return text
    return text.translate({ord(","): group, ord("."): decimal})


def _number(value: Decimal, locale: str) -> str:
    """Digits with the locale's grouping, every decimal kept (no rounding here)."""
    return _grouped(f"{value:,f}", locale)


def _fixed(value: Decimal, places: int, locale: str) -> str:
    """Digits with exactly ``places`` decimals (11.0, not 11), as the plan prints rates.

    Formatting itself is Python's (exact for Decimal, and ~40× faster than a babel pattern
    per cell); :data:`SYMBOLS` supplies the locale's signs.
    """
    return _grouped(f"{round_half_up(value, places):,.{places}f}", locale)


def _sign(negative: bool, style: str) -> str:
    if style not in STYLES:
        raise UsageError(
            _("unknown style {style!r}; expected one of {choices}").format(style=style, choices=", ".join(STYLES))
        )
    if not negative:
        return ""
    return "△" if style == "gov" else "-"


#: The significant figures English people's tables write money to (``KRW 39.5 trillion``).
PEOPLE_DIGITS = 3


def significant(value: Decimal, digits: int) -> Decimal:
    """``value`` rounded half up to ``digits`` significant figures, its whole units kept: the
    rounding English financial writing does (39.5359 → 39.5, 2.199307 → 2.2), which never
    turns 855.2 into 860 or 84,180 into 84,200 — a reader would take those for the figures.

    >>> significant(Decimal("39.5359"), 3), significant(Decimal("855.2"), 3), significant(Decimal("84180"), 3)
    (Decimal('39.5'), Decimal('855'), Decimal('84180'))
    >>> significant(Decimal("2.199307"), 3), significant(Decimal("-0.012345"), 3), significant(Decimal(0), 3)
    (Decimal('2.2'), Decimal('-0.0123'), Decimal('0'))
    """
    if not value:
        return value
    places = max(0, digits - 1 - value.adjusted())
    return plain(round_half_up(value, places))


def format_won(
    amount: Number, to: str = "auto", style: str = "plain", locale: str = "ko_KR", digits: int | None = None
) -> str:
    """Format an amount of 원 the way Korean public-finance documents do.

    ``to='auto'`` groups by 조/억/만 and drops empty groups; amounts under 1억 that are
    not whole 만원 are written out in 원 (``84,180원``). ``to`` = 조/억/만/원 writes the
    whole amount in that unit, with as many decimals as it needs.

    >>> format_won(30000 * EOK)
    '3조원'
    >>> format_won(10692 * EOK)
    '1조 692억원'
    >>> format_won(9358 * EOK)
    '9,358억원'
    >>> format_won(1130000000)
    '11억 3,000만원'
    >>> format_won(84180)
    '84,180원'
    >>> format_won(395359 * EOK, to="원")
    '39,535,900,000,000원'
    >>> format_won(395359 * EOK, to="조")
    '39.5359조원'
    >>> format_won(395359 * EOK, locale="en_US"), format_won(4800 * EOK, locale="en_US")
    ('KRW 39.5359 trillion', 'KRW 480 billion')
    >>> format_won(84180, locale="en_US"), format_won(395359 * EOK, to="억", locale="en_US")
    ('KRW 84,180', 'KRW 395,359 hundred million')
    >>> format_won(395359 * EOK, locale="en_US", digits=3), format_won(999_960_000_000, locale="en_US", digits=3)
    ('KRW 39.5 trillion', 'KRW 1 trillion')

    ``digits`` (English only: Korean is exact already) rounds to that many significant
    figures, whole units of the scale kept (:func:`significant`).
    """
    if locale not in LOCALES:
        raise UsageError(
            _("unknown locale {locale!r}; expected one of {choices}").format(locale=locale, choices=", ".join(LOCALES))
        )
    with localcontext() as ctx:
        ctx.prec = PRECISION  # an amount of 30 digits, divided by 10^12, loses none of them
        return _won(exact(amount), to, style, locale, digits)


def _won(amount: Decimal, to: str, style: str, locale: str, digits: int | None = None) -> str:
    if not amount.is_finite():
        raise ValueError(f"not a finite amount: {amount}")
    to = normalise_unit(to)
    sign = _sign(amount < 0, style)
    amount = abs(amount)
    if locale == "en_US":
        if to != "auto":
            scale, word = TARGET_UNITS[to], UNIT_WORDS_EN[to]
        else:
            if digits and amount >= SCALES_EN[-1][0]:  # before the scale: 999.96 billion is 1 trillion
                amount = round_half_up(amount.scaleb(digits - 1 - amount.adjusted()), 0).scaleb(
                    amount.adjusted() + 1 - digits
                )
            scale, word = next(((s, w) for s, w in SCALES_EN if amount >= s), (1, ""))
        shown = plain(amount / scale)
        if digits:
            shown = significant(shown, digits)
        return f"KRW {sign}{_number(shown, locale)}" + (f" {word}" if word else "")
    if to != "auto":
        return f"{sign}{_number(plain(amount / TARGET_UNITS[to]), locale)}{to if to != '원' else ''}원"
    if amount != amount.to_integral_value() or (amount < EOK and amount % MAN):
        return f"{sign}{_number(plain(amount), locale)}원"
    whole = int(amount)
    if whole == 0:
        return "0원"
    jo, rest = divmod(whole, JO)
    eok, rest = divmod(rest, EOK)
    man, won = divmod(rest, MAN)
    groups = [(jo, "조"), (eok, "억"), (man, "만"), (won, "")]
    text = " ".join(f"{_number(Decimal(n), locale)}{u}" for n, u in groups if n)
    return f"{sign}{text}원"


def format_amount(
    value: Number, unit: str, to: str = "auto", style: str = "plain", locale: str = "ko_KR", digits: int | None = None
) -> str:
    """Format ``value`` given in a dataset money ``unit`` (e.g. 억원).

    >>> format_amount(395359, "억원")
    '39조 5,359억원'
    >>> format_amount(3.7, "억원")
    '3억 7,000만원'
    """
    if unit not in UNIT_WON:
        raise ValueError(f"not a money unit: {unit!r}")
    return format_won(exact(value) * UNIT_WON[unit], to=to, style=style, locale=locale, digits=digits)


def unit_of(to: str, default: str) -> str:
    """The unit a column of money is shown in: ``to`` (as ``--unit`` gives it), or ``default``
    (조/억/백만/만/원) for ``auto``."""
    unit = normalise_unit(to)
    return default if unit == "auto" else unit


def unit_label(to: str, default: str, locale: str = "en_US") -> str:
    """What a header or a title says a column of money is in: ``KRW 100 million``, 억원.

    >>> unit_label("auto", "억"), unit_label("trillion", "억"), unit_label("원", "억"), unit_label("조", "억", "ko_KR")
    ('KRW 100 million', 'KRW trillion', 'KRW', '조원')
    """
    unit = unit_of(to, default)
    return named_unit(unit if unit == "원" else unit + "원", locale)


def named_unit(unit: str, locale: str) -> str:
    """A fixed unit (as the plan writes it: 억원, 명) as a heading names it in ``locale``; one
    :data:`UNIT_LABELS` lacks (%, m²) as it is.

    >>> named_unit("억원", "en_US"), named_unit("명", "en_US"), named_unit("명", "ko_KR"), named_unit("%", "en_US")
    ('KRW 100 million', 'people', '명', '%')
    """
    message = UNIT_LABELS.get(unit)
    return translations(locale).gettext(message) if message else unit


def format_in(
    value: Number,
    unit: str,
    to: str = "auto",
    default: str = "억",
    style: str = "plain",
    locale: str = "en_US",
    digits: int | None = None,
) -> str:
    """``value`` (in the dataset money ``unit``) as a bare number in the column's unit, every
    decimal kept: ``395,359`` for 395359 억원 in 억, ``39.5359`` in 조; or to ``digits``
    significant figures, whole units kept (:func:`significant`: ``39.5``, ``395,359``).

    >>> format_in(395359, "억원"), format_in(395359, "억원", to="trillion"), format_in(-12.5, "억원", style="gov")
    ('395,359', '39.5359', '△12.5')
    >>> format_in(395359, "억원", to="trillion", digits=3), format_in(395359, "억원", digits=3)
    ('39.5', '395,359')
    """
    with localcontext() as ctx:
        ctx.prec = PRECISION
        amount = exact(value) * UNIT_WON[unit]
        shown = plain(abs(amount) / TARGET_UNITS[unit_of(to, default)])
        if digits:
            shown = significant(shown, digits)
        return f"{_sign(amount < 0, style)}{_number(shown, locale)}"


def format_number(value: Number, places: int | None = None, locale: str = "ko_KR") -> str:
    """Group a plain number, with ``places`` decimals (rounded half up) or those it is written
    with (:func:`~seoulplan.core.numeric.decimal_places`).

    None gives the dash.

    >>> format_number(13098)
    '13,098'
    >>> format_number(605.24), format_number(8), format_number(8, 1), format_number(Decimal("1E+3"))
    ('605.24', '8', '8.0', '1,000')
    """
    if value is None:
        return DASH
    return _fixed(exact(value), decimal_places(value) if places is None else places, locale)


def format_pct(value: Number, places: int = 1, locale: str = "ko_KR", style: str = "plain") -> str:
    """A percentage, one decimal, half up. None (no base) gives the dash.

    >>> format_pct(Decimal("-36.68"))
    '-36.7%'
    >>> format_pct(None)
    '—'
    >>> format_pct(Decimal("11"))
    '11.0%'
    """
    if value is None:
        return DASH
    value = round_half_up(exact(value), places)
    return f"{_sign(value < 0, style)}{_fixed(abs(value), places, locale)}{_symbols(locale)[2]}"


def format_pp(value: Number, places: int = 1, locale: str = "ko_KR", style: str = "plain") -> str:
    """A change between two percentages, in percentage points: ``%p`` in Korean, ``pp`` in English.

    >>> format_pp(Decimal("7.7") - Decimal("8.8")), format_pp(Decimal("-1.1"), locale="en_US")
    ('-1.1%p', '-1.1 pp')
    """
    if value is None:
        return DASH
    if locale == "en_US":
        return format_pct(value, places, locale, style)[:-1] + " pp"
    return format_pct(value, places, locale, style) + "p"
