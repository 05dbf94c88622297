#!/usr/bin/env python3
"""prompt-latency.py - time from Enter to the next prompt, companion on
(a running hershd over HOME's memory) against off (HERSH_NO_COMPANION=1),
in one run, alternating so that machine drift affects both alike.

    HOME=... XDG_*=... tests/sim/prompt-latency.py [-n N] [HERSH]

The environment's HOME and XDG_* directories are used as they are (point
them at a memory made with gen-memory.py and `companion import`).
Prints median, p90 and p99 in milliseconds for both.
"""
import os
import pty
import select
import statistics
import sys
import time

N = 300
args = sys.argv[1:]
if args[:1] == ["-n"]:
    N = int(args[1])
    args = args[2:]
HERSH = os.path.abspath(args[0] if args else "./hersh")


def spawn(extra):
    env = dict(os.environ)
    env.update({"PS1": "LATREADY$ ", "TERM": "xterm", "INPUTRC": "/dev/null",
                "HERSH_BUDGET_MS": "20"})
    env.update(extra)
    pid, fd = pty.fork()
    if pid == 0:
        os.execve(HERSH, ["hersh"], env)
    return pid, fd


def wait_for(fd, pat, limit=10):
    out = b""
    end = time.perf_counter() + limit
    while pat not in out:
        r, _, _ = select.select([fd], [], [], max(0, end - time.perf_counter()))
        if not r:
            raise SystemExit("timeout waiting for %r: %r" % (pat, out[-200:]))
        out += os.read(fd, 65536)
    return out


def main():
    shells = {"on": spawn({"HERSH_NO_COMPANION": "0"}),
              "off": spawn({"HERSH_NO_COMPANION": "1"})}
    for _, fd in shells.values():
        wait_for(fd, b"LATREADY$ ")
    for name, (_, fd) in shells.items():      # warm up (daemon connect)
        for _ in range(5):
            os.write(fd, b"true\r")
            wait_for(fd, b"LATREADY$ ")
    times = {"on": [], "off": []}
    for i in range(N):
        for name in ("on", "off") if i % 2 else ("off", "on"):
            fd = shells[name][1]
            line = b"true\r" if i % 3 else b"git status >/dev/null 2>&1\r"
            t = time.perf_counter()
            os.write(fd, line)
            wait_for(fd, b"LATREADY$ ")
            times[name].append((time.perf_counter() - t) * 1000)
    for name, v in times.items():
        v.sort()
        print("companion %-3s: median %.2f ms, p90 %.2f ms, p99 %.2f ms "
              "(%d prompts)" % (name, statistics.median(v),
                                v[int(len(v) * 0.9)], v[int(len(v) * 0.99)],
                                len(v)))
    for pid, fd in shells.values():
        os.write(fd, b"exit\r")
        os.close(fd)
        os.waitpid(pid, 0)


main()
