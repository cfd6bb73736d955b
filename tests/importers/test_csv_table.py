"""CSV/TSV importer: Scopus, Zotero, Embase and other tables with a header row."""

from __future__ import annotations

import contextlib
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cerdesk.importers import csv_table
from cerdesk.importers.csv_table import (
    guess_mapping,
    parse_with_mapping,
    read_header,
    split_authors,
)
from cerdesk.importers.decode import decode_bytes
from cerdesk.importers.errors import ImportFileError
from cerdesk.importers.formats import parse_text, read_export
from tests.importers.conftest import shared_file

# Every bibliographic CSV/TSV file of ../shared/data/MANIFEST.md with its record count.
CSV_FILES = [
    ("bib-dedupe/cytology_screening/records_pre_merged.csv", 1856),
    ("bib-dedupe/digital_work/records_pre_merged.csv", 7159),
    ("bib-dedupe/haematology/records_pre_merged.csv", 1415),
    ("bib-dedupe/special_cases/records_pre_merged.csv", 12),
    ("asysd/zotero_export.csv", 1233),
    ("scientopy/2017_iot_gateway/scopus.csv", 921),
    ("asreview-citation-file-formatting/CSV/_baseline.csv", 100),  # Lens
    ("asreview-citation-file-formatting/CSV/_baseline_cinahl.csv", 10),
    ("asreview-citation-file-formatting/CSV/_baseline_cochrane.csv", 3),
    ("asreview-citation-file-formatting/CSV/_baseline_covidence.csv", 10),
    # The manifest's 12 for the two Embase files counts the search-query lines before the
    # header (SEARCH QUERY / ----- / blank): there are 10 records (the manifest says so).
    ("asreview-citation-file-formatting/CSV/_baseline_embase.csv", 10),
    ("asreview-citation-file-formatting/CSV/_baseline_excel.csv", 10),  # ";" + BOM
    ("asreview-citation-file-formatting/CSV/_baseline_googlescholar.csv", 10),
    ("asreview-citation-file-formatting/CSV/_baseline_openalex.csv", 9),
    ("asreview-citation-file-formatting/CSV/_baseline_pubmed.csv", 10),
    ("asreview-citation-file-formatting/CSV/_baseline_rayyan.csv", 10),
    ("asreview-citation-file-formatting/CSV/_baseline_scopus.csv", 10),
    ("asreview-citation-file-formatting/CSV/_baseline_zotero.csv", 10),
    ("asreview-citation-file-formatting/TSV/_baseline.tsv", 100),
    ("asreview-citation-file-formatting/TSV/_baseline_refworks.tsv", 100),
    ("asreview/demo_data/embase.csv", 6),
    ("asreview/demo_data/embase_newpage.csv", 6),  # multi-line cells
    ("metaknowledge/scopus_testing.csv.scopus", 220),
    ("litstudy/notebooks/ieee_1.csv", 100),
    ("litstudy/notebooks/ieee_2.csv", 100),
    ("litstudy/notebooks/ieee_3.csv", 100),
    ("litstudy/notebooks/ieee_4.csv", 100),
    ("litstudy/notebooks/ieee_5.csv", 41),
    ("litstudy/notebooks/springer.csv", 1000),
    ("litstudy/tests/ieee.csv", 10),
    ("litstudy/tests/springer.csv", 18),
    ("synergy-legacy/Bannach-Brown_2019/Depression-Dataset-SLIM-DevelopmentTrainingSet.txt", 1993),
    ("_synthetic_edge_cases/asreview/datatools_demo_data/duplicate_data_with_doi.csv", 5),
    ("_synthetic_edge_cases/asreview/datatools_demo_data/duplicate_data_without_doi.csv", 5),
    ("_synthetic_edge_cases/asysd/test_export.csv", 3),
    ("_synthetic_edge_cases/asysd/test_export.txt", 3),  # tab-separated
    ("_synthetic_edge_cases/colrev/csv_data.csv", 2),
    ("_synthetic_edge_cases/colrev/ieee_csv.csv", 2),
    ("_synthetic_edge_cases/colrev/pubmed_csv.csv", 1),
    ("_synthetic_edge_cases/colrev/springer_csv.csv", 1),
]
#: Duplicate-group label files of bib-dedupe: one "merged_ids" column, no bibliography.
LABEL_FILES = [
    ("bib-dedupe/cytology_screening/merged_record_ids.csv", 648),
    ("bib-dedupe/digital_work/merged_record_ids.csv", 216),
    ("bib-dedupe/haematology/merged_record_ids.csv", 116),
    ("bib-dedupe/special_cases/merged_record_ids.csv", 3),
]


