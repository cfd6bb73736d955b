"""Build the bundled sample project: a complete clinical evaluation plan for a fictional device.

Run from the repository root after changing the entities or the sample's content::

    python resources/make_sample.py

It creates a fresh project in a temporary folder, fills it through :mod:`cerdesk.ops.plan`
only (so every value passes the same validation as in the application), records the
literature search runs of the plan and imports their export files through the real
importers (:mod:`cerdesk.importers.run`), prints what the completeness panel would still
report, and writes the JSON dump that cerdesk ships as ``cerdesk/assets/sample.json``. It
also writes ``resources/sample_duplicates.json``, the duplicate records planted across the
runs (for testing de-duplication).

After the searches it adds the clinical data other than literature
(:func:`build_other_data`): three yearly PMS periods of the equivalent device CS-Classic
with complaints by category, the PMCF studies (the CS-Classic registry REG-CSC, the planned
OsteoLink study OL-PMCF-01 and a surgeon survey) and a benchmark hip fracture register. No
clinical investigation: the plan claims the Art. 61(4) and 61(6)(b) exemption.

The evidence register is a review in progress: the records are de-duplicated
(:mod:`cerdesk.ops.dedupe`; the pairs left for review are decided from the planted truth),
then screened at title/abstract by the information specialist and the author, each by
the keyword rules of :func:`title_abstract_decision` (all records but the second half of
the last run; the two disagree on a few, still to be resolved), and the information
specialist has assessed the first full texts (:func:`full_text_decision`).

Everything in the sample is invented: the device "OsteoLink", its predecessor "CS-Classic",
"Meridian Orthopaedics GmbH", the notified body, the people, every identifier, document
number and figure. The plan refers to literature only generically ("pooled rate in the
state-of-the-art review"). The export files of the search runs are written by
``resources/sample_exports.py`` with a fixed seed: their records (titles, abstracts, author
names, affiliations, results) are invented too; only journal names are real, DOIs use the
reserved test prefix 10.5555 and PMIDs a range PubMed has not reached. Nothing is copied
from third-party data.
"""

from __future__ import annotations

import difflib
import json
import re
import sys
import tempfile
import textwrap
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cerdesk.core.bibliography import fold
from cerdesk.core.completeness import MISSING, check_plan
from cerdesk.core.entities import SINGLETON_ID
from cerdesk.importers.formats import detect_format
from cerdesk.importers.run import import_paths
from cerdesk.ops.analysis import VERDICT_LABELS, analyse
from cerdesk.ops.dedupe import DedupeOutcome, decide_candidate, run_dedupe
from cerdesk.ops.full_text import attach_pdf, mark_not_retrieved
from cerdesk.ops.plan import add_item, set_fields
from cerdesk.ops.screening import decide
from cerdesk.storage import register
from cerdesk.storage.project import Project
from cerdesk.storage.register import iter_records

sys.path.insert(0, str(Path(__file__).resolve().parent))
from sample_appraisal import build_appraisal
from sample_exports import RUN_BY, RUN_DATE, Exports, write_exports

try:  # written by another part of the project; the sample is still built and checked without it
    from cerdesk.storage.dump import dump_project
except ImportError:  # pragma: no cover
    dump_project = None  # type: ignore[assignment]

ROOT = Path(__file__).resolve().parents[1]
TARGET = ROOT / "cerdesk" / "assets" / "sample.json"
DUPLICATES = ROOT / "resources" / "sample_duplicates.json"
USER = "Meridian Orthopaedics (sample)"
DEVICE_NAME = "OsteoLink cannulated bone screw system"

_BULLET = re.compile(r"^(- |\([a-z0-9]{1,3}\) |\d{1,2}\. |#\d+ )")


def text(source: str) -> str:
    """Return ``source`` as stored text: dedented, wrapped lines joined into paragraphs.

    A blank line separates paragraphs. A line starting with a bullet ("- ", "(a) ", "1. ",
    "#1 ") starts a new line; any other line continues the line above it.
    """
    out: list[str] = []
    for raw in textwrap.dedent(source).strip("\n").splitlines():
        line = raw.strip()
        if not line:
            out.append("")
        elif _BULLET.match(line) or not out or not out[-1]:
            out.append(line)
        else:
            out[-1] += " " + line
    return "\n".join(out).strip()


def verbatim(source: str) -> str:
    """Return ``source`` dedented with its line breaks kept (search strings as run)."""
    return textwrap.dedent(source).strip("\n").rstrip()


# ----------------------------------------------------------------------------- helpers
def _single(project: Project, table: str, values: dict[str, Any]) -> None:
    set_fields(project, table, SINGLETON_ID, values)


def _add(project: Project, table: str, values: dict[str, Any], parent_id: str | None = None) -> str:
    created = add_item(project, table, values, parent_id=parent_id).created_id
    assert created is not None
    return created


# ============================================================================ content
FICTION_NOTE = text(
    """
    Sample project shipped with cerdesk. The device, the manufacturer, the notified body, the
    people, all identifiers (SRN, Basic UDI-DI, certificate and document numbers) and all
    figures are fictional. Literature is referred to generically; no real publication is cited.
    The records in the evidence register are invented as well (titles, abstracts, authors,
    results); only journal names are real, DOIs use the test prefix 10.5555 and PMIDs
    (99000001 onwards) a range PubMed has not issued.
    """
)

PROJECT = {
    "title": "OsteoLink cannulated bone screw system – clinical evaluation (fictional sample)",
    "evaluation_type": "INITIAL",
    "scope_statement": text(
        """
        This clinical evaluation covers the OsteoLink cannulated bone screw system of Meridian
        Orthopaedics GmbH: all cannulated screws of 3.0, 4.0, 6.5 and 7.3 mm diameter (short
        thread, long thread and fully threaded) and the two washer sizes, in every length
        listed under "Models and variants", for every indication of the instructions for use
        (IFU-OL-001 rev. A).

        It is the initial clinical evaluation for the MDR conformity assessment (Annex IX) of
        a new device that was designed by modifying the manufacturer's own marketed device,
        the Meridian CS-Classic cannulated screw. Conformity with the relevant general safety
        and performance requirements is to be demonstrated through equivalence to CS-Classic
        (MDR Annex XIV §3, MDCG 2020-5), the clinical data available for CS-Classic
        (literature, PMCF registry, PMS) and the state of the art for cannulated screw
        fixation, with post-market clinical follow-up of OsteoLink from launch.

        Not in scope: the reusable OsteoLink instrument set (class I reusable surgical
        instruments) and the single-use guide wires and cannulated drills (class IIa, Rule 6),
        which have their own technical documentation (TD-OLI-0001, TD-GW-0003). Their effect
        on the clinical safety and performance of the implants (e.g. guide-wire breakage or
        advancement during drilling) is evaluated here as part of the implantation procedure.
        """
    ),
    "technical_file_ref": "TD-OL-0001 (OsteoLink technical documentation, MDR Annexes II and III)",
    "data_cutoff_date": "2026-09-30",
    "update_frequency_months": 12,
    "update_frequency_justification": text(
        """
        Yearly. OsteoLink is a class IIb implantable device: its PSUR is updated at least
        annually (MDR Art. 86) and the PMCF evaluation report at least annually (Art. 61(11)).
        Although cannulated screws are a well-established technology, OsteoLink itself is new
        on the market and its design changes (drive, head profile, removal flutes, longest
        7.3 mm sizes) are not yet supported by data on OsteoLink itself (MEDDEV 2.7/1 rev. 4
        §6.2.3: at least annually for devices not yet well established). The CER is updated
        with each annual PMCF evaluation report and PSUR so that the notified body's
        surveillance audit always sees aligned documents. An earlier update is triggered by
        any PMS signal that could change the benefit-risk determination (new or more frequent
        harm, serious incident trend, field safety corrective action) or by a change of the
        intended purpose or design. The frequency will be reconsidered after the 24-month
        PMCF results are available.
        """
    ),
    "next_update_due": "2027-11-30",
    "notes": FICTION_NOTE,
}

DOCUMENT_VERSIONS = [
    {
        "doc_type": "CEP",
        "doc_number": "CEP-OL-001",
        "version": "1.0",
        "date": "2026-06-15",
        "status": "RELEASED",
        "triggered_by": "DESIGN_CHANGE",
        "change_summary": text(
            """
            First issue. Clinical evaluation plan for the initial MDR conformity assessment of
            OsteoLink, a design modification of CS-Classic. Released before the literature
            searches and before any appraisal.
            """
        ),
    },
    {
        "doc_type": "LSP",
        "doc_number": "LSP-OL-001",
        "version": "1.0",
        "date": "2026-06-22",
        "status": "RELEASED",
        "triggered_by": "DESIGN_CHANGE",
        "change_summary": text(
            """
            First issue. Search strings peer-reviewed by a second information specialist
            (PRESS checklist); the known-item test set was added after that review
            (draft 0.2 to 1.0).
            """
        ),
    },
    {
        "doc_type": "SOTA_REPORT",
        "doc_number": "SOTA-OL-001",
        "version": "1.0",
        "date": "2026-10-16",
        "status": "RELEASED",
        "triggered_by": "DESIGN_CHANGE",
        "change_summary": text(
            """
            First issue. State of the art of internal fixation with cannulated screws and of
            the alternative treatments for each indication; pooled benchmark rates used to
            confirm the provisional acceptance criteria of CEP-OL-001.
            """
        ),
    },
    {
        "doc_type": "EQUIVALENCE_ANNEX",
        "doc_number": "CER-OL-001-A3",
        "version": "1.0",
        "date": "2026-11-06",
        "status": "IN_REVIEW",
        "triggered_by": "DESIGN_CHANGE",
        "change_summary": "First issue. Demonstration of equivalence of OsteoLink to CS-Classic.",
    },
    {
        "doc_type": "PMCF_PLAN",
        "doc_number": "PMCF-PL-OL-001",
        "version": "1.0",
        "date": "2026-11-13",
        "status": "IN_REVIEW",
        "triggered_by": "DESIGN_CHANGE",
        "change_summary": text(
            """
            First issue (MDCG 2020-7 template). Prospective multicentre PMCF study
            OL-PMCF-01, continued CS-Classic registry, surgeon survey on the new drive,
            yearly literature and vigilance screening.
            """
        ),
    },
    {
        "doc_type": "CER",
        "doc_number": "CER-OL-001",
        "version": "0.9",
        "date": "2026-11-20",
        "status": "IN_REVIEW",
        "triggered_by": "DESIGN_CHANGE",
        "change_summary": text(
            """
            Review draft of the first clinical evaluation report, data cut-off 30 September
            2026. Release (version 1.0) is planned after review by the clinical expert and
            sign-off by the PRRC.
            """
        ),
    },
]

MANUFACTURER = {
    "legal_name": "Meridian Orthopaedics GmbH",
    "address": "Gewerbepark Süd 14\n79111 Freiburg im Breisgau\nGermany",
    "srn": "DE-MF-000012345",
    "prrc_name": "Dr.-Ing. Katrin Vogel",
    "prrc_email": "prrc@meridian-ortho.example",
    "outside_eu": False,
    "notified_body_name": "Rheintal Medical Certification GmbH",
    "notified_body_number": "9876",
    "certificate_numbers": (
        "9876-MDR-QMS-000417 (Annex IX Chapters I and III; quality management system, "
        "covers CS-Classic and OsteoLink)",
        "9876-MDR-TD-000981 (Annex IX Chapter II; CS-Classic cannulated screw)",
        "OsteoLink: application for technical documentation assessment submitted 2026-11",
    ),
    "notes": "Fictional company, notified body and certificates (sample project).",
}

DEVICE = {
    "trade_name": DEVICE_NAME,
    "generic_description": text(
        """
        Sterile, single-use, cannulated, self-drilling and self-tapping bone screws made of
        titanium alloy (Ti-6Al-4V ELI, ISO 5832-3) in diameters of 3.0, 4.0, 6.5 and 7.3 mm,
        partially threaded (short or long thread) or fully threaded, with matching titanium
        alloy washers. The screws are inserted over a guide wire under fluoroscopic control,
        alone or in groups of two to four, to fix bone fragments by interfragmentary
        compression (lag screw) or as positioning screws.
        """
    ),
    "basic_udi_di": (
        "4069999OLCSCREWXL",
        "4069999OLCWASHER7Q",
    ),
    "emdn_codes": ("P09120602",),
    "risk_class": "IIB",
    "classification_rules": text(
        """
        MDR Annex VIII Rule 8, first paragraph: implantable device (intended to remain in the
        body after the procedure for more than 30 days, Annex VIII §1), therefore class IIb.
        None of the indents leading to class IIa or III applies: the screws are not placed in
        the teeth; they are not in direct contact with the heart, the central circulatory
        system or the central nervous system; they have no biological effect and are not
        wholly or mainly absorbed; they undergo no chemical change in the body; they do not
        administer medicinal products; they are not active implantable devices, breast
        implants, surgical meshes, total or partial joint replacements, and they are not
        intended for contact with the spinal column (spinal use is contraindicated, CI-07).

        Screws are listed in MDR Art. 52(4) second subparagraph and Art. 61(6)(b); the
        consequences for the conformity assessment and for clinical investigations are
        addressed in the clinical evaluation plan (Art. 61(4)-(6) exemption).
        """
    ),
    "principle_of_operation": text(
        """
        A guide wire is placed across the reduced fracture, osteotomy or non-union and its
        position is checked with the image intensifier in two planes; the screw length is
        read from the guide wire with the depth gauge. The cannulated screw is then driven
        over the guide wire, so its final trajectory is the one already verified.

        Partially threaded screws work on the lag-screw principle: the smooth shank glides in
        the near fragment while the thread engages only the far fragment, so tightening the
        screw pulls the fragments together and produces interfragmentary compression. Fully
        threaded screws hold the fragments in their reduced position without compression.
        Several parallel screws (e.g. three in an inverted triangle in the femoral neck) add
        rotational and angular stability. Washers spread the head load on thin or osteopenic
        cortex and prevent the head from sinking in.
        """
    ),
    "mode_of_action": text(
        """
        Purely mechanical. The screws provide absolute stability (compression) or relative
        stability (positioning) of the bone fragments until the bone has healed; bone healing
        itself is a biological process of the patient that the implant only makes possible.
        The device has no pharmacological, immunological or metabolic action and releases no
        substances intended to act on the body.
        """
    ),
    "key_functional_elements": text(
        """
        - Self-drilling tip with three cutting flutes and self-tapping cancellous thread
          (asymmetric buttress profile), identical to CS-Classic.
        - Thread variants: short thread and long thread (lag screws) and fully threaded
          (positioning screws).
        - Central cannulation for guide wires of 1.1 mm (3.0 mm screws), 1.25 mm (4.0 mm
          screws) and 2.8 mm (6.5 and 7.3 mm screws).
        - Low-profile head with a hexalobular drive recess (T8, T15, T25) and a self-retaining
          screwdriver.
        - Reverse-cutting flutes at the thread run-out that cut through ingrown bone when the
          screw is removed.
        - Type II anodised surface (conversion layer, no coating); diameter and length
          laser-marked on the head.
        - Washers of 7 mm (for 3.0 and 4.0 mm screws) and 13 mm (for 6.5 and 7.3 mm screws).
        """
    ),
    "materials_patient_contact": text(
        """
        - Screws and washers: titanium alloy Ti-6Al-4V ELI, wrought, ISO 5832-3, with a
          Type II anodised surface (titanium oxide conversion layer formed from the substrate;
          no added coating, no colourant).
        - Tissues contacted: cortical and cancellous bone, bone marrow, blood, periosteum and
          the surrounding soft tissues (muscle, tendon sheath, subcutaneous tissue).
        - Contact type (ISO 10993-1): implant device, tissue/bone.
        - Contact duration: long-term / permanent (> 30 days); the implants may stay in the
          body for life.
        - No other material in patient contact. Manufacturing residues (machining fluids,
          cleaning agents) are controlled by validated cleaning (ISO 19227) and the chemical
          characterisation per ISO 10993-18.
        """
    ),
    "duration_of_use": "LONG_TERM",
    "implantable": True,
    "active": False,
    "sterile": True,
    "single_use": True,
    "software": False,
    "incorporates_medicinal_substance": False,
    "incorporates_animal_tissue": False,
    "incorporates_human_tissue": False,
    "incorporates_nanomaterial": False,
    "expected_lifetime": (
        "Functional until bone union (typically 3–12 months); may remain implanted for life; "
        "shelf life 5 years"
    ),
    "max_repeat_applications": "Single use: never re-implanted, re-processed or re-sterilised",
    "novel_product": False,
    "novel_clinical_procedure": False,
    "novel_features_explanation": text(
        """
        No novel features. Fixation with cannulated titanium lag screws has been standard
        practice in orthopaedic trauma surgery for decades and bone screws are listed as a
        well-established technology in MDR Art. 61(6)(b). The surgical technique is the same
        as for CS-Classic and other cannulated screws. The design changes against CS-Classic
        (hexalobular drive, lower head profile, reverse-cutting flutes, 7.3 mm screws of 125
        and 130 mm) are incremental; they are assessed in the equivalence demonstration and
        followed up by specific PMCF endpoints.
        """
    ),
    "market_history": text(
        """
        OsteoLink has not yet been placed on the market; the EU launch is planned after MDR
        certification (target: third quarter of 2027). It will replace CS-Classic, which
        will be phased out over 24 months.

        CS-Classic (the predecessor and equivalent device) has been CE-marked since 2009
        (class IIb, Directive 93/42/EEC) and MDR-certified since 2024. Up to 30 September
        2026 about 385,000 screws were sold in the EU/EEA, Switzerland and the United
        Kingdom, corresponding to an estimated 140,000 procedures (2.7 screws per procedure,
        from the PMCF registry). Vigilance: four serious incidents (screw breakage in
        femoral neck fractures, all investigated, none attributed to a manufacturing or
        design non-conformity); no field safety corrective action. Complaint rates are
        reported in the PMS report but are not used as proof of safety (MDCG 2020-6 §6.3).
        """
    ),
    "previous_generations": text(
        """
        - 2009: CS-Classic launched with 4.0, 6.5 and 7.3 mm screws (hexagonal drive).
        - 2014: CS-Classic 3.0 mm screws added; washers redesigned (same material).
        - 2019: change of the gamma sterilisation contractor (same dose range, revalidated
          per ISO 11137).
        - 2024: CS-Classic transferred to an MDR certificate.
        - OsteoLink (this evaluation): same material, surface, thread, diameters and
          indications as CS-Classic; new hexalobular drive, lower head profile,
          reverse-cutting flutes, 7.3 mm screws extended to 130 mm.
        """
    ),
    "notes": "Identifiers (Basic UDI-DI, EMDN selection) are fictional examples.",
}

