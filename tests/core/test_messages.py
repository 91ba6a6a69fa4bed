"""The one catalogue of core texts: every entry in every language, fields filled, bokmål as the fallback, and no
text dict of its own left anywhere else in the core."""

from __future__ import annotations

import re
import string
from pathlib import Path

import pytest

from hjk_desktop.core import codes, messages
from hjk_desktop.core.formatting import reason_text
from hjk_desktop.core.messages import CATALOGUE, missing_translations, text
from hjk_desktop.core.stats import ci_reason_text, reading

CORE = Path(messages.__file__).resolve().parent.parent


def test_every_entry_speaks_every_language():
    for lang in codes.LANGUAGES:
        assert missing_translations(lang) == []
    for msg_id, entry in CATALOGUE.items():
        assert set(entry) == set(codes.LANGUAGES), msg_id
        assert all(isinstance(t, str) and t for t in entry.values()), msg_id


def test_an_entry_has_the_same_fields_in_every_language():
    def fields(template: str) -> set[str]:
        return {name for _, name, _, _ in string.Formatter().parse(template) if name}

    for msg_id, entry in CATALOGUE.items():
        assert fields(entry[codes.NB]) == fields(entry[codes.EN]), msg_id


def test_a_third_language_shows_up_as_missing_until_its_entries_exist(monkeypatch):
    assert missing_translations("de") == sorted(CATALOGUE)
    some = sorted(CATALOGUE)[0]
    monkeypatch.setitem(CATALOGUE, some, {**CATALOGUE[some], "de": "Etwas"})
    assert some not in missing_translations("de")
    assert len(missing_translations("de")) == len(CATALOGUE) - 1
    assert text(some, "de") == "Etwas"


def test_text_fills_fields_and_falls_back_to_bokmal():
    assert text("provenance.n_exhibit", "en", n=947) == "not given for this group (whole figure: N=947)"
    assert text("provenance.n_exhibit", "nb", n=947) == "ikke oppgitt for denne gruppen (hele figuren: N=947)"
    assert text("warning.approximate_many", "de", count=3) == text("warning.approximate_many", "nb", count=3)
    assert text("reason.not_stated", None) == text("reason.not_stated", "nb")
    with pytest.raises(KeyError):
        text("no.such.message", "nb")


def test_the_core_reads_its_words_from_the_catalogue(monkeypatch):
    monkeypatch.setitem(CATALOGUE, "reason.not_asked", {"nb": "X-nb", "en": "X-en"})
    monkeypatch.setitem(CATALOGUE, "interval.n_unknown", {"nb": "Y-nb", "en": "Y-en"})
    monkeypatch.setitem(CATALOGUE, "reading.clear", {"nb": "Z-nb", "en": "Z-en"})
    assert reason_text(codes.Reason.NOT_ASKED, "en") == "X-en"
    assert ci_reason_text(codes.IntervalReason.N_UNKNOWN, "nb") == "Y-nb"
    assert reading(2.0, 9.0, "en") == "Z-en"
    assert reason_text("a_code_nobody_knows", "nb") == "a_code_nobody_knows"


def test_every_code_with_words_has_them():
    for reason in codes.Reason.ALL:
        assert f"reason.{reason}" in CATALOGUE
    for reason in codes.IntervalReason.ALL:
        assert f"interval.{reason}" in CATALOGUE
    for unit in codes.Unit.ALL:
        assert f"unit.{unit}" in CATALOGUE
    for code in (codes.Reading.CLEAR, codes.Reading.CHANCE):
        assert f"reading.{code}" in CATALOGUE


def test_no_text_dict_is_left_in_the_core_outside_the_catalogue():
    """A {"nb": …} (or {'en': …}) literal anywhere in hjk_desktop/core but messages/ is a second catalogue."""
    pattern = re.compile(r"""\{\s*["'](nb|en)["']\s*:""")
    offenders = []
    for path in sorted(CORE.rglob("*.py")):
        if "messages" in path.relative_to(CORE).parts:
            continue
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            if pattern.search(line):
                offenders.append(f"{path.relative_to(CORE)}:{number}")
    assert offenders == []
