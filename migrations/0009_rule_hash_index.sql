-- Every import starts by reading each stored rule's id, content hash and source path. In `rule` those columns
-- sit after the YAML, so a scan of the table read every row's YAML (overflow pages included): most of an
-- unchanged re-import. This covering index holds just them and is scanned instead.
CREATE INDEX rule_id_hash_path ON rule(id, content_hash, source_path);
