"""Migration 1: the first schema (clinical evaluation plan).

Written as literal SQL on purpose: a migration must keep producing the same schema
whatever later versions do to the entity specifications (see docs/file-format.md).
"""

VERSION = 1
NAME = "initial schema: clinical evaluation plan"

SQL = """
CREATE TABLE meta (
    key TEXT PRIMARY KEY NOT NULL,
    value TEXT
);
-- Append-only audit trail of every change to user data (see docs/file-format.md).
CREATE TABLE change_log (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    at TEXT NOT NULL,
    user TEXT NOT NULL,
    action TEXT NOT NULL CHECK (action IN ('insert', 'update', 'delete', 'undo', 'redo', 'load')),
    label TEXT NOT NULL,
    entity TEXT NOT NULL,
    entity_id TEXT NOT NULL,
    field TEXT,
    old_value TEXT,
    new_value TEXT
);
CREATE TRIGGER change_log_is_append_only_update BEFORE UPDATE ON change_log
BEGIN
    SELECT RAISE(ABORT, 'the change log is append-only');
END;
CREATE TRIGGER change_log_is_append_only_delete BEFORE DELETE ON change_log
BEGIN
    SELECT RAISE(ABORT, 'the change log is append-only');
END;
-- Undo journal: one row per user operation; changes holds the row images as JSON.
CREATE TABLE undo_step (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    label TEXT NOT NULL,
    at TEXT NOT NULL,
    user TEXT NOT NULL,
    state TEXT NOT NULL CHECK (state IN ('done', 'undone')),
    merge_key TEXT,
    changes TEXT NOT NULL
);

CREATE TABLE project (
    id TEXT PRIMARY KEY NOT NULL CHECK (id = '1'),
    title TEXT,
    evaluation_type TEXT,
    scope_statement TEXT,
    technical_file_ref TEXT,
    data_cutoff_date TEXT,
    update_frequency_months INTEGER,
    update_frequency_justification TEXT,
    next_update_due TEXT,
    notes TEXT,
    created_at TEXT NOT NULL,
    created_by TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE TABLE document_version (
    id TEXT PRIMARY KEY NOT NULL,
    position INTEGER NOT NULL DEFAULT 0,
    doc_type TEXT,
    doc_number TEXT,
    version TEXT,
    date TEXT,
    status TEXT,
    triggered_by TEXT,
    change_summary TEXT,
    notes TEXT,
    created_at TEXT NOT NULL,
    created_by TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE TABLE manufacturer (
    id TEXT PRIMARY KEY NOT NULL CHECK (id = '1'),
    legal_name TEXT,
    address TEXT,
    srn TEXT,
    prrc_name TEXT,
    prrc_email TEXT,
    outside_eu INTEGER CHECK (outside_eu IN (0, 1)),
    authorised_rep_name TEXT,
    authorised_rep_srn TEXT,
    notified_body_name TEXT,
    notified_body_number TEXT,
    certificate_numbers TEXT NOT NULL DEFAULT '[]',
    notes TEXT,
    created_at TEXT NOT NULL,
    created_by TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE TABLE device (
    id TEXT PRIMARY KEY NOT NULL CHECK (id = '1'),
    trade_name TEXT,
    generic_description TEXT,
    basic_udi_di TEXT NOT NULL DEFAULT '[]',
    emdn_codes TEXT NOT NULL DEFAULT '[]',
    risk_class TEXT,
    classification_rules TEXT,
    principle_of_operation TEXT,
    mode_of_action TEXT,
    key_functional_elements TEXT,
    materials_patient_contact TEXT,
    duration_of_use TEXT,
    implantable INTEGER CHECK (implantable IN (0, 1)),
    active INTEGER CHECK (active IN (0, 1)),
    sterile INTEGER CHECK (sterile IN (0, 1)),
    single_use INTEGER CHECK (single_use IN (0, 1)),
    software INTEGER CHECK (software IN (0, 1)),
    incorporates_medicinal_substance INTEGER CHECK (incorporates_medicinal_substance IN (0, 1)),
    incorporates_animal_tissue INTEGER CHECK (incorporates_animal_tissue IN (0, 1)),
    incorporates_human_tissue INTEGER CHECK (incorporates_human_tissue IN (0, 1)),
    incorporates_nanomaterial INTEGER CHECK (incorporates_nanomaterial IN (0, 1)),
    expected_lifetime TEXT,
    max_repeat_applications TEXT,
    novel_product INTEGER CHECK (novel_product IN (0, 1)),
    novel_clinical_procedure INTEGER CHECK (novel_clinical_procedure IN (0, 1)),
    novel_features_explanation TEXT,
    first_ce_date TEXT,
    market_history TEXT,
    previous_generations TEXT,
    notes TEXT,
    created_at TEXT NOT NULL,
    created_by TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE TABLE device_variant (
    id TEXT PRIMARY KEY NOT NULL,
    position INTEGER NOT NULL DEFAULT 0,
    code TEXT,
    model TEXT,
    size TEXT,
    configuration TEXT,
    catalogue_no TEXT,
    software_version TEXT,
    is_extreme_of_range INTEGER CHECK (is_extreme_of_range IN (0, 1)),
    notes TEXT,
    created_at TEXT NOT NULL,
    created_by TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE TABLE intended_purpose (
    id TEXT PRIMARY KEY NOT NULL CHECK (id = '1'),
    intended_purpose_text TEXT,
    medical_conditions TEXT,
    target_population TEXT,
    age_range TEXT,
    excluded_groups TEXT,
    vulnerable_subgroups TEXT NOT NULL DEFAULT '[]',
    intended_users TEXT NOT NULL DEFAULT '[]',
    training_required INTEGER CHECK (training_required IN (0, 1)),
    use_environment TEXT,
    body_sites TEXT NOT NULL DEFAULT '[]',
    warnings_precautions TEXT,
    notes TEXT,
    created_at TEXT NOT NULL,
    created_by TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE TABLE indication (
    id TEXT PRIMARY KEY NOT NULL,
    position INTEGER NOT NULL DEFAULT 0,
    code TEXT,
    text TEXT,
    notes TEXT,
    created_at TEXT NOT NULL,
    created_by TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE TABLE contraindication (
    id TEXT PRIMARY KEY NOT NULL,
    position INTEGER NOT NULL DEFAULT 0,
    code TEXT,
    text TEXT,
    notes TEXT,
    created_at TEXT NOT NULL,
    created_by TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE TABLE cep (
    id TEXT PRIMARY KEY NOT NULL CHECK (id = '1'),
    gspr_requiring_clinical_data TEXT NOT NULL DEFAULT '[]',
    evidence_routes TEXT NOT NULL DEFAULT '[]',
    level_of_evidence_statement TEXT,
    level_of_evidence_justification TEXT,
    ci_exemption_justification TEXT,
    art61_10_justification TEXT,
    wet_justification TEXT,
    appraisal_plan TEXT,
    analysis_plan TEXT,
    clinical_development_plan TEXT,
    notes TEXT,
    created_at TEXT NOT NULL,
    created_by TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE TABLE cep_item (
    id TEXT PRIMARY KEY NOT NULL,
    position INTEGER NOT NULL DEFAULT 0,
    code TEXT,
    requirement TEXT,
    status TEXT,
    content TEXT,
    notes TEXT,
    created_at TEXT NOT NULL,
    created_by TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE TABLE clinical_benefit (
    id TEXT PRIMARY KEY NOT NULL,
    position INTEGER NOT NULL DEFAULT 0,
    code TEXT,
    description TEXT,
    benefit_type TEXT,
    patient_relevant_outcome TEXT,
    magnitude_expected TEXT,
    population TEXT,
    notes TEXT,
    created_at TEXT NOT NULL,
    created_by TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE TABLE outcome_parameter (
    id TEXT PRIMARY KEY NOT NULL,
    clinical_benefit_id TEXT NOT NULL REFERENCES clinical_benefit(id) ON DELETE CASCADE,
    position INTEGER NOT NULL DEFAULT 0,
    code TEXT,
    name TEXT,
    definition TEXT,
    measurement_instrument TEXT,
    timepoint TEXT,
    unit TEXT,
    direction TEXT,
    surrogate INTEGER CHECK (surrogate IN (0, 1)),
    surrogate_justification TEXT,
    notes TEXT,
    created_at TEXT NOT NULL,
    created_by TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX idx_outcome_parameter_parent ON outcome_parameter(clinical_benefit_id, position);
CREATE TABLE objective (
    id TEXT PRIMARY KEY NOT NULL,
    position INTEGER NOT NULL DEFAULT 0,
    code TEXT,
    category TEXT,
    statement TEXT,
    endpoint TEXT,
    population_scope TEXT,
    gspr_refs TEXT NOT NULL DEFAULT '[]',
    risk_refs TEXT NOT NULL DEFAULT '[]',
    notes TEXT,
    created_at TEXT NOT NULL,
    created_by TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE TABLE acceptance_criterion (
    id TEXT PRIMARY KEY NOT NULL,
    objective_id TEXT NOT NULL REFERENCES objective(id) ON DELETE CASCADE,
    position INTEGER NOT NULL DEFAULT 0,
    code TEXT,
    metric TEXT,
    operator TEXT,
    threshold REAL,
    unit TEXT,
    timepoint TEXT,
    derivation TEXT,
    decision_rule TEXT,
    margin_rule TEXT,
    justification TEXT,
    notes TEXT,
    created_at TEXT NOT NULL,
    created_by TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX idx_acceptance_criterion_parent ON acceptance_criterion(objective_id, position);
CREATE TABLE equivalent_device (
    id TEXT PRIMARY KEY NOT NULL,
    position INTEGER NOT NULL DEFAULT 0,
    code TEXT,
    name TEXT,
    manufacturer TEXT,
    same_manufacturer INTEGER CHECK (same_manufacturer IN (0, 1)),
    contract_for_td_access INTEGER CHECK (contract_for_td_access IN (0, 1)),
    contract_date TEXT,
    mdr_certified INTEGER CHECK (mdr_certified IN (0, 1)),
    data_access_evidence TEXT,
    sum_of_differences_justification TEXT,
    conclusion TEXT,
    pmcf_verification TEXT,
    notes TEXT,
    created_at TEXT NOT NULL,
    created_by TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE TABLE equivalence_characteristic (
    id TEXT PRIMARY KEY NOT NULL,
    equivalent_device_id TEXT NOT NULL REFERENCES equivalent_device(id) ON DELETE CASCADE,
    position INTEGER NOT NULL DEFAULT 0,
    code TEXT,
    char_group TEXT,
    characteristic TEXT,
    must_be_same INTEGER CHECK (must_be_same IN (0, 1)),
    subject_description TEXT,
    comparator_description TEXT,
    difference TEXT,
    clinically_significant TEXT,
    scientific_justification TEXT,
    supporting_data_refs TEXT NOT NULL DEFAULT '[]',
    notes TEXT,
    created_at TEXT NOT NULL,
    created_by TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX idx_equivalence_characteristic_parent
    ON equivalence_characteristic(equivalent_device_id, position);
CREATE TABLE search_protocol (
    id TEXT PRIMARY KEY NOT NULL CHECK (id = '1'),
    background TEXT,
    objective TEXT,
    review_questions TEXT,
    date_from TEXT,
    date_to TEXT,
    date_justification TEXT,
    languages TEXT NOT NULL DEFAULT '[]',
    other_limits TEXT,
    screening_method TEXT,
    dedup_strategy TEXT,
    protocol_validation TEXT,
    approved_at TEXT,
    notes TEXT,
    created_at TEXT NOT NULL,
    created_by TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE TABLE search_database (
    id TEXT PRIMARY KEY NOT NULL,
    position INTEGER NOT NULL DEFAULT 0,
    code TEXT,
    name TEXT,
    source_type TEXT,
    platform TEXT,
    justification TEXT,
    notes TEXT,
    created_at TEXT NOT NULL,
    created_by TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE TABLE search_string (
    id TEXT PRIMARY KEY NOT NULL,
    search_database_id TEXT NOT NULL REFERENCES search_database(id) ON DELETE CASCADE,
    position INTEGER NOT NULL DEFAULT 0,
    code TEXT,
    category TEXT,
    query TEXT,
    limits TEXT,
    notes TEXT,
    created_at TEXT NOT NULL,
    created_by TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX idx_search_string_parent ON search_string(search_database_id, position);
CREATE TABLE eligibility_criterion (
    id TEXT PRIMARY KEY NOT NULL,
    position INTEGER NOT NULL DEFAULT 0,
    code TEXT,
    criterion_type TEXT,
    text TEXT,
    stage TEXT,
    notes TEXT,
    created_at TEXT NOT NULL,
    created_by TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE TABLE exclusion_reason (
    id TEXT PRIMARY KEY NOT NULL,
    position INTEGER NOT NULL DEFAULT 0,
    code TEXT,
    label TEXT,
    stage TEXT,
    criterion_code TEXT,
    notes TEXT,
    created_at TEXT NOT NULL,
    created_by TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE TABLE evaluator (
    id TEXT PRIMARY KEY NOT NULL,
    position INTEGER NOT NULL DEFAULT 0,
    name TEXT,
    role TEXT,
    affiliation TEXT,
    external INTEGER CHECK (external IN (0, 1)),
    highest_degree TEXT,
    degree_field TEXT,
    years_experience INTEGER,
    competencies TEXT NOT NULL DEFAULT '[]',
    qualifications TEXT,
    cv_date TEXT,
    doi_signed_date TEXT,
    interests_declared INTEGER CHECK (interests_declared IN (0, 1)),
    doi_details TEXT,
    notes TEXT,
    created_at TEXT NOT NULL,
    created_by TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
"""
