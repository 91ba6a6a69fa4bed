"""The explorer window. It builds the parts, places them and connects them; it redraws nothing itself.

One direction of flow: the tree, the controls, the table's current cell and the actions write to the one
Selection; a core Results follows the selection and works out what is shown; every view (header, chart,
table, status line, provenance) redraws from the Results it is connected to. No widget calls another.
"""

from __future__ import annotations

import os

os.environ.setdefault("PYQTGRAPH_QT_LIB", "PySide6")

from PySide6.QtCore import QCoreApplication, QEvent, QSettings, Qt  # noqa: E402
from PySide6.QtGui import QCloseEvent  # noqa: E402
from PySide6.QtWidgets import QDockWidget, QFileDialog, QMainWindow, QMessageBox, QSplitter, QVBoxLayout, QWidget  # noqa: E402

from hjk_desktop.core.package import Package, PackageError  # noqa: E402
from hjk_desktop.core.results import Results  # noqa: E402
from hjk_desktop.core.selection import Selection, SelectionState  # noqa: E402
from hjk_desktop.ui import actions as action_table  # noqa: E402
from hjk_desktop.ui import i18n, navigation  # noqa: E402
from hjk_desktop.ui.accessibility import ChartPane, set_icon_after_first_paint  # noqa: E402
from hjk_desktop.ui.centre_split import CentreSplit  # noqa: E402
from hjk_desktop.ui.chapter_tree import ChapterTree  # noqa: E402
from hjk_desktop.ui.chart_view import ChartView  # noqa: E402
from hjk_desktop.ui.controls_dock import ControlsPanel  # noqa: E402
from hjk_desktop.ui.exhibit_header import ExhibitHeader  # noqa: E402
from hjk_desktop.ui.findings_list import ExhibitFindings, open_finding  # noqa: E402
from hjk_desktop.ui.provenance_panel import ProvenancePanel  # noqa: E402
from hjk_desktop.ui.settings_store import STATE_VERSION, SettingsStore, remembered_now  # noqa: E402
from hjk_desktop.ui.status_line import StatusLine  # noqa: E402
from hjk_desktop.ui.table_view import ExhibitTableView  # noqa: E402
from hjk_desktop.ui.window_layout import WIDE_SIDES, NarrowDocks, ScreenArea, place, screen_area  # noqa: E402

DEFAULT_SIZE = (1280, 800)


def problems_text(problems, limit: int = 25) -> str:
    lines = [str(p) for p in problems[:limit]]
    if len(problems) > limit:
        lines.append(f"… (+{len(problems) - limit})")
    return "\n".join(lines)


def _tab_stops(widget: QWidget) -> list[QWidget]:
    """The widgets directly inside ``widget`` that Tab stops at, in the order they were made."""
    children = widget.findChildren(QWidget, options=Qt.FindChildOption.FindDirectChildrenOnly)
    return [w for w in children if w.focusPolicy() & Qt.FocusPolicy.TabFocus]


