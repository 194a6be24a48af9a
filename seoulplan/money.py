"""Korean money and percentages: format and parse amounts in 조/억/만/원 (SPEC §4).

Amounts are handled as exact ``Decimal`` numbers of 원 (won). The myriad grouping
(조 = 10^12, 억 = 10^8, 만 = 10^4) is ours; babel supplies the locale's digit grouping
and decimal sign, and the compact English form for ``en_US``.

>>> format_won(395359 * EOK)
'39조 5,359억원'
>>> format_won(-37943 * EOK, style="gov")
'△3조 7,943억원'
>>> parse_money("11억 3천만원")
Decimal('1130000000')
>>> format_pct(Decimal("10.55"))
'10.6%'

This module must stay cheap to import: ``seoulplan money`` and ``--help`` use it
without pandas.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation, localcontext

from seoulplan.errors import MoneyParseError, UsageError

MAN = 10**4
EOK = 10**8
JO = 10**12

#: Money units a dataset may use, in 원.
UNIT_WON = {"원": 1, "만원": MAN, "백만원": 10**6, "억원": EOK, "조원": JO}
#: Units ``--to``/``--unit`` accept (with or without the trailing 원), in 원.
TARGET_UNITS = {"조": JO, "억": EOK, "만": MAN, "원": 1}
BIG_UNITS = {"조": JO, "억": EOK, "만": MAN}
SMALL_UNITS = {"천": 1000, "백": 100, "십": 10}
LOCALES = ("ko_KR", "en_US")
STYLES = ("plain", "gov")
DASH = "—"  # shown where a measure has no value (a zero or missing base)


#: babel's CLDR (group, decimal, percent) symbols for the locales seoulplan speaks, written
#: out here because loading babel's locale data costs ~50 ms at every start; a test checks
#: them against babel.
SYMBOLS = {"ko_KR": (",", ".", "%"), "en_US": (",", ".", "%")}


@functools.lru_cache(maxsize=None)
def _symbols(locale: str) -> tuple[str, str, str]:
    """The locale's (group, decimal, percent) symbols (CLDR, via babel)."""
    if locale in SYMBOLS:
        return SYMBOLS[locale]
    from babel.numbers import get_decimal_symbol, get_group_symbol
    from babel.core import Locale

    percent = Locale.parse(locale).number_symbols["latn"]["percentSign"]
    return get_group_symbol(locale), get_decimal_symbol(locale), percent


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

    Formatting itself is Python's (exact for Decimal, a thousand times faster than a
    babel pattern per cell); babel supplies the symbols.
    """
    return _grouped(f"{round_half_up(value, places):,.{places}f}", locale)


def _sign(negative: bool, style: str) -> str:
    if style not in STYLES:
        raise UsageError(f"unknown style {style!r}; expected one of {', '.join(STYLES)}")
    if not negative:
        return ""
    return "△" if style == "gov" else "-"


def _plain(value: Decimal) -> Decimal:
    """Drop trailing zeros without switching to exponent notation (1E+3 -> 1000)."""
    value = value.normalize()
    return value.quantize(Decimal(1)) if value == value.to_integral_value() else value


def _to_decimal(value) -> Decimal:
    """A float is read as the decimal it was written as (3.7, not 3.70000000000000017…)."""
    return Decimal(str(value)) if isinstance(value, float) else Decimal(value)


def normalise_unit(unit: str) -> str:
    """Accept ``억``, ``억원``, ``auto`` …; return ``auto`` or one of 조/억/만/원."""
    u = unit.strip()
    if u == "auto":
        return u
    if u.endswith("원") and u != "원":
        u = u[:-1]
    if u not in TARGET_UNITS:
        raise UsageError(f"unknown unit {unit!r}; expected auto, 조, 억, 만 or 원")
    return u


def format_won(amount, to: str = "auto", style: str = "plain", locale: str = "ko_KR") -> str:
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
    >>> format_won(395359 * EOK, locale="en_US")
    'KRW 39.5 trillion'
    """
    if locale not in LOCALES:
        raise UsageError(f"unknown locale {locale!r}; expected one of {', '.join(LOCALES)}")
    amount = _to_decimal(amount)
    if not amount.is_finite():
        raise ValueError(f"not a finite amount: {amount}")
    to = normalise_unit(to)
    sign = _sign(amount < 0, style)
    amount = abs(amount)
    if to != "auto":
        return f"{sign}{_number(_plain(amount / TARGET_UNITS[to]), locale)}{to if to != '원' else ''}원"
    if locale == "en_US":
        from babel.numbers import format_compact_decimal

        words = format_compact_decimal(amount, format_type="long", locale=locale, fraction_digits=1)
        return f"KRW {sign}{words}"
    if amount != amount.to_integral_value() or (amount < EOK and amount % MAN):
        return f"{sign}{_number(_plain(amount), locale)}원"
    whole = int(amount)
    if whole == 0:
        return "0원"
    jo, rest = divmod(whole, JO)
    eok, rest = divmod(rest, EOK)
    man, won = divmod(rest, MAN)
    groups = [(jo, "조"), (eok, "억"), (man, "만"), (won, "")]
    text = " ".join(f"{_number(Decimal(n), locale)}{u}" for n, u in groups if n)
    return f"{sign}{text}원"


