"""Reference texts a new project is seeded with.

- Annex XIV Part A §1(a) of the MDR: the eight items every clinical evaluation plan must
  contain, verbatim as reproduced in MDCG 2020-13 Section C (cer-domain.md §1.2).
- MDCG 2020-5 Annex I: the technical, biological and clinical characteristics compared
  for each equivalent device, with the three that must be *the same* (cer-domain.md §2.5).
"""

from __future__ import annotations

from typing import NamedTuple

ANNEX_XIV_1A: tuple[tuple[str, str], ...] = (
    (
        "1a.1",
        "an identification of the general safety and performance requirements that require "
        "support from relevant clinical data;",
    ),
    ("1a.2", "a specification of the intended purpose of the device;"),
    (
        "1a.3",
        "a clear specification of intended target groups with clear indications and "
        "contra-indications;",
    ),
    (
        "1a.4",
        "a detailed description of intended clinical benefits to patients with relevant and "
        "specified clinical outcome parameters;",
    ),
    (
        "1a.5",
        "a specification of methods to be used for examination of qualitative and quantitative "
        "aspects of clinical safety with clear reference to the determination of residual risks "
        "and side-effects;",
    ),
    (
        "1a.6",
        "an indicative list and specification of parameters to be used to determine, based on "
        "the state of the art in medicine, the acceptability of the benefit-risk ratio for the "
        "various indications and for the intended purpose or purposes of the device;",
    ),
    (
        "1a.7",
        "an indication how benefit-risk issues relating to specific components such as use of "
        "pharmaceutical, non-viable animal or human tissues, are to be addressed; and",
    ),
    (
        "1a.8",
        "a clinical development plan indicating progression from exploratory investigations, "
        "such as first-in-man studies, feasibility and pilot studies, to confirmatory "
        "investigations, such as pivotal clinical investigations, and a PMCF as referred to in "
        "Part B of this Annex with an indication of milestones and a description of potential "
        "acceptance criteria;",
    ),
)


class Characteristic(NamedTuple):
    """One fixed row of the MDCG 2020-5 Annex I equivalence table."""

    code: str
    group: str
    text: str
    must_be_same: bool


MDCG_2020_5_CHARACTERISTICS: tuple[Characteristic, ...] = (
    Characteristic("1.1", "TECHNICAL", "Device is of similar design", False),
    Characteristic("1.2", "TECHNICAL", "Used under similar conditions of use", False),
    Characteristic(
        "1.3",
        "TECHNICAL",
        "Similar specifications and properties including physicochemical properties such as "
        "intensity of energy, tensile strength, viscosity, surface characteristics, wavelength "
        "and software algorithms",
        False,
    ),
    Characteristic("1.4", "TECHNICAL", "Uses similar deployment methods where relevant", False),
    Characteristic(
        "1.5",
        "TECHNICAL",
        "Has similar principles of operation and critical performance requirements",
        False,
    ),
    Characteristic(
        "2.1",
        "BIOLOGICAL",
        "Uses the same materials or substances in contact with the same human tissues or body "
        "fluids",
        True,
    ),
    Characteristic(
        "2.2",
        "BIOLOGICAL",
        "Similar kind and duration of contact with the same human tissues or body fluids",
        False,
    ),
    Characteristic(
        "2.3",
        "BIOLOGICAL",
        "Similar release characteristics of substances including degradation products and "
        "leachables",
        False,
    ),
    Characteristic(
        "3.1",
        "CLINICAL",
        "Same clinical condition or purpose, including similar severity and stage of disease",
        True,
    ),
    Characteristic("3.2", "CLINICAL", "Same site in the body", True),
    Characteristic(
        "3.3",
        "CLINICAL",
        "Similar population, including as regards age, anatomy and physiology",
        False,
    ),
    Characteristic("3.4", "CLINICAL", "Same kind of user", True),
    Characteristic(
        "3.5",
        "CLINICAL",
        "Similar relevant critical performance in view of the expected clinical effect for a "
        "specific intended purpose",
        False,
    ),
)
