"""De-duplication speed: synthetic registers of 10,000, 50,000 and 100,000 records.

Usage: python bench/dedupe_speed.py [--sizes 10000 50000 100000] [--share 0.3]

Each register holds unique records plus planted duplicates (``--share`` of the records)
written the way another database would write them: other case and punctuation, MEDLINE
annotations ("[Review] [45 refs]"), abbreviated journal, "Zuber J" / "Zuber, J." author
forms, abbreviated page ranges, a missing DOI or PMID, a title typo, the epub year. Prints
seconds for find_matches + group_duplicates, peak memory of the matcher, and how many
planted duplicates were found (and how many records were wrongly linked).
Target on the reference 2-core machine: 100,000 records in <= 5 s.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
import tracemalloc
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from cerdesk.ops.dedupe_match import DedupeRecord, find_matches, group_duplicates

_VOCABULARY = (
    "femoral neck fracture cannulated screw fixation osteosynthesis hip arthroplasty",
    "nonunion avascular necrosis elderly patients cohort randomised trial outcome union",
    "scaphoid malleolar tibial plateau revision reoperation complication implant titanium",
    "functional score harris follow-up retrospective prospective registry analysis",
    "cemented uncemented stem cup polyethylene wear dislocation infection periprosthetic",
    "bearing ceramic metal mortality length stay rehabilitation weight bearing dual mobility",
    "acetabular total hemiarthroplasty displaced undisplaced intracapsular sliding nail plate",
    "locking proximal distal humerus radius ankle knee spine lumbar fusion cage pedicle",
)
_WORDS = " ".join(_VOCABULARY).split()
_NAMES = (
    "Smith Jones Müller García Zuber Nguyen Wang Li Kim Rossi Dubois Novak Silva Hansen",
    "Kowalski Ivanov Yilmaz Tanaka Cohen Murphy O'Brien van-der-Berg de-Jong Lopez Rubio",
    "Schmidt Fischer Weber Meyer Wagner Becker Schulz Hoffmann Koch Richter Klein Wolf",
    "Schröder Neumann Schwarz Zimmermann Braun Krüger Hofmann Hartmann Lange Schmitt Werner",
)
_FAMILIES = " ".join(_NAMES).replace("-", " ").split(" ")
_JOURNALS = (
    ("Injury", "Injury"),
    ("Journal of Orthopaedic Trauma", "J Orthop Trauma"),
    ("The Bone & Joint Journal", "Bone Joint J"),
    ("Acta Orthopaedica", "Acta Orthop"),
    ("Clinical Orthopaedics and Related Research", "Clin Orthop Relat Res"),
    ("Journal of Arthroplasty", "J Arthroplasty"),
    ("Archives of Orthopaedic and Trauma Surgery", "Arch Orthop Trauma Surg"),
    ("BMC Musculoskeletal Disorders", "BMC Musculoskelet Disord"),
)


def _base_record(rng: random.Random, rid: int) -> DedupeRecord:
    title = " ".join(rng.choice(_WORDS) for _ in range(rng.randint(7, 16))).capitalize()
    authors = tuple(
        f"{rng.choice(_FAMILIES)}{rng.randint(1, 400)}, {rng.choice('ABCDEFGHJKLMNPRST')}."
        for _ in range(rng.randint(1, 8))
    )
    journal, abbrev = rng.choice(_JOURNALS)
    start = rng.randint(1, 2500)
    return DedupeRecord(
        id=rid,
        title=title,
        authors=authors,
        year=rng.randint(1990, 2025),
        journal=journal,
        journal_abbrev=abbrev if rng.random() < 0.5 else None,
        volume=str(rng.randint(1, 120)),
        issue=str(rng.randint(1, 12)),
        pages=f"{start}-{start + rng.randint(2, 14)}",
        doi=f"10.{rng.randint(1000, 9999)}/j.{rid}" if rng.random() < 0.7 else None,
        pmid=str(10_000_000 + rid) if rng.random() < 0.5 else None,
        abstract=None,
    )


def _variant(rng: random.Random, record: DedupeRecord, rid: int) -> DedupeRecord:
    """Return ``record`` as another database would write it."""
    title = record.title or ""
    roll = rng.random()
    if roll < 0.3:
        title = title.upper() + "."
    elif roll < 0.45:
        title = f"{title}. [Review] [{rng.randint(5, 90)} refs]"
    elif roll < 0.6 and len(title) > 20:
        i = rng.randrange(5, len(title) - 5)
        title = title[:i] + title[i + 1 :]  # a typo
    authors = tuple(
        a.replace(", ", " ").replace(".", "") if rng.random() < 0.5 else a for a in record.authors
    )
    pages = record.pages
    if pages and rng.random() < 0.3:
        start, end = pages.split("-")
        pages = f"{start}-{end[-1]}"
    journal = record.journal_abbrev or record.journal
    return DedupeRecord(
        id=rid,
        title=title,
        authors=authors,
        year=record.year,
        journal=journal,
        journal_abbrev=None,
        volume=record.volume,
        issue=record.issue if rng.random() < 0.7 else None,
        pages=pages,
        doi=record.doi if rng.random() < 0.6 else None,
        pmid=record.pmid if rng.random() < 0.4 else None,
        abstract="An abstract." if rng.random() < 0.5 else None,
    )


def synthetic_register(
    count: int, share: float = 0.3, seed: int = 7
) -> tuple[list[DedupeRecord], dict[int, int]]:
    """Return ``count`` records and, for each planted duplicate, the id of its original."""
    rng = random.Random(seed)
    originals = int(count * (1 - share))
    records = [_base_record(rng, i + 1) for i in range(originals)]
    planted: dict[int, int] = {}
    while len(records) < count:
        source = rng.choice(records[:originals])
        rid = len(records) + 1
        records.append(_variant(rng, source, rid))
        planted[rid] = source.id
    rng.shuffle(records)
    return records, planted


def measure(count: int, share: float) -> None:
    """Time one register size and print the outcome."""
    records, planted = synthetic_register(count, share)
    root = dict(planted)
    start = time.perf_counter()
    matches = find_matches(records)
    found = time.perf_counter()
    groups = group_duplicates(records, matches)
    end = time.perf_counter()
    tracemalloc.start()
    find_matches(records)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()

    def origin(rid: int) -> int:
        return root.get(rid, rid)

    wrong = sum(1 for d, k in groups.items() if origin(d) != origin(k))
    linked = sum(1 for d, k in groups.items() if origin(d) == origin(k))
    uncertain = sum(1 for m in matches if m.decision == "uncertain")
    print(
        f"{count:>7,} records: {end - start:5.2f} s (matching {found - start:.2f} s, "
        f"grouping {end - found:.2f} s), peak {peak / 1e6:.0f} MB; "
        f"planted {len(planted):,}, linked {linked:,}, wrong {wrong}, uncertain {uncertain:,}"
    )


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark; return 0."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="*", default=[10_000, 50_000, 100_000])
    parser.add_argument("--share", type=float, default=0.3)
    args = parser.parse_args(argv)
    for size in args.sizes:
        measure(size, args.share)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
