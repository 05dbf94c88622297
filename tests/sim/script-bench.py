#!/usr/bin/env python3
"""script-bench.py - a script of interactive commands typed into hersh
through a pty, back to back, with the companion on (a running hershd over
HOME's memory) and off (HERSH_NO_COMPANION=1), in one run.

    HOME=... XDG_*=... tests/sim/script-bench.py [-n N] [--only LINE] [HERSH]

The script is N (default 2,000) command lines drawn, with a fixed seed,
from what people type at a prompt: builtins (cd, pwd, echo, export, test,
type) and small programs (ls, cat, grep, wc, head, sort, find, stat, date,
git status/log/diff) over a little project made in a temporary directory.
--only LINE types LINE N times instead (`--only true` is the worst case:
nothing to hide the companion's cost behind).

Both shells run the same lines in blocks of 100, alternating which goes
first, so that drift in the machine's load falls on both alike; -r R
(default 3) runs the script R times over.  Prints the total time of
each, their ratio, the median of the ratios of the blocks run side by
side (which a burst of other load on the machine does not move), and the
median time per command.
"""
import os
import pty
import random
import select
import shutil
import statistics
import struct
import subprocess
import sys
import tempfile
import time
import fcntl
import termios

PROMPT = b"BENCHREADY$ "
BLOCK = 100


def make_project(root):
    src = os.path.join(root, "src")
    os.makedirs(os.path.join(src, "lib"))
    os.makedirs(os.path.join(root, "docs"))
    for i in range(24):
        with open(os.path.join(src, "mod%02d.c" % i), "w") as f:
            for j in range(40):
                f.write("int f%d_%d(int x) { return x + %d; } /* %s */\n"
                        % (i, j, j, "TODO" if j % 9 == 0 else "ok"))
    for i in range(6):
        with open(os.path.join(src, "lib", "util%d.h" % i), "w") as f:
            f.write("#define UTIL%d %d\n" % (i, i))
    with open(os.path.join(root, "notes.md"), "w") as f:
        for i in range(60):
            f.write("- note %d: remember the %s\n" % (i, "milk" if i % 7
                                                       else "deadline"))
    with open(os.path.join(root, "build.log"), "w") as f:
        for i in range(300):
            f.write("%04d %s step %d\n" % (i, "WARN" if i % 13 == 0
                                          else "INFO", i))
    env = dict(os.environ, GIT_AUTHOR_NAME="t", GIT_AUTHOR_EMAIL="t@t",
               GIT_COMMITTER_NAME="t", GIT_COMMITTER_EMAIL="t@t")
    if shutil.which("git"):
        for args in (["init", "-q"], ["add", "-A"],
                     ["commit", "-qm", "first"]):
            subprocess.run(["git"] + args, cwd=root, env=env, check=False,
                           stdout=subprocess.DEVNULL,
                           stderr=subprocess.DEVNULL)
        with open(os.path.join(root, "notes.md"), "a") as f:
            f.write("- a change\n")


# (weight, line); a cd is followed by its way back so the walk stays put
LINES = [
    (6, "ls"), (4, "ls -la"), (2, "ls src"), (4, "pwd"),
    (4, "echo building"), (2, "export STAGE=test"), (3, "true"),
    (2, "test -f notes.md && echo yes"), (2, "type ls"),
    (4, "cat notes.md"), (4, "grep -n TODO src/mod03.c"),
    (3, "grep -c WARN build.log"), (3, "wc -l notes.md"),
    (3, "head -5 build.log"), (2, "tail -3 build.log"),
    (2, "sort -r notes.md | head -3"), (2, "find src -name '*.h'"),
    (2, "stat -c %s notes.md"), (2, "date +%H:%M"),
    (5, "git status --short"), (3, "git log --oneline -3"),
    (2, "git diff --stat"), (4, "cd src"), (2, "cd docs"),
]


def make_script(n, only):
    if only is not None:
        return [only] * n
    rng = random.Random(2000)
    pool = [line for w, line in LINES for _ in range(w)]
    out = []
    while len(out) < n:
        line = rng.choice(pool)
        out.append(line)
        if line.startswith("cd ") and len(out) < n:
            out.append("cd ..")
    return out[:n]


def spawn(hersh, cwd, extra):
    env = dict(os.environ)
    env.update({"PS1": PROMPT.decode(), "TERM": "xterm",
                "INPUTRC": "/dev/null", "HERSH_BUDGET_MS": "20",
                "PAGER": "cat", "GIT_PAGER": "cat"})
    env.update(extra)
    pid, fd = pty.fork()
    if pid == 0:
        os.chdir(cwd)
        os.execve(hersh, ["hersh"], env)
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", 50, 120, 0, 0))
    return pid, fd


def wait_prompt(fd, limit=20):
    out = b""
    end = time.perf_counter() + limit
    while not out.endswith(PROMPT):
        r, _, _ = select.select([fd], [], [], max(0, end - time.perf_counter()))
        if not r:
            raise SystemExit("timeout waiting for the prompt: %r"
                             % out[-200:])
        out += os.read(fd, 65536)


def main():
    args = sys.argv[1:]
    n, only, rounds = 2000, None, 3
    while args and args[0].startswith("-"):
        if args[0] == "-n":
            n = int(args[1])
        elif args[0] == "--only":
            only = args[1]
        elif args[0] == "-r":
            rounds = int(args[1])
        args = args[2:]
    hersh = os.path.abspath(args[0] if args else "./hersh")
    script = make_script(n, only)
    work = tempfile.mkdtemp(prefix="hersh-script-")
    shells = {}
    try:
        make_project(work)
        shells = {"on": spawn(hersh, work, {"HERSH_NO_COMPANION": "0"}),
                  "off": spawn(hersh, work, {"HERSH_NO_COMPANION": "1"})}
        for _, fd in shells.values():
            wait_prompt(fd)
            for _ in range(5):          # warm up (the daemon connects)
                os.write(fd, b"true\r")
                wait_prompt(fd)
        total = {"on": 0.0, "off": 0.0}
        per = {"on": [], "off": []}
        pairs = []
        for b in range(0, len(script) * rounds, BLOCK):
            block = [script[i % len(script)] for i in
                     range(b, min(b + BLOCK, len(script) * rounds))]
            took = {}
            for name in ("on", "off") if (b // BLOCK) % 2 else ("off", "on"):
                fd = shells[name][1]
                start = time.perf_counter()
                for line in block:
                    t = time.perf_counter()
                    os.write(fd, line.encode() + b"\r")
                    wait_prompt(fd)
                    per[name].append((time.perf_counter() - t) * 1000)
                took[name] = (time.perf_counter() - start) * 1000
                total[name] += took[name]
            pairs.append(took["on"] / took["off"])
        what = ("%d x `%s`" % (n, only) if only is not None else
                "a script of %d interactive commands" % n)
        print("%s (x%d): companion on %.0f ms, off %.0f ms, ratio %.3f, "
              "median block ratio %.3f (median per command %.2f / %.2f ms)"
              % (what, rounds, total["on"], total["off"],
                 total["on"] / total["off"], statistics.median(pairs),
                 statistics.median(per["on"]), statistics.median(per["off"])))
    finally:
        for pid, fd in shells.values():
            try:
                os.write(fd, b"exit\r")
            except OSError:
                pass
            os.close(fd)
            os.waitpid(pid, 0)
        shutil.rmtree(work, ignore_errors=True)


main()
