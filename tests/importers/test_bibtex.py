"""BibTeX importer: Scopus/WoS/Zotero/JabRef/colrev files, LaTeX decoding, broken input."""

from __future__ import annotations

import contextlib
import functools
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cerdesk.core.bibliography import ParseResult
from cerdesk.importers import bibtex
from cerdesk.importers.bibtex import latex_to_text
from cerdesk.importers.errors import ImportFileError
from cerdesk.importers.formats import detect_format, parse_text, read_export
from tests.importers.conftest import shared_file

SAMPLE = Path(__file__).resolve().parents[1] / "data" / "importers" / "bibtex_sample.bib"
COLREV = "_synthetic_edge_cases/colrev/"

#: Every BibTeX file of ../shared/data/MANIFEST.md with the manifest's record count.
MANIFEST_FILES = [
    ("asysd/zotero_export.bib", 1000),
    ("pybibx/mcda_scopus.bib", 236),
    ("pybibx/mcda_wos.bib", 210),
    ("pybibx/scopus.bib", 263),
    ("pybibx/scopus_m.bib", 24),
    ("pybibx/wos.bib", 236),
    ("pybibx/wos_m.bib", 29),
    ("synthesisr/testdata/Scopus_bib_example.bib", 3),
    ("jabref/testbib/jabref-authors.bib", 212),
    ("_synthetic_edge_cases/asysd/test_export.bib", 3),
    (COLREV + "abi_inform_proquest_bib.bib", 2),
    (COLREV + "acm_bib.bib", 2),
    (COLREV + "bib_data.bib", 6),  # two entries share a key: both are read
    (COLREV + "crossref_bib.bib", 1),
    (COLREV + "dblp_bib.bib", 2),
    (COLREV + "europe_pmc_bib.bib", 2),
    (COLREV + "files_dir_bib.bib", 3),
    (COLREV + "scopus_bib.bib", 11),
    (COLREV + "taylor_and_francis_bib.bib", 2),
    (COLREV + "unknown_source_bib.bib", 1),
    (COLREV + "web_of_science_bib.bib", 2),
    (COLREV + "wiley_bib.bib", 2),
]


@functools.cache
def read_shared(relative: str) -> ParseResult:
    """Read a shared BibTeX file once per test session."""
    return read_export(shared_file(relative), "bibtex")


# ----------------------------------------------------------------- real files
@pytest.mark.parametrize(("relative", "count"), MANIFEST_FILES)
def test_manifest_files_read_completely(relative: str, count: int) -> None:
    result = read_shared(relative)
    assert result.format == "bibtex"
    assert len(result.records) == count
    assert result.problems == []
    assert [r.source_index for r in result.records] == list(range(1, count + 1))
    text = shared_file(relative).read_text(encoding="utf-8-sig").replace("\r\n", "\n")
    for record in result.records:
        assert record.title or record.journal  # colrev has a @proceedings with a booktitle
        assert record.raw.lstrip().startswith("@") and record.raw in text


@pytest.mark.parametrize(("relative", "count"), [*MANIFEST_FILES, (COLREV + "ebsco_bib.bib", 2)])
def test_manifest_files_are_detected(relative: str, count: int) -> None:
    pytest.importorskip("cerdesk.importers.nbib")
    pytest.importorskip("cerdesk.importers.wos")
    pytest.importorskip("cerdesk.importers.ris")
    text = shared_file(relative).read_text(encoding="utf-8-sig")
    assert bibtex.sniff(text)
    assert detect_format(text) == "bibtex"


def test_manifest_ebsco_file_has_one_truly_broken_entry() -> None:
    # The manifest counts 2 entries (two "@article{"), but the second one's Keywords value
    # holds scraped web-page code with unbalanced braces ("…@type:Person}, @type:Person}"),
    # which no BibTeX reader can delimit: it is reported with its line, the first is read.
    result = read_shared(COLREV + "ebsco_bib.bib")
    assert [r.title for r in result.records] == ["Paper title."]
    [problem] = result.problems
    assert (problem.record, problem.line) == (2, 15)
    assert "@article{13362467620181001" in problem.message
    assert "Expected a `=` after entry key `@type:Person`" in problem.message


def test_proquest_keyless_entries() -> None:
    # Not a BibTeX file in the manifest (a ProQuest "Report Information" text export,
    # 100 documents), but it ends with a BibTeX bibliography whose entries have no key
    # ("@misc{\nauthor=…"), as ProQuest writes them. All 100 are read.
    result = read_export(shared_file("metaknowledge/ProQuest_TestFile.testtxt"), "bibtex")
    assert (len(result.records), result.problems) == (100, [])
    first = result.records[0]
    assert first.source_id is None
    assert first.raw.startswith("@misc{\nauthor={Dorst,Chris}")
    assert first.authors == ("Dorst, Chris",)
    assert first.title == "Entrenchment and the Kripke-Wittgenstein paradox"
    assert first.year == 2014


