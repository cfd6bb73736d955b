"""The Evidence tab driven as a user would: import, search, read a record, undo."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QLineEdit, QTabWidget

from cerdesk.gui.dialogs.import_dialog import ImportDialog
from cerdesk.gui.evidence_tab import EvidenceTab
from cerdesk.gui.main_window import MainWindow
from cerdesk.storage import register

RIS = "".join(
    f"TY  - JOUR\nAU  - Author{i}, A\nTI  - {topic} study {i}\nPY  - {2010 + i % 10}\n"
    f"AB  - Patients with {topic} were followed.\nDO  - 10.1000/t{i}\nER  - \n\n"
    for i, topic in enumerate(["femoral neck fracture", "scaphoid nonunion", "hallux valgus"] * 20)
)


def _answer_import_dialog(qtbot, database: str, hits: str) -> None:
    def fill() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, ImportDialog):
            QTimer.singleShot(20, fill)
            return
        dialog.database.setCurrentText(database)
        hits_edit = dialog.findChild(QLineEdit, "import_hits")
        qtbot.keyClicks(hits_edit, hits)
        dialog.query.setPlainText("(screw*) AND (fracture*)")
        dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()

    QTimer.singleShot(0, fill)


def test_import_search_and_undo_in_the_window(window: MainWindow, qtbot, tmp_path: Path) -> None:
    export = tmp_path / "pubmed.ris"
    export.write_text(RIS, encoding="utf-8")
    assert window.new_project(tmp_path / "evidence.cerdesk")
    tabs = window.findChild(QTabWidget, "stage_tabs")
    qtbot.keyClick(window, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    tab = tabs.currentWidget()
    assert isinstance(tab, EvidenceTab)
    assert "No records yet" in tab.count_label.text()

    _answer_import_dialog(qtbot, "PubMed", "60")
    tab.import_dialog([str(export)])
    tab.wait_for_import()
    qtbot.waitUntil(lambda: tab.model.rowCount() == 60, timeout=10000)
    assert tab.count_label.text() == "60 records"
    [run] = window.project.items("search_run")
    assert (run.get("code"), run.get("database"), run.get("hits_reported")) == (
        "SR-01",
        "PubMed",
        60,
    )
    assert tab.runs.model.rowCount() == 1
    tab.runs.view.selectRow(0)
    assert "pubmed.ris — 60 records (ris)" in tab.run_files.text()
    assert "Import 60 records from pubmed.ris into SR-01" in window.undo_action.text()

    # Full-text search narrows the register as the user types.
    tab.search.setFocus()
    qtbot.keyClicks(tab.search, "scaphoid")
    qtbot.waitUntil(lambda: tab.model.rowCount() == 20, timeout=3000)
    assert tab.count_label.text() == "20 of 60 records"
    tab.view.selectRow(0)
    text = tab.detail.toPlainText()
    assert "scaphoid nonunion study" in text and "pubmed.ris" in text and "SR-01" in text

    # Sorting by year runs in SQLite.
    tab.search.clear()
    qtbot.waitUntil(lambda: tab.model.rowCount() == 60, timeout=3000)
    tab.view.sortByColumn(3, Qt.SortOrder.DescendingOrder)
    assert tab.model.index(0, 3).data() == "2019"

    # Undo (Ctrl+Z) removes the import and its run; redo brings them back.
    window.undo_action.trigger()
    assert tab.model.rowCount() == 0 and register.record_count(window.project) == 0
    assert window.project.items("search_run") == []
    window.redo_action.trigger()
    assert tab.model.rowCount() == 60


def test_unreadable_file_imports_nothing(window: MainWindow, qtbot, tmp_path: Path) -> None:
    junk = tmp_path / "export.ris"
    junk.write_bytes(b"\x00\x01binary" * 100)
    assert window.new_project(tmp_path / "e.cerdesk")
    tab = window.evidence_tab
    assert tab is not None
    messages: list[str] = []

    def close_warning() -> None:
        box = QApplication.activeModalWidget()
        if box is None or isinstance(box, ImportDialog):
            QTimer.singleShot(20, close_warning)
            return
        messages.append(box.text())
        box.close()

    tab.start_import([junk], "auto", None, {"database": "Embase"})
    QTimer.singleShot(0, close_warning)
    tab.wait_for_import()
    qtbot.waitUntil(lambda: bool(messages), timeout=5000)
    assert "binary" in messages[0] and "Nothing was imported" in messages[0]
    assert window.project.items("search_run") == []


def test_find_duplicates_and_review_by_keyboard(window: MainWindow, qtbot, tmp_path: Path) -> None:
    from cerdesk.gui.dialogs.duplicate_review import DuplicateReviewDialog

    first, second = tmp_path / "pubmed.ris", tmp_path / "embase.ris"
    first.write_text(RIS, encoding="utf-8")
    second.write_text(RIS.upper().replace("TY  - JOUR", "TY  - JOUR"), encoding="utf-8")
    assert window.new_project(tmp_path / "dups.cerdesk")
    tab = window.evidence_tab
    assert tab is not None
    for path, name in ((first, "PubMed"), (second, "Embase")):
        tab.start_import([path], "ris", None, {"database": name})
        tab.wait_for_import()
        qtbot.waitUntil(
            lambda n=name: any(r.get("database") == n for r in window.project.items("search_run")),
            timeout=10000,
        )
    assert register.record_count(window.project) == 120

    tab.find_duplicates()
    assert register.duplicate_count(window.project) == 60  # same DOIs, upper-cased copies
    assert "60 linked as duplicates" in tab.count_label.text()
    tab.hide_duplicates.setChecked(True)
    assert tab.model.rowCount() == 60
    window.undo_action.trigger()
    assert register.duplicate_count(window.project) == 0
    window.redo_action.trigger()

    # Pairs waiting for review, each decided with one key.
    pairs = register.candidates(window.project)
    assert pairs, "similar titles of different studies are queued for review"
    dialog = DuplicateReviewDialog(window.project, window)
    qtbot.addWidget(dialog)
    dialog.show()
    assert f"Pair 1 of {len(pairs)}" in dialog.heading.text()
    assert dialog.model.rowCount() > 5
    qtbot.keyClick(dialog, Qt.Key.Key_N)
    assert dialog.remaining == len(pairs) - 1
    assert (pairs[0].record_a, pairs[0].record_b) in register.not_duplicate_pairs(window.project)
    second = register.candidates(window.project)[0]
    shown = dialog._current()
    assert shown is not None and shown.id == second.id
    qtbot.keyClick(dialog, Qt.Key.Key_K)  # keep the right-hand record
    assert dialog.model.headerData(1, Qt.Orientation.Horizontal) == "Kept"
    qtbot.keyClick(dialog, Qt.Key.Key_D)
    links = register.duplicate_links(window.project)
    # The left record now points at the kept one (or at the record that one duplicates).
    assert links[second.record_a] == links.get(second.record_b, second.record_b)
    assert dialog.remaining == len(pairs) - 2


def test_screening_by_keyboard(window: MainWindow, qtbot, tmp_path: Path) -> None:
    from cerdesk.gui.dialogs.screening import ScreeningDialog
    from cerdesk.ops import plan

    export = tmp_path / "pubmed.ris"
    export.write_text(RIS, encoding="utf-8")
    assert window.new_project(tmp_path / "screen.cerdesk")
    project = window.project
    plan.add_item(project, "exclusion_reason", {"code": "WRONG_POP", "label": "Wrong population"})
    plan.add_item(project, "exclusion_reason", {"code": "WRONG_DESIGN", "label": "Wrong design"})
    plan.add_item(
        project,
        "eligibility_criterion",
        {"criterion_type": "INCLUSION", "text": "Femoral neck", "highlight_terms": ["femoral"]},
    )
    tab = window.evidence_tab
    tab.start_import([export], "ris", None, {"database": "PubMed"})
    tab.wait_for_import()
    qtbot.waitUntil(lambda: register.record_count(project) == 60, timeout=10000)

    qtbot.waitUntil(lambda: window.undo_action.isEnabled(), timeout=5000)  # import written
    dialog = ScreeningDialog(project, window)
    dialog.decided.connect(tab.changed)  # as Screen Records… connects it
    qtbot.addWidget(dialog)
    dialog.show()
    assert "Screened 0 of 60" in dialog.progress.text()
    assert dialog.current_record() == 1
    assert "c8f0c8" in dialog.view.toHtml()  # "femoral" shaded as an inclusion term
    qtbot.keyClick(dialog, Qt.Key.Key_I)  # include record 1
    assert dialog.current_record() == 2
    qtbot.keyClick(dialog, Qt.Key.Key_E)
    assert dialog.reasons_label.isVisible() and "WRONG_DESIGN" in dialog.reasons_label.text()
    qtbot.keyClick(dialog, Qt.Key.Key_2)  # exclude record 2: wrong design
    qtbot.keyClick(dialog, Qt.Key.Key_U)  # record 3 unsure
    assert "Screened 3 of 60 · 1 included · 1 excluded · 1 unsure" in dialog.progress.text()
    assert register.decisions(project, 2, "TITLE_ABSTRACT") == [
        ("Gui Tester", "EXCLUDE", "WRONG_DESIGN")
    ]
    qtbot.keyClick(dialog, Qt.Key.Key_Left)
    qtbot.keyClick(dialog, Qt.Key.Key_Left)
    assert dialog.current_record() == 2
    qtbot.keyClick(dialog, Qt.Key.Key_I)  # change record 2 to include
    assert register.decisions(project, 2, "TITLE_ABSTRACT")[0][1] == "INCLUDE"
    # The Screening column follows the decisions without a new query of the register.
    assert [tab.model.index(r, 7).data() for r in range(4)] == ["include", "include", "unsure", ""]
    # Full text lists the two included records.
    dialog.stage.setCurrentIndex(1)
    assert "Screened 0 of 2" in dialog.progress.text()
    dialog.close()
    window.undo_action.trigger()
    assert register.decisions(project, 2, "TITLE_ABSTRACT")[0][1] == "EXCLUDE"


def test_prisma_page_and_exports(window: MainWindow, qtbot, tmp_path: Path) -> None:
    export = tmp_path / "pubmed.ris"
    export.write_text(RIS, encoding="utf-8")
    assert window.new_project(tmp_path / "prisma.cerdesk")
    tab = window.evidence_tab
    tab.start_import([export], "ris", None, {"database": "PubMed"})
    tab.wait_for_import()
    qtbot.waitUntil(lambda: register.record_count(window.project) == 60, timeout=10000)
    tab.pages.setCurrentIndex(1)
    assert tab.prisma.flow is not None
    assert tab.prisma.flow.databases == (60, [("PubMed", 60)])
    assert "Records awaiting screening: 60" in tab.prisma_note.text()
    png, svg = tmp_path / "prisma.png", tmp_path / "prisma.svg"
    tab.prisma.save_png(png)
    tab.prisma.save_svg(svg)
    from PySide6.QtGui import QImage

    image = QImage(str(png))
    assert image.width() > 1000 and image.height() > 600
    text = svg.read_text(encoding="utf-8")
    assert "Records screened (n = 0)" in text and "PubMed (n = 60)" in text
    # The diagram follows edits live.
    from cerdesk.ops import plan, screening

    plan.add_item(window.project, "exclusion_reason", {"code": "X1", "label": "Off topic"})
    window.dispatch(
        screening.decide(window.project, 1, "TITLE_ABSTRACT", "EXCLUDE", reason_code="X1")
    )
    assert tab.prisma.flow.screened == 1 and tab.prisma.flow.excluded == 1


def test_disagreements_are_listed_and_resolved(window: MainWindow, qtbot, tmp_path: Path) -> None:
    from cerdesk.gui.dialogs.screening import ScreeningDialog
    from cerdesk.ops import screening

    export = tmp_path / "pubmed.ris"
    export.write_text(RIS, encoding="utf-8")
    assert window.new_project(tmp_path / "two.cerdesk")
    project = window.project
    tab = window.evidence_tab
    tab.start_import([export], "ris", None, {"database": "PubMed"})
    tab.wait_for_import()
    qtbot.waitUntil(lambda: register.record_count(project) == 60, timeout=10000)
    screening.decide(project, 5, "TITLE_ABSTRACT", "INCLUDE", reviewer="Second Reviewer")
    screening.decide(project, 5, "TITLE_ABSTRACT", "UNSURE")
    screening.decide(project, 6, "TITLE_ABSTRACT", "INCLUDE", reviewer="Second Reviewer")
    screening.decide(project, 6, "TITLE_ABSTRACT", "INCLUDE")
    assert register.disagreements(project, "TITLE_ABSTRACT") == [5]

    dialog = ScreeningDialog(project, window)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.only_disagreements.text() == "Only disagreements (1)"
    dialog.only_disagreements.setChecked(True)
    assert dialog.current_record() == 5
    assert "Second Reviewer: Included" in dialog.position_label.text()
    qtbot.keyClick(dialog, Qt.Key.Key_I)  # agree: resolved
    assert register.disagreements(project, "TITLE_ABSTRACT") == []
    assert dialog.current_record() is None
    assert register.final_decision(project, 5, "TITLE_ABSTRACT") == "INCLUDE"


def test_full_text_attach_and_not_retrieved(window: MainWindow, qtbot, tmp_path: Path) -> None:
    export = tmp_path / "pubmed.ris"
    export.write_text(RIS, encoding="utf-8")
    pdf = tmp_path / "study.pdf"
    pdf.write_bytes(b"%PDF-1.4\n%%EOF\n")
    assert window.new_project(tmp_path / "ft.cerdesk")
    tab = window.evidence_tab
    tab.start_import([export], "ris", None, {"database": "PubMed"})
    tab.wait_for_import()
    qtbot.waitUntil(lambda: tab.model.rowCount() == 60, timeout=10000)
    tab.view.selectRow(0)
    assert tab.full_text_label.text() == "Full text: none yet"
    assert not tab.open_full_text_button.isEnabled()
    tab.attach_full_text(str(pdf))
    assert tab.full_text_label.text() == "Full text: study.pdf"
    assert tab.open_full_text_button.isEnabled()
    tab.not_retrieved_button.click()
    assert tab.full_text_label.text() == "Full text: not retrieved"
    window.undo_action.trigger()
    tab.view.selectRow(0)
    assert tab.full_text_label.text() == "Full text: study.pdf"
    tab.group_study(5)
    assert tab.full_text_label.text() == "Full text: study.pdf · Study STU-001 with record 5"
    assert not tab.leave_study_button.isHidden()
    tab.leave_study_button.click()
    assert tab.full_text_label.text() == "Full text: study.pdf"
    assert tab.leave_study_button.isHidden()


def test_other_clinical_data_forms(window: MainWindow, qtbot, tmp_path: Path) -> None:
    assert window.new_project(tmp_path / "other.cerdesk")
    tab = window.evidence_tab
    tab.pages.setCurrentIndex(2)
    pms = next(e for e in tab.other_editors if e.spec.table == "pms_period")
    pms.add_button.click()
    [period] = window.project.items("pms_period")
    assert period.get("code") == "PMS-01"
    from cerdesk.ops import plan

    changes = plan.set_fields(
        window.project,
        "pms_period",
        period.id,
        {"period_start": "2025-01-01", "period_end": "2025-12-31", "units_sold": "12000"},
    )
    window.dispatch(changes)
    assert window.project.item("pms_period", period.id).get("units_sold") == 12000
    complaints = pms.child_editors[0]
    complaints.add_button.click()
    assert window.project.count("pms_complaint_category") == 1
    window.undo_action.trigger()
    assert window.project.count("pms_complaint_category") == 0


def test_unknown_table_columns_are_chosen_in_a_dialog(
    window: MainWindow, qtbot, tmp_path: Path
) -> None:
    from cerdesk.gui.dialogs.column_mapping import ColumnMappingDialog

    table = tmp_path / "liste.csv"
    table.write_text("Titre;Auteurs;Année\nVis canulées;Dupont, A;2020\n", encoding="utf-8")
    assert window.new_project(tmp_path / "map.cerdesk")
    tab = window.evidence_tab

    def choose() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, ColumnMappingDialog):
            QTimer.singleShot(20, choose)
            return
        ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
        assert not ok.isEnabled()  # no title column chosen yet
        dialog.combos["Titre"].setCurrentIndex(dialog.combos["Titre"].findData("title"))
        dialog.combos["Année"].setCurrentIndex(dialog.combos["Année"].findData("year"))
        assert ok.isEnabled()
        ok.click()

    QTimer.singleShot(0, choose)
    tab.start_import([table], "auto", None, {"database": "Other"})
    tab.wait_for_import()
    qtbot.waitUntil(lambda: register.record_count(window.project) == 1, timeout=10000)
    [record] = list(register.iter_records(window.project))
    assert (record["title"], record["year"]) == ("Vis canulées", 2020)


def test_prisma_diagram_with_other_methods(qtbot, tmp_path: Path) -> None:
    from cerdesk.core.prisma import FlowInputs, OtherInputs, build_flow
    from cerdesk.gui.widgets.prisma_diagram import PrismaDiagram

    flow = build_flow(
        FlowInputs(
            identified={"PubMed": 10},
            register_sources=frozenset(),
            duplicates=0,
            screened=10,
            awaiting_screening=0,
            excluded_screening=8,
            sought=2,
            not_retrieved=0,
            assessed=2,
            excluded_reports=[],
            included_reports=2,
            awaiting_assessment=0,
            other=OtherInputs(
                identified={"Citation chasing": 4},
                sought=3,
                not_retrieved=1,
                assessed=2,
                excluded_reports=[("X", "Off topic", 1)],
                included_reports=1,
                awaiting_assessment=0,
            ),
        )
    )
    assert flow.problems == [] and flow.reports_included == 3
    diagram = PrismaDiagram()
    qtbot.addWidget(diagram)
    diagram.set_flow(flow)
    assert diagram.width() > 1400  # four columns of boxes
    svg = tmp_path / "p.svg"
    diagram.save_svg(svg)
    text = svg.read_text(encoding="utf-8")
    assert "Identification of studies via other methods" in text
    assert "Citation chasing (n = 4)" in text
