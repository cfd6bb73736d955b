"""De-duplication quality on labelled public data sets: precision, sensitivity, specificity.

Usage: python bench/dedupe_quality.py [--show-errors] [--show-uncertain] [SET ...]

Sets (from ../shared/data; see its MANIFEST.md):

* bib-dedupe ``cytology_screening``, ``haematology``, ``digital_work``, ``special_cases``:
  ``records_pre_merged.csv`` plus ``merged_record_ids.csv`` (one labelled duplicate group
  per row). Counted like bib-dedupe's benchmark (record level): in each labelled group one
  record must stay; every other record removed is a true positive, every one kept a false
  negative; a labelled group removed entirely, or a record outside any group removed,
  is a false positive.
* IEBH dedupe-sweep ``copper``, ``tafenoquine``: EndNote XML where every member of a
  duplicate set (the one to keep included) carries the caption "Duplicate" and unique
  records have none; there are no group labels. Counted as IEBH's own test/analysis.js
  does (record level, "is in a duplicate set"): a flagged record in one of our groups is a
  true positive, an unflagged record in one of our groups a false positive (a unique
  record merged), a flagged record left alone a false negative. "dups" is then the
  number of flagged records, not of removable ones.

Only "duplicate" matches remove records; "uncertain" pairs are counted separately (they go
to a person in the side-by-side review).

Notes: labelled pairs refused on purpose (ids as in ``--show-errors``), 0 FP everywhere:

* cytology_screening: Speich 2004 (J Med Microbiol 53, "125-128" / "2-8"): the second range
  is garbled ("Pt 2"?), nothing proves it; left for review.
* haematology: letters grouped with their replies (Yildiz / Shepherd "- Reply", 8/9/39/40);
  errata grouped with the articles (Hillmen 161/162, Goicoechea de Jorge 175/190/191/1173,
  Le Quintrec 52/117/807/808, Nürnberger/Philipp 57/58/63/64/65); different trial
  registrations (Alexion 234-237 adult/adolescent, sensitive/resistant; 245/246); the
  meeting abstract and the later full paper in another issue (Koehl 128/129, Biran
  220/221); one abstract at two meetings in two journals (Kelly 134/135, Br J Haematol
  and Haematologica); a conference record at another page than the journal's (Davin
  1188/1189, p22 / p52); two titles and no volume or pages on one side (Lapeyraque 818/819).
* digital_work: the "Guest Editorial" and an "Editorial" with different DOIs and pages
  (219/340); one paper printed twice with two DOIs (Liu & Yetton 3664/3665, 2009 and 2010);
  an article and its erratum (5083/5084); Kasriel 2951/2952 (HBR volume "2016", issue
  "May", one author, a column heading before the title): a genuine duplicate, but only the
  title and one name agree, so it goes to review.
"""

from __future__ import annotations

import argparse
import csv
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from cerdesk.core.bibliography import normalize_doi, normalize_pages
from cerdesk.ops.dedupe_match import (
    DedupeRecord,
    Match,
    find_matches,
    group_duplicates,
)

SHARED = Path(__file__).resolve().parents[2] / "shared" / "data"
BIB_DEDUPE_SETS = ("cytology_screening", "haematology", "digital_work", "special_cases")
IEBH_SETS = ("copper", "tafenoquine")


@dataclass
class LabelledSet:
    """Records with their truth.

    Attributes:
        name: Set name.
        records: Records to de-duplicate (ids 1..n).
        groups: bib-dedupe: labelled duplicate groups (record ids).
        flagged: IEBH: ids of records flagged "Duplicate" (``None`` for bib-dedupe sets).
        labels: Original record identifiers by id (for printing).
    """

    name: str
    records: list[DedupeRecord]
    groups: list[list[int]] = field(default_factory=list)
    flagged: set[int] | None = None
    labels: dict[int, str] = field(default_factory=dict)


def _clean(value: str | None) -> str | None:
    value = (value or "").strip()
    return value or None


