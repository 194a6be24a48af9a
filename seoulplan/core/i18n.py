"""Messages in the reader's language: written in English, translated to Korean by a catalogue.

Every message a person reads — an error, a hint, the help of a command — is written in
English in the source and looked up with :func:`_` when it is made::

    raise UsageError(_("unknown pillar {query!r}; expected a slug, number or Korean name").format(query=q))

The Korean is in ``seoulplan/locale/ko_KR/LC_MESSAGES/seoulplan.po``, compiled with babel
(``pybabel compile``) to the ``.mo`` file shipped beside it; stdlib :mod:`gettext` reads
that file (babel is needed only to make it, never at run time, so start-up stays cheap).

Why here, in the core: the core raises most messages (a bad dataset, an unknown pillar, an
unreadable amount) and must not import the presentation. Translating at the CLI boundary
instead would need every message kept as a template with its arguments until it is shown;
a lookup when the message is made is what gettext is for, and it is a few lines of stdlib
that both layers share.

The library speaks English: nothing is translated until someone calls :func:`activate`
(``activate("ko_KR")`` gives a notebook Korean messages). The command line activates the
locale it resolves (:func:`resolve`) for the whole run (:mod:`seoulplan.cli.language`, which
also gives the command-line parser its words from this catalogue).

Tables and the report use the same catalogue, through :func:`translations`: a view is
made for the locale its options name (which need not be the active one — a notebook may
draw a Korean report while its errors stay English), so it looks its words up in that
locale's catalogue rather than through :func:`_`. Titles, notes, status names, report
prose and unit labels are all English msgids with their Korean in the one ``.po`` file;
what is data stays data (the dataset's names and its ``units`` glossary). Machine formats
never depend on the locale.
"""

from __future__ import annotations

import functools
import gettext
import os
from collections.abc import Mapping

DOMAIN = "seoulplan"
LOCALE_DIR = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "locale")
LOCALES = ("ko_KR", "en_US")
#: The plan's readers read Korean: the locale when nothing says otherwise.
DEFAULT = "ko_KR"
#: Where the locale comes from, after ``--locale``: the first of these that is set.
ENVIRONMENT = ("SEOULPLAN_LOCALE", "LC_ALL", "LC_MESSAGES", "LANG")

_translations: gettext.NullTranslations = gettext.NullTranslations()
_active = "en_US"


def _(message: str) -> str:
    """``message`` (English) in the active language."""
    return _translations.gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    """The singular or plural form of a message, for ``n``, in the active language."""
    return _translations.ngettext(singular, plural, n)


def N_(message: str) -> str:
    """Mark ``message`` for the catalogue without translating it now (it is translated where
    it is shown: the help of commands and options)."""
    return message


#: The operating system's words for the failures people meet. Python never asks the C
#: library for another language, so ``strerror`` is English; these are in the catalogue.
OS_ERRORS = (
    N_("No such file or directory"),
    N_("Permission denied"),
    N_("Is a directory"),
    N_("Not a directory"),
    N_("No space left on device"),
    N_("File too large"),
    N_("Read-only file system"),
    N_("File exists"),
    N_("Directory not empty"),
    N_("Bad file descriptor"),
    N_("File name too long"),
    N_("Too many levels of symbolic links"),
    N_("Input/output error"),
    N_("Disk quota exceeded"),
    N_("Operation not permitted"),
    N_("Invalid argument"),
)


def reason(error: BaseException) -> str:
    """Why an operation failed, in the active language: an OS error's ``strerror``, else the
    error's own text."""
    text = getattr(error, "strerror", None) or str(error)
    return _(text)


def locale_of(value: str | None) -> str | None:
    """``ko_KR`` for a value starting ``ko``, ``en_US`` for one starting ``en``, else None.

    >>> locale_of("ko_KR.UTF-8"), locale_of("en_GB"), locale_of("C.UTF-8"), locale_of("")
    ('ko_KR', 'en_US', None, None)
    """
    text = (value or "").strip().lower()
    if text.startswith("ko"):
        return "ko_KR"
    if text.startswith("en"):
        return "en_US"
    return None