# model, size, configuration, catalogue number, extreme of range, notes
VARIANTS: list[tuple[str, str, str, str, bool, str]] = [
    (
        "OsteoLink cannulated screw 3.0 mm, short thread",
        "Ø 3.0 mm; length 10–40 mm in 2 mm steps",
        "Thread ⅓ of length; 1.1 mm guide wire; T8 drive",
        "OL-30S-010 to OL-30S-040",
        True,
        "Holds the smallest screw of the system (Ø 3.0 × 10 mm).",
    ),
    (
        "OsteoLink cannulated screw 3.0 mm, long thread",
        "Ø 3.0 mm; length 14–40 mm in 2 mm steps",
        "Thread ½ of length; 1.1 mm guide wire; T8 drive",
        "OL-30L-014 to OL-30L-040",
        False,
        "",
    ),
    (
        "OsteoLink cannulated screw 4.0 mm, short thread",
        "Ø 4.0 mm; length 10–60 mm in 2 mm steps",
        "Thread ⅓ of length; 1.25 mm guide wire; T15 drive",
        "OL-40S-010 to OL-40S-060",
        False,
        "",
    ),
    (
        "OsteoLink cannulated screw 4.0 mm, long thread",
        "Ø 4.0 mm; length 16–60 mm in 2 mm steps",
        "Thread ½ of length; 1.25 mm guide wire; T15 drive",
        "OL-40L-016 to OL-40L-060",
        False,
        "",
    ),
    (
        "OsteoLink cannulated screw 6.5 mm, 16 mm thread",
        "Ø 6.5 mm; length 30–120 mm in 5 mm steps",
        "16 mm thread; 2.8 mm guide wire; T25 drive",
        "OL-65S-030 to OL-65S-120",
        False,
        "",
    ),
    (
        "OsteoLink cannulated screw 6.5 mm, 32 mm thread",
        "Ø 6.5 mm; length 45–120 mm in 5 mm steps",
        "32 mm thread; 2.8 mm guide wire; T25 drive",
        "OL-65L-045 to OL-65L-120",
        False,
        "",
    ),
    (
        "OsteoLink cannulated screw 6.5 mm, fully threaded",
        "Ø 6.5 mm; length 30–120 mm in 5 mm steps",
        "Fully threaded; 2.8 mm guide wire; T25 drive",
        "OL-65F-030 to OL-65F-120",
        False,
        "",
    ),
    (
        "OsteoLink cannulated screw 7.3 mm, 16 mm thread",
        "Ø 7.3 mm; length 30–130 mm in 5 mm steps",
        "16 mm thread; 2.8 mm guide wire; T25 drive",
        "OL-73S-030 to OL-73S-130",
        True,
        "Lengths 125 and 130 mm are new (CS-Classic: up to 120 mm); longest screws of the "
        "system. Specific PMCF follow-up.",
    ),
    (
        "OsteoLink cannulated screw 7.3 mm, 32 mm thread",
        "Ø 7.3 mm; length 45–130 mm in 5 mm steps",
        "32 mm thread; 2.8 mm guide wire; T25 drive",
        "OL-73L-045 to OL-73L-130",
        True,
        "Lengths 125 and 130 mm are new (CS-Classic: up to 120 mm).",
    ),
    (
        "OsteoLink cannulated screw 7.3 mm, fully threaded",
        "Ø 7.3 mm; length 30–130 mm in 5 mm steps",
        "Fully threaded; 2.8 mm guide wire; T25 drive",
        "OL-73F-030 to OL-73F-130",
        True,
        "Lengths 125 and 130 mm are new (CS-Classic: up to 120 mm).",
    ),
    (
        "OsteoLink washer 7 mm",
        "Outer Ø 7.0 mm; thickness 1.0 mm",
        "For 3.0 and 4.0 mm screws",
        "OL-W07",
        False,
        "",
    ),
    (
        "OsteoLink washer 13 mm",
        "Outer Ø 13.0 mm; thickness 2.0 mm",
        "For 6.5 and 7.3 mm screws",
        "OL-W13",
        False,
        "Largest washer of the system.",
    ),
]

INTENDED_PURPOSE = {
    "intended_purpose_text": text(
        """
        The OsteoLink cannulated bone screw system is intended for the fixation of fractures,
        osteotomies and non-unions of small and long bones, and for the in-situ fixation of
        slipped capital femoral epiphysis, in adults and in adolescents whose growth plates
        have closed, and, for slipped capital femoral epiphysis only, in adolescents with an
        open proximal femoral growth plate. The screws are implanted by orthopaedic and trauma
        surgeons in a hospital operating theatre.
        """
    ),
    "medical_conditions": text(
        """
        - Fractures of small and long bones that can be stabilised with screws alone or with
          screws as part of a construct, in particular intracapsular femoral neck fractures,
          fractures of the malleoli, scaphoid and other carpal and tarsal bones, split
          fractures of the tibial plateau and femoral condyles, and avulsion fractures (e.g.
          base of the fifth metatarsal, greater tuberosity).
        - Osteotomies (e.g. malleolar osteotomy for joint access, corrective osteotomies of
          the foot, tibial tubercle osteotomy).
        - Non-unions (delayed or failed bone healing), with or without bone grafting.
        - Slipped capital femoral epiphysis (SCFE), stable or unstable, for in-situ fixation.

        Severity and stage: acute (closed or low-grade open, after debridement) and chronic
        conditions in which stable internal fixation with screws is the treatment of choice.
        """
    ),
    "target_population": text(
        """
        Adults and adolescents with closed growth plates (physes) who need internal fixation
        of a fracture, osteotomy or non-union within the indications; both sexes; any body
        mass for which the selected screw provides adequate fixation. For SCFE: adolescents,
        typically aged 10 to 16 years, with an open proximal femoral physis (in-situ
        fixation with one screw across the physis is the intended treatment, and closure of
        the physis is an expected effect). Femoral neck fracture patients are often elderly
        and osteoporotic; this subgroup is analysed separately.
        """
    ),
    "age_range": "Adults; adolescents with closed physes; SCFE: typically 10–16 years",
    "excluded_groups": text(
        """
        Children and adolescents with open growth plates where a screw would cross or damage
        the physis (except in-situ fixation of SCFE); patients with any contraindication
        CI-01 to CI-08.
        """
    ),
    "vulnerable_subgroups": (
        "Adolescents (< 18 years) treated for SCFE",
        "Elderly patients with osteoporosis (femoral neck fractures)",
        "Patients with cognitive impairment who may not follow weight-bearing restrictions",
        "Patients with metabolic bone disease, renal osteodystrophy or long-term steroid use",
    ),
    "intended_users": ("HCP_SPECIALIST",),
    "training_required": False,
    "use_environment": (
        "Hospital operating theatre with image intensifier; sterile field; inpatient or day surgery"
    ),
    "body_sites": (
        "Proximal femur (femoral neck, capital femoral epiphysis)",
        "Distal femur (condyles)",
        "Proximal and distal tibia (tibial plateau, medial malleolus)",
        "Distal fibula (lateral malleolus)",
        "Proximal and distal humerus (greater tuberosity, condyles)",
        "Carpal bones (scaphoid) and metacarpals",
        "Tarsal bones (talus, calcaneus, navicular) and metatarsals",
    ),
    "warnings_precautions": text(
        """
        - For use by surgeons trained in orthopaedic trauma surgery who are familiar with the
          OsteoLink surgical technique guide; product training is offered but not mandatory
          (the technique is the same as for other cannulated screws).
        - Check the guide wire position in two planes before drilling; watch the guide wire
          during drilling and screw insertion so it does not advance into the joint or the
          pelvis; never reuse a bent or notched guide wire.
        - Verify the screw length and position fluoroscopically; screws must not penetrate
          the articular surface.
        - Use washers in thin or osteoporotic cortex to prevent the head from sinking in.
        - Do not combine with implants of other metals (e.g. stainless steel) in the same
          construct (galvanic corrosion).
        - The implants do not replace healthy bone and cannot bear full loads until union;
          post-operative weight bearing as instructed by the surgeon.
        - MR Conditional: scanning under the conditions stated in the IFU only.
        - Single use: do not reuse or re-sterilise; do not use if the sterile packaging is
          damaged or the expiry date has passed.
        - Removal after healing is not routinely required; possible reasons for removal
          (symptomatic hardware, infection, young patients) are listed in the IFU.
        """
    ),
}

INDICATIONS = [
    "Intracapsular femoral neck fractures: non-displaced (Garden I–II) fractures in all "
    "adults, and displaced fractures in physiologically young patients in whom preserving "
    "the femoral head is the treatment goal (6.5 and 7.3 mm screws).",
    "In-situ fixation of stable and unstable slipped capital femoral epiphysis (6.5 and "
    "7.3 mm screws).",
    "Fractures and non-unions of the scaphoid and of other carpal bones, and fractures of "
    "the metacarpals (3.0 mm screws).",
    "Malleolar fractures: medial malleolus and, as part of a construct, the lateral and "
    "posterior malleolus (4.0 mm screws).",
    "Intra-articular and metaphyseal split fractures of long bones that can be fixed with "
    "screws: tibial plateau, femoral condyles, distal humerus, greater tuberosity (4.0, 6.5 "
    "and 7.3 mm screws).",
    "Fractures of the tarsal bones (talus, calcaneus, navicular) and of the metatarsals, "
    "including avulsion fractures of the base of the fifth metatarsal (3.0 to 6.5 mm "
    "screws).",
    "Osteotomies of small and long bones, e.g. malleolar osteotomy for joint access, "
    "corrective osteotomies of the foot, tibial tubercle osteotomy (3.0 to 6.5 mm screws).",
    "Non-unions of small and long bones within the sites above, with or without bone "
    "grafting (all diameters).",
]

CONTRAINDICATIONS = [
    "Active or latent infection at or near the implantation site, or systemic infection.",
    "Insufficient quantity or quality of bone to hold the screws (e.g. severe osteoporosis, "
    "bone loss, tumour), where another fixation method or arthroplasty is indicated.",
    "Displaced intracapsular femoral neck fractures in elderly or low-demand patients for "
    "whom arthroplasty is the recommended treatment.",
    "Fracture patterns that need load-bearing or fixed-angle fixation and cannot be "
    "stabilised by screws (e.g. basicervical, pertrochanteric and subtrochanteric fractures, "
    "highly comminuted or vertically oriented femoral neck fractures with posterior "
    "comminution).",
    "Known or suspected hypersensitivity to titanium, aluminium or vanadium.",
    "Skeletally immature patients in whom the screw would cross or damage an open growth "
    "plate, except in-situ fixation of slipped capital femoral epiphysis.",
    "Attachment or fixation to the posterior elements (pedicles, laminae, facets) of the "
    "cervical, thoracic or lumbar spine.",
    "Patients unable or unwilling to follow the post-operative instructions (e.g. because of "
    "mental or neuromuscular disorders) when this puts excessive load on the fixation.",
]

CEP = {
    "gspr_requiring_clinical_data": ("1", "2", "4", "6", "8", "10.1", "11.1", "23.4"),
    "evidence_routes": ("EQUIVALENCE", "PMS_PMCF", "WET_SIMILAR_DEVICES"),
    "level_of_evidence_statement": text(
        """
        Sufficient clinical evidence for OsteoLink is:

        - clinical data on the equivalent device CS-Classic (MDCG 2020-6 Appendix III rank 3
          to 5): the manufacturer's prospective PMCF registry (REG-CSC, 14 sites, about 600
          patients with at least 12 months of follow-up, femoral neck fractures, malleolar
          and scaphoid fractures), the peer-reviewed publications on CS-Classic found by the
          systematic search, and the PMS data of CS-Classic;
        - for every safety and performance objective, at least one pivotal data set at rank
          4 or better that meets the acceptance criterion for the indication concerned, with
          results per indication (and per diameter where the data allow);
        - the state of the art and data on similar cannulated screws (rank 6, usable because
          the device is a well-established technology) to set the acceptance criteria and to
          support indications with few equivalent-device data (tibial plateau, tarsal bones,
          osteotomies);
        - bench and biological data for the design differences (rank 12), and, after launch,
          clinical data on OsteoLink itself from the PMCF study OL-PMCF-01.

        Gaps that remain at certification (no clinical data on OsteoLink itself; few data on
        the 125 and 130 mm screws; few data on SCFE and osteotomies) are accepted only with
        the specific PMCF activities of the clinical development plan.
        """
    ),
    "level_of_evidence_justification": text(
        """
        MDR Art. 61(1) asks for a level of evidence appropriate to the device's
        characteristics and intended purpose. For OsteoLink:

        - Risk: class IIb implant that stays in the body for life; the harms of fixation
          failure (non-union, avascular necrosis, reoperation, conversion to arthroplasty)
          are serious but well known, and their frequency in the state of the art is well
          described.
        - Technology: cannulated titanium screws are a well-established technology (all four
          MDCG 2020-6 §1.2 criteria, see below) and bone screws are named in Art. 61(6)(b).
        - Novelty: none; the design changes against CS-Classic are incremental and bench
          testing shows that they do not lower any critical performance characteristic.
        - Claims: no claim of superiority. The claims are limited to union, function and
          complication rates in line with the state of the art, which equivalent-device data
          can show.

        A pre-market clinical investigation would therefore add little information over the
        existing CS-Classic data at considerable cost to patients (exposure in an
        experimental setting) and is not required (Art. 61(4) and 61(6)(b), see the
        exemption). Because the evidence rests on an equivalent device, the PMCF plan
        includes a post-market clinical study of OsteoLink (Art. 61(4), last subparagraph;
        MDCG 2020-6 Appendix III rank 5 comment).
        """
    ),
    "ci_exemption_justification": text(
        """
        No pre-market clinical investigation of OsteoLink is performed. Two exemptions apply
        and are justified in the CER (Art. 61(7)):

        (a) Art. 61(4): OsteoLink was designed by modifying CS-Classic, which is marketed by
        the same manufacturer; equivalence to CS-Classic is demonstrated under Annex XIV §3
        (equivalence annex CER-OL-001-A3) and is submitted to the notified body for
        endorsement; the clinical evaluation of CS-Classic (registry, literature, PMS) is
        sufficient to show conformity of the modified device with the relevant GSPRs. As
        required, the PMCF plan includes a post-market study (OL-PMCF-01) to demonstrate the
        safety and performance of OsteoLink.

        (b) Art. 61(6)(b): OsteoLink consists of screws (and washers as their accessory
        components), a device type listed in that provision; the clinical evaluation is based
        on sufficient clinical data. No common specification for bone screws exists at the
        data cut-off date; the CER will be updated if one is adopted.
        """
    ),
    "art61_10_justification": text(
        """
        Not used. Art. 61(10) is not available for an implantable device, and conformity of
        OsteoLink is demonstrated with clinical data.
        """
    ),
    "wet_justification": text(
        """
        All four criteria of MDCG 2020-6 §1.2 are met:

        (a) Simple, common and stable design: a cannulated cancellous screw is a turned metal
        part whose basic design (thread, shank, head, cannulation) has not changed materially
        since its introduction; many manufacturers make comparable screws.
        (b) Generic device group with well-known safety: metallic bone screws (EMDN P0912)
        have a safety profile described in a large body of literature, registries and
        guidelines; the harms are known and their rates are stable.
        (c) Standard of care with little evolution: multiple cannulated screws remain a
        standard treatment for non-displaced femoral neck fractures, SCFE and malleolar and
        scaphoid fractures, as shown in the state-of-the-art review; alternatives (sliding
        hip screw, femoral neck systems, arthroplasty, headless screws) are used for specific
        fracture types but have not replaced screw fixation.
        (d) Long market history: cannulated screws of this type have been marketed for
        decades; CS-Classic alone since 2009.

        Data on similar devices (other manufacturers' cannulated titanium screws) are used
        only for the state of the art, the acceptance criteria and as supportive evidence;
        they are not counted as clinical data on OsteoLink.
        """
    ),
    "appraisal_plan": text(
        """
        Appraisal is done after the literature searches, by two evaluators independently
        (author and clinical expert); differences are settled by discussion and recorded.

        - Suitability and contribution: IMDRF MDCE N56 Appendix F grid (device D1–D3,
          application A1–A3, population P1–P3, report R1–R3; data type T1–T2, outcome
          measures O1–O2, follow-up F1–F2, statistical significance S1–S2, clinical
          significance C1–C2). Follow-up is adequate (F1) when it reaches 12 months for
          union and reoperation, 24 months for avascular necrosis and hip preservation.
        - Scientific validity: the deficiency categories of MEDDEV 2.7/1 rev. 4 Appendix A6
          are flagged for every source.
        - Risk of bias with validated tools: Cochrane RoB 2 (randomised trials), ROBINS-I
          (non-randomised comparative studies), MINORS (non-comparative series), AMSTAR 2
          (systematic reviews, state of the art only).
        - Weighting (MEDDEV §9.3.3): high for D1/D2 + A1 + P1 sources with low or moderate
          risk of bias and adequate follow-up; medium for sources with one limitation that
          does not bias the endpoint; low for small (< 20 patients) or uncontrolled short
          series; sources with a fatal A6 deficiency are excluded from the analysis with the
          reason recorded.
        - Pivotal data: data on CS-Classic or OsteoLink (D1/D2) for an indication within the
          intended purpose, with high weight, that report an endpoint of this plan at the
          planned timepoint. The REG-CSC registry is pivotal when its data quality audit
          (source data verification of ≥ 10 % of records) is passed.
        """
    ),
    "analysis_plan": text(
        """
        - Unit of analysis: patients (not screws) for union, function and complications;
          procedures for intra-operative events; patient-years for event rates over time.
        - Per-source proportions with two-sided 95 % Clopper–Pearson intervals (exact, also
          for zero events); Wilson intervals only for display.
        - Pooling of the state of the art: n-weighted pooled proportion when sources are
          homogeneous; random-effects meta-analysis (DerSimonian–Laird on logit-transformed
          proportions, I² reported) when k ≥ 3 and heterogeneity is present. Sources are never
          pooled across different denominators, follow-up windows or outcome definitions.
        - Time-to-event endpoints (conversion to arthroplasty, reoperation over time):
          Kaplan–Meier estimate with Greenwood 95 % interval at the stated timepoint.
        - Scores (HHS, OMAS, QuickDASH): mean with 95 % t-interval; median and IQR reported
          when skewed.
        - Decision rules are those declared per acceptance criterion and are fixed before the
          device data are analysed. A result is MET when the declared statistic meets the
          threshold, NOT MET when it fails, and INCONCLUSIVE when the point estimate meets the
          threshold but the interval crosses it or the sample is too small to resolve it
          (Clopper–Pearson upper bound at zero events above a safety threshold); INCONCLUSIVE
          and NOT MET results are discussed in the benefit-risk section and followed up in
          PMCF.
        - Subgroups: indication, diameter, age ≥ 65 years, adolescents (SCFE), displaced vs
          non-displaced femoral neck fractures.
        - Sensitivity analysis excluding sources at high risk of bias. Favourable and
          unfavourable data are both reported.
        """
    ),
    "clinical_development_plan": text(
        """
        Exploratory stage (first-in-human, feasibility, pilot): not needed. OsteoLink uses an
        established technique and the same material, thread and indications as CS-Classic;
        the design changes were verified by bench testing (ASTM F543 torsion, driving torque
        and pull-out; drive recess failure torque) and by a simulated-use cadaver workshop
        with six surgeons (usability, 2026-03).

        Confirmatory pre-market investigation: not needed (Art. 61(4) and 61(6)(b)
        exemption, see above).

        Post-market clinical follow-up (PMCF plan PMCF-PL-OL-001):

        1. OL-PMCF-01, prospective multicentre post-market study of OsteoLink (8–10 sites in
           Germany, Austria, the Netherlands and Poland), 280 patients: 150 femoral neck
           fractures, 60 malleolar fractures, 40 scaphoid fractures, 30 other indications
           including SCFE and osteotomies; follow-up 6 weeks, 3, 6, 12 and 24 months.
           Endpoints and acceptance criteria: those of this plan. Sample size: with 120
           evaluable femoral neck fractures and an expected reoperation rate of 7 %, the
           upper bound of the two-sided 95 % Clopper–Pearson interval is about 12.7 %, below
           the 15 % threshold; 150 are enrolled to allow for 20 % loss to follow-up.
           Milestones: first patient Q4 2027; 12-month interim report Q2 2029 (all 6-month
           union endpoints); final 24-month report Q2 2030.
        2. Continuation of the CS-Classic registry REG-CSC until the OsteoLink study
           reaches its 24-month results (comparison of the two devices on the same
           endpoints; verification of equivalence).
        3. Surgeon survey on the first 300 OsteoLink procedures (drive recess stripping,
           guide-wire problems, removal of screws), yearly.
        4. Yearly systematic literature and vigilance database screening with the search
           strings of LSP-OL-001.

        Acceptance: each PMCF report compares the results with the acceptance criteria of
        this plan; a NOT MET result triggers an update of the risk management file and of
        this evaluation before the next scheduled update.
        """
    ),
    "notes": "CEP-OL-001 v1.0; all figures and study names are fictional.",
}

