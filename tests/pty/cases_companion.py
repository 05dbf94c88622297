"""cases_companion.py - the companion's suggestions and persona through a
real pty and a real daemon (issue 6).

Imports cases.py (so every case of the interactive suite is registered),
adds the cases below, and runs them all with cases.main(): run.sh can call
this file instead of cases.py and still gets one "N passed, N failed" line.
    python3 tests/pty/cases_companion.py [-k SUBSTRING]... [-v] [--list]
    python3 tests/pty/cases_companion.py --companion-only [-v]

Each case runs a real hershd (started on demand by hersh) in the case's
temporary HOME, with the companion on (no HERSH_NO_COMPANION), a generous
prompt budget so that a loaded machine does not drop notes, HERSH_SEED
for fixed phrasing and HERSHD_POLICY=always so that the learned policy
says yes to every suggestion that is not muted: these cases test the
rules and the plumbing; the policy is tested by tests/unit/
test_suggest_sim.c.  Every case stops its daemon at the end.
"""

import json
import os
import re
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import cases  # noqa: E402
from cases import KEY, check  # noqa: E402
from harness import strip_ansi  # noqa: E402

PROMPT = cases.PROMPT
COMPANION = []


def companion_case(fn):
    COMPANION.append(fn)
    cases.CASES.append(fn)
    return fn


def env(t, **over):
    e = t.env(HERSH_NO_COMPANION=None, HERSH_BUDGET_MS="1500",
              HERSH_PROMPT_WAIT_MS="1000",
              HERSH_SEED="11", HERSHD_POLICY="always",
              PATH=t.path("bin") + ":/usr/local/bin:/usr/bin:/bin")
    e.update({k: v for k, v in over.items() if v is not None})
    for k, v in over.items():
        if v is None:
            e.pop(k, None)
    return e


def setup(t, introduced=True):
    """A bin directory with a fake git, and the intro already done."""
    os.makedirs(t.path("bin"), exist_ok=True)
    t.write("bin/git", "#!/bin/sh\necho \"git: '$1' is not a git "
            "command\" >&2\nexit 1\n")
    os.chmod(t.path("bin/git"), 0o755)
    os.makedirs(t.path(".local/state/hersh"), mode=0o700, exist_ok=True)
    if introduced:
        t.write(".local/state/hersh/introduced", "")


def stop_daemon(t):
    """Stops the case's hershd (started by the shells) and waits until it
    is gone (its pid is in the lock file)."""
    try:
        with open(os.path.join(t.runtime, "hersh", "hershd.lock")) as f:
            pid = int(f.read().strip() or 0)
    except (OSError, ValueError):
        pid = 0
    os.spawnve(os.P_WAIT, cases.SHELL,
               ["hersh", "-c", "companion stop >/dev/null 2>&1"], env(t))
    end = time.monotonic() + 3
    while pid and time.monotonic() < end:
        st = cases.proc_stat(pid)
        if st is None or st[1] == "Z" or st[0] != "hershd":
            break
        time.sleep(0.02)
    cases.reap_orphans()


def start_daemon(t):
    """Starts the case's hershd and waits until it answers (it may index
    documentation before it listens)."""
    end = time.monotonic() + 20
    while time.monotonic() < end:
        rc = os.spawnve(os.P_WAIT, cases.SHELL,
                        ["hersh", "-c", "companion status >/dev/null 2>&1"],
                        env(t))
        if rc == 0:
            return
        time.sleep(0.2)
    raise cases.Fail("hershd did not start")


def shell(t, args=(), argv0=None, **over):
    if not os.path.exists(t.path("bin/git")):
        setup(t)
        start_daemon(t)
    sh = t.spawn(list(args), env=env(t, **over), argv0=argv0)
    sh.notes_late = NOTE_WAIT
    return sh


# The shell draws its prompt at once and the companion's note, if any,
# comes while the editor waits: it is printed above the prompt, which is
# then redrawn.  So a command's output here includes what arrives in a
# short while after its prompt.
NOTE_WAIT = 0     # notes come before the prompt: HERSH_PROMPT_WAIT_MS
_plain_run = cases.Sh.run


def _run_with_note(self, cmd, timeout=5):
    out = _plain_run(self, cmd, timeout)
    wait = getattr(self, "notes_late", 0)
    if wait:
        mark = len(self.text)
        self.drain(wait)
        out += self.text[mark:]
        # the prompt redrawn under a late note is not the next command's
        self.pos = len(self.text)
    return out


