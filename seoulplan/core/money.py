"""Korean money: its units, exact rounding, and reading what people type (SPEC §4).

Amounts are exact ``Decimal`` numbers of 원 (won); the myriad units 조 = 10^12,
억 = 10^8 and 만 = 10^4 group them. Parsing accepts what people type — ``39조 5,359억``,
``39조5359억원``, ``11억 3천만원``, ``1.5만``, ``3천5백``, ``395,359억`` — and ``+ - * /``
with brackets; :mod:`seoulplan.presentation.formatting` writes amounts back the
plan's way, and the two round-trip.

>>> parse_money("11억 3천만원")
Decimal('1130000000')
>>> round_half_up(Decimal("10.55"))
Decimal('10.6')

This module must stay cheap to import: ``seoulplan money`` and ``--help`` use it
without pandas.
"""

from __future__ import annotations

import re
import unicodedata
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation, localcontext
from typing import NoReturn

from seoulplan.core.escaping import shortened
from seoulplan.core.i18n import _
from seoulplan.core.numeric import NumberError, ascii_digits, exact
from seoulplan.errors import MoneyParseError, UsageError

MAN = 10**4
EOK = 10**8
JO = 10**12

#: Money units a dataset may use, in 원.
UNIT_WON = {"원": 1, "만원": MAN, "백만원": 10**6, "억원": EOK, "조원": JO}
#: Units ``--to``/``--unit`` accept (with or without the trailing 원), in 원: the myriad units,
#: and the thousands Korean financial tables also head columns with (단위: 십억원, 천원) — the
#: ones English writes as billion and thousand.
TARGET_UNITS = {"조": JO, "십억": 10**9, "억": EOK, "백만": 10**6, "만": MAN, "천": 1000, "원": 1}
#: The English names ``--to``/``--unit`` accept (any case; a ``KRW`` before or ``won`` after
#: them is dropped), and the unit each means: the words the English output writes
#: (``KRW 480 billion``, ``KRW 100 million``, ``hundred million``) and the abbreviations
#: financial writing uses (tn, bn, mn, m, k).
UNIT_NAMES_EN = {
    "trillion": "조",
    "tn": "조",
    "billion": "십억",
    "bn": "십억",
    "100 million": "억",
    "hundred million": "억",
    "million": "백만",
    "mn": "백만",
    "m": "백만",
    "10,000": "만",
    "ten thousand": "만",
    "thousand": "천",
    "k": "천",
    "won": "원",
    "krw": "원",
}
#: What the unit message lists: one spelling of each unit.
UNITS_LISTED = "auto, 조, 십억, 억, 백만, 만, 천, 원, trillion, billion, 100 million, million, thousand, won"
BIG_UNITS = {"조": JO, "억": EOK, "만": MAN}
SMALL_UNITS = {"천": 1000, "백": 100, "십": 10}
#: A token of an expression: its kind (``num``, ``unit``, ``won``, ``op``…), its text, its column.
Token = tuple[str, str, int]


#: Decimal precision for money: a 30-digit amount times a 30-digit number is exact. The
#: default context's 28 digits would round 123456789012345678901234567891원 silently.
PRECISION = 100


def plain(value: Decimal) -> Decimal:
    """Drop trailing zeros without switching to exponent notation (1E+3 -> 1000)."""
    with localcontext() as ctx:
        ctx.prec = PRECISION
        value = value.normalize()
        return value.quantize(Decimal(1)) if value == value.to_integral_value() else value


def round_half_up(value: int | float | Decimal, places: int = 1) -> Decimal:
    """Round as the plan does: half up, away from zero (10.55 -> 10.6, -1.05 -> -1.1).

    A float is first read as the shortest decimal that gives it back (``repr``): the
    nearest double to an exact 10.55 prints as ``10.55`` and so rounds up, as it must.

    >>> round_half_up(Decimal("10.55"))
    Decimal('10.6')
    >>> round_half_up(Decimal("-1.05"))
    Decimal('-1.1')
    >>> round_half_up(10.55), round_half_up(0.125, 2)
    (Decimal('10.6'), Decimal('0.13'))
    """
    with localcontext() as ctx:
        ctx.prec = PRECISION
        return exact(value).quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