CEP_ITEMS = {
    "1a.1": (
        "ADDRESSED",
        text(
            """
            GSPRs needing support from clinical data are listed in the plan: 1 and 8
            (performance, safety and acceptable benefit-risk against the state of the art,
            undesirable side-effects), 2 (risks reduced as far as possible), 4 (adequacy of
            the contraindications and warnings as risk control), 6 (performance over the
            lifetime: maintenance of fixation until union, implant breakage), 10.1
            (material and tissue compatibility in clinical use: hypersensitivity, tissue
            reactions), 11.1 (infection) and 23.4 (side-effects and residual risks stated in
            the IFU, quantified where possible). Each objective lists the GSPRs it supports.
            All other GSPRs are shown by non-clinical data (GSPR checklist GC-OL-001).
            """
        ),
    ),
    "1a.2": (
        "ADDRESSED",
        "The intended purpose is given word for word as in the IFU (IFU-OL-001 rev. A), with "
        "the medical conditions, body sites, users and use environment (Intended purpose).",
    ),
    "1a.3": (
        "ADDRESSED",
        "Target population with age range, excluded groups and vulnerable subgroups; eight "
        "indications (IND-01 to IND-08) and eight contraindications (CI-01 to CI-08) as in "
        "the IFU (Intended purpose).",
    ),
    "1a.4": (
        "ADDRESSED",
        "Four clinical benefits (BEN-01 to BEN-04), each with outcome parameters defined by "
        "instrument, timepoint, unit and direction; surrogate parameters (radiographic union, "
        "slip progression) are justified (Clinical benefits).",
    ),
    "1a.5": (
        "ADDRESSED",
        text(
            """
            Safety objectives OBJ-S-01 to OBJ-S-06 with acceptance criteria for the
            residual risks of the risk management file (RMF-OL-001): reoperation, fixation
            failure and implant breakage, avascular necrosis, infection, symptomatic
            hardware and intra-operative device-related events, each linked to its harm ids.
            Quantitative: rates with 95 % intervals per indication from the equivalent-device
            data, compared with the state of the art; qualitative: review of all reported
            adverse events for new harms not yet in the risk file, and of vigilance
            databases. Results are fed back to the risk management file.
            """
        ),
    ),
    "1a.6": (
        "ADDRESSED",
        "Performance and benefit objectives (OBJ-P-01 to OBJ-P-03, OBJ-B-01, OBJ-B-02) and "
        "safety objectives, each with acceptance criteria per indication derived from the "
        "state of the art (pooled benchmark rates, guidelines, risk file probability classes) "
        "with the decision rule declared in advance; analysis plan for the benefit-risk "
        "determination per indication.",
    ),
    "1a.7": (
        "NA_JUSTIFIED",
        "Not applicable: OsteoLink incorporates no medicinal substance, no tissues or cells "
        "of human or animal origin and no derivatives of them, and no nanomaterial "
        "(Device: incorporates… = No).",
    ),
    "1a.8": (
        "ADDRESSED",
        "Clinical development plan: why no exploratory or pre-market confirmatory "
        "investigation is needed (equivalence, WET, bench and simulated-use data), and the "
        "PMCF activities with milestones (OL-PMCF-01 first patient Q4 2027, interim Q2 2029, "
        "final Q2 2030) whose acceptance criteria are those of the objectives.",
    ),
}

SURROGATE_UNION = text(
    """
    Radiographic union is the accepted surrogate for bone healing in fracture research and
    in the state of the art; it precedes and predicts the patient-relevant outcomes (pain-free
    full weight bearing, return to function) and its absence (non-union) is the main reason
    for reoperation. It is assessed with standardised criteria and, for the scaphoid, with
    CT, because plain radiographs overestimate union there. Function is measured in addition
    (BEN-02), so the benefit does not rest on the surrogate alone.
    """
)

# benefit values, then its outcome parameters
BENEFITS: list[tuple[dict[str, Any], list[dict[str, Any]]]] = [
    (
        {
            "code": "BEN-01",
            "description": text(
                """
                Healing of the fracture, osteotomy or non-union in an acceptable position:
                stable fixation by OsteoLink allows the bone to unite without loss of
                reduction.
                """
            ),
            "benefit_type": "DIRECT",
            "patient_relevant_outcome": text(
                """
                A united, load-bearing bone without further surgery: the patient regains
                pain-free weight bearing and use of the limb.
                """
            ),
            "magnitude_expected": (
                "Union in ≥ 90 % of non-displaced femoral neck, malleolar and scaphoid "
                "fractures; ≥ 80 % of non-unions"
            ),
            "population": "All indications; results per indication",
        },
        [
            {
                "code": "OP-01",
                "name": "Radiographic union at 6 months",
                "definition": text(
                    """
                    Bridging of the fracture or osteotomy on standard AP and lateral
                    radiographs (at least three of four cortices, or trabecular bridging with
                    disappearance of the fracture line in cancellous bone) without loss of
                    reduction, assessed by the treating surgeon; for the scaphoid, ≥ 50 %
                    trabecular bridging on CT. Proportion of patients with union among
                    patients with an evaluable 6-month assessment.
                    """
                ),
                "measurement_instrument": "AP and lateral radiographs; CT for the scaphoid",
                "timepoint": "6 months",
                "unit": "% of patients",
                "direction": "HIGHER_BETTER",
                "surrogate": True,
                "surrogate_justification": SURROGATE_UNION,
            },
            {
                "code": "OP-02",
                "name": "Radiographic union at 12 months",
                "definition": text(
                    """
                    As OP-01, assessed at 12 months; primary union endpoint for femoral neck
                    fractures and non-unions, where healing takes longer.
                    """
                ),
                "measurement_instrument": "AP and lateral radiographs; CT when in doubt",
                "timepoint": "12 months",
                "unit": "% of patients",
                "direction": "HIGHER_BETTER",
                "surrogate": True,
                "surrogate_justification": SURROGATE_UNION,
            },
            {
                "code": "OP-03",
                "name": "Time to radiographic union",
                "definition": text(
                    """
                    Weeks from surgery to the first follow-up visit at which union (as
                    defined in OP-01) is recorded; patients without union are censored at
                    their last assessment.
                    """
                ),
                "measurement_instrument": "Serial radiographs at 6 weeks, 3, 6 and 12 months",
                "timepoint": "Up to 12 months",
                "unit": "weeks",
                "direction": "LOWER_BETTER",
                "surrogate": True,
                "surrogate_justification": SURROGATE_UNION,
            },
        ],
    ),
    (
        {
            "code": "BEN-02",
            "description": text(
                """
                Restoration of function and relief of pain of the treated limb after
                healing.
                """
            ),
            "benefit_type": "DIRECT",
            "patient_relevant_outcome": text(
                """
                Return to pre-injury mobility and daily activities with little or no pain,
                measured with validated patient-reported or clinician-rated scores.
                """
            ),
            "magnitude_expected": (
                "Good to excellent function at 12 months (e.g. mean Harris Hip Score ≥ 80)"
            ),
            "population": "Femoral neck, malleolar and scaphoid fractures",
        },
        [
            {
                "code": "OP-04",
                "name": "Harris Hip Score",
                "definition": text(
                    """
                    Clinician-rated hip score of 0 to 100 points (pain, function, deformity,
                    range of motion); ≥ 80 is good, ≥ 90 excellent. Patients with femoral
                    neck fracture or SCFE.
                    """
                ),
                "measurement_instrument": "Harris Hip Score (HHS)",
                "timepoint": "12 months",
                "unit": "points (0–100)",
                "direction": "HIGHER_BETTER",
                "surrogate": False,
            },
            {
                "code": "OP-05",
                "name": "Olerud–Molander Ankle Score",
                "definition": text(
                    """
                    Patient-reported ankle fracture score of 0 to 100 points (pain,
                    stiffness, swelling, stair climbing, running, jumping, squatting,
                    supports, work and activities of daily living). Patients with malleolar
                    fractures.
                    """
                ),
                "measurement_instrument": "Olerud–Molander Ankle Score (OMAS)",
                "timepoint": "12 months",
                "unit": "points (0–100)",
                "direction": "HIGHER_BETTER",
                "surrogate": False,
            },
            {
                "code": "OP-06",
                "name": "QuickDASH",
                "definition": text(
                    """
                    Patient-reported disability of the arm, shoulder and hand, 11 items,
                    0 (no disability) to 100 points. Patients with scaphoid, carpal or
                    metacarpal fractures.
                    """
                ),
                "measurement_instrument": "QuickDASH questionnaire",
                "timepoint": "12 months",
                "unit": "points (0–100)",
                "direction": "LOWER_BETTER",
                "surrogate": False,
            },
        ],
    ),
    (
        {
            "code": "BEN-03",
            "description": text(
                """
                Preservation of the patient's own hip joint: in femoral neck fractures and
                SCFE, screw fixation keeps the femoral head and avoids or delays
                arthroplasty and progression of the slip.
                """
            ),
            "benefit_type": "DIRECT",
            "patient_relevant_outcome": text(
                """
                No conversion to hemi- or total hip arthroplasty; in SCFE, no further slip
                and the resulting deformity (and no need for a second operation).
                """
            ),
            "magnitude_expected": (
                "≥ 88 % free of arthroplasty at 24 months (non-displaced fractures); "
                "≥ 97 % without slip progression (SCFE)"
            ),
            "population": "Femoral neck fractures; SCFE",
        },
        [
            {
                "code": "OP-07",
                "name": "Survival free of conversion to arthroplasty",
                "definition": text(
                    """
                    Time from the index operation to conversion to hemi- or total hip
                    arthroplasty for any reason; Kaplan–Meier estimate of the proportion
                    free of conversion. Death and loss to follow-up are censored.
                    """
                ),
                "measurement_instrument": "Follow-up records; registry linkage where available",
                "timepoint": "24 months",
                "unit": "% free of conversion (Kaplan–Meier)",
                "direction": "HIGHER_BETTER",
                "surrogate": False,
            },
            {
                "code": "OP-08",
                "name": "Absence of slip progression (SCFE)",
                "definition": text(
                    """
                    Increase of the Southwick head-shaft slip angle by less than 5° between
                    the first post-operative and the 12-month frog-leg lateral radiograph,
                    with the physis closed or closing.
                    """
                ),
                "measurement_instrument": "Southwick angle on frog-leg lateral radiographs",
                "timepoint": "12 months",
                "unit": "% of patients",
                "direction": "HIGHER_BETTER",
                "surrogate": True,
                "surrogate_justification": text(
                    """
                    Slip progression is the direct cause of the patient-relevant outcomes
                    that in-situ fixation aims to prevent (femoroacetabular impingement,
                    early osteoarthritis, reoperation), which appear only after many years
                    and cannot be observed in a clinical evaluation of reasonable duration.
                    The Southwick angle is the standard, reproducible measure of slip
                    severity.
                    """
                ),
            },
        ],
    ),
    (
        {
            "code": "BEN-04",
            "description": text(
                """
                Percutaneous or minimally invasive fixation guided by a wire, which allows
                early mobilisation after surgery.
                """
            ),
            "benefit_type": "INDIRECT",
            "patient_relevant_outcome": text(
                """
                Patients get out of bed and walk with the permitted weight bearing soon
                after surgery, which lowers the risk of complications of immobility
                (pneumonia, thromboembolism, pressure sores, delirium) in elderly patients.
                """
            ),
            "magnitude_expected": "≥ 80 % mobilised within 48 h (femoral neck fractures)",
            "population": "Femoral neck fractures",
        },
        [
            {
                "code": "OP-09",
                "name": "Mobilisation within 48 hours",
                "definition": text(
                    """
                    Proportion of patients who stand and walk at least a few steps with
                    assistance (weight bearing as permitted) within 48 hours after surgery,
                    as recorded in the nursing or physiotherapy notes.
                    """
                ),
                "measurement_instrument": "Nursing and physiotherapy records",
                "timepoint": "48 hours after surgery",
                "unit": "% of patients",
                "direction": "HIGHER_BETTER",
                "surrogate": False,
            },
        ],
    ),
]

SOTA = "state-of-the-art review SOTA-OL-001"

