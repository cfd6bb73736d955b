"""RIS importer: every real RIS file of the shared data, field mapping, hostile input.

``tests/data/importers/ris_quirks.ris`` was written by hand for these tests (CC0): a
download header, Ovid numbering and link lines, a stray ``NL`` line after ``ER``, CRLF
line ends with a byte-order mark, one-space tags, two spaces after the dash.
"""

from __future__ import annotations

import gc
import re
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cerdesk.importers import ris
from cerdesk.importers.decode import decode_bytes
from cerdesk.importers.errors import ImportFileError
from cerdesk.importers.formats import detect_format, parse_text, read_export
from tests.importers.conftest import shared_file

QUIRKS = Path(__file__).resolve().parents[1] / "data" / "importers" / "ris_quirks.ris"

# ----------------------------------------------------------------- real files
#: Every RIS file of ../shared/data/MANIFEST.md with the manifest's record count (the
#: manifest counts ``ER`` lines). Two synthetic files whose count differs are tested
#: separately below.
MANIFEST_FILES = [
    ("asysd/data_ris_export.txt", 821),
    ("asysd/ris_export.txt", 69),
    ("asysd/scopus.ris", 10),
    ("asysd/wos_test.ris", 50),
    ("asysd/zotero_export.ris", 1000),
    ("mckeown-mir-ovid/0_Ovid_search_results_1001_to_2000.ris", 1000),
    ("mckeown-mir-ovid/0_Ovid_search_results_1_to_1000.ris", 1000),
    ("mckeown-mir-ovid/0_Ovid_search_results_3001_to_3130.ris", 130),
    ("citesource/1_WoS.ris", 219),
    ("citesource/new_stage_data/Dimensions_246.ris", 246),
    ("citesource/new_stage_data/econlit_3.ris", 3),
    ("citesource/new_stage_data/envindex_100.ris", 100),
    ("citesource/new_stage_data/final_24.ris", 24),
    ("citesource/new_stage_data/lens_343.ris", 343),
    ("citesource/new_stage_data/medline_84.ris", 84),
    ("citesource/new_stage_data/screened_128.ris", 128),
    ("citesource/new_stage_data/wos_278.ris", 278),
    ("citesource/topic_data/20221207_gambling-harms_crimjust_41.ris", 41),
    ("citesource/topic_data/20221207_gambling-harms_lens_49.ris", 49),
    ("citesource/topic_data/20221207_gambling-harms_psycinfo_124.ris", 124),
    ("citesource/topic_data/20221207_gambling-harms_pubmed_176.ris", 176),
    ("citesource/topic_data/20221207_gambling-harms_scopus_255.ris", 255),
    ("citesource/valid_data/WoS_79.ris", 79),
    ("citesource/valid_data/benchmark.ris", 13),
    ("citesource/valid_data/psycinfo_64.ris", 64),
    ("citesource/valid_data/pubmed_46.ris", 46),
    ("citesource/working_example_data/AGRIS.ris", 12),
    ("citesource/working_example_data/CAB.ris", 687),
    ("citesource/working_example_data/EconLit.ris", 50),
    ("citesource/working_example_data/Final.ris", 242),
    ("citesource/working_example_data/GreenFile.ris", 139),
    ("citesource/working_example_data/RM.ris", 530),
    ("citesource/working_example_data/TiAb.ris", 1573),
    ("citesource/working_example_data/WoS_early.ris", 2550),
    ("citesource/working_example_data/WoS_later.ris", 736),
    ("asreview-citation-file-formatting/RIS/_baseline.ris", 100),
    ("asreview-citation-file-formatting/RIS/_baseline_cinahl.ris", 9),
    ("asreview-citation-file-formatting/RIS/_baseline_citavi.ris", 100),
    ("asreview-citation-file-formatting/RIS/_baseline_cochrane_endnote.ris", 3),
    ("asreview-citation-file-formatting/RIS/_baseline_cochrane_procite.ris", 3),
    ("asreview-citation-file-formatting/RIS/_baseline_cochrane_refman.ris", 3),
    ("asreview-citation-file-formatting/RIS/_baseline_covidence_endnote.ris", 10),
    ("asreview-citation-file-formatting/RIS/_baseline_covidence_mendeley.ris", 10),
    ("asreview-citation-file-formatting/RIS/_baseline_covidence_refworks.ris", 10),
    ("asreview-citation-file-formatting/RIS/_baseline_covidence_zotero.ris", 10),
    ("asreview-citation-file-formatting/RIS/_baseline_embase.ris", 10),
    ("asreview-citation-file-formatting/RIS/_baseline_endnote.ris", 10),
    ("asreview-citation-file-formatting/RIS/_baseline_eppireviewer.ris", 10),
    ("asreview-citation-file-formatting/RIS/_baseline_eric_ovid.ris", 10),
    ("asreview-citation-file-formatting/RIS/_baseline_googlescholar.ris", 10),
    ("asreview-citation-file-formatting/RIS/_baseline_mdpi.ris", 11),
    ("asreview-citation-file-formatting/RIS/_baseline_mendeley.ris", 10),
    ("asreview-citation-file-formatting/RIS/_baseline_openalex.ris", 9),
    ("asreview-citation-file-formatting/RIS/_baseline_psychInfo_ovid.ris", 10),
    ("asreview-citation-file-formatting/RIS/_baseline_rayyan.ris", 10),
    ("asreview-citation-file-formatting/RIS/_baseline_refworks.ris", 10),
    ("asreview-citation-file-formatting/RIS/_baseline_scopus.ris", 10),
    ("asreview-citation-file-formatting/RIS/_baseline_webofscience.ris", 10),
    ("asreview-citation-file-formatting/RIS/_baseline_zotero.ris", 10),
    ("asreview/datatools_demo_data/dataset_1.ris", 6),
    ("asreview/datatools_demo_data/dataset_2.ris", 8),
    ("asreview/demo_data/_baseline.ris", 100),
    ("asreview/demo_data/baseline_zotero.ris", 100),
    ("asreview/demo_data/embase.ris", 6),
    ("asreview/demo_data/faulty_year.ris", 1),
    ("asreview/demo_data/ovid_psycinfo.ris", 6),
    ("asreview/demo_data/ovid_zotero.ris", 6),
    ("asreview/demo_data/proquest.ris", 6),
    ("asreview/demo_data/pubmed_endnote.txt", 6),
    ("asreview/demo_data/pubmed_zotero.ris", 6),
    ("asreview/demo_data/ris_issue_1099.txt", 7),
    ("asreview/demo_data/ris_issue_992.txt", 19),
    ("asreview/demo_data/scopus.ris", 6),
    ("asreview/demo_data/web_of_science.txt", 10),
    ("iebh-reflib/blue-light.ris", 102),
    ("synthesisr/extdata/scopus.ris", 92),
    ("synthesisr/testdata/ASP_ris_example.ris", 4),
    ("synthesisr/testdata/Ovid_ris_example.ris", 4),
    ("synthesisr/testdata/Scopus_ris_example.ris", 3),
    ("synthesisr/testdata/citesource_issue_24.ris", 17),
    ("litstudy/notebooks/exclude.ris", 1),
    ("litstudy/tests/example.ris", 25),
    ("rispy/example_bom.ris", 1),
    ("rispy/example_empty_tag.ris", 1),
    ("rispy/example_utf_chars.ris", 1),
    ("jabref/importer-fileformat/RisImporterTest3.ris", 1),
    ("jabref/importer-fileformat/RisImporterTest4a.ris", 1),
    ("jabref/importer-fileformat/RisImporterTest4b.ris", 1),
    ("jabref/importer-fileformat/RisImporterTest4c.ris", 1),
    ("jabref/importer-fileformat/RisImporterTest5a.ris", 1),
    ("jabref/importer-fileformat/RisImporterTest5b.ris", 1),
    ("jabref/importer-fileformat/RisImporterTest6.ris", 1),
    ("jabref/importer-fileformat/RisImporterTest8_date.ris", 1),
    ("jabref/importer-fileformat/RisImporterTest9.ris", 1),
    ("jabref/importer-fileformat/RisImporterTestDOI.ris", 1),
    ("jabref/importer-fileformat/RisImporterTestDate1.1.ris", 1),
    ("jabref/importer-fileformat/RisImporterTestDate1.2.ris", 1),
    ("jabref/importer-fileformat/RisImporterTestScience.ris", 1),
    ("jabref/importer-fileformat/RisImporterTestScopus.ris", 1),
    ("jabref/importer-fileformat/RisImporterTestWithEmptyER.ris", 1),
    ("synergy-legacy/Kwok_2020/Virus_Metagenomics_in_Farm_Animals-INCLUDED-v2.txt", 120),
    ("synergy-legacy/Van_de_Schoot_PTSD/schoot-lgmm-ptsd-included-1.ris", 363),
    ("synergy-legacy/Van_de_Schoot_PTSD/schoot-lgmm-ptsd-included-2.ris", 38),
    ("synergy-legacy/Van_de_Schoot_PTSD/schoot-lgmm-ptsd-included-3.ris", 8),
    ("_synthetic_edge_cases/asreview/demo_data/baseline_empty_values.ris", 4),
    ("_synthetic_edge_cases/asreview/demo_data/baseline_reference_types.ris", 61),
    ("_synthetic_edge_cases/asreview/demo_data/baseline_tag-notes.ris", 12),
    ("_synthetic_edge_cases/asreview/demo_data/baseline_tag-notes_zotero.ris", 4),
    ("_synthetic_edge_cases/asreview/webapp_tests/ris_many_authors.ris", 1),
    ("_synthetic_edge_cases/asysd/test_export.ris", 3),
    ("_synthetic_edge_cases/colrev/abi_inform_proquest_ris.ris", 2),
    ("_synthetic_edge_cases/colrev/ieee_ris.ris", 2),
    ("_synthetic_edge_cases/colrev/jstor_ris.ris", 4),
    ("_synthetic_edge_cases/colrev/psycinfo_ris.ris", 1),
    ("_synthetic_edge_cases/colrev/trid_ris.ris", 3),
    ("_synthetic_edge_cases/jabref/importer-fileformat/RisImporterTest7.ris", 1),
    ("_synthetic_edge_cases/jabref/importer-fileformat/RisImporterTestDoiAndJournalTitle.ris", 1),
    ("_synthetic_edge_cases/rispy/example_basic.ris", 1),
    ("_synthetic_edge_cases/rispy/example_custom_list_tags.ris", 1),
    ("_synthetic_edge_cases/rispy/example_extraneous_data.ris", 2),
    ("_synthetic_edge_cases/rispy/example_full.ris", 2),
    ("_synthetic_edge_cases/rispy/example_full_without_whitespace.ris", 2),
    ("_synthetic_edge_cases/rispy/example_full_write.ris", 2),
    ("_synthetic_edge_cases/rispy/example_multi_unknown_tags.ris", 1),
    ("_synthetic_edge_cases/rispy/example_multiline.ris", 3),
    ("_synthetic_edge_cases/rispy/example_single_unknown_tag.ris", 1),
    ("_synthetic_edge_cases/rispy/example_starting_newlines.ris", 1),
    ("_synthetic_edge_cases/rispy/example_urls.ris", 4),
]