def test_zotero_fields() -> None:
    first = read_shared("asysd/zotero_export.bib").records[0]
    assert first.source_id == "larsen_microangiography_1999"
    assert first.title == (
        "Microangiography of the humeral condyle in Cocker Spaniel and non-Cocker Spaniel dogs"
    )
    assert first.authors == ("Larsen, LJ", "Roush, JK", "McLaughlin, RM", "Cash, WC")
    assert first.journal == "VETERINARY AND COMPARATIVE ORTHOPAEDICS AND TRAUMATOLOGY"
    assert (first.year, first.volume, first.issue, first.pages) == (1999, "12", "3", "134-137")
    assert first.issn == "0932-0814"
    assert first.language == "English"
    assert first.publication_type == "article"
    assert first.keywords == (
        "blood supply",
        "Cocker Spaniels",
        "FRACTURES",
        "humeral condylar fractures",
        "microangiography",
    )
    assert first.extra["month"] == ["aug"]
    records = read_shared("asysd/zotero_export.bib").records
    # The manifest counts 719 records "with DOI": one of them only cites another paper's
    # DOI inside its abstract; 718 have a doi field.
    assert sum(1 for r in records if r.doi) == 718
    # Zotero escapes "<" as {\textless}.
    assert any("P < 0.001" in (r.abstract or "") for r in records)
    assert not any("textless" in (r.abstract or "") for r in records)


def test_scopus_fields() -> None:
    result = read_shared("pybibx/scopus.bib")
    first = result.records[0]
    assert first.source_id == "Figueira2022986"
    assert first.authors == ("Figueira, J.R.", "Greco, S.", "Roy, B.")
    assert first.title == "ELECTRE-SCORE: A first outranking based method for scoring actions"
    assert (first.journal, first.journal_abbrev) == (
        "European Journal of Operational Research",
        "Eur J Oper Res",
    )
    assert (first.year, first.volume, first.issue, first.pages) == (2022, "297", "3", "986-1005")
    assert first.doi == "10.1016/j.ejor.2021.05.017"
    assert first.url is not None and first.url.startswith("https://www.scopus.com/")
    # Author keywords first, then Scopus' index keywords.
    assert first.keywords[:2] == ("ELECTRE methods", "Healthcare system evaluation")
    assert "Outranking relation" in first.keywords
    assert first.extra["document_type"] == ["Article"]
    # Scopus repeats funding_details in an entry; both values are kept.
    assert len(first.extra["funding_details"]) == 3
    assert "funding_text 1" in first.extra  # the key had a non-breaking space


def test_web_of_science_fields() -> None:
    first = read_shared("pybibx/wos.bib").records[0]
    assert first.source_id == "WOS:000719584000015"
    assert first.title == "ELECTRE-SCORE : A first outranking based method for scoring actions"
    assert first.authors == ("Figueira, Jose Rui", "Greco, Salvatore", "Roy, Bernard")
    assert first.journal == "EUROPEAN JOURNAL OF OPERATIONAL RESEARCH"
    assert first.journal_abbrev == "Eur. J. Oper. Res."
    assert first.doi == "10.1016/j.ejor.2021.05.017"
    assert first.issn == "0377-2217; 1872-6860"
    assert first.extra["month"] == ["MAR 16"]  # double braces {{…}} removed
    assert first.extra["unique-id"] == ["WOS:000719584000015"]
    wos = read_shared(COLREV + "web_of_science_bib.bib").records
    assert wos[0].doi == "10.1007/999-9-999-99999-9_3"  # DOI = {…9\_3}
    assert wos[1].title == "A dummy title's"  # &apos;


def test_jabref_latex_names() -> None:
    records = read_shared("jabref/testbib/jabref-authors.bib").records
    assert records[0].title == "CORDIC II: A New Improved CORDIC Algorithm"
    assert records[0].authors == (
        "Garrido, Mario",
        "Kallstrom, Petter",
        "Kumm, Martin",
        "Gustafsson, Oscar",
    )
    assert records[1].authors == ("Gustafsson, Oscar", "Johansson, Håkan")  # H{\aa}kan
    assert records[1].publication_type == "inproceedings"
    assert records[1].journal is not None and records[1].journal.startswith("2015 IEEE")


