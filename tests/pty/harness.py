"""harness.py - a tiny expect for driving hersh through a pseudo-terminal.

Python 3 standard library only.  A Pty spawns one program as the leader of
a new session whose controlling terminal is a fresh pty; the test then
send()s keys and expect()s regular expressions on everything the program
wrote so far, with ANSI/VT100 escape sequences stripped for matching (the
raw bytes stay available in Pty.raw).  Every wait has a timeout, and
close() kills the whole session.

Matching works like pexpect: expect() searches the stripped text from a
cursor and, on a match, moves the cursor past it, so a later expect() only
sees newer output.  expect_not() never moves the cursor.
"""

import codecs
import ctypes
import errno
import fcntl
import os
import re
import select
import signal
import struct
import termios
import time

DEFAULT_TIMEOUT = 5.0

# CSI (ESC [ ... final), OSC (ESC ] ... BEL or ST), charset selection
# (ESC ( B), and two-byte escapes (ESC =, ESC >, ESC 7, ESC M ...).
_ESC_RE = re.compile(
    r"\x1b\[[0-?]*[ -/]*[@-~]"
    r"|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)"
    r"|\x1b[()*+][0-9A-Za-z]"
    r"|\x1b[ -/]*[0-~]")
# A possibly unfinished escape sequence at the end of the data read so far.
_ESC_TAIL_RE = re.compile(
    r"\x1b(?:\[[0-?]*[ -/]*|\][^\x07\x1b]*\x1b?|[()*+]|[ -/]*)?\Z")

# Keys, as a terminal in its default modes sends them.
KEY = {
    "up": "\x1b[A", "down": "\x1b[B", "right": "\x1b[C", "left": "\x1b[D",
    "home": "\x1b[H", "end": "\x1b[F", "esc": "\x1b", "tab": "\t",
    "enter": "\r", "ctrl-a": "\x01", "ctrl-c": "\x03", "ctrl-d": "\x04",
    "ctrl-e": "\x05", "ctrl-r": "\x12", "ctrl-z": "\x1a", "ctrl-g": "\x07",
}


class Fail(Exception):
    """A test expectation that did not hold."""


def strip_ansi(s):
    """Removes escape sequences and BEL characters from s."""
    return _ESC_RE.sub("", s).replace("\x07", "")


