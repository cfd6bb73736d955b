"""The entities of the clinical evaluation plan and their fields.

Each :class:`EntitySpec` names one table of the project file and describes its
user-editable fields. Singletons (the device, the manufacturer…) have exactly one row;
lists (variants, objectives, evaluators…) have many, kept in the user's order; a list may
be the child of another (acceptance criteria belong to an objective).

Sources for the fields: ``cer-domain.md`` §1.2, §1.6, §1.8, §1.9, §2.2–§2.6 (MDR Annex
XIV Part A, MDCG 2020-5/-6/-13, MEDDEV 2.7/1 rev. 4). Migrations do not import this
module: the schema is written in SQL and a test checks the two agree.
"""

from __future__ import annotations

from dataclasses import dataclass

from cerdesk.core.appraisal import DEVICE_RELATIONS, SOURCE_DESIGNS, WEIGHTS
from cerdesk.core.fields import Field, Kind, choices

B = Kind.BOOL
LT = Kind.LONGTEXT
D = Kind.DATE
C = Kind.CHOICE
MC = Kind.MULTICHOICE
L = Kind.LIST


@dataclass(frozen=True)
class EntitySpec:
    """Description of one entity (one table) of a project.

    Attributes:
        table: Table name in the project file and key in the JSON dump.
        label: Singular label, e.g. "Objective".
        plural: Plural label used for list headings.
        fields: The user-editable fields, in form order.
        singleton: True if the project holds exactly one row (fixed id ``"1"``).
        parent: Table name of the owning entity for child lists, else ``None``.
        code_prefix: Prefix for automatically numbered codes (``OBJ`` -> ``OBJ-01``).
        section: Plan section (see :data:`SECTIONS`) the entity is edited in.
    """

    table: str
    label: str
    plural: str
    fields: tuple[Field, ...]
    singleton: bool = False
    parent: str | None = None
    code_prefix: str | None = None
    section: str = ""

    @property
    def parent_column(self) -> str | None:
        """Name of the column holding the parent row's id, for child lists."""
        return f"{self.parent}_id" if self.parent else None

    def field(self, name: str) -> Field:
        """Return the field called ``name``; raise ``KeyError`` if there is none."""
        for f in self.fields:
            if f.name == name:
                return f
        raise KeyError(f"{self.table} has no field {name!r}")

    @property
    def field_names(self) -> tuple[str, ...]:
        """Names of the user-editable fields, in form order."""
        return tuple(f.name for f in self.fields)

    @property
    def table_fields(self) -> tuple[Field, ...]:
        """Fields shown as columns in list editors."""
        return tuple(f for f in self.fields if f.in_table)


def in_sentence(label: str) -> str:
    """Return ``label`` inside a sentence: "Objective" -> "objective"; "PMS period" stays."""
    words = label.split(" ", 1)
    first = words[0]
    if len(first) > 1 and first[:2].isupper():
        return label  # an acronym (PMS, PMCF, CEP) keeps its capitals
    return first[:1].lower() + first[1:] + (f" {words[1]}" if len(words) > 1 else "")


#: What a search looks for (cer-domain.md §2.6; MDCG 2020-13 §D).
SEARCH_CATEGORIES = choices(
    ("DEVICE_UNDER_EVALUATION", "Device under evaluation"),
    ("EQUIVALENT_DEVICE", "Equivalent device"),
    ("SOTA_ALTERNATIVES", "State of the art and alternatives"),
    ("SIMILAR_BENCHMARK", "Similar and benchmark devices"),
    ("SAFETY_VIGILANCE", "Safety and vigilance"),
)

#: Id of the one row of every singleton table.
SINGLETON_ID = "1"

YES_NO_HELP = "Leave empty while unknown; the completeness panel lists unanswered questions."

RISK_CLASSES = choices(
    ("I", "Class I"),
    ("IS", "Class Is (sterile)"),
    ("IM", "Class Im (measuring)"),
    ("IR", "Class Ir (reusable surgical)"),
    ("IIA", "Class IIa"),
    ("IIB", "Class IIb"),
    ("III", "Class III"),
)

NOTES = Field("notes", "Notes", LT, help="Internal notes; not printed in the report.")

# --------------------------------------------------------------------------- project
PROJECT = EntitySpec(
    "project",
    "Project",
    "Project",
    singleton=True,
    section="document",
    fields=(
        Field("title", "Project title", required=True),
        Field(
            "evaluation_type",
            "Type of evaluation",
            C,
            required=True,
            choices=choices(
                ("INITIAL", "Initial"),
                ("UPDATE", "Update"),
                ("CHANGE", "Change"),
                ("RECERTIFICATION", "Re-certification"),
                ("LEGACY_TRANSITION", "Legacy transition"),
            ),
            help="Mirrors the MDCG 2020-13 'type of assessment'.",
        ),
        Field("scope_statement", "Scope of the evaluation", LT, required=True),
        Field("technical_file_ref", "Technical documentation reference"),
        Field("data_cutoff_date", "Data cut-off date", D, help="Last search date and PMS lock."),
        Field(
            "update_frequency_months",
            "Update every (months)",
            Kind.INT,
            required=True,
            minimum=1,
            maximum=120,
            help="MEDDEV 2.7/1 rev 4 §6.2.3: yearly for significant risks or devices not yet "
            "well established, otherwise every 2–5 years with a justification.",
        ),
        Field(
            "update_frequency_justification", "Update frequency justification", LT, required=True
        ),
        Field("next_update_due", "Next update due", D, required=True),
        NOTES,
    ),
)

