-- Rule lifecycle (issue 7): import runs, per-rule change history, removed rules and local team status.
-- Rule ids in `rule_event` are not foreign keys: history outlives the rows it describes.

-- One row per import run. `source` names where the rules came from (a checkout of SigmaHQ, a team repo...).
-- `scope` is 'full' when the run walked every root folder of its source (only such runs mark rules removed).
CREATE TABLE import_run (
    id          INTEGER PRIMARY KEY,
    source      TEXT NOT NULL,
    paths       TEXT NOT NULL DEFAULT '[]',   -- JSON array: the absolute paths given to the import
    scope       TEXT NOT NULL DEFAULT 'partial' CHECK (scope IN ('full', 'partial')),
    commit_id   TEXT,                          -- git HEAD when the first path is inside a work tree
    commit_date TEXT,                          -- ISO 8601 committer date of that commit
    tag         TEXT,                          -- `git describe --tags --exact-match`, when HEAD is tagged
    started_at  TEXT NOT NULL,                 -- ISO 8601 UTC
    finished_at TEXT,                          -- NULL only inside the import transaction
    files       INTEGER NOT NULL DEFAULT 0,
    added       INTEGER NOT NULL DEFAULT 0,
    updated     INTEGER NOT NULL DEFAULT 0,
    unchanged   INTEGER NOT NULL DEFAULT 0,
    removed     INTEGER NOT NULL DEFAULT 0,
    restored    INTEGER NOT NULL DEFAULT 0,
    rejected    INTEGER NOT NULL DEFAULT 0,
    events      INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX import_run_source ON import_run(source, id);

-- What each source's full import walks: the folders of its last full run.
CREATE TABLE import_source (
    name     TEXT PRIMARY KEY NOT NULL,
    roots    TEXT NOT NULL DEFAULT '[]',       -- JSON array of absolute folders
    last_run INTEGER REFERENCES import_run(id)
) WITHOUT ROWID;

-- Lifecycle state of each catalog rule, beside the row the importer rewrites.
CREATE TABLE rule_lifecycle (
    rule_id      TEXT PRIMARY KEY NOT NULL REFERENCES rule(id) ON DELETE CASCADE,
    source       TEXT,                         -- the source that last imported the rule; NULL before history
    path         TEXT NOT NULL,                -- where that import found it
    removed_run  INTEGER REFERENCES import_run(id),  -- set while the rule is gone from its source
    local_status TEXT,                         -- the team's own state (deployed, tuning, deprecated...)
    local_note   TEXT,
    local_at     TEXT
) WITHOUT ROWID;
CREATE INDEX rule_lifecycle_removed ON rule_lifecycle(removed_run) WHERE removed_run IS NOT NULL;
CREATE INDEX rule_lifecycle_local ON rule_lifecycle(local_status) WHERE local_status IS NOT NULL;
CREATE INDEX rule_lifecycle_source ON rule_lifecycle(source);

-- The timeline: one row per observed change. `run_id` is NULL for local decisions (`huntkb status set`).
CREATE TABLE rule_event (
    id        INTEGER PRIMARY KEY,
    rule_id   TEXT NOT NULL,
    run_id    INTEGER REFERENCES import_run(id),
    kind      TEXT NOT NULL CHECK (kind IN ('added', 'modified', 'status', 'level', 'tags', 'deprecated',
                                            'removed', 'restored', 'source', 'local')),
    title     TEXT NOT NULL,                   -- the rule's title at the time
    old_value TEXT,                            -- modified: the rule's `modified` date before; status/level: before
    new_value TEXT,
    fields    TEXT,                            -- modified: JSON array of the top-level keys that changed
    detail    TEXT,                            -- deprecated: 'status' or the new path; removed: the last path
    note      TEXT,                            -- local: the team's note
    at        TEXT NOT NULL                    -- ISO 8601 UTC
);
CREATE INDEX rule_event_rule ON rule_event(rule_id, id);
CREATE INDEX rule_event_run ON rule_event(run_id, kind);

-- Rules already in the catalog start with a baseline state and no events (their first import claims them).
INSERT INTO rule_lifecycle(rule_id, source, path)
SELECT id, CASE WHEN source_path LIKE 'huntkb-seed:%' THEN 'huntkb-seed' END, source_path FROM rule;