# objective values, then its acceptance criteria
OBJECTIVES: list[tuple[dict[str, Any], list[dict[str, Any]]]] = [
    (
        {
            "category": "PERFORMANCE",
            "statement": text(
                """
                OsteoLink achieves radiographic union of fractures, osteotomies and
                non-unions at rates at least as high as the state of the art for each
                indication.
                """
            ),
            "endpoint": "Radiographic union at 6 months (OP-01) or 12 months (OP-02)",
            "population_scope": "All indications, analysed per indication",
            "gspr_refs": ("1", "6"),
            "risk_refs": ("HARM-03 Non-union / delayed union",),
        },
        [
            {
                "code": "AC-01",
                "metric": "PROPORTION",
                "operator": "GE",
                "threshold": 88,
                "unit": "%",
                "timepoint": "12 months",
                "derivation": "SOTA_POOLED",
                "decision_rule": "POINT_ESTIMATE",
                "margin_rule": "Lower bound of the 95 % CI of the pooled SOTA union rate",
                "justification": text(
                    f"""
                    Non-displaced (Garden I–II) femoral neck fractures. The pooled union rate
                    after fixation with multiple cannulated screws in the {SOTA} is about
                    92 %, with a lower 95 % bound of about 88 %. The device point estimate
                    must reach that bound: a rule based on the device's own interval would
                    need several hundred patients to resolve a difference of a few
                    percentage points and is not proportionate for a well-established
                    device.
                    """
                ),
            },
            {
                "code": "AC-02",
                "metric": "PROPORTION",
                "operator": "GE",
                "threshold": 75,
                "unit": "%",
                "timepoint": "12 months",
                "derivation": "SOTA_POOLED",
                "decision_rule": "POINT_ESTIMATE",
                "margin_rule": "Lower bound of the 95 % CI of the pooled SOTA union rate",
                "justification": text(
                    f"""
                    Displaced femoral neck fractures in patients under 65 years. Union
                    rates are markedly lower than in non-displaced fractures because of the
                    injury's severity; the pooled rate after screw fixation in this group in
                    the {SOTA} is about 80 % with a lower 95 % bound of about 75 %.
                    """
                ),
            },
            {
                "code": "AC-03",
                "metric": "PROPORTION",
                "operator": "GE",
                "threshold": 95,
                "unit": "%",
                "timepoint": "6 months",
                "derivation": "SOTA_POOLED",
                "decision_rule": "POINT_ESTIMATE",
                "margin_rule": "Lower bound of the 95 % CI of the pooled SOTA union rate",
                "justification": text(
                    f"""
                    Malleolar fractures fixed with 4.0 mm screws. Union is almost universal
                    in the {SOTA} (pooled rate about 98 %, lower 95 % bound about 95 %).
                    """
                ),
            },
            {
                "code": "AC-04",
                "metric": "PROPORTION",
                "operator": "GE",
                "threshold": 90,
                "unit": "%",
                "timepoint": "6 months",
                "derivation": "SOTA_POOLED",
                "decision_rule": "POINT_ESTIMATE",
                "margin_rule": "Lower bound of the 95 % CI of the pooled SOTA union rate",
                "justification": text(
                    f"""
                    Acute scaphoid fractures fixed with 3.0 mm screws, union confirmed by
                    CT. Pooled rate in the {SOTA} about 94 % (lower 95 % bound about 90 %),
                    including headless compression screws as the most common alternative
                    implant.
                    """
                ),
            },
            {
                "code": "AC-05",
                "metric": "PROPORTION",
                "operator": "GE",
                "threshold": 80,
                "unit": "%",
                "timepoint": "12 months",
                "derivation": "SOTA_POOLED",
                "decision_rule": "POINT_ESTIMATE",
                "margin_rule": "Lower bound of the 95 % CI of the pooled SOTA union rate",
                "justification": text(
                    f"""
                    Non-unions of all sites, with or without bone grafting. Healing after
                    revision fixation in the {SOTA} varies by site; the pooled rate is
                    about 86 % with a lower 95 % bound of about 80 %.
                    """
                ),
            },
            {
                "code": "AC-06",
                "metric": "PROPORTION",
                "operator": "GE",
                "threshold": 95,
                "unit": "%",
                "timepoint": "6 months",
                "derivation": "SOTA_POOLED",
                "decision_rule": "POINT_ESTIMATE",
                "margin_rule": "Lower bound of the 95 % CI of the pooled SOTA union rate",
                "justification": text(
                    f"""
                    Osteotomies (malleolar, foot, tibial tubercle). Planned osteotomies in
                    healthy bone heal reliably; pooled union rate in the {SOTA} about 97 %
                    (lower 95 % bound about 95 %).
                    """
                ),
            },
        ],
    ),
    (
        {
            "category": "PERFORMANCE",
            "statement": text(
                """
                Fractures fixed with OsteoLink heal within the time expected from the state
                of the art.
                """
            ),
            "endpoint": "Time to radiographic union (OP-03)",
            "population_scope": "Malleolar fractures; non-displaced femoral neck fractures",
            "gspr_refs": ("1",),
            "risk_refs": ("HARM-03 Non-union / delayed union",),
        },
        [
            {
                "code": "AC-07",
                "metric": "MEDIAN",
                "operator": "LE",
                "threshold": 12,
                "unit": "weeks",
                "timepoint": "Up to 12 months",
                "derivation": "SOTA_POOLED",
                "decision_rule": "POINT_ESTIMATE",
                "margin_rule": "Upper end of the range of SOTA medians",
                "justification": text(
                    f"""
                    Malleolar fractures: median times to union reported in the {SOTA} lie
                    between 8 and 12 weeks; a pooled estimate is not computed because the
                    follow-up schedules differ, so the upper end of the range is used.
                    """
                ),
            },
            {
                "code": "AC-08",
                "metric": "MEDIAN",
                "operator": "LE",
                "threshold": 20,
                "unit": "weeks",
                "timepoint": "Up to 12 months",
                "derivation": "SOTA_POOLED",
                "decision_rule": "POINT_ESTIMATE",
                "margin_rule": "Upper end of the range of SOTA medians",
                "justification": text(
                    f"""
                    Non-displaced femoral neck fractures: median times to union in the
                    {SOTA} lie between 12 and 20 weeks.
                    """
                ),
            },
        ],
    ),
    (
        {
            "category": "PERFORMANCE",
            "statement": text(
                """
                Patients treated with OsteoLink regain function comparable to the state of
                the art at 12 months.
                """
            ),
            "endpoint": "HHS (OP-04), OMAS (OP-05) and QuickDASH (OP-06) at 12 months",
            "population_scope": "Femoral neck, malleolar and scaphoid fractures",
            "gspr_refs": ("1",),
            "risk_refs": (),
        },
        [
            {
                "code": "AC-09",
                "metric": "MEAN",
                "operator": "GE",
                "threshold": 80,
                "unit": "points",
                "timepoint": "12 months",
                "derivation": "SOTA_POOLED",
                "decision_rule": "CI_BOUND_95",
                "margin_rule": "Lower bound of the device's 95 % CI ≥ 'good' category (80)",
                "justification": text(
                    f"""
                    Harris Hip Score after non-displaced femoral neck fractures in patients
                    who walked independently before the injury. Mean scores in the {SOTA}
                    lie between 83 and 90 points. The lower bound of the device's 95 %
                    interval must stay in the "good" category (≥ 80); with a standard
                    deviation of about 12 points, 60 patients give an interval half-width
                    of about 3 points, so the stricter rule is feasible.
                    """
                ),
            },
            {
                "code": "AC-10",
                "metric": "MEAN",
                "operator": "GE",
                "threshold": 75,
                "unit": "points",
                "timepoint": "12 months",
                "derivation": "SOTA_POOLED",
                "decision_rule": "POINT_ESTIMATE",
                "margin_rule": "Lowest SOTA study mean",
                "justification": text(
                    f"""
                    Olerud–Molander Ankle Score after operative treatment of malleolar
                    fractures: study means in the {SOTA} lie between 75 and 90 points; the
                    lowest is used because the scores depend strongly on fracture type and
                    patient mix.
                    """
                ),
            },
            {
                "code": "AC-11",
                "metric": "MEAN",
                "operator": "LE",
                "threshold": 15,
                "unit": "points",
                "timepoint": "12 months",
                "derivation": "SOTA_POOLED",
                "decision_rule": "POINT_ESTIMATE",
                "margin_rule": "Highest SOTA study mean",
                "justification": text(
                    f"""
                    QuickDASH after screw fixation of scaphoid fractures: study means in the
                    {SOTA} lie between 5 and 15 points (lower is better).
                    """
                ),
            },
        ],
    ),
    (
        {
            "category": "CLINICAL_BENEFIT",
            "statement": text(
                """
                OsteoLink preserves the native hip joint: few patients with a femoral neck
                fracture need conversion to arthroplasty, and the slip does not progress
                after in-situ fixation of SCFE.
                """
            ),
            "endpoint": "Arthroplasty-free survival (OP-07); no slip progression (OP-08)",
            "population_scope": "Femoral neck fractures; SCFE",
            "gspr_refs": ("1", "8"),
            "risk_refs": (
                "HARM-01 Reoperation / conversion to arthroplasty",
                "HARM-04 Avascular necrosis of the femoral head",
            ),
        },
        [
            {
                "code": "AC-12",
                "metric": "KM_SURVIVAL",
                "operator": "GE",
                "threshold": 88,
                "unit": "% free of conversion",
                "timepoint": "24 months",
                "derivation": "SOTA_POOLED",
                "decision_rule": "POINT_ESTIMATE",
                "margin_rule": "Lower bound of the 95 % CI of the pooled SOTA survival",
                "justification": text(
                    f"""
                    Non-displaced femoral neck fractures. Conversion to arthroplasty within
                    two years after screw fixation is about 8 % in the {SOTA} (survival
                    about 92 %, lower 95 % bound about 88 %). National hip fracture registry
                    reports give similar figures.
                    """
                ),
            },
            {
                "code": "AC-13",
                "metric": "PROPORTION",
                "operator": "GE",
                "threshold": 97,
                "unit": "%",
                "timepoint": "12 months",
                "derivation": "SOTA_POOLED",
                "decision_rule": "POINT_ESTIMATE",
                "margin_rule": "Lower bound of the 95 % CI of the pooled SOTA rate",
                "justification": text(
                    f"""
                    SCFE after single-screw in-situ fixation: slip progression is rare in
                    the {SOTA} (pooled about 1 %; at least 97 % without progression).
                    """
                ),
            },
        ],
    ),
    (
        {
            "category": "CLINICAL_BENEFIT",
            "statement": text(
                """
                Fixation with OsteoLink allows early mobilisation of patients with a femoral
                neck fracture.
                """
            ),
            "endpoint": "Mobilisation within 48 hours (OP-09)",
            "population_scope": "Femoral neck fractures",
            "gspr_refs": ("1",),
            "risk_refs": (),
        },
        [
            {
                "code": "AC-14",
                "metric": "PROPORTION",
                "operator": "GE",
                "threshold": 80,
                "unit": "%",
                "timepoint": "48 hours",
                "derivation": "GUIDELINE",
                "decision_rule": "POINT_ESTIMATE",
                "margin_rule": "Guideline target, taken as achieved by ≥ 80 % of patients",
                "justification": text(
                    """
                    Hip fracture guidelines recommend mobilisation on the day after surgery,
                    and national hip fracture audits report that about 80 % of patients are
                    mobilised within that time after any type of surgery. Screw fixation
                    should not fall below that level (see the SOTA review, guidelines
                    section).
                    """
                ),
            },
        ],
    ),
    (
        {
            "category": "SAFETY",
            "statement": text(
                """
                The rate of unplanned reoperations after fixation with OsteoLink is not
                higher than in the state of the art.
                """
            ),
            "endpoint": "Unplanned reoperation related to the fixation",
            "population_scope": "Non-displaced femoral neck fractures; all indications",
            "gspr_refs": ("1", "2", "8", "23.4"),
            "risk_refs": (
                "HARM-01 Reoperation / conversion to arthroplasty",
                "HARM-02 Loss of fixation",
            ),
        },
        [
            {
                "code": "AC-15",
                "metric": "PROPORTION",
                "operator": "LE",
                "threshold": 15,
                "unit": "%",
                "timepoint": "24 months",
                "derivation": "SOTA_POOLED",
                "decision_rule": "CI_BOUND_95",
                "margin_rule": "1.5 × pooled SOTA reoperation rate",
                "justification": text(
                    f"""
                    Non-displaced femoral neck fractures; any unplanned reoperation of the
                    hip (revision fixation, arthroplasty, removal for symptoms; not elective
                    removal without symptoms). The pooled rate in the {SOTA} is about 10 %.
                    The threshold allows a relative margin of 1.5, and the upper bound of the
                    device's two-sided 95 % Clopper–Pearson interval must not exceed it; the
                    equivalent-device registry (about 200 such patients) and the PMCF study
                    (120 evaluable) can resolve it.
                    """
                ),
            },
            {
                "code": "AC-16",
                "metric": "RATE_PER_PT_YEAR",
                "operator": "LE",
                "threshold": 5,
                "unit": "events per 100 patient-years",
                "timepoint": "Whole follow-up, up to 24 months",
                "derivation": "SOTA_POOLED",
                "decision_rule": "ONE_SIDED_97_5",
                "margin_rule": "Upper 95 % bound of the pooled SOTA rate",
                "justification": text(
                    f"""
                    All indications: device-related reoperations per 100 patient-years (to
                    compare sources with different follow-up). The pooled rate in the
                    {SOTA} is about 3.5 per 100 patient-years with an upper 95 % bound of
                    about 5; the one-sided upper 97.5 % bound of the device rate must not
                    exceed it.
                    """
                ),
            },
        ],
    ),
    (
        {
            "category": "SAFETY",
            "statement": text(
                """
                OsteoLink maintains fixation until union: screw cut-out, back-out, loss of
                reduction and implant breakage are not more frequent than in the state of
                the art and the risk file.
                """
            ),
            "endpoint": "Fixation failure; implant breakage",
            "population_scope": "All indications; femoral neck fractures separately",
            "gspr_refs": ("1", "6", "8"),
            "risk_refs": ("HARM-02 Loss of fixation", "HARM-06 Implant breakage"),
        },
        [
            {
                "code": "AC-17",
                "metric": "PROPORTION",
                "operator": "LE",
                "threshold": 8,
                "unit": "%",
                "timepoint": "12 months",
                "derivation": "SOTA_POOLED",
                "decision_rule": "POINT_ESTIMATE",
                "margin_rule": "Pooled SOTA point estimate",
                "justification": text(
                    f"""
                    Femoral neck fractures (all): fixation failure = screw cut-out through
                    the femoral head, back-out of more than 5 mm, or secondary displacement
                    needing revision. Pooled rate in the {SOTA} about 8 %. The point
                    estimate is used because the outcome is defined differently between
                    studies and the pooled value already includes displaced fractures.
                    """
                ),
            },
            {
                "code": "AC-18",
                "metric": "PROPORTION",
                "operator": "LE",
                "threshold": 1,
                "unit": "% of patients",
                "timepoint": "Until union",
                "derivation": "RMF_PROBABILITY_CLASS",
                "decision_rule": "CI_BOUND_95",
                "margin_rule": "Upper limit of probability class P2 (≤ 10⁻²) in RMF-OL-001",
                "justification": text(
                    f"""
                    Implant breakage (screw or washer) before union, all indications. The
                    risk file assigns this harm to probability class P2 (10⁻³ to 10⁻²);
                    the upper 95 % bound of the observed rate must be consistent with that
                    class. Breakage is reported rarely in the {SOTA} (well below 1 %), and
                    the combined equivalent-device and PMCF data (about 900 patients) can
                    confirm the class.
                    """
                ),
            },
        ],
    ),
    (
        {
            "category": "SAFETY",
            "statement": text(
                """
                Avascular necrosis of the femoral head after fixation with OsteoLink is not
                more frequent than in the state of the art.
                """
            ),
            "endpoint": "Radiographic avascular necrosis of the femoral head",
            "population_scope": "Non-displaced femoral neck fractures; stable SCFE",
            "gspr_refs": ("1", "8", "23.4"),
            "risk_refs": ("HARM-04 Avascular necrosis of the femoral head",),
        },
        [
            {
                "code": "AC-19",
                "metric": "PROPORTION",
                "operator": "LE",
                "threshold": 8,
                "unit": "%",
                "timepoint": "24 months",
                "derivation": "SOTA_POOLED",
                "decision_rule": "POINT_ESTIMATE",
                "margin_rule": "Upper bound of the 95 % CI of the pooled SOTA rate",
                "justification": text(
                    f"""
                    Non-displaced femoral neck fractures: pooled rate in the {SOTA} about
                    5 % (upper 95 % bound about 8 %). Avascular necrosis depends mainly on
                    the injury to the blood supply, not on the implant; the point estimate
                    is compared with the upper bound.
                    """
                ),
            },
            {
                "code": "AC-20",
                "metric": "PROPORTION",
                "operator": "LE",
                "threshold": 3,
                "unit": "%",
                "timepoint": "24 months",
                "derivation": "SOTA_POOLED",
                "decision_rule": "POINT_ESTIMATE",
                "margin_rule": "Upper bound of the 95 % CI of the pooled SOTA rate",
                "justification": text(
                    f"""
                    Stable SCFE after in-situ fixation: avascular necrosis is rare in the
                    {SOTA} (pooled about 1 %, upper 95 % bound about 3 %). Unstable SCFE
                    has a much higher rate and is reported descriptively.
                    """
                ),
            },
        ],
    ),
    (
        {
            "category": "SAFETY",
            "statement": "Deep surgical site infection after OsteoLink fixation is rare.",
            "endpoint": "Deep surgical site infection (CDC/NHSN definition)",
            "population_scope": "All indications (closed fractures and elective procedures)",
            "gspr_refs": ("1", "8", "11.1"),
            "risk_refs": ("HARM-05 Deep infection",),
        },
        [
            {
                "code": "AC-21",
                "metric": "PROPORTION",
                "operator": "LE",
                "threshold": 2.5,
                "unit": "%",
                "timepoint": "12 months",
                "derivation": "SOTA_POOLED",
                "decision_rule": "CI_BOUND_95",
                "margin_rule": "Upper bound of the 95 % CI of the pooled SOTA rate",
                "justification": text(
                    f"""
                    Deep infection after screw fixation of closed fractures and osteotomies
                    is about 1 % in the {SOTA} (upper 95 % bound about 2.5 %). With about
                    600 registry patients and an expected 1 %, the upper Clopper–Pearson
                    bound of the device rate is about 2.2 %, so the strict rule is
                    feasible.
                    """
                ),
            },
        ],
    ),
    (
        {
            "category": "SAFETY",
            "statement": text(
                """
                The lower head profile of OsteoLink does not increase symptomatic hardware
                irritation needing removal.
                """
            ),
            "endpoint": "Implant removal for hardware irritation",
            "population_scope": "Malleolar fractures (subcutaneous screw heads)",
            "gspr_refs": ("1", "8"),
            "risk_refs": ("HARM-07 Soft-tissue irritation by the screw head",),
        },
        [
            {
                "code": "AC-22",
                "metric": "PROPORTION",
                "operator": "LE",
                "threshold": 15,
                "unit": "%",
                "timepoint": "24 months",
                "derivation": "SOTA_POOLED",
                "decision_rule": "POINT_ESTIMATE",
                "margin_rule": "Pooled SOTA point estimate",
                "justification": text(
                    f"""
                    Removal of medial malleolar screws for local symptoms is common; the
                    pooled rate in the {SOTA} is about 15 %. OsteoLink should not exceed
                    it; the lower head is expected to reduce it, which PMCF will show.
                    """
                ),
            },
        ],
    ),
    (
        {
            "category": "SAFETY",
            "statement": text(
                """
                Device-related intra-operative events (drive recess stripping, screw or
                guide-wire breakage, guide-wire advancement into the joint or pelvis) are
                rare with OsteoLink.
                """
            ),
            "endpoint": "Device-related intra-operative events per procedure",
            "population_scope": "All procedures",
            "gspr_refs": ("1", "2", "6"),
            "risk_refs": (
                "HARM-08 Retained fragment / prolonged surgery",
                "HARM-09 Guide-wire penetration",
            ),
        },
        [
            {
                "code": "AC-23",
                "metric": "PROPORTION",
                "operator": "LE",
                "threshold": 2,
                "unit": "% of procedures",
                "timepoint": "Intra-operative",
                "derivation": "EXPERT",
                "decision_rule": "POINT_ESTIMATE",
                "margin_rule": "Expert judgement; within probability class P3 (10⁻² to 10⁻¹)",
                "justification": text(
                    f"""
                    These events are rarely and inconsistently reported in the literature;
                    the {SOTA} cannot give a reliable pooled rate. The threshold was set by
                    the clinical expert with the risk management team from the experience
                    with CS-Classic and other cannulated screw systems: most of these events
                    are resolved during the operation at the cost of a few minutes, and the
                    risk file assigns them to probability class P3 (10⁻² to 10⁻¹). The
                    surgeon survey of the first 300 procedures and the PMCF study collect
                    them systematically, which will allow a data-based threshold at the
                    next update.
                    """
                ),
            },
        ],
    ),
]

EQUIVALENT_DEVICE = {
    "name": "Meridian CS-Classic cannulated screw",
    "manufacturer": "Meridian Orthopaedics GmbH",
    "same_manufacturer": True,
    "mdr_certified": True,
    "data_access_evidence": text(
        """
        CS-Classic is the manufacturer's own device: Meridian holds its complete technical
        documentation (TD-CSC-0001 rev. F), design history file, drawings, verification and
        validation reports, biological evaluation, risk management file, PMS and PMCF
        reports and the raw data of the REG-CSC registry. Both devices are made at the same
        site (Freiburg) with the same machining, cleaning, anodising, packaging and
        sterilisation processes. Full and continuing access is therefore ensured; no
        contract is needed.
        """
    ),
    "sum_of_differences_justification": text(
        """
        Three technical differences are recorded (1.1 design of head, drive and removal
        flutes; 1.3 longer 7.3 mm screws and higher drive torque capacity; 1.4 a new
        screwdriver). All concern the head, drive and length range; none affects the
        thread, the core diameter, the material, the surface or the bone-implant interface,
        which determine fixation strength and biological response. Their combined effect
        was tested on the final design: torsional strength, driving torque and pull-out
        strength of OsteoLink are equal to or higher than those of CS-Classic for every
        diameter (TR-OL-017, TR-OL-018), including the 130 mm screw in worst-case bending
        (TR-OL-021), and the simulated-use workshop found no new use-related hazard. The
        differences do not interact in a way that could add up to a clinically significant
        difference in safety or performance. The residual uncertainty (no clinical data on
        the 125 and 130 mm screws and on the new drive) is addressed by specific PMCF
        endpoints.
        """
    ),
    "conclusion": "EQUIVALENT",
    "pmcf_verification": text(
        """
        OL-PMCF-01 uses the same endpoints, definitions and acceptance criteria as the
        CS-Classic registry REG-CSC, which continues in parallel, so the results of the two
        devices can be compared per indication at 12 and 24 months. Specific endpoints for
        the differences: drive recess stripping and intra-operative events (surgeon survey
        and OL-PMCF-01), hardware irritation and removal (malleolar subgroup), and all
        events with 125 and 130 mm screws (tracked by catalogue number). A clinically
        relevant difference triggers a review of the equivalence claim.
        """
    ),
    "notes": "Fictional predecessor device (sample project).",
}

# code -> subject, comparator, difference, clinically significant, justification, supporting data
CHARACTERISTICS: dict[str, tuple[str, str, str, str, str, tuple[str, ...]]] = {
    "1.1": (
        "Cannulated, self-drilling, self-tapping screws Ø 3.0/4.0/6.5/7.3 mm; short, long "
        "and full thread; asymmetric cancellous thread; low-profile head with hexalobular "
        "drive (T8/T15/T25); reverse-cutting flutes at the thread run-out; washers 7 and "
        "13 mm.",
        "Cannulated, self-drilling, self-tapping screws Ø 3.0/4.0/6.5/7.3 mm; short, long "
        "and full thread; same thread; standard head with hexagonal drive (2.5/3.5 mm); no "
        "removal flutes; washers 7 and 13 mm.",
        "Drive changed from hexagon to hexalobular; head height lower by 0.6 mm (3.0/4.0 mm "
        "screws) to 1.2 mm (6.5/7.3 mm screws); reverse-cutting flutes added. Thread, core, "
        "tip and cannulation are identical.",
        "NO",
        "The hexalobular drive transmits torque over a larger contact area and withstands a "
        "higher torque before the recess fails (TR-OL-019), so stripping during insertion or "
        "removal becomes less likely. The lower head reduces prominence under thin soft "
        "tissue; the head's bearing area on the bone (and thus compression and sinking-in "
        "behaviour) is unchanged. The removal flutes act only when the screw is turned "
        "backwards. None of the changes affects the parts that hold the bone.",
        (
            "Drawing comparison DC-OL-003",
            "TR-OL-019 Drive recess failure torque",
            "TR-OL-017 Torsional properties (ASTM F543 Annex A1)",
        ),
    ),
    "1.2": (
        "Open or percutaneous internal fixation in the operating theatre under fluoroscopy; "
        "supplied sterile (gamma irradiation) for single use; implanted for life or until "
        "removal.",
        "Same: operating theatre under fluoroscopy; supplied sterile (gamma irradiation) for "
        "single use; implanted for life or until removal.",
        "None",
        "NO",
        "",
        ("IFU-OL-001 rev. A and IFU-CSC-001 rev. H, sections 'Intended use' and 'Application'",),
    ),
    "1.3": (
        "Ti-6Al-4V ELI; same outer and core diameters and thread pitch as CS-Classic; "
        "lengths up to 130 mm for 7.3 mm screws; torsional yield, maximum torque, driving "
        "torque and axial pull-out within ±5 % of CS-Classic; recess failure torque +35 %.",
        "Ti-6Al-4V ELI; lengths up to 120 mm for 7.3 mm screws.",
        "7.3 mm screws of 125 and 130 mm added; higher drive recess failure torque. "
        "Mechanical properties of the screw body are the same.",
        "NO",
        "The longer screws have the same cross-section; in the femoral neck and other "
        "metaphyseal sites they are loaded mainly in shear and bending near the fracture, "
        "where the cross-section is unchanged. Worst-case four-point bending and fatigue "
        "tests of the 130 mm screw meet the acceptance criteria set for the 120 mm "
        "CS-Classic screw (TR-OL-021). The longer screws serve patients with larger anatomy "
        "for whom a 120 mm screw is too short; they are tracked specifically in PMCF.",
        (
            "TR-OL-017 Torsional properties (ASTM F543 Annex A1)",
            "TR-OL-018 Driving torque and axial pull-out (ASTM F543 Annexes A2, A3)",
            "TR-OL-021 Bending and fatigue of the 130 mm screw",
        ),
    ),
    "1.4": (
        "Over a guide wire placed under fluoroscopy; optional cannulated drill and "
        "countersink; inserted with a cannulated self-retaining hexalobular screwdriver.",
        "Over a guide wire placed under fluoroscopy; optional cannulated drill and "
        "countersink; inserted with a cannulated hexagonal screwdriver.",
        "New screwdriver (hexalobular, self-retaining); guide wires, drills, depth gauge and "
        "surgical steps are unchanged.",
        "NO",
        "The surgical technique and the instruments that determine the screw's position "
        "(guide wires, drills, depth gauge) are the same. The self-retaining screwdriver "
        "holds the screw during insertion; in the simulated-use workshop (six surgeons, 48 "
        "screws) no new use error was observed and all screws were placed as planned.",
        (
            "Surgical technique guides STG-OL-001 and STG-CSC-001",
            "Usability report UR-OL-004 (simulated use, cadaver)",
        ),
    ),
    "1.5": (
        "Lag-screw principle (interfragmentary compression) or positioning screw; "
        "mechanical stabilisation until union.",
        "Same.",
        "None",
        "NO",
        "",
        ("TR-OL-018 Axial pull-out and compression force",),
    ),
    "2.1": (
        "Ti-6Al-4V ELI per ISO 5832-3, Type II anodised; in contact with bone, marrow, "
        "blood and soft tissue.",
        "Ti-6Al-4V ELI per ISO 5832-3, Type II anodised; same tissues; same material "
        "supplier specification and same surface process.",
        "None",
        "NO",
        "",
        (
            "Material certificates and specification MS-Ti64-002",
            "Biological evaluation plan and report BEP/BER-OL-001 (ISO 10993-1)",
        ),
    ),
    "2.2": (
        "Implant, tissue/bone, permanent contact (> 30 days).",
        "Implant, tissue/bone, permanent contact (> 30 days).",
        "None",
        "NO",
        "",
        ("BER-OL-001 (ISO 10993-1 categorisation)",),
    ),
    "2.3": (
        "No degradation; metal ion release as for anodised Ti-6Al-4V; manufacturing "
        "residues controlled by validated cleaning.",
        "Same material, surface and cleaning process.",
        "None",
        "NO",
        "",
        (
            "Chemical characterisation CC-OL-002 (ISO 10993-18), compared with CS-Classic",
            "Cleaning validation CV-OL-001 (ISO 19227)",
        ),
    ),
    "3.1": (
        "Fractures, osteotomies and non-unions of small and long bones; in-situ fixation "
        "of SCFE; same severity (acute and chronic cases where screw fixation is indicated).",
        "Same indications and contraindications (IFU-CSC-001 rev. H).",
        "None",
        "NO",
        "",
        ("Comparison of indications and contraindications, CER-OL-001-A3 table 2",),
    ),
    "3.2": (
        "Bones of the upper and lower limbs (proximal femur, knee, ankle, foot, wrist, hand, "
        "elbow, shoulder); not the spine.",
        "Same sites.",
        "None",
        "NO",
        "",
        ("IFU-OL-001 and IFU-CSC-001, section 'Indications'",),
    ),
    "3.3": (
        "Adults and adolescents with closed physes; adolescents with SCFE.",
        "Same population.",
        "None",
        "NO",
        "",
        ("REG-CSC registry population description (age, sex, indication)",),
    ),
    "3.4": (
        "Orthopaedic and trauma surgeons.",
        "Orthopaedic and trauma surgeons.",
        "None",
        "NO",
        "",
        ("IFU-OL-001 and IFU-CSC-001, section 'Intended users'",),
    ),
    "3.5": (
        "Stable fixation until union: compression force, pull-out strength and torsional "
        "strength equal to CS-Classic.",
        "Same critical performance; union and complication rates documented in REG-CSC and "
        "literature.",
        "None",
        "NO",
        "",
        (
            "TR-OL-017, TR-OL-018 (bench comparison)",
            "REG-CSC 5-year registry report",
        ),
    ),
}