DOCUMENT_VERSION = EntitySpec(
    "document_version",
    "Document version",
    "Document control",
    section="document",
    fields=(
        Field(
            "doc_type",
            "Document",
            C,
            required=True,
            in_table=True,
            choices=choices(
                ("CER", "Clinical evaluation report"),
                ("CEP", "Clinical evaluation plan"),
                ("LSP", "Literature search protocol"),
                ("LSR", "Literature search report"),
                ("PMCF_PLAN", "PMCF plan"),
                ("PMCF_REPORT", "PMCF evaluation report"),
                ("SOTA_REPORT", "State-of-the-art report"),
                ("EQUIVALENCE_ANNEX", "Equivalence annex"),
            ),
        ),
        Field("doc_number", "Document number", required=True, in_table=True),
        Field("version", "Version", required=True, in_table=True),
        Field("date", "Date", D, required=True, in_table=True),
        Field(
            "status",
            "Status",
            C,
            in_table=True,
            choices=choices(
                ("DRAFT", "Draft"),
                ("IN_REVIEW", "In review"),
                ("RELEASED", "Released"),
                ("SUPERSEDED", "Superseded"),
            ),
        ),
        Field(
            "triggered_by",
            "Triggered by",
            C,
            choices=choices(
                ("SCHEDULED", "Scheduled update"),
                ("PMS_SIGNAL", "PMS signal"),
                ("DESIGN_CHANGE", "Design change"),
                ("NB_REQUEST", "Notified body request"),
                ("NEW_INDICATION", "New indication"),
            ),
        ),
        Field("change_summary", "Changes since the previous version", LT),
        NOTES,
    ),
)

# ---------------------------------------------------------------------- manufacturer
MANUFACTURER = EntitySpec(
    "manufacturer",
    "Manufacturer",
    "Manufacturer",
    singleton=True,
    section="device",
    fields=(
        Field("legal_name", "Legal name", required=True),
        Field("address", "Address", LT, required=True),
        Field(
            "srn", "SRN", required=True, help="Single Registration Number, e.g. DE-MF-000012345."
        ),
        Field("prrc_name", "Person responsible (PRRC)", help="MDR Art. 15."),
        Field("prrc_email", "PRRC e-mail"),
        Field(
            "outside_eu",
            "Manufacturer outside the EU",
            B,
            help="Then an authorised rep. is needed.",
        ),
        Field("authorised_rep_name", "Authorised representative"),
        Field("authorised_rep_srn", "Authorised representative SRN"),
        Field("notified_body_name", "Notified body"),
        Field("notified_body_number", "Notified body number", help="Four digits, e.g. 0123."),
        Field("certificate_numbers", "Certificate numbers", L, help="One per line."),
        NOTES,
    ),
)

# ---------------------------------------------------------------------------- device
DEVICE = EntitySpec(
    "device",
    "Device",
    "Device",
    singleton=True,
    section="device",
    fields=(
        Field("trade_name", "Device name (trade name)", required=True),
        Field("generic_description", "Generic description", LT, required=True),
        Field(
            "basic_udi_di",
            "Basic UDI-DI",
            L,
            required=True,
            help="One per line. The Basic UDI-DI of every device family covered.",
        ),
        Field("emdn_codes", "EMDN codes", L, help="One per line ('CND codes' in MDCG 2020-7)."),
        Field("risk_class", "Risk class", C, required=True, choices=RISK_CLASSES),
        Field(
            "classification_rules",
            "Classification rule(s) and rationale",
            LT,
            required=True,
            help="MDR Annex VIII rule number, indent and rationale, e.g. 'Rule 8, indent 4: ...'.",
        ),
        Field("principle_of_operation", "Principle of operation", LT, required=True),
        Field("mode_of_action", "Mode of action", LT, required=True),
        Field("key_functional_elements", "Key functional elements", LT),
        Field(
            "materials_patient_contact",
            "Materials in patient contact",
            LT,
            required=True,
            help="Material, tissue contacted, contact type and duration (biological equivalence).",
        ),
        Field(
            "duration_of_use",
            "Duration of use",
            C,
            required=True,
            choices=choices(
                ("TRANSIENT", "Transient (< 60 min)"),
                ("SHORT_TERM", "Short term (≤ 30 days)"),
                ("LONG_TERM", "Long term (> 30 days)"),
            ),
            help="MDR Annex VIII §1.",
        ),
        Field("implantable", "Implantable", B, required=True, help=YES_NO_HELP),
        Field("active", "Active device", B, required=True),
        Field("sterile", "Supplied sterile", B, required=True),
        Field("single_use", "Single use", B, required=True),
        Field("software", "Contains or is software", B, required=True),
        Field("incorporates_medicinal_substance", "Incorporates a medicinal substance", B, True),
        Field("incorporates_animal_tissue", "Incorporates animal tissue", B, True),
        Field("incorporates_human_tissue", "Incorporates human tissue", B, True),
        Field("incorporates_nanomaterial", "Contains nanomaterial", B),
        Field(
            "expected_lifetime", "Expected lifetime", required=True, help="MDCG 2020-7 §B; GSPR 6."
        ),
        Field("max_repeat_applications", "Maximum repeat applications"),
        Field("novel_product", "Novel product", B, required=True, help="MDCG 2020-13 §C Novelty."),
        Field("novel_clinical_procedure", "Novel related clinical procedure", B, required=True),
        Field("novel_features_explanation", "Novel features explained", LT),
        Field("first_ce_date", "First CE marking", D),
        Field("market_history", "Market history and exposure", LT),
        Field("previous_generations", "Previous generations and changes", LT),
        NOTES,
    ),
)

DEVICE_VARIANT = EntitySpec(
    "device_variant",
    "Model or variant",
    "Models and variants",
    code_prefix="VAR",
    section="device",
    fields=(
        Field("code", "Code", in_table=True),
        Field("model", "Model", required=True, in_table=True),
        Field("size", "Size", in_table=True),
        Field("configuration", "Configuration", in_table=True),
        Field("catalogue_no", "Catalogue no.", in_table=True),
        Field("software_version", "Software version"),
        Field(
            "is_extreme_of_range",
            "Extreme of range",
            B,
            in_table=True,
            help="Smallest/largest size or highest dose (MEDDEV A10).",
        ),
        NOTES,
    ),
)