def _text(relative: str) -> str:
    text, _ = decode_bytes(shared_file(relative).read_bytes())
    return text


# ------------------------------------------------------------------- real files
@pytest.mark.parametrize(("relative", "count"), CSV_FILES)
def test_real_file_record_count(relative: str, count: int) -> None:
    result = read_export(shared_file(relative), "csv")
    assert result.format == "csv"
    assert len(result.records) == count
    assert result.problems == []
    assert [r.source_index for r in result.records] == list(range(1, count + 1))
    assert all(r.raw for r in result.records)
    # A few records of the bib-dedupe benchmarks have no title (2 of 1415 in haematology).
    assert sum(1 for r in result.records if r.title) >= count - max(2, count // 100)


@pytest.mark.parametrize(("relative", "count"), CSV_FILES)
def test_real_file_is_sniffed(relative: str, count: int) -> None:
    assert csv_table.sniff(_text(relative))


def test_abstrackr_separator_line_is_a_problem() -> None:
    # The manifest counts 11 rows: 6 labelled records, the line "citations that are not
    # yet labeled by anyone", then 4 records with only their first 8 cells.
    relative = "asreview-citation-file-formatting/CSV/_baseline_abstrackr.csv"
    result = read_export(shared_file(relative), "csv")
    assert len(result.records) == 10
    assert len(result.problems) == 1
    problem = result.problems[0]
    assert (problem.record, problem.line) == (7, 36)
    assert "not a table row" in problem.message
    short = result.records[-1]  # 8 of 17 cells: the rest are empty
    assert short.title is not None
    assert short.authors


def test_litstudy_scopus_rows_from_another_export_are_problems() -> None:
    # The manifest counts 58 rows, but only the first 2 rows fit the 45-column header:
    # the other 56 come from a Scopus export with 46 columns (an extra "Funding Text 2"
    # before "References"); reading them by the header would shift every later column.
    result = read_export(shared_file("litstudy/tests/scopus.csv"), "csv")
    assert [r.title for r in result.records] == [
        "Scalable molecular dynamics with NAMD",
        "Petri Nets: Properties, Analysis and Applications",
    ]
    assert len(result.problems) == 56
    assert {p.record for p in result.problems} == set(range(3, 59))
    assert all("46 cells but the header has 45" in p.message for p in result.problems)


@pytest.mark.parametrize(("relative", "count"), LABEL_FILES)
def test_label_files_need_a_mapping(relative: str, count: int) -> None:
    with pytest.raises(ImportFileError):
        read_export(shared_file(relative), "csv")
    records, problems = parse_with_mapping(_text(relative), {"merged_ids": "source_id"})
    assert len(records) == count
    assert problems == []
    assert records[0].source_id is not None
    assert ";" in records[0].source_id


def test_identifier_only_file_needs_a_mapping() -> None:
    relative = "synergy-ids/Appenzeller-Herzog_2019_ids.csv"
    with pytest.raises(ImportFileError, match="no title column found"):
        read_export(shared_file(relative), "csv")
    text = _text(relative)
    mapping = guess_mapping(text.split("\n", 1)[0].split(","))
    assert mapping == {"doi": "doi", "pmid": "pmid"}
    records, problems = parse_with_mapping(text, {**mapping, "openalex_id": "source_id"})
    # The manifest's 3,479 are rows; 385 of them hold only a label (",,,0,"): no DOI,
    # PMID or OpenAlex id, so nothing to import.
    assert len(records) == 3094
    assert len(problems) == 385
    assert all(p.message == "the row has no value in the mapped columns" for p in problems)
    assert records[0].doi == "10.1007/s10545-015-9866-0"
    assert records[0].pmid == "26067812"  # from https://pubmed.ncbi.nlm.nih.gov/26067812


def test_real_file_auto_detected() -> None:
    for module in ("pubmed_xml", "endnote_xml", "nbib", "ris", "bibtex"):
        pytest.importorskip(f"cerdesk.importers.{module}")
    for relative, count in CSV_FILES[4:8]:
        result = read_export(shared_file(relative))
        assert (result.format, len(result.records)) == ("csv", count)


def test_scopus_first_record() -> None:
    record = read_export(shared_file("scientopy/2017_iot_gateway/scopus.csv"), "csv").records[0]
    assert record.title is not None
    assert record.title.startswith("Exploiting smart e-Health gateways at the edge")
    assert record.authors[:2] == ("Rahmani, A.M.", "Gia, T.N.")  # "Rahmani A.M., Gia T.N."
    assert record.doi == "10.1016/j.future.2017.02.014"
    assert record.year == 2018
    assert (record.volume, record.pages) == ("78", "641-658")
    assert record.source_id == "2-s2.0-85012875280"
    assert record.journal == "Future Generation Computer Systems"
    assert record.url is not None
    assert record.url.startswith("https://www.scopus.com/")
    assert record.raw.startswith('"Rahmani A.M., Gia T.N.,')


def test_scopus_full_names_and_article_number() -> None:
    relative = "asreview-citation-file-formatting/CSV/_baseline_scopus.csv"
    record = read_export(shared_file(relative), "csv").records[0]
    # "Author full names": "Wilson, Lauren N. (58975547800); …" wins over "Authors".
    assert record.authors[:2] == ("Wilson, Lauren N.", "Gardner, Jacob D.")
    assert record.pages == "2864"  # Art. No.
    assert record.pmid == "38580657"
    assert record.journal_abbrev == "Nat. Commun."
    assert record.keywords[:2] == ("Animals", "Biological Evolution")
    assert "Author(s) ID" in record.extra


def test_zotero_first_record() -> None:
    record = read_export(shared_file("asysd/zotero_export.csv"), "csv").records[0]
    assert record.title == "Myoclonus in older Cavalier King Charles Spaniels."
    assert record.authors[0] == "Rotter, Carina"
    assert record.doi == "10.1111/jvim.16404"
    assert record.year == 2022
    assert record.source_id == "ACSRAG7N"
    assert record.pages == "1032-1038"
    assert record.publication_type == "journalArticle"


def test_embase_search_query_preamble_and_semicolons() -> None:
    comma = read_export(
        shared_file("asreview-citation-file-formatting/CSV/_baseline_embase.csv"), "csv"
    ).records
    semicolon = read_export(
        shared_file("asreview-citation-file-formatting/CSV/_baseline_excel.csv"), "csv"
    ).records
    assert [r.doi for r in comma] == [r.doi for r in semicolon]
    first = comma[0]
    assert first.title is not None
    assert first.title.startswith("Cellular structure of dinosaur scales")
    assert first.authors == ("Yang, Z.", "Jiang, B.", "Xu, J.", "McNamara, M.E.")
    assert (first.doi, first.year, first.pmid) == ("10.1038/s41467-024-48400-3", 2024, "38773066")
    assert first.journal == "Nature Communications"
    assert first.source_id == "L2029880245"


def test_embase_source_citation_is_split() -> None:
    records = read_export(shared_file("asreview/demo_data/embase.csv"), "csv").records
    # "Endoscopic Ultrasound (2014) 3:3 (152-160). Date of Publication: 2014"
    assert records[0].journal == "Endoscopic Ultrasound"
    assert (records[0].year, records[0].volume, records[0].issue) == (2014, "3", "3")
    assert records[0].pages == "152-160"
    assert records[0].authors == ("Liu, R.", "Adler, D.G.")


def test_multi_line_cells_keep_the_original_lines() -> None:
    records = read_export(shared_file("asreview/demo_data/embase_newpage.csv"), "csv").records
    assert all(r.raw.count("\n") == 2 for r in records)
    assert records[1].title is not None
    assert records[1].title.startswith("Endoscopic ultrasound-guided fine-needle aspiration")


def test_tab_separated_with_pubmed_link() -> None:
    relative = (
        "synergy-legacy/Bannach-Brown_2019/Depression-Dataset-SLIM-DevelopmentTrainingSet.txt"
    )
    record = read_export(shared_file(relative), "csv").records[0]
    assert record.title == "Inhibition of cellular transport processes by 5-thio-D-glucopyranose"
    assert record.authors == ("Whistler, R. L.", "Lake, W. C.")  # "R. L. Whistler and …"
    assert record.pmid == "4656804"  # from the URL column
    assert record.year == 1972
    assert record.extra == {"Incl(1)/Excl(0)": ["0"]}


def test_lens_csv_and_tsv_agree() -> None:
    base = "asreview-citation-file-formatting/"
    comma = read_export(shared_file(base + "CSV/_baseline.csv"), "csv").records
    tab = read_export(shared_file(base + "TSV/_baseline.tsv"), "csv").records
    assert [(r.title, r.doi, r.year) for r in comma] == [(r.title, r.doi, r.year) for r in tab]
    assert comma[0].doi == "10.1007/s11307-012-0572-0"
    assert comma[0].pmid == "22752652"


def test_other_dialects_first_records() -> None:
    base = "asreview-citation-file-formatting/"
    pubmed = read_export(shared_file(base + "CSV/_baseline_pubmed.csv"), "csv").records[0]
    assert pubmed.authors == ("Griffin, DK", "Larkin, DM", "O'Connor, RE")
    cinahl = read_export(shared_file(base + "CSV/_baseline_cinahl.csv"), "csv").records[0]
    assert cinahl.issn == "19326203"  # '="19326203"' (Excel text guard)
    assert cinahl.year == 2024
    refworks = read_export(shared_file(base + "TSV/_baseline_refworks.tsv"), "csv").records[0]
    assert refworks.authors[:2] == ("van den Hoven", "Smits, Maarten L. J.")  # "…,null;…"
    openalex = read_export(shared_file(base + "CSV/_baseline_openalex.csv"), "csv").records[0]
    assert openalex.authors[:2] == ("Alba Vicente", "Josep Sanjuan")
    assert openalex.journal == "Cretaceous Research"
    assert openalex.doi == "10.1016/j.cretres.2023.105752"
    cochrane = read_export(shared_file(base + "CSV/_baseline_cochrane.csv"), "csv").records[0]
    assert (cochrane.pmid, cochrane.source_id) == ("21314913", "CN-00778158")
    springer = read_export(shared_file("litstudy/tests/springer.csv"), "csv").records[0]
    assert springer.authors == ("Araz R. Aliev", "Nigar T. Ismayilova")
    ieee = read_export(shared_file("litstudy/tests/ieee.csv"), "csv").records[0]
    assert ieee.authors == ("Kogge, P.", "Shalf, J.")
    assert ieee.pages == "16-26"


# ----------------------------------------------------------------------- mapping
def test_guess_mapping_scopus_header() -> None:
    header = [
        "\ufeffAuthors",
        "Author full names",
        "Author(s) ID",
        "Title",
        "Year",
        "Source title",
        "Art. No.",
        "Page start",
        "Page end",
        "DOI",
        "Link",
        "Abstract",
        "Author Keywords",
        "Index Keywords",
        "Language of Original Document",
        "Document Type",
        "PubMed ID",
        "EID",
        "Cited by",
    ]
    assert guess_mapping(header) == {
        "Authors": "authors",
        "Author full names": "authors",
        "Title": "title",
        "Year": "year",
        "Source title": "journal",
        "Art. No.": "pages",
        "Page start": "start_page",
        "Page end": "end_page",
        "DOI": "doi",
        "Link": "url",
        "Abstract": "abstract",
        "Author Keywords": "keywords",
        "Index Keywords": "keywords",
        "Language of Original Document": "language",
        "Document Type": "publication_type",
        "PubMed ID": "pmid",
        "EID": "source_id",
    }


def test_guess_mapping_ignores_case_spacing_and_punctuation() -> None:
    mapping = guess_mapping(["TITLE ", "publication_year", "abstract note", "Manual  Tags", "x"])
    assert mapping == {
        "TITLE": "title",
        "publication_year": "year",
        "abstract note": "abstract",
        "Manual  Tags": "keywords",
    }


def test_parse_with_user_mapping() -> None:
    text = "Headline;Writers;When;Misc\nA study;Smith J, Doe A;2001;x\n"
    with pytest.raises(ImportFileError, match="no header row"):
        parse_text(text, "csv")
    records, problems = parse_with_mapping(
        text, {"Headline": "title", "Writers": "authors", "When": "year"}
    )
    assert problems == []
    (record,) = records
    assert (record.title, record.authors, record.year) == ("A study", ("Smith, J", "Doe, A"), 2001)
    assert record.extra == {"Misc": ["x"]}


def test_read_header() -> None:
    assert read_header("a;b;c\n1;2;3\n") == ["a", "b", "c"]
    assert read_header('"SEARCH QUERY","x"\n----\n\nTitle,Authors,,\n') == ["Title", "Authors"]
    assert read_header("merged_ids\n1;2\n") == ["merged_ids"]
    assert read_header("\n\n") == []


def test_read_header_then_mapping_on_real_files() -> None:
    text = _text("bib-dedupe/haematology/merged_record_ids.csv")
    assert read_header(text) == ["merged_ids"]
    text = _text("asreview-citation-file-formatting/CSV/_baseline_excel.csv")
    header = read_header(text)
    assert len(header) == 49
    assert header[0] == "Title"
    records, problems = parse_with_mapping(text, guess_mapping(header))
    assert (len(records), problems) == (10, [])


def test_parse_with_mapping_errors() -> None:
    text = "Title,Authors\nx,y\n"
    with pytest.raises(ImportFileError, match="unknown field"):
        parse_with_mapping(text, {"Title": "headline"})
    with pytest.raises(ImportFileError, match="not in the file"):
        parse_with_mapping(text, {"Nope": "title"})
    with pytest.raises(ImportFileError, match="no column"):
        parse_with_mapping(text, {"Title": "ignore"})


# --------------------------------------------------------------------- unit tests
def test_fields_and_raw() -> None:
    text = (
        "Title,Authors,Year,Pages,DOI,Keywords,Notes\n"
        '"A, quoted ""title""","Smith, John; Doe, Jane",2019,123-9,'
        'https://doi.org/10.1000/ABC,"a; b; A",hello\n'
    )
    result = parse_text(text, "csv")
    (record,) = result.records
    assert record.title == 'A, quoted "title"'
    assert record.authors == ("Smith, John", "Doe, Jane")
    assert (record.year, record.pages, record.doi) == (2019, "123-129", "10.1000/abc")
    assert record.keywords == ("a", "b")
    assert record.extra == {"Notes": ["hello"]}
    assert record.raw == text.split("\n")[1]
    assert record.source_index == 1


def test_blank_lines_short_rows_and_na_values() -> None:
    text = "title,authors,doi,year\n\nOne,A B,NA,2000\n\nTwo,C D\n"
    records = parse_text(text, "csv").records
    assert [r.title for r in records] == ["One", "Two"]
    assert [r.source_index for r in records] == [1, 2]
    assert records[0].doi is None
    assert records[1].year is None


def test_row_with_too_many_cells_is_a_problem() -> None:
    text = "title,year\nOne,2000\nTwo,2001,extra\nThree,2002,\n"
    result = parse_text(text, "csv")
    assert [r.title for r in result.records] == ["One", "Three"]
    (problem,) = result.problems
    assert (problem.record, problem.line) == (2, 3)
    assert "3 cells but the header has 2" in problem.message


def test_unclosed_quote_at_the_end_is_a_problem() -> None:
    text = 'title,year\nOne,2000\n"Two, never closed,2001\nThree,2002\n'
    result = parse_text(text, "csv")
    assert [r.title for r in result.records] == ["One"]
    (problem,) = result.problems
    assert (problem.record, problem.line) == (2, 3)
    assert "never closed" in problem.message


def test_row_without_any_mapped_value_is_a_problem() -> None:
    result = parse_text("title,year,note\nOne,2000,a\n,,only a note\n", "csv")
    assert [r.title for r in result.records] == ["One"]
    assert [p.record for p in result.problems] == [2]


def test_header_only_and_truncated_files_are_refused(tmp_path: Path) -> None:
    with pytest.raises(ImportFileError, match="no rows"):
        parse_text("Title,Authors,Year\n", "csv")
    path = tmp_path / "cut.csv"
    path.write_bytes(b'Title,Authors,Year\n"An unfinished title\n')
    with pytest.raises(ImportFileError, match="never closed"):
        read_export(path, "csv")


def test_binary_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "scopus.csv"
    path.write_bytes(b"Title,Authors\n" + bytes(range(256)) * 40)
    with pytest.raises(ImportFileError, match=r"scopus\.csv"):
        read_export(path, "csv")


def test_ten_megabyte_cell() -> None:
    abstract = "word " * 2_000_000
    text = f'Title,Abstract\nBig,"{abstract}"\nSmall,short\n'
    result = parse_text(text, "csv")
    assert [r.title for r in result.records] == ["Big", "Small"]
    assert result.records[0].abstract is not None
    assert len(result.records[0].abstract) == len(abstract.strip())


@pytest.mark.parametrize(
    ("column", "cell"),
    [
        ("Keywords", "kw123456," * 500_000),  # 4.5 MB: commas outside brackets
        ("Authors", "aB" * 500_000),  # run-together names with no space
        ("Authors", "Smith J, " * 100_000),
        ("Pages", "1" + " " * 10_000_000 + "x"),
        ("DOI", "10.1000/x" + ")" * 10_000_000),
    ],
)
def test_huge_hostile_cells_stay_linear(column: str, cell: str) -> None:
    started = time.perf_counter()
    result = parse_text(f'Title,{column}\nT,"{cell}"\n', "csv")
    assert [r.title for r in result.records] == ["T"]
    assert time.perf_counter() - started < 15  # about 1 s; quadratic code never ends


def test_whole_file_in_one_cell() -> None:
    text = 'Title,Abstract\nBig,"' + "x" * 10_000_000
    with pytest.raises(ImportFileError, match="never closed"):
        parse_text(text, "csv")


@pytest.mark.parametrize(
    ("value", "names"),
    [
        ("Smith, John; Doe, Jane", ["Smith, John", "Doe, Jane"]),
        ("Rahmani A.M., Gia T.N., Negash B.", ["Rahmani, A.M.", "Gia, T.N.", "Negash, B."]),
        ("Wilson L.N.; Gardner J.D.", ["Wilson, L.N.", "Gardner, J.D."]),
        ("Wilson, Lauren N. (58975547800); Li, W (1)", ["Wilson, Lauren N.", "Li, W"]),
        ("Griffin DK, Larkin DM, O'Connor RE.", ["Griffin, DK", "Larkin, DM", "O'Connor, RE"]),
        ("P. Kogge; J. Shalf", ["Kogge, P.", "Shalf, J."]),
        ("Yang, Z. and Jiang, B.", ["Yang, Z.", "Jiang, B."]),
        ("Alba Vicente|Josep Sanjuan", ["Alba Vicente", "Josep Sanjuan"]),
        ("Brevik, I", ["Brevik, I"]),
        ("Smith, John, Doe, Jane", ["Smith, John", "Doe, Jane"]),
        ("Smith J, et al.", ["Smith, J"]),
        ("van den Hoven,null;Smits,Maarten L. J.;", ["van den Hoven", "Smits, Maarten L. J."]),
        ("Vivek K. PallipuramMohammad Bhuiyan", ["Vivek K. Pallipuram", "Mohammad Bhuiyan"]),
        ("John McDonald", ["John McDonald"]),
        ("World Health Organization", ["World Health Organization"]),
        ("", []),
    ],
)
def test_split_authors(value: str, names: list[str]) -> None:
    assert split_authors(value) == names


# ------------------------------------------------------------------------- sniff
@pytest.mark.parametrize(
    "text",
    [
        "Title,Authors,Year\nx,y,2000\n",
        '\ufeff"Authors","Title","Year"\n',
        "title\tabstract\tdoi\n",
        "Title;Authors;Year\n",
        '"SEARCH QUERY","x:ti"\n-----\n\n"Title","Author Names","DOI"\n',
        "doi,pmid,label\n",
    ],
)
def test_sniff_accepts(text: str) -> None:
    assert csv_table.sniff(text)


@pytest.mark.parametrize(
    "text",
    [
        "TY  - JOUR\nAU  - Smith, J\nTI  - x\nER  - \n",
        "FN Clarivate\nVR 1.0\nPT J\nAU Smith, J\n   Doe, PM\nTI x\nER\n",
        "Dear editor, the title, year and authors follow.\n",
        "id,name,colour\n1,a,red\n",
        "merged_ids\n1;2\n",
        "Title\n",
        "",
    ],
)
def test_sniff_refuses(text: str) -> None:
    assert not csv_table.sniff(text)


# -------------------------------------------------------------------- hypothesis
def _parse_or_refuse(text: str) -> None:
    try:
        result = parse_text(text, "csv")
    except ImportFileError:
        return
    assert result.records
    assert all(r.source_index >= 1 for r in result.records)


_CELLS = st.text(alphabet=st.sampled_from('ab ,;\t"\n\r=x1'), max_size=8)
_ROWS = st.lists(st.lists(_CELLS, max_size=6), max_size=10)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text())
def test_hypothesis_any_text(text: str) -> None:
    csv_table.sniff(text)
    assert isinstance(read_header(text), list)
    _parse_or_refuse(text)
    _parse_or_refuse("Title,Authors,Year\n" + text)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_ROWS, st.sampled_from([",", ";", "\t"]))
def test_hypothesis_csv_like_rows(rows: list[list[str]], delimiter: str) -> None:
    body = "\n".join(delimiter.join(cells) for cells in rows)
    header = delimiter.join(["Title", "Authors", "DOI", "Year"])
    csv_table.sniff(body)
    _parse_or_refuse(header + "\n" + body)
    with contextlib.suppress(ImportFileError):
        parse_with_mapping(header + "\n" + body, {"Title": "title", "Year": "year"})
