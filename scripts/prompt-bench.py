#!/usr/bin/env python3
"""prompt-bench.py - time from start to the first prompt, and RSS at the
prompt, for interactive shells in a pty, side by side in one run.

    prompt-bench.py [-n RUNS] SHELL...

Each shell starts with an empty HOME (no startup files), PS1=BENCHREADY$,
TERM=xterm, in a fresh pseudo-terminal.  Runs alternate between shells so
drift in machine speed affects all alike.  Prints the median time to the
prompt and the median VmRSS read from /proc while the shell waits.
"""
import os, pty, select, shutil, signal, statistics, sys, tempfile, time

ARGV = {
    "bash": ["bash", "--norc", "--noprofile", "-i"],
    "dash": ["dash", "-i"],
}


def one(shell):
    home = tempfile.mkdtemp(prefix="hersh-pbench.")
    env = {"HOME": home, "PATH": "/usr/local/bin:/usr/bin:/bin",
           "PS1": "BENCHREADY$ ", "TERM": "xterm", "LC_ALL": "C",
           "HERSH_NO_COMPANION": "1", "INPUTRC": "/dev/null",
           "XDG_CONFIG_HOME": home + "/.config",
           "XDG_DATA_HOME": home + "/.local/share"}
    name = os.path.basename(shell.split()[0])
    argv = ARGV.get(name, shell.split() + ["-i"])
    start = time.perf_counter()
    pid, fd = pty.fork()
    if pid == 0:
        os.execve(shutil.which(argv[0]) or argv[0], argv, env)
    out = b""
    elapsed = None
    deadline = start + 5
    while time.perf_counter() < deadline:
        r, _, _ = select.select([fd], [], [], 0.05)
        if r:
            try:
                out += os.read(fd, 4096)
            except OSError:
                break
            if b"BENCHREADY$" in out:
                elapsed = time.perf_counter() - start
                break
    rss = None
    time.sleep(0.05)
    try:
        with open("/proc/%d/status" % pid) as f:
            for line in f:
                if line.startswith("VmRSS:"):
                    rss = int(line.split()[1])
    except OSError:
        pass
    os.kill(pid, signal.SIGKILL)
    os.waitpid(pid, 0)
    os.close(fd)
    shutil.rmtree(home, ignore_errors=True)
    return elapsed, rss


def main():
    args = sys.argv[1:]
    runs = 20
    if len(args) >= 2 and args[0] == "-n":
        runs = int(args[1])
        args = args[2:]
    shells = args or ["./hersh", "bash", "dash"]
    times = {s: [] for s in shells}
    rss = {s: [] for s in shells}
    for i in range(runs):
        for s in shells[i % len(shells):] + shells[:i % len(shells)]:
            t, r = one(s)
            if t is not None:
                times[s].append(t)
            if r is not None:
                rss[s].append(r)
    print("%-12s %14s %14s" % ("shell", "to prompt", "RSS at prompt"))
    for s in shells:
        t = statistics.median(times[s]) * 1000 if times[s] else float("nan")
        r = statistics.median(rss[s]) / 1024 if rss[s] else float("nan")
        print("%-12s %11.2f ms %10.2f MiB" % (os.path.basename(s), t, r))


if __name__ == "__main__":
    main()