def shared_text(relative: str) -> str:
    """Return a shared file decoded as read_export would."""
    text, _ = decode_bytes(shared_file(relative).read_bytes())
    return text


@pytest.mark.parametrize(("relative", "count"), MANIFEST_FILES)
def test_manifest_files_read_completely(relative: str, count: int) -> None:
    result = read_export(shared_file(relative), "ris")
    assert result.format == "ris"
    assert len(result.records) == count
    assert result.problems == []
    assert [r.source_index for r in result.records] == list(range(1, count + 1))
    assert all(r.raw.startswith(("TY", "\ufeffTY")) for r in result.records)


def test_missing_er_before_next_ty_keeps_both_records() -> None:
    # The manifest says 1 (it counts ER lines), but the file holds two records: the
    # first (a CONF paper) lacks its ER line and is ended by the next TY line. Both
    # are complete, so both are read; nothing is lost and nothing is reported.
    result = read_export(shared_file("_synthetic_edge_cases/colrev/ris_data.ris"), "ris")
    assert [r.title for r in result.records] == [
        "Title of a conference paper",
        "Title of a journal paper",
    ]
    assert result.problems == []
    first = result.records[0]
    assert first.publication_type == "CONF"
    assert first.pages == "183-186"
    assert first.keywords == ("keyword2", "keyword3")  # "KW - x" with one space
    assert first.pmid == "12345678"  # "PMID - 12345678", a four-letter tag


