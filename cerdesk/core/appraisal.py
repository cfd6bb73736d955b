"""Appraisal schemes: the criteria a source is graded against, and the suggested weight.

Each :class:`Scheme` is a list of items; each item has the grades a user may give. The
texts are those of ``cer-domain.md`` §3: the IMDRF MDCE WG/N56 Appendix F suitability and
data-contribution grid (the same grid as GHTF SG5/N2R8 Appendix D), the MEDDEV 2.7/1
rev. 4 Appendix A6 flags, and item lists for validated tools that MDCG 2020-6 §6.3
accepts (Cochrane RoB 2, MINORS, Newcastle–Ottawa).

Grades are never added into a score for the IMDRF grid: Appendix F says "it is not
intended that the relative weightings from each category be added into a total score".
The evaluator sets the weight with a rationale; :func:`suggest_weight` only suggests one,
and says why.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from cerdesk.core.fields import Choice, choices


@dataclass(frozen=True)
class Item:
    """One criterion of a scheme.

    Attributes:
        code: Short code shown as the grid's column header ("D", "A6.b", "MINORS 3").
        title: The criterion as the source states it.
        question: The question the evaluator answers.
        grades: The allowed grades, best first (value -> default label).
        flag: True for yes/no deficiency flags (MEDDEV A6): the grade is "FLAG" or empty.
    """

    code: str
    title: str
    question: str
    grades: tuple[Choice, ...]
    flag: bool = False

    def parse(self, text: str | None) -> str | None:
        """Return the grade the user means by ``text``, or None to clear it.

        Accepts the grade ("D1", "d1"), its number alone ("1" for D1), a unique first
        letter of its label ("l" for Low risk) and, for flags, yes/no words.

        Raises:
            ValueError: ``text`` matches no grade of this item (message lists them).
        """
        typed = (text or "").strip()
        if not typed or typed in ("-", "–"):
            return None
        low = typed.lower()
        if self.flag:
            if low in ("x", "y", "yes", "1", "flag", "flagged", "true", "✓"):
                return "FLAG"
            if low in ("n", "no", "0", "false"):
                return None
        exact = self.grade(typed)
        if exact:
            return exact.value
        by_number = [c for c in self.grades if c.value.upper() == f"{self.code}{typed}".upper()]
        if by_number:
            return by_number[0].value
        by_label = [c for c in self.grades if c.label.lower().startswith(low)]
        if len(by_label) == 1:
            return by_label[0].value
        allowed = ", ".join(c.value for c in self.grades)
        raise ValueError(f"{typed!r} is not a grade of {self.code} ({self.title}); use {allowed}.")

    def grade(self, value: str) -> Choice | None:
        """Return the grade called ``value`` (case-insensitive), or None."""
        wanted = value.strip().upper()
        for choice in self.grades:
            if choice.value.upper() == wanted:
                return choice
        return None


@dataclass(frozen=True)
class Scheme:
    """An appraisal scheme: a list of items and whether it defines a total score.

    Attributes:
        key: Stored identifier (``IMDRF_N56``…).
        label: Name shown to the user.
        items: The criteria, in order.
        scored: True if the tool itself defines a total (MINORS, NOS); never for IMDRF.
        reference: Where the items come from.
    """

    key: str
    label: str
    items: tuple[Item, ...]
    scored: bool = False
    reference: str = ""

    def item(self, code: str) -> Item:
        """Return the item ``code``; raise ``KeyError`` if the scheme has none."""
        for item in self.items:
            if item.code == code:
                return item
        raise KeyError(f"{self.label} has no item {code!r}")


def _yes_no(prefix: str) -> tuple[Choice, ...]:
    return choices((f"{prefix}1", f"{prefix}1 Yes"), (f"{prefix}2", f"{prefix}2 No"))


#: IMDRF MDCE WG/N56 Appendix F, tables F1 (suitability) and F2 (data contribution).
IMDRF_N56 = Scheme(
    "IMDRF_N56",
    "IMDRF N56 Appendix F: suitability and data contribution",
    (
        Item(
            "D",
            "Appropriate device",
            "Were the data generated from the device in question?",
            choices(
                ("D1", "D1 Actual device"),
                ("D2", "D2 Comparable device"),
                ("D3", "D3 Other medical device"),
            ),
        ),
        Item(
            "A",
            "Appropriate device application",
            "Was the device used for the same intended use (e.g., methods of deployment, "
            "application, etc.)?",
            choices(
                ("A1", "A1 Same use"), ("A2", "A2 Minor deviation"), ("A3", "A3 Major deviation")
            ),
        ),
        Item(
            "P",
            "Appropriate patient group",
            "Were the data generated from a patient group that is representative of the "
            "intended treatment population (e.g., age, sex, etc.) and clinical condition "
            "(i.e., disease, including state and severity)?",
            choices(
                ("P1", "P1 Applicable"), ("P2", "P2 Limited"), ("P3", "P3 Different population")
            ),
        ),
        Item(
            "R",
            "Acceptable report/data collation",
            "Do the reports or collations of data contain sufficient information to be able "
            "to undertake a rational and objective assessment?",
            choices(
                ("R1", "R1 High quality"),
                ("R2", "R2 Minor deficiencies"),
                ("R3", "R3 Insufficient information"),
            ),
        ),
        Item("T", "Data source type", "Was the design of the study appropriate?", _yes_no("T")),
        Item(
            "O",
            "Outcome measures",
            "Do the outcome measures reported reflect the intended performance of the medical "
            "device?",
            _yes_no("O"),
        ),
        Item(
            "F",
            "Follow up",
            "Is the duration of follow-up long enough to assess whether duration of treatment "
            "effects and identify complications?",
            _yes_no("F"),
        ),
        Item(
            "S",
            "Statistical significance",
            "Has a statistical analysis of the data been provided and is it appropriate?",
            _yes_no("S"),
        ),
        Item(
            "C",
            "Clinical significance",
            "Was the magnitude of the treatment effect observed clinically significant?",
            _yes_no("C"),
        ),
    ),
    reference="IMDRF MDCE WG/N56 FINAL:2019 Appendix F, tables F1 and F2",
)

#: The suitability items (table F1) and the data-contribution items (table F2).
SUITABILITY_ITEMS = ("D", "A", "P", "R")
CONTRIBUTION_ITEMS = ("T", "O", "F", "S", "C")

_FLAG = choices(("FLAG", "Flagged"))

#: MEDDEV 2.7/1 rev. 4 Appendix A6: studies that lack scientific validity.
MEDDEV_A6 = Scheme(
    "MEDDEV_A6",
    "MEDDEV 2.7/1 rev. 4 A6: deficiencies",
    tuple(
        Item(code, title, f"Does the source show: {title.lower()}?", _FLAG, flag=True)
        for code, title in (
            ("A6.a", "Lack of information on elementary aspects"),
            ("A6.b", "Numbers too small for statistical significance"),
            ("A6.c", "Improper statistical methods"),
            ("A6.d", "Lack of adequate controls"),
            ("A6.e", "Improper collection of mortality and serious adverse events data"),
            ("A6.f", "Misinterpretation by the authors"),
            ("A6.g", "Illegal activities"),
        )
    ),
    reference="MEDDEV 2.7/1 rev. 4 Appendix A6 (titles as cited in cer-domain.md §3.1)",
)

_ROB2_GRADES = choices(("LOW", "Low risk"), ("SOME", "Some concerns"), ("HIGH", "High risk"))

#: Cochrane risk-of-bias tool for randomised trials (RoB 2), by domain.
COCHRANE_ROB2 = Scheme(
    "COCHRANE_ROB2",
    "Cochrane RoB 2 (randomised trials)",
    tuple(
        Item(code, title, f"Risk of bias: {title[0].lower()}{title[1:]}?", _ROB2_GRADES)
        for code, title in (
            ("RoB D1", "Bias arising from the randomization process"),
            ("RoB D2", "Bias due to deviations from intended interventions"),
            ("RoB D3", "Bias due to missing outcome data"),
            ("RoB D4", "Bias in measurement of the outcome"),
            ("RoB D5", "Bias in selection of the reported result"),
            ("RoB overall", "Overall risk of bias"),
        )
    ),
    reference="Sterne JAC et al. BMJ 2019;366:l4898",
)

_MINORS_GRADES = choices(
    ("2", "2 Reported and adequate"),
    ("1", "1 Reported but inadequate"),
    ("0", "0 Not reported"),
)

#: MINORS, methodological index for non-randomised studies (items 9-12 comparative only).
MINORS = Scheme(
    "MINORS",
    "MINORS (non-randomised studies)",
    tuple(
        Item(f"MINORS {n}", title, f"{title}?", _MINORS_GRADES)
        for n, title in enumerate(
            (
                "A clearly stated aim",
                "Inclusion of consecutive patients",
                "Prospective collection of data",
                "Endpoints appropriate to the aim of the study",
                "Unbiased assessment of the study endpoint",
                "Follow-up period appropriate to the aim of the study",
                "Loss to follow up less than 5%",
                "Prospective calculation of the study size",
                "An adequate control group (comparative studies)",
                "Contemporary groups (comparative studies)",
                "Baseline equivalence of groups (comparative studies)",
                "Adequate statistical analyses (comparative studies)",
            ),
            start=1,
        )
    ),
    scored=True,
    reference="Slim K et al. ANZ J Surg 2003;73:712-716",
)

_STAR = choices(("1", "★ Star awarded"), ("0", "No star"))
_TWO_STARS = choices(("2", "★★ Two stars"), ("1", "★ One star"), ("0", "No star"))

#: Newcastle–Ottawa Scale for cohort studies.
NOS_COHORT = Scheme(
    "NOS_COHORT",
    "Newcastle–Ottawa Scale (cohort studies)",
    tuple(
        Item(code, title, f"{title}?", grades)
        for code, title, grades in (
            ("NOS S1", "Representativeness of the exposed cohort", _STAR),
            ("NOS S2", "Selection of the non-exposed cohort", _STAR),
            ("NOS S3", "Ascertainment of exposure", _STAR),
            (
                "NOS S4",
                "Demonstration that outcome of interest was not present at start of study",
                _STAR,
            ),
            (
                "NOS C1",
                "Comparability of cohorts on the basis of the design or analysis",
                _TWO_STARS,
            ),
            ("NOS O1", "Assessment of outcome", _STAR),
            ("NOS O2", "Was follow-up long enough for outcomes to occur", _STAR),
            ("NOS O3", "Adequacy of follow up of cohorts", _STAR),
        )
    ),
    scored=True,
    reference="Wells GA et al., Ottawa Hospital Research Institute",
)

#: Every scheme, in the order the grid offers them.
SCHEMES: tuple[Scheme, ...] = (IMDRF_N56, MEDDEV_A6, COCHRANE_ROB2, MINORS, NOS_COHORT)
BY_KEY: dict[str, Scheme] = {s.key: s for s in SCHEMES}


def scheme(key: str) -> Scheme:
    """Return the scheme ``key``; raise ``KeyError`` naming the known ones otherwise."""
    try:
        return BY_KEY[key]
    except KeyError:
        raise KeyError(f"unknown appraisal scheme {key!r}; known: {', '.join(BY_KEY)}") from None


def total_score(sch: Scheme, grades: Mapping[str, str]) -> int | None:
    """Return the tool's own total (MINORS, NOS) or None if it defines none or is incomplete."""
    if not sch.scored:
        return None
    values = [grades.get(item.code) for item in sch.items]
    given = [int(v) for v in values if v not in (None, "")]
    return sum(given) if given else None


