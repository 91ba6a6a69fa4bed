"""Side controls: segments, groups, rounds, difference and decimal mark. They only write to the selection.

Every control is redrawn from the selection with its signals blocked, and user input arrives through
``clicked`` (never ``toggled``), so redrawing can never feed back into another update.

A control that cannot be used says why in its tooltip; a click on it sends the same reason out through
``reasonShown`` (the window puts it in the status bar). Labels from the package are elided to the panel's
width, the full text in the tooltip, so a long group name never widens the dock.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QSignalBlocker, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractButton,
    QButtonGroup,
    QCheckBox,
    QGroupBox,
    QLabel,
    QRadioButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from hjk_desktop.core.codes import COMMA, POINT, Chart, Round, language
from hjk_desktop.core.package import Package
from hjk_desktop.core.query import availability, query
from hjk_desktop.core.selection import Selection, SelectionState
from hjk_desktop.ui.navigation import choose_rounds
from hjk_desktop.ui.table_model import plain_tooltip

FEBRUARY, JUNE = Round.SURVEY
LABEL_WIDTH = 170  # px of label text a control shows before it elides (the full text is in the tooltip)
FULL_TEXT, REASON = "fullText", "disabledReason"  # dynamic properties: the label before eliding, why it is off


def set_checked_quietly(button: QAbstractButton, checked: bool) -> None:
    """Check or uncheck without emitting anything."""
    with QSignalBlocker(button):
        button.setChecked(checked)


def series_count(package: Package, state: SelectionState) -> int:
    """How many value columns the table and chart show for this state."""
    if not state.exhibit:
        return 0
    if package.exhibit(state.exhibit)["chart"] == Chart.FACTS:
        return 1
    if len(state.rounds) > 1:  # side by side drops the segment × round columns the text has no value for
        return len(query(package, state.exhibit, state.segments, state.rounds, state.populations).series)
    return len(state.segments) * len(state.rounds) * len(state.populations)


def set_reason(button: QAbstractButton, reason: str) -> None:
    """Enable the button when reason is empty, else disable it and say why in its tooltip (with any elided label)."""
    button.setEnabled(not reason)
    button.setProperty(REASON, reason)
    full = button.property(FULL_TEXT) or ""
    parts = [full] if full and full != button.text() else []
    if reason:
        parts.append(reason)
    button.setToolTip(plain_tooltip("\n".join(parts)) or "")


class _ReasonOnClick(QObject):
    """Sends a disabled control's reason when the user clicks it anyway (Qt gives disabled widgets no signals)."""

    def __init__(self, panel: ControlsPanel) -> None:
        super().__init__(panel)
        self._panel = panel

    def eventFilter(self, obj, event) -> bool:  # noqa: N802 (Qt override)
        if event.type() == QEvent.Type.MouseButtonPress and isinstance(obj, QWidget) and not obj.isEnabled():
            reason = obj.property(REASON) or ""
            if reason:
                self._panel.reasonShown.emit(reason)
        return False