def test_jabref_type_torture_file_reads_three_records() -> None:
    # JabRef's RisImporterTest1 lists nine TY lines in a row and two more TY lines
    # among the fields, with one ER at the end; the manifest counts 1 (ER lines). A TY
    # line after other fields starts a new record (an ER line is missing), so the file
    # reads as three records; the leading run of TY lines is one record (first TY wins).
    path = shared_file("_synthetic_edge_cases/jabref/importer-fileformat/RisImporterTest1.ris")
    result = read_export(path, "ris")
    assert [r.publication_type for r in result.records] == ["BOOK", "OTHER", "THES"]
    assert result.problems == []
    first = result.records[0]
    assert first.title == "Editorial."
    assert first.authors[:3] == ("Cocke", "Harrison, Warren", "Levenshtein")
    assert first.year == 2001  # "PY - 99" and "PY - YEAR/MONTH/DAY/" are skipped
    assert first.pages == "193-194"


@pytest.mark.parametrize(("relative", "count"), MANIFEST_FILES)
def test_manifest_files_are_detected_as_ris(relative: str, count: int) -> None:
    for module in ("pubmed_xml", "endnote_xml", "nbib", "wos"):
        pytest.importorskip(f"cerdesk.importers.{module}")
    assert detect_format(shared_text(relative)) == "ris"