cases.Sh.run = _run_with_note


def companion_lines(text):
    """Lines the companion printed (they start with its name)."""
    # a note printed above a redrawn prompt starts after a carriage return
    return [l for l in re.split(r"[\r\n]", strip_ansi(text))
            if re.match(r"^(hersh|Sam): (?!\d+: )", l)]


def run(t, body):
    try:
        body()
    finally:
        stop_daemon(t)


# ---- the shell's own rules ------------------------------------------------

@companion_case
def companion_typo_did_you_mean_and_accept_key(t):
    def body():
        sh = shell(t)
        sh.ready()
        out = sh.run("ehco hi")
        check("not found" in out, "no error: %r" % out)
        check("hersh: did you mean `echo hi`?" in out,
              "no suggestion: %r" % out)
        # Right arrow puts it on the line; nothing runs without Enter
        sh.send(KEY["right"])
        sh.expect("echo hi")
        sh.expect_not(r"\nhi\r?\n", wait=0.4)
        sh.send(KEY["enter"])
        sh.expect(cases.outline("hi"))
        sh.ready()
    run(t, body)


@companion_case
def companion_typo_from_history_and_git(t):
    def body():
        sh = shell(t)
        sh.ready()
        sh.run("git status")
        out = sh.run("gti status")
        check("did you mean `git status`?" in out, "typo: %r" % out)
        out = sh.run("git stauts")
        check("try `git status`?" in out, "git typo: %r" % out)
    run(t, body)


@companion_case
def companion_fixes(t):
    def body():
        os.makedirs(t.path("Documents/projects"))
        t.write("run.sh", "#!/bin/sh\necho ran\n")
        os.chmod(t.path("run.sh"), 0o644)
        os.makedirs(t.path("src"))
        sh = shell(t)
        sh.ready()
        out = sh.run("cd Documnts/projcts")
        check("try `cd Documents/projects`?" in out, "cd: %r" % out)
        out = sh.run("./run.sh")
        check("try `chmod +x ./run.sh`?" in out, "chmod: %r" % out)
        check("ran" not in out, "the script ran: %r" % out)
        out = sh.run("./src")
        check("try `cd ./src`?" in out, "directory: %r" % out)
        if os.geteuid() != 0:
            t.write("bin/apt", "#!/bin/sh\nexit 100\n")
            os.chmod(t.path("bin/apt"), 0o755)
            out = sh.run("apt install cowsay")
            check("try `sudo apt install cowsay`?" in out, "apt: %r" % out)
        # none of it ran anything: still in the home directory
        out = sh.run("pwd")
        check(out.strip().endswith(os.path.basename(t.home)),
              "moved: %r" % out)
    run(t, body)


@companion_case
def companion_silent_otherwise(t):
    def body():
        sh = shell(t)
        sh.ready()
        for cmd in ("true", "echo ok", "false", "ls /nonexistent-dir-x",
                    "cd /nonexistent-nothing-near"):
            out = sh.run(cmd)
            check(companion_lines(out) == [],
                  "%s: spoke: %r" % (cmd, out))
    run(t, body)


@companion_case
def companion_stop_refuses_and_mutes(t):
    def body():
        sh = shell(t)
        sh.ready()
        out = sh.run("ehco one")
        check("did you mean" in out, "no suggestion: %r" % out)
        out = sh.run("stop")
        check("no more typo suggestions" in out, "not muted: %r" % out)
        out = sh.run("ehco two")
        check("did you mean" not in out, "still suggesting: %r" % out)
        out = sh.run("companion status")
        check("muted=typo" in out, "status: %r" % out)
        out = sh.run("companion unmute typo")
        out = sh.run("ehco three")
        check("did you mean" in out, "unmute: %r" % out)
    run(t, body)


# ---- the daemon's rules ---------------------------------------------------

@companion_case
def companion_long_command(t):
    def body():
        sh = shell(t)
        sh.ready()
        sh.run("companion set long-command 1s")
        out = sh.run("sleep 1.2")
        check(re.search(r"hersh: `sleep 1\.2` (finished after|took) 1s",
                        out), "long: %r" % out)
        out = sh.run("sleep 1.2; false")
        check(re.search(r"`sleep 1\.2; false` failed with status 1", out),
              "long failed: %r" % out)
        out = sh.run("sleep 0.1")
        check(companion_lines(out) == [], "short spoke: %r" % out)
        out = sh.run("companion why")
        check("rule: a command ran longer than 1s" in out, "why: %r" % out)
        check("score:" in out, "why: %r" % out)
        # paused: nothing
        sh.run("companion pause")
        out = sh.run("sleep 1.2")
        check(companion_lines(out) == [], "paused spoke: %r" % out)
        sh.run("companion resume")
    run(t, body)