def test_colrev_edge_cases() -> None:
    europe_pmc = read_shared(COLREV + "europe_pmc_bib.bib").records
    assert europe_pmc[0].pmid == "18888888"  # from the key PMID:18888888
    assert europe_pmc[0].abstract is not None and "percentage" in europe_pmc[0].abstract
    tandf = read_shared(COLREV + "taylor_and_francis_bib.bib").records
    assert [r.pmid for r in tandf] == ["33355555", "33314444"]  # note = {PMID: …}
    assert tandf[0].doi == "10.1111/07777777.2018.1666666"
    assert tandf[0].url is None  # the URL is the DOI link
    wiley = read_shared(COLREV + "wiley_bib.bib").records
    assert wiley[0].doi == "10.1111/1111222233334.ch29"  # doi = {https://doi.org/…}
    assert wiley[0].publication_type == "inbook"
    acm = read_shared(COLREV + "acm_bib.bib").records
    assert acm[1].pages == "123-456"  # an en dash
    assert acm[0].pages == "4"  # articleno when there are no pages
    files = read_shared(COLREV + "files_dir_bib.bib").records
    assert files[0].authors == ("Jensen, Rasmus", "Eskild")
    duplicates = read_shared(COLREV + "bib_data.bib").records
    assert [r.source_id for r in duplicates[:2]] == ["articlewriter_firstrandomword_2020"] * 2
    assert duplicates[0].authors == ("Articlewriter, Laura, III",)
    assert duplicates[1].doi == "10.3333/xyz.v4444.04a"
    asysd = read_shared("_synthetic_edge_cases/asysd/test_export.bib").records
    assert asysd[0].doi is None and asysd[0].extra["doi"] == ["DOI 1"]


# ----------------------------------------------------------------- own sample
def test_sample_file() -> None:
    result = read_export(SAMPLE)
    assert result.format == "bibtex"
    first, proceedings, duplicate = result.records
    assert [(p.record, p.line) for p in result.problems] == [(3, 36), (5, 52)]
    assert "@article{broken2020" in result.problems[0].message
    assert "empty2022" in result.problems[1].message
    assert first.title == "Wear of UHMWPE in Ti6Al4V hip implants: a <5% failure rate"
    assert first.authors == ("Müller, Anna K.", "Smith, John, Jr.", "Hip Registry Group")
    assert first.journal == "Journal of Implant Surgery"  # @string macro
    assert first.abstract == "Wear was 50% lower (p < 0.05) for élèves & cafés. The Café study."
    assert (first.year, first.volume, first.issue, first.pages) == (2019, "12", "3", "123-129")
    assert first.doi == "10.1000/jis.2019_001"
    assert first.pmid == "30000001"
    assert first.keywords == ("polyethylene wear", "hip prosthesis", "Humans")
    assert first.issn == "1234-5678; 1234-0000"
    assert first.url == "https://example.org/article/42"
    assert first.extra["month"] == ["may"]
    assert proceedings.source_id == "vanbeethoven2018"
    assert proceedings.title == "Surgical procedures"  # "Surgical " # "procedures"
    assert proceedings.authors == ("van Beethoven, Ludwig", "de la Fontaine, Jean")
    assert proceedings.journal == "Proceedings of the Hip Congress"
    assert (proceedings.year, proceedings.pmid) == (2018, "30000002")  # date, eprint
    assert proceedings.keywords == ("surgery", "outcomes")
    assert duplicate.source_index == 4
    assert duplicate.title == "A second entry with the same key"  # the first of two
    assert duplicate.pages == "e0251071"
    text = SAMPLE.read_text(encoding="utf-8")
    for record in result.records:
        assert record.raw in text


@pytest.mark.parametrize(
    ("latex", "text"),
    [
        ('M{\\"u}ller', "Müller"),
        ("H{\\aa}kan", "Håkan"),
        ("{\\L}{\\'o}d{\\'z}", "Łódź"),
        ("\\v{C}apek \\c{c}a \\~n \\'\\i", "Čapek ça ñ í"),
        ("{CORDIC} {II:} {A} New", "CORDIC II: A New"),
        ("50\\% and 50% of \\& \\_ \\#1", "50% and 50% of & _ #1"),
        ("$\\alpha$-synuclein and H$_2$O", "α-synuclein and H2O"),
        ("cost $5 to $10", "cost $5 to $10"),
        ("P {\\textless} 0.05 and {\\textgreater}1", "P < 0.05 and >1"),
        ("\\textit{in vivo} \\emph{study}", "in vivo study"),
        ("a~b \\\\ c", "a b c"),
        ("http://x.org/\\~{}user", "http://x.org/~user"),
        ("A title&apos;s &#169;", "A title's ©"),
        ("\\unknown{kept} text", "kept text"),
    ],
)
def test_latex_to_text(latex: str, text: str) -> None:
    assert latex_to_text(latex) == text


