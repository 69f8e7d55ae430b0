#!/usr/bin/env python3
"""Writes a synthetic catalog of N Sigma rules for scale benchmarks (not a test fixture).

    Scripts/gen-synthetic-rules.py CORPUS OUT [N=100000]

Each rule is a single-document rule of CORPUS (SigmaHQ's rules/ folders) with a new id (uuid5 of its number)
and a numbered title, so the catalog holds N distinct rules with real detections, tags and log sources.
Files go 1,000 to a folder. The output is deterministic.
"""
import os
import re
import sys
import uuid

corpus, out = sys.argv[1], sys.argv[2]
count = int(sys.argv[3]) if len(sys.argv) > 3 else 100_000
sources = []
for root, dirs, files in os.walk(corpus):
    dirs.sort()
    if "/deprecated" in root or "/unsupported" in root:
        continue
    for name in sorted(files):
        if not name.endswith(".yml"):
            continue
        text = open(os.path.join(root, name), encoding="utf-8").read()
        if "\n---" in text or not re.search(r"^id: ", text, re.M) or "correlation:" in text or "\nfilter:" in text:
            continue
        sources.append(text)
if not sources:
    sys.exit(f"gen-synthetic-rules: no rule under {corpus}")
namespace = uuid.UUID("6b14bac8-3e3a-4324-8109-42f0546a347f")
for i in range(count):
    text = sources[i % len(sources)]
    text = re.sub(r"^id: .*$", f"id: {uuid.uuid5(namespace, str(i))}", text, count=1, flags=re.M)
    text = re.sub(r"^title: (.*)$", lambda m: f"title: {m.group(1)} #{i}", text, count=1, flags=re.M)
    folder = os.path.join(out, f"{i // 1000:03d}")
    os.makedirs(folder, exist_ok=True)
    with open(os.path.join(folder, f"rule_{i:06d}.yml"), "w", encoding="utf-8") as f:
        f.write(text)
print(f"{count} rules from {len(sources)} originals in {out}")
