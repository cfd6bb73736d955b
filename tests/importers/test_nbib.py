"""MEDLINE (.nbib) importer: every real MEDLINE file of the shared data, fields, hostile input.

``tests/data/importers/medline_sample.nbib`` was written by hand for these tests (CC0):
three made-up records in PubMed's layout, wrapped title and abstract, FAU and AU names,
``[doi]``/``[pii]`` ids, and a record that follows the previous one without a blank line.
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cerdesk.importers import nbib, ris
from cerdesk.importers.decode import decode_bytes
from cerdesk.importers.errors import ImportFileError
from cerdesk.importers.formats import detect_format, parse_text, read_export
from tests.importers.conftest import shared_file

SAMPLE = Path(__file__).resolve().parents[1] / "data" / "importers" / "medline_sample.nbib"
JABREF = "jabref/importer-fileformat/"
SYNTHETIC = "_synthetic_edge_cases/"

# ----------------------------------------------------------------- real files
#: Every MEDLINE file of ../shared/data/MANIFEST.md with the manifest's record count (the
#: manifest counts ``PMID-`` lines). Files where a record is broken are tested below.
MANIFEST_FILES = [
    ("pybibx/mcda_pubmed.txt", 10),
    ("pybibx/pubmed.txt", 335),
    ("asreview-citation-file-formatting/RIS/_baseline_pubmed.ris", 50),  # .ris name
    ("iebh-reflib/blue-light.nbib", 80),
    ("reflib-node/cancer.nbib", 20),
    ("synthesisr/testdata/PubMed_example.txt", 3),
    (JABREF + "MedlinePlainImporterTestCompleteEntry.txt", 1),
    (JABREF + "NbibImporterTest.nbib", 1),
    (SYNTHETIC + "jabref/importer-fileformat/MedlinePlainImporterStringOutOfBounds.txt", 2),
]

#: MEDLINE-like files the manifest lists as "other" (no count): ERIC's .nbib and JabRef
#: single-record fragments. The counts are what the files hold.
OTHER_FILES = [
    (SYNTHETIC + "colrev/eric_nbib.nbib", 1),
    (SYNTHETIC + "colrev/nbib_data.nbib", 1),
    (SYNTHETIC + "jabref/importer-fileformat/MedlinePlainImporterTestDOI.txt", 1),
    (SYNTHETIC + "jabref/importer-fileformat/MedlinePlainImporterTestInproceeding.txt", 1),
]


def shared_text(relative: str) -> str:
    """Return a shared file decoded as read_export would."""
    text, _ = decode_bytes(shared_file(relative).read_bytes())
    return text


@pytest.mark.parametrize(("relative", "count"), MANIFEST_FILES + OTHER_FILES)
def test_manifest_files_read_completely(relative: str, count: int) -> None:
    result = read_export(shared_file(relative), "nbib")
    assert result.format == "nbib"
    assert len(result.records) == count
    assert result.problems == []
    assert [r.source_index for r in result.records] == list(range(1, count + 1))


def test_truncated_real_file_reports_its_cut_last_record() -> None:
    # metaknowledge's medline_test.medline holds 175 PMID lines, but the file stops in
    # the middle of the last record's title ("... in the endometriu"): 174 records are
    # read and the 175th is reported, not imported half.
    result = read_export(shared_file("metaknowledge/medline_test.medline"), "nbib")
    assert len(result.records) == 174
    assert len(result.problems) == 1
    problem = result.problems[0]
    assert (problem.record, problem.line) == (175, 14925)
    assert "cut short" in problem.message


def test_blocks_without_pmid_in_a_pubmed_file_are_reported() -> None:
    # JabRef's MedlinePlainImporterTestMultipleEntries holds 5 PMID records (the
    # manifest's count) and, between them, two tagged blocks without a PMID line (PMC,
    # PMCR) and one untagged line; the blocks are reported, the stray line ignored.
    result = read_export(shared_file(JABREF + "MedlinePlainImporterTestMultipleEntries.txt"))
    assert result.format == "nbib"
    assert [r.pmid for r in result.records] == [
        "20481061",
        "22664220",
        "22664238",
        "96578310",
        "45984220",
    ]
    assert [(p.record, p.line) for p in result.problems] == [(2, 55), (3, 77)]
    assert all("PMID" in p.message for p in result.problems)


@pytest.mark.parametrize(("relative", "count"), MANIFEST_FILES + OTHER_FILES)
def test_manifest_files_are_detected_as_nbib(relative: str, count: int) -> None:
    for module in ("pubmed_xml", "endnote_xml"):
        pytest.importorskip(f"cerdesk.importers.{module}")
    text = shared_text(relative)
    assert detect_format(text) == "nbib"
    assert not ris.sniff(text)


def test_pubmed_record_fields() -> None:
    first = read_export(shared_file("pybibx/pubmed.txt"), "nbib").records[0]
    assert first.pmid == first.source_id == "35757629"
    assert first.title == (
        "Knowledge Mapping of Multicriteria Decision Analysis in Healthcare: A Bibliometric "
        "Analysis."
    )
    assert first.authors[:2] == ("Dai, Zeqi", "Xu, Simin")  # FAU, not AU
    assert first.doi == "10.3389/fpubh.2022.895552"
    assert first.year == 2022
    assert (first.journal, first.journal_abbrev) == (
        "Frontiers in public health",
        "Front Public Health",
    )
    assert (first.volume, first.pages) == ("10", "895552")
    assert first.language == "eng"
    assert first.publication_type == "Journal Article; Research Support, Non-U.S. Gov't; Review"
    assert first.issn == "2296-2565 (Electronic); 2296-2565 (Linking)"
    assert "*COVID-19" in first.keywords
    assert first.raw.startswith("PMID- 35757629\nOWN - NLM\n")
    assert first.raw.endswith("doi: 10.3389/fpubh.2022.895552. \n      eCollection 2022.")
    assert first.extra["SO"] == [
        "Front Public Health. 2022 Jun 9;10:895552. doi: 10.3389/fpubh.2022.895552. "
        "eCollection 2022."
    ]
    assert "PHST" in first.extra


def test_pages_are_expanded_and_issue_kept() -> None:
    first = read_export(shared_file("metaknowledge/medline_test.medline"), "nbib").records[0]
    assert first.title == "Bioinformatic survey of ABC transporters in dermatophytes."
    assert first.pages == "466-475"  # "PG  - 466-75"
    assert first.issue == "1 Pt 3"
    assert first.doi == "10.1016/j.gene.2015.10.064"


def test_eric_nbib_without_pmid() -> None:
    record = read_export(shared_file(SYNTHETIC + "colrev/eric_nbib.nbib")).records[0]
    assert record.pmid is None
    assert record.source_id == "EJ1131633"  # OID
    assert record.title == "Paper title"
    assert record.authors == ("Smith, Tom", "Hunter, Shawn")
    assert record.doi == "10.1000/123456789"  # AID as a dx.doi.org link
    assert record.url == "http://eric.ed.gov/?id=EJ1131633"
    assert record.issn == "ISSN-1234-4567"  # four-letter tag "ISSN - "
    assert (record.year, record.pages) == (2000, "1-9")


def test_layout_variants() -> None:
    doi = read_export(
        shared_file(SYNTHETIC + "jabref/importer-fileformat/MedlinePlainImporterTestDOI.txt")
    ).records[0]
    assert doi.pmid == "22664220"  # "PMID-22664220" without the space
    assert doi.doi == "10.1016/j.cpr.2005.02.002"  # "AID - doi:10.1016/..."
    bounds = read_export(
        shared_file(
            SYNTHETIC + "jabref/importer-fileformat/MedlinePlainImporterStringOutOfBounds.txt"
        )
    ).records
    assert [r.title for r in bounds] == ["This is a test title", "This is also a test title"]


# ------------------------------------------------------------- own fixture
def test_sample_fixture_is_detected_and_read() -> None:
    result = read_export(SAMPLE)
    assert result.format == "nbib"
    assert result.problems == []
    first, second, third = result.records
    assert first.title == (
        "A made-up title that is long enough to be wrapped over two lines by the exporter."
    )
    assert first.abstract == (
        "BACKGROUND: A first sentence. METHODS: A second sentence that goes on over the next line."
    )
    assert first.authors == ("Doe, Jane", "Roe, Richard")
    assert (first.journal, first.journal_abbrev) == ("Journal of examples", "J Ex")
    assert (first.year, first.volume, first.issue, first.pages) == (2019, "12", "3", "123-129")
    assert first.doi == "10.1000/abc.123"
    assert first.keywords == ("Humans", "*Stents", "stent")  # OT "Humans" repeats MH
    assert first.publication_type == "Journal Article; Review"
    assert first.extra["PL"] == ["England"]
    assert second.authors == ("Smith A", "Jones B")  # AU when there is no FAU
    assert (second.year, second.journal) == (2020, "Another journal")
    assert third.pmid == "10000003"  # no blank line before it
    assert third.year == 2021  # from DEP, there is no DP
    assert third.raw == (
        "PMID- 10000003\nOWN - NLM\nDEP - 20210105\n"
        "TI  - A third record that follows without a blank line.\nSO  - Third J. 2021."
    )
    assert second.raw.endswith("SO  - Another J. 2020.")


# -------------------------------------------------------------- unit cases
def test_sniff() -> None:
    assert nbib.sniff("\n\nPMID- 123\nOWN - NLM\n")
    assert nbib.sniff("OWN - ERIC\nTI  - x\n")
    assert not nbib.sniff("TY  - JOUR\nPMID  - 123\nER  - \n")  # PsycINFO RIS
    assert not nbib.sniff("TY  - JOUR\nPMID - 123\nER  - \n")
    assert not nbib.sniff("FN Clarivate Analytics Web of Science\nPM 123\n")


def test_text_without_pmid_is_not_medline() -> None:
    with pytest.raises(ImportFileError, match="no MEDLINE records"):
        nbib.parse("TI  - x\nAU  - y\n")
    with pytest.raises(ImportFileError):
        parse_text("hello\nworld\n", "nbib")


def test_same_author_name_twice_is_kept() -> None:
    records, _ = nbib.parse("PMID- 1\nFAU - Wang, Li\nFAU - Wang, Li\nSO  - x\n")
    assert records[0].authors == ("Wang, Li", "Wang, Li")


# ------------------------------------------------------------ hostile input
def test_cut_file_keeps_complete_records_and_reports_the_cut_one() -> None:
    text = shared_text("iebh-reflib/blue-light.nbib")
    tenth = [i for i, line in enumerate(text.split("\n")) if line.startswith("PMID-")][9]
    lines = text.split("\n")
    cut = "\n".join(lines[: tenth + 12])  # stops in the middle of record 10
    records, problems = nbib.parse(cut)
    assert len(records) == 9
    assert [(p.record, p.line) for p in problems] == [(10, tenth + 1)]


def test_binary_junk_is_refused(tmp_path: Path) -> None:
    junk = tmp_path / "pubmed.nbib"
    junk.write_bytes(b"PMID- 1\n" + bytes(range(256)) * 64)
    with pytest.raises(ImportFileError, match=r"pubmed\.nbib"):
        read_export(junk)
    with pytest.raises(ImportFileError):
        parse_text(bytes(range(1, 256)).decode("latin-1") * 10, "nbib")


def test_ten_megabyte_abstract_parses_quickly() -> None:
    one_line = "PMID- 1\nTI  - Big\nAB  - " + "word " * 2_000_000 + "\nSO  - x\n"
    wrapped = "PMID- 2\nAB  - start\n" + ("      more words in a line\n" * 450_000) + "SO  - x\n"
    for text in (one_line, wrapped):
        started = time.perf_counter()
        records, problems = nbib.parse(text)
        assert time.perf_counter() - started < 10
        assert len(records) == 1 and problems == []
        assert records[0].abstract is not None and len(records[0].abstract) > 9_000_000


def test_many_records_parse_in_linear_time() -> None:
    record = (
        "PMID- 123\nOWN - NLM\nDP  - 2020 Jan\nTI  - A title\n      wrapped\nPG  - 1-9\n"
        "LID - 10.1000/x [doi]\nAB  - An abstract.\nFAU - Doe, Jane\nAU  - Doe J\n"
        "JT  - Journal\nTA  - J\nMH  - Humans\nSO  - J. 2020.\n\n"
    )
    started = time.perf_counter()
    records, _ = nbib.parse(record * 20_000)
    assert len(records) == 20_000
    assert time.perf_counter() - started < 10


TAG_LIKE = st.sampled_from(
    [
        "PMID- ", "PMID-", "OWN - ", "TI  - ", "TI  -", "TI-", "AB  - ", "      ", "FAU - ",
        "AU  - ", "LID - ", "AID - ", "DP  - ", "PG  - ", "SO  - ", "MH  - ", "IS  - ",
        "ISSN - ", "", "   ", "TY  - ", "DEP - ", "EDAT- ",
    ]
)  # fmt: skip


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text())
def test_random_text_only_raises_import_errors(text: str) -> None:
    try:
        records, _ = nbib.parse(text)
    except ImportFileError:
        return
    assert all(r.raw for r in records)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(TAG_LIKE, st.text(max_size=40)), max_size=60))
def test_tag_like_lines_only_raise_import_errors(lines: list[tuple[str, str]]) -> None:
    text = "\n".join(prefix + value for prefix, value in lines)
    try:
        records, problems = nbib.parse(text)
    except ImportFileError:
        return
    indexes = [r.source_index for r in records] + [p.record for p in problems]
    assert sorted(indexes) == list(range(1, len(indexes) + 1))


def test_pathological_values_stay_linear() -> None:
    text = (
        "PMID- 1\n"
        f"LID - 10.1000/x{')' * 300_000} [doi]\n"
        f"AID - 10.1000/y{')' * 300_000}\n"
        f"PG  - 1{' ' * 300_000}x\n"
        f"DP  - {'1' * 300_000}\n"
        "SO  - x\n"
    )
    started = time.perf_counter()
    records, problems = nbib.parse(text)
    assert time.perf_counter() - started < 5
    assert len(records) == 1 and problems == []
    assert records[0].doi == "10.1000/x"
