"""Migration 3: appraisal grids, data extraction and analysis settings (issue 4).

A *source* is one unit of evidence in the appraisal grid: an included study (its
reports grouped), an included report not grouped with others, or one of the
manufacturer's own datasets (clinical investigation, PMCF study, PMS period, registry).
``source_key`` names it (``record:12``, ``study:<id>``, ``clinical_investigation:<id>``);
a source row exists once the user has appraised or extracted anything for it, and stays
(listed as "no longer included") if the unit leaves the review, so that nothing the user
entered disappears.

Extracted results refer to the plan's acceptance criteria without ``ON DELETE CASCADE``:
a criterion with extracted results cannot be deleted until they are moved or removed.
"""

VERSION = 3
NAME = "appraisal grids, extracted results, analysis settings"

_STAMPS = """
    created_at TEXT NOT NULL,
    created_by TEXT NOT NULL,
    updated_at TEXT NOT NULL"""

SQL = f"""
CREATE TABLE source (
    id TEXT PRIMARY KEY NOT NULL,
    source_key TEXT NOT NULL UNIQUE,
    position INTEGER NOT NULL DEFAULT 0,
    device_relation TEXT,
    clinical_data INTEGER CHECK (clinical_data IN (0, 1)),
    mdcg_rank INTEGER CHECK (mdcg_rank BETWEEN 1 AND 12),
    study_design TEXT,
    weight TEXT CHECK (weight IN ('PIVOTAL', 'SUPPORTIVE', 'BACKGROUND', 'NOT_USED')),
    weight_rationale TEXT,
    usable_for TEXT NOT NULL DEFAULT '[]',
    country TEXT,
    n_patients INTEGER,
    n_devices INTEGER,
    follow_up TEXT,
    population TEXT,
    notes TEXT,{_STAMPS}
);
-- One grade per source, scheme and item, with its justification.
CREATE TABLE appraisal_grade (
    id TEXT PRIMARY KEY NOT NULL,
    source_id TEXT NOT NULL REFERENCES source(id) ON DELETE CASCADE,
    scheme TEXT NOT NULL,
    item TEXT NOT NULL,
    grade TEXT,
    justification TEXT,{_STAMPS},
    UNIQUE (source_id, scheme, item)
);
-- The project's own labels for grades ("D2 Equivalent device or similar devices").
CREATE TABLE grade_label (
    id TEXT PRIMARY KEY NOT NULL,
    scheme TEXT NOT NULL,
    grade TEXT NOT NULL,
    label TEXT NOT NULL,{_STAMPS},
    UNIQUE (scheme, grade)
);
CREATE TABLE extracted_outcome (
    id TEXT PRIMARY KEY NOT NULL,
    source_id TEXT NOT NULL REFERENCES source(id) ON DELETE CASCADE,
    position INTEGER NOT NULL DEFAULT 0,
    acceptance_criterion_id TEXT REFERENCES acceptance_criterion(id),
    subgroup TEXT,
    events INTEGER CHECK (events >= 0),
    total INTEGER CHECK (total >= 0),
    total_unit TEXT,
    exposure REAL CHECK (exposure >= 0),
    mean REAL,
    sd REAL CHECK (sd >= 0),
    ci_low REAL,
    ci_high REAL,
    timepoint TEXT,
    page_ref TEXT,
    extracted_by TEXT,
    verified_by TEXT,
    notes TEXT,{_STAMPS}
);
CREATE INDEX idx_extracted_outcome_source ON extracted_outcome(source_id, position);
CREATE INDEX idx_extracted_outcome_criterion ON extracted_outcome(acceptance_criterion_id);
CREATE TABLE analysis_settings (
    id TEXT PRIMARY KEY NOT NULL CHECK (id = '1'),
    proportion_transform TEXT,
    single_ci TEXT,
    notes TEXT,{_STAMPS}
);
-- Existing projects get the singleton row here; new ones when they are seeded.
INSERT INTO analysis_settings (id, created_at, created_by, updated_at)
    SELECT '1', strftime('%Y-%m-%dT%H:%M:%SZ', 'now'), 'cerdesk',
           strftime('%Y-%m-%dT%H:%M:%SZ', 'now')
    WHERE EXISTS (SELECT 1 FROM project);
"""