class ControlsPanel(QWidget):
    """The right-hand controls. Owns no state: reads the Selection, writes Selection.update()."""

    decimalChosen = Signal(str)  # the user picked a decimal mark (so it no longer follows the language)
    reasonShown = Signal(str)  # why a control the user reached for cannot be used now

    def __init__(self, selection: Selection, package: Package, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("controlsPanel")
        self._selection = selection
        self._package = package
        self._exhibit = None
        self._reason_filter = _ReasonOnClick(self)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        outer.addWidget(scroll)
        body = QWidget(scroll)
        scroll.setWidget(body)
        self._scroll, self._body = scroll, body
        self._built_for = None  # what the group and round buttons were last built for
        layout = QVBoxLayout(body)
        layout.setContentsMargins(6, 6, 6, 6)

        self.segment_box = QGroupBox(body)
        self.segment_layout = QVBoxLayout(self.segment_box)
        layout.addWidget(self.segment_box)
        self.population_box = QGroupBox(body)
        self.population_layout = QVBoxLayout(self.population_box)
        layout.addWidget(self.population_box)
        self.round_box = QGroupBox(body)
        self.round_layout = QVBoxLayout(self.round_box)
        layout.addWidget(self.round_box)

        options = QGroupBox(body)
        self.options_box = options
        options_layout = QVBoxLayout(options)
        self.difference = QCheckBox(options)
        self.difference.setObjectName("differenceCheck")
        self.difference.installEventFilter(self._reason_filter)
        self.difference.clicked.connect(lambda checked: self._selection.update(difference=bool(checked)))
        options_layout.addWidget(self.difference)
        self.decimal_label = QLabel(options)
        options_layout.addWidget(self.decimal_label)
        self.decimal_comma = QRadioButton(options)
        self.decimal_point = QRadioButton(options)
        self.decimal_group = QButtonGroup(self)
        for button, value in ((self.decimal_comma, COMMA), (self.decimal_point, POINT)):
            self.decimal_group.addButton(button)
            button.setProperty("decimal", value)
            button.clicked.connect(lambda _checked=False, v=value: self._choose_decimal(v))
            options_layout.addWidget(button)
        layout.addWidget(options)
        layout.addStretch(1)

        self.segment_checks: dict[str, QCheckBox] = {}
        self.population_checks: dict[str, QCheckBox] = {}
        self.round_buttons: dict[str, QAbstractButton] = {}
        self._round_group: QButtonGroup | None = None
        self.setMinimumWidth(230)
        self._retranslate_fixed()
        selection.connect(self._on_selection)
        self.set_package(package)

    @property
    def _lang(self) -> str:
        return language(self._selection.state.language)

    def _choose_decimal(self, value: str) -> None:
        self._selection.update(decimal=value)
        self.decimalChosen.emit(value)

    # -- language ------------------------------------------------------------------------------
    def _retranslate_fixed(self) -> None:
        self.segment_box.setTitle(self.tr("Utvalg"))
        self.population_box.setTitle(self.tr("Gruppe"))
        self.round_box.setTitle(self.tr("Runde"))
        self.options_box.setTitle(self.tr("Visning"))
        self.difference.setText(self.tr("Vis differanse"))
        self.decimal_label.setText(self.tr("Desimaltegn:"))
        self.decimal_comma.setText(self.tr("Komma (12,5)"))
        self.decimal_point.setText(self.tr("Punktum (12.5)"))
        for button in (self.difference, self.decimal_comma, self.decimal_point):
            button.setAccessibleName(button.text())
        for button in (self.decimal_comma, self.decimal_point):
            button.setAccessibleDescription(self.decimal_label.text().rstrip(":"))
        self.setAccessibleName(self.tr("Utvalg og visning"))

    def retranslate(self) -> None:
        """Every text again: fixed ones from the catalogue, the package's labels in the selection's language."""
        self._retranslate_fixed()
        for code, check in self.segment_checks.items():
            self._label(check, self._package.label("segments", code, self._lang), self.segment_box,
                        self._package.short_label("segments", code, self._lang))
        if self._exhibit:
            self._built_for = None  # the texts changed: build the buttons again
            self._rebuild_for_exhibit(self._exhibit)
        self._sync(self._selection.state)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt override)
        super().changeEvent(event)
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()

    def _label(self, button: QAbstractButton, text: str, box: QGroupBox, short: str = "") -> None:
        """The control's text: the short label (or the label) elided to the panel; the whole label in its tooltip."""
        button.setProperty(FULL_TEXT, text)
        button.setText(button.fontMetrics().elidedText(short or text, Qt.TextElideMode.ElideRight, LABEL_WIDTH))
        button.setAccessibleName(text)
        button.setAccessibleDescription(box.title())
        button.installEventFilter(self._reason_filter)
        set_reason(button, button.property(REASON) or "")

    def _fix_tab_order(self) -> None:
        """Tab goes down the panel as it reads: segments, groups, rounds, then the display options."""
        chain = [*self.segment_checks.values(), *self.population_checks.values(), *self.round_buttons.values(),
                 self.difference, self.decimal_comma, self.decimal_point]
        for first, second in zip(chain, chain[1:]):
            QWidget.setTabOrder(first, second)

    # -- building ------------------------------------------------------------------------------
    def set_package(self, package: Package) -> None:
        self._package = package
        self._exhibit = None
        self._built_for = None
        for check in self.segment_checks.values():
            check.deleteLater()
        self.segment_checks = {}
        for code in package.segments.index:
            check = QCheckBox(self.segment_box)
            self._label(check, package.label("segments", code, self._lang), self.segment_box,
                        package.short_label("segments", code, self._lang))
            check.setObjectName(f"segment_{code}")
            check.clicked.connect(lambda checked, c=code: self._toggle("segments", c, checked))
            self.segment_layout.addWidget(check)
            self.segment_checks[code] = check
        self._on_selection(self._selection.state, frozenset({"exhibit", "chapter"}))
        self._fit_width()

    def _fit_width(self) -> None:
        """The panel is never narrower than its widest control plus the scroll bar, so no box runs past its edge."""
        bar = self._scroll.verticalScrollBar().sizeHint().width()
        need = self._body.minimumSizeHint().width() + bar + 2
        if self._scroll.minimumWidth() != need:
            self._scroll.setMinimumWidth(need)
            self.setMinimumWidth(max(230, need))  # the panel's own minimum would otherwise let the dock cut it

    def _clear(self, layout: QVBoxLayout, buttons: dict) -> None:
        for button in buttons.values():
            layout.removeWidget(button)
            button.hide()  # gone now, not only when the event loop deletes it (no overlap in the meantime)
            button.deleteLater()
        buttons.clear()

    def _rebuild_for_exhibit(self, exhibit_id: str) -> None:
        avail = availability(self._package, exhibit_id)
        for code, check in self.segment_checks.items():
            set_reason(check, "" if code in avail.segments else self.tr("ingen tall for dette utvalget i rapportens tekst"))

        built_for = (avail.populations, avail.rounds, self._lang)
        if built_for == self._built_for:  # the same buttons as now: keep them (rebuilding relays out the dock)
            return
        self._built_for = built_for
        self._clear(self.population_layout, self.population_checks)
        for code in avail.populations:
            check = QCheckBox(self.population_box)
            self._label(check, self._package.label("populations", code, self._lang), self.population_box,
                        self._package.short_label("populations", code, self._lang))
            check.setObjectName(f"population_{code}")
            check.clicked.connect(lambda checked, c=code: self._toggle("populations", c, checked))
            self.population_layout.addWidget(check)
            self.population_checks[code] = check
        self.population_box.setVisible(len(avail.populations) > 1)

        self._clear(self.round_layout, self.round_buttons)
        if self._round_group is not None:
            self._round_group.deleteLater()
            self._round_group = None
        if set(avail.rounds) <= {FEBRUARY, JUNE}:
            self._round_group = QButtonGroup(self)
            choices = ((FEBRUARY, self._package.label("rounds", FEBRUARY, self._lang)),
                       (JUNE, self._package.label("rounds", JUNE, self._lang)),
                       (Round.BOTH, self.tr("Begge side om side")))
            for mode, text in choices:
                button = QRadioButton(self.round_box)
                self._label(button, text, self.round_box)
                button.setObjectName(f"round_{mode}")
                wanted = Round.SURVEY if mode == Round.BOTH else (mode,)
                ok = all(r in avail.rounds for r in wanted)
                set_reason(button, "" if ok else self.tr("ingen tall fra denne runden i rapportens tekst") if mode != Round.BOTH
                           else self.tr("rapportens tekst gir tall fra bare én runde"))
                button.clicked.connect(lambda _checked=False, w=wanted: choose_rounds(self._selection, self._package, w))
                self._round_group.addButton(button)
                self.round_layout.addWidget(button)
                self.round_buttons[mode] = button
        else:  # other rounds (the 2019 survey, a round not given): list what the exhibit has
            for code in avail.rounds:
                check = QCheckBox(self.round_box)
                self._label(check, self._package.label("rounds", code, self._lang) if code else self.tr("Uten tid"), self.round_box)
                check.setObjectName(f"round_{code or 'none'}")
                check.clicked.connect(lambda checked, c=code: self._toggle("rounds", c, checked))
                self.round_layout.addWidget(check)
                self.round_buttons[code] = check
        self._fix_tab_order()
        self._fit_width()

    # -- user input ----------------------------------------------------------------------------
    def _toggle(self, field: str, code: str, checked: bool) -> None:
        state = self._selection.state
        current = set(getattr(state, field))
        if checked:
            current.add(code)
        else:
            current.discard(code)
        if not current:  # at least one stays ticked
            self._sync(state)
            return
        if field == "segments":
            order = list(self._package.segments.index)
        elif field == "populations":
            order = list(self._package.populations.index)
        else:
            order = list(self._package.rounds.index)
        ordered = tuple(sorted(current, key=lambda c: order.index(c) if c in order else len(order)))
        self._selection.update(**{field: ordered})

    def difference_reason(self, count: int) -> str:
        """Why "Vis differanse" cannot be ticked with ``count`` value columns shown; "" when it can."""
        if count == 2:
            return ""
        if not self._selection.state.exhibit:
            return self.tr("Vis differanse gjelder en figur eller tabell: velg en i innholdet")
        if count < 2:
            return self.tr("Vis differanse sammenligner to kolonner, her er det bare én: kryss av ett utvalg, "
                           "en gruppe eller begge rundene til")
        return self.tr("Vis differanse sammenligner nøyaktig to kolonner, her er det %1: ta bort Alle eller "
                       "andre valg til bare to står igjen").replace("%1", str(count))

    # -- redraw from the state -------------------------------------------------------------------
    def _on_selection(self, state: SelectionState, changed: frozenset[str]) -> None:
        if "language" in changed:
            self.retranslate()
        if "exhibit" in changed or "chapter" in changed:
            if state.exhibit and state.exhibit != self._exhibit:
                self._rebuild_for_exhibit(state.exhibit)
            self._exhibit = state.exhibit or None
            on_exhibit = bool(state.exhibit)
            page = "" if on_exhibit else self.tr("Et kapittel har ingen utvalg å velge: velg en figur eller tabell")
            for box in (self.segment_box, self.round_box, self.population_box):
                box.setEnabled(on_exhibit)
                box.setToolTip(page)  # shown for every control inside that has no tooltip of its own
            if not on_exhibit:
                self.population_box.setVisible(False)
        self._sync(state)

    def _sync(self, state: SelectionState) -> None:
        for code, check in self.segment_checks.items():
            set_checked_quietly(check, code in state.segments and bool(state.exhibit))
        for code, check in self.population_checks.items():
            set_checked_quietly(check, code in state.populations)
        if self._round_group is not None:
            rounds = set(state.rounds)
            self._round_group.setExclusive(False)  # so that no button may be checked for a moment
            for mode, button in self.round_buttons.items():
                wanted = set(Round.SURVEY) if mode == Round.BOTH else {mode}
                set_checked_quietly(button, rounds == wanted)
            self._round_group.setExclusive(True)
        else:
            for code, check in self.round_buttons.items():
                set_checked_quietly(check, code in state.rounds)
        count = series_count(self._package, state)
        two = count == 2
        set_reason(self.difference, self.difference_reason(count))
        set_checked_quietly(self.difference, state.difference and two)  # never a checked box that does nothing
        set_checked_quietly(self.decimal_comma, state.decimal == COMMA)
        set_checked_quietly(self.decimal_point, state.decimal == POINT)
