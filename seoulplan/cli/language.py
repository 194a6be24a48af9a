"""The language of a run of the command line: seoulplan's messages and Click's.

The library speaks English until asked (:func:`seoulplan.core.i18n.activate`); the command
line speaks the locale it resolves, for the whole run. Click looks its own strings
("Usage:", "No such option") up with ``gettext.gettext``, which reads the process's default
domain in the language the ``LANGUAGE`` variable names: :func:`speaking` points both at
seoulplan's catalogue, which carries Click's messages too. That is Click knowledge, so it
lives here and not in the core.
"""

from __future__ import annotations

import gettext
import os
from collections.abc import Iterator
from contextlib import contextmanager

from seoulplan.core import i18n


@contextmanager
def speaking(locale: str) -> Iterator[None]:
    """Everything a person reads in ``locale`` while the block runs — seoulplan's messages
    and Click's — and the previous state back afterwards, so that a test runner calling the
    command line many times in one process sees no trace."""
    saved_domain = gettext.textdomain()
    saved_language = os.environ.get("LANGUAGE")
    previous = i18n.activate(locale)
    gettext.bindtextdomain(i18n.DOMAIN, i18n.LOCALE_DIR)
    gettext.textdomain(i18n.DOMAIN)
    os.environ["LANGUAGE"] = locale
    try:
        yield
    finally:
        i18n.activate(previous)
        gettext.textdomain(saved_domain)
        if saved_language is None:
            os.environ.pop("LANGUAGE", None)
        else:
            os.environ["LANGUAGE"] = saved_language