def normalise_unit(unit: str) -> str:
    """Accept ``억``, ``억원``, ``100 million``, ``KRW billion``, ``bn``, ``auto`` …; return
    ``auto`` or one of 조/십억/억/백만/만/천/원.

    >>> normalise_unit("억원"), normalise_unit("trillion"), normalise_unit("million")
    ('억', '조', '백만')
    >>> normalise_unit("Billion"), normalise_unit("KRW bn"), normalise_unit("thousand won"), normalise_unit("천원")
    ('십억', '십억', '천', '천')
    """
    u = " ".join(unit.split())
    if u.lower() == "auto":
        return "auto"
    english = u.lower()
    if english not in UNIT_NAMES_EN:
        english = re.sub(r"^krw\s+|\s+(won|krw)$", "", english)
    u = UNIT_NAMES_EN.get(english, u)
    if u.endswith("원") and u != "원":
        u = u[:-1]
    if u not in TARGET_UNITS:
        raise UsageError(_("unknown unit {unit!r}; expected {choices}").format(unit=unit, choices=UNITS_LISTED))
    return u


# -- parsing -----------------------------------------------------------------------

_TOKEN = re.compile(
    r"\s*(?:(?P<num>[0-9][0-9,]*(?:\.[0-9]+)?|\.[0-9]+)|(?P<unit>[조억만천백십])|(?P<won>원|KRW|krw|₩)"
    r"|(?P<op>[-+*/×÷()△xX]))"
)
#: ``0x10`` would read as 0 × 10: a hexadecimal number is refused, not multiplied.
_HEXADECIMAL = re.compile(r"0+[xX][0-9a-fA-F]")


MAX_DIGITS = 30  # per number; with the context below, sums and products stay exact
MAX_MAGNITUDE = Decimal(10) ** 40
MAX_NESTING = 50  # brackets within brackets: deeper is not a sum anyone types


def _quoted(text: str) -> str:
    """The expression as a message quotes it: a long one cut, so the message stays a line."""
    return repr(shortened(text))


def _unreadable(text: object, why: str) -> str:
    return _("cannot read {expression} as an amount: {why}").format(expression=_quoted(text), why=why)  # type: ignore[arg-type]


def _unexpected(char: str, column: int) -> str:
    return _(
        "unexpected {token!r} at character {column} (expected digits, 조/억/만/천/백/십, 원, or + - * / ( ))"
    ).format(token=char, column=column)


def _tokens(text: str) -> list[Token]:
    pos, out = 0, []
    text = text.rstrip()
    while pos < len(text):
        m = _TOKEN.match(text, pos)
        if not m:
            col = len(text) - len(text[pos:].lstrip()) + 1
            raise MoneyParseError(_unreadable(text, _unexpected(text[col - 1], col)))
        kind = m.lastgroup or ""
        if kind == "num" and _HEXADECIMAL.match(text, m.start(kind)):
            column = m.start(kind) + 1
            raise MoneyParseError(
                _unreadable(
                    text,
                    _(
                        "{number!r} at character {column} is a hexadecimal number; write the amount in digits 0-9"
                    ).format(number=shortened(text[m.start(kind) :].split()[0], 12), column=column),
                )
            )
        out.append((kind, m.group(kind), m.start(kind) + 1))
        pos = m.end()
    return out


def _read_number(tok: str, text: str, col: int) -> Decimal:
    whole = tok.split(".")[0]
    if "," in whole and not re.fullmatch(r"[0-9]{1,3}(,[0-9]{3})+", whole):
        raise MoneyParseError(
            _unreadable(
                text,
                _("badly grouped number {number!r} at character {column}").format(number=shortened(tok), column=col),
            )
        )
    if len(tok) - tok.count(",") - tok.count(".") > MAX_DIGITS:  # a token is digits, commas and a point
        raise MoneyParseError(_unreadable(text, _("number too long at character {column}").format(column=col)))
    return Decimal(tok.replace(",", ""))