def format_amount(value, unit: str, to: str = "auto", style: str = "plain", locale: str = "ko_KR") -> str:
    """Format ``value`` given in a dataset money ``unit`` (e.g. 억원).

    >>> format_amount(395359, "억원")
    '39조 5,359억원'
    >>> format_amount(3.7, "억원")
    '3억 7,000만원'
    """
    if unit not in UNIT_WON:
        raise ValueError(f"not a money unit: {unit!r}")
    return format_won(_to_decimal(value) * UNIT_WON[unit], to=to, style=style, locale=locale)


def round_half_up(value, places: int = 1) -> Decimal:
    """Round as the plan does: half up, away from zero (10.55 -> 10.6, -1.05 -> -1.1).

    >>> round_half_up(Decimal("10.55"))
    Decimal('10.6')
    >>> round_half_up(Decimal("-1.05"))
    Decimal('-1.1')
    """
    return _to_decimal(value).quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


def format_number(value, places: int | None = None, locale: str = "ko_KR") -> str:
    """Group a plain number; ``places`` rounds half up first. None gives the dash.

    >>> format_number(13098)
    '13,098'
    >>> format_number(605.24), format_number(8.0), format_number(Decimal("1E+3"))
    ('605.24', '8.0', '1,000')
    """
    if value is None:
        return DASH
    value = _to_decimal(value)
    if places is not None:
        value = round_half_up(value, places)
    # 8.0 keeps the decimal it was written with; 1E+3 is written 1000
    return _fixed(value, max(0, -value.as_tuple().exponent), locale)


def format_pct(value, places: int = 1, locale: str = "ko_KR", style: str = "plain") -> str:
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
    value = round_half_up(_to_decimal(value), places)
    return f"{_sign(value < 0, style)}{_fixed(abs(value), places, locale)}{_symbols(locale)[2]}"


def format_pp(value, places: int = 1, locale: str = "ko_KR", style: str = "plain") -> str:
    """A change between two percentages, in percentage points.

    >>> format_pp(Decimal("7.7") - Decimal("8.8"))
    '-1.1%p'
    """
    if value is None:
        return DASH
    return format_pct(value, places, locale, style) + "p"


# -- parsing -----------------------------------------------------------------------

_TOKEN = re.compile(
    r"\s*(?:(?P<num>\d[\d,]*(?:\.\d+)?|\.\d+)|(?P<unit>[조억만천백십])|(?P<won>원|KRW|krw|₩)"
    r"|(?P<op>[-+*/×÷()△]))"
)


MAX_DIGITS = 30  # per number; with the context below, sums and products stay exact
MAX_MAGNITUDE = Decimal(10) ** 40


def _tokens(text: str):
    pos, out = 0, []
    text = text.rstrip()
    while pos < len(text):
        m = _TOKEN.match(text, pos)
        if not m:
            col = len(text) - len(text[pos:].lstrip()) + 1
            raise MoneyParseError(
                f"cannot read {text!r} as an amount: unexpected {text[col - 1]!r} at character {col}"
                " (expected digits, 조/억/만/천/백/십, 원, or + - * / ( ))"
            )
        kind = m.lastgroup
        out.append((kind, m.group(kind), m.start(kind) + 1))
        pos = m.end()
    return out


def _read_number(tok: str, text: str, col: int) -> Decimal:
    whole = tok.split(".")[0]
    if "," in whole and not re.fullmatch(r"\d{1,3}(,\d{3})+", whole):
        raise MoneyParseError(f"cannot read {text!r} as an amount: badly grouped number {tok!r} at character {col}")
    if sum(c.isdigit() for c in tok) > MAX_DIGITS:
        raise MoneyParseError(f"cannot read {text!r} as an amount: number too long at character {col}")
    return Decimal(tok.replace(",", ""))