class MainWindow(QMainWindow):
    """Tree (left dock), header + chart + table (centre), controls and provenance (right docks), status bar."""

    def __init__(self, package: Package, settings: QSettings | None = None, exhibit: str | None = None,
                 chapter: int | None = None, parent=None, screen: ScreenArea | None = None) -> None:
        super().__init__(parent)  # screen: the available area to fit into (default: the window's screen's)
        self.setObjectName("mainWindow")
        self.store = SettingsStore(settings)
        self.selection = Selection(SelectionState(language=i18n.installed_language()))  # what app.run installed
        self.selection.connect(self._on_language)  # first listener: Qt's translator is in before any view redraws
        self.results = Results(package, self.selection)
        self.docks: dict[str, QDockWidget] = {}
        self._search_dialog = None  # built on first use: most sessions never search
        set_icon_after_first_paint(self)  # the icon's SVG engine costs a few ms: just after the first paint
        self.setMinimumSize(760, 480)  # below the smallest screen planned for (1024×640), so a clamped window still fits
        self.setDockOptions(QMainWindow.DockOption.AnimatedDocks | QMainWindow.DockOption.AllowTabbedDocks)

        centre = QWidget(self)  # the header above a splitter with the chart and the table
        layout = QVBoxLayout(centre)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        self.header = ExhibitHeader(centre)
        layout.addWidget(self.header)
        self.findings = ExhibitFindings(centre, self.store.settings)  # the shown exhibit's findings, foldable
        layout.addWidget(self.findings)
        self.splitter = QSplitter(Qt.Orientation.Vertical, centre)
        self.splitter.setObjectName("chartTableSplitter")
        self.splitter.setChildrenCollapsible(False)
        self.chart = ChartView()
        self.chart.setMinimumHeight(180)  # with the table's minimum: six category rows and two columns at 1024×640
        self.chart_pane = ChartPane(self.chart, self.splitter)  # the chart, its focus frame and its text description
        self.table = ExhibitTableView(self.splitter)
        self.splitter.addWidget(self.chart_pane)
        self.splitter.addWidget(self.table)
        layout.addWidget(self.splitter, 1)
        self.setCentralWidget(centre)

        # contents on the left, choices on the right; the source of a clicked value below the choices, in view at once
        self.tree = ChapterTree(self.selection, package)
        self.controls = ControlsPanel(self.selection, package)
        self._dock("tree", self.tree, Qt.DockWidgetArea.LeftDockWidgetArea)
        self._dock("controls", self.controls, Qt.DockWidgetArea.RightDockWidgetArea)
        self.status_line = StatusLine(self)
        self.statusBar().addWidget(self.status_line, 1)
        self.provenance = ProvenancePanel(self)  # made last of the docks: Tab goes controls, provenance, table
        self._dock("provenance", self.provenance, Qt.DockWidgetArea.RightDockWidgetArea)
        self.splitDockWidget(self.docks["controls"], self.docks["provenance"], Qt.Orientation.Vertical)
        self.actions, self.menus, self.language_actions = action_table.build(self, self.selection, self.docks)
        self.retranslate()
        # Tab reads the window: contents, controls, table, the chart pane's own stops in its order, the findings
        chain = [self.tree, self.controls.segment_box, self.table, *_tab_stops(self.chart_pane), *_tab_stops(self.findings)]
        for first, second in zip(chain, chain[1:]):
            QWidget.setTabOrder(first, second)

        self.controls.reasonShown.connect(lambda reason: self.statusBar().showMessage(reason, 8000))
        self.controls.decimalChosen.connect(lambda _mark: i18n.mark_decimal_chosen(self.store.settings))
        self.table.set_context_actions([self.actions["copy"], self.actions["copy_markdown"]])
        self.table.copyRequested.connect(self.copy_table)
        self.chart.barClicked.connect(lambda row, key: self.selection.update(focus=(row, key)))
        for source in (self.chart, self.findings):
            source.findingActivated.connect(self.open_finding)
        self.chart.exhibitActivated.connect(lambda ex: navigation.select_exhibit(self.selection, self.package, ex))
        for view in (self.header, self.findings, self.chart_pane, self.table, self.status_line, self.provenance):
            self.results.connect(view.on_results)
        self.results.connect(self._on_shown)

        self.resize(*DEFAULT_SIZE)
        self.resizeDocks([self.docks["tree"], self.docks["controls"]], list(WIDE_SIDES), Qt.Orientation.Horizontal)
        self.resizeDocks([self.docks["controls"], self.docks["provenance"]], [520, 200], Qt.Orientation.Vertical)
        self.splitter.setSizes([520, 200])
        self._default_state = self.saveState(STATE_VERSION)
        self.centre_split = CentreSplit(self.splitter, self.chart_pane, self.table)  # after the table: reads its rows
        self.results.connect(self.centre_split.on_results)
        self.narrow_docks = NarrowDocks(self, self.docks["tree"], self.docks["controls"], self.docks["provenance"],
                                        compact=(self.header, self.chart, self.centre_split))
        self.selection.connect(self._lay_out_now)  # last: after the results' views, the tree and the controls
        self._start(exhibit, chapter, screen or (lambda: screen_area(self)))

    @property
    def package(self) -> Package:
        return self.results.package

    def _dock(self, name: str, widget: QWidget, area: Qt.DockWidgetArea) -> None:
        dock = QDockWidget("", self)
        dock.setObjectName(f"{name}Dock")
        dock.setWidget(widget)
        dock.setFeatures(QDockWidget.DockWidgetFeature.DockWidgetMovable | QDockWidget.DockWidgetFeature.DockWidgetClosable
                         | QDockWidget.DockWidgetFeature.DockWidgetFloatable)
        self.addDockWidget(area, dock)
        self.docks[name] = dock

    def _on_shown(self, results: Results, _changed: frozenset[str]) -> None:
        shown = bool(results.state.exhibit)
        if self.header.isHidden() == shown:
            self.header.setVisible(shown)  # a chapter page says its title and summary itself
        for name in ("copy", "copy_markdown"):
            self.actions[name].setEnabled(results.table is not None)

    def _lay_out_now(self, *_args) -> None:
        """Run the layouts the views' redraw asked for now, before Qt paints: the first paint would otherwise come
        before them, and the header, chart and table, moved and resized by them, would be painted a second time.
        The selection's last listener (every view and control has redrawn by then)."""
        if not self.isVisible():
            return
        for _ in range(4):  # a layout that resizes a widget can ask its children for one more
            QCoreApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest)
        self.table.lay_out_now()
        for _ in range(2):  # the rows' layout can show or hide a scroll bar (a queued call), which lays the table out again
            QCoreApplication.sendPostedEvents(self.table, QEvent.Type.MetaCall)
            QCoreApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest)
        self.chart.prepare_paint()

    # -- language --------------------------------------------------------------------------------
    def retranslate(self) -> None:
        """Every fixed text of the window in the language now installed (data labels follow the selection)."""
        self.setWindowTitle(self.tr("hjk-desktop – LOs tillitsvalgtpanel om hjemmekontor 2021"))
        titles = {"tree": self.tr("Innhold"), "controls": self.tr("Utvalg og visning"), "provenance": self.tr("Kilde for tallet")}
        for name, title in titles.items():
            self.docks[name].setWindowTitle(title)
            self.docks[name].setAccessibleName(title)
        action_table.retranslate(self.actions, self.menus)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt override)
        super().changeEvent(event)
        if event.type() == QEvent.Type.LanguageChange and getattr(self, "menus", None):
            self.retranslate()

    def set_language(self, lang: str) -> None:
        """Switch the whole window to lang now and remember the choice; numbers follow unless a decimal mark was chosen."""
        lang = i18n.usable_language(lang)
        i18n.save_language(self.store.settings, lang)
        changes = {"language": lang}
        if not i18n.decimal_chosen(self.store.settings):
            changes["decimal"] = i18n.default_decimal(lang)
        self.selection.update(**changes)

    def _on_language(self, state: SelectionState, changed: frozenset[str]) -> None:
        if "language" in changed:
            i18n.apply_language(state.language)
            self.retranslate()  # now, not only when Qt's LanguageChange event arrives

    # -- start and settings ----------------------------------------------------------------------
    def _start(self, exhibit: str | None, chapter: int | None, screen: ScreenArea) -> None:
        remembered = self.store.load(self.package.exhibits.index, self.package.chapters.index)
        restored = remembered.geometry is not None and self.restoreGeometry(remembered.geometry)
        place(self, screen(), restored)  # a first start fits the screen; a remembered size too big for it is clamped
        if remembered.state is not None:
            self.restoreState(remembered.state, STATE_VERSION)
        lang = self.selection.state.language
        decimal = remembered.decimal if i18n.decimal_chosen(self.store.settings) else i18n.default_decimal(lang)
        self._round_mode = remembered.round_mode
        with self.selection.batch():  # one notification: the window is drawn once, with the start's final choices
            self.selection.update(decimal=decimal, difference=remembered.difference)
            navigation.select_start(self.selection, self.package, exhibit, chapter, remembered.exhibit, remembered.chapter,
                                    remembered.round_mode)

    def save_settings(self) -> None:
        self.store.save(remembered_now(self, self.selection.state, self._round_mode))

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 (Qt override)
        self.save_settings()
        super().closeEvent(event)

    def reset_layout(self) -> None:
        self.resize(*DEFAULT_SIZE)
        self.narrow_docks.reset(self._default_state, self.docks.values(), screen_area(self))
        self.centre_split.reset()
        self.store.clear_layout()

    # -- search ----------------------------------------------------------------------------------
    @property
    def search_dialog(self):
        if self._search_dialog is None:
            from hjk_desktop.ui.search_dialog import SearchDialog, open_hit

            self._search_dialog = SearchDialog(self.package, self.selection, self)
            self._search_dialog.hitChosen.connect(lambda ex, row: open_hit(self.selection, self.results, self.table, ex, row))
            self._search_dialog.findingChosen.connect(self.open_finding)
        return self._search_dialog

    def open_search(self) -> None:
        self.search_dialog.open_fresh()

    def open_finding(self, finding_id: str) -> None:  # its exhibit, its numbers' cells selected, the first one's source
        open_finding(self.selection, self.package, self.table, finding_id)

    def focus_tree(self) -> None:
        self.docks["tree"].show()
        self.tree.setFocus(Qt.FocusReason.ShortcutFocusReason)

    # -- copy and export -------------------------------------------------------------------------
    def copy_table(self) -> None:
        if self.table.can_copy():
            count = self.table.copy_cells()
            self.statusBar().showMessage(
                self.tr("Kopierte %1 celler").replace("%1", str(count)) if count else self.tr("Kopierte hele tabellen"), 4000)

    def copy_markdown(self) -> None:
        if self.table.can_copy():
            self.table.copy_markdown()
            self.statusBar().showMessage(self.tr("Kopierte tabellen som Markdown"), 4000)

    def copy_figure(self) -> None:
        self.chart.copy_image()
        self.statusBar().showMessage(self.tr("Kopierte figuren som bilde"), 4000)

    def export_current(self) -> None:
        if self.results.result is None:
            self.statusBar().showMessage(self.tr("Velg en figur eller tabell først"), 4000)
            return
        from hjk_desktop.ui.export_dialog import ExportDialog

        ExportDialog(self.package, self.results.result, self.selection.state, self.results.table,
                     chart_view=self.chart, parent=self).exec()

    def export_everything(self) -> None:
        from hjk_desktop.ui.export_dialog import export_all

        path = export_all(self, self.package, self.selection.state.language)
        if path is not None:
            self.statusBar().showMessage(self.tr("Lagret %1").replace("%1", str(path)), 6000)

    # -- package and dialogs ---------------------------------------------------------------------
    def open_package_dialog(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Åpne datapakke"), "", self.tr("Datapakke (datapackage.json)"))
        if path:
            self.open_package(path)

    def open_package(self, path: str, show_errors: bool = True) -> bool:
        """Load another package (a progress dialog with Cancel after 300 ms); a bad one is reported in a dialog and
        the current one kept, as it is when the user cancels."""
        from hjk_desktop.ui.load_progress import load_with_progress

        try:
            package = load_with_progress(path, self)
            if package is None:
                self.statusBar().showMessage(self.tr("Åpningen ble avbrutt; den forrige pakken vises fortsatt."), 6000)
                return False
        except PackageError as exc:
            self.last_package_error = exc
            if show_errors:
                box = QMessageBox(QMessageBox.Icon.Warning, self.tr("Datapakken kan ikke brukes"),
                                  self.tr("Datapakken har %1 feil og ble ikke åpnet. Den forrige pakken vises fortsatt.")
                                  .replace("%1", str(len(exc.problems))), QMessageBox.StandardButton.Ok, self)
                box.setObjectName("packageErrorBox")
                box.setTextFormat(Qt.TextFormat.PlainText)  # the problems quote the package's own text
                box.setDetailedText(problems_text(exc.problems, limit=500))
                box.setInformativeText(problems_text(exc.problems, limit=8))
                box.exec()
            return False
        self.set_package(package)
        return True

    def set_package(self, package: Package) -> None:
        self.selection.update(exhibit="", chapter=None, focus=None)  # nothing of the old package stays chosen
        self.results.set_package(package)
        self.tree.set_package(package)
        self.controls.set_package(package)
        if self._search_dialog is not None:
            self._search_dialog.set_package(package)
        navigation.select_exhibit(self.selection, package, package.exhibit_ids()[0])
        self._lay_out_now()

    def show_about(self) -> None:
        from hjk_desktop.ui.about_dialog import AboutDialog  # dialogs are loaded when first opened

        AboutDialog(self.package, self).exec()

    def show_shortcuts(self) -> None:
        from hjk_desktop.ui.shortcuts_dialog import ShortcutsDialog

        ShortcutsDialog(self.actions, None, self).exec()