class _Parser:
    """Recursive descent over ``expr := term (+|- term)*; term := factor (*|/ factor)*``."""

    def __init__(self, text: str):
        self.text = text
        self.toks = _tokens(text)
        self.i = 0
        self.divided = False
        self.depth = 0

    def peek(self) -> Token:
        """The next token; past the end, an empty one at the column after the text."""
        return self.toks[self.i] if self.i < len(self.toks) else ("", "", len(self.text) + 1)

    def fail(self, why: str) -> NoReturn:
        raise MoneyParseError(_unreadable(self.text, why))

    def checked(self, value: Decimal) -> Decimal:
        if abs(value) >= MAX_MAGNITUDE:
            self.fail(_("the amount is too large"))
        return value

    def expr(self) -> tuple[Decimal, bool]:
        value, money = self.term()
        while self.peek()[1] in ("+", "-"):
            op = self.toks[self.i][1]
            self.i += 1
            rhs, _ = self.term()
            value = self.checked(value + rhs if op == "+" else value - rhs)
            money = True
        return value, money

    def term(self) -> tuple[Decimal, bool]:
        value, money = self.factor()
        while self.peek()[1] in ("*", "/", "×", "÷", "x", "X"):
            op, col = self.toks[self.i][1], self.toks[self.i][2]
            self.i += 1
            rhs, rmoney = self.factor()
            if op in ("*", "×", "x", "X"):
                if money and rmoney:
                    self.fail(_("cannot multiply two amounts at character {column}").format(column=col))
                value, money = self.checked(value * rhs), money or rmoney
            else:
                if rhs == 0:
                    self.fail(_("division by zero at character {column}").format(column=col))
                value, money = self.checked(value / rhs), money and not rmoney
                self.divided = True
        return value, money

    def factor(self) -> tuple[Decimal, bool]:
        negative = False
        kind, tok, col = self.peek()
        while tok in ("-", "△", "+"):  # signs in a loop, not a call each: 1,000 of them are no deeper
            negative ^= tok != "+"
            self.i += 1
            kind, tok, col = self.peek()
        if tok == "(":
            self.depth += 1
            if self.depth > MAX_NESTING:
                self.fail(
                    _("brackets nested more than {depth} deep at character {column}").format(
                        depth=MAX_NESTING, column=col
                    )
                )
            self.i += 1
            value, money = self.expr()
            if self.peek()[1] != ")":
                self.fail(_("missing ')' at character {column}").format(column=self.peek()[2]))
            self.i += 1
            self.depth -= 1
        elif kind in ("num", "unit", "won"):
            value, money = self.amount()
        else:
            if tok:
                self.fail(_("expected an amount, found {token!r} at character {column}").format(token=tok, column=col))
            self.fail(_("expected an amount at the end"))
        return (-value if negative else value), money

    def amount(self) -> tuple[Decimal, bool]:
        """One amount: ``39조 5,359억원``, ``3천5백``, ``1.5만``, ``만원``. Returns (won, has_unit)."""
        total, group, number = Decimal(0), Decimal(0), None
        last_big, last_small, has_unit, seen = None, None, False, False
        start = self.peek()[2]
        while True:
            kind, tok, col = self.peek()
            if kind == "num":
                if number is not None:
                    self.fail(_("two numbers in a row at character {column}").format(column=col))
                number = _read_number(tok, self.text, col)
                seen = True
            elif kind == "unit" and tok in SMALL_UNITS:
                if last_small is not None and SMALL_UNITS[tok] >= last_small:
                    self.fail(
                        _("{unit} cannot follow a smaller or equal unit at character {column}").format(
                            unit=tok, column=col
                        )
                    )
                group += (1 if number is None else number) * SMALL_UNITS[tok]
                last_small, number, has_unit, seen = SMALL_UNITS[tok], None, True, True
            elif kind == "unit":
                if last_big is not None and BIG_UNITS[tok] >= last_big:
                    self.fail(
                        _(
                            "{unit} cannot follow a smaller or equal unit at character {column} "
                            "(units must descend: 조, 억, 만)"
                        ).format(unit=tok, column=col)
                    )
                group += number if number is not None else (0 if last_small else 1)
                total += group * BIG_UNITS[tok]
                last_big, last_small, group, number, has_unit, seen = BIG_UNITS[tok], None, Decimal(0), None, True, True
            elif kind == "won":
                if not seen:
                    self.fail(_("{unit} with no amount at character {column}").format(unit=tok, column=col))
                self.i += 1
                has_unit = True
                break
            else:
                break
            self.i += 1
        total = self.checked(total + group + (number if number is not None else 0))
        if self.i < len(self.toks) and self.peek()[0] in ("num", "unit"):
            self.fail(
                _("expected an operator (+ - * /) after the amount at character {column}, found {token!r}").format(
                    column=start, token=self.peek()[1]
                )
            )
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


