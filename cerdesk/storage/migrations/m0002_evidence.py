"""Migration 2: the evidence register — search runs, imported files and records.

Records have an integer primary key (a rowid alias), so that the full-text index,
which refers to rowids, survives VACUUM, copies and dumps. Their long texts (abstract,
raw record, other tags) live in ``record_text``, so that listing and sorting 100,000
records reads narrow rows. ``record_parked`` holds the
records of an import that was undone, until the undo history forgets that import.

The full-text index is kept by cerdesk's code, not by triggers: with
``trusted_schema=OFF`` (which protects against hostile project files) SQLite refuses
triggers that write to virtual tables.
"""

VERSION = 2
NAME = "evidence register: searches, records, duplicates, screening, full texts, other data"

_RECORD_COLUMNS = """
    source_index INTEGER NOT NULL,
    source_id TEXT,
    title TEXT,
    authors TEXT NOT NULL DEFAULT '[]',
    journal TEXT,
    journal_abbrev TEXT,
    year INTEGER,
    volume TEXT,
    issue TEXT,
    pages TEXT,
    doi TEXT,
    pmid TEXT,
    keywords TEXT NOT NULL DEFAULT '[]',
    language TEXT,
    publication_type TEXT,
    issn TEXT,
    url TEXT,
    created_at TEXT NOT NULL,
    created_by TEXT NOT NULL,
    updated_at TEXT NOT NULL"""

_TEXT_COLUMNS = """
    abstract TEXT,
    raw TEXT NOT NULL,
    extra TEXT NOT NULL DEFAULT '{}',
    created_at TEXT NOT NULL,
    created_by TEXT NOT NULL,
    updated_at TEXT NOT NULL"""