# ----------------------------------------------------------------- intended purpose
INTENDED_PURPOSE = EntitySpec(
    "intended_purpose",
    "Intended purpose",
    "Intended purpose",
    singleton=True,
    section="purpose",
    fields=(
        Field(
            "intended_purpose_text",
            "Intended purpose",
            LT,
            required=True,
            help="Exactly as in the IFU (MDR Art. 2(12)); the report checks it word for word.",
        ),
        Field("medical_conditions", "Medical conditions", LT, required=True),
        Field("target_population", "Target population", LT, required=True),
        Field("age_range", "Age range"),
        Field("excluded_groups", "Excluded groups", LT),
        Field("vulnerable_subgroups", "Vulnerable subgroups", L, help="One per line."),
        Field(
            "intended_users",
            "Intended users",
            MC,
            required=True,
            choices=choices(
                ("HCP_SPECIALIST", "Specialist healthcare professional"),
                ("HCP_GENERAL", "General healthcare professional"),
                ("LAY", "Lay person / patient"),
            ),
        ),
        Field("training_required", "User training required", B),
        Field("use_environment", "Use environment", required=True),
        Field("body_sites", "Body sites", L, help="One per line."),
        Field("warnings_precautions", "Warnings and precautions", LT),
        NOTES,
    ),
)

INDICATION = EntitySpec(
    "indication",
    "Indication",
    "Indications",
    code_prefix="IND",
    section="purpose",
    fields=(
        Field("code", "Code", in_table=True),
        Field("text", "Indication", LT, required=True, in_table=True),
        NOTES,
    ),
)

CONTRAINDICATION = EntitySpec(
    "contraindication",
    "Contraindication",
    "Contraindications",
    code_prefix="CI",
    section="purpose",
    fields=(
        Field("code", "Code", in_table=True),
        Field("text", "Contraindication", LT, required=True, in_table=True),
        NOTES,
    ),
)

# ------------------------------------------------------------------------------ CEP
EVIDENCE_ROUTES = choices(
    ("OWN_CI", "Own clinical investigations"),
    ("EQUIVALENCE", "Equivalent device"),
    ("LITERATURE_SUBJECT", "Literature on the device"),
    ("PMS_PMCF", "PMS / PMCF data"),
    ("ART61_10_NONCLINICAL", "Art. 61(10): non-clinical data"),
    ("WET_SIMILAR_DEVICES", "Well-established technology: similar devices"),
)

CEP = EntitySpec(
    "cep",
    "Clinical evaluation plan",
    "Clinical evaluation plan",
    singleton=True,
    section="cep",
    fields=(
        Field(
            "gspr_requiring_clinical_data",
            "GSPRs needing clinical data",
            L,
            required=True,
            help="Annex XIV 1a.1: one GSPR number per line, e.g. 1, 6, 8.",
        ),
        Field("evidence_routes", "Evidence routes", MC, required=True, choices=EVIDENCE_ROUTES),
        Field(
            "level_of_evidence_statement",
            "Level of clinical evidence",
            LT,
            required=True,
            help="MDR Art. 61(1): the level of clinical evidence needed, specified and justified.",
        ),
        Field("level_of_evidence_justification", "Justification of the level", LT, required=True),
        Field(
            "ci_exemption_justification",
            "Art. 61(4)-(6) exemption",
            LT,
            help="For class III or implantable devices without own investigations (Art. 61(7)).",
        ),
        Field("art61_10_justification", "Art. 61(10) justification", LT),
        Field("wet_justification", "Well-established technology", LT, help="MDCG 2020-6 §1.2."),
        Field(
            "appraisal_plan",
            "Appraisal plan",
            LT,
            help="MEDDEV §9.2: schemes, weighting rules, pivotal data definition.",
        ),
        Field("analysis_plan", "Analysis plan", LT, help="Pooling, CI method, decision rules."),
        Field(
            "clinical_development_plan",
            "Clinical development plan",
            LT,
            help="Annex XIV 1a.8: from exploratory to confirmatory investigations and PMCF.",
        ),
        NOTES,
    ),
)

CEP_ITEM = EntitySpec(
    "cep_item",
    "Annex XIV item",
    "Annex XIV Part A §1(a) items",
    section="cep",
    fields=(
        Field("code", "Item", in_table=True),
        Field("requirement", "Requirement (Annex XIV)", LT, in_table=True),
        Field(
            "status",
            "Status",
            C,
            required=True,
            in_table=True,
            choices=choices(
                ("OPEN", "Open"),
                ("ADDRESSED", "Addressed"),
                ("NA_JUSTIFIED", "Not applicable (justified)"),
            ),
        ),
        Field(
            "content",
            "How the plan addresses it",
            LT,
            required=True,
            help="Where the plan covers it, or why it does not apply.",
        ),
        NOTES,
    ),
)

CLINICAL_BENEFIT = EntitySpec(
    "clinical_benefit",
    "Clinical benefit",
    "Clinical benefits",
    code_prefix="BEN",
    section="benefits",
    fields=(
        Field("code", "Code", in_table=True),
        Field("description", "Clinical benefit", LT, required=True, in_table=True),
        Field(
            "benefit_type",
            "Type",
            C,
            in_table=True,
            choices=choices(("DIRECT", "Direct"), ("INDIRECT", "Indirect")),
            help="MDR Art. 2(53); indirect benefits may rest on bench or companion-device data.",
        ),
        Field("patient_relevant_outcome", "Patient-relevant outcome", LT, required=True),
        Field("magnitude_expected", "Expected magnitude"),
        Field("population", "Population"),
        NOTES,
    ),
)

