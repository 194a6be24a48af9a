"""The one rule for numbers read from text: datasets (YAML or JSON), actuals files, and the
numbers and dates of options and environment variables.

Digits are the ASCII ``0``-``9``; the full-width ``０``-``９`` a Korean input method types
are read as them; a digit of any other script is refused (:func:`ascii_digits`), because
Python's ``int()``, ``float()``, ``Decimal()`` and a pattern's ``\\d`` would all read the
Bengali ``৪`` — which looks like 8 — as 4. Every pattern here is written with ``[0-9]``.

A figure of the plan is written in plain decimal digits, with an optional sign, decimal
point and exponent (``395359``, ``-1.1``, ``8.8``, ``1e3``); it is finite, smaller than
``MAX_FIGURE`` in size, and has at most ``MAX_DECIMALS`` decimal places (the plan's
figures have at most 2). Anything else is refused with a message that says what was
wrong and what to write instead:

- YAML 1.1 oddities that would silently change a figure: ``0100`` (octal: 64),
  ``1:30`` (base 60: 90), ``0x1F``, ``1_000``;
- ``.nan``, ``.inf``, ``NaN``, ``Infinity``;
- a literal with more than ``MAX_DIGITS`` digits (which would cost Python seconds to
  convert), an exponent beyond ``MAX_EXPONENT``, a value of ``MAX_FIGURE`` or more, or more
  than ``MAX_DECIMALS`` decimals.

Reading costs time in proportion to the text, whatever the text: a literal longer than
``MAX_LITERAL`` characters is refused by its length before any pattern reads it, and no
pattern here can backtrack over its input more than once.

>>> read_number("395359"), read_number("-1.1"), read_number("1e3"), read_number("１２")
(395359, -1.1, 1000.0, 12)
>>> read_number("0100")
Traceback (most recent call last):
...
seoulplan.core.numeric.NumberError: 0100 has a leading zero (YAML reads it as octal, or as text); write 100
"""

from __future__ import annotations

import re
import unicodedata
from decimal import Decimal
from typing import TypeGuard

from seoulplan.core.escaping import shortened
from seoulplan.core.i18n import _

MAX_FIGURE = 10**15  # the plan's largest figure is 4×10^8; messages say "10^15"
FIGURE_DIGITS = len(str(MAX_FIGURE)) - 1  # a figure has at most this many digits before its point
MAX_DECIMALS = 6  # the plan's figures have at most 2
MAX_DIGITS = 30  # longer literals are refused before Python converts them
#: Characters in a number literal at most: 30 digits with a sign, a point and an exponent
#: fit many times over. Longer text is refused before any pattern reads it.
MAX_LITERAL = 100
#: An exponent beyond this is refused before ``Decimal`` sees it (past about 10^18 it
#: raises InvalidOperation). With at most MAX_DIGITS digits before it, its sign alone says
#: whether the figure is too large or too precise.
MAX_EXPONENT = 100

_DECIMAL = re.compile(r"[-+]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][-+]?[0-9]+)?")
_LEADING_ZERO = re.compile(r"[-+]?0[0-9]")
#: Literals that pass every check below by their shape alone: at most 15 integer digits
#: (less than 10^15), no leading zero, at most MAX_DECIMALS decimals. Most figures are.
PLAIN = re.compile(r"-?(?:0|[1-9][0-9]{0,14})(?:\.[0-9]{1,6})?")
_NOT_FINITE = re.compile(r"[-+]?\.?(?:nan|inf|infinity)", re.IGNORECASE)
#: What YAML 1.1 reads as a number but people would not: 0x1F, 0o17, 0b101, 1:30 (base 60),
#: 1_000 — the shapes, told apart by holding ``_`` or ``:`` (see :func:`_is_yaml_form`).
#: Each repetition is followed by a character it cannot match, so a failed match is linear.
_YAML_FORMS = re.compile(r"[-+]?(?:0[xob][0-9a-fA-F_]+|[0-9][0-9_:]*(?:\.[0-9_]*)?)")
_FULL_WIDTH_DIGIT = re.compile("[０-９]")
#: A digit Python would read as one (Unicode's decimal digits, \\d) that is not ASCII:
#: full-width ones among them.
_NON_ASCII_DIGIT = re.compile(r"(?![0-9])\d")


class NumberError(ValueError):
    """A number written in a way a dataset or actuals file may not hold."""


def ascii_digits(text: str) -> str:
    """``text`` with its full-width digits made ASCII; NumberError if it holds a digit of any
    other script. The one rule for digits: everything that reads a number or a date from a
    person's text passes through it first.

    >>> ascii_digits("２０２０-Q2")
    '2020-Q2'
    >>> ascii_digits("1৪억")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    seoulplan.core.numeric.NumberError: '৪' (character 2) is BENGALI DIGIT FOUR, a digit of another script; ...
    """
    if text.isascii():
        return text
    other = _NON_ASCII_DIGIT.search(text)  # most text (95개소) has none: one scan
    if other and _FULL_WIDTH_DIGIT.search(text):  # (str.translate with a table is ten times slower)
        text = _FULL_WIDTH_DIGIT.sub(_ascii_digit, text)
        other = _NON_ASCII_DIGIT.search(text)
    if other:
        char = other.group()
        raise NumberError(
            _("{char!r} (character {position}) is {name}, a digit of another script; write the digits 0-9").format(
                char=char, position=other.start() + 1, name=unicodedata.name(char, "?")
            )
        )
    return text


