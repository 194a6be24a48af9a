"""The one rule for numbers read from text: datasets (YAML or JSON) and actuals files.

A figure of the plan is written in plain decimal digits, with an optional sign, decimal
point and exponent (``395359``, ``-1.1``, ``8.8``, ``1e3``); it is finite, smaller than
``MAX_FIGURE`` in size, and has at most ``MAX_DECIMALS`` decimal places (the plan's
figures have at most 2). Anything else is refused with a message that says what was
wrong and what to write instead:

- YAML 1.1 oddities that would silently change a figure: ``0100`` (octal: 64),
  ``1:30`` (base 60: 90), ``0x1F``, ``1_000``;
- ``.nan``, ``.inf``, ``NaN``, ``Infinity``;
- a literal with more than ``MAX_DIGITS`` digits (which would cost Python seconds to
  convert) or a value of ``MAX_FIGURE`` or more, or more than ``MAX_DECIMALS`` decimals.

>>> read_number("395359"), read_number("-1.1"), read_number("1e3")
(395359, -1.1, 1000.0)
>>> read_number("0100")
Traceback (most recent call last):
...
seoulplan.core.numeric.NumberError: 0100 has a leading zero (YAML reads it as octal, or as text); write 100
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import TypeGuard

from seoulplan.core.i18n import _

MAX_FIGURE = 10**15  # the plan's largest figure is 4×10^8; messages say "10^15"
MAX_DECIMALS = 6  # the plan's figures have at most 2
MAX_DIGITS = 30  # longer literals are refused before Python converts them

_DECIMAL = re.compile(r"[-+]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][-+]?\d+)?")
_LEADING_ZERO = re.compile(r"[-+]?0\d")
#: Literals that pass every check below by their shape alone: at most 15 integer digits
#: (less than 10^15), no leading zero, at most MAX_DECIMALS decimals. Most figures are.
PLAIN = re.compile(r"-?(?:0|[1-9]\d{0,14})(?:\.\d{1,6})?")
_NOT_FINITE = re.compile(r"[-+]?\.?(?:nan|inf|infinity)", re.IGNORECASE)
#: What YAML 1.1 reads as a number but people would not: 0x1F, 0o17, 0b101, 1:30 (base 60), 1_000.
_YAML_FORMS = re.compile(
    r"[-+]?(?:0[xob][0-9a-fA-F_]+|[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?"
    r"|[0-9][0-9_]*_[0-9_]*(?:\.[0-9_]*)?)"
)


class NumberError(ValueError):
    """A number written in a way a dataset or actuals file may not hold."""


def read_number(text: str) -> int | float:
    """The value of a number literal, or NumberError saying what is wrong with it.

    An integer literal gives an ``int``; one with a decimal point or exponent a ``float``
    (the nearest double to the decimal written, which prints as that decimal again).
    """
    literal = text.strip()
    if PLAIN.fullmatch(literal):
        return float(literal) if "." in literal else int(literal)
    if _NOT_FINITE.fullmatch(literal):
        raise NumberError(_("{number} is not a finite number").format(number=literal))
    if not _DECIMAL.fullmatch(literal):
        if _YAML_FORMS.fullmatch(literal):
            raise NumberError(
                _("{number} is not written in plain decimal digits; write the figure as 1234 or 12.5").format(
                    number=literal
                )
            )
        raise NumberError(_("{text!r} is not a number").format(text=literal))
    digits = sum(c.isdigit() for c in literal.partition("e")[0].partition("E")[0])
    if digits > MAX_DIGITS:
        raise NumberError(
            _("a number of {digits} digits is too large: a figure of the plan is less than 10^15").format(digits=digits)
        )
    if _LEADING_ZERO.match(literal) and "." not in literal and "e" not in literal.lower():
        raise NumberError(
            _("{number} has a leading zero (YAML reads it as octal, or as text); write {plain}").format(
                number=literal, plain=int(literal)
            )
        )
    exact = Decimal(literal)
    if exact.adjusted() > 40:  # before a float conversion would overflow to inf
        raise NumberError(_("{number} is too large: a figure of the plan is less than 10^15").format(number=literal))
    check_figure(exact, literal)
    is_integer = "." not in literal and "e" not in literal.lower()
    return int(literal) if is_integer else float(literal)


def check_figure(value: Decimal | int | float, written: str | None = None) -> None:
    """Raise NumberError if ``value`` is not finite, too large, or too precise."""
    exact = (
        value if isinstance(value, Decimal) else Decimal(repr(value)) if isinstance(value, float) else Decimal(value)
    )
    shown = written if written is not None else str(value)
    if not exact.is_finite():
        raise NumberError(_("{number} is not a finite number").format(number=shown))
    if abs(exact) >= MAX_FIGURE:
        raise NumberError(_("{number} is too large: a figure of the plan is less than 10^15").format(number=shown))
    exponent = exact.normalize().as_tuple().exponent
    if isinstance(exponent, int) and -exponent > MAX_DECIMALS:
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
        return _("expected a number, got {value!r}").format(value=value)
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