# ------------------------------------------------------------------ weight and rank
#: The evaluator's weighting of a source (MEDDEV 2.7/1 rev. 4 §9.3.2–9.3.3).
WEIGHTS = choices(
    ("PIVOTAL", "Pivotal"),
    ("SUPPORTIVE", "Supportive"),
    ("BACKGROUND", "Background / state of the art"),
    ("NOT_USED", "Not used"),
)

#: What device the data were generated with (cer-domain.md §2.6 Source.device_relation).
DEVICE_RELATIONS = choices(
    ("SUBJECT", "Device under evaluation"),
    ("EQUIVALENT", "Equivalent device"),
    ("SIMILAR", "Similar device"),
    ("BENCHMARK", "Benchmark device"),
    ("ALTERNATIVE_THERAPY", "Alternative therapy"),
    ("NONE", "No device"),
)

SOURCE_DESIGNS = choices(
    ("RCT", "Randomised controlled trial"),
    ("NON_RANDOMISED_CONTROLLED", "Non-randomised controlled study"),
    ("PROSPECTIVE_COHORT", "Prospective cohort"),
    ("RETROSPECTIVE_COHORT", "Retrospective cohort"),
    ("CASE_CONTROL", "Case-control study"),
    ("CASE_SERIES", "Case series"),
    ("CASE_REPORT", "Case report"),
    ("SR_MA", "Systematic review / meta-analysis"),
    ("REGISTRY", "Registry"),
    ("SURVEY", "Survey"),
    ("PMS", "Complaints and vigilance data"),
    ("OTHER", "Other"),
)

