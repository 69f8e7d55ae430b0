-- False-positive scenarios and hunting notes (hunt guides, issue 6).
-- Rule ids are not foreign keys: rules are re-imported and replaced, and tuning knowledge must survive that.
-- The code checks that a scenario's rule exists when it is added or imported.

CREATE TABLE fp_scenario (
    id               INTEGER PRIMARY KEY,
    rule_id          TEXT NOT NULL,                    -- Sigma rule id, lowercase
    title            TEXT NOT NULL CHECK (length(trim(title)) > 0),
    description      TEXT NOT NULL DEFAULT '',
    exclusion        TEXT NOT NULL DEFAULT '',         -- filter/exclusion guidance
    example_filter   TEXT NOT NULL DEFAULT '',
    example_language TEXT NOT NULL DEFAULT 'kql',      -- fence language of example_filter
    filter_yaml      TEXT,                             -- optional Sigma filter document
    author           TEXT,
    created          TEXT NOT NULL,                    -- YYYY-MM-DD
    updated          TEXT NOT NULL,                    -- YYYY-MM-DD
    position         INTEGER NOT NULL DEFAULT 0,       -- display order within the rule
    UNIQUE (rule_id, title)
);
CREATE INDEX fp_scenario_by_rule ON fp_scenario (rule_id, position, id);

CREATE TABLE hunting_note (
    subject_kind TEXT NOT NULL CHECK (subject_kind IN ('rule', 'technique')),
    subject      TEXT NOT NULL,                        -- rule id (lowercase) or technique id (uppercase)
    text         TEXT NOT NULL,
    author       TEXT,
    created      TEXT NOT NULL,
    updated      TEXT NOT NULL,
    PRIMARY KEY (subject_kind, subject)
);
