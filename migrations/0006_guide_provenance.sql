-- Hunt guides: who wrote which part of a false-positive scenario, and analysts' ADS-style sections per rule.
-- completed_fields: space-separated scenario fields (title, description, exclusion, example_filter) that were
-- missing from the scenario's source and written by HuntKB; the other fields are the author's words as written.
ALTER TABLE fp_scenario ADD COLUMN completed_fields TEXT NOT NULL DEFAULT '';
-- HuntKB's reading of the author's exclusion guidance, shown beside its Sigma filter and tuned queries.
ALTER TABLE fp_scenario ADD COLUMN translation_note TEXT;

-- Optional Alerting-and-Detection-Strategy sections written by analysts for a rule (guide files, key `ads`).
CREATE TABLE guide_ads (
    rule_id     TEXT PRIMARY KEY,                     -- Sigma rule id, lowercase (not a foreign key, as fp_scenario)
    goal        TEXT,
    blind_spots TEXT,
    validation  TEXT,
    response    TEXT,
    priority    TEXT
);