SEARCH_PROTOCOL = {
    "background": text(
        """
        OsteoLink is a new cannulated screw system developed from the manufacturer's
        CS-Classic screw, which it is claimed to be equivalent to. The clinical evaluation
        needs (1) all published clinical data on OsteoLink and CS-Classic, favourable and
        unfavourable, (2) the state of the art of cannulated screw fixation and of its
        alternatives for each indication, to derive acceptance criteria and judge the
        benefit-risk ratio, and (3) the known harms and their rates, including vigilance
        data, to check the completeness of the risk management file.
        """
    ),
    "objective": text(
        """
        To identify, select and collect systematically and reproducibly all relevant
        published and registered clinical data on the device under evaluation and on the
        equivalent device, and the data describing the current state of the art, the
        alternative treatments and the safety of similar devices, for the indications in the
        intended purpose (MEDDEV 2.7/1 rev. 4 Appendix A5).
        """
    ),
    "review_questions": text(
        """
        - RQ1 (device under evaluation and equivalent device): In patients with fractures,
          osteotomies, non-unions or SCFE (P), what are the union, functional and
          complication outcomes (O) of fixation with OsteoLink or CS-Classic screws (I),
          compared with other fixation methods where reported (C)?
        - RQ2 (state of the art and alternatives): For each indication (P), what union,
          functional, reoperation and complication rates (O) are achieved with cannulated
          screws of any manufacturer (I) and with the alternative treatments: sliding hip
          screw, femoral neck fixation systems, arthroplasty, headless compression screws,
          plates, Kirschner wires, non-operative treatment (C)?
        - RQ3 (safety): In patients treated with cannulated bone screws (P, I), which adverse
          events and device failures are reported, and how often (O)?
        """
    ),
    "date_from": "2009-01-01",
    "date_to": "2026-09-28",
    "date_justification": text(
        """
        Device-specific searches (OsteoLink, CS-Classic) cover the whole period since the
        first CE marking of CS-Classic in 2009; nothing earlier can exist. State-of-the-art
        and safety searches are limited to the last ten years (from 2016-01-01) to reflect
        current practice, implants and perioperative care; older landmark data are captured
        through the systematic reviews found and citation chasing. The searches were run on
        2026-09-28, two days before the data cut-off.
        """
    ),
    "languages": ("English", "German"),
    "other_limits": text(
        """
        Humans only (animal-only records removed with the standard PubMed and Embase
        filters). No publication-type filter at search level; conference abstracts,
        editorials and letters are excluded during screening so that they remain counted in
        the PRISMA flow. Device-specific searches are run without language limit; records
        in other languages are screened on the English abstract and listed.
        """
    ),
    "screening_method": text(
        """
        Two reviewers (information specialist and author) screen all titles and abstracts
        and then all full texts independently, against the eligibility criteria, in
        cerdesk. Every exclusion at full text records one exclusion reason code. Conflicts
        are resolved by discussion; if no agreement is reached the clinical expert decides.
        Agreement (Cohen's kappa) is reported. Reviewers are not blinded to authors or
        journals.
        """
    ),
    "dedup_strategy": text(
        """
        Records from all databases are de-duplicated before screening: exact match on DOI or
        PMID, then fuzzy match on title, first author, year and journal, checked by hand.
        Several publications on the same patients (e.g. interim and final reports of one
        cohort, or registry reports) are grouped as one study; the most complete report is
        used for data extraction and the others are cited, so no patient is counted twice.
        """
    ),
    "protocol_validation": text(
        """
        - The PubMed and Embase strategies were peer-reviewed by a second information
          specialist with the PRESS 2015 checklist before release.
        - Known-item test: the clinical expert listed, before the searches, 15 publications
          that must be found (3 on CS-Classic, 12 on cannulated screws and alternatives).
          The combined strategy must retrieve all of them; missing items lead to a revision
          of the strings, documented as a deviation.
        - The number of hits per string is recorded at each run so that the yearly updates
          can detect unexpected changes.
        """
    ),
    "approved_at": "2026-06-22",
    "notes": "LSP-OL-001 v1.0.",
}

PUBMED_DEVICE = verbatim(
    """
    ("OsteoLink"[tiab] OR "Osteo-Link"[tiab] OR "Osteo Link"[tiab])
    OR (("Bone Screws"[Mesh] OR "cannulated screw*"[tiab] OR "cannulated cancellous screw*"[tiab])
        AND ("Meridian Orthopaedics"[tiab] OR "Meridian Orthopedics"[tiab] OR Meridian[ad]))
    """
)
PUBMED_EQUIVALENT = verbatim(
    """
    ("CS-Classic"[tiab] OR "CS Classic"[tiab] OR "CSClassic"[tiab])
    OR (("Bone Screws"[Mesh] OR "cannulated screw*"[tiab] OR "cannulated cancellous screw*"[tiab])
        AND ("Meridian Orthopaedics"[tiab] OR "Meridian Orthopedics"[tiab] OR Meridian[ad]))
    """
)
PUBMED_SOTA = verbatim(
    """
    #1 "Bone Screws"[Mesh] OR "cannulated screw*"[tiab] OR "cannulated cancellous screw*"[tiab]
       OR "lag screw*"[tiab] OR "compression screw*"[tiab] OR "partially threaded screw*"[tiab]
    #2 "Fracture Fixation, Internal"[Mesh] OR "internal fixation"[tiab] OR osteosynthes*[tiab]
       OR "Arthroplasty, Replacement, Hip"[Mesh] OR hemiarthroplast*[tiab]
       OR "sliding hip screw*"[tiab] OR "dynamic hip screw*"[tiab] OR "femoral neck system"[tiab]
       OR "headless compression screw*"[tiab] OR "Bone Wires"[Mesh] OR "Kirschner wire*"[tiab]
       OR "Conservative Treatment"[Mesh] OR nonoperative[tiab] OR non-operative[tiab]
    #3 "Femoral Neck Fractures"[Mesh] OR "femoral neck fracture*"[tiab]
       OR "intracapsular hip fracture*"[tiab] OR "Slipped Capital Femoral Epiphyses"[Mesh]
       OR "slipped capital femoral epiphys*"[tiab] OR SCFE[tiab] OR "Scaphoid Bone"[Mesh]
       OR scaphoid[tiab] OR "Ankle Fractures"[Mesh] OR malleol*[tiab]
       OR "Tibial Plateau Fractures"[Mesh] OR "tibial plateau"[tiab] OR "Fractures, Ununited"[Mesh]
       OR nonunion*[tiab] OR non-union*[tiab] OR "Osteotomy"[Mesh] OR osteotom*[tiab]
    #4 (#1 OR #2) AND #3
    #5 #4 AND ("2016/01/01"[dp] : "2026/09/28"[dp]) AND (english[la] OR german[la])
       NOT (animals[mh] NOT humans[mh])
    """
)
PUBMED_SAFETY = verbatim(
    """
    #1 "Bone Screws"[Mesh] OR "cannulated screw*"[tiab] OR "cannulated cancellous screw*"[tiab]
    #2 "Postoperative Complications"[Mesh] OR complication*[tiab] OR "adverse event*"[tiab]
       OR "Reoperation"[Mesh] OR reoperat*[tiab] OR revision*[tiab] OR "cut-out"[tiab]
       OR cutout[tiab] OR "back-out"[tiab] OR backout[tiab] OR "screw migration"[tiab]
       OR "Prosthesis Failure"[Mesh] OR "Equipment Failure"[Mesh] OR breakage[tiab]
       OR "implant failure"[tiab] OR "Femur Head Necrosis"[Mesh] OR "avascular necrosis"[tiab]
       OR osteonecrosis[tiab] OR "Surgical Wound Infection"[Mesh] OR infection*[tiab]
       OR "Hypersensitivity"[Mesh] OR hypersensitiv*[tiab] OR "implant removal"[tiab]
       OR "hardware removal"[tiab]
    #3 #1 AND #2 AND ("2016/01/01"[dp] : "2026/09/28"[dp]) NOT (animals[mh] NOT humans[mh])
    """
)
EMBASE_DEVICE = verbatim(
    """
    #1 ('osteolink' OR 'osteo link'):ti,ab,kw,dn
    #2 ('bone screw'/exp OR 'cannulated screw*':ti,ab,kw)
       AND ('meridian orthopaedics' OR 'meridian orthopedics'):ti,ab,kw,dm,af
    #3 (#1 OR #2) AND [humans]/lim
    """
)
EMBASE_EQUIVALENT = verbatim(
    """
    #1 ('cs classic' OR 'cs-classic' OR csclassic):ti,ab,kw,dn
    #2 ('bone screw'/exp OR 'cannulated screw*':ti,ab,kw) AND meridian:dm,af
    #3 (#1 OR #2) AND [humans]/lim AND [2009-2026]/py
    """
)
EMBASE_SOTA = verbatim(
    """
    #1 'bone screw'/exp OR ('cannulated screw*' OR 'cannulated cancellous screw*'
       OR 'lag screw*' OR 'compression screw*' OR 'sliding hip screw*'
       OR 'headless compression screw*' OR hemiarthroplast*):ti,ab,kw
       OR 'fracture fixation'/exp OR 'hip arthroplasty'/exp
    #2 'femoral neck fracture'/exp OR 'scaphoid fracture'/exp OR 'ankle fracture'/exp
       OR 'osteotomy'/exp OR 'pseudarthrosis'/exp
       OR ('femoral neck fracture*' OR 'intracapsular hip fracture*'
       OR 'slipped capital femoral epiphys*' OR scfe OR scaphoid OR malleol* OR 'tibial plateau'
       OR nonunion* OR 'non union*' OR osteotom*):ti,ab,kw
    #3 #1 AND #2 AND [humans]/lim AND ([english]/lim OR [german]/lim) AND [2016-2026]/py
    """
)
EMBASE_SAFETY = verbatim(
    """
    #1 'bone screw'/exp OR ('cannulated screw*' OR 'cannulated cancellous screw*'):ti,ab,kw
    #2 'postoperative complication'/exp OR 'reoperation'/exp OR 'device failure'/exp
       OR 'femur head necrosis'/exp OR 'surgical infection'/exp OR 'hypersensitivity'/exp
       OR (complication* OR 'adverse event*' OR reoperat* OR revision* OR 'cut out' OR cutout
       OR 'back out' OR 'screw migration' OR breakage OR 'avascular necrosis' OR osteonecrosis
       OR infection* OR 'implant removal' OR 'hardware removal'):ti,ab,kw
    #3 #1 AND #2 AND [humans]/lim AND [2016-2026]/py
    """
)
COCHRANE_SOTA = verbatim(
    """
    #1 MeSH descriptor: [Bone Screws] explode all trees
    #2 ((cannulated NEXT screw*) OR (lag NEXT screw*) OR (compression NEXT screw*)):ti,ab,kw
    #3 MeSH descriptor: [Femoral Neck Fractures] explode all trees
    #4 MeSH descriptor: [Slipped Capital Femoral Epiphyses] explode all trees
    #5 MeSH descriptor: [Ankle Fractures] explode all trees
    #6 MeSH descriptor: [Scaphoid Bone] explode all trees
    #7 MeSH descriptor: [Fractures, Ununited] explode all trees
    #8 ((femoral NEXT neck) OR "intracapsular hip" OR scaphoid OR malleol* OR "tibial plateau"
       OR nonunion* OR "non union" OR osteotom* OR "slipped capital femoral"):ti,ab,kw
    #9 (#1 OR #2) AND (#3 OR #4 OR #5 OR #6 OR #7 OR #8)
    """
)

# database values, then (category, query, limits) of its search strings
DATABASES: list[tuple[dict[str, Any], list[tuple[str, str, str]]]] = [
    (
        {
            "name": "MEDLINE",
            "source_type": "BIBLIOGRAPHIC_DB",
            "platform": "PubMed (NLM)",
            "justification": text(
                """
                Core biomedical database with the widest coverage of orthopaedic and trauma
                journals; MeSH indexing allows a precise and sensitive search (MEDDEV A4,
                IMDRF N56 Appendix B).
                """
            ),
        },
        [
            ("DEVICE_UNDER_EVALUATION", PUBMED_DEVICE, "No date or language limit"),
            ("EQUIVALENT_DEVICE", PUBMED_EQUIVALENT, "No date or language limit"),
            ("SOTA_ALTERNATIVES", PUBMED_SOTA, "2016/01/01–2026/09/28; English, German; humans"),
            ("SAFETY_VIGILANCE", PUBMED_SAFETY, "2016/01/01–2026/09/28; humans"),
        ],
    ),
    (
        {
            "name": "Embase",
            "source_type": "BIBLIOGRAPHIC_DB",
            "platform": "Embase.com (Elsevier)",
            "justification": text(
                """
                Second bibliographic database with better coverage of European journals and
                conference proceedings than MEDLINE, and device trade name (dn) and device
                manufacturer (dm) fields that support device-specific searching.
                """
            ),
        },
        [
            ("DEVICE_UNDER_EVALUATION", EMBASE_DEVICE, "Humans; no date or language limit"),
            ("EQUIVALENT_DEVICE", EMBASE_EQUIVALENT, "Humans; 2009–2026"),
            ("SOTA_ALTERNATIVES", EMBASE_SOTA, "Humans; English, German; 2016–2026"),
            ("SAFETY_VIGILANCE", EMBASE_SAFETY, "Humans; 2016–2026"),
        ],
    ),
    (
        {
            "name": "Cochrane Library (CDSR and CENTRAL)",
            "source_type": "SR_DB",
            "platform": "Cochrane Library (Wiley)",
            "justification": text(
                """
                Systematic reviews (CDSR) and randomised and controlled trials (CENTRAL) on
                the fixation of femoral neck, ankle and scaphoid fractures and on
                non-unions; the highest level of evidence for the state of the art.
                """
            ),
        },
        [
            (
                "SOTA_ALTERNATIVES",
                COCHRANE_SOTA,
                "Cochrane Reviews and Trials; publication year 2016–2026",
            ),
        ],
    ),
    (
        {
            "name": "ClinicalTrials.gov and WHO ICTRP",
            "source_type": "TRIAL_REGISTER",
            "platform": "clinicaltrials.gov; trialsearch.who.int",
            "justification": text(
                """
                Ongoing, completed and unpublished studies on OsteoLink or CS-Classic
                (including the manufacturer's own) and on screw fixation, to detect
                publication bias and studies whose results are not yet published.
                """
            ),
        },
        [
            (
                "DEVICE_UNDER_EVALUATION",
                "\n".join(
                    (
                        "ClinicalTrials.gov, Intervention/treatment: "
                        'OsteoLink OR "CS-Classic" OR "Meridian Orthopaedics"',
                        "WHO ICTRP, Intervention: OsteoLink OR CS-Classic OR Meridian",
                    )
                ),
                "All study statuses; no date limit",
            ),
            (
                "SOTA_ALTERNATIVES",
                "\n".join(
                    (
                        "ClinicalTrials.gov, Condition/disease: femoral neck fracture OR "
                        "slipped capital femoral epiphysis OR scaphoid fracture OR ankle "
                        "fracture OR nonunion; Intervention/treatment: cannulated screw OR "
                        "screw fixation",
                        "WHO ICTRP, Condition: femoral neck fracture OR scaphoid OR malleolar "
                        "OR SCFE; Intervention: cannulated screw",
                    )
                ),
                "First posted 2016-01-01 to 2026-09-28; all statuses",
            ),
        ],
    ),
    (
        {
            "name": "FDA MAUDE",
            "source_type": "VIGILANCE_DB",
            "platform": "accessdata.fda.gov (MAUDE simple and advanced search)",
            "justification": text(
                """
                Largest public adverse event database for medical devices; reports on
                cannulated screws of all manufacturers show failure modes (breakage, cut-out,
                stripping) that may be under-reported in the literature. Used qualitatively
                (no denominators).
                """
            ),
        },
        [
            (
                "SAFETY_VIGILANCE",
                verbatim(
                    """
                    Brand name: OsteoLink
                    Brand name: CS-Classic
                    Manufacturer: Meridian Orthopaedics
                    """
                ),
                "Date report received 2009-01-01 to 2026-09-28",
            ),
            (
                "SIMILAR_BENCHMARK",
                "Product code: HWC; Brand name: cannulat; Event type: injury, malfunction, death",
                "Date report received 2021-10-01 to 2026-09-28 (last five years)",
            ),
        ],
    ),
    (
        {
            "name": "Field safety notices of competent authorities (BfArM, Swissmedic, MHRA)",
            "source_type": "VIGILANCE_DB",
            "platform": "Authority websites, search pages for field safety notices and recalls",
            "justification": text(
                """
                European field safety corrective actions on cannulated screws (own and
                similar devices) in the main markets of the device.
                """
            ),
        },
        [
            (
                "SAFETY_VIGILANCE",
                text(
                    """
                    Each term searched separately on each authority's search page: kanülierte
                    Schraube; cannulated screw; Knochenschraube; bone screw; Meridian;
                    OsteoLink; CS-Classic
                    """
                ),
                "Notices published 2016-01-01 to 2026-09-28",
            ),
        ],
    ),
    (
        {
            "name": "National hip fracture registers (public annual reports)",
            "source_type": "REGISTRY",
            "platform": "Registers' websites (annual reports)",
            "justification": text(
                """
                Population-based reoperation and conversion rates after internal fixation of
                femoral neck fractures; benchmark for AC-12 and AC-15 independent of
                selected study populations.
                """
            ),
        },
        [
            (
                "SOTA_ALTERNATIVES",
                text(
                    """
                    Latest annual report of each national hip fracture register in Europe
                    that publishes reoperation after internal fixation: tables and figures on
                    reoperation, conversion to arthroplasty and mortality after screw fixation
                    """
                ),
                "Reports published 2021–2026",
            ),
        ],
    ),
    (
        {
            "name": "Citation chasing",
            "source_type": "CITATION_CHASING",
            "platform": "Reference lists (backward); citation index 'cited by' (forward)",
            "justification": text(
                """
                Finds relevant studies missed by the database strings, in particular older
                landmark studies outside the ten-year window and studies indexed without the
                expected terms.
                """
            ),
        },
        [
            (
                "SOTA_ALTERNATIVES",
                text(
                    """
                    Backward: reference lists of all included systematic reviews and pivotal
                    studies. Forward: publications citing the included studies on CS-Classic.
                    """
                ),
                "Once, after full-text screening",
            ),
        ],
    ),
]