OUTCOME_PARAMETER = EntitySpec(
    "outcome_parameter",
    "Outcome parameter",
    "Outcome parameters",
    parent="clinical_benefit",
    code_prefix="OP",
    section="benefits",
    fields=(
        Field("code", "Code", in_table=True),
        Field("name", "Outcome parameter", required=True, in_table=True),
        Field("definition", "Definition", LT, required=True),
        Field("measurement_instrument", "Measurement instrument"),
        Field("timepoint", "Timepoint", required=True, in_table=True),
        Field("unit", "Unit", in_table=True),
        Field(
            "direction",
            "Direction",
            C,
            required=True,
            in_table=True,
            choices=choices(
                ("HIGHER_BETTER", "Higher is better"), ("LOWER_BETTER", "Lower is better")
            ),
        ),
        Field("surrogate", "Surrogate endpoint", B),
        Field(
            "surrogate_justification",
            "Surrogate justification",
            LT,
            help="MDCG 2020-13 §C: have surrogate endpoints been adequately justified?",
        ),
        NOTES,
    ),
)

OBJECTIVE = EntitySpec(
    "objective",
    "Objective",
    "Safety and performance objectives",
    code_prefix="OBJ",
    section="objectives",
    fields=(
        Field("code", "Code", in_table=True),
        Field(
            "category",
            "Category",
            C,
            required=True,
            in_table=True,
            choices=choices(
                ("SAFETY", "Safety"),
                ("PERFORMANCE", "Performance"),
                ("CLINICAL_BENEFIT", "Clinical benefit"),
            ),
        ),
        Field("statement", "Objective", LT, required=True, in_table=True),
        Field("endpoint", "Endpoint", required=True, in_table=True),
        Field("population_scope", "Population / indication scope"),
        Field("gspr_refs", "GSPRs", L, help="One GSPR number per line."),
        Field("risk_refs", "Risk file references", L, help="For safety objectives: RMF harm ids."),
        NOTES,
    ),
)

ACCEPTANCE_CRITERION = EntitySpec(
    "acceptance_criterion",
    "Acceptance criterion",
    "Acceptance criteria",
    parent="objective",
    code_prefix="AC",
    section="objectives",
    fields=(
        Field("code", "Code", in_table=True),
        Field(
            "metric",
            "Metric",
            C,
            required=True,
            in_table=True,
            choices=choices(
                ("PROPORTION", "Proportion"),
                ("RATE_PER_PT_YEAR", "Rate per patient-year"),
                ("MEAN", "Mean"),
                ("MEDIAN", "Median"),
                ("KM_SURVIVAL", "Kaplan–Meier survival"),
                ("SENS", "Sensitivity"),
                ("SPEC", "Specificity"),
                ("AUC", "Area under the curve"),
                ("OTHER", "Other"),
            ),
        ),
        Field(
            "operator",
            "Direction",
            C,
            required=True,
            in_table=True,
            choices=choices(
                ("LE", "≤ (at most)"),
                ("LT", "< (below)"),
                ("GE", "≥ (at least)"),
                ("GT", "> (above)"),
                ("NON_INFERIOR", "Non-inferior within margin"),
            ),
        ),
        Field("threshold", "Threshold", Kind.REAL, required=True, in_table=True),
        Field("unit", "Unit", in_table=True, help="e.g. %, events per patient-year, mmHg."),
        Field("timepoint", "Timepoint", in_table=True),
        Field(
            "derivation",
            "Derived from",
            C,
            required=True,
            choices=choices(
                ("SOTA_POOLED", "Pooled state-of-the-art data"),
                ("SOTA_BENCHMARK_DEVICE", "Benchmark device"),
                ("STANDARD_CS", "Standard or common specification"),
                ("GUIDELINE", "Clinical guideline"),
                ("EXPERT", "Expert opinion"),
                ("RMF_PROBABILITY_CLASS", "Risk file probability class"),
            ),
        ),
        Field(
            "decision_rule",
            "Decision rule",
            C,
            required=True,
            choices=choices(
                ("POINT_ESTIMATE", "Point estimate"),
                ("CI_BOUND_95", "Bound of the two-sided 95% CI"),
                ("ONE_SIDED_97_5", "One-sided 97.5% bound"),
            ),
            help="Which statistic of the device data is compared with the threshold; "
            "declared before the analysis.",
        ),
        Field("margin_rule", "Margin rule", help="e.g. 'upper 95% CI of the pooled SOTA rate'."),
        Field(
            "justification",
            "Justification from the state of the art",
            LT,
            required=True,
        ),
        NOTES,
    ),
)

# ---------------------------------------------------------------------- equivalence
EQUIVALENT_DEVICE = EntitySpec(
    "equivalent_device",
    "Equivalent device",
    "Equivalent devices",
    code_prefix="EQ",
    section="equivalence",
    fields=(
        Field("code", "Code", in_table=True),
        Field("name", "Device", required=True, in_table=True),
        Field("manufacturer", "Manufacturer", required=True, in_table=True),
        Field("same_manufacturer", "Same manufacturer", B, required=True, in_table=True),
        Field(
            "contract_for_td_access",
            "Contract for full access to technical documentation",
            B,
            help="MDR Art. 61(5): needed for class III/implantable devices of another "
            "manufacturer.",
        ),
        Field("contract_date", "Contract date", D),
        Field("mdr_certified", "Equivalent device MDR-certified", B),
        Field("data_access_evidence", "Evidence of sufficient access to data", LT, required=True),
        Field(
            "sum_of_differences_justification",
            "Justification of the sum of differences",
            LT,
            help="MDCG 2020-5: needed when there is more than one difference.",
        ),
        Field(
            "conclusion",
            "Conclusion",
            C,
            in_table=True,
            choices=choices(("EQUIVALENT", "Equivalent"), ("NOT_EQUIVALENT", "Not equivalent")),
        ),
        Field("pmcf_verification", "How PMS/PMCF will verify equivalence", LT),
        NOTES,
    ),
)

