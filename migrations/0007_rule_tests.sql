-- Rule tests: events that prove a rule and its false-positive exclusions, and the last result of running them.
-- Rule ids are not foreign keys (as for scenarios): rules are re-imported and replaced, their tests stay.

-- One set of sample events: an attack sample the rule must match `match_count` times (SigmaHQ regression
-- data or the seed), or a benign sample of one false-positive scenario, which the rule matches and the
-- scenario's filter removes.
CREATE TABLE rule_test_event (
    id             INTEGER PRIMARY KEY,
    rule_id        TEXT NOT NULL,                              -- Sigma rule id, lowercase
    kind           TEXT NOT NULL CHECK (kind IN ('attack', 'benign')),
    scenario_title TEXT,                                       -- benign samples: the fp_scenario title
    name           TEXT NOT NULL DEFAULT '',                   -- test name from info.yml
    match_count    INTEGER,                                    -- attack samples: expected matches, NULL = at least one
    events_json    TEXT NOT NULL,                              -- the records as read (JSON, JSON Lines, concatenated)
    origin         TEXT NOT NULL,                              -- folder or seed path it was imported from
    imported_at    TEXT NOT NULL,                              -- ISO 8601 UTC
    UNIQUE (rule_id, kind, origin, name)
);
CREATE INDEX rule_test_event_by_rule ON rule_test_event (rule_id, kind, id);

-- The outcome of `huntkb test` per rule, with the engine version that produced it (a newer engine makes a
-- result stale).
CREATE TABLE rule_test_result (
    rule_id        TEXT PRIMARY KEY NOT NULL,
    engine_version TEXT NOT NULL,
    tested_at      TEXT NOT NULL,                              -- ISO 8601 UTC
    passed         INTEGER NOT NULL CHECK (passed IN (0, 1)),
    event_count    INTEGER NOT NULL,                           -- records evaluated (attack + benign)
    checks_json    TEXT NOT NULL DEFAULT '[]'                  -- [{"check","passed","detail"}] in run order
) WITHOUT ROWID;