class _Parser:
    """Recursive descent over ``expr := term (+|- term)*; term := factor (*|/ factor)*``."""

    def __init__(self, text: str):
        self.text = text
        self.toks = _tokens(text)
        self.i = 0
        self.divided = False

    def peek(self):
        return self.toks[self.i] if self.i < len(self.toks) else (None, None, len(self.text) + 1)

    def fail(self, why: str):
        raise MoneyParseError(f"cannot read {self.text!r} as an amount: {why}")

    def checked(self, value: Decimal) -> Decimal:
        if abs(value) >= MAX_MAGNITUDE:
            self.fail("the amount is too large")
        return value

    def expr(self):
        value, money = self.term()
        while self.peek()[1] in ("+", "-"):
            op = self.toks[self.i][1]
            self.i += 1
            rhs, _ = self.term()
            value = self.checked(value + rhs if op == "+" else value - rhs)
            money = True
        return value, money

    def term(self):
        value, money = self.factor()
        while self.peek()[1] in ("*", "/", "×", "÷"):
            op, col = self.toks[self.i][1], self.toks[self.i][2]
            self.i += 1
            rhs, rmoney = self.factor()
            if op in ("*", "×"):
                if money and rmoney:
                    self.fail(f"cannot multiply two amounts at character {col}")
                value, money = self.checked(value * rhs), money or rmoney
            else:
                if rhs == 0:
                    self.fail(f"division by zero at character {col}")
                value, money = self.checked(value / rhs), money and not rmoney
                self.divided = True
        return value, money

    def factor(self):
        kind, tok, col = self.peek()
        if tok in ("-", "△"):
            self.i += 1
            value, money = self.factor()
            return -value, money
        if tok == "+":
            self.i += 1
            return self.factor()
        if tok == "(":
            self.i += 1
            value, money = self.expr()
            if self.peek()[1] != ")":
                self.fail(f"missing ')' at character {self.peek()[2]}")
            self.i += 1
            return value, money
        if kind in ("num", "unit", "won"):
            return self.amount()
        self.fail("expected an amount" + (f", found {tok!r} at character {col}" if tok else " at the end"))

    def amount(self):
        """One amount: ``39조 5,359억원``, ``3천5백``, ``1.5만``, ``만원``. Returns (won, has_unit)."""
        total, group, number = Decimal(0), Decimal(0), None
        last_big, last_small, has_unit, seen = None, None, False, False
        start = self.peek()[2]
        while True:
            kind, tok, col = self.peek()
            if kind == "num":
                if number is not None:
                    self.fail(f"two numbers in a row at character {col}")
                number = _read_number(tok, self.text, col)
                seen = True
            elif kind == "unit" and tok in SMALL_UNITS:
                if last_small is not None and SMALL_UNITS[tok] >= last_small:
                    self.fail(f"{tok} cannot follow a smaller or equal unit at character {col}")
                group += (1 if number is None else number) * SMALL_UNITS[tok]
                last_small, number, has_unit, seen = SMALL_UNITS[tok], None, True, True
            elif kind == "unit":
                if last_big is not None and BIG_UNITS[tok] >= last_big:
                    self.fail(f"{tok} cannot follow a smaller or equal unit at character {col} (units must descend: 조, 억, 만)")
                group += number if number is not None else (0 if last_small else 1)
                total += group * BIG_UNITS[tok]
                last_big, last_small, group, number, has_unit, seen = BIG_UNITS[tok], None, Decimal(0), None, True, True
            elif kind == "won":
                if not seen:
                    self.fail(f"{tok} with no amount at character {col}")
                self.i += 1
                has_unit = True
                break
            else:
                break
            self.i += 1
        total = self.checked(total + group + (number if number is not None else 0))
        if self.i < len(self.toks) and self.peek()[0] in ("num", "unit"):
            self.fail(f"expected an operator (+ - * /) after the amount at character {start}, found {self.peek()[1]!r}")
        return total, has_unit


def parse_money(text: str) -> Decimal:
    """Read what people type as an amount of 원; ``+ - * /`` and brackets combine amounts.

    >>> parse_money("39조 5,359억원")
    Decimal('39535900000000')
    >>> parse_money("395,359억") == parse_money("39조5359억원")
    True
    >>> parse_money("1.5만"), parse_money("3천5백")
    (Decimal('15000'), Decimal('3500'))
    >>> parse_money("39조 5,359억 - 35조 7,416억")
    Decimal('3794300000000')
    """
    value, _ = parse_expression(text)
    return value


def parse_expression(text: str) -> tuple[Decimal, bool]:
    """Like :func:`parse_money`, also saying whether the result is an amount (True) or a
    ratio of two amounts (False, e.g. ``39조 / 35조``)."""
    if not isinstance(text, str):
        raise MoneyParseError(f"cannot read {text!r} as an amount: not text")
    text = unicodedata.normalize("NFKC", text).replace("\u2212", "-").strip()
    if not text:
        raise MoneyParseError("cannot read an empty expression as an amount")
    parser = _Parser(text)
    with localcontext() as ctx:
        ctx.prec = 100  # exact for + - * of MAX_DIGITS-digit numbers below MAX_MAGNITUDE
        try:
            value, money = parser.expr()
        except (InvalidOperation, OverflowError) as e:
            raise MoneyParseError(f"cannot read {text!r} as an amount: {e.__class__.__name__}") from None
        if parser.i != len(parser.toks):
            kind, tok, col = parser.peek()
            parser.fail(f"unexpected {tok!r} at character {col}")
        if parser.divided and value.as_tuple().exponent < -2:
            value = round_half_up(value, 2)  # a quotient is shown to 1/100 원, not 100 digits
        return _plain(value), money