EQUIVALENCE_CHARACTERISTIC = EntitySpec(
    "equivalence_characteristic",
    "Characteristic",
    "MDCG 2020-5 characteristics",
    parent="equivalent_device",
    section="equivalence",
    fields=(
        Field("code", "Code", in_table=True),
        Field(
            "char_group",
            "Group",
            C,
            in_table=True,
            choices=choices(
                ("TECHNICAL", "Technical"), ("BIOLOGICAL", "Biological"), ("CLINICAL", "Clinical")
            ),
        ),
        Field("characteristic", "Characteristic", LT, required=True, in_table=True),
        Field("must_be_same", "Must be the same", B, in_table=True),
        Field("subject_description", "Device under evaluation", LT, required=True),
        Field("comparator_description", "Equivalent device", LT, required=True),
        Field("difference", "Difference", LT, required=True, in_table=True, help="Or 'none'."),
        Field(
            "clinically_significant",
            "Clinically significant",
            C,
            in_table=True,
            choices=choices(("NO", "No"), ("YES", "Yes")),
        ),
        Field("scientific_justification", "Scientific justification", LT),
        Field("supporting_data_refs", "Supporting data", L, help="Bench, ISO 10993, literature."),
        NOTES,
    ),
)

# ------------------------------------------------------------------ search protocol
SEARCH_PROTOCOL = EntitySpec(
    "search_protocol",
    "Literature search protocol",
    "Literature search protocol",
    singleton=True,
    section="search",
    fields=(
        Field("background", "Background", LT, help="MEDDEV A5.1."),
        Field("objective", "Objective of the review", LT, required=True, help="MEDDEV A5.2."),
        Field("review_questions", "Review questions (PICO)", LT, required=True),
        Field("date_from", "Search from", D, required=True),
        Field("date_to", "Search to", D),
        Field("date_justification", "Justification of the period", LT, required=True),
        Field("languages", "Languages", L, required=True, help="One per line."),
        Field("other_limits", "Other limits", LT),
        Field("screening_method", "Screening method", LT, help="Reviewers per record, conflicts."),
        Field("dedup_strategy", "De-duplication strategy", LT),
        Field("protocol_validation", "How comprehensiveness was tested", LT),
        Field("approved_at", "Protocol approved on", D, required=True),
        NOTES,
    ),
)

SEARCH_DATABASE = EntitySpec(
    "search_database",
    "Database",
    "Databases and sources",
    code_prefix="DB",
    section="search",
    fields=(
        Field("code", "Code", in_table=True),
        Field("name", "Database", required=True, in_table=True),
        Field(
            "source_type",
            "Type",
            C,
            required=True,
            in_table=True,
            choices=choices(
                ("BIBLIOGRAPHIC_DB", "Bibliographic database"),
                ("SR_DB", "Systematic review database"),
                ("TRIAL_REGISTER", "Trial register"),
                ("VIGILANCE_DB", "Vigilance database"),
                ("REGISTRY", "Registry"),
                ("GREY", "Grey literature"),
                ("HAND_SEARCH", "Hand search"),
                ("CITATION_CHASING", "Citation chasing"),
            ),
        ),
        Field("platform", "Platform / interface", in_table=True),
        Field("justification", "Why this source", LT, required=True),
        NOTES,
    ),
)

SEARCH_STRING = EntitySpec(
    "search_string",
    "Search string",
    "Search strings",
    parent="search_database",
    code_prefix="SS",
    section="search",
    fields=(
        Field("code", "Code", in_table=True),
        Field(
            "category",
            "Search category",
            C,
            required=True,
            in_table=True,
            choices=SEARCH_CATEGORIES,
            help="MDCG 2020-13 §D: searches for each kind of device are described separately.",
        ),
        Field("query", "Search string (exactly as run)", LT, required=True, in_table=True),
        Field("limits", "Limits applied", in_table=True),
        NOTES,
    ),
)

ELIGIBILITY_CRITERION = EntitySpec(
    "eligibility_criterion",
    "Eligibility criterion",
    "Inclusion and exclusion criteria",
    section="search",
    fields=(
        Field("code", "Code", required=True, in_table=True, help="IC1, IC2… or EC1, EC2…"),
        Field(
            "criterion_type",
            "Type",
            C,
            required=True,
            in_table=True,
            choices=choices(("INCLUSION", "Inclusion"), ("EXCLUSION", "Exclusion")),
        ),
        Field("text", "Criterion", LT, required=True, in_table=True),
        Field(
            "highlight_terms",
            "Words to highlight in screening",
            L,
            help="One word or phrase per line; a trailing * matches any ending (fractur*).",
        ),
        Field(
            "stage",
            "Applied at",
            C,
            in_table=True,
            choices=choices(
                ("TITLE_ABSTRACT", "Title/abstract"), ("FULL_TEXT", "Full text"), ("BOTH", "Both")
            ),
        ),
        NOTES,
    ),
)

EXCLUSION_REASON = EntitySpec(
    "exclusion_reason",
    "Exclusion reason",
    "Exclusion reason codes",
    code_prefix="X",
    section="search",
    fields=(
        Field("code", "Code", required=True, in_table=True),
        Field("label", "Reason", required=True, in_table=True, help="Offered during screening."),
        Field(
            "stage",
            "Used at",
            C,
            in_table=True,
            choices=choices(
                ("TITLE_ABSTRACT", "Title/abstract"), ("FULL_TEXT", "Full text"), ("BOTH", "Both")
            ),
        ),
        Field("criterion_code", "Criterion", help="The exclusion criterion it applies, e.g. EC2."),
        NOTES,
    ),
)

# ------------------------------------------------------------------------ evaluators
COMPETENCIES = choices(
    ("RESEARCH_METHODOLOGY_BIOSTATISTICS", "Research methodology and biostatistics"),
    ("INFORMATION_MANAGEMENT", "Information management"),
    ("REGULATORY", "Regulatory requirements"),
    ("MEDICAL_WRITING", "Medical writing"),
    ("DEVICE_TECHNOLOGY", "Device technology"),
    ("CLINICAL_SPECIALTY", "Clinical specialty"),
)

