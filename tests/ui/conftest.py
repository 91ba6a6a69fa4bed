"""Shared by every UI test: Qt's translators are application-wide, so a test that switches to English hands the
next test bokmål again."""

from __future__ import annotations

import pytest


@pytest.fixture(autouse=True)
def back_to_bokmal():
    yield
    from hjk_desktop.ui import i18n

    if i18n.installed_language() != "nb":
        i18n.apply_language("nb")
