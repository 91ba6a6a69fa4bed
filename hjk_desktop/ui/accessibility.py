"""Access helpers: the chart's text description under the chart, keyboard steps through the bars,
a visible focus frame round the chart, accessible names for every control, and the window icon.

Nothing here owns data: the chart pane draws what a core Results holds and shows ChartView.description(lang);
keyboard steps through the chart's layout marks emit its own barClicked signal, so the window handles them
like a mouse click.
"""

from __future__ import annotations

import functools

from PySide6.QtCore import QAbstractEventDispatcher, QCoreApplication, QEvent, QObject, QSize, Qt, QTimer
from PySide6.QtGui import QIcon, QKeyEvent, QPainter, QPalette, QPen
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QComboBox,
    QFrame,
    QGroupBox,
    QHeaderView,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSlider,
    QVBoxLayout,
    QWidget,
)

from hjk_desktop.core.chart_layout import Kind
from hjk_desktop.ui import i18n

AUTO_NAME = "hjkAutoAccessibleName"  # set on widgets whose accessible name was taken from their text
ICON_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
QUIET_FIELDS = frozenset({"focus", "footnote"})  # selection fields the chart does not show
INTERACTIVE = (QAbstractButton, QComboBox, QLineEdit, QAbstractItemView, QSlider, QPlainTextEdit)


@functools.lru_cache(maxsize=1)
def app_icon() -> QIcon:
    """The program icon: the SVG (sharp at any scale) plus the PNG sizes for platforms that want bitmaps."""
    icon = QIcon()
    root = i18n.resource_dir()
    if root is None:
        return icon
    folder = root / "icons"
    svg = folder / "hjk-desktop.svg"
    if svg.is_file():
        icon.addFile(str(svg))
    for size in ICON_SIZES:
        png = folder / f"hjk-desktop-{size}.png"
        if png.is_file():
            icon.addFile(str(png), QSize(size, size))
    return icon


class _IconAfterPaint(QObject):
    """Gives the window its icon once it has painted and the event loop next waits: building the icon loads Qt's SVG
    icon engine (4–5 ms; on X11 the icon's bitmaps are sent too), which need not delay the first sight of the
    window."""

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt override)
        if event.type() == QEvent.Type.Paint:
            obj.removeEventFilter(self)
            QTimer.singleShot(0, self, self._when_idle)  # after what the paint queued, then when the loop is idle
        return False

    def _when_idle(self) -> None:
        QAbstractEventDispatcher.instance().aboutToBlock.connect(self._set)

    def _set(self) -> None:
        QAbstractEventDispatcher.instance().aboutToBlock.disconnect(self._set)
        self.parent().setWindowIcon(app_icon())


def set_icon_after_first_paint(window: QWidget) -> None:
    """The program icon on ``window``, set just after its first paint."""
    window.installEventFilter(_IconAfterPaint(window))


def visible_text(widget: QWidget) -> str:
    """The text a sighted user reads on a control, without mnemonic ampersands."""
    text = ""
    if isinstance(widget, QAbstractButton):
        text = widget.text() or widget.toolTip()
    elif isinstance(widget, QLineEdit):
        text = widget.placeholderText() or widget.toolTip()
    elif isinstance(widget, QGroupBox):
        text = widget.title()
    else:
        text = widget.toolTip() or widget.windowTitle()
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&").strip()


def _label_for(widget: QWidget) -> str:
    """A QLabel's text when the label is the widget's buddy (form layouts)."""
    from PySide6.QtWidgets import QLabel

    top = widget.window()
    for label in top.findChildren(QLabel):
        if label.buddy() is widget:
            return label.text().replace("&", "").rstrip(":").strip()
    return ""


def name_controls(root: QWidget) -> list[QWidget]:
    """Give every interactive widget under root an accessible name.

    Names set by hand are kept. The others are taken from the visible text (a button's text, a field's
    buddy label or placeholder) and marked, so a later call (after a language switch) refreshes them.
    Returns the widgets still without a name.
    """
    nameless = []
    for widget in [root, *root.findChildren(QWidget)]:
        if not isinstance(widget, INTERACTIVE):
            continue
        if widget.accessibleName() and not widget.property(AUTO_NAME):
            continue
        text = visible_text(widget) if isinstance(widget, (QAbstractButton, QLineEdit)) else ""
        text = _label_for(widget) or text
        if isinstance(widget, QHeaderView):
            text = QCoreApplication.translate("Accessibility", "Kolonneoverskrifter") if widget.orientation() == Qt.Orientation.Horizontal \
                else QCoreApplication.translate("Accessibility", "Radoverskrifter")
        if not text and isinstance(widget, QAbstractItemView | QComboBox | QPlainTextEdit):
            text = widget.toolTip()
        if text:
            widget.setAccessibleName(text)
            widget.setProperty(AUTO_NAME, True)
        elif not widget.accessibleName():
            nameless.append(widget)
    return nameless