# ----------------------------------------------------------------- hostile input
@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "not BibTeX"),
        ("TY  - JOUR\nTI  - x\nER  - \n", "not BibTeX"),
        ("@string{x = {y}}\n% only a macro\n", "holds no BibTeX entries"),
        ("@comment{nothing}", "holds no BibTeX entries"),
    ],
)
def test_not_bibtex(text: str, message: str) -> None:
    with pytest.raises(ImportFileError, match=message):
        parse_text(text, "bibtex")


def test_binary_junk_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "junk.bib"
    path.write_bytes(b"@article{x,\n" + bytes(range(256)) * 20)
    with pytest.raises(ImportFileError, match=r"junk\.bib"):
        read_export(path, "bibtex")


def test_truncated_file_keeps_the_complete_entries() -> None:
    entries = "".join(f"@article{{k{i},\n  title = {{Title {i}}},\n}}\n" for i in range(1, 6))
    cut = entries.index("@article{k4") + 25
    result = parse_text(entries[:cut], "bibtex")
    assert [r.source_id for r in result.records] == ["k1", "k2", "k3"]
    [problem] = result.problems
    assert (problem.record, problem.line) == (4, 10)
    assert "Unexpectedly reached end of file" in problem.message


def test_broken_entry_in_the_middle_does_not_lose_the_next_ones() -> None:
    text = (
        "@article{a, title={One}}\n"
        "@article{b, title={Two with {unbalanced brace}\n"
        "@article{c, title={Three}}\n"
        "@article{d, title={Four}}\n"
    )
    result = parse_text(text, "bibtex")
    assert [r.source_id for r in result.records] == ["a", "c", "d"]
    assert [r.source_index for r in result.records] == [1, 3, 4]
    assert [(p.record, p.line) for p in result.problems] == [(2, 2)]


def test_ten_megabyte_abstract() -> None:
    # ~10 MB; a LaTeX escape now and then, as in real abstracts
    abstract = ("Wear {\\'e} particles were measured {\\textless} 5\\%. " + "x" * 950) * 10_000
    text = "@article{a, title={T}, abstract={" + abstract + "}}\n@article{b, title={U}}\n"
    start = time.perf_counter()
    result = parse_text(text, "bibtex")
    assert time.perf_counter() - start < 10
    assert [r.title for r in result.records] == ["T", "U"]
    assert result.records[0].abstract is not None
    assert result.records[0].abstract.startswith("Wear é particles were measured < 5%.")


@pytest.mark.parametrize(
    "text",
    [
        "@a{" * 20_000,
        "@article{a, title=" + "{" * 20_000,
        "@article{a, title={" + "\\" * 20_001 + "}}",
        "@article{a, title={" + "$" * 20_000 + "}}",
        "@article{a, author={" + " and ".join(f"Name{i}, F." for i in range(5000)) + "}}",
    ],
)
def test_pathological_input_is_quick(text: str) -> None:
    start = time.perf_counter()
    with contextlib.suppress(ImportFileError):
        parse_text(text, "bibtex")
    assert time.perf_counter() - start < 5


def test_sniff() -> None:
    assert bibtex.sniff("% comment\n\n@article{key,\n")
    assert bibtex.sniff("  @Book ( key,\n")
    assert not bibtex.sniff("contact us @support or mail@example.org {x}")
    assert not bibtex.sniff("TY  - JOUR\nER  - \n")


# ----------------------------------------------------------------- hypothesis
_FRAGMENTS = st.sampled_from(
    [
        "@article{",
        "@book(",
        "@string{",
        "@comment{",
        "@preamble{",
        "\n@misc{\n",
        "key,",
        "}",
        ")",
        "{",
        '"',
        ",",
        " = ",
        " # ",
        "author",
        "title",
        " and ",
        "others",
        "\\'",
        "\\",
        "$",
        "~",
        "%",
        "\n",
        '{\\"u}',
        "PMID: 12",
        "doi",
        "10.1/x",
        "\xa0",
    ]
)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text())
def test_random_text_only_raises_import_errors(text: str) -> None:
    bibtex.sniff(text)
    with contextlib.suppress(ImportFileError):
        parse_text(text, "bibtex")


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.one_of(_FRAGMENTS, st.text(max_size=5)), max_size=40))
def test_entry_like_fragments_only_raise_import_errors(parts: list[str]) -> None:
    text = "".join(parts)
    bibtex.sniff(text)
    try:
        result = parse_text(text, "bibtex")
    except ImportFileError:
        return
    assert result.records or result.problems
    for record in result.records:
        assert record.raw.lstrip().startswith("@")


def test_bibtexparser_warnings_become_problems_not_log_noise(
    caplog: pytest.LogCaptureFixture,
) -> None:
    with caplog.at_level("INFO"):
        result = parse_text("@article{a, title={One}\n@article{b, title={Two}}\n", "bibtex")
    assert len(result.problems) == 1
    assert not [r for r in caplog.records if r.name.startswith("bibtexparser")]