# code, type, text, stage
ELIGIBILITY = [
    (
        "IC1",
        "INCLUSION",
        "Population: patients with a fracture, osteotomy, non-union or SCFE at a site within "
        "the intended purpose (age and bones as in the IFU).",
        "BOTH",
    ),
    (
        "IC2",
        "INCLUSION",
        "Intervention: fixation with OsteoLink or CS-Classic screws (RQ1), with cannulated "
        "bone screws of any manufacturer or with an alternative treatment for the same "
        "indication (RQ2, RQ3).",
        "BOTH",
    ),
    (
        "IC3",
        "INCLUSION",
        "Outcomes: at least one clinical performance or safety outcome of this plan (union, "
        "time to union, function score, reoperation, conversion, fixation failure, avascular "
        "necrosis, infection, hardware removal, device-related events).",
        "FULL_TEXT",
    ),
    (
        "IC4",
        "INCLUSION",
        "Design: randomised or non-randomised controlled studies, cohort studies, case "
        "series of ≥ 10 patients, registry reports, systematic reviews with or without "
        "meta-analysis; for OsteoLink and CS-Classic also smaller series and case reports.",
        "FULL_TEXT",
    ),
    (
        "IC5",
        "INCLUSION",
        "Full text available in English or German (device-specific publications in any "
        "language are assessed with a translation).",
        "FULL_TEXT",
    ),
    (
        "EC1",
        "EXCLUSION",
        "Non-clinical studies: animal, cadaver, bench, finite-element or other computational "
        "studies.",
        "BOTH",
    ),
    (
        "EC2",
        "EXCLUSION",
        "Population outside the intended purpose: spinal fixation, pathological fractures "
        "from tumours, children with open physes other than SCFE, or results for an eligible "
        "population not reported separately.",
        "BOTH",
    ),
    (
        "EC3",
        "EXCLUSION",
        "Intervention or comparator outside the review questions (e.g. biodegradable "
        "screws, screws used only to fix plates or nails), or results for the screws not "
        "reported separately.",
        "BOTH",
    ),
    (
        "EC4",
        "EXCLUSION",
        "No outcome of this plan reported, or no extractable data (no numbers, no follow-up time).",
        "FULL_TEXT",
    ),
    (
        "EC5",
        "EXCLUSION",
        "Publication type without original data or full report: editorial, letter, comment, "
        "narrative review, technical note without outcomes, conference abstract.",
        "BOTH",
    ),
    (
        "EC6",
        "EXCLUSION",
        "State-of-the-art questions: case series with fewer than 10 patients or follow-up "
        "shorter than 6 months for union outcomes.",
        "FULL_TEXT",
    ),
    (
        "EC7",
        "EXCLUSION",
        "Duplicate report of patients already included (earlier or partial report of the "
        "same cohort); cited but not extracted.",
        "FULL_TEXT",
    ),
]

#: Words shaded during screening, per criterion (one word or phrase each; a trailing *
#: matches any ending). Inclusion terms are shaded green, exclusion terms red.
HIGHLIGHT_TERMS: dict[str, tuple[str, ...]] = {
    "IC1": (
        "femoral neck", "intracapsular", "Garden", "Pauwels", "slipped capital", "SCFE",
        "scaphoid", "carpal", "metacarpal*", "malleol*", "tibial plateau", "femoral condyle*",
        "distal humerus", "greater tuberosity", "talus", "calcane*", "navicular",
        "metatarsal*", "osteotom*", "nonunion", "non-union", "ununited",
    ),
    "IC2": (
        "cannulated", "screw*", "screw fixation", "internal fixation", "osteosynthesis",
        "in situ fixation", "in situ pinning", "pinning", "CS-Classic", "OsteoLink", "REG-CSC",
        "sliding hip screw", "femoral neck system",
    ),
    "IC3": (
        "union", "time to union", "reoperation*", "revision*", "conversion", "fixation failure",
        "avascular necrosis", "osteonecrosis", "infection*", "implant removal",
        "hardware removal", "screw removal", "back-out", "cut-out", "Harris Hip Score",
        "QuickDASH", "Olerud-Molander", "AOFAS", "EQ-5D", "adverse event*",
    ),
    "IC4": (
        "randomi*", "prospective", "retrospective", "cohort", "consecutive", "registry",
        "register", "case series", "systematic review", "meta-analys*",
    ),
    "IC5": ("English", "German"),
    "EC1": (
        "cadaver*", "sheep", "ovine", "bovine", "porcine", "animal*", "biomechanic*",
        "synthetic bone", "synthetic femur", "sawbones", "finite element", "in vitro",
        "testing machine", "Markov",
    ),
    "EC2": (
        "child*", "paediatric", "pediatric", "adolescen*", "apophys*", "epicondyle",
        "spine", "spinal", "vertebra*", "pedicle*", "pathological fracture*", "metasta*",
        "tumour*", "tumor*", "distal radius", "proximal humerus", "tibial shaft",
        "trochanteric", "intertrochanteric", "pertrochanteric",
    ),
    "EC3": (
        "arthroplast*", "hemiarthroplast*", "intramedullary nail*", "nail*", "cephalomedullary",
        "plate", "plates", "plating", "suture button", "syndesmo*", "bioabsorbable",
        "biodegradable", "Kirschner wire*", "nerve block", "anaesthesia", "anesthesia",
        "tranexamic",
    ),
    "EC4": (
        "design and baseline", "baseline characteristics", "radiographic measurement",
        "interobserver", "reliability",
    ),
    "EC5": (
        "case report", "letter", "comment*", "editorial", "erratum", "correction to",
        "reply", "this review", "current concepts", "pearls and pitfalls", "technical note",
        "conference abstract", "recruitment status",
    ),
    "EC6": ("cases", "pilot", "preliminary", "short-term", "early results"),
    "EC7": (
        "interim", "secondary analysis", "post hoc", "subgroup", "previously reported",
        "previously published", "extended follow-up", "two-year results", "12-month results",
    ),
}  # fmt: skip

# code, label, stage, criterion
EXCLUSION_REASONS = [
    ("NON_CLINICAL", "Non-clinical study (animal, cadaver, bench, model)", "BOTH", "EC1"),
    ("WRONG_POPULATION", "Population outside the intended purpose", "BOTH", "EC2"),
    ("WRONG_INTERVENTION", "Intervention or comparator not relevant", "BOTH", "EC3"),
    ("NO_RELEVANT_OUTCOME", "No relevant or extractable outcome", "FULL_TEXT", "EC4"),
    ("WRONG_PUBLICATION_TYPE", "No original data (editorial, letter, abstract…)", "BOTH", "EC5"),
    ("SMALL_OR_SHORT", "SOTA: fewer than 10 patients or follow-up < 6 months", "FULL_TEXT", "EC6"),
    ("DUPLICATE_COHORT", "Same patients as an included report", "FULL_TEXT", "EC7"),
    ("LANGUAGE", "Full text not in English or German", "FULL_TEXT", "IC5"),
    ("NOT_RETRIEVED", "Full text not retrievable", "FULL_TEXT", "IC5"),
]

EVALUATORS = [
    {
        "name": "Dr. Helena Marquardt",
        "role": "AUTHOR",
        "affiliation": "Marquardt Clinical Affairs Consulting GmbH, Munich",
        "external": True,
        "highest_degree": "Dr. rer. nat. (PhD)",
        "degree_field": "Biomedical engineering",
        "years_experience": 15,
        "competencies": (
            "RESEARCH_METHODOLOGY_BIOSTATISTICS",
            "REGULATORY",
            "MEDICAL_WRITING",
            "DEVICE_TECHNOLOGY",
        ),
        "qualifications": text(
            """
            Doctorate in biomedical engineering (implant biomechanics). Five years as
            development engineer for osteosynthesis implants, ten years in clinical affairs:
            author of more than 40 clinical evaluation reports for orthopaedic and trauma
            implants under the MDD and the MDR, of PMCF plans and study protocols, and of
            responses to notified body questions. Trained in systematic reviews and
            meta-analysis (university certificate course) and in ISO 14155. Plans the
            evaluation, appraises and analyses the data and writes the report.
            """
        ),
        "cv_date": "2026-05-04",
        "doi_signed_date": "2026-06-01",
        "interests_declared": True,
        "doi_details": text(
            """
            Paid by Meridian Orthopaedics for preparing this clinical evaluation (fee for
            service, independent of the conclusions). No employment, shares, royalties or
            other financial interest in Meridian Orthopaedics or its competitors.
            """
        ),
    },
    {
        "name": "Prof. Dr. med. Tobias Reinhardt",
        "role": "CLINICAL_EXPERT",
        "affiliation": "Department of Trauma and Orthopaedic Surgery, Klinikum Am Südpark",
        "external": True,
        "highest_degree": "Dr. med. habil. (MD, habilitation)",
        "degree_field": "Medicine; board-certified orthopaedic and trauma surgeon",
        "years_experience": 24,
        "competencies": ("CLINICAL_SPECIALTY", "RESEARCH_METHODOLOGY_BIOSTATISTICS"),
        "qualifications": text(
            """
            Board-certified specialist in orthopaedics and trauma surgery, head of the
            department of trauma and orthopaedic surgery of a level-1 trauma centre; about
            400 screw fixations of femoral neck, malleolar and scaphoid fractures as surgeon
            or supervisor. Principal investigator of several multicentre fracture studies;
            author of peer-reviewed publications on hip fracture care; member of a national
            guideline group on proximal femoral fractures. Reviews the state of the art,
            the acceptance criteria, the appraisal and the clinical conclusions.
            """
        ),
        "cv_date": "2026-04-20",
        "doi_signed_date": "2026-06-03",
        "interests_declared": True,
        "doi_details": text(
            """
            Honoraria from Meridian Orthopaedics as faculty of two surgical skills courses
            (2024 and 2025, below EUR 5,000 in total). Uses CS-Classic screws in his
            department. Not involved in the design of OsteoLink; no royalties, shares or
            consulting contract on OsteoLink. Not an author of any publication on
            CS-Classic included in this evaluation.
            """
        ),
    },
    {
        "name": "Sofie Lindqvist, MSc",
        "role": "INFORMATION_SPECIALIST",
        "affiliation": "Marquardt Clinical Affairs Consulting GmbH, Munich",
        "external": True,
        "highest_degree": "MSc",
        "degree_field": "Library and information science",
        "years_experience": 11,
        "competencies": ("INFORMATION_MANAGEMENT", "MEDICAL_WRITING"),
        "qualifications": text(
            """
            Master's degree in library and information science; six years as a medical
            librarian at a university hospital and five years as information specialist for
            medical device clinical evaluations. Expert user of PubMed, Embase.com, the
            Cochrane Library, trial registers and vigilance databases; trained in the PRESS
            peer review of search strategies and in PRISMA 2020 reporting. Designs and runs
            the searches, de-duplicates and co-screens the records.
            """
        ),
        "cv_date": "2026-05-04",
        "doi_signed_date": "2026-06-01",
        "interests_declared": False,
    },
]


# ---------------------------------------------------------- other clinical data
#: PMS data of the equivalent device CS-Classic (OsteoLink is not yet on the market).
PMS_REGIONS = "EU/EEA, Switzerland, United Kingdom"
SCREWS_PER_PROCEDURE = 2.7  # mean in REG-CSC, as in the device's market history

PMS_LIMITATIONS = text(
    """
    Complaints and incidents are counted only when users report them to the manufacturer.
    Under-reporting is common, above all for known complications that surgeons regard as
    expected rather than as a device problem (non-union, cut-out, avascular necrosis,
    hardware irritation) and for late events after the patient has left the implanting
    hospital. The denominator is estimated from sales, not from implantations, and the
    complaints carry no follow-up. Complaint and incident rates are therefore used to detect
    signals and new failure modes only; on their own they cannot prove safety or quantify
    the rates of the clinical harms (MDCG 2020-6 §6.3). The clinical safety endpoints are
    taken from the REG-CSC registry and the literature.
    """
)


def _exposure(units: int, procedures: int) -> str:
    return text(
        f"""
        About {procedures:,} procedures (= patients) in the period: {units:,} screws sold ÷
        {SCREWS_PER_PROCEDURE} screws per procedure (mean number of screws per procedure in
        the REG-CSC registry, all indications). Assumes that every screw sold was implanted
        in the same year and one procedure per patient; hospital consignment stock and
        screws opened but not implanted (wrong length, dropped) make this an upper estimate
        of the patients treated. Washers are not counted (always used with a screw).
        """
    )


def _vigilance(searched_on: str, year: int, maude_similar: int, fsn_similar: str) -> str:
    return text(
        f"""
        - FDA MAUDE (search string SS-12), {searched_on}: brand name OsteoLink; brand name
          CS-Classic; manufacturer Meridian Orthopaedics; reports received {year}-01-01 to
          {year}-12-31: 0 hits (CS-Classic is not marketed in the USA).
        - FDA MAUDE (SS-13), {searched_on}: product code HWC, brand name "cannulat",
          injury, malfunction or death, reports received in {year}: {maude_similar} hits
          (similar devices of other manufacturers). Failure modes: screw breakage, guide-wire
          breakage, cut-out or migration, drive stripping; none that is not already in the
          risk management file of CS-Classic.
        - BfArM field safety notices (SS-14), {searched_on}: Meridian; CS-Classic;
          OsteoLink: 0 hits. Kanülierte Schraube; cannulated screw; Knochenschraube; bone
          screw, notices published in {year}: {fsn_similar}
        - Swissmedic field safety notices (SS-14), {searched_on}: same terms: 0 hits for
          Meridian, CS-Classic or OsteoLink; notices on similar screws were the same as at
          BfArM.
        """
    )


# period values, then its complaint categories (category, count, of which serious, comment)
PMS_PERIODS: list[tuple[dict[str, Any], list[tuple[str, int, int, str]]]] = [
    (
        {
            "code": "PMS-2023",
            "period_start": "2023-01-01",
            "period_end": "2023-12-31",
            "regions": PMS_REGIONS,
            "units_sold": 39_800,
            "exposure_estimate": _exposure(39_800, 14_700),
            "complaints_total": 31,
            "serious_incidents": 1,
            "fscas": 0,
            "trend_reports": 0,
            "vigilance_searches": _vigilance(
                "2024-01-16",
                2023,
                146,
                "3 hits (other manufacturers: two sterile-barrier defects, one labelling "
                "error); not applicable to CS-Classic.",
            ),
            "psur_ref": "PSUR-CSC-2023 v1.0 (2024-03-28; legacy device, MDCG 2022-21)",
            "limitations": PMS_LIMITATIONS,
            "notes": text(
                """
                Equivalent device CS-Classic (OsteoLink is not yet on the market). Complaint
                rate 0.08 % of screws sold (about 0.2 % of procedures). The serious incident
                is one of the four reported since 2009.
                """
            ),
        },
        [
            (
                "Drive recess stripping (insertion or removal)",
                11,
                0,
                "7 at removal, 4 at insertion; resolved with the extraction set in all but "
                "one case (screw left in situ). Known issue of the hexagonal drive; addressed "
                "by the hexalobular drive of OsteoLink.",
            ),
            (
                "Guide-wire breakage or bending",
                7,
                0,
                "Single-use guide wires (TD-GW-0003) used with CS-Classic; fragments removed "
                "during the operation in 6 cases, 1 tip left in the femoral head without "
                "consequences.",
            ),
            (
                "Screw breakage during insertion",
                3,
                0,
                "3.0 and 4.0 mm screws in dense cortical bone; excessive torque without "
                "pre-drilling; replaced during the operation.",
            ),
            (
                "Screw breakage after surgery (femoral neck)",
                1,
                1,
                "Serious incident, reported to BfArM (MIR): 6.5 mm screw broke 4 months "
                "after fixation of a displaced femoral neck fracture; conversion to total hip "
                "arthroplasty. Fatigue fracture secondary to non-union; no material, "
                "manufacturing or design non-conformity (investigation INV-2023-014).",
            ),
            (
                "Thread stripping or loss of purchase in bone",
                4,
                0,
                "Osteoporotic bone; longer or larger screw or washer used; no reoperation.",
            ),
            (
                "Packaging damage",
                5,
                0,
                "Outer carton or blister damaged on delivery; sterile barrier intact in 4, "
                "breached in 1; product not used in any case.",
            ),
        ],
    ),
    (
        {
            "code": "PMS-2024",
            "period_start": "2024-01-01",
            "period_end": "2024-12-31",
            "regions": PMS_REGIONS,
            "units_sold": 42_600,
            "exposure_estimate": _exposure(42_600, 15_800),
            "complaints_total": 28,
            "serious_incidents": 0,
            "fscas": 0,
            "trend_reports": 0,
            "vigilance_searches": _vigilance(
                "2025-01-14",
                2024,
                162,
                "2 hits (other manufacturers: one sterile-barrier defect, one screw of wrong "
                "length in a correctly labelled pack); not applicable to CS-Classic.",
            ),
            "psur_ref": "PSUR-CSC-2024 v1.0 (2025-03-20)",
            "limitations": PMS_LIMITATIONS,
            "notes": text(
                """
                Equivalent device CS-Classic, MDR-certified in 2024. Complaint rate 0.07 %
                of screws sold (about 0.2 % of procedures).
                """
            ),
        },
        [
            (
                "Drive recess stripping (insertion or removal)",
                10,
                0,
                "6 at removal, 4 at insertion; all screws removed or seated.",
            ),
            (
                "Guide-wire breakage or bending",
                6,
                0,
                "All fragments removed during the operation.",
            ),
            (
                "Screw breakage during insertion",
                2,
                0,
                "3.0 mm screws (scaphoid); replaced during the operation.",
            ),
            (
                "Thread stripping or loss of purchase in bone",
                3,
                0,
                "Osteoporotic bone; no reoperation.",
            ),
            (
                "Packaging damage",
                4,
                0,
                "Outer carton damaged in transport; sterile barrier intact; product not used.",
            ),
            (
                "Cut-out or loss of fixation reported",
                3,
                0,
                "Femoral neck fractures in elderly patients, 2 revised to arthroplasty. "
                "Screws intact and placed as per the surgical technique guide; assessed as "
                "known complications (listed in the IFU, HARM-02), not as device "
                "malfunctions, so not reportable as serious incidents. Trended; no increase.",
            ),
        ],
    ),
    (
        {
            "code": "PMS-2025",
            "period_start": "2025-01-01",
            "period_end": "2025-12-31",
            "regions": PMS_REGIONS,
            "units_sold": 44_900,
            "exposure_estimate": _exposure(44_900, 16_600),
            "complaints_total": 34,
            "serious_incidents": 1,
            "fscas": 0,
            "trend_reports": 0,
            "vigilance_searches": _vigilance(
                "2026-01-19",
                2025,
                171,
                "2 hits (other manufacturers: one sterile-barrier defect, one recall of "
                "a screwdriver); not applicable to CS-Classic.",
            ),
            "psur_ref": "PSUR-CSC-2025 v1.0 (2026-03-26)",
            "limitations": PMS_LIMITATIONS,
            "notes": text(
                """
                Equivalent device CS-Classic. Complaint rate 0.08 % of screws sold (about
                0.2 % of procedures). The serious incident is one of the four reported since
                2009.
                """
            ),
        },
        [
            (
                "Drive recess stripping (insertion or removal)",
                12,
                0,
                "8 at removal, 4 at insertion; 1 screw left in situ after a failed removal.",
            ),
            (
                "Guide-wire breakage or bending",
                8,
                0,
                "All fragments removed during the operation; one wire advanced into the hip "
                "joint was withdrawn before screw insertion.",
            ),
            (
                "Screw breakage during insertion",
                3,
                0,
                "4.0 mm screws (malleolus); replaced during the operation.",
            ),
            (
                "Screw breakage after surgery (femoral neck)",
                1,
                1,
                "Serious incident, reported to BfArM (MIR): 7.3 mm screw broke 6 months "
                "after fixation of a femoral neck fracture with non-union; revision to "
                "hemiarthroplasty. Fatigue fracture at the fracture line; no material, "
                "manufacturing or design non-conformity (investigation INV-2025-022).",
            ),
            (
                "Packaging damage",
                6,
                0,
                "Blister seal defects in one lot, detected by users before opening; "
                "supplier CAPA; no product used.",
            ),
            (
                "Cut-out or loss of fixation reported",
                4,
                0,
                "Femoral neck fractures in elderly patients, 3 revised to arthroplasty; "
                "known complication (HARM-02), not a device malfunction. Trended; no "
                "increase.",
            ),
        ],
    ),
]

#: Title of the OsteoLink PMCF study in its trial registration (found by the searches).
OL_PMCF_TITLE = "OsteoLink Post-Market Clinical Follow-up Study (OL-PMCF-01)"