def test_ovid_medline_export() -> None:
    records = read_export(
        shared_file("mckeown-mir-ovid/0_Ovid_search_results_1_to_1000.ris"), "ris"
    ).records
    first = records[0]
    assert first.title == "Mushroom poisoning: A proposed new clinical classification."
    assert first.authors[:2] == ("White, Julian", "Weinstein, Scott A")
    assert first.year == 2018  # "Y1  - 2018//"
    assert first.doi == "10.1016/j.toxicon.2018.11.007"  # DO holds a dx.doi.org URL
    assert first.pmid == "30439442"  # from the Ovid link: D=medp&...&AN=30439442
    assert first.journal == "Toxicon : official journal of the International Society on Toxinology"
    assert first.journal_abbrev == "Toxicon"
    assert first.pages == "53-65"
    assert first.source_id == "30439442"
    assert first.raw.startswith("TY  - JOUR\nID  - 30439442\n")
    assert first.raw.endswith("ER  -")  # no numbering or link lines in the raw text


def test_ovid_psycinfo_nl_line_after_er_belongs_to_the_record() -> None:
    records = read_export(
        shared_file("mckeown-mir-ovid/0_Ovid_search_results_3001_to_3130.ris"), "ris"
    ).records
    second = records[1]
    assert second.title == "Liberty Caps: Recreational hallucinogenic mushrooms."
    assert second.extra["NL"] == ["Drug Alcohol Depend"]
    assert second.raw.endswith("ER  -  \nNL  - Drug Alcohol Depend")
    # percent-encoded parentheses in the DOI URL are decoded
    assert second.doi == "10.1016/0376-8716(76)90010-7"
    assert second.pmid is None  # PsycINFO accession numbers are not PMIDs