EVALUATOR = EntitySpec(
    "evaluator",
    "Evaluator",
    "Evaluators",
    section="evaluators",
    fields=(
        Field("name", "Name", required=True, in_table=True),
        Field(
            "role",
            "Role",
            C,
            required=True,
            in_table=True,
            choices=choices(
                ("AUTHOR", "Author"),
                ("REVIEWER", "Reviewer"),
                ("APPROVER", "Approver"),
                ("CLINICAL_EXPERT", "Clinical expert"),
                ("INFORMATION_SPECIALIST", "Information specialist"),
                ("STATISTICIAN", "Statistician"),
            ),
        ),
        Field("affiliation", "Affiliation", in_table=True),
        Field("external", "External to the manufacturer", B),
        Field("highest_degree", "Highest degree", in_table=True),
        Field("degree_field", "Field of the degree"),
        Field(
            "years_experience",
            "Years of professional experience",
            Kind.INT,
            required=True,
            in_table=True,
            minimum=0,
            maximum=70,
            help="MEDDEV §6.4: a degree plus 5 years, or 10 years without a degree.",
        ),
        Field("competencies", "Competencies", MC, required=True, choices=COMPETENCIES),
        Field("qualifications", "Qualifications and experience", LT, required=True),
        Field("cv_date", "CV dated", D, required=True),
        Field("doi_signed_date", "Declaration of interests signed", D, required=True),
        Field("interests_declared", "Interests declared", B, required=True),
        Field("doi_details", "Declared interests", LT),
        NOTES,
    ),
)

SEARCH_RUN = EntitySpec(
    "search_run",
    "Search run",
    "Search runs",
    code_prefix="SR",
    section="evidence",
    fields=(
        Field("code", "Code", in_table=True),
        Field(
            "database",
            "Database or source",
            required=True,
            in_table=True,
            help="As named in the protocol, e.g. PubMed/MEDLINE, Embase, Cochrane CENTRAL.",
        ),
        Field("platform", "Interface / platform", help="e.g. PubMed, Ovid, Embase.com, EBSCOhost."),
        Field(
            "category",
            "Search category",
            C,
            choices=SEARCH_CATEGORIES,
            help="Which question the search serves; PRISMA can be drawn per category.",
        ),
        Field(
            "run_on",
            "Date run",
            D,
            required=True,
            in_table=True,
            help="The day the search was executed (IMDRF N56 App. B).",
        ),
        Field(
            "query",
            "Query, exactly as run",
            LT,
            required=True,
            help="Copied from the database's search history, unchanged (MEDDEV A5).",
        ),
        Field("date_from", "Records from", D),
        Field("date_to", "Records to", D),
        Field("limits", "Limits and filters applied", LT),
        Field(
            "hits_reported",
            "Hits reported by the database",
            Kind.INT,
            required=True,
            in_table=True,
            minimum=0,
        ),
        Field("run_by", "Run by"),
        Field("deviation", "Deviation from the protocol", LT),
        NOTES,
    ),
)

# -------------------------------------------------------- other clinical data (§2.6)
STUDY_DESIGNS = choices(
    ("RCT", "Randomised controlled trial"),
    ("NON_RANDOMISED_CONTROLLED", "Non-randomised controlled study"),
    ("PROSPECTIVE_COHORT", "Prospective cohort"),
    ("RETROSPECTIVE_COHORT", "Retrospective cohort"),
    ("CASE_SERIES", "Case series"),
    ("REGISTRY", "Registry"),
    ("SURVEY", "Survey"),
    ("OTHER", "Other"),
)
STUDY_STATUS = choices(
    ("PLANNED", "Planned"),
    ("ONGOING", "Ongoing"),
    ("COMPLETED", "Completed"),
    ("TERMINATED", "Terminated early"),
)

CLINICAL_INVESTIGATION = EntitySpec(
    "clinical_investigation",
    "Clinical investigation",
    "Manufacturer's clinical investigations",
    code_prefix="CI",
    section="evidence",
    fields=(
        Field("code", "Code", in_table=True),
        Field("title", "Title", required=True, in_table=True),
        Field("status", "Status", C, in_table=True, choices=STUDY_STATUS),
        Field("cip_ref", "CIP reference and version", help="MDR Annex XV Chapter II."),
        Field(
            "registration",
            "Registration",
            help="EUDAMED single identification number (CIV-ID) or NCT number.",
        ),
        Field("design", "Design", C, choices=STUDY_DESIGNS),
        Field("devices", "Devices and variants used", LT),
        Field("population", "Population", LT),
        Field("n_patients", "Patients enrolled", Kind.INT, in_table=True, minimum=0),
        Field("objectives_endpoints", "Objectives and endpoints", LT),
        Field("follow_up", "Follow-up intervals"),
        Field("sites_countries", "Sites and countries"),
        Field("approvals", "Ethics committee and authority approvals", LT),
        Field(
            "iso_14155",
            "Conducted to EN ISO 14155",
            B,
            help="MEDDEV A7.3 / MDCG 2020-13 §E: GCP compliance, monitoring.",
        ),
        Field("cir_ref", "Clinical investigation report reference"),
        Field("publications", "Publications", LT),
        Field("results", "Results", LT),
        Field("conclusions_valid", "Conclusions valid against the CIP?", LT),
        NOTES,
    ),
)

PMS_PERIOD = EntitySpec(
    "pms_period",
    "PMS period",
    "Post-market surveillance data",
    code_prefix="PMS",
    section="evidence",
    fields=(
        Field("code", "Code", in_table=True),
        Field("period_start", "From", D, required=True, in_table=True),
        Field("period_end", "To", D, required=True, in_table=True),
        Field("regions", "Markets / regions"),
        Field("units_sold", "Units sold", Kind.INT, in_table=True, minimum=0),
        Field(
            "exposure_estimate",
            "Exposure estimate",
            LT,
            help="Patients or procedures, and how estimated.",
        ),
        Field("complaints_total", "Complaints", Kind.INT, in_table=True, minimum=0),
        Field("serious_incidents", "Serious incidents", Kind.INT, in_table=True, minimum=0),
        Field("fscas", "Field safety corrective actions", Kind.INT, minimum=0),
        Field("trend_reports", "Trend reports", Kind.INT, minimum=0),
        Field(
            "vigilance_searches",
            "Vigilance database searches",
            LT,
            help="Source, date, query, hits (e.g. MAUDE, BfArM).",
        ),
        Field("psur_ref", "PSUR / PMS report reference"),
        Field(
            "limitations",
            "Limitations",
            LT,
            help="Complaint rates cannot on their own prove safety (MDCG 2020-6 §6.3).",
        ),
        NOTES,
    ),
)

