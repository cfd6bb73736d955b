"""Synthetic but realistic RIS exports for benchmarks (no third-party data)."""

from __future__ import annotations

import random

_WORDS = [
    "femoral",
    "neck",
    "fracture",
    "cannulated",
    "screw",
    "fixation",
    "osteosynthesis",
    "hip",
    "arthroplasty",
    "nonunion",
    "avascular",
    "necrosis",
    "elderly",
    "patients",
    "cohort",
    "randomised",
    "trial",
    "outcome",
    "union",
    "scaphoid",
    "malleolar",
    "tibial",
    "plateau",
    "revision",
    "reoperation",
    "complication",
    "implant",
    "titanium",
    "functional",
    "score",
    "harris",
    "follow-up",
    "retrospective",
    "prospective",
    "registry",
    "analysis",
]
_JOURNALS = ("Injury", "J Orthop Trauma", "Bone Joint J", "Acta Orthop", "Clin Orthop Relat Res")


def synthetic_ris(count: int, seed: int = 1) -> str:
    """Return ``count`` RIS records with titles, authors, abstracts, DOIs and keywords."""
    rng = random.Random(seed)
    parts = []
    for i in range(count):
        title = " ".join(rng.choice(_WORDS) for _ in range(rng.randint(6, 14))).capitalize()
        abstract = " ".join(rng.choice(_WORDS) for _ in range(rng.randint(120, 220)))
        authors = "".join(
            f"AU  - {rng.choice('ABCDEFGHIJKLMNOPRSTUVWZ')}{rng.choice(_WORDS)}, "
            f"{rng.choice('ABCDEFGHJKLMNPRST')}.\n"
            for _ in range(rng.randint(1, 8))
        )
        keywords = "".join(f"KW  - {rng.choice(_WORDS)}\n" for _ in range(rng.randint(2, 6)))
        parts.append(
            f"TY  - JOUR\n{authors}TI  - {title}\nT2  - {rng.choice(_JOURNALS)}\n"
            f"PY  - {rng.randint(1995, 2026)}\nVL  - {rng.randint(1, 60)}\n"
            f"IS  - {rng.randint(1, 12)}\nSP  - {rng.randint(1, 900)}\n"
            f"DO  - 10.{rng.randint(1000, 9999)}/bench.{i}\nAB  - {abstract}\n{keywords}"
            f"ID  - {i + 1}\nER  - \n\n"
        )
    return "".join(parts)