#: MDCG 2020-6 Appendix III: suggested hierarchy of clinical evidence (verbatim types).
MDCG_RANKS: dict[int, str] = {
    1: "Results of high quality clinical investigations covering all device variants, "
    "indications, patient populations, duration of treatment effect, etc",
    2: "Results of high quality clinical investigations with some gaps",
    3: "Outcomes from high quality clinical data collection systems such as registries",
    4: "Outcomes from studies with potential methodological flaws but where data can still "
    "be quantified and acceptability justified",
    5: "Equivalence data (reliable / quantifiable)",
    6: "Evaluation of state of the art, including evaluation of clinical data from similar "
    "devices as defined in Section 1.2 of this document",
    7: "Complaints and vigilance data; curated data",
    8: "Proactive PMS data, such as that derived from surveys",
    9: "Individual case reports on the subject device",
    10: "Compliance to non-clinical elements of common specifications considered relevant to "
    "device safety and performance",
    11: "Simulated use / animal / cadaveric testing involving healthcare professionals or "
    "other end users",
    12: "Pre-clinical and bench testing / compliance to standards",
}

#: Ranks whose evidence is not "clinical data" under MDR Art. 2(48) (MDCG 2020-6 App. III).
NOT_CLINICAL_DATA_RANKS = frozenset({6, 10, 11, 12})


