#!/usr/bin/env python3
"""Zircolite-style yardstick for `huntkb hunt`: pySigma's sqlite backend (+ sysmon and windows log-source
pipelines) converts the rules, the events go into one SQLite table (every field a TEXT COLLATE NOCASE
column, as Zircolite builds it), and every query runs over the table.

  Scripts/eval-baseline-sqlite.py RULES_DIR EVENTS.jsonl [--limit N]

Prints conversion, load and query seconds, events/s (load + queries, one core) and peak memory.
Needs /work/venv (pySigma 1.5.1, pysigma-backend-sqlite, the sysmon and windows pipelines).
"""
import json
import pathlib
import re
import resource
import sqlite3
import sys
import time

from sigma.collection import SigmaCollection
from sigma.backends.sqlite import sqliteBackend
from sigma.pipelines.sysmon import sysmon_pipeline
from sigma.pipelines.windows import windows_logsource_pipeline

rules_dir, events_path = sys.argv[1], sys.argv[2]
limit = int(sys.argv[sys.argv.index("--limit") + 1]) if "--limit" in sys.argv else None

t0 = time.process_time()
backend = sqliteBackend(sysmon_pipeline() + windows_logsource_pipeline())
queries, failed = [], 0
for path in sorted(pathlib.Path(rules_dir).rglob("*.yml")):
    try:
        collection = SigmaCollection.from_yaml(path.read_text(encoding="utf-8"))
        for q in backend.convert(collection):
            if isinstance(q, str):
                queries.append(q)
    except Exception:
        failed += 1
# Rules that are not Windows get no log-source condition from these pipelines; like `hunt`, leave them out.
convert_s = time.process_time() - t0

t1 = time.process_time()
rows, columns = [], {}
with open(events_path, encoding="utf-8") as f:
    for i, line in enumerate(f):
        if limit is not None and i >= limit:
            break
        record = json.loads(line)
        rows.append(record)
        for k in record:
            columns.setdefault(k, len(columns))
db = sqlite3.connect(":memory:")
db.create_function("regexp", 2, lambda p, v: v is not None and re.search(p, v) is not None, deterministic=True)
names = list(columns)
db.execute("CREATE TABLE logs (row_id INTEGER PRIMARY KEY, "
           + ", ".join(f'"{n}" TEXT COLLATE NOCASE' for n in names) + ")")
insert = "INSERT INTO logs (" + ", ".join(f'"{n}"' for n in names) + ") VALUES (" + ", ".join("?" * len(names)) + ")"
db.executemany(insert, ([None if r.get(n) is None else str(r[n]) for n in names] for r in rows))
load_s = time.process_time() - t1

t2 = time.process_time()
matches = errors = 0
known = set(names)
for q in queries:
    try:
        matches += len(db.execute(q).fetchall())
    except sqlite3.OperationalError:
        # Zircolite skips queries naming columns the logs do not have.
        errors += 1
query_s = time.process_time() - t2
peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
n = len(rows)
print(f"sqlite baseline: {len(queries)} queries ({failed} rules not converted, {errors} queries failed on missing columns), "
      f"{n} events, {matches} matches")
print(f"sqlite baseline: convert {convert_s:.1f} s, load {load_s:.1f} s, queries {query_s:.1f} s CPU; "
      f"{n / (load_s + query_s):.0f} events/s per core (load + queries), peak memory {peak_mb:.0f} MB")
