-- HuntKB catalog schema, version 1. Append-only: once landed, never edit; add a new NNNN_name.sql instead.
-- Applied by GRDB's DatabaseMigrator (recorded in grdb_migrations) with foreign keys on.

-- Small key/value facts about the catalog itself (e.g. whether the seed was loaded).
CREATE TABLE catalog_meta (
    key   TEXT PRIMARY KEY NOT NULL,
    value TEXT NOT NULL
) WITHOUT ROWID;

-- One row per Sigma document, identified by its Sigma id (lower-cased). `kind` is rule, correlation or filter.
CREATE TABLE rule (
    id                   TEXT PRIMARY KEY NOT NULL,
    kind                 TEXT NOT NULL DEFAULT 'rule' CHECK (kind IN ('rule', 'correlation', 'filter')),
    title                TEXT NOT NULL,
    name                 TEXT,
    status               TEXT CHECK (status IN ('stable', 'test', 'experimental', 'deprecated', 'unsupported')),
    level                TEXT CHECK (level IN ('informational', 'low', 'medium', 'high', 'critical')),
    -- 5 = critical ... 1 = informational, 0 = none: sorts results without a CASE per row.
    level_rank           INTEGER NOT NULL DEFAULT 0,
    description          TEXT,
    author               TEXT,
    license              TEXT,
    taxonomy             TEXT,
    date                 TEXT,  -- ISO YYYY-MM-DD
    modified             TEXT,  -- ISO YYYY-MM-DD
    logsource_product    TEXT,
    logsource_category   TEXT,
    logsource_service    TEXT,
    logsource_definition TEXT,
    logsource_custom     TEXT NOT NULL DEFAULT '{}',  -- JSON object of non-standard logsource keys
    fields               TEXT NOT NULL DEFAULT '[]',  -- JSON array
    scope                TEXT NOT NULL DEFAULT '[]',  -- JSON array
    custom               TEXT NOT NULL DEFAULT '{}',  -- JSON object: top-level keys outside the spec, kept
    detection_json       TEXT NOT NULL,               -- the parsed detection (SigmaKit Codable), normalized JSON
    detection_text       TEXT NOT NULL DEFAULT '',    -- field names and values, flattened for full-text search
    yaml                 TEXT NOT NULL,               -- the original file text
    content_hash         TEXT NOT NULL,               -- SHA-256 (hex) of the original file bytes
    source_path          TEXT NOT NULL,               -- absolute path the rule was imported from
    imported_at          TEXT NOT NULL                -- ISO 8601 UTC, last time the row was written
);
CREATE INDEX rule_content_hash ON rule(content_hash);
CREATE INDEX rule_level_title ON rule(level_rank DESC, title);

-- Every tag as written, with its normalized forms. `technique` holds an upper-case ATT&CK technique id
-- (T1053.003) and `tactic` a tactic short name with hyphens (privilege-escalation) when the tag is one.
CREATE TABLE rule_tag (
    rule_id   TEXT NOT NULL REFERENCES rule(id) ON DELETE CASCADE,
    position  INTEGER NOT NULL,
    tag       TEXT NOT NULL,
    namespace TEXT NOT NULL,
    value     TEXT NOT NULL,
    technique TEXT,
    tactic    TEXT,
    PRIMARY KEY (rule_id, position)
) WITHOUT ROWID;
CREATE INDEX rule_tag_technique ON rule_tag(technique) WHERE technique IS NOT NULL;
CREATE INDEX rule_tag_tactic ON rule_tag(tactic) WHERE tactic IS NOT NULL;
CREATE INDEX rule_tag_tag ON rule_tag(tag COLLATE NOCASE);

CREATE TABLE rule_reference (
    rule_id  TEXT NOT NULL REFERENCES rule(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    url      TEXT NOT NULL,
    PRIMARY KEY (rule_id, position)
) WITHOUT ROWID;

-- The rule's own `falsepositives:` lines (scenarios written by analysts live elsewhere).
CREATE TABLE rule_falsepositive (
    rule_id  TEXT NOT NULL REFERENCES rule(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    text     TEXT NOT NULL,
    PRIMARY KEY (rule_id, position)
) WITHOUT ROWID;

-- `related:` entries. No foreign key: a related rule need not be in the catalog.
CREATE TABLE rule_related (
    rule_id    TEXT NOT NULL REFERENCES rule(id) ON DELETE CASCADE,
    position   INTEGER NOT NULL,
    related_id TEXT NOT NULL,
    type       TEXT NOT NULL,
    PRIMARY KEY (rule_id, position)
) WITHOUT ROWID;
CREATE INDEX rule_related_related ON rule_related(related_id);

-- Full-text index, kept in step with `rule` by the importer (rowid = rule.rowid).
CREATE VIRTUAL TABLE rule_fts USING fts5(
    title, description, tags, detection, falsepositives,
    tokenize = 'unicode61 remove_diacritics 2'
);

-- The loaded MITRE ATT&CK catalog (seeded, replaced by `huntkb attack import`).
CREATE TABLE attack_tactic (
    id         TEXT PRIMARY KEY NOT NULL,  -- TA0003
    short_name TEXT NOT NULL UNIQUE,       -- persistence
    name       TEXT NOT NULL,              -- Persistence
    url        TEXT
) WITHOUT ROWID;

CREATE TABLE attack_technique (
    id               TEXT PRIMARY KEY NOT NULL,  -- T1053.003
    name             TEXT NOT NULL,
    parent_id        TEXT,                       -- T1053 for a sub-technique
    is_subtechnique  INTEGER NOT NULL DEFAULT 0,
    platforms        TEXT NOT NULL DEFAULT '[]', -- JSON array
    url              TEXT,
    deprecated       INTEGER NOT NULL DEFAULT 0,
    revoked          INTEGER NOT NULL DEFAULT 0,
    revoked_by       TEXT                        -- the technique that replaced a revoked one
) WITHOUT ROWID;
CREATE INDEX attack_technique_parent ON attack_technique(parent_id);

CREATE TABLE attack_technique_tactic (
    technique_id TEXT NOT NULL REFERENCES attack_technique(id) ON DELETE CASCADE,
    tactic       TEXT NOT NULL,  -- tactic short name
    PRIMARY KEY (technique_id, tactic)
) WITHOUT ROWID;
CREATE INDEX attack_technique_tactic_tactic ON attack_technique_tactic(tactic);