@dataclass(frozen=True)
class Suggestion:
    """A suggested weight and the reasons for it (never applied automatically)."""

    weight: str
    reasons: tuple[str, ...]

    @property
    def text(self) -> str:
        """The suggestion as one sentence for a tooltip or a report."""
        label = next(c.label for c in WEIGHTS if c.value == self.weight)
        return f"Suggested: {label} — " + "; ".join(self.reasons) + "."


def suggest_weight(
    grades: Mapping[str, str], a6_flags: int = 0, *, equivalence_shown: bool = False
) -> Suggestion | None:
    """Suggest a weight from the IMDRF grade profile (cer-domain.md §3.2, a suggestion only).

    - Pivotal: D1 (or D2 with equivalence demonstrated), A1, P1, R1, T1, O1 and F1, and
      no MEDDEV A6 deficiency;
    - Supportive: no grade 3 in the suitability items and at most two "No" answers in the
      data-contribution items;
    - Background otherwise; a D3 source is never clinical data of the device (MDR
      Art. 2(48)) and is suggested as background (state of the art) only.

    Args:
        grades: IMDRF item code ("D", "A"…) -> grade ("D1"…); missing items are ungraded.
        a6_flags: How many MEDDEV A6 deficiencies are flagged.
        equivalence_shown: Whether equivalence with the comparable device is demonstrated.

    Returns:
        None while any suitability item is ungraded (there is nothing to base it on).
    """
    given = {k: (v or "").upper() for k, v in grades.items() if v}
    if any(code not in given for code in SUITABILITY_ITEMS):
        return None
    device = given["D"]
    if device == "D3":
        return Suggestion(
            "BACKGROUND",
            ("D3: data from another device are not clinical data of the device (MDR Art. 2(48))",),
        )
    top = all(given.get(code) == f"{code}1" for code in ("A", "P", "R", "T", "O", "F"))
    device_ok = device == "D1" or (device == "D2" and equivalence_shown)
    if top and device_ok and a6_flags == 0:
        return Suggestion("PIVOTAL", ("level 1 on D, A, P, R, T, O and F",))
    reasons: list[str] = []
    if top and device_ok:
        reasons.append(f"would be pivotal but {a6_flags} MEDDEV A6 deficiency flagged")
    elif top and device == "D2":
        reasons.append("D2 without demonstrated equivalence cannot be pivotal")
    threes = [code for code in SUITABILITY_ITEMS if given[code].endswith("3")]
    noes = [code for code in CONTRIBUTION_ITEMS if given.get(code, "").endswith("2")]
    if not threes and len(noes) <= 2:
        reasons.append(
            "no grade 3 in suitability and "
            + (f"{len(noes)} 'No' in data contribution" if noes else "no 'No' in data contribution")
        )
        return Suggestion("SUPPORTIVE", tuple(reasons))
    if threes:
        reasons.append("grade 3 in " + ", ".join(threes))
    if len(noes) > 2:
        reasons.append(f"{len(noes)} 'No' answers in data contribution")
    return Suggestion("BACKGROUND", tuple(reasons))
