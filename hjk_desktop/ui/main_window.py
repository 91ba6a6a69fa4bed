"""The explorer window. It only assembles the parts and wires them to the one Selection.

The tree and the controls write to the selection; the chart, header, table and status bar are redrawn
from one selection listener here. No widget calls another.
"""

from __future__ import annotations

import os

os.environ.setdefault("PYQTGRAPH_QT_LIB", "PySide6")

from PySide6.QtCore import QEvent, QMimeData, QSettings, Qt, QTimer  # noqa: E402
from PySide6.QtGui import QAction, QActionGroup, QCloseEvent, QGuiApplication, QKeySequence  # noqa: E402
from PySide6.QtWidgets import (  # noqa: E402
    QDockWidget,
    QFileDialog,
    QLabel,
    QMainWindow,
    QMessageBox,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from hjk_desktop.core.comparability import warnings as comparability_warnings  # noqa: E402
from hjk_desktop.core.package import Package, PackageError, load_package  # noqa: E402
from hjk_desktop.core.query import ExhibitResult, query  # noqa: E402
from hjk_desktop.core.selection import Selection, SelectionState  # noqa: E402
from hjk_desktop.core.table import VALUE, TableData, build_table  # noqa: E402
from hjk_desktop.ui import i18n, navigation  # noqa: E402
from hjk_desktop.ui.accessibility import ChartPane, app_icon  # noqa: E402
from hjk_desktop.ui.chapter_tree import ChapterTree, exhibit_short_title  # noqa: E402
from hjk_desktop.ui.chart_view import ChartView  # noqa: E402
from hjk_desktop.ui.controls_dock import ControlsPanel  # noqa: E402
from hjk_desktop.ui.exhibit_header import ExhibitHeader  # noqa: E402
from hjk_desktop.ui.provenance_panel import ProvenancePanel  # noqa: E402
from hjk_desktop.ui.settings_store import STATE_VERSION, Remembered, SettingsStore  # noqa: E402
from hjk_desktop.ui.table_view import ExhibitTableView  # noqa: E402

DEFAULT_SIZE = (1280, 800)
_DATA_FIELDS = frozenset({"exhibit", "chapter", "segments", "rounds", "populations", "language"})
_TABLE_FIELDS = _DATA_FIELDS | {"difference", "intervals"}
_HEADER_FIELDS = frozenset({"exhibit", "segments", "rounds", "populations", "language", "difference", "intervals"})


def problems_text(problems, limit: int = 25) -> str:
    lines = [str(p) for p in problems[:limit]]
    if len(problems) > limit:
        lines.append(f"… (+{len(problems) - limit})")
    return "\n".join(lines)


class MainWindow(QMainWindow):
    """Tree (left dock), header + chart + table (centre), controls (right dock), status bar."""

    def __init__(self, package: Package, settings: QSettings | None = None, exhibit: str | None = None,
                 chapter: int | None = None, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("mainWindow")
        self.package = package
        self.selection = Selection()
        self.store = SettingsStore(settings)
        self.result: ExhibitResult | None = None
        self.table_data: TableData | None = None
        self.actions: dict[str, QAction] = {}
        self.menus = {}
        self.docks: dict[str, QDockWidget] = {}
        self.language_actions: dict[str, QAction] = {}
        self.selection.update(language=i18n.current_language())  # the language app.run (or a test) installed
        # decoding the icon's sizes costs a few ms: do it just after the first paint, not before it
        QTimer.singleShot(0, self, lambda: self.setWindowIcon(app_icon()))
        self.setMinimumSize(900, 560)
        self.setDockOptions(QMainWindow.DockOption.AnimatedDocks | QMainWindow.DockOption.AllowTabbedDocks)

        # centre: header above a splitter with the chart and the table
        centre = QWidget(self)
        layout = QVBoxLayout(centre)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        self.header = ExhibitHeader(centre)
        layout.addWidget(self.header)
        self.splitter = QSplitter(Qt.Orientation.Vertical, centre)
        self.splitter.setObjectName("chartTableSplitter")
        self.splitter.setChildrenCollapsible(False)
        self.chart = ChartView()
        self.chart.setMinimumHeight(220)
        self.chart_pane = ChartPane(self.chart, self.splitter)  # the chart, its focus frame and its text description
        self.table = ExhibitTableView(self.splitter)
        self.splitter.addWidget(self.chart_pane)
        self.splitter.addWidget(self.table)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        layout.addWidget(self.splitter, 1)
        self.setCentralWidget(centre)

        # docks: contents on the left, choices on the right (the right area also takes later panels)
        self.tree = ChapterTree(self.selection, package)
        self.docks["tree"] = self._dock("treeDock", "", self.tree, Qt.DockWidgetArea.LeftDockWidgetArea)
        self.controls = ControlsPanel(self.selection, package)
        self.docks["controls"] = self._dock("controlsDock", "", self.controls, Qt.DockWidgetArea.RightDockWidgetArea)
        self.controls.decimal_group.buttonClicked.connect(lambda _button: i18n.mark_decimal_chosen(self.store.settings))

        self.status_label = QLabel(self)
        self.status_label.setObjectName("statusSummary")
        self.statusBar().addWidget(self.status_label, 1)

        self._build_actions()
        self._build_menus()
        # the provenance of the focused value, tabbed with the controls; search opens over the window
        self.provenance = ProvenancePanel(self)
        self.provenance.setObjectName("provenancePanel")
        # below the controls rather than tabbed behind them: a clicked value's source should be in view at once
        self.docks["provenance"] = self._dock("provenanceDock", "", self.provenance, Qt.DockWidgetArea.RightDockWidgetArea)
        self.splitDockWidget(self.docks["controls"], self.docks["provenance"], Qt.Orientation.Vertical)
        self.actions["toggle_provenance"] = self.docks["provenance"].toggleViewAction()
        self.menus["view"].insertAction(self.actions["focus_tree"], self.actions["toggle_provenance"])
        self._search_dialog = None  # built on first use: most sessions never search
        self._action("search", "", self.open_search, QKeySequence.StandardKey.Find)
        self.menus["edit"].addSeparator()
        self.menus["edit"].addAction(self.actions["search"])
        self.retranslate()
        self._set_tab_order()
        self.table.set_context_actions([self.actions["copy"], self.actions["copy_markdown"]])
        self.table.copyRequested.connect(self.copy_table)
        self.table.selectionModel().currentChanged.connect(self._on_table_current)
        self.chart.barClicked.connect(self._on_bar_clicked)
        self.selection.connect(self._on_selection)

        self.resize(*DEFAULT_SIZE)
        self.resizeDocks([self.docks["tree"], self.docks["controls"]], [250, 300], Qt.Orientation.Horizontal)
        self.resizeDocks([self.docks["controls"], self.docks["provenance"]], [520, 200], Qt.Orientation.Vertical)
        self.splitter.setSizes([520, 200])
        self._default_state = self.saveState(STATE_VERSION)
        self._start(exhibit, chapter)

    # -- construction --------------------------------------------------------------------------
    def _dock(self, name: str, title: str, widget: QWidget, area: Qt.DockWidgetArea) -> QDockWidget:
        dock = QDockWidget(title, self)
        dock.setObjectName(name)
        dock.setWidget(widget)
        dock.setFeatures(QDockWidget.DockWidgetFeature.DockWidgetMovable | QDockWidget.DockWidgetFeature.DockWidgetClosable
                         | QDockWidget.DockWidgetFeature.DockWidgetFloatable)
        self.addDockWidget(area, dock)
        return dock

    def _action(self, name: str, text: str, slot, shortcut=None, tip: str = "") -> QAction:
        action = QAction(text, self)
        action.setObjectName(f"action_{name}")
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
            action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        if tip:
            action.setStatusTip(tip)
            action.setToolTip(tip)
        if slot is not None:
            action.triggered.connect(slot)
        self.addAction(action)
        self.actions[name] = action
        return action

    def _build_actions(self) -> None:
        self._action("open", "", self.open_package_dialog, QKeySequence.StandardKey.Open)
        self._action("quit", "", self.close, QKeySequence.StandardKey.Quit)
        self._action("copy", "", self.copy_table, QKeySequence.StandardKey.Copy)
        self._action("copy_markdown", "", self.copy_markdown, "Ctrl+Shift+C")
        self._action("copy_figure", "", self.copy_figure, "Ctrl+Alt+C")
        tree_toggle = self.docks["tree"].toggleViewAction()
        tree_toggle.setShortcut(QKeySequence("Ctrl+1"))
        self.actions["toggle_tree"] = tree_toggle
        controls_toggle = self.docks["controls"].toggleViewAction()
        controls_toggle.setShortcut(QKeySequence("Ctrl+2"))
        self.actions["toggle_controls"] = controls_toggle
        self._action("focus_tree", "", self._focus_tree, "Ctrl+L")
        self._action("reset_layout", "", self.reset_layout)
        self._action("shortcuts", "", self.show_shortcuts, QKeySequence.StandardKey.HelpContents)
        self._action("about", "", self.show_about)
        self._action("export", "", self.export_current, "Ctrl+E")
        self._action("export_all", "", self.export_everything, "Ctrl+Shift+E")
        intervals = self._action("intervals", "", None, "Ctrl+I")
        intervals.setCheckable(True)
        intervals.toggled.connect(lambda on: self.selection.update(intervals=bool(on)))
        footnote = self._action("footnote", "", None)
        footnote.setCheckable(True)
        footnote.toggled.connect(lambda on: self.selection.update(footnote=bool(on)))
        group = QActionGroup(self)
        group.setExclusive(True)
        for lang in i18n.LANGUAGES:
            action = QAction(i18n.language_name(lang), self)
            action.setObjectName(f"action_language_{lang}")
            action.setCheckable(True)
            action.setChecked(lang == self.selection.state.language)
            action.triggered.connect(lambda _checked=False, code=lang: self.set_language(code))
            group.addAction(action)
            self.language_actions[lang] = action

    def _build_menus(self) -> None:
        bar = self.menuBar()
        file_menu = bar.addMenu("")
        file_menu.setObjectName("menu_file")
        file_menu.addAction(self.actions["open"])
        file_menu.addSeparator()
        file_menu.addAction(self.actions["export"])
        file_menu.addAction(self.actions["export_all"])
        file_menu.addSeparator()
        file_menu.addAction(self.actions["quit"])
        edit = bar.addMenu("")
        edit.setObjectName("menu_edit")
        for name in ("copy", "copy_markdown", "copy_figure"):
            edit.addAction(self.actions[name])
        edit.addAction(self.actions["footnote"])
        view = bar.addMenu("")
        view.setObjectName("menu_view")
        view.addAction(self.actions["toggle_tree"])
        view.addAction(self.actions["toggle_controls"])
        view.addAction(self.actions["focus_tree"])
        view.addSeparator()
        view.addAction(self.actions["intervals"])
        view.addSeparator()
        view.addAction(self.actions["reset_layout"])
        language = bar.addMenu("")
        language.setObjectName("menu_language")
        for action in self.language_actions.values():
            language.addAction(action)
        help_menu = bar.addMenu("")
        help_menu.setObjectName("menu_help")
        help_menu.addAction(self.actions["shortcuts"])
        help_menu.addAction(self.actions["about"])
        self.menus = {"file": file_menu, "edit": edit, "view": view, "language": language, "help": help_menu}

    # -- language --------------------------------------------------------------------------------
    def retranslate(self) -> None:
        """Every fixed text of the window in the language now installed (data labels follow the selection)."""
        self.setWindowTitle(self.tr("hjk-desktop – LOs tillitsvalgtpanel om hjemmekontor 2021"))
        self.docks["tree"].setWindowTitle(self.tr("Innhold"))
        self.docks["controls"].setWindowTitle(self.tr("Utvalg og visning"))
        self.docks["tree"].setAccessibleName(self.tr("Innhold"))
        self.docks["controls"].setAccessibleName(self.tr("Utvalg og visning"))
        self.docks["provenance"].setWindowTitle(self.tr("Kilde for tallet"))
        self.docks["provenance"].setAccessibleName(self.tr("Kilde for tallet"))
        texts = {
            "open": (self.tr("&Åpne datapakke…"), self.tr("Åpne en annen datapakke (mappe med datapackage.json)")),
            "quit": (self.tr("&Avslutt"), ""),
            "copy": (self.tr("&Kopier"), self.tr("Kopier valgte celler, eller hele tabellen når ingenting er valgt")),
            "copy_markdown": (self.tr("Kopier som &Markdown"), self.tr("Kopier tabellen som Markdown-tekst")),
            "copy_figure": (self.tr("Kopier &figur"), self.tr("Kopier figuren som bilde")),
            "toggle_tree": (self.tr("&Innhold"), ""),
            "toggle_controls": (self.tr("&Utvalg og visning"), ""),
            "focus_tree": (self.tr("Gå til innholdslisten"), ""),
            "reset_layout": (self.tr("&Tilbakestill oppsett"), ""),
            "shortcuts": (self.tr("&Hurtigtaster"), ""),
            "about": (self.tr("&Om hjk-desktop"), ""),
            "export": (self.tr("&Eksporter…"), self.tr("Lagre tabellen som CSV eller Excel, eller figuren som PNG eller SVG")),
            "export_all": (self.tr("Eksporter &alt…"),
                           self.tr("Lagre alle figurer og tabeller, alle tall med kilde og datareglene i én Excel-bok")),
            "intervals": (self.tr("Vis 95 %-&usikkerhet (nominell)"),
                          self.tr("Feilstolper der N er kjent. Nominelle: panelet er ikke et sannsynlighetsutvalg.")),
            "footnote": (self.tr("Ta med &kilde når én celle kopieres"),
                         self.tr("Kopierer du ett tall, følger kilden med som fotnote")),
            "toggle_provenance": (self.tr("&Kilde for tallet"), ""),
            "search": (self.tr("&Søk…"), self.tr("Søk i kapitler, spørsmål og svar (Ctrl+F)")),
        }
        for name, (text, tip) in texts.items():
            action = self.actions[name]
            action.setText(text)
            action.setStatusTip(tip)
            action.setToolTip(tip or text.replace("&", ""))
        titles = {"file": self.tr("&Fil"), "edit": self.tr("&Rediger"), "view": self.tr("&Vis"),
                  "language": self.tr("&Språk (Language)"), "help": self.tr("&Hjelp")}
        for name, title in titles.items():
            self.menus[name].setTitle(title)
        self.status_label.setAccessibleName(self.tr("Statuslinje"))
        if self.selection.state.exhibit or self.selection.state.chapter is not None:
            self._show_status(self.selection.state)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt override)
        super().changeEvent(event)
        if event.type() == QEvent.Type.LanguageChange and self.menus:
            self.retranslate()

    def set_language(self, lang: str) -> None:
        """Switch the whole window to lang now and remember the choice; numbers follow unless a decimal mark was chosen."""
        lang = i18n.apply_language(lang)
        i18n.save_language(self.store.settings, lang)
        changes = {"language": lang}
        if not i18n.decimal_chosen(self.store.settings):
            changes["decimal"] = i18n.default_decimal(lang)
        self.selection.update(**changes)
        if self._search_dialog is not None:
            self._search_dialog.set_language(lang)
        self.language_actions[lang].setChecked(True)
        self.retranslate()  # now, not only when Qt's LanguageChange event arrives

    def _set_tab_order(self) -> None:
        """Tab reads the window as it is laid out: contents tree, controls, table, chart, its description."""
        chain = [self.tree, self.controls.segment_box, self.table, self.chart, self.chart_pane.toggle, self.chart_pane.text]
        for first, second in zip(chain, chain[1:]):
            QWidget.setTabOrder(first, second)

    # -- start and settings ----------------------------------------------------------------------
    def _start(self, exhibit: str | None, chapter: int | None) -> None:
        remembered = self.store.load(self.package.exhibits.index, self.package.chapters.index)
        if remembered.geometry is not None:
            self.restoreGeometry(remembered.geometry)
        if remembered.state is not None:
            self.restoreState(remembered.state, STATE_VERSION)
        decimal = remembered.decimal if i18n.decimal_chosen(self.store.settings) else i18n.default_decimal(self.selection.state.language)
        self._round_mode = remembered.round_mode
        with self.selection.batch():  # one notification: the window is drawn once, with the start's final choices
            self.selection.update(decimal=decimal, difference=remembered.difference)
            self._choose_start(remembered, exhibit, chapter)

    def _choose_start(self, remembered: Remembered, exhibit: str | None, chapter: int | None) -> None:
        if exhibit:
            navigation.select_exhibit(self.selection, self.package, exhibit)
        elif chapter is not None:
            navigation.select_chapter(self.selection, chapter)
        elif remembered.exhibit:
            navigation.select_exhibit(self.selection, self.package, remembered.exhibit, remembered.round_mode)
        elif remembered.chapter is not None:
            navigation.select_chapter(self.selection, remembered.chapter)
        else:
            navigation.select_exhibit(self.selection, self.package, self.package.exhibit_ids()[0])

    def remembered(self) -> Remembered:
        state = self.selection.state
        mode = navigation.round_mode(state.rounds) if state.exhibit else None
        return Remembered(
            geometry=self.saveGeometry(), state=self.saveState(STATE_VERSION),
            exhibit=state.exhibit or None, chapter=None if state.exhibit else state.chapter,
            decimal=state.decimal, difference=state.difference, round_mode=mode or self._round_mode,
        )

    def save_settings(self) -> None:
        self.store.save(self.remembered())

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 (Qt override)
        self.save_settings()
        super().closeEvent(event)

    def reset_layout(self) -> None:
        self.restoreState(self._default_state, STATE_VERSION)
        for dock in self.docks.values():
            dock.setFloating(False)
            dock.show()
        self.docks["controls"].raise_()
        self.resize(*DEFAULT_SIZE)
        self.splitter.setSizes([3 * self.splitter.height() // 5, 2 * self.splitter.height() // 5])
        self.store.clear_layout()

    # -- redraw from the selection ---------------------------------------------------------------
    def _on_selection(self, state: SelectionState, changed: frozenset[str]) -> None:
        if not state.exhibit:
            self.result = None
            self.table_data = None
            if state.chapter is not None and changed & _DATA_FIELDS:
                self.header.show_chapter(self.package, state.chapter, state.language)
                self.chart.render_chapter(self.package, state.chapter, state)
                self.table.set_table(None, state.decimal)
            elif state.chapter is None:
                self.header.show_nothing()
                self.chart.render(self.package, None, state)
                self.table.set_table(None, state.decimal)
            elif "decimal" in changed:
                self.chart.render_chapter(self.package, state.chapter, state)
            self.chart_pane.refresh(state.language)
            self._set_copy_enabled(False)
            self._show_status(state)
            return
        if changed & _DATA_FIELDS or self.result is None:
            self.result = query(self.package, state.exhibit, state.segments, state.rounds, state.populations)
        if changed & _TABLE_FIELDS or self.table_data is None:
            self.table_data = build_table(self.package, self.result, state.language, state.difference, state.intervals)
            self.table.set_table(self.table_data, state.decimal)
        elif "decimal" in changed:
            self.table.set_decimal(state.decimal)
        if changed & _HEADER_FIELDS:
            self.header.show_exhibit(self.package, self.result, state, comparability_warnings(self.package, self.result, state))
        if changed - {"focus", "footnote"}:
            self.chart.render(self.package, self.result, state)
            self.chart_pane.refresh(state.language)
        if "exhibit" in changed:
            self.table.reset_sort()
        self._show_focus(state)
        self._set_copy_enabled(True)
        self._show_status(state)

    def _show_focus(self, state: SelectionState) -> None:
        """The provenance panel and the table's current cell follow the focused (row, series)."""
        focus = state.focus
        keys = {s.key for s in self.result.series} if self.result is not None else set()
        if focus is None or self.result is None or focus[1] not in keys or not 0 <= focus[0] < len(self.result.frame):
            self.provenance.clear()
            return
        row, key = focus
        self.provenance.show_cell(self.package, self.result, row, key, state.language, state.decimal)
        if self.table_data is None:
            return
        for column, col in enumerate(self.table_data.columns):
            if col.kind == VALUE and col.key == key:
                index = self.table.proxy.mapFromSource(self.table.source_model.index(row, column))
                if index.isValid() and self.table.currentIndex() != index:
                    self.table.setCurrentIndex(index)
                    self.table.scrollTo(index)
                return

    def _set_copy_enabled(self, on: bool) -> None:
        for name in ("copy", "copy_markdown"):
            self.actions[name].setEnabled(on)

    def status_text(self, state: SelectionState) -> str:
        if not state.exhibit:
            if state.chapter is None:
                return ""
            title = self.package.chapter(state.chapter)[f"title_{state.language}"]
            count = len(self.package.exhibits_in(state.chapter))
            return self.tr("Kapitteloversikt: %1 – %2 figurer og tabeller").replace("%1", str(title)).replace("%2", str(count))
        counts = self.result.counts() if self.result is not None else {"stated": 0, "approx": 0, "derived": 0, "missing": 0}
        name = exhibit_short_title(self.package, state.exhibit, state.language).split(":")[0]
        columns = len(self.result.series) if self.result is not None else 0
        rows = len(self.result.frame) if self.result is not None else 0
        parts = [
            self.tr("Viser %1: %2 rader × %3 kolonner").replace("%1", name).replace("%2", str(rows)).replace("%3", str(columns)),
            self.tr("%1 oppgitt").replace("%1", str(counts["stated"])),
            self.tr("%1 omtrentlige (≈)").replace("%1", str(counts["approx"])),
            self.tr("%1 beregnet").replace("%1", str(counts["derived"])),
            self.tr("%1 mangler (–)").replace("%1", str(counts["missing"])),
        ]
        return "   ·   ".join(parts)

    def _show_status(self, state: SelectionState) -> None:
        self.status_label.setText(self.status_text(state))

    def _on_bar_clicked(self, row: int, key: str) -> None:
        """A click on a bar focuses its value; the table's current cell and the provenance panel follow the selection."""
        self.selection.update(focus=(row, key))

    def _on_table_current(self, current, _previous) -> None:
        if self.table_data is None or self.result is None or not current.isValid():
            return
        source = self.table.proxy.mapToSource(current)
        column = source.column()
        col = self.table_data.columns[column] if 0 <= column < len(self.table_data.columns) else None
        if col is not None and col.kind == VALUE and col.key:
            self.selection.update(focus=(source.row(), col.key))

    @property
    def search_dialog(self):
        if self._search_dialog is None:
            from hjk_desktop.ui.search_dialog import SearchDialog

            self._search_dialog = SearchDialog(self.package, self.selection.state.language, self)
            self._search_dialog.hitChosen.connect(self._on_search_hit)
        return self._search_dialog

    def open_search(self) -> None:
        self.search_dialog.open_fresh()

    def _on_search_hit(self, exhibit_id: str, row: int) -> None:
        """A search result opens its exhibit; a row hit also focuses and selects that row."""
        navigation.select_exhibit(self.selection, self.package, exhibit_id)
        if row >= 0 and self.result is not None and self.result.series and row < len(self.result.frame):
            self.selection.update(focus=(row, self.result.series[0].key))
            self.table.selectRow(self.table.proxy.mapFromSource(self.table.source_model.index(row, 0)).row())

    def _focus_tree(self) -> None:
        self.docks["tree"].show()
        self.tree.setFocus(Qt.FocusReason.ShortcutFocusReason)

    # -- copy ------------------------------------------------------------------------------------
    def copy_table(self) -> None:
        if self.table_data is None:
            return
        from hjk_desktop.core.clipboard import mime_payload  # copy code is loaded on first copy, not at start

        cells = self.table.selected_cells() or None
        payload = mime_payload(self.table_data, cells, self.selection.state.decimal, self._footnote_for(cells))
        mime = QMimeData()
        mime.setText(payload["text/plain"])
        mime.setHtml(payload["text/html"])
        QGuiApplication.clipboard().setMimeData(mime)
        count = len(cells) if cells else None
        self.statusBar().showMessage(
            self.tr("Kopierte %1 celler").replace("%1", str(count)) if count else self.tr("Kopierte hele tabellen"), 4000)

    def _footnote_for(self, cells) -> str:
        """With the option on, a single copied value carries its provenance as a footnote."""
        state = self.selection.state
        if not state.footnote or not cells or len(cells) != 1 or self.table_data is None or self.result is None:
            return ""
        row, column = cells[0]
        col = self.table_data.columns[column]
        if col.kind != VALUE or not col.key:
            return ""
        from hjk_desktop.core.provenance import footnote

        return footnote(self.package, self.result, row, col.key, state.language, state.decimal)

    def export_current(self) -> None:
        if self.result is None:
            self.statusBar().showMessage(self.tr("Velg en figur eller tabell først"), 4000)
            return
        from hjk_desktop.ui.export_dialog import ExportDialog

        ExportDialog(self.package, self.result, self.selection.state, chart_view=self.chart, parent=self).exec()

    def export_everything(self) -> None:
        from hjk_desktop.ui.export_dialog import export_all

        path = export_all(self, self.package, self.selection.state.language)
        if path is not None:
            self.statusBar().showMessage(self.tr("Lagret %1").replace("%1", str(path)), 6000)

    def copy_markdown(self) -> None:
        if self.table_data is None:
            return
        from hjk_desktop.core.clipboard import to_markdown

        cells = self.table.selected_cells() or None
        mime = QMimeData()
        mime.setText(to_markdown(self.table_data, cells, self.selection.state.decimal))
        QGuiApplication.clipboard().setMimeData(mime)
        self.statusBar().showMessage(self.tr("Kopierte tabellen som Markdown"), 4000)

    def copy_figure(self) -> None:
        image = self.chart.image()
        mime = QMimeData()
        mime.setImageData(image)
        QGuiApplication.clipboard().setMimeData(mime)
        self.statusBar().showMessage(self.tr("Kopierte figuren som bilde"), 4000)

    # -- menus -----------------------------------------------------------------------------------
    def open_package_dialog(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Åpne datapakke"), "", self.tr("Datapakke (datapackage.json)"))
        if path:
            self.open_package(path)

    def open_package(self, path: str, show_errors: bool = True) -> bool:
        """Load another package; a bad one is reported in a dialog and the current one kept."""
        try:
            package = load_package(path)
        except PackageError as exc:
            self.last_package_error = exc
            if show_errors:
                box = QMessageBox(QMessageBox.Icon.Warning, self.tr("Datapakken kan ikke brukes"),
                                  self.tr("Datapakken har %1 feil og ble ikke åpnet. Den forrige pakken vises fortsatt.")
                                  .replace("%1", str(len(exc.problems))), QMessageBox.StandardButton.Ok, self)
                box.setObjectName("packageErrorBox")
                box.setDetailedText(problems_text(exc.problems, limit=500))
                box.setInformativeText(problems_text(exc.problems, limit=8))
                box.exec()
            return False
        self.set_package(package)
        return True

    def set_package(self, package: Package) -> None:
        self.package = package
        self.result = None
        self.table_data = None
        with self.selection.batch():
            self.selection.update(exhibit="", chapter=None)
        self.tree.set_package(package)
        self.controls.set_package(package)
        if self._search_dialog is not None:
            self._search_dialog.set_package(package)
        navigation.select_exhibit(self.selection, package, package.exhibit_ids()[0])

    def show_about(self) -> None:
        from hjk_desktop.ui.about_dialog import AboutDialog  # dialogs are loaded when first opened

        AboutDialog(self.package, self).exec()

    def show_shortcuts(self) -> None:
        extra = [(self.tr("Flytt i innholdslisten"), self.tr("Pil opp / pil ned")),
                 (self.tr("Åpne eller lukk et kapittel"), self.tr("Pil høyre / pil venstre"))]
        from hjk_desktop.ui.shortcuts_dialog import ShortcutsDialog

        ShortcutsDialog(self.actions, extra, self).exec()