def test_embase_export() -> None:
    first = read_export(
        shared_file("asreview-citation-file-formatting/RIS/_baseline_embase.ris"), "ris"
    ).records[0]
    assert first.title == (
        "Cellular structure of dinosaur scales reveals retention of reptile-type skin "
        "during the evolutionary transition to feathers"
    )
    assert first.authors[0] == "Yang, Z."
    assert first.doi == "10.1038/s41467-024-48400-3"
    assert first.pmid == "38773066"  # Embase C5 is the MEDLINE PMID
    assert first.year == 2024
    assert (first.journal, first.journal_abbrev) == ("Nature Communications", "Nat. Commun.")
    assert "keratin" in first.keywords
    assert first.language == "English"


def test_web_of_science_ris_with_bare_cr_and_indented_continuations() -> None:
    records = read_export(shared_file("asysd/wos_test.ris"), "ris").records
    first = records[0]
    assert first.title == (
        "Microangiography of the humeral condyle in Cocker Spaniel and non-Cocker Spaniel dogs"
    )
    assert first.authors == ("Larsen, LJ", "Roush, JK", "McLaughlin, RM", "Cash, WC")
    assert first.source_id == "WOS:000082252000006"  # AN after a bare CR inside WE
    assert first.journal == "VETERINARY AND COMPARATIVE ORTHOPAEDICS AND TRAUMATOLOGY"
    assert first.journal_abbrev == "Vet. Comp. Orthop. Traumatol."
    assert first.abstract is not None
    assert first.abstract.endswith(
        "without any or only minor trauma, and in the delayed "
        "healing seen in association with these fractures."
    )
    assert "Microangiography was performed" in first.abstract  # the indented paragraph
    assert records[1].doi == "10.1590/s0103-84782013005000101"


def test_ebsco_doi_in_l3_and_cochrane_pmid_in_c3() -> None:
    ebsco = read_export(
        shared_file("citesource/topic_data/20221207_gambling-harms_crimjust_41.ris"), "ris"
    ).records[0]
    assert ebsco.doi == "10.1080/16066359.2020.1867111"
    assert ebsco.year == 2021  # "Y1  - 2021/06//"
    assert ebsco.pages == "212-222"
    cochrane = read_export(
        shared_file("asreview-citation-file-formatting/RIS/_baseline_cochrane_endnote.ris"),
        "ris",
    ).records
    assert cochrane[0].pmid == "21314913"  # "C3  -  PUBMED 21314913"
    assert cochrane[0].source_id == "CN-00778158"
    assert cochrane[0].title is not None and cochrane[0].title.startswith("The Incredible")
    assert cochrane[1].pages == "1279-1297"  # written with U+2010 hyphens


def test_pubmed_via_endnote_keeps_the_pmid_and_one_keyword_per_line() -> None:
    first = read_export(shared_file("asreview/demo_data/pubmed_endnote.txt"), "ris").records[0]
    assert first.pmid == "21553931"  # AN with "DP  - NLM"
    assert first.doi == "10.2165/11586800-000000000-00000"
    assert first.pages == "349-369"  # "SP  - 349-69"
    assert first.keywords[:3] == (
        "Animals",
        "Anti-Inflammatory Agents/adverse effects/pharmacokinetics/*pharmacology",
        "Boswellia/*chemistry",
    )