PMS_COMPLAINT_CATEGORY = EntitySpec(
    "pms_complaint_category",
    "Complaint category",
    "Complaints by category",
    parent="pms_period",
    section="evidence",
    fields=(
        Field("category", "Category", required=True, in_table=True),
        Field("count", "Number", Kind.INT, required=True, in_table=True, minimum=0),
        Field("serious", "Of which serious", Kind.INT, in_table=True, minimum=0),
        Field("comment", "Comment", LT),
    ),
)

PMCF_STUDY = EntitySpec(
    "pmcf_study",
    "PMCF study",
    "PMCF studies",
    code_prefix="PMCF",
    section="evidence",
    fields=(
        Field("code", "Code", in_table=True),
        Field("title", "Title", required=True, in_table=True),
        Field("status", "Status", C, in_table=True, choices=STUDY_STATUS),
        Field("design", "Design", C, choices=STUDY_DESIGNS),
        Field("registration", "Registration"),
        Field("population", "Population", LT),
        Field("n_patients", "Patients", Kind.INT, in_table=True, minimum=0),
        Field("follow_up", "Follow-up"),
        Field("objectives", "Objectives", LT),
        Field("results", "Results to date", LT),
        Field("report_ref", "PMCF report reference"),
        NOTES,
    ),
)

REGISTRY_SOURCE = EntitySpec(
    "registry_source",
    "Registry",
    "Registries",
    code_prefix="REG",
    section="evidence",
    fields=(
        Field("code", "Code", in_table=True),
        Field("name", "Registry", required=True, in_table=True),
        Field("coverage", "Coverage (country, period)", in_table=True),
        Field(
            "device_relation",
            "Device",
            C,
            choices=choices(
                ("SUBJECT", "Device under evaluation"),
                ("EQUIVALENT", "Equivalent device"),
                ("SIMILAR", "Similar device"),
                ("BENCHMARK", "Benchmark / state of the art"),
            ),
        ),
        Field("n_devices", "Devices or procedures", Kind.INT, minimum=0),
        Field("access", "Access to the data", LT),
        Field("results", "Results", LT),
        Field("report_ref", "Report reference"),
        NOTES,
    ),
)

# ------------------------------------------------------------------------- appraisal
#: What a source's data may be used for (IMDRF N56 §7: analyse separately).
USABLE_FOR = choices(("PERFORMANCE", "Performance"), ("SAFETY", "Safety"))

SOURCE = EntitySpec(
    "source",
    "Source",
    "Sources",
    section="appraisal",
    fields=(
        Field(
            "device_relation",
            "Device used",
            C,
            required=True,
            in_table=True,
            choices=DEVICE_RELATIONS,
            help="CEAR §D: device data and state-of-the-art data are kept apart.",
        ),
        Field(
            "clinical_data",
            "Clinical data of the device",
            B,
            required=True,
            help="MDR Art. 2(48): only data of the device or a demonstrated equivalent.",
        ),
        Field(
            "mdcg_rank",
            "MDCG 2020-6 rank",
            Kind.INT,
            required=True,
            in_table=True,
            minimum=1,
            maximum=12,
            help="MDCG 2020-6 Appendix III: 1 (high quality investigations) … 12 (bench).",
        ),
        Field("study_design", "Design", C, required=True, in_table=True, choices=SOURCE_DESIGNS),
        Field(
            "weight",
            "Relevance and weight",
            C,
            required=True,
            in_table=True,
            choices=WEIGHTS,
            help="Set by the evaluator (MEDDEV 9.3.3); grades are never summed into a score.",
        ),
        Field(
            "weight_rationale",
            "Rationale",
            LT,
            required=True,
            help="Why this weight; the reasons for rejecting evidence are documented.",
        ),
        Field("usable_for", "Usable for", MC, choices=USABLE_FOR),
        Field("country", "Country"),
        Field("n_patients", "Patients", Kind.INT, minimum=0),
        Field("n_devices", "Devices", Kind.INT, minimum=0),
        Field("follow_up", "Follow-up"),
        Field("population", "Population", LT),
        NOTES,
    ),
)

OUTCOME_UNITS = choices(
    ("PATIENTS", "Patients"),
    ("DEVICES", "Devices"),
    ("PROCEDURES", "Procedures"),
)

EXTRACTED_OUTCOME = EntitySpec(
    "extracted_outcome",
    "Extracted result",
    "Extracted results",
    parent="source",
    section="appraisal",
    fields=(
        Field(
            "acceptance_criterion_id",
            "Endpoint",
            required=True,
            in_table=True,
            help="The plan's acceptance criterion this result is compared with.",
        ),
        Field("subgroup", "Subgroup / arm", in_table=True),
        Field("events", "Events", Kind.INT, in_table=True, minimum=0),
        Field("total", "Denominator (n)", Kind.INT, in_table=True, minimum=0),
        Field("total_unit", "Denominator counts", C, choices=OUTCOME_UNITS),
        Field("exposure", "Exposure (patient-years)", Kind.REAL, minimum=0),
        Field("mean", "Mean or reported value", Kind.REAL, in_table=True),
        Field("sd", "SD", Kind.REAL, minimum=0),
        Field("ci_low", "Reported CI low", Kind.REAL),
        Field("ci_high", "Reported CI high", Kind.REAL),
        Field("timepoint", "Timepoint", in_table=True),
        Field(
            "page_ref",
            "Page / table",
            required=True,
            in_table=True,
            help="Where in the source the numbers are (traceability, APP-08).",
        ),
        Field("extracted_by", "Extracted by"),
        Field("verified_by", "Verified by", help="Two-person check of the extraction."),
        NOTES,
    ),
)

