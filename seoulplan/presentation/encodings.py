"""The encodings a text output is written in: UTF-8, UTF-8 with a BOM (Excel), cp949
(Korean Excel's), checked before anything is written (SPEC §6).

cp949 lacks a few characters the plan and the tables use; each is written as its nearest
cp949 character (:data:`CP949_NEAREST`, and accented Latin letters without their accents).
Anything else cp949 cannot represent is a usage error naming the character, never a silent
``?``.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

import pandas as pd

from seoulplan.core.i18n import _
from seoulplan.errors import UsageError
from seoulplan.presentation.choices import ENCODINGS
from seoulplan.presentation.raw import flat_values

#: cp949 (Korean Excel's encoding) lacks a few characters the plan and the tables use; each
#: is written as its nearest cp949 character. Accented Latin letters lose their accents.
#: Anything else cp949 cannot represent is an error, never a silent '?'.
CP949_NEAREST = str.maketrans(
    {"—": "―", "–": "-", "−": "-", "・": "·", "►": "▶", "₩": "￦", "’": "'", "‘": "'", "≈": "≒"}
)


def _cp949_nearest(text: str) -> str:
    import unicodedata

    text = text.translate(CP949_NEAREST)
    if text.isascii():
        return text
    out = []
    for ch in text:
        try:
            ch.encode("cp949")
            out.append(ch)
        except UnicodeEncodeError:
            base = "".join(c for c in unicodedata.normalize("NFKD", ch) if not unicodedata.combining(c))
            out.append(base if base and base != ch and base.isascii() else ch)
    return "".join(out)


def encode(text: str, encoding: str) -> bytes:
    """Text to bytes in one of ENCODINGS; a character the encoding lacks is a usage error."""
    if encoding not in ENCODINGS:
        raise UsageError(
            _("unknown encoding {encoding!r}; expected one of {choices}").format(
                encoding=encoding, choices=", ".join(ENCODINGS)
            )
        )
    if encoding == "cp949":
        text = _cp949_nearest(text)
    try:
        return text.encode("utf-8" if encoding == "utf-8-sig" else encoding)
    except UnicodeEncodeError as e:
        bad = e.object[e.start : e.end]
        raise UsageError(
            _("the output contains {character!r}, which {encoding} cannot represent; use --encoding utf-8").format(
                character=bad, encoding=encoding
            )
        ) from None


def encoded(pieces: Iterable[str], encoding: str) -> Iterator[bytes]:
    """The pieces of a text as bytes in ``encoding`` (``utf-8-sig`` starts with a BOM)."""
    if encoding == "utf-8-sig":
        yield b"\xef\xbb\xbf"
    for piece in pieces:
        yield encode(piece, encoding)


def check_encodable(frame: pd.DataFrame, encoding: str) -> None:
    """Fail before anything is written when a text cell cannot be written in ``encoding``.

    Only cp949 can fail: the text of a dataset has passed the schema validator, which
    refuses what is not valid Unicode (a lone surrogate from a JSON escape), and every
    other text was decoded from bytes.
    """
    if encoding != "cp949":
        return
    for name in frame.columns:
        if pd.api.types.is_string_dtype(frame[name].dtype) or frame[name].dtype == object:
            encode("".join(v for v in flat_values(frame[name]) if type(v) is str), encoding)