def test_scopus_and_zotero_exports() -> None:
    scopus = read_export(shared_file("asysd/scopus.ris"), "ris").records[0]
    assert scopus.doi == "10.3390/ani15010003"
    assert scopus.pages == "3"  # article number in C7
    assert scopus.year == 2025
    assert scopus.url is not None and scopus.url.startswith("https://www.scopus.com/")
    zotero = read_export(shared_file("asysd/zotero_export.ris"), "ris").records
    assert all(r.title for r in zotero)


def test_ieee_file_with_bare_cr_between_records() -> None:
    # Bare CRs separate the records; the manifest notes a naive split finds 1 TY.
    records = read_export(shared_file("litstudy/tests/example.ris"), "ris").records
    assert len(records) == 25
    assert all(r.doi for r in records[:5])


def test_dimensions_pmid_in_u1_and_lens_pmid_in_links() -> None:
    dimensions = read_export(
        shared_file("citesource/new_stage_data/Dimensions_246.ris"), "ris"
    ).records
    with_pmid = [r for r in dimensions if r.pmid]
    assert with_pmid and all("[PMID]" in r.raw for r in with_pmid)
    lens = read_export(shared_file("asreview-citation-file-formatting/RIS/_baseline.ris"), "ris")
    # PMIDs come from PubMed and Europe PMC ("./MED/30283890") links in L2
    assert sum(1 for r in lens.records if r.pmid) == 84


# ------------------------------------------------------------- own fixture
def test_quirks_fixture_is_detected_and_read() -> None:
    result = read_export(QUIRKS)
    assert result.format == "ris"
    assert result.encoding == "utf-8-sig"
    assert result.problems == []
    first, second, third = result.records
    assert first.source_index == 1
    assert first.title == "A first title that is wrapped."
    assert first.authors == ("Doe, Jane", "Roe, Richard")
    assert first.year == 2019
    assert first.abstract == "First line of the abstract second line of the abstract"
    assert (first.journal, first.journal_abbrev) == ("Journal of Examples", "J Ex")
    assert (first.volume, first.issue, first.pages) == ("12", "3", "123-129")
    assert first.keywords == ("alpha", "beta")
    assert first.doi == "10.1000/abc.123"
    assert first.pmid == "12345678"
    assert first.language == "English"
    assert first.issn == "1234-5678"
    assert first.extra["NL"] == ["J Ex"]
    assert first.raw.startswith("TY  - JOUR\nID  - 12345678\n")
    assert first.raw.endswith("ER  -\nNL  - J Ex")
    assert (second.publication_type, second.title, second.year) == ("BOOK", "One-space tags", 2020)
    assert second.authors == ("Smith, A",)
    assert third.title == "Two spaces after the dash"
    assert third.source_id == "CN-01234567"
    assert third.pmid == "7654321"
    assert third.doi == "10.1002/xyz.42"  # Wiley link without "/abstract"
    assert third.url == "https://onlinelibrary.wiley.com/doi/10.1002/xyz.42/abstract"


# -------------------------------------------------------------- unit cases
def parse(text: str) -> tuple[list, list]:
    """Parse RIS text directly."""
    return ris.parse(text)


def test_records_without_blank_lines_and_er_without_space() -> None:
    records, problems = parse("TY  - JOUR\nTI  - A\nER  -\nTY  - JOUR\nTI  - B\nER  -")
    assert [r.title for r in records] == ["A", "B"]
    assert problems == []
    assert records[1].raw == "TY  - JOUR\nTI  - B\nER  -"


def test_ovid_angle_numbering_and_bom_in_the_middle() -> None:
    text = "<1>\nTY  - JOUR\nTI  - A\nER  - \n\n\ufeffTY  - JOUR\nTI  - B\nER  - \n"
    records, problems = parse(text)
    assert [r.title for r in records] == ["A", "B"]
    assert problems == []


