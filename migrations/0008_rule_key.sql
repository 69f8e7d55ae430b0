-- `rule` gains an explicit integer key. The full-text index (rule_fts) is keyed by it; an implicit rowid may
-- be renumbered by VACUUM, an INTEGER PRIMARY KEY never is. Existing rows keep their rowid as their key, so
-- rule_fts stays in step. The Sigma id stays unique and is still what every other table references.
-- Rebuilt the way SQLite documents for schema changes (foreign keys are checked after the migration).
CREATE TABLE rule_keyed (
    key                  INTEGER PRIMARY KEY,
    id                   TEXT NOT NULL UNIQUE,
    kind                 TEXT NOT NULL DEFAULT 'rule' CHECK (kind IN ('rule', 'correlation', 'filter')),
    title                TEXT NOT NULL,
    name                 TEXT,
    status               TEXT CHECK (status IN ('stable', 'test', 'experimental', 'deprecated', 'unsupported')),
    level                TEXT CHECK (level IN ('informational', 'low', 'medium', 'high', 'critical')),
    level_rank           INTEGER NOT NULL DEFAULT 0,
    description          TEXT,
    author               TEXT,
    license              TEXT,
    taxonomy             TEXT,
    date                 TEXT,
    modified             TEXT,
    logsource_product    TEXT,
    logsource_category   TEXT,
    logsource_service    TEXT,
    logsource_definition TEXT,
    logsource_custom     TEXT NOT NULL DEFAULT '{}',
    fields               TEXT NOT NULL DEFAULT '[]',
    scope                TEXT NOT NULL DEFAULT '[]',
    custom               TEXT NOT NULL DEFAULT '{}',
    detection_json       TEXT NOT NULL,
    detection_text       TEXT NOT NULL DEFAULT '',
    yaml                 TEXT NOT NULL,
    content_hash         TEXT NOT NULL,
    source_path          TEXT NOT NULL,
    imported_at          TEXT NOT NULL
);
INSERT INTO rule_keyed (key, id, kind, title, name, status, level, level_rank, description, author, license, taxonomy,
                        date, modified, logsource_product, logsource_category, logsource_service, logsource_definition,
                        logsource_custom, fields, scope, custom, detection_json, detection_text, yaml, content_hash,
                        source_path, imported_at)
SELECT rowid, id, kind, title, name, status, level, level_rank, description, author, license, taxonomy,
       date, modified, logsource_product, logsource_category, logsource_service, logsource_definition,
       logsource_custom, fields, scope, custom, detection_json, detection_text, yaml, content_hash,
       source_path, imported_at
FROM rule;
DROP TABLE rule;
ALTER TABLE rule_keyed RENAME TO rule;
CREATE INDEX rule_content_hash ON rule(content_hash);
CREATE INDEX rule_level_title ON rule(level_rank DESC, title);
