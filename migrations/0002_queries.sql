-- Generated queries (issue 4): one row per rule and conversion target, regenerated when the rule's content
-- hash or the generator version changes. Append-only once landed.
CREATE TABLE rule_query (
    rule_id           TEXT NOT NULL REFERENCES rule(id) ON DELETE CASCADE,
    target            TEXT NOT NULL,              -- kusto, splunk, lucene
    pipeline          TEXT NOT NULL DEFAULT '',   -- sentinel_asim, microsoft_xdr, azure_monitor; '' for none
    query             TEXT,                       -- the generated query, NULL when generation failed
    error             TEXT,                       -- why generation failed, NULL on success
    error_kind        TEXT,                       -- ConversionError kind (unmapped-logsource, unsupported...)
    generator_version TEXT NOT NULL,              -- Converter.generatorVersion that produced the row
    rule_hash         TEXT NOT NULL,              -- rule.content_hash the query was generated from
    generated_at      TEXT NOT NULL,              -- ISO 8601 UTC
    PRIMARY KEY (rule_id, target, pipeline),
    CHECK ((query IS NULL) <> (error IS NULL))
) WITHOUT ROWID;
CREATE INDEX rule_query_target ON rule_query(target, pipeline);
