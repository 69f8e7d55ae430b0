-- Validator warnings of each stored rule (issue 3 item 6): SigmaHQ conventions and ATT&CK tag checks that
-- do not make a rule invalid. Replaced whenever the import parses the rule's file again. An unchanged file
-- (same SHA-256) is not parsed, so its warnings stay as stored, except that the first import after the ATT&CK
-- catalog changed (`huntkb attack import`) parses every file again and recomputes them.
CREATE TABLE rule_warning (
    rule_id  TEXT NOT NULL REFERENCES rule(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,     -- order of the validator's output
    code     TEXT NOT NULL,        -- WarningCode raw value, e.g. missing-description
    message  TEXT NOT NULL,
    line     INTEGER,              -- 1-based position in the rule file, NULL when unknown
    "column" INTEGER,
    PRIMARY KEY (rule_id, position)
) WITHOUT ROWID;
CREATE INDEX rule_warning_code ON rule_warning(code);
