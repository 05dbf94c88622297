#!/usr/bin/env python3
"""gen-memory.py - a large synthetic memory for latency checks.

    tests/sim/gen-memory.py [N] > memory.jsonl     (N commands, default 1e6)
    hersh -c 'companion import memory.jsonl'

Writes N command events in the import format (docs/protocol.md), spread
over a year, in ~300 directories and ~40 sessions a week, with habits the
recall ranking can find (git add -> git commit -> git push; make -> make
test) and a long tail of one-off lines.  Deterministic (fixed seed).
"""
import json
import random
import sys
import time

N = int(float(sys.argv[1])) if len(sys.argv) > 1 else 1000000
rng = random.Random(6)
dirs = ["/home/theo"] + ["/home/theo/src/proj%d" % i for i in range(200)] + \
       ["/home/theo/writing/book%d" % i for i in range(60)] + \
       ["/home/theo/tmp/t%d" % i for i in range(40)]
habits = [
    ["git status", "git add -A", "git commit -m wip", "git push"],
    ["make", "make test", "./run.sh --check"],
    ["cargo build", "cargo test", "cargo run -- --help"],
    ["vim notes.md", "pandoc notes.md -o notes.pdf"],
    ["ls -la", "cd ..", "ls"],
]
words = ["grep -rn %s .", "vim src/%s.c", "less log/%s.txt", "man %s",
         "rg %s", "find . -name '*%s*'", "ssh %s", "python3 %s.py"]
start = time.mktime((2025, 11, 20, 8, 0, 0, 0, 0, -1))
t = start
step = 365 * 86400 / N
out = sys.stdout
session = 0
i = 0
while i < N:
    if rng.random() < 0.01:
        session += 1
    d = rng.choice(dirs[:20]) if rng.random() < 0.7 else rng.choice(dirs)
    if rng.random() < 0.6:
        seq = rng.choice(habits)
    else:
        seq = [rng.choice(words) % ("w%d" % rng.randint(0, 20000))]
    for line in seq:
        if i >= N:
            break
        t += step * rng.uniform(0.5, 1.5)
        ev = {"type": "command",
              "time": time.strftime("%Y-%m-%dT%H:%M:%S", time.localtime(t)),
              "cwd": d, "cmd": line, "status": 0 if rng.random() < 0.93
              else 1, "duration_ms": rng.randint(1, 5000),
              "session": "g%d" % session}
        out.write(json.dumps(ev) + "\n")
        i += 1