def _refuse_lookalikes(text: str) -> None:
    """Full-width forms (１２３, ＋) and the ideographic space read as their ASCII selves;
    other characters that Unicode folds into digits or signs (², ①, ₃, ﹣) are refused,
    since ``1²`` is not 12 and ``①`` is not an amount."""
    if text.isascii():
        return
    for position, char in enumerate(text, 1):
        if char.isascii() or "\uff01" <= char <= "\uff5e" or char in "\u3000\u2212":
            continue
        if unicodedata.normalize("NFKC", char) != char:
            raise MoneyParseError(_unreadable(text, _unexpected(char, position)))


def parse_expression(text: str) -> tuple[Decimal, str]:
    """Like :func:`parse_money`, also saying what the result is: ``amount`` (of 원),
    ``ratio`` (a quotient that is not an amount: ``3조 7,943억 / 35조 7,416억``) or
    ``number`` (a plain number: ``5000``).

    An amount that a division leaves with fractions of a 원 is rounded half up to 1/100 원;
    a ratio keeps 12 decimals, enough to check any rate the plan states.

    >>> parse_expression("3조 7,943억 / 35조 7,416억")
    (Decimal('0.106159209437'), 'ratio')
    >>> parse_expression("10억 / 3"), parse_expression("2 x 3억")
    ((Decimal('333333333.33'), 'amount'), (Decimal('600000000'), 'amount'))
    """
    if not isinstance(text, str):
        raise MoneyParseError(_unreadable(text, _("not text")))
    try:
        text = ascii_digits(text)
    except NumberError as e:
        raise MoneyParseError(_unreadable(text, str(e))) from None
    _refuse_lookalikes(text)
    text = unicodedata.normalize("NFKC", text).replace("\u2212", "-").strip()
    if not text:
        raise MoneyParseError(_("cannot read an empty expression as an amount"))
    parser = _Parser(text)
    with localcontext() as ctx:
        ctx.prec = 100  # exact for + - * of MAX_DIGITS-digit numbers below MAX_MAGNITUDE
        try:
            value, money = parser.expr()
        except (InvalidOperation, OverflowError) as e:
            raise MoneyParseError(_unreadable(text, e.__class__.__name__)) from None
        if parser.i != len(parser.toks):
            kind, tok, col = parser.peek()
            parser.fail(_("unexpected {token!r} at character {column}").format(token=tok, column=col))
        kind = "amount" if money else "ratio" if parser.divided else "number"
        places = 2 if money else 12
        exponent = value.as_tuple().exponent
        if parser.divided and isinstance(exponent, int) and exponent < -places:
            value = round_half_up(value, places)  # not 100 digits
        return plain(value), kind