def become_subreaper():
    """Makes orphans of our sessions our children, so we see (and reap)
    anything a shell left behind instead of losing it to init."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(36, 1, 0, 0, 0)  # PR_SET_CHILD_SUBREAPER
    except OSError:
        pass


def proc_stat(pid):
    """Returns (comm, state, ppid, pgrp, session, tpgid) of pid, or None."""
    try:
        with open("/proc/%d/stat" % pid, "rb") as f:
            data = f.read().decode("utf-8", "replace")
    except OSError:
        return None
    lp, rp = data.index("("), data.rindex(")")
    rest = data[rp + 2:].split()
    return (data[lp + 1:rp], rest[0], int(rest[1]), int(rest[2]),
            int(rest[3]), int(rest[5]))


def all_pids():
    return [int(p) for p in os.listdir("/proc") if p.isdigit()]


def session_members(sid):
    """Pids of live (non-zombie) processes in session sid."""
    out = []
    for pid in all_pids():
        st = proc_stat(pid)
        if st is not None and st[4] == sid and st[1] != "Z":
            out.append(pid)
    return out


def children_of(ppid):
    """[(pid, comm, state)] of the processes whose parent is ppid."""
    out = []
    for pid in all_pids():
        st = proc_stat(pid)
        if st is not None and st[2] == ppid:
            out.append((pid, st[0], st[1]))
    return out


def reap_orphans():
    """Reaps any exited child of ours (orphans given to us as subreaper)."""
    while True:
        try:
            pid, _ = os.waitpid(-1, os.WNOHANG)
        except ChildProcessError:
            return
        if pid == 0:
            return


class Pty:
    """One program running as a session leader on its own pty."""

    def __init__(self, exe, argv, env, cwd=None, stdin_data=None,
                 rows=50, cols=200):
        self.exe = exe
        self.argv = list(argv)
        self.raw = b""
        self.text = ""       # output so far, escapes stripped
        self.pos = 0         # expect() searches text from here
        self.eof = False
        self.status = None   # exit code, or -signal number
        self._pending = ""   # decoded text that may hold a partial escape
        self._dec = codecs.getincrementaldecoder("utf-8")("replace")
        master, slave = os.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ,
                    struct.pack("HHHH", rows, cols, 0, 0))
        pipe_r = pipe_w = None
        if stdin_data is not None:
            pipe_r, pipe_w = os.pipe()
        pid = os.fork()
        if pid == 0:
            self._child(master, slave, pipe_r, pipe_w, exe, argv, env, cwd)
        os.close(slave)
        if pipe_r is not None:
            os.close(pipe_r)
            try:
                os.write(pipe_w, stdin_data.encode())
            finally:
                os.close(pipe_w)
        self.pid = pid
        self.fd = master
        os.set_blocking(master, False)

    @staticmethod
    def _child(master, slave, pipe_r, pipe_w, exe, argv, env, cwd):
        try:
            os.setsid()
            os.close(master)
            fcntl.ioctl(slave, termios.TIOCSCTTY, 0)
            if pipe_r is not None:
                os.close(pipe_w)
                os.dup2(pipe_r, 0)
            else:
                os.dup2(slave, 0)
            os.dup2(slave, 1)
            os.dup2(slave, 2)
            os.closerange(3, 65536)
            # Python ignores SIGPIPE and SIGXFSZ; ignored signals survive
            # exec, so give the program the defaults a terminal would.
            for s in (signal.SIGPIPE, signal.SIGXFSZ, signal.SIGINT,
                      signal.SIGQUIT, signal.SIGTERM, signal.SIGHUP,
                      signal.SIGTSTP, signal.SIGTTIN, signal.SIGTTOU,
                      signal.SIGCHLD):
                signal.signal(s, signal.SIG_DFL)
            signal.pthread_sigmask(signal.SIG_SETMASK, [])
            if cwd is not None:
                os.chdir(cwd)
            os.execve(exe, argv, env)
        except BaseException as e:  # noqa: B902 - nothing may escape a child
            try:
                os.write(2, ("harness: exec %s: %s\r\n" % (exe, e)).encode())
            finally:
                os._exit(127)

    # ---- output ---------------------------------------------------------

    def _absorb(self, data):
        self.raw += data
        self._pending += self._dec.decode(data)
        m = _ESC_TAIL_RE.search(self._pending)
        cut = m.start() if m and len(self._pending) - m.start() < 64 else \
            len(self._pending)
        self.text += strip_ansi(self._pending[:cut])
        self._pending = self._pending[cut:]

    def _flush_pending(self):
        self.text += strip_ansi(self._pending)
        self._pending = ""

    def fill(self, timeout):
        """Waits up to timeout seconds for output; returns True if any."""
        if self.eof:
            return False
        r, _, _ = select.select([self.fd], [], [], max(timeout, 0))
        if not r:
            return False
        try:
            data = os.read(self.fd, 65536)
        except OSError as e:
            if e.errno != errno.EIO:
                raise
            data = b""
        if not data:
            # every holder of the slave side has closed it
            self.eof = True
            self._flush_pending()
            return False
        self._absorb(data)
        return True

    def drain(self, seconds):
        """Reads whatever arrives during the next `seconds`."""
        end = time.monotonic() + seconds
        while not self.eof:
            left = end - time.monotonic()
            if left <= 0:
                break
            self.fill(left)

    # ---- input ----------------------------------------------------------

    def send(self, keys):
        """Writes keys (str or bytes) to the terminal."""
        if isinstance(keys, str):
            keys = keys.encode()
        while keys:
            try:
                n = os.write(self.fd, keys)
            except BlockingIOError:
                select.select([], [self.fd], [], 1.0)
                continue
            keys = keys[n:]

    def resize(self, rows, cols):
        """Sets the window size; the kernel sends SIGWINCH to the
        foreground process group."""
        fcntl.ioctl(self.fd, termios.TIOCSWINSZ,
                    struct.pack("HHHH", rows, cols, 0, 0))

    def sendline(self, line):
        self.send(line + "\r")

    # ---- matching -------------------------------------------------------

    def expect(self, pattern, timeout=DEFAULT_TIMEOUT):
        """Waits for pattern (a regex) in the output after the cursor;
        moves the cursor past the match and returns the match object."""
        rx = re.compile(pattern) if isinstance(pattern, str) else pattern
        end = time.monotonic() + timeout
        while True:
            m = rx.search(self.text, self.pos)
            if m:
                self.pos = m.end()
                return m
            left = end - time.monotonic()
            if self.eof or left <= 0:
                if self._pending:
                    self._flush_pending()
                    continue
                raise Fail("%s waiting for /%s/" % (
                    "end of output" if self.eof else
                    "timeout (%gs)" % timeout, rx.pattern))
            self.fill(min(left, 0.2))

    def expect_not(self, pattern, wait=0.3, start=None):
        """Reads for `wait` seconds, then fails if pattern occurs in the
        output after `start` (default: the cursor)."""
        self.drain(wait)
        rx = re.compile(pattern) if isinstance(pattern, str) else pattern
        m = rx.search(self.text, self.pos if start is None else start)
        if m:
            raise Fail("unexpected /%s/ in output: %r" % (
                rx.pattern, m.group(0)))

    def count(self, pattern, start=0):
        return len(re.findall(pattern, self.text[start:]))

    def tail(self, n=500):
        return (self.text + self._pending)[-n:]

    # ---- process --------------------------------------------------------

    def poll(self):
        """Returns the exit status if the program ended, else None."""
        if self.status is None:
            try:
                pid, st = os.waitpid(self.pid, os.WNOHANG)
            except ChildProcessError:
                return self.status
            if pid == self.pid:
                self.status = (os.WEXITSTATUS(st) if os.WIFEXITED(st)
                               else -os.WTERMSIG(st))
        return self.status

    def alive(self):
        return self.poll() is None

    def wait_exit(self, timeout=DEFAULT_TIMEOUT):
        """Waits for the program to end; returns its status (code, or
        -signal); reads its remaining output."""
        end = time.monotonic() + timeout
        while self.poll() is None:
            left = end - time.monotonic()
            if left <= 0:
                raise Fail("program did not exit within %gs" % timeout)
            if self.eof:
                time.sleep(0.02)
            else:
                self.fill(min(left, 0.05))
        self.drain(0.1)
        self._flush_pending()
        return self.status

    def session(self):
        """Live processes of the program's session other than itself."""
        return [p for p in session_members(self.pid) if p != self.pid]

    def close(self):
        """Kills the whole session and reaps the program.  Returns the
        processes (pid, comm) that were still running in the session
        after the program itself had exited, i.e. strays it left."""
        strays = []
        if self.poll() is not None:
            strays = [(p, (proc_stat(p) or ("?",))[0])
                      for p in session_members(self.pid)]
        for _ in range(50):
            members = session_members(self.pid)
            if self.alive() and self.pid not in members:
                members.append(self.pid)
            if not members:
                break
            for p in members:
                try:
                    os.kill(p, signal.SIGKILL)
                except ProcessLookupError:
                    pass
            time.sleep(0.02)
            self.poll()
            reap_orphans()
        try:
            os.close(self.fd)
        except OSError:
            pass
        end = time.monotonic() + 2
        while self.poll() is None and time.monotonic() < end:
            time.sleep(0.01)
        reap_orphans()
        return strays