@companion_case
def companion_note_never_holds_the_prompt(t):
    # by default the prompt is drawn at once and the note comes while the
    # editor waits: printed above the prompt, which is redrawn with the
    # typed text kept
    def body():
        sh = shell(t, HERSH_PROMPT_WAIT_MS=None)
        sh.ready()
        sh.run("companion set long-command 1s")
        start = len(sh.text)
        sh.sendline("sleep 1.2")
        sh.expect(r"READY\$ ")
        sh.send("echo typed")
        note = re.compile(r"hersh: `sleep 1\.2` (finished after|took) 1s")
        end = time.monotonic() + 5
        while True:
            sh.drain(0.1)
            sh._flush_pending()   # the note may end in held-back output
            if note.search(sh.text[start:]) or time.monotonic() > end:
                break
        check(note.search(sh.text[start:]), "no note: %r" % sh.text[start:])
        sh.pos = len(sh.text)
        out = sh.run("")
        check("typed" in out, "typed text lost: %r" % out)
    run(t, body)


@companion_case
def companion_burst_recorded_after_a_pause(t):
    # commands typed back to back are queued (no daemon traffic during
    # the burst) and all reach the memory once the user pauses; a
    # command that runs a while is known to the daemon while it runs
    def body():
        sh = shell(t, HERSH_PROMPT_WAIT_MS=None)
        sh.ready()
        for i in range(40):
            sh.run("echo burst-%d" % i)
        time.sleep(0.4)
        out = t.spawn(["-c", "companion export"], env=env(t))
        out.wait_exit()
        got = set(re.findall(r"echo burst-(\d+)", out.text))
        check(got == set(str(i) for i in range(40)),
              "recorded %d of 40: %r" % (len(got), sorted(got)))
        sh.sendline("sleep 1.5")
        time.sleep(0.7)
        out = t.spawn(["-c", "companion export"], env=env(t))
        out.wait_exit()
        check('"sleep 1.5"' in out.text, "running command unknown: %r"
              % out.text[-300:])
        sh.expect(r"READY\$ ")
    run(t, body)


@companion_case
def companion_exec_sends_what_was_queued(t):
    # exec replaces the shell: what it queued goes first
    def body():
        sh = shell(t, HERSH_PROMPT_WAIT_MS=None)
        sh.ready()
        sh.run("echo before-exec")
        sh.sendline("exec sleep 1")
        time.sleep(0.5)
        out = t.spawn(["-c", "companion export"], env=env(t))
        out.wait_exit()
        check('"echo before-exec"' in out.text and
              '"exec sleep 1"' in out.text,
              "not recorded: %r" % out.text[-300:])
        sh.wait_exit()
    run(t, body)


def mail_file(t, subject="Dinner on Friday?"):
    now = time.strftime("%Y-%m-%dT%H:%M:%S", time.localtime())
    ev = {"type": "mail", "time": now, "from": "Amy Park <amy@ex.org>",
          "subject": subject, "mailbox": "INBOX", "read": False}
    return t.write("mail.jsonl", json.dumps(ev) + "\n")


@companion_case
def companion_new_mail(t):
    def body():
        path = mail_file(t)
        sh = shell(t)
        sh.ready()
        out = sh.run("companion import %s" % path)
        check("1 mails" in out, "import: %r" % out)
        # at the next prompt: right after the import
        check("1 new message — Amy: Dinner on Friday?" in out,
              "mail: %r" % out)
        out = sh.run("true")
        check(companion_lines(out) == [], "said twice: %r" % out)
    run(t, body)


@companion_case
def companion_alias_for_repeated_line(t):
    def body():
        sh = shell(t)
        sh.ready()
        line = "echo deploying the blog to tern now"
        said = []
        for _ in range(6):
            said += companion_lines(sh.run(line))
        check(len(said) == 1, "said %r" % said)
        check("alias echo_now='echo deploying the blog to tern now'"
              in said[0], "alias: %r" % said)
        # one key puts the exact hershrc line on the command line
        sh.run(line)
        out = sh.run("echo x")
        check(companion_lines(out) == [], "said again: %r" % out)
    run(t, body)