def resolve(option: str | None = None, environ: Mapping[str, str] | None = None) -> str:
    """The locale that decides everything a person reads.

    ``--locale`` (``option``), else the first set and non-empty of ``SEOULPLAN_LOCALE``,
    ``LC_ALL``, ``LC_MESSAGES`` and ``LANG``: a value starting ``ko`` is ``ko_KR``, one
    starting ``en`` is ``en_US``, and anything else (``C``, ``POSIX``, ``fr_FR``) — or
    nothing set — is the default, ``ko_KR``.

    >>> resolve("en_US", {"LANG": "ko_KR.UTF-8"}), resolve(None, {"LC_ALL": "C", "LANG": "en_US"})
    ('en_US', 'ko_KR')
    >>> resolve(None, {"LC_ALL": "", "LANG": "en_US.UTF-8"})
    'en_US'
    """
    if option:
        return locale_of(option) or DEFAULT
    environ = os.environ if environ is None else environ
    for name in ENVIRONMENT:
        value = environ.get(name)
        if value:
            return locale_of(value) or DEFAULT
    return DEFAULT


class Catalogue(gettext.NullTranslations):
    """A locale's compiled catalogue, read at its first lookup.

    A run that looks nothing up — ``--version``, ``money``, most data commands until they
    word a title — does not pay for reading every message of the catalogue (136 KB, a few
    milliseconds, most of what start-up adds to Click's own). The reading is
    :func:`gettext.translation`'s, whose objects share one parse per file: Click's own words,
    looked up through the standard library's domain (:mod:`seoulplan.cli.language`), and
    seoulplan's read the file once between them.
    """

    def __init__(self, locale: str):
        super().__init__()
        self.locale = locale
        self._read: gettext.NullTranslations | None = None

    def _catalogue(self) -> gettext.NullTranslations:
        if self._read is None:
            self._read = gettext.translation(DOMAIN, LOCALE_DIR, languages=[self.locale], fallback=True)
        return self._read

    def gettext(self, message: str) -> str:
        return self._catalogue().gettext(message)

    def ngettext(self, msgid1: str, msgid2: str, n: int) -> str:
        return self._catalogue().ngettext(msgid1, msgid2, n)

    def pgettext(self, context: str, message: str) -> str:
        return self._catalogue().pgettext(context, message)

    def npgettext(self, context: str, msgid1: str, msgid2: str, n: int) -> str:
        return self._catalogue().npgettext(context, msgid1, msgid2, n)


def catalogue(locale: str) -> gettext.NullTranslations:
    """The translations of ``locale`` (English needs none: the messages are written in it)."""
    return gettext.NullTranslations() if locale == "en_US" else Catalogue(locale)


@functools.cache
def translations(locale: str) -> gettext.NullTranslations:
    """The catalogue of ``locale``, read once per process: what a view or the report made
    for that locale looks its words up in, whichever locale is active.

    >>> translations("ko_KR").ngettext("{count} KPI", "{count} KPIs", 7).format(count=7)
    'KPI 7개'
    >>> translations("en_US").ngettext("{count} KPI", "{count} KPIs", 1).format(count=1)
    '1 KPI'
    """
    return catalogue(locale)


def active() -> str:
    """The locale messages are in now."""
    return _active


def activate(locale: str) -> str:
    """Make :func:`_` answer in ``locale`` (``ko_KR`` or ``en_US``); returns the locale it replaces.

    >>> previous = activate("ko_KR"); _("Interrupted."); activate(previous)
    '중단했습니다.'
    'ko_KR'
    """
    global _translations, _active
    if locale not in LOCALES:
        raise ValueError(f"unknown locale {locale!r}; expected one of {', '.join(LOCALES)}")
    previous = _active
    _translations, _active = translations(locale), locale
    return previous