def _ascii_digit(match: re.Match) -> str:
    return chr(ord(match.group()) - ord("０") + ord("0"))


_WHOLE = re.compile(r"[-+]?[0-9]{1,30}")


def read_whole(text: str) -> int:
    """A whole number as people type it in an option or a variable: digits (full-width ones
    too), an optional sign; NumberError else — never ``1_000``, `` ১৫ `` or ``1e3``.

    >>> read_whole("2019"), read_whole(" ３２ ")
    (2019, 32)
    """
    literal = text.strip()
    if len(literal) <= MAX_LITERAL:
        try:
            literal = ascii_digits(literal)
        except NumberError as e:
            raise NumberError(f"{shortened(text)!r}: {e}") from None
        if _WHOLE.fullmatch(literal):
            return int(literal)
    raise NumberError(_("{text!r} is not a whole number").format(text=shortened(text)))


def read_number(text: str) -> int | float:
    """The value of a number literal, or NumberError saying what is wrong with it.

    An integer literal gives an ``int``; one with a decimal point or exponent a ``float``
    (the nearest double to the decimal written, which prints as that decimal again).
    """
    literal = text.strip()
    if PLAIN.fullmatch(literal):
        return float(literal) if "." in literal else int(literal)
    too_long = length_problem(literal)
    if too_long:
        raise NumberError(too_long)
    literal = ascii_digits(literal)
    if _NOT_FINITE.fullmatch(literal):
        raise NumberError(_("{number} is not a finite number").format(number=literal))
    if not _DECIMAL.fullmatch(literal):
        if _is_yaml_form(literal):
            raise NumberError(
                _("{number} is not written in plain decimal digits; write the figure as 1234 or 12.5").format(
                    number=shortened(literal)
                )
            )
        raise NumberError(_("{text!r} is not a number").format(text=shortened(literal)))
    mantissa, _e, exponent = literal.lower().partition("e")
    if sum(map(mantissa.count, "0123456789")) > MAX_DIGITS:
        raise NumberError(_digits_message(literal))
    if exponent and abs(int(exponent)) > MAX_EXPONENT:  # decided before Decimal() overflows on it
        if not mantissa.strip("+-.0"):
            return 0.0
        if int(exponent) > 0:
            raise NumberError(
                _("{number} is too large: a figure of the plan is less than 10^15").format(number=shortened(literal))
            )
        raise NumberError(
            _("{number} has more than {places} decimal places").format(number=shortened(literal), places=MAX_DECIMALS)
        )
    is_integer = "." not in literal and not exponent
    if _LEADING_ZERO.match(literal) and is_integer:
        raise NumberError(
            _("{number} has a leading zero (YAML reads it as octal, or as text); write {plain}").format(
                number=literal, plain=int(literal)
            )
        )
    value = Decimal(literal)
    if value.adjusted() > 40:  # before a float conversion would overflow to inf
        raise NumberError(
            _("{number} is too large: a figure of the plan is less than 10^15").format(number=shortened(literal))
        )
    check_figure(value, literal)
    return int(literal) if is_integer else float(literal)


def length_problem(literal: str) -> str | None:
    """Why ``literal`` is too long to be a figure (more than MAX_LITERAL characters), or None:
    decided before any pattern reads it, in time linear in its length."""
    if len(literal) <= MAX_LITERAL:
        return None
    if literal.isascii() and _DECIMAL.fullmatch(literal):  # only its digits are many
        return _digits_message(literal)
    return _("{number} is {length:,} characters long: a figure has at most {digits} digits").format(
        number=shortened(literal), length=len(literal), digits=MAX_DIGITS
    )


def _digits_message(literal: str) -> str:
    mantissa = literal.lower().partition("e")[0]
    digits = sum(map(mantissa.count, "0123456789"))
    return _("a number of {digits} digits is too large: a figure of the plan is less than 10^15").format(digits=digits)


def _is_yaml_form(literal: str) -> bool:
    """Written the way YAML 1.1 reads as a number (``0x1F``, ``1:30``, ``1_000``)."""
    unsigned = literal.lstrip("+-")
    hexadecimal = unsigned[:2] in ("0x", "0o", "0b")
    return bool(_YAML_FORMS.fullmatch(literal)) and (hexadecimal or "_" in unsigned or ":" in unsigned)


