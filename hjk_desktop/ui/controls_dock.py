"""Side controls: segments, groups, rounds, difference and decimal mark. They only write to the selection.

Every control is redrawn from the selection with its signals blocked, and user input arrives through
``clicked`` (never ``toggled``), so redrawing can never feed back into another update.

A control that cannot be used says why in its tooltip; a click on it sends the same reason out through
``reasonShown`` (the window puts it in the status bar). Labels from the package are elided to the panel's
width, the full text in the tooltip, so a long group name never widens the dock.

Switching exhibits is frequent, so a redraw touches only what changed: a control's text, tooltip, enabled and
checked state are compared before they are set, and the group and round buttons are kept (those an exhibit does
not offer are hidden, not deleted), so a switch lays out and paints the panel once.
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
from hjk_desktop.core.query import availability, exhibit_record, query
from hjk_desktop.core.selection import Selection, SelectionState
from hjk_desktop.ui.navigation import choose_rounds
from hjk_desktop.ui.table_model import plain_tooltip

FEBRUARY, JUNE = Round.SURVEY
LABEL_WIDTH = 170  # px of label text a control shows before it elides (the full text is in the tooltip)
FULL_TEXT, REASON = "fullText", "disabledReason"  # dynamic properties: the label before eliding, why it is off
ROW_SPACING, BOX_MARGIN = 3, 6  # px between the controls in a box, and above and below them inside it


def set_checked_quietly(button: QAbstractButton, checked: bool) -> None:
    """Check or uncheck without emitting anything."""
    if button.isChecked() != checked:
        with QSignalBlocker(button):
            button.setChecked(checked)


def series_count(package: Package, state: SelectionState) -> int:
    """How many value columns the table and chart show for this state."""
    if not state.exhibit:
        return 0
    if exhibit_record(package, state.exhibit)["chart"] == Chart.FACTS:
        return 1
    if len(state.rounds) > 1:  # side by side drops the segment × round columns the text has no value for
        return len(query(package, state.exhibit, state.segments, state.rounds, state.populations).series)
    return len(state.segments) * len(state.rounds) * len(state.populations)


def set_tooltip(widget: QWidget, tip: str) -> None:
    """Set a tooltip only when it differs (setting one sends an event even when it is the same)."""
    if widget.toolTip() != tip:
        widget.setToolTip(tip)


def set_reason(button: QAbstractButton, reason: str) -> bool:
    """Enable the button when reason is empty, else disable it and say why in its tooltip (with any elided label).
    Only what differs is set: the panel calls this for every control on every exhibit switch. True when this
    enabled or disabled the button."""
    switched = button.testAttribute(Qt.WidgetAttribute.WA_ForceDisabled) != bool(reason)  # itself, not by its box
    if switched:
        button.setEnabled(not reason)
    if (button.property(REASON) or "") != reason:
        button.setProperty(REASON, reason)
    full = button.property(FULL_TEXT) or ""
    parts = [full] if full and full != button.text() else []
    if reason:
        parts.append(reason)
    set_tooltip(button, plain_tooltip("\n".join(parts)) or "")
    return switched


class _ReasonOnClick(QObject):
    """Sends a disabled control's reason when the user clicks it anyway (Qt gives disabled widgets no signals).
    Installed on a control only while it is disabled (see ``ControlsPanel._reason``), so the Python call it costs
    is paid for few events."""

    def __init__(self, panel: ControlsPanel) -> None:
        super().__init__(panel)
        self._panel = panel

    def eventFilter(self, obj, event) -> bool:  # noqa: N802 (Qt override)
        if event.type() == QEvent.Type.MouseButtonPress and not obj.isEnabled():
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
        self._tab_chain: list[QWidget] = []  # the controls in tab order, as last set
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
        # rows a little closer than the style's default, so that at 1280×800 the whole panel fits its dock for any
        # exhibit: a scroll bar coming and going between exhibits moved and repainted the panel on each switch
        for box_layout in (self.segment_layout, self.population_layout, self.round_layout, options_layout):
            box_layout.setSpacing(ROW_SPACING)
            margins = box_layout.contentsMargins()
            box_layout.setContentsMargins(margins.left(), BOX_MARGIN, margins.right(), BOX_MARGIN)

        self.segment_checks: dict[str, QCheckBox] = {}
        self.population_checks: dict[str, QCheckBox] = {}
        self.round_buttons: dict[str, QAbstractButton] = {}  # the round controls shown now
        self._round_group: QButtonGroup | None = None  # the radio buttons' group while they are shown
        # every group and round control made so far, kept for the next exhibit that has it (hidden meanwhile)
        self._population_pool: dict[str, QCheckBox] = {}
        self._round_check_pool: dict[str, QCheckBox] = {}
        self._round_radios: dict[str, QRadioButton] = {}
        self._radio_group: QButtonGroup | None = None
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
        """The control's text: the short label (or the label) elided to the panel; the whole label in its tooltip.
        Only what differs is set (a kept control usually has these texts already)."""
        shown = button.fontMetrics().elidedText(short or text, Qt.TextElideMode.ElideRight, LABEL_WIDTH)
        if button.property(FULL_TEXT) != text:
            button.setProperty(FULL_TEXT, text)
        if button.text() != shown:
            button.setText(shown)
        if button.accessibleName() != text:
            button.setAccessibleName(text)
        if button.accessibleDescription() != box.title():
            button.setAccessibleDescription(box.title())
        self._reason(button, button.property(REASON) or "")

    def _reason(self, button: QAbstractButton, reason: str) -> None:
        """``set_reason``, and the click filter on the button while it is disabled."""
        if set_reason(button, reason):
            if reason:
                button.installEventFilter(self._reason_filter)
            else:
                button.removeEventFilter(self._reason_filter)

    def _fix_tab_order(self) -> None:
        """Tab goes down the panel as it reads: segments, groups, rounds, then the display options."""
        chain = [*self.segment_checks.values(), *self.population_checks.values(), *self.round_buttons.values(),
                 self.difference, self.decimal_comma, self.decimal_point]
        if chain == self._tab_chain:
            return
        self._tab_chain = chain
        for first, second in zip(chain, chain[1:]):
            QWidget.setTabOrder(first, second)

    # -- building ------------------------------------------------------------------------------
    def set_package(self, package: Package) -> None:
        self._package = package
        self._exhibit = None
        self._built_for = None
        self._tab_chain = []
        for check in self.segment_checks.values():
            check.deleteLater()
        self.segment_checks = {}
        # another package has other groups and rounds: its controls are made anew
        for layout, pool in ((self.population_layout, self._population_pool), (self.round_layout, self._round_check_pool),
                             (self.round_layout, self._round_radios)):
            self._delete(layout, pool)
        self.population_checks, self.round_buttons = {}, {}
        if self._radio_group is not None:
            self._radio_group.deleteLater()
        self._radio_group = self._round_group = None
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

    @staticmethod
    def _delete(layout: QVBoxLayout, buttons: dict) -> None:
        for button in buttons.values():
            layout.removeWidget(button)
            button.hide()  # gone now, not only when the event loop deletes it (no overlap in the meantime)
            button.deleteLater()
        buttons.clear()

    @staticmethod
    def _show_only(layout: QVBoxLayout, shown: list[QAbstractButton], kept: list[QAbstractButton]) -> None:
        """``shown`` at the top of the layout in this order and visible; the other ``kept`` controls hidden."""
        for i, button in enumerate(shown):
            if layout.indexOf(button) != i:
                layout.removeWidget(button)
                layout.insertWidget(i, button)
        wanted = set(map(id, shown))
        for button in kept:
            visible = id(button) in wanted
            if button.isHidden() == visible:
                button.setVisible(visible)

    def _pooled_check(self, pool: dict, field: str, code: str, box: QGroupBox, layout, name: str) -> QCheckBox:
        """The check box for code from pool, made (toggling code in the selection's field) the first time."""
        check = pool.get(code)
        if check is None:
            check = pool[code] = QCheckBox(box)
            check.setObjectName(name)
            check.clicked.connect(lambda checked, c=code: self._toggle(field, c, checked))
            layout.addWidget(check)
        return check

    def _population_check(self, code: str) -> QCheckBox:
        check = self._pooled_check(self._population_pool, "populations", code, self.population_box,
                                   self.population_layout, f"population_{code}")
        self._label(check, self._package.label("populations", code, self._lang), self.population_box,
                    self._package.short_label("populations", code, self._lang))
        return check

    def _round_radio(self, mode: str) -> QRadioButton:
        if self._radio_group is None:
            self._radio_group = QButtonGroup(self)
        button = self._round_radios.get(mode)
        if button is None:
            button = self._round_radios[mode] = QRadioButton(self.round_box)
            button.setObjectName(f"round_{mode}")
            wanted = Round.SURVEY if mode == Round.BOTH else (mode,)
            button.clicked.connect(lambda _checked=False, w=wanted: choose_rounds(self._selection, self._package, w))
            self._radio_group.addButton(button)
            self.round_layout.addWidget(button)
        text = (self.tr("Begge side om side") if mode == Round.BOTH else self._package.label("rounds", mode, self._lang))
        self._label(button, text, self.round_box)
        return button

    def _round_check(self, code: str) -> QCheckBox:
        check = self._pooled_check(self._round_check_pool, "rounds", code, self.round_box, self.round_layout,
                                   f"round_{code or 'none'}")
        self._label(check, self._package.label("rounds", code, self._lang) if code else self.tr("Uten tid"), self.round_box)
        return check

    def _rebuild_for_exhibit(self, exhibit_id: str) -> None:
        avail = availability(self._package, exhibit_id)
        for code, check in self.segment_checks.items():
            self._reason(check, "" if code in avail.segments else self.tr("ingen tall for dette utvalget i rapportens tekst"))

        built_for = (avail.populations, avail.rounds, self._lang)
        if built_for == self._built_for:  # the same buttons as now, with the same reasons: nothing to do
            return
        self._built_for = built_for
        # the controls this exhibit offers, kept from an earlier one where they can be (a new control relays out the dock)
        self.population_checks = {code: self._population_check(code) for code in avail.populations}
        self._show_only(self.population_layout, list(self.population_checks.values()), list(self._population_pool.values()))

        if set(avail.rounds) <= {FEBRUARY, JUNE}:
            self.round_buttons = {}
            for mode in (FEBRUARY, JUNE, Round.BOTH):
                button = self.round_buttons[mode] = self._round_radio(mode)
                wanted = Round.SURVEY if mode == Round.BOTH else (mode,)
                ok = all(r in avail.rounds for r in wanted)
                self._reason(button, "" if ok else self.tr("ingen tall fra denne runden i rapportens tekst") if mode != Round.BOTH
                           else self.tr("rapportens tekst gir tall fra bare én runde"))
            self._round_group = self._radio_group
        else:  # other rounds (the 2019 survey, a round not given): list what the exhibit has
            self.round_buttons = {code: self._round_check(code) for code in avail.rounds}
            self._round_group = None
        self._show_only(self.round_layout, list(self.round_buttons.values()),
                        [*self._round_radios.values(), *self._round_check_pool.values()])
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
                box.setEnabled(on_exhibit)  # (does nothing when unchanged)
                set_tooltip(box, page)  # shown for every control inside that has no tooltip of its own
            groups_shown = on_exhibit and len(self.population_checks) > 1
            if self.population_box.isHidden() == groups_shown:
                self.population_box.setVisible(groups_shown)
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
        self._reason(self.difference, self.difference_reason(count))
        set_checked_quietly(self.difference, state.difference and two)  # never a checked box that does nothing
        set_checked_quietly(self.decimal_comma, state.decimal == COMMA)
        set_checked_quietly(self.decimal_point, state.decimal == POINT)