ANALYSIS_SETTINGS = EntitySpec(
    "analysis_settings",
    "Analysis settings",
    "Analysis settings",
    singleton=True,
    section="appraisal",
    fields=(
        Field(
            "proportion_transform",
            "Pooling of proportions",
            C,
            choices=choices(
                ("LOGIT", "Logit transform"),
                ("FREEMAN_TUKEY", "Freeman–Tukey double arcsine"),
            ),
            help="Random-effects pooling (DerSimonian–Laird) on this scale; empty = logit.",
        ),
        Field(
            "single_ci",
            "Interval for one source",
            C,
            choices=choices(
                ("CLOPPER_PEARSON", "Clopper–Pearson exact"),
                ("WILSON", "Wilson score"),
            ),
            help="Clopper–Pearson is conservative and recommended for zero events; "
            "empty = Clopper–Pearson.",
        ),
        NOTES,
    ),
)

#: Every entity, parents before children (the order tables are created, dumped and loaded).
ENTITIES: tuple[EntitySpec, ...] = (
    PROJECT,
    DOCUMENT_VERSION,
    MANUFACTURER,
    DEVICE,
    DEVICE_VARIANT,
    INTENDED_PURPOSE,
    INDICATION,
    CONTRAINDICATION,
    CEP,
    CEP_ITEM,
    CLINICAL_BENEFIT,
    OUTCOME_PARAMETER,
    OBJECTIVE,
    ACCEPTANCE_CRITERION,
    EQUIVALENT_DEVICE,
    EQUIVALENCE_CHARACTERISTIC,
    SEARCH_PROTOCOL,
    SEARCH_DATABASE,
    SEARCH_STRING,
    ELIGIBILITY_CRITERION,
    EXCLUSION_REASON,
    EVALUATOR,
    SEARCH_RUN,
    CLINICAL_INVESTIGATION,
    PMS_PERIOD,
    PMS_COMPLAINT_CATEGORY,
    PMCF_STUDY,
    REGISTRY_SOURCE,
    SOURCE,
    EXTRACTED_OUTCOME,
    ANALYSIS_SETTINGS,
)

BY_TABLE: dict[str, EntitySpec] = {spec.table: spec for spec in ENTITIES}


def entity(table: str) -> EntitySpec:
    """Return the spec of ``table``; raise ``KeyError`` with the known names otherwise."""
    try:
        return BY_TABLE[table]
    except KeyError:
        known = ", ".join(BY_TABLE)
        raise KeyError(f"unknown entity {table!r}; known: {known}") from None


def children_of(table: str) -> tuple[EntitySpec, ...]:
    """Return the child list entities of ``table``."""
    return tuple(spec for spec in ENTITIES if spec.parent == table)


@dataclass(frozen=True)
class Section:
    """One page of the plan editor.

    Attributes:
        key: Identifier used by the GUI and the completeness panel.
        title: Heading shown to the user.
        tables: Top-level entities edited on this page, in order.
        intro: One or two sentences telling the user what belongs here.
    """

    key: str
    title: str
    tables: tuple[str, ...]
    intro: str


SECTIONS: tuple[Section, ...] = (
    Section(
        "device",
        "Device and manufacturer",
        ("device", "device_variant", "manufacturer"),
        "Identification, description and classification of the device under evaluation "
        "(MDR Annex II §1.1, MEDDEV A3).",
    ),
    Section(
        "purpose",
        "Intended purpose",
        ("intended_purpose", "indication", "contraindication"),
        "The intended purpose exactly as in the IFU, the target groups with their indications "
        "and contraindications (Annex XIV 1a.2, 1a.3).",
    ),
    Section(
        "cep",
        "Plan and Annex XIV items",
        ("cep", "cep_item"),
        "What the plan must contain at least (MDR Annex XIV Part A §1(a)) and the level of "
        "clinical evidence it aims for (Art. 61(1)).",
    ),
    Section(
        "benefits",
        "Clinical benefits",
        ("clinical_benefit",),
        "Intended clinical benefits to patients, each with relevant and specified outcome "
        "parameters (Annex XIV 1a.4).",
    ),
    Section(
        "objectives",
        "Safety and performance objectives",
        ("objective",),
        "Objectives with their endpoints and acceptance criteria derived from the state of the "
        "art (Annex XIV 1a.5, 1a.6).",
    ),
    Section(
        "equivalence",
        "Equivalence",
        ("equivalent_device",),
        "One demonstration per equivalent device, characteristic by characteristic "
        "(MDR Annex XIV §3, MDCG 2020-5 Annex I).",
    ),
    Section(
        "search",
        "Literature search protocol",
        (
            "search_protocol",
            "search_database",
            "eligibility_criterion",
            "exclusion_reason",
        ),
        "How literature is identified and selected (MEDDEV A5, IMDRF N56 App. B, MDCG 2020-13 §D).",
    ),
    Section(
        "evaluators",
        "Evaluators",
        ("evaluator",),
        "Who performs the evaluation, their qualifications and declarations of interest "
        "(MEDDEV §6.4).",
    ),
    Section(
        "document",
        "Document control",
        ("project", "document_version"),
        "Document numbers, versions and dates, and when the evaluation is next updated "
        "(MEDDEV §6.2.3).",
    ),
)


def section_of(table: str) -> Section:
    """Return the plan section in which ``table`` (or its parent) is edited."""
    spec = entity(table)
    while spec.parent:
        spec = entity(spec.parent)
    for section in SECTIONS:
        if spec.table in section.tables:
            return section
    raise KeyError(table)