@companion_case
def companion_ghost_text(t):
    def body():
        sh = shell(t)
        sh.ready()
        sh.run("echo alpha-beta-gamma")
        sh.send("echo alp")
        sh.expect("alp")
        time.sleep(0.3)
        sh.drain(0.2)
        check("\x1b[2mha-beta-gamma" in sh.raw.decode("utf-8", "replace")
              if isinstance(sh.raw, bytes) else
              "\x1b[2mha-beta-gamma" in sh.raw, "no ghost text")
        sh.send(KEY["right"])
        sh.send(KEY["enter"])
        sh.expect(cases.outline("alpha-beta-gamma"))
        sh.ready()
    run(t, body)


@companion_case
def companion_no_color_plain_and_no_ghost(t):
    def body():
        sh = shell(t, NO_COLOR="1")
        sh.ready()
        sh.run("echo alpha-beta-gamma")
        out = sh.run("ehco x")
        check("did you mean" in out, "no suggestion: %r" % out)
        raw = sh.raw.decode("utf-8", "replace") \
            if isinstance(sh.raw, bytes) else sh.raw
        check("\x1b[2m" not in raw, "dim text with NO_COLOR")
    run(t, body)


# ---- persona ----------------------------------------------------------------

@companion_case
def companion_first_run_intro_once(t):
    def body():
        setup(t, introduced=False)
        start_daemon(t)
        sh = t.spawn([], env=env(t))
        sh.expect("What should I call you\\? \\(Enter skips\\)")
        sh.sendline("Theo")
        sh.expect("How chatty")
        sh.sendline("")
        sh.expect("Nice to meet you, Theo")
        sh.ready()
        out = sh.run("companion status")
        check("user=Theo" in out, "status: %r" % out)
        sh.sendline("exit")
        sh.wait_exit()
        sh2 = t.spawn([], env=env(t))
        sh2.ready()
        check("What should I call you" not in sh2.text, "asked again")
    run(t, body)


@companion_case
def companion_login_greeting_only_on_login(t):
    def body():
        path = mail_file(t)
        sh = shell(t)
        sh.ready()
        sh.run("companion set user Theo")
        sh.run("companion mute mail")   # the mail rule keeps quiet, so
        sh.run("companion import %s" % path)   # the greeting has news
        sh.run("companion unmute mail")
        sh.sendline("exit")
        sh.wait_exit()
        # a non-login shell: no greeting
        plain = t.spawn([], env=env(t))
        plain.notes_late = NOTE_WAIT
        plain.ready()
        plain.run("true")
        check("Good " not in plain.text, "greeted: %r" % plain.text)
        plain.sendline("exit")
        plain.wait_exit()
        t.write(".profile", "PS1='READY$ '\n")
        login = t.spawn([], env=env(t), argv0="-hersh")
        login.notes_late = NOTE_WAIT
        login.ready()
        out = login.run("true") + login.text
        check(re.search(r"hersh: Good (morning|afternoon|evening), Theo\. "
                        r".*1 new message \(Amy: Dinner on Friday\?\)",
                        strip_ansi(login.text)),
              "no greeting: %r" % login.text)
    run(t, body)


# ---- never outside an interactive shell --------------------------------------

@companion_case
def companion_silent_in_non_interactive_shells(t):
    def body():
        setup(t)
        start_daemon(t)
        e = env(t)
        # a daemon is up and eager
        sh = t.spawn([], env=e)
        sh.ready()
        sh.run("companion set long-command 1s")
        script = t.write("s.sh", "ehco x\ngti status\nsleep 1.2\n"
                         "cd Documnts\necho done\n")
        for args, stdin in ((["-c", "ehco x; gti status; sleep 1.2; "
                              "echo done"], None),
                            ([script], None),
                            ([], "ehco x\ngti status\nsleep 1.2\n"
                                 "echo done\n")):
            p = t.spawn(args, env=e, stdin_data=stdin)
            p.expect("done")
            p.wait_exit()
            check("did you mean" not in p.text and "try `" not in p.text
                  and "took" not in p.text and "finished" not in p.text,
                  "%r spoke: %r" % (args, p.text))
            check(companion_lines(p.text) == [],
                  "%r: companion lines %r" % (args, p.text))
    run(t, body)


def main(argv):
    if "--companion-only" in argv:
        argv = [a for a in argv if a != "--companion-only"]
        del cases.CASES[:]
        cases.CASES.extend(COMPANION)
    return cases.main(argv)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