PMCF_STUDIES: list[dict[str, Any]] = [
    {
        "code": "REG-CSC",
        "title": "CS-Classic prospective multicentre PMCF registry (REG-CSC)",
        "status": "ONGOING",
        "design": "REGISTRY",
        "registration": (
            "Not in a public trial register (non-interventional registry started 2012); "
            "protocol REG-CSC-PR v4.0, ethics approval at all 14 sites"
        ),
        "population": text(
            """
            Consecutive patients treated with CS-Classic screws at 14 European sites
            (Germany, Austria, Netherlands, Switzerland) for femoral neck, malleolar,
            scaphoid and other fractures, non-unions, osteotomies and SCFE. Enrolment since
            2012; femoral neck fractures closed at 318 patients in 2015 and reopened in 2023
            (amendment 3) so that contemporary patients can be compared with OsteoLink.
            Enrolled up to the data cut-off (2026-09-30): 696 patients (358 femoral neck
            fractures, of which 290 non-displaced; 176 malleolar; 116 scaphoid; 46 other:
            14 non-unions, 9 SCFE, 8 osteotomies, 15 tibial plateau and other sites). 604
            patients have completed 12 months of follow-up (32 were enrolled less than 12
            months before the cut-off, 49 died before 12 months, nearly all after a femoral
            neck fracture, and 11 were lost to follow-up). Mean age 59 years (femoral neck
            fractures 75 years); 58 % women.
            """
        ),
        "n_patients": 696,
        "follow_up": "6 weeks, 3, 6, 12 and 24 months; optional 5 years (femoral neck)",
        "objectives": text(
            """
            Confirm the safety and performance of CS-Classic in routine use: union,
            function scores, reoperation, conversion to arthroplasty, avascular necrosis,
            infection, implant breakage, hardware removal and device-related intra-operative
            events. CEP-OL-001 and OL-PMCF-01 adopt the registry's endpoint definitions; the
            results are assessed against the acceptance criteria of CEP-OL-001. Continued
            in parallel with OL-PMCF-01 until its 24-month results, to verify the
            equivalence of OsteoLink.
            """
        ),
        "results": text(
            """
            Interim analysis at the data cut-off (proportions with 95 % Clopper–Pearson
            intervals); all acceptance criteria with enough patients are met:

            - Non-displaced femoral neck fractures: union at 12 months 206/222 = 92.8 %
              (88.6–95.8; AC-01 ≥ 88 %); median time to union 16 weeks (AC-08 ≤ 20);
              survival free of conversion to arthroplasty at 24 months 92.1 % (Kaplan–Meier,
              88.6–94.6; AC-12 ≥ 88 %); unplanned reoperation at 24 months 19/203 = 9.4 %
              (5.7–14.2; AC-15 upper bound ≤ 15 %); avascular necrosis at 24 months
              9/203 = 4.4 % (AC-19 ≤ 8 %); Harris Hip Score at 12 months 83.6 points
              (81.9–85.3; n = 171; AC-09 lower bound ≥ 80); mobilised within 48 h 84.5 %
              (AC-14 ≥ 80 %).
            - All femoral neck fractures: fixation failure at 12 months 17/268 = 6.3 %
              (AC-17 ≤ 8 %). Displaced fractures under 65 years: union at 12 months
              32/41 = 78.0 % (62.4–89.4; AC-02 ≥ 75 %, met on the point estimate, wide
              interval).
            - Malleolar fractures: union at 6 months 157/158 = 99.4 % (AC-03 ≥ 95 %); median
              time to union 9 weeks (AC-07 ≤ 12); OMAS at 12 months 84 points (AC-10 ≥ 75);
              removal for hardware irritation at 24 months 19/139 = 13.7 % (AC-22 ≤ 15 %,
              close to the threshold).
            - Scaphoid fractures: CT union at 6 months 103/108 = 95.4 % (AC-04 ≥ 90 %);
              QuickDASH at 12 months 8 points (AC-11 ≤ 15).
            - All indications (604 patients): deep infection 6/604 = 1.0 % (0.4–2.1; AC-21
              upper bound ≤ 2.5 %); device-related reoperation 3.3 per 100 patient-years
              (32 in 970; one-sided upper 97.5 % bound 4.7; AC-16 ≤ 5); device-related
              intra-operative events 9/604 = 1.5 % of procedures (4 drive recess
              stripping, 3 guide-wire breakage, 2 guide-wire advancement; AC-23 ≤ 2 %).
            - Inconclusive: implant breakage 2/604 = 0.3 % (0.04–1.2; AC-18 upper bound
              ≤ 1 %: point estimate within class P2, interval too wide; to be resolved with
              the pooled OL-PMCF-01 data); non-unions (10/12 united, AC-05), SCFE (9 hips,
              no slip progression, no avascular necrosis; AC-13, AC-20) and osteotomies
              (7/7 evaluable united, AC-06): too few patients.

            No new harm and no adverse event type that is not in the risk management file.
            """
        ),
        "report_ref": (
            "REG-CSC interim analysis REG-CSC-IA-2026 (cut-off 2026-09-30); PMCF evaluation "
            "report PMCF-ER-CSC-2025; REG-CSC 5-year registry report"
        ),
        "notes": text(
            """
            Funded by Meridian Orthopaedics. Four publications on REG-CSC were found by the
            literature search (design and baseline 2015; femoral neck fractures at two and
            five years; scaphoid and malleolar fractures at 12 months). The complete registry
            data set held by the manufacturer is used here; its patients are not counted
            again through the publications (EC7). Source data verification of 12 % of the
            records (2026-07) passed, so the registry is pivotal (appraisal plan).
            """
        ),
    },
    {
        "code": "OL-PMCF-01",
        "title": "OsteoLink prospective multicentre post-market clinical follow-up study",
        "status": "PLANNED",
        "design": "PROSPECTIVE_COHORT",
        # "registration" is read from the trial registration found by the searches.
        "population": text(
            """
            Adults and adolescents treated with OsteoLink screws within the IFU at 8–10
            sites in Germany, Austria, the Netherlands and Poland: 150 femoral neck
            fractures, 60 malleolar fractures, 40 scaphoid fractures and 30 other
            indications including SCFE and osteotomies. Excluded: pathological and open
            fractures, previous surgery of the same bone, inability to attend follow-up.
            """
        ),
        "n_patients": 280,
        "follow_up": "6 weeks, 3, 6, 12 and 24 months",
        "objectives": text(
            """
            Confirm the safety and performance of OsteoLink itself (MDR Art. 61(4)) against
            the acceptance criteria of CEP-OL-001, with the same endpoint definitions as
            REG-CSC so that the two devices can be compared per indication at 12 and 24
            months. Primary endpoints: reoperation within 24 months; radiographic union at 6
            months. Specific endpoints for the design differences: drive recess stripping
            and other intra-operative events, hardware irritation and removal (malleolar
            subgroup), all events with 125 and 130 mm screws.
            """
        ),
        "results": text(
            """
            None yet: OsteoLink is not on the market. First patient planned for Q4 2027
            (after certification); 12-month interim report Q2 2029; final 24-month report
            Q2 2030.
            """
        ),
        "report_ref": "PMCF plan PMCF-PL-OL-001; study protocol in preparation",
        "notes": "Sample size justified in the clinical development plan (CEP-OL-001).",
    },
    {
        "code": "OL-SURV-01",
        "title": "Surgeon survey on the first 300 OsteoLink procedures",
        "status": "PLANNED",
        "design": "SURVEY",
        "registration": "Not applicable (user survey, no patient data)",
        "population": text(
            """
            Surgeons at the first launch hospitals, one questionnaire per procedure for the
            first 300 OsteoLink procedures; no patient-identifying data.
            """
        ),
        "n_patients": 300,
        "follow_up": "Intra-operative and until the first follow-up visit; evaluated yearly",
        "objectives": text(
            """
            Collect systematically the device-related intra-operative events (drive recess
            stripping, guide-wire problems, screw breakage) and any problems during screw
            removal with the new hexalobular drive and self-retaining screwdriver (AC-23).
            """
        ),
        "results": "None yet: starts with the market launch (planned Q3 2027).",
        "report_ref": "PMCF plan PMCF-PL-OL-001, activity 3",
        "notes": "The number is of procedures, not patients.",
    },
]

BENCHMARK_REGISTRY = {
    "name": "National hip fracture register of a European country (fictional 'Register A')",
    "coverage": "One EU member state, all hospitals treating hip fractures; 2016–2024",
    "device_relation": "BENCHMARK",
    "n_devices": 11_240,
    "access": text(
        """
        Public annual report 2025 (aggregated tables, data 2016–2024), found with search
        string SS-15 on 2026-09-28; no patient-level data requested. The register records
        the implant group (cannulated screws or pins) but not the brand, so CS-Classic
        cannot be identified: used as a population-based benchmark only. Figures extracted
        by the author and checked by the information specialist.
        """
    ),
    "results": text(
        """
        Internal fixation of femoral neck fractures with screws, 2016–2024 (11,240
        procedures; completeness against the national patient register about 95 %):

        - Non-displaced fractures (n = 9,870): reoperation within 2 years 10.6 %; conversion
          to arthroplasty within 2 years 7.9 % (about 92 % free of conversion); 1-year
          mortality 22 %.
        - Displaced fractures in patients under 65 years (n = 1,370): reoperation within 2
          years 24 %.
        - Mobilised on the day after surgery (all hip fracture operations): 81 %.

        The figures agree with the pooled rates of the state-of-the-art review behind AC-12,
        AC-14 and AC-15; the REG-CSC results for CS-Classic lie within them.
        """
    ),
    "report_ref": "Register A annual report 2025, tables on reoperation after internal fixation",
    "notes": text(
        """
        Fictional register standing in for the public annual reports of national hip
        fracture registers; no real register's results are reproduced. Limitations: older
        and frailer population than REG-CSC (patients unfit for arthroplasty are fixed), no
        brand-level data, reoperations in another hospital captured only through linkage.
        """
    ),
}


# ============================================================================== build
def build(project: Project) -> None:
    """Fill an empty project (as made by :meth:`Project.create`) with the sample plan."""
    _single(project, "project", PROJECT)
    for values in DOCUMENT_VERSIONS:
        _add(project, "document_version", values)

    _single(project, "manufacturer", MANUFACTURER)
    _single(project, "device", DEVICE)
    for model, size, configuration, catalogue_no, extreme, notes in VARIANTS:
        _add(
            project,
            "device_variant",
            {
                "model": model,
                "size": size,
                "configuration": configuration,
                "catalogue_no": catalogue_no,
                "is_extreme_of_range": extreme,
                "notes": notes or None,
            },
        )

    _single(project, "intended_purpose", INTENDED_PURPOSE)
    for indication in INDICATIONS:
        _add(project, "indication", {"text": indication})
    for contraindication in CONTRAINDICATIONS:
        _add(project, "contraindication", {"text": contraindication})

    _single(project, "cep", CEP)
    for item in project.items("cep_item"):
        status, content = CEP_ITEMS[item["code"]]
        set_fields(project, "cep_item", item.id, {"status": status, "content": content})

    for benefit, parameters in BENEFITS:
        benefit_id = _add(project, "clinical_benefit", benefit)
        for parameter in parameters:
            _add(project, "outcome_parameter", parameter, parent_id=benefit_id)

    for objective, criteria in OBJECTIVES:
        objective_id = _add(project, "objective", objective)
        for criterion in criteria:
            _add(project, "acceptance_criterion", criterion, parent_id=objective_id)

    equivalent_id = _add(project, "equivalent_device", EQUIVALENT_DEVICE)
    for row in project.items("equivalence_characteristic", equivalent_id):
        subject, comparator, difference, significant, justification, refs = CHARACTERISTICS[
            row["code"]
        ]
        set_fields(
            project,
            "equivalence_characteristic",
            row.id,
            {
                "subject_description": subject,
                "comparator_description": comparator,
                "difference": difference,
                "clinically_significant": significant,
                "scientific_justification": justification or None,
                "supporting_data_refs": refs,
            },
        )

    _single(project, "search_protocol", SEARCH_PROTOCOL)
    number = 0
    for database, strings in DATABASES:
        database_id = _add(project, "search_database", database)
        for category, query, limits in strings:
            number += 1  # numbered across databases, so the search report can cite "SS-07"
            values = {"code": f"SS-{number:02d}", "category": category, "query": query}
            _add(project, "search_string", {**values, "limits": limits}, parent_id=database_id)
    for code, kind, criterion, stage in ELIGIBILITY:
        values = {"code": code, "criterion_type": kind, "text": criterion, "stage": stage}
        _add(project, "eligibility_criterion", {**values, "highlight_terms": HIGHLIGHT_TERMS[code]})
    for code, label, stage, criterion_code in EXCLUSION_REASONS:
        _add(
            project,
            "exclusion_reason",
            {"code": code, "label": label, "stage": stage, "criterion_code": criterion_code},
        )

    for evaluator in EVALUATORS:
        _add(project, "evaluator", evaluator)


# ========================================================================== evidence
#: The search runs of the sample: run code -> (search string code, date limits, notes).
#: The query, limits, database and platform are copied from the plan's search string.
EVIDENCE_RUNS: dict[str, tuple[str, str | None, str | None, str]] = {
    "SR-01": (
        "SS-03",
        "2016-01-01",
        "2026-09-28",
        """
        Search string SS-03 run as one search in PubMed's Advanced Search (history lines #1
        to #5 combined as in the protocol). Results sorted by Best match; all {hits}
        results exported with "Send to > Citation manager" (MEDLINE format, .nbib).
        """,
    ),
    "SR-02": (
        "SS-02",
        None,
        None,
        """
        Search string SS-02 (no limits), sorted by Most recent; all {hits} results exported
        with "Send to > Citation manager". SS-02 overlaps with SS-03: records found by both
        are removed at de-duplication.
        """,
    ),
    "SR-03": (
        "SS-07",
        "2016-01-01",
        "2026-09-28",
        """
        Search string SS-07 run in Embase.com Advanced search (search history #1 to #3).
        All {hits} results exported as RIS ("Export > RIS format", full record). The
        default sources were kept, so MEDLINE-only records are included in the result set.
        """,
    ),
    "SR-04": (
        "SS-09",
        "2016-01-01",
        "2026-09-28",
        """
        Search string SS-09 in the Cochrane Library search manager, publication year
        2016-2026. {reviews} Cochrane Reviews and {trials} Trials (CENTRAL), exported
        together from both tabs ("Export selected citations", RIS, with abstract).
        """,
    ),
}


def build_evidence(project: Project, folder: Path) -> Exports:
    """Record the sample's search runs and import their (fictional) export files.

    The export files are written by :mod:`sample_exports` into ``folder`` and read by the
    real importers; each run's hits are the number of records in its file.
    """
    exports = write_exports(folder)
    strings = {row["code"]: row for row in project.items("search_string")}
    databases = {row.id: row for row in project.items("search_database")}
    for run in exports.runs:
        string_code, date_from, date_to, notes = EVIDENCE_RUNS[run.code]
        string = strings[string_code]
        database = databases[string.parent_id]
        path = exports.paths[run.code]
        detected = detect_format(path.read_text(encoding="utf-8"))
        assert detected == run.fmt, f"{path.name} detected as {detected}, not {run.fmt}"
        reviews = sum(1 for e in run.entries if e.paper.design == "cdsr")
        values = {
            "code": run.code,
            "database": database["name"],
            "platform": database["platform"],
            "category": string["category"],
            "run_on": RUN_DATE,
            "query": string["query"],
            "date_from": date_from,
            "date_to": date_to,
            "limits": string["limits"],
            "hits_reported": len(run.entries),
            "run_by": RUN_BY,
            "notes": text(
                notes.format(
                    hits=len(run.entries), reviews=reviews, trials=len(run.entries) - reviews
                )
            ),
        }
        [imported] = import_paths(project, [path], new_run=values, fmt="auto")
        assert imported.records == len(run.entries) and not imported.skipped, run.code
    return exports


NCT = re.compile(r"\bNCT\d{8}\b")
RECRUITMENT = re.compile(r"RECRUITMENT STATUS: ([A-Za-z ,]+?) [A-Z]{3,}")


def ol_pmcf_registration(project: Project) -> str:
    """Return the registration of OL-PMCF-01, read from its trial-register record."""
    for record in iter_records(project):
        if record["title"] == OL_PMCF_TITLE:
            number = NCT.search(f"{record['journal']} {record['abstract']}")
            status = RECRUITMENT.search(record["abstract"] or "")
            assert number and status, record
            return (
                f"ClinicalTrials.gov {number.group()} (registered {record['year']}; "
                f"{status.group(1).lower()})"
            )
    raise AssertionError(f"no trial-register record {OL_PMCF_TITLE!r} in the searches")


def build_other_data(project: Project) -> None:
    """Add the clinical data other than literature: PMS, PMCF studies, registries.

    No clinical investigation is added: the plan claims the Art. 61(4) and 61(6)(b)
    exemption for OsteoLink, and the bench and simulated-use tests are not clinical
    investigations. The OsteoLink PMCF study's registration is taken from the evidence
    register, so :func:`build_evidence` must have run.
    """
    for period, categories in PMS_PERIODS:
        assert sum(c[1] for c in categories) == period["complaints_total"], period["code"]
        assert sum(c[2] for c in categories) == period["serious_incidents"], period["code"]
        period_id = _add(project, "pms_period", period)
        for category, count, serious, comment in categories:
            values = {"category": category, "count": count, "serious": serious}
            _add(project, "pms_complaint_category", {**values, "comment": comment}, period_id)
    for study in PMCF_STUDIES:
        values = dict(study)
        if values["code"] == "OL-PMCF-01":
            values["registration"] = ol_pmcf_registration(project)
        _add(project, "pmcf_study", values)
    _add(project, "registry_source", BENCHMARK_REGISTRY)


def check_duplicates(project: Project, exports: Exports) -> None:
    """Check that every planted pair points at records that really match."""
    records = {(r["search_run"], r["source_index"]): r for r in iter_records(project)}
    for pair in exports.planted:
        a, b = records[pair.a], records[pair.b]
        if not pair.same_publication:
            continue
        same_id = (a["doi"] and a["doi"] == b["doi"]) or (a["pmid"] and a["pmid"] == b["pmid"])
        ratio = difflib.SequenceMatcher(None, fold(a["title"]), fold(b["title"])).ratio()
        assert same_id or ratio > 0.9, (pair, a["title"], b["title"])


def write_duplicates(exports: Exports, target: Path) -> None:
    """Write the planted duplicate pairs (for tests of de-duplication)."""
    rows = [
        {
            "pair": [list(p.a), list(p.b)],
            "same_publication": p.same_publication,
            "kind": p.kind,
            "work": p.work,
        }
        for p in exports.planted
    ]
    body = ",\n".join("  " + json.dumps(row, ensure_ascii=False) for row in rows)
    target.write_text("[\n" + body + "\n]\n", encoding="utf-8")


# ============================================================== de-duplication
def planted_groups(project: Project, exports: Exports) -> dict[int, int]:
    """Return record id -> a representative of its publication, from the planted pairs.

    Only pairs of the same publication join a group; related publications (conference
    abstract and article, erratum, trial registration) stay apart.
    """
    ids = {(r["search_run"], r["source_index"]): r["id"] for r in iter_records(project)}
    parent: dict[int, int] = {}

    def find(record_id: int) -> int:
        while parent.get(record_id, record_id) != record_id:
            record_id = parent[record_id]
        return record_id

    for pair in exports.planted:
        if pair.same_publication:
            a, b = find(ids[pair.a]), find(ids[pair.b])
            parent[max(a, b)] = min(a, b)
    return {record_id: find(record_id) for record_id in ids.values()}


def deduplicate(project: Project, exports: Exports) -> tuple[DedupeOutcome, int, int]:
    """Run de-duplication and decide the pairs it leaves for review, as a careful reviewer.

    The truth is what the export generator planted: a pair is linked only if both records
    are the same publication. Returns the run's outcome and the pairs marked as
    duplicates and as not duplicates.
    """
    outcome = run_dedupe(project)
    truth = planted_groups(project, exports)
    same = different = 0
    for pair in register.candidates(project):
        if truth[pair.record_a] == truth[pair.record_b]:
            # Keep the older record, unless the other is already linked to a third one.
            linked = register.is_duplicate(project, pair.record_b)
            keep = pair.record_b if linked else pair.record_a
            decide_candidate(project, pair.id, duplicate=True, keep=keep)
            same += 1
        else:
            decide_candidate(project, pair.id, duplicate=False)
            different += 1
    return outcome, same, different