def load_bib_dedupe(name: str, root: Path = SHARED) -> LabelledSet:
    """Load one bib-dedupe set (records_pre_merged.csv and merged_record_ids.csv)."""
    folder = root / "bib-dedupe" / name
    records: list[DedupeRecord] = []
    ids: dict[str, int] = {}
    with open(folder / "records_pre_merged.csv", encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            rid = len(records) + 1
            ids[row["ID"]] = rid
            authors = tuple(
                a.strip() for a in (row.get("author") or "").split(" and ") if a.strip()
            )
            year = _clean(row.get("year"))
            pages = _clean(row.get("pages"))
            records.append(
                DedupeRecord(
                    id=rid,
                    title=_clean(row.get("title")),
                    authors=authors,
                    year=int(float(year)) if year else None,
                    journal=_clean(row.get("journal")) or _clean(row.get("booktitle")),
                    journal_abbrev=None,
                    volume=_clean(row.get("volume")),
                    issue=_clean(row.get("number")),
                    pages=normalize_pages(pages.replace("--", "-")) if pages else None,
                    doi=normalize_doi(row.get("doi")),
                    pmid=None,
                    abstract=_clean(row.get("abstract")),
                    publication_type=_clean(row.get("ENTRYTYPE")),
                )
            )
    groups = []
    with open(folder / "merged_record_ids.csv", encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            groups.append([ids[x] for x in row["merged_ids"].split(";") if x in ids])
    labels = {v: k for k, v in ids.items()}
    return LabelledSet(name, records, groups=groups, labels=labels)


def load_iebh(name: str, root: Path = SHARED) -> LabelledSet:
    """Load one IEBH dedupe-sweep EndNote XML library with its "Duplicate" captions."""
    from cerdesk.importers import endnote_xml

    text = (root / "iebh-dedupe-sweep" / f"{name}.xml").read_text(encoding="utf-8")
    parsed, _problems = endnote_xml.parse(text)
    records: list[DedupeRecord] = []
    flagged: set[int] = set()
    labels: dict[int, str] = {}
    for i, p in enumerate(parsed, start=1):
        records.append(
            DedupeRecord(
                id=i,
                title=p.title,
                authors=p.authors,
                year=p.year,
                journal=p.journal,
                journal_abbrev=p.journal_abbrev,
                volume=p.volume,
                issue=p.issue,
                pages=p.pages,
                doi=p.doi,
                pmid=p.pmid,
                abstract=p.abstract,
                publication_type=p.publication_type,
            )
        )
        if any(c.strip().lower() == "duplicate" for c in p.extra.get("caption", [])):
            flagged.add(i)
        labels[i] = f"rec {p.source_id}"
    return LabelledSet(name, records, flagged=flagged, labels=labels)


def load(name: str, root: Path = SHARED) -> LabelledSet:
    """Load a labelled set by name."""
    return load_iebh(name, root) if name in IEBH_SETS else load_bib_dedupe(name, root)


@dataclass
class Score:
    """Record-level outcome on one labelled set."""

    name: str
    records: int
    removable: int
    tp: int
    fp: int
    fn: int
    tn: int
    seconds: float
    uncertain: int
    uncertain_true: int
    fp_records: list[int] = field(default_factory=list)
    fn_records: list[int] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def sensitivity(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def specificity(self) -> float:
        return self.tn / (self.tn + self.fp) if self.tn + self.fp else 1.0


def _clusters(groups: dict[int, int]) -> dict[int, list[int]]:
    clusters: dict[int, list[int]] = {}
    for duplicate, kept in groups.items():
        clusters.setdefault(kept, [kept]).append(duplicate)
    return clusters


def evaluate(data: LabelledSet, matches: list[Match], seconds: float) -> Score:
    """Score the groups formed by ``matches`` against the labels (record level)."""
    groups = group_duplicates(data.records, matches)
    removed = set(groups)
    unsure = [m for m in matches if m.decision == "uncertain"]
    if data.flagged is None:
        label = {i: k for k, g in enumerate(data.groups) for i in g}
        unsure_true = sum(1 for m in unsure if label.get(m.a, -1) == label.get(m.b, -2))
    else:
        unsure_true = sum(1 for m in unsure if m.a in data.flagged and m.b in data.flagged)
    n = len(data.records)
    if data.flagged is None:
        tp = fp = fn = tn = 0
        fp_records: list[int] = []
        fn_records: list[int] = []
        in_group = {i for g in data.groups for i in g}
        for rid in range(1, n + 1):
            if rid not in in_group:
                if rid in removed:
                    fp += 1
                    fp_records.append(rid)
                else:
                    tn += 1
        for group in data.groups:
            kept = [i for i in group if i not in removed]
            if not kept:
                fp += 1
                tp += len(group) - 1
                fp_records.append(group[0])
            else:
                tn += 1
                fn += len(kept) - 1
                tp += len(group) - len(kept)
                fn_records.extend(kept[1:])
        removable = sum(len(g) - 1 for g in data.groups)
    else:
        # IEBH convention (their test/analysis.js): every member of a duplicate set carries
        # the caption, so a record counts as found when it is in any group of ours.
        flagged = data.flagged
        grouped = set(groups) | set(groups.values())
        tp = len(grouped & flagged)
        fp_records = sorted(grouped - flagged)
        fp = len(fp_records)
        fn_records = sorted(flagged - grouped)
        fn = len(fn_records)
        tn = n - tp - fp - fn
        removable = len(flagged)
    return Score(
        data.name,
        n,
        removable,
        tp,
        fp,
        fn,
        tn,
        seconds,
        len(unsure),
        unsure_true,
        fp_records,
        fn_records,
    )


def run(name: str, root: Path = SHARED) -> tuple[LabelledSet, list[Match], Score]:
    """Load a set, de-duplicate it and score it."""
    data = load(name, root)
    start = time.perf_counter()
    matches = find_matches(data.records)
    seconds = time.perf_counter() - start
    return data, matches, evaluate(data, matches, seconds)


def _describe(record: DedupeRecord, label: str) -> str:
    authors = "; ".join(record.authors[:3]) + (" …" if len(record.authors) > 3 else "")
    return (
        f"    [{record.id} {label}] {record.title!r}\n"
        f"        {authors} | {record.year} | {record.journal} | v{record.volume} "
        f"i{record.issue} p{record.pages} | doi {record.doi} | pmid {record.pmid} "
        f"| {record.publication_type}"
    )


def show_errors(data: LabelledSet, matches: list[Match], score: Score) -> None:
    """Print the records wrongly removed and those missed, with their partners."""
    by_id = {r.id: r for r in data.records}
    groups = group_duplicates(data.records, matches)
    rule = {}
    for m in matches:
        rule[m.a, m.b] = f"{m.decision}: {m.rule} ({m.score})"
    clusters = _clusters(groups)
    truth: dict[int, list[int]] = {}
    for g in data.groups:
        for i in g:
            truth[i] = g

    def describe_group(members: list[int]) -> None:
        for i in sorted(members):
            print(_describe(by_id[i], data.labels.get(i, "")))
        for x in sorted(members):
            for y in sorted(members):
                if x < y and (x, y) in rule:
                    print(f"      {x}-{y}: {rule[x, y]}")

    print(f"  False positives ({score.fp}):")
    for rid in score.fp_records:
        kept = groups.get(rid, rid)
        describe_group(clusters.get(kept, [rid]))
        print()
    print(f"  False negatives ({score.fn}):")
    for rid in score.fn_records:
        members = truth.get(rid, [rid])
        if data.flagged is not None:
            members = [rid] + [m.b if m.a == rid else m.a for m in matches if rid in (m.a, m.b)]
        describe_group(members)
        print()


def print_table(scores: list[Score]) -> None:
    """Print the quality table."""
    head = (
        f"{'set':<20}{'records':>8}{'dups':>6}{'TP':>6}{'FP':>4}{'FN':>5}"
        f"{'prec':>7}{'sens':>7}{'spec':>7}{'unsure':>7}{'dup?':>6}{'time s':>8}"
    )
    print(head)
    print("-" * len(head))
    for s in scores:
        print(
            f"{s.name:<20}{s.records:>8}{s.removable:>6}{s.tp:>6}{s.fp:>4}{s.fn:>5}"
            f"{s.precision:>7.3f}{s.sensitivity:>7.3f}{s.specificity:>7.3f}"
            f"{s.uncertain:>7}{s.uncertain_true:>6}{s.seconds:>8.2f}"
        )


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark; return 0, or 1 when a set has a false positive."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sets", nargs="*", default=[*BIB_DEDUPE_SETS, *IEBH_SETS])
    parser.add_argument("--show-errors", action="store_true")
    parser.add_argument("--show-uncertain", action="store_true")
    args = parser.parse_args(argv)
    if not SHARED.is_dir():
        print(f"Labelled data not found at {SHARED}")
        return 0
    scores = []
    show: Callable[[LabelledSet, list[Match], Score], None] = show_errors
    for name in args.sets:
        data, matches, score = run(name)
        scores.append(score)
        if args.show_errors:
            print(f"== {name}")
            show(data, matches, score)
        if args.show_uncertain:
            by_id = {r.id: r for r in data.records}
            print(f"== {name}: uncertain pairs")
            for m in matches:
                if m.decision == "uncertain":
                    print(f"  {m.a}-{m.b}: {m.rule} ({m.score})")
                    print(_describe(by_id[m.a], data.labels.get(m.a, "")))
                    print(_describe(by_id[m.b], data.labels.get(m.b, "")))
    print_table(scores)
    print(
        "unsure: pairs proposed for review; dup?: of those, pairs the labels call duplicates.\n"
        "IEBH sets: 'dups' = records flagged as members of a duplicate set (IEBH counting)."
    )
    return 1 if any(s.fp for s in scores) else 0


if __name__ == "__main__":
    raise SystemExit(main())
