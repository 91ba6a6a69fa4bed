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


@pytest.fixture
def make_chart_view(qtbot):
    """A ChartView of its own, shown at a size (900×640 unless given), for tests of the chart pane alone."""
    from hjk_desktop.ui.chart_view import ChartView

    def make(width: int = 900, height: int = 640):
        widget = ChartView()
        qtbot.addWidget(widget)
        widget.resize(width, height)
        widget.show()
        qtbot.waitExposed(widget)
        return widget

    return make