SQL = f"""
CREATE TABLE search_run (
    id TEXT PRIMARY KEY NOT NULL,
    position INTEGER NOT NULL DEFAULT 0,
    code TEXT,
    database TEXT,
    platform TEXT,
    category TEXT,
    query TEXT,
    run_on TEXT,
    date_from TEXT,
    date_to TEXT,
    limits TEXT,
    hits_reported INTEGER,
    run_by TEXT,
    deviation TEXT,
    notes TEXT,
    created_at TEXT NOT NULL,
    created_by TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
-- One imported export file; its records point to it.
CREATE TABLE import_file (
    id TEXT PRIMARY KEY NOT NULL,
    search_run_id TEXT NOT NULL REFERENCES search_run(id) ON DELETE RESTRICT,
    file_name TEXT NOT NULL,
    sha256 TEXT NOT NULL,
    size INTEGER NOT NULL,
    format TEXT NOT NULL,
    encoding TEXT NOT NULL,
    record_count INTEGER NOT NULL,
    skipped TEXT NOT NULL DEFAULT '[]',
    created_at TEXT NOT NULL,
    created_by TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX idx_import_file_run ON import_file(search_run_id);
CREATE INDEX idx_import_file_sha ON import_file(sha256);
CREATE TABLE record (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    import_file_id TEXT NOT NULL REFERENCES import_file(id) ON DELETE CASCADE,
    search_run_id TEXT NOT NULL REFERENCES search_run(id) ON DELETE RESTRICT,{_RECORD_COLUMNS}
);
CREATE INDEX idx_record_import ON record(import_file_id, source_index);
CREATE INDEX idx_record_run ON record(search_run_id);
CREATE INDEX idx_record_doi ON record(doi) WHERE doi IS NOT NULL;
CREATE INDEX idx_record_pmid ON record(pmid) WHERE pmid IS NOT NULL;
CREATE INDEX idx_record_year ON record(year, id);
-- Sorting the register uses these instead of reading the (wide) rows.
CREATE INDEX idx_record_title ON record(title COLLATE NOCASE, id);
CREATE INDEX idx_record_authors ON record(authors COLLATE NOCASE, id);
CREATE INDEX idx_record_journal ON record(journal COLLATE NOCASE, id);
-- The long texts of a record, apart so that listing and sorting read narrow rows.
CREATE TABLE record_text (
    id INTEGER PRIMARY KEY REFERENCES record(id) ON DELETE CASCADE,
    import_file_id TEXT NOT NULL,{_TEXT_COLUMNS}
);
CREATE INDEX idx_record_text_import ON record_text(import_file_id);
-- Records of undone imports, moved here by undo and back by redo (no constraints).
CREATE TABLE record_parked (
    id INTEGER PRIMARY KEY,
    import_file_id TEXT NOT NULL,
    search_run_id TEXT NOT NULL,{_RECORD_COLUMNS}
);
CREATE INDEX idx_record_parked_import ON record_parked(import_file_id);
CREATE TABLE record_text_parked (
    id INTEGER PRIMARY KEY,
    import_file_id TEXT NOT NULL,{_TEXT_COLUMNS}
);
CREATE INDEX idx_record_text_parked_import ON record_text_parked(import_file_id);
-- De-duplication: a duplicate record is linked to the record kept, never deleted.
-- id is the duplicate's record id; batch groups the links one operation made.
CREATE TABLE duplicate_link (
    id INTEGER PRIMARY KEY REFERENCES record(id) ON DELETE CASCADE,
    kept_id INTEGER NOT NULL REFERENCES record(id) ON DELETE CASCADE,
    rule TEXT NOT NULL,
    score REAL,
    batch TEXT NOT NULL,
    created_at TEXT NOT NULL,
    created_by TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    CHECK (id <> kept_id)
);
CREATE INDEX idx_duplicate_link_kept ON duplicate_link(kept_id);
CREATE INDEX idx_duplicate_link_batch ON duplicate_link(batch);
CREATE TABLE duplicate_link_parked (
    id INTEGER PRIMARY KEY,
    kept_id INTEGER NOT NULL,
    rule TEXT NOT NULL,
    score REAL,
    batch TEXT NOT NULL,
    created_at TEXT NOT NULL,
    created_by TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX idx_duplicate_link_parked_batch ON duplicate_link_parked(batch);
-- Pairs the matcher was unsure of, waiting for a person's decision.
CREATE TABLE duplicate_candidate (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    record_a INTEGER NOT NULL REFERENCES record(id) ON DELETE CASCADE,
    record_b INTEGER NOT NULL REFERENCES record(id) ON DELETE CASCADE,
    rule TEXT NOT NULL,
    score REAL,
    batch TEXT NOT NULL,
    created_at TEXT NOT NULL,
    created_by TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    CHECK (record_a < record_b),
    UNIQUE (record_a, record_b)
);
CREATE INDEX idx_duplicate_candidate_batch ON duplicate_candidate(batch);
CREATE TABLE duplicate_candidate_parked (
    id INTEGER PRIMARY KEY,
    record_a INTEGER NOT NULL,
    record_b INTEGER NOT NULL,
    rule TEXT NOT NULL,
    score REAL,
    batch TEXT NOT NULL,
    created_at TEXT NOT NULL,
    created_by TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX idx_duplicate_candidate_parked_batch ON duplicate_candidate_parked(batch);
-- "Not duplicates": a person's decision, remembered so the pair is never proposed again.
CREATE TABLE not_duplicate (
    id TEXT PRIMARY KEY NOT NULL,
    record_a INTEGER NOT NULL REFERENCES record(id) ON DELETE CASCADE,
    record_b INTEGER NOT NULL REFERENCES record(id) ON DELETE CASCADE,
    note TEXT,
    created_at TEXT NOT NULL,
    created_by TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    CHECK (record_a < record_b),
    UNIQUE (record_a, record_b)
);
-- Screening: one decision per record, stage and reviewer (changed in place, logged).
CREATE TABLE screening_decision (
    id TEXT PRIMARY KEY NOT NULL,
    record_id INTEGER NOT NULL REFERENCES record(id) ON DELETE CASCADE,
    stage TEXT NOT NULL CHECK (stage IN ('TITLE_ABSTRACT', 'FULL_TEXT')),
    reviewer TEXT NOT NULL,
    decision TEXT NOT NULL CHECK (decision IN ('INCLUDE', 'EXCLUDE', 'UNSURE')),
    reason_code TEXT,
    note TEXT,
    created_at TEXT NOT NULL,
    created_by TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    UNIQUE (record_id, stage, reviewer),
    CHECK (decision <> 'EXCLUDE' OR reason_code IS NOT NULL)
);
CREATE INDEX idx_screening_stage ON screening_decision(stage, record_id);
-- Full texts: files stored once by content (SHA-256), linked to records.
CREATE TABLE stored_file (
    sha256 TEXT PRIMARY KEY NOT NULL,
    size INTEGER NOT NULL,
    media_type TEXT NOT NULL,
    data BLOB NOT NULL,
    created_at TEXT NOT NULL
);
CREATE TABLE full_text (
    id TEXT PRIMARY KEY NOT NULL,
    record_id INTEGER NOT NULL UNIQUE REFERENCES record(id) ON DELETE CASCADE,
    status TEXT NOT NULL CHECK (status IN ('ATTACHED', 'NOT_RETRIEVED')),
    sha256 TEXT REFERENCES stored_file(sha256),
    file_name TEXT,
    note TEXT,
    created_at TEXT NOT NULL,
    created_by TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    CHECK ((status = 'ATTACHED') = (sha256 IS NOT NULL))
);
-- PRISMA distinguishes reports (records) from studies: several reports of one study
-- (e.g. 1-year and 5-year results of one cohort) are grouped; an ungrouped report is
-- a study of its own.
CREATE TABLE study (
    id TEXT PRIMARY KEY NOT NULL,
    code TEXT NOT NULL,
    label TEXT,
    created_at TEXT NOT NULL,
    created_by TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE TABLE study_report (
    id INTEGER PRIMARY KEY REFERENCES record(id) ON DELETE CASCADE,
    study_id TEXT NOT NULL REFERENCES study(id) ON DELETE CASCADE,
    created_at TEXT NOT NULL,
    created_by TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX idx_study_report_study ON study_report(study_id);
-- Words the screener sees highlighted, per eligibility criterion of the plan.
ALTER TABLE eligibility_criterion ADD COLUMN highlight_terms TEXT NOT NULL DEFAULT '[]';
-- Clinical data other than literature (cer-domain.md §2.6).
CREATE TABLE clinical_investigation (
    id TEXT PRIMARY KEY NOT NULL,
    position INTEGER NOT NULL DEFAULT 0,
    code TEXT,
    title TEXT,
    status TEXT,
    cip_ref TEXT,
    registration TEXT,
    design TEXT,
    devices TEXT,
    population TEXT,
    n_patients INTEGER,
    objectives_endpoints TEXT,
    follow_up TEXT,
    sites_countries TEXT,
    approvals TEXT,
    iso_14155 INTEGER CHECK (iso_14155 IN (0, 1)),
    cir_ref TEXT,
    publications TEXT,
    results TEXT,
    conclusions_valid TEXT,
    notes TEXT,
    created_at TEXT NOT NULL,
    created_by TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE TABLE pms_period (
    id TEXT PRIMARY KEY NOT NULL,
    position INTEGER NOT NULL DEFAULT 0,
    code TEXT,
    period_start TEXT,
    period_end TEXT,
    regions TEXT,
    units_sold INTEGER,
    exposure_estimate TEXT,
    complaints_total INTEGER,
    serious_incidents INTEGER,
    fscas INTEGER,
    trend_reports INTEGER,
    vigilance_searches TEXT,
    psur_ref TEXT,
    limitations TEXT,
    notes TEXT,
    created_at TEXT NOT NULL,
    created_by TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE TABLE pms_complaint_category (
    id TEXT PRIMARY KEY NOT NULL,
    pms_period_id TEXT NOT NULL REFERENCES pms_period(id) ON DELETE CASCADE,
    position INTEGER NOT NULL DEFAULT 0,
    category TEXT,
    count INTEGER,
    serious INTEGER,
    comment TEXT,
    created_at TEXT NOT NULL,
    created_by TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX idx_pms_complaint_category_parent ON pms_complaint_category(pms_period_id, position);
CREATE TABLE pmcf_study (
    id TEXT PRIMARY KEY NOT NULL,
    position INTEGER NOT NULL DEFAULT 0,
    code TEXT,
    title TEXT,
    status TEXT,
    design TEXT,
    registration TEXT,
    population TEXT,
    n_patients INTEGER,
    follow_up TEXT,
    objectives TEXT,
    results TEXT,
    report_ref TEXT,
    notes TEXT,
    created_at TEXT NOT NULL,
    created_by TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE TABLE registry_source (
    id TEXT PRIMARY KEY NOT NULL,
    position INTEGER NOT NULL DEFAULT 0,
    code TEXT,
    name TEXT,
    coverage TEXT,
    device_relation TEXT,
    n_devices INTEGER,
    access TEXT,
    results TEXT,
    report_ref TEXT,
    notes TEXT,
    created_at TEXT NOT NULL,
    created_by TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
-- What the full-text index covers.
CREATE VIEW record_search AS
    SELECT r.id AS id, r.title AS title, t.abstract AS abstract, r.keywords AS keywords
    FROM record r JOIN record_text t ON t.id = r.id;
CREATE VIRTUAL TABLE record_fts USING fts5(
    title, abstract, keywords,
    content='record_search', content_rowid='id', tokenize='unicode61 remove_diacritics 2'
);
"""