def test_line_numbers_and_indexes_of_problems() -> None:
    text = (
        "TY  - JOUR\nTI  - A\nER  - \n\n"
        "TI  - lost its TY\nAU  - X\nER  - \n\n"  # record 2: no TY line
        "TY  - JOUR\nTI  - C\nER  - \n\n"
        "TY  - JOUR\nTI  - cut"  # record 4: no ER at the end of the file
    )
    records, problems = parse(text)
    assert [(r.source_index, r.title) for r in records] == [(1, "A"), (3, "C")]
    assert [(p.record, p.line) for p in problems] == [(2, 5), (4, 13)]
    assert "TY" in problems[0].message
    assert "ER" in problems[1].message


def test_ids_and_dates() -> None:
    text = (
        "TY  - JOUR\n"
        "PY  - 2019///\n"
        "AN  - PMID: 31234567\n"
        "N1  - Comment on: J Foo. 2001;1:2; PMID: 11111111\n"
        "M3  - doi: 10.1000/From-M3\n"
        "ER  - \n"
        "TY  - JOUR\n"
        "DA  - 2018/05/03/\n"
        "N1  - 22222222 [pmid]\n"
        "UR  - https://www.scopus.com/inward/record.uri?eid=2&doi=10.3390%2fani1&partnerID=40\n"
        "ER  - \n"
        "TY  - JOUR\n"
        "M1  - 101282906\n"  # Ovid: the NLM journal id, not a PMID
        "UR  - https://pubmed.ncbi.nlm.nih.gov/33333333/\n"
        "N1  - ISI Document Delivery No.: X; Cited References: DOI 10.1000/other\n"
        "ER  - \n"
    )
    first, second, third = parse(text)[0]
    assert (first.year, first.pmid, first.doi) == (2019, "31234567", "10.1000/from-m3")
    assert (second.year, second.pmid, second.doi) == (2018, "22222222", "10.3390/ani1")
    assert (third.pmid, third.doi) == ("33333333", None)


def test_text_without_ty_is_not_ris() -> None:
    assert not ris.sniff("AU  - Smith\nTI  - no type\nER  - \n")
    with pytest.raises(ImportFileError, match="no RIS records found"):
        parse("AU  - Smith\nTI  - no type\nER  - \n")
    with pytest.raises(ImportFileError):
        parse_text("just some text\n", "ris")


def test_sniff() -> None:
    assert ris.sniff("\n\nProvider: X\nDatabase: Y\n\n1.\nTY  - JOUR\n")
    assert ris.sniff("TY - JOUR\nER  -\n")
    assert not ris.sniff("PMID- 123\nTI  - x\n")
    assert not ris.sniff("@article{x,\n title={TY  - no}\n}\n")


# ------------------------------------------------------------ hostile input
def test_truncated_file_keeps_complete_records_and_reports_the_cut_one() -> None:
    text = shared_text("citesource/valid_data/pubmed_46.ris")
    tenth = [m.start() for m in re.finditer(r"^TY  - ", text, re.MULTILINE)][9]
    cut = text[: tenth + 200]
    records, problems = parse(cut)
    assert len(records) == 9
    assert len(problems) == 1
    assert problems[0].record == 10
    assert problems[0].line == cut.count("\n", 0, tenth) + 1
    assert "cut short" in problems[0].message


def test_binary_junk_is_refused(tmp_path: Path) -> None:
    junk = tmp_path / "export.ris"
    junk.write_bytes(bytes(range(256)) * 64)
    with pytest.raises(ImportFileError, match=r"export\.ris"):
        read_export(junk)
    with pytest.raises(ImportFileError, match=r"export\.ris"):
        read_export(junk, "ris")
    text = bytes(range(1, 256)).decode("latin-1") * 10
    with pytest.raises(ImportFileError):
        parse_text(text, "ris")