class ChartKeys(QObject):
    """Keyboard for the chart: arrows step through the drawn values, Home/End jump to the ends.

    Each step emits the chart's barClicked(row, key) (the window selects that table cell) and puts the
    value's tooltip in the chart's accessible description, so a screen reader says the value.
    """

    def __init__(self, chart) -> None:
        super().__init__(chart)
        self.chart = chart
        self.position = -1
        chart.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        chart.installEventFilter(self)

    def steps(self) -> list:
        """The drawn values in drawing order (a total named at a stack's end is reached through its stack)."""
        layout = self.chart.layout
        return [m for m in getattr(layout, "marks", ()) if m.kind != Kind.TOTAL]

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt override)
        if obj is self.chart and event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            steps = self.steps()
            key = event.key()
            moves = {Qt.Key.Key_Down: 1, Qt.Key.Key_Right: 1, Qt.Key.Key_Up: -1, Qt.Key.Key_Left: -1}
            if not steps or key not in (*moves, Qt.Key.Key_Home, Qt.Key.Key_End):
                return False
            if key == Qt.Key.Key_Home:
                self.position = 0
            elif key == Qt.Key.Key_End:
                self.position = len(steps) - 1
            else:
                self.position = max(0, min(len(steps) - 1, self.position + moves[key]))
            step = steps[self.position]
            tip = self.chart.tooltip(step.row, step.key)
            self.chart.setAccessibleDescription(tip.replace("\n", ". "))
            self.chart.setToolTip(tip)
            self.chart.barClicked.emit(int(step.row), str(step.key))
            return True
        if obj is self.chart and event.type() == QEvent.Type.FocusOut:
            self.chart.setToolTip("")
        return False

    def reset(self) -> None:
        self.position = -1


class ChartPane(QFrame):
    """The chart with a visible focus frame, and under it a toggle that shows its text description."""

    def __init__(self, chart, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("chartPane")
        self.chart = chart
        self.setFrameShape(QFrame.Shape.NoFrame)
        self._focused = False
        layout = QVBoxLayout(self)
        layout.setContentsMargins(2, 2, 2, 2)
        layout.setSpacing(2)
        chart.setParent(self)
        layout.addWidget(chart, 1)
        self.toggle = QPushButton(self)
        self.toggle.setObjectName("descriptionToggle")
        self.toggle.setCheckable(True)
        self.toggle.toggled.connect(self._show_text)
        layout.addWidget(self.toggle, 0, Qt.AlignmentFlag.AlignLeft)
        self.text = QPlainTextEdit(self)
        self.text.setObjectName("chartDescription")
        self.text.setReadOnly(True)
        self.text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByKeyboard
                                          | Qt.TextInteractionFlag.TextSelectableByMouse)
        self.text.setTabChangesFocus(True)
        self.text.setMaximumHeight(160)
        self.text.setVisible(False)
        layout.addWidget(self.text)
        self.keys = ChartKeys(chart)
        for inner in (chart.plot_widget, chart.text_page):  # one tab stop for the chart, not three
            inner.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        chart.installEventFilter(self)
        self.retranslate()

    def description(self) -> str:
        return self.chart.description()  # in the language the chart was drawn in: the selection's

    def on_results(self, results, changed: frozenset[str]) -> None:
        """Draw what results hold (an exhibit, a chapter overview or the hint) and read its description again.

        A change of the focused cell or the footnote option alone draws nothing: the chart does not show them."""
        if changed and changed <= QUIET_FIELDS:
            return
        state = results.state
        if results.result is not None:
            self.chart.show_exhibit(results.package, results.result, state)
        elif state.chapter is not None and not state.exhibit:
            self.chart.show_chapter(results.package, state.chapter, state)
        else:
            self.chart.show_empty()
        self.refresh()

    def refresh(self) -> None:
        """Read the description again (call after every redraw of the chart)."""
        text = self.description()
        self.chart.setAccessibleDescription(text)
        self.chart.setToolTip("")
        self.keys.reset()
        if self.text.isVisible() or self.toggle.isChecked():
            self.text.setPlainText(text)

    def _show_text(self, on: bool) -> None:
        if on:
            self.text.setPlainText(self.description())
        self.text.setVisible(on)
        self.retranslate()

    def retranslate(self) -> None:
        self.toggle.setText(QCoreApplication.translate("ChartPane", "Skjul tekstbeskrivelse") if self.toggle.isChecked()
                            else QCoreApplication.translate("ChartPane", "Vis tekstbeskrivelse"))
        self.toggle.setAccessibleName(self.toggle.text())
        self.toggle.setToolTip(QCoreApplication.translate("ChartPane", "Viser eller skjuler figuren som tekst: tallene og hvilke som mangler"))
        self.text.setAccessibleName(QCoreApplication.translate("ChartPane", "Tekstbeskrivelse av figuren"))
        self.chart.setAccessibleName(QCoreApplication.translate("ChartPane", "Figur"))
        self.setAccessibleName(QCoreApplication.translate("ChartPane", "Figur med tekstbeskrivelse"))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt override)
        super().changeEvent(event)
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt override)
        if obj is self.chart and event.type() in (QEvent.Type.FocusIn, QEvent.Type.FocusOut):
            self._focused = event.type() == QEvent.Type.FocusIn
            self.update()  # only a repaint: restyling here would relayout a chart that may be being destroyed
        return False

    def paintEvent(self, event) -> None:  # noqa: N802 (Qt override)
        super().paintEvent(event)
        if getattr(self, "_focused", False):
            painter = QPainter(self)
            pen = QPen(self.palette().color(QPalette.ColorRole.Highlight), 2)
            painter.setPen(pen)
            painter.drawRect(self.rect().adjusted(1, 1, -1, -1))
            painter.end()
