"""text_width.py: one measure of how wide text is on a terminal (wcwidth's, as tabulate's) and
one word wrap, for tables, help, the workbook's columns and the report."""

import unicodedata

from hypothesis import given
from hypothesis import strategies as st
from wcwidth import wcswidth

from seoulplan.cli import helpformat
from seoulplan.presentation import workbook

SEOUL = "서울시 예산 39조 5,359억원, 시민이 주인되는 민주서울"
#: The same words as macOS writes file names and some editors paste Hangul: each syllable
#: as its jamo, a leading consonant two cells wide and the vowel and final after it none.
DECOMPOSED = unicodedata.normalize("NFD", SEOUL)


@given(st.text(st.characters(blacklist_categories=("Cc", "Cs"))))
def test_the_width_is_wcwidths(text):
    from seoulplan.presentation.text_width import display_width

    assert display_width(text) == wcswidth(text)


def test_a_control_character_takes_no_cell():
    from seoulplan.presentation.text_width import display_width

    assert display_width("가\x1b나") == 4 and display_width("a\tb") == 2


def test_help_and_workbook_measure_decomposed_hangul_as_a_terminal_shows_it():
    assert wcswidth(DECOMPOSED) == wcswidth(SEOUL)
    assert workbook._width("", [DECOMPOSED]) == workbook._width("", [SEOUL])
    wrapped = helpformat.wrap_text(f"{SEOUL} {SEOUL}", 40)
    assert helpformat.wrap_text(f"{DECOMPOSED} {DECOMPOSED}", 40) == unicodedata.normalize("NFD", wrapped)


def test_words_are_wrapped_to_the_width_and_never_broken():
    from seoulplan.presentation.text_width import display_width, wrap

    text = f"{SEOUL} {SEOUL} {SEOUL}"
    lines = wrap(text, 20, "  ", "    ").splitlines()
    assert len(lines) > 3 and " ".join(lines).split() == text.split()
    assert all(display_width(line) <= 20 or len(line.split()) == 1 for line in lines)
    assert lines[0].startswith("  ") and all(line.startswith("    ") for line in lines[1:])


@given(st.text(st.sampled_from([*"aZ 09.,%()-_", "가", "힣", "서", "울", *"·…—–→×≤≥△"])))
def test_the_common_characters_are_measured_as_wcwidth_does_without_it(text):
    from seoulplan.presentation.text_width import display_width

    assert display_width(text) == wcswidth(text)


def test_help_in_korean_loads_no_wcwidth():
    """Importing wcwidth costs as much again as Click's start-up: help in Korean is measured
    without it."""
    import subprocess
    import sys

    probe = (
        "import sys\n"
        "from seoulplan.cli import main\n"
        "try:\n"
        "    main(['--locale', 'ko_KR', '--help'])\n"
        "except SystemExit:\n"
        "    pass\n"
        "print('wcwidth' in sys.modules)\n"
    )
    proc = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True)
    assert proc.stdout.strip().splitlines()[-1] == "False"