def exact(value: Decimal | int | float) -> Decimal:
    """A figure as the exact Decimal it stands for — the one conversion of a float to Decimal.

    An int or a Decimal is taken as it is; a float is read as the shortest decimal that
    gives it back (its ``repr``): ``3.7``, not ``3.70000000000000017…``. That decimal is the
    one a dataset or a ledger wrote (YAML and :func:`read_number` give the nearest double to
    it), and the exact value of a rate whenever the rate has one (see
    :func:`seoulplan.core.calc.rate`). numpy's float64 is a float and reads the same way.

    >>> exact(3.7), exact(11.0), exact(7), exact(Decimal("8.80"))
    (Decimal('3.7'), Decimal('11.0'), Decimal('7'), Decimal('8.80'))
    """
    return Decimal(float.__repr__(value)) if isinstance(value, float) else Decimal(value)


def decimal_places(value: Decimal | int | float) -> int:
    """The decimal places a figure is written with: how precisely the plan states it.

    The plan writes a rate to the tenth it means — ``2조 3,000(11.0%)`` is 11.0, not 11 —
    so a figure keeps the places it is written with: an int has none, a Decimal those of
    its exponent (``Decimal("11.0")`` → 1), a float those of :func:`exact` (``11.0`` → 1,
    ``8.8`` → 1): YAML reads ``11.0`` as a float and ``11`` as an int, so a dataset's figure
    keeps what was written. The audit holds a stated ``11.0%`` to ±0.05 by it, and tables
    show a row's figures to the places of its most precise one. A whole float that is *not*
    a figure as written — a cell of a Float64 column, where pandas holds the plan's integers
    as floats — reaches people as the machine formats write it, an int
    (:func:`seoulplan.presentation.raw.machine_values`), so it has none either.

    >>> decimal_places(11.0), decimal_places(8.8), decimal_places(Decimal("11.0")), decimal_places(18)
    (1, 1, 1, 0)
    >>> decimal_places(Decimal("1E+3")), decimal_places(0.05)
    (0, 2)
    """
    exponent = exact(value).as_tuple().exponent
    return max(0, -exponent) if isinstance(exponent, int) else 0


def check_figure(value: Decimal | int | float, written: str | None = None) -> None:
    """Raise NumberError if ``value`` is not finite, too large, or too precise.

    Size and places are read from the number's digits and exponent, never by arithmetic,
    which a Decimal's context could overflow (``Decimal("1e999999999999999999")``).
    """
    exact_value = exact(value)
    if not exact_value.is_finite():
        raise NumberError(_("{number} is not a finite number").format(number=written or str(value)))
    if exact_value.is_zero():
        return
    if isinstance(value, int) and written is None and exact_value.adjusted() >= MAX_DIGITS:  # worded as a literal's
        raise NumberError(
            _("a number of {digits} digits is too large: a figure of the plan is less than 10^15").format(
                digits=exact_value.adjusted() + 1
            )
        )
    shown = shortened(written if written is not None else value)
    if exact_value.adjusted() >= FIGURE_DIGITS:
        raise NumberError(_("{number} is too large: a figure of the plan is less than 10^15").format(number=shown))
    _sign, digits, exponent = exact_value.as_tuple()
    trailing_zeros = len(digits) - len("".join(map(str, digits)).rstrip("0"))
    if isinstance(exponent, int) and -(exponent + trailing_zeros) > MAX_DECIMALS:
        raise NumberError(_("{number} has more than {places} decimal places").format(number=shown, places=MAX_DECIMALS))


def is_number(value: object) -> TypeGuard[int | float | Decimal]:
    """A Python number (not a boolean)."""
    return isinstance(value, (int, float, Decimal)) and not isinstance(value, bool)


def figure_problem(value: object) -> str | None:
    """None when ``value`` (already a Python number) is a figure the plan could hold; else why not.

    For numbers that did not come from text: actuals handed to the library as a
    DataFrame or a dict.
    """
    if not is_number(value):
        return _("expected a number, got {value!r}").format(value=shortened(value) if isinstance(value, str) else value)
    try:
        check_figure(value)
    except NumberError as e:
        return str(e)
    return None


#: A number the rule refused stands in the parsed document as this one-key mapping, so
#: that validation reports it with its path (and every other problem) instead of the
#: parser stopping at the first: ``{REFUSED: "0100 has a leading zero, …"}``.
REFUSED = "\x00refused number"


def refused(message: str) -> dict:
    return {REFUSED: message}


_PLAIN_INT = re.compile(r"-?(?:0|[1-9][0-9]{0,14})")  # < 10^15, no leading zero
_PLAIN_DECIMAL = re.compile(r"-?(?:0|[1-9][0-9]{0,14})\.[0-9]{1,6}")  # < 10^15, at most 6 decimals


def number_or_refusal(text: str) -> int | float | dict:
    """:func:`read_number`, with a refusal marker in place of an exception (for parsers).

    Figures written the plain way (``395359``, ``-1.1``) pass the rule by their form alone
    and are converted at once: a machine-written dataset has millions of them.
    """
    if _PLAIN_INT.fullmatch(text):
        return int(text)
    if _PLAIN_DECIMAL.fullmatch(text):
        return float(text)
    try:
        return read_number(text)
    except NumberError as e:
        return refused(str(e))