def check_links(project: Project, exports: Exports) -> list[str]:
    """Compare the duplicate links with the planted duplicates; return the differences."""
    truth = planted_groups(project, exports)
    links = register.duplicate_links(project)

    def root(record_id: int) -> int:
        while record_id in links:
            record_id = links[record_id]
        return record_id

    problems = []
    groups: dict[int, list[int]] = {}
    for record_id, group in truth.items():
        groups.setdefault(group, []).append(record_id)
    for members in groups.values():
        if len({root(m) for m in members}) > 1:
            problems.append(f"missed duplicate: records {members} are one publication")
    for duplicate, kept in sorted(links.items()):
        if truth[duplicate] != truth[kept]:
            problems.append(f"false link: record {duplicate} linked to {kept}")
    return problems


# ===================================================================== screening
#: The two title/abstract reviewers (plan: information specialist and author).
SCREENER = RUN_BY
AUTHOR = "Dr. Helena Marquardt"
REVIEWERS = (SCREENER, AUTHOR)


@contextmanager
def acting_as(project: Project, name: str) -> Iterator[None]:
    """Make ``name`` the user of the project's edits (as if they had opened it)."""
    before, project.user = project.user, name
    try:
        yield
    finally:
        project.user = before


def _rx(*patterns: str) -> re.Pattern[str]:
    return re.compile("|".join(patterns), re.IGNORECASE)


# What a reviewer sees in a record, as patterns (title T, abstract A, publication type P).
DEVICE_NAMES = _rx(r"\bOsteoLink\b", r"\bCS-Classic\b", r"\bREG-CSC\b")  # T or A
NON_CLINICAL = _rx(
    r"\bcadaver",
    r"\bsheep\b",
    r"\bovine\b",
    r"\bbovine\b",
    r"\bporcine\b",
    r"\brabbits?\b",
    r"\bsynthetic (bone|femur|femora)\b",
    r"\bsawbones\b",
    r"\bbiomechanical\b",
    r"\bfinite[- ]element\b",
    r"\bin vitro\b",
    r"\btesting machine\b",
)  # T or A
ECONOMIC = _rx(
    r"\bmarkov\b", r"\bcost-(utility|effectiveness)\b", r"\beconomic evaluation\b", r"\bcosts and"
)  # T
ERRATUM = _rx(r"\berratum\b", r"\bcorrigendum\b")  # P
ERRATUM_TITLE = _rx(r"^(correction to|erratum|corrigendum)\b")  # T
LETTER = _rx(r"\bletter\b", r"\bcomment\b", r"\beditorial\b")  # P
LETTER_TITLE = _rx(r"^(comment on|re:|letter to the editor|reply\b|in reply)")  # T
CONFERENCE = _rx(r"^CONF$", r"\bconference\b", r"\bcongress\b")  # P
REGISTRATION = _rx(r"\bRECRUITMENT STATUS:")  # A (trial-register records in CENTRAL)
REVIEW = _rx(r"\breview\b")  # P
SYSTEMATIC = _rx(r"\bsystematic review\b", r"\bmeta-analysis\b")  # P
REVIEW_ABSTRACT = _rx(r"^this review\b")  # A
NAIL = _rx(r"\bnail", r"\bcephalomedullary\b", r"\bintramedullary\b")  # T
ARTHROPLASTY = _rx(r"arthroplast", r"\bprosthe", r"\bstems?\b", r"\bdual mobility\b")  # T
PLATE = _rx(r"\bplat(e|es|ing)\b")  # T
SCREW_ARM = _rx(r"\bscrews?\b", r"\bcannulated\b", r"\bfixation\b", r"\bosteosynthesis\b")  # T
SCREWS = _rx(r"\bscrews?\b", r"\bcannulated\b")  # T
SYNDESMOSIS = _rx(r"\bsyndesmo", r"\bsuture button\b")  # T
ABSORBABLE = _rx(r"\b(bio)?(absorbable|degradable)\b")  # T
PERIOPERATIVE = _rx(
    r"\ban(a)?esthesia\b",
    r"\bnerve block\b",
    r"\bblock\b",
    r"\btranexamic\b",
    r"\bphysiotherapy\b",
    r"\borthogeriatric\b",
    r"\bgeriatric care\b",
    r"\bmobili[sz]ation\b",
    r"\bweight bearing\b",
    r"\bdelirium\b",
)  # T, when the title names no fixation
CHILDREN = _rx(r"\bchild(ren)?\b", r"\bp(a)?ediatric\b", r"\binfants?\b")  # T or A
SCFE = _rx(r"\bslipped capital\b", r"\bSCFE\b")  # T or A
OTHER_SITE = _rx(
    r"\bdistal radius\b",
    r"\bproximal humer",
    r"\btibial shaft\b",
    r"\b(inter|per)?trochanteric fractures?\b",
    r"\bspin(e|al)\b",
    r"\bvertebra",
    r"\bpatholog",
    r"\bmetasta",
    r"\btumou?rs?\b",
)  # T
ADOLESCENTS = _rx(r"\badolescen")  # T
PLATE_AUGMENTATION = _rx(r"\bbuttress plate\b")  # T
NO_OUTCOMES_YET = _rx(r"\bdesign and baseline\b", r"\bstudy protocol\b")  # T
COMPLETED = _rx(r"RECRUITMENT STATUS: Completed\b")  # A


@dataclass(frozen=True)
class Decision:
    """One reviewer's decision on one record at one stage."""

    decision: str
    reason: str | None = None
    note: str | None = None


INCLUDE = Decision("INCLUDE")


def _exclude(reason: str, note: str | None = None) -> Decision:
    return Decision("EXCLUDE", reason, note)


def _publication_type(record: dict[str, Any]) -> Decision | None:
    """EC5: publication types without original data or full report."""
    title, abstract = record["title"] or "", record["abstract"] or ""
    kind = record["publication_type"] or ""
    if ERRATUM.search(kind) or ERRATUM_TITLE.search(title):
        return _exclude("WRONG_PUBLICATION_TYPE", "Erratum; the article is screened on its own.")
    if LETTER.search(kind) or LETTER_TITLE.search(title):
        return _exclude("WRONG_PUBLICATION_TYPE", "Letter or comment, no original data.")
    if CONFERENCE.search(kind):
        return _exclude("WRONG_PUBLICATION_TYPE", "Conference abstract.")
    if (REVIEW.search(kind) and not SYSTEMATIC.search(kind)) or REVIEW_ABSTRACT.search(abstract):
        return _exclude("WRONG_PUBLICATION_TYPE", "Narrative review.")
    return None


def _topic(record: dict[str, Any]) -> Decision | None:
    """EC3 then EC2: intervention and population outside the review questions."""
    title, abstract = record["title"] or "", record["abstract"] or ""
    if NAIL.search(title):
        return _exclude("WRONG_INTERVENTION", "Intramedullary nailing.")
    if ARTHROPLASTY.search(title) and not SCREW_ARM.search(title):
        return _exclude("WRONG_INTERVENTION", "Arthroplasty only, no fixation arm.")
    if PLATE.search(title) and not SCREWS.search(title):
        return _exclude("WRONG_INTERVENTION", "Plate fixation.")
    if SYNDESMOSIS.search(title):
        return _exclude("WRONG_INTERVENTION", "Syndesmotic stabilisation, not in the IFU.")
    if ABSORBABLE.search(title):
        return _exclude("WRONG_INTERVENTION", "Biodegradable screws (EC3).")
    if PERIOPERATIVE.search(title) and not SCREW_ARM.search(title):
        return _exclude("WRONG_INTERVENTION", "Perioperative care, not the fixation.")
    if CHILDREN.search(f"{title} {abstract}") and not SCFE.search(f"{title} {abstract}"):
        return _exclude("WRONG_POPULATION", "Children with open physes (EC2).")
    if OTHER_SITE.search(title):
        return _exclude("WRONG_POPULATION", "Site outside the intended purpose.")
    return None


def title_abstract_decision(record: dict[str, Any], reviewer: str) -> Decision:
    """Return ``reviewer``'s title/abstract decision on ``record``.

    Both reviewers apply the same rules, in the order a reviewer checks a record:
    non-clinical study (EC1), economic model (unsure), trial registration and other
    publication types (EC5), intervention (EC3), population (EC2). They differ on a few
    judgement calls, as two people do: plate augmentation of screws, adolescents, a
    device registry's design paper and completed trials without results.
    """
    title, abstract = record["title"] or "", record["abstract"] or ""
    text_ = f"{title} {abstract}"
    author = reviewer == AUTHOR
    if NON_CLINICAL.search(text_):
        return _exclude("NON_CLINICAL", "Cadaver, animal or bench study.")
    if ECONOMIC.search(title):
        return Decision(
            "UNSURE",
            note="Economic model on published trial data: no patients of its own (EC1, "
            "computational?), but its reoperation threshold matters for the state of the "
            "art. Decide together whether models are used.",
        )
    if REGISTRATION.search(abstract):
        if DEVICE_NAMES.search(text_):
            return Decision(
                "UNSURE",
                note="Registration of our own PMCF study (not yet recruiting): list it as "
                "ongoing in the CER rather than as clinical data?",
            )
        if _topic(record) is None and COMPLETED.search(abstract):
            if author:
                return _exclude("WRONG_PUBLICATION_TYPE", "Trial registration without results.")
            return Decision(
                "UNSURE",
                note="Completed trial on our question, no results publication found: ask the "
                "investigators, search again at the update.",
            )
        return _exclude("WRONG_PUBLICATION_TYPE", "Trial registration without results.")
    wrong_type = _publication_type(record)
    if wrong_type is not None:
        return wrong_type
    wrong_topic = _topic(record)
    if wrong_topic is not None:
        return wrong_topic
    # Judgement calls on which the two reviewers differ.
    if PLATE_AUGMENTATION.search(title):
        if author:
            return Decision("INCLUDE", note="Screws-alone arm: RQ2 comparator.")
        return _exclude("WRONG_INTERVENTION", "Screws augmented with a plate (EC3).")
    if ADOLESCENTS.search(title) and not SCFE.search(text_):
        if author:
            return Decision("INCLUDE", note="No physis crossed; adolescents are within the IFU.")
        return _exclude("WRONG_POPULATION", "Adolescents: open physes (EC2)?")
    if NO_OUTCOMES_YET.search(title) and DEVICE_NAMES.search(text_):
        if author:
            return Decision(
                "UNSURE", note="Design and baseline paper: are any outcomes reported at all?"
            )
        return Decision("INCLUDE", note="Device-specific (IC4); outcomes checked at full text.")
    return INCLUDE


#: Full-text screening: how many records the information specialist has assessed so far.
FULL_TEXT_DONE = 20

CASES = _rx(r"\bcase reports?\b", r"\b\d+ cases\b", r"\b(two|three|four) cases\b")  # T or P
POOLED_SITES = _rx(r"\band other sites\b")  # A
LANGUAGES_READ = ("eng", "english", "ger", "german")


def full_text_decision(record: dict[str, Any], later_reports: dict[int, int]) -> Decision:
    """Return the information specialist's full-text decision on ``record``.

    The full texts are not part of the sample, so what they show is read from the record:
    its language, its design and what its abstract says about the patients.
    """
    title, abstract = record["title"] or "", record["abstract"] or ""
    kind = record["publication_type"] or ""
    device = DEVICE_NAMES.search(f"{title} {abstract}")
    if not record["doi"] and not device:
        return _exclude(
            "NOT_RETRIEVED",
            "No DOI, print issue only: interlibrary-loan request not answered yet; assessed "
            "at the update if it arrives.",
        )
    if (record["language"] or "eng").casefold() not in LANGUAGES_READ and not device:
        return _exclude("LANGUAGE", f"Full text in {record['language']}; state of the art only.")
    if record["id"] in later_reports:
        return _exclude(
            "DUPLICATE_COHORT",
            f"Same REG-CSC patients as the later report (record {later_reports[record['id']]}); "
            "cited, not extracted.",
        )
    if (CASES.search(title) or CASES.search(kind)) and not device:
        return _exclude("SMALL_OR_SHORT", "Fewer than 10 patients (EC6).")
    if POOLED_SITES.search(abstract):
        return _exclude(
            "WRONG_POPULATION",
            "Sites pooled, including some outside the IFU; no results per site (EC2).",
        )
    return INCLUDE


REGISTRY = re.compile(r"\bREG-[A-Z]+\b")
SITE = _rx(r"femoral neck", r"scaphoid", r"malleol", r"slipped capital", r"scarf")


def earlier_reports(records: list[dict[str, Any]]) -> dict[int, int]:
    """Return earlier reports of a registry cohort -> the latest report of the same cohort.

    A cohort is a registry and the first site named in the title (EC7: the latest report
    is extracted, the earlier ones are cited).
    """
    cohorts: dict[tuple[str, str], list[dict[str, Any]]] = {}
    for record in records:
        registry = REGISTRY.search(record["abstract"] or "")
        site = SITE.search(record["title"] or "")
        if registry and site:
            key = (registry.group(), site.group().casefold())
            cohorts.setdefault(key, []).append(record)
    out = {}
    for reports in cohorts.values():
        latest = max(reports, key=lambda r: (r["year"] or 0, r["id"]))
        out.update({r["id"]: latest["id"] for r in reports if r is not latest})
    return out


def to_screen(project: Project) -> list[dict[str, Any]]:
    """Return the records screened so far: every run but the last, and half of the last."""
    records = [r for r in iter_records(project) if r["duplicate_of"] is None]
    runs = sorted({r["search_run"] for r in records})
    last = [r for r in records if r["search_run"] == runs[-1]]
    return [r for r in records if r["search_run"] != runs[-1]] + last[: len(last) // 2]


def screen(project: Project, pdf_folder: Path) -> dict[str, Any]:
    """Screen the sample's records as its two reviewers; return what they decided.

    A few included full texts get a fictional PDF (written into ``pdf_folder``); the one
    not retrieved is recorded as such.
    """
    records = to_screen(project)
    stats: dict[str, Any] = {}
    for reviewer in REVIEWERS:
        with acting_as(project, reviewer):
            counts: dict[str, int] = {}
            for record in records:
                verdict = title_abstract_decision(record, reviewer)
                decide(
                    project,
                    record["id"],
                    "TITLE_ABSTRACT",
                    verdict.decision,
                    reason_code=verdict.reason,
                    note=verdict.note,
                    reviewer=reviewer,
                )
                counts[verdict.decision] = counts.get(verdict.decision, 0) + 1
            stats[reviewer] = counts
    agreed = {r["id"]: register.final_decision(project, r["id"], "TITLE_ABSTRACT") for r in records}
    both = [r for r in records if agreed[r["id"]] == "INCLUDE"]
    stats["disagreements"] = sum(
        1
        for r in records
        if len({d for _r, d, _c in register.decisions(project, r["id"], "TITLE_ABSTRACT")}) > 1
    )
    stats["included by both"] = len(both)
    # Full text: the information specialist starts with the device-specific records.
    first = sorted(
        both, key=lambda r: (not DEVICE_NAMES.search(f"{r['title']} {r['abstract']}"), r["id"])
    )
    later = earlier_reports(both)
    full: dict[str, int] = {}
    with acting_as(project, SCREENER):
        for record in first[:FULL_TEXT_DONE]:
            verdict = full_text_decision(record, later)
            decide(
                project,
                record["id"],
                "FULL_TEXT",
                verdict.decision,
                reason_code=verdict.reason,
                note=verdict.note,
                reviewer=SCREENER,
            )
            key = verdict.reason or verdict.decision
            full[key] = full.get(key, 0) + 1
            if verdict.reason == "NOT_RETRIEVED":
                mark_not_retrieved(project, record["id"], note="No DOI; library request failed.")
            elif verdict.decision == "INCLUDE" and full.get("attached", 0) < ATTACHED_PDFS:
                attach_pdf(project, record["id"], fictional_pdf(record, pdf_folder))
                full["attached"] = full.get("attached", 0) + 1
    stats["full text"] = full
    return stats


#: How many of the included full texts come with a (fictional) PDF.
ATTACHED_PDFS = 3


def fictional_pdf(record: dict[str, Any], folder: Path) -> Path:
    """Write a one-page PDF standing in for a record's full text (clearly marked fictional).

    ReportLab's invariant mode keeps the bytes identical from one build to the next.
    """
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen.canvas import Canvas

    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"record-{record['id']}.pdf"
    canvas = Canvas(str(path), pagesize=A4, invariant=1)
    canvas.setTitle(record["title"] or "")
    _width, height = A4
    y = height - 72
    canvas.setFont("Helvetica-Bold", 13)
    for line in _wrap(record["title"] or "", 80):
        canvas.drawString(56, y, line)
        y -= 17
    canvas.setFont("Helvetica", 9)
    canvas.drawString(
        56,
        y - 4,
        "FICTIONAL FULL TEXT - part of the cerdesk sample project; this study does not exist.",
    )
    y -= 28
    canvas.setFont("Helvetica", 10)
    for line in _wrap(record.get("abstract") or "", 95):
        canvas.drawString(56, y, line)
        y -= 13
    canvas.showPage()
    canvas.save()
    return path


def _wrap(text: str, width: int) -> list[str]:
    import textwrap

    return textwrap.wrap(" ".join(text.split()), width) or [""]


# =============================================================================== main
def main(argv: list[str] | None = None) -> int:
    """Build the sample in a temporary project, report its findings and write the dump."""
    del argv  # no options
    with tempfile.TemporaryDirectory(prefix="cerdesk-sample-") as folder:
        project = Project.create(
            Path(folder) / "sample.cerdesk", user=USER, device_name=DEVICE_NAME
        )
        try:
            build(project)
            exports = build_evidence(project, Path(folder) / "exports")
            build_other_data(project)
            check_duplicates(project, exports)
            for run in exports.runs:
                print(f"{run.code}  {run.file_name:28} {len(run.entries):4} records")
            same = sum(p.same_publication for p in exports.planted)
            print(
                f"{len(exports.planted)} planted duplicate pairs ({same} of the same "
                f"publication, {len(exports.planted) - same} of related publications)."
            )
            write_duplicates(exports, DUPLICATES)
            print(f"Wrote {DUPLICATES.relative_to(ROOT)}")
            with acting_as(project, SCREENER):
                outcome, same, different = deduplicate(project, exports)
            print(
                f"De-duplication: {outcome.linked} linked, {outcome.candidates} pair(s) to "
                f"review: {same} marked as duplicates, {different} as not duplicates."
            )
            problems = check_links(project, exports)
            for problem in problems:
                print(f"WARNING  de-duplication: {problem}")
            stats = screen(project, Path(folder) / "full-texts")
            for reviewer in REVIEWERS:
                counts = ", ".join(f"{n} {d.lower()}" for d, n in sorted(stats[reviewer].items()))
                print(f"Title/abstract, {reviewer}: {counts}.")
            print(
                f"Title/abstract: {stats['disagreements']} disagreement(s), "
                f"{stats['included by both']} included by both."
            )
            full = ", ".join(f"{n} {d.lower()}" for d, n in sorted(stats["full text"].items()))
            print(f"Full text, {SCREENER}: {full}.")
            with acting_as(project, AUTHOR):
                counts = build_appraisal(project, AUTHOR, SCREENER)
            print(f"Appraisal: {counts['appraised']} sources, {counts['results']} results.")
            result = analyse(project)
            for objective in result.objectives:
                print(f"{objective.code:9} {VERDICT_LABELS[objective.verdict]}")
            findings = check_plan(project.snapshot())
            for finding in findings:
                print(f"{finding.level.upper():8} {finding.section:12} {finding.message}")
            missing = sum(1 for f in findings if f.level == MISSING)
            print(f"{len(findings)} finding(s), {missing} missing.")
            if dump_project is not None:
                dump_project(project, TARGET)
                print(f"Wrote {TARGET.relative_to(ROOT)}")
            else:
                print("cerdesk.storage.dump is not available: no dump written.")
        finally:
            project.close()
    return 1 if missing or problems else 0


if __name__ == "__main__":
    sys.exit(main())