def test_ten_megabyte_abstract_parses_quickly() -> None:
    one_line = "TY  - JOUR\nTI  - Big\nAB  - " + "word " * 2_000_000 + "\nER  - \n"
    wrapped = "TY  - JOUR\nAB  - start\n" + ("   more words in a line\n" * 450_000) + "ER  - \n"
    for text in (one_line, wrapped):
        started = time.perf_counter()
        records, problems = parse(text)
        assert time.perf_counter() - started < 10
        assert len(records) == 1 and problems == []
        assert records[0].abstract is not None and len(records[0].abstract) > 9_000_000


def test_many_records_parse_in_linear_time() -> None:
    record = (
        "TY  - JOUR\nTI  - A title\nAU  - Doe, J\nAU  - Roe, R\nPY  - 2020\nJO  - J\n"
        "VL  - 1\nIS  - 2\nSP  - 3\nEP  - 4\nDO  - 10.1000/x\nKW  - a\nKW  - b\n"
        "AB  - An abstract.\nER  - \n\n"
    )
    started = time.perf_counter()
    records, _ = parse(record * 20_000)
    assert len(records) == 20_000
    assert time.perf_counter() - started < 10


TAG_LIKE = st.sampled_from(
    [
        "TY  - ", "TY - ", "ER  - ", "ER  -", "AU  - ", "A1  - ", "KW  - ", "AB  - ",
        "DO  - https://doi.org/10.1000/", "UR  - http://x?D=medl&AN=", "PY  - ", "SP  - ",
        "EP  - ", "C5  - ", "PMID  - ", "1.", "<1>", "      ", "\ufeffTY  - ", "",
        "N1  - PMID: ", "SN  - ", "T2  - ", "JO  - ", "DB  - Embase", "AN  - ",
    ]
)  # fmt: skip


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text())
def test_random_text_only_raises_import_errors(text: str) -> None:
    try:
        records, problems = parse(text)
    except ImportFileError:
        return
    assert all(r.raw for r in records)
    assert all(p.record is not None for p in problems)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(TAG_LIKE, st.text(max_size=40)), max_size=60))
def test_tag_like_lines_only_raise_import_errors(lines: list[tuple[str, str]]) -> None:
    text = "\n".join(prefix + value for prefix, value in lines)
    try:
        records, problems = parse(text)
    except ImportFileError:
        assert not any(p.lstrip("\ufeff").startswith("TY") for p, _ in lines)
        return
    indexes = [r.source_index for r in records] + [p.record for p in problems]
    assert sorted(indexes) == list(range(1, len(indexes) + 1))


def test_authors_keep_repeats_and_merge_wos_group_authors() -> None:
    text = (
        "TY  - JOUR\nAU  - Singh, S.\nAU  - Singh, S.\nAU  - Shi,Yu\n"
        "A1  - singh, s.\nA1  - Global Adaptation Mapping Team\nER  - \n"
    )
    record = parse(text)[0][0]
    # Two co-authors may share a name; A1 adds the group author but not a repeat of AU.
    assert record.authors == ("Singh, S.", "Singh, S.", "Shi, Yu", "Global Adaptation Mapping Team")


def test_garbage_collector_state_is_restored() -> None:
    assert gc.isenabled()
    parse("TY  - JOUR\nER  - \n")
    assert gc.isenabled()
    with pytest.raises(ImportFileError):
        parse("no records")
    assert gc.isenabled()


def test_pathological_values_stay_linear() -> None:
    # Long runs that would make a backtracking or character-by-character loop quadratic.
    text = (
        "TY  - JOUR\n"
        f"DO  - 10.1000/x{')' * 300_000}\n"
        f"N1  - PMID{' ' * 300_000}x\n"
        f"M3  - doi{' ' * 300_000}x\n"
        f"SP  - 1{' ' * 300_000}x\n"
        f"PY  - {'1' * 300_000}\n"
        f"UR  - http://x/?D=med{'&' * 300_000}\n"
        "ER  - \n"
    )
    started = time.perf_counter()
    records, problems = parse(text)
    assert time.perf_counter() - started < 5
    assert len(records) == 1 and problems == []
    assert records[0].doi == "10.1000/x"
