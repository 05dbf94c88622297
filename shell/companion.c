/*
 * companion.c - the protocol client: lazy connection, non-blocking
 * events with acknowledgements and a spool, budgeted waits, starting the
 * daemon on demand, and sanitizing what comes back (see companion.h).
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/pidfd.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <hersh/buf.h>
#include <hersh/io.h>
#include <hersh/paths.h>
#include <hersh/proto.h>

#include "companion.h"
#include "shell.h"
#include "spool.h"
#include "var.h"

#define CO_BUDGET_MS 20
#define CO_START_WAIT_MS 3000	/* ask/companion: daemon start-up */
#define CO_ASK_MS 4500		/* ask: the answer */
#define CO_CONTROL_MS 10000	/* companion verbs */
#define CO_IDLE_MS 60000	/* import/export: silence allowed */
#define CO_RELAUNCH_S 5		/* events: relaunch the daemon at most so often */
#define CO_OUT_MAX (256 * 1024)	/* unsent event bytes before giving up */
#define CO_UNACKED_MAX (4 * 1024 * 1024)
#define CO_ACK_BATCH 64		/* events sent before acknowledgements are read */
/* A foreground command that ends within this is reported whole, with the
 * next prompt; one that runs longer, from then on. */
#define CO_START_DELAY_MS 50
/* What an interactive shell queues goes out once the user has left the
 * keyboard alone this long at a prompt, or once this much is queued. */
#define CO_PAUSE_MS 25
#define CO_QUEUE_MAX (16 * 1024)

struct companion {
	int fd;			/* socket, -1 when not connected */
	pid_t owner;		/* the process that made fd */
	char session[96];	/* this shell's session name */
	int64_t seq;		/* sequence number of the last command */
	char *line;		/* the command being run (for its END) */
	char *cwd;
	int64_t start_time;
	int64_t next_id;	/* request ids */
	struct buf in;		/* received, not yet handled */
	struct buf out;		/* to send, from out_off */
	size_t out_off;
	struct buf unacked;	/* event frames not yet acknowledged */
	int64_t events_sent;	/* event frames queued on this connection */
	int64_t events_acked;
	bool stalled;		/* missed a budget: don't wait until it speaks */
	size_t start_len;	/* the last START, still unsent at the end of */
	size_t start_out;	/* out and unacked (from these offsets); */
	size_t start_unacked;	/* 0 when sent or not last */
	size_t idle_left;	/* unsent after the last companion_idle() */
	time_t last_launch;	/* when we last started hershd */
	bool atexit_set;
	char why[160];		/* why the daemon is unavailable */
};

static struct companion co = { .fd = -1 };

/*
 * The prompt's note, asked for without waiting (companion_prompt_begin):
 * whichever pump sees the NOTE with this id keeps its text here.
 */
static struct {
	int64_t id;		/* of the PROMPT asked */
	bool pending;		/* asked, no answer yet */
	bool arrived;		/* answered: text holds it */
	struct buf text;
} co_note;

/* ---- small helpers --------------------------------------------------- */

/*
 * This process's pid, without a system call each time (the connection
 * belongs to the process that made it: a forked subshell must not use
 * its parent's).  fork() runs the atfork handler in the child; vfork()
 * children exec at once and never get here.
 */
static pid_t co_pid;

static void co_forked(void)
{
	co_pid = getpid();
}

static pid_t co_self(void)
{
	if (co_pid == 0) {
		co_pid = getpid();
		pthread_atfork(NULL, NULL, co_forked);
	}
	return co_pid;
}

static const char *co_var(struct shell *sh, const char *name)
{
	const char *v = sh != NULL ? var_get(sh, name) : NULL;

	return v != NULL ? v : getenv(name);
}

static int co_budget(struct shell *sh)
{
	const char *v = co_var(sh, "HERSH_BUDGET_MS");
	long ms = v != NULL ? strtol(v, NULL, 10) : 0;

	return ms > 0 && ms <= 10000 ? (int)ms : CO_BUDGET_MS;
}

bool companion_enabled(struct shell *sh)
{
	const char *v = co_var(sh, "HERSH_NO_COMPANION");

	return v == NULL || v[0] == '\0' || strcmp(v, "0") == 0;
}

bool companion_recording(struct shell *sh)
{
	const char *v = co_var(sh, "HERSH_RECORD");

	if (sh == NULL || sh->subshell) {
		return false;
	}
	return sh->interactive || (v != NULL && strcmp(v, "1") == 0);
}

static int64_t co_days(int64_t y, unsigned m, unsigned d)
{
	int64_t era, yoe, doy;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
	return era * 146097 + yoe * 365 + yoe / 4 - yoe / 100 + doy - 719468;
}

/* Local wall-clock seconds now (the daemon's clock, daemon/clock.h). */
static int64_t co_local_now(void)
{
	time_t t = time(NULL);
	struct tm tm;

	if (localtime_r(&t, &tm) == NULL) {
		return (int64_t)t;
	}
	return co_days(tm.tm_year + 1900, (unsigned)tm.tm_mon + 1,
		       (unsigned)tm.tm_mday) * 86400 + tm.tm_hour * 3600 +
	       tm.tm_min * 60 + tm.tm_sec;
}

/* HERSH_NOW ("2026-11-20T15:30:00") in local seconds, or 0 when unset or
 * not in that form (the daemon then uses its clock). */
static int64_t co_hersh_now(struct shell *sh)
{
	const char *v = co_var(sh, "HERSH_NOW");
	int y, mo, d, h, mi, s, n = 0;

	if (v == NULL || sscanf(v, "%4d-%2d-%2dT%2d:%2d:%2d%n", &y, &mo, &d,
				&h, &mi, &s, &n) != 6 || v[n] != '\0' ||
	    mo < 1 || mo > 12 || d < 1 || d > 31 || h < 0 || h > 23 ||
	    mi < 0 || mi > 59 || s < 0 || s > 60) {
		return 0;
	}
	return co_days(y, (unsigned)mo, (unsigned)d) * 86400 + h * 3600 +
	       mi * 60 + s;
}

static int64_t co_ms_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static void co_set_why(const char *fmt, ...)
	__attribute__((format(printf, 1, 2)));

/* Records why the daemon is unavailable (shown by ask and companion). */
static void co_set_why(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(co.why, sizeof(co.why), fmt, ap);
	va_end(ap);
}

/* ---- connection ------------------------------------------------------- */

/* Forgets a connection without touching the socket's other users. */
static void co_reset(void)
{
	if (co.fd >= 0) {
		close(co.fd);
	}
	co.fd = -1;
	buf_release(&co.in);
	buf_release(&co.out);
	buf_release(&co.unacked);
	co.out_off = 0;
	co.events_sent = 0;
	co.events_acked = 0;
	co.stalled = false;
	co.start_len = 0;
}

/* Closes the connection; every unacknowledged event goes to the spool. */
static void co_disconnect(void)
{
	if (co.unacked.len > 0) {
		spool_append(co.unacked.data, co.unacked.len);
	}
	co_reset();
}

/* Drops the first n event frames: the daemon has stored them. */
static void co_acked(int64_t count)
{
	size_t off = 0, len;
	int64_t n = count - co.events_acked;

	if (n <= 0 || count > co.events_sent) {
		return;
	}
	while (n-- > 0 && off < co.unacked.len &&
	       proto_frame_check(co.unacked.data + off, co.unacked.len - off,
				 &len) == 0) {
		off += len;
	}
	memmove(co.unacked.data, co.unacked.data + off, co.unacked.len - off);
	buf_truncate(&co.unacked, co.unacked.len - off);
	co.events_acked = count;
	co.start_len = 0;	/* offsets moved */
}

/* Sends what the socket takes now.  -1 when the connection is broken. */
static int co_flush(void)
{
	ssize_t w;

	while (co.out_off < co.out.len) {
		w = send(co.fd, co.out.data + co.out_off,
			 co.out.len - co.out_off, MSG_NOSIGNAL | MSG_DONTWAIT);
		if (w < 0 && errno == EINTR) {
			continue;
		}
		if (w < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
			return 0;
		}
		if (w <= 0) {
			return -1;
		}
		co.out_off += (size_t)w;
		co.start_len = 0;	/* gone, or partly */
	}
	buf_reset(&co.out);
	co.out_off = 0;
	return 0;
}

struct co_wait;
static int co_pump(struct co_wait *w, int timeout_ms, bool idle);

/* co_flush, and when the connection is broken, disconnect (the events
 * go to the spool); then reads the acknowledgements if many are due. */
static int co_send(void)
{
	if (co_flush() < 0) {
		co_set_why("%s", "hershd went away");
		co_disconnect();
		return -1;
	}
	if (co.events_sent - co.events_acked > CO_ACK_BATCH) {
		co_pump(NULL, 0, false);	/* the acknowledgements in */
	}
	return co.fd >= 0 ? 0 : -1;
}

void companion_flush(void)
{
	if (co.fd >= 0 && co.owner == co_self() && co.out.len > co.out_off) {
		co_send();
	}
}

void companion_before_wait(pid_t pid)
{
	struct pollfd p;

	if (co.fd < 0 || co.owner != co_self() || co.out.len == co.out_off) {
		return;
	}
	/*
	 * Most commands end within a few milliseconds: then the daemon
	 * hears of them once, with the prompt, instead of working on the
	 * start while the command runs.  A pidfd (close-on-exec) says when
	 * the process has ended without reaping it.
	 */
	p.fd = pidfd_open(pid, 0);
	p.events = POLLIN;
	if (p.fd >= 0) {
		while (poll(&p, 1, CO_START_DELAY_MS) < 0 && errno == EINTR) {
			;	/* a signal for the shell: wait on */
		}
		close(p.fd);
		if (p.revents & POLLIN) {
			return;		/* ended: sent with the prompt */
		}
	}
	co_send();
}

/* Queues a message (not an event) on the connection. */
static int co_queue(const struct proto_msg *m)
{
	return proto_encode(&co.out, m) < 0 ? -1 : 0;
}

/* Queues an encoded event frame: kept until acknowledged. */
static void co_queue_event(const char *frame, size_t n)
{
	buf_append(&co.unacked, frame, n);
	buf_append(&co.out, frame, n);
	co.events_sent++;
}

/* Connects to the socket; -1 (reason in co.why) when nobody answers. */
static int co_dial(void)
{
	struct sockaddr_un addr;
	struct ucred cred;
	socklen_t len = sizeof(cred);
	char *path = paths_file(PATHS_RUNTIME, PATHS_SOCKET);
	int fd;

	if (path == NULL || strlen(path) >= sizeof(addr.sun_path)) {
		co_set_why("%s", "no usable socket path");
		free(path);
		return -1;
	}
	memset(&addr, 0, sizeof(addr));
	addr.sun_family = AF_UNIX;
	strcpy(addr.sun_path, path);
	free(path);
	fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
	if (fd < 0) {
		co_set_why("socket: %s", strerror(errno));
		return -1;
	}
	if (connect(fd, (struct sockaddr *)&addr, sizeof(addr)) < 0) {
		co_set_why("hershd is not running (%s)", strerror(errno));
		close(fd);
		return -1;
	}
	if (getsockopt(fd, SOL_SOCKET, SO_PEERCRED, &cred, &len) < 0 ||
	    cred.uid != getuid()) {
		co_set_why("%s", "the socket belongs to another user; refused");
		close(fd);
		return -1;
	}
	return io_move_high(fd);
}

/* Names this shell's session ("host-pid-time") once. */
static void co_session_name(void)
{
	char host[64];

	if (co.session[0] != '\0') {
		return;
	}
	if (gethostname(host, sizeof(host)) < 0) {
		strcpy(host, "host");
	}
	host[sizeof(host) - 1] = '\0';
	snprintf(co.session, sizeof(co.session), "%s-%ld-%lld", host,
		 (long)getpid(), (long long)time(NULL));
}

/* Says HELLO and hands the daemon what was spooled. */
static void co_hello(void)
{
	struct proto_msg m;
	struct buf taken = BUF_INIT;
	const char *tty = ttyname(0);
	size_t off = 0, len;

	co_session_name();
	proto_msg_init(&m, PROTO_HELLO);
	proto_set_int(&m, PROTO_HELLO_VERSION, PROTO_VERSION);
	proto_set_int(&m, PROTO_HELLO_PID, getpid());
	proto_set_str(&m, PROTO_HELLO_SESSION, co.session);
	proto_set_str(&m, PROTO_HELLO_TTY, tty);
	co_queue(&m);
	if (spool_take(&taken) > 0) {
		while (off < taken.len &&
		       proto_frame_check(taken.data + off, taken.len - off,
					 &len) == 0) {
			co_queue_event(taken.data + off, len);
			off += len;
		}
	}
	buf_release(&taken);
}

/* The hershd to start: $HERSHD, next to this hersh, else from PATH. */
static char *co_find_daemon(struct shell *sh)
{
	const char *env = co_var(sh, "HERSHD"), *pathvar, *p, *colon;
	char self[PATH_MAX], *slash, *cand;
	ssize_t n;
	size_t len;

	if (env != NULL && env[0] == '/' && access(env, X_OK) == 0) {
		return strdup(env);
	}
	n = readlink("/proc/self/exe", self, sizeof(self) - 1);
	if (n > 0) {
		self[n] = '\0';
		slash = strrchr(self, '/');
		if (slash != NULL) {
			*slash = '\0';
			if (asprintf(&cand, "%s/hershd", self) >= 0) {
				if (access(cand, X_OK) == 0) {
					return cand;
				}
				free(cand);
			}
		}
	}
	pathvar = co_var(sh, "PATH");
	for (p = pathvar; p != NULL && *p != '\0'; p = colon + 1) {
		colon = strchr(p, ':');
		len = colon ? (size_t)(colon - p) : strlen(p);
		if (len > 0 && p[0] == '/' &&
		    asprintf(&cand, "%.*s/hershd", (int)len, p) >= 0) {
			if (access(cand, X_OK) == 0) {
				return cand;
			}
			free(cand);
		}
		if (colon == NULL) {
			break;
		}
	}
	return NULL;
}

/* In the grandchild: a clean process image for the daemon. */
static void co_exec_daemon(const char *path, int ready)
{
	char arg[32], *argv[3];
	struct sigaction sa;
	sigset_t none;
	int fd, sig;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = SIG_DFL;
	for (sig = 1; sig < NSIG; sig++) {
		sigaction(sig, &sa, NULL);
	}
	sigemptyset(&none);
	sigprocmask(SIG_SETMASK, &none, NULL);
	fd = open("/dev/null", O_RDWR);
	if (fd >= 0) {
		dup2(fd, 0);
		dup2(fd, 1);
		dup2(fd, 2);
	}
	argv[0] = "hershd";
	argv[1] = NULL;
	argv[2] = NULL;
	if (ready >= 0 && dup2(ready, 3) == 3) {
		snprintf(arg, sizeof(arg), "--ready-fd=3");
		argv[1] = arg;
	}
	execv(path, argv);
	_exit(127);
}

/*
 * Starts hershd detached (double fork, new session).  With wait_ms > 0,
 * waits that long for it to say it is listening.  0 when started (and
 * ready, if waiting), -1 with co.why set.
 */
static int co_launch(struct shell *sh, int wait_ms)
{
	char *path = co_find_daemon(sh), msg[200];
	struct pollfd pfd;
	int p[2] = { -1, -1 }, rc = 0;
	ssize_t n = 0;
	pid_t pid;

	co.last_launch = time(NULL);
	if (path == NULL) {
		co_set_why("%s", "hershd not found next to hersh or in PATH");
		return -1;
	}
	if (wait_ms > 0 && pipe2(p, O_CLOEXEC) < 0) {
		p[0] = p[1] = -1;
	}
	pid = fork();
	if (pid == 0) {
		setsid();
		if (fork() == 0) {
			co_exec_daemon(path, p[1]);
		}
		_exit(0);
	}
	free(path);
	if (p[1] >= 0) {
		close(p[1]);
	}
	if (pid < 0) {
		co_set_why("fork: %s", strerror(errno));
		rc = -1;
	} else {
		while (waitpid(pid, NULL, 0) < 0 && errno == EINTR) {
		}
	}
	if (p[0] >= 0) {
		/* 'R' when it is up; else 'E' and why (or nothing: crashed) */
		pfd.fd = p[0];
		pfd.events = POLLIN;
		if (rc == 0 && poll(&pfd, 1, wait_ms) > 0) {
			n = io_read(p[0], msg, sizeof(msg) - 1);
		}
		while (n > 0 && msg[0] == 'E' && (size_t)n < sizeof(msg) - 1 &&
		       poll(&pfd, 1, 100) > 0) {
			ssize_t more = io_read(p[0], msg + n,
					       sizeof(msg) - 1 - (size_t)n);

			if (more <= 0) {
				break;
			}
			n += more;
		}
		if (rc == 0 && (n <= 0 || msg[0] != 'R')) {
			msg[n > 0 ? n : 0] = '\0';
			if (n > 1 && msg[0] == 'E') {
				co_set_why("hershd did not start: %s", msg + 1);
			} else {
				co_set_why("%s", "hershd did not start (see its "
					   "log in $XDG_STATE_HOME/hersh/"
					   "hershd.log)");
			}
			rc = -1;
		}
		close(p[0]);
	}
	return rc;
}

/*
 * Makes sure there is a connection.  launch allows starting hershd;
 * wait_ms > 0 waits for it (ask, companion), 0 never waits (events: the
 * next event will find it up).  true when connected.
 */
static bool co_connect(struct shell *sh, bool launch, int wait_ms)
{
	int64_t deadline;
	int fd;

	if (co.fd >= 0 && co.owner == co_self()) {
		return true;
	}
	if (co.fd >= 0) {
		/* inherited through fork: the parent's, not ours */
		buf_release(&co.unacked);
		co_reset();
	}
	if (!co.atexit_set) {
		atexit(companion_exit);
		co.atexit_set = true;
	}
	fd = co_dial();
	if (fd < 0 && launch && (wait_ms > 0 || time(NULL) - co.last_launch >=
				 CO_RELAUNCH_S)) {
		if (co_launch(sh, wait_ms) == 0 && wait_ms > 0) {
			deadline = co_ms_now() + wait_ms;
			while ((fd = co_dial()) < 0 &&
			       co_ms_now() < deadline) {
				usleep(5000);
			}
		}
	}
	if (fd < 0) {
		return false;
	}
	co.fd = fd;
	co.owner = co_self();
	buf_init(&co.in, PROTO_FRAME_MAX + 4 + 65536);
	co_hello();
	if (co_flush() < 0) {
		co_disconnect();
		return false;
	}
	return true;
}

/* ---- receiving -------------------------------------------------------- */

/* What a wait is for; handle() returns 1 when the wait is over. */
struct co_wait {
	int (*handle)(struct co_wait *w, const struct proto_msg *m);
	enum proto_type reply;	/* expected reply type */
	int64_t id;		/* and id */
	int code;		/* its code */
	struct buf *text;	/* its text goes here */
	companion_issue_fn *issue;
	companion_data_fn *data;
	void *arg;
	bool failed;		/* data callback failed */
	bool drain;		/* done once output is down to drain_below */
	size_t drain_below;
};

static int co_handle_reply(struct co_wait *w, const struct proto_msg *m)
{
	switch (m->type) {
	case PROTO_IMPORT_ISSUE:
		if (w->issue != NULL) {
			w->issue(m->f[PROTO_IMPORT_ISSUE_LINE].i,
				 m->f[PROTO_IMPORT_ISSUE_REASON].s, w->arg);
		}
		return 0;
	case PROTO_EXPORT_DATA:
		if (w->data != NULL && !w->failed &&
		    w->data(m->f[0].s, m->f[0].len, w->arg) < 0) {
			w->failed = true;
		}
		return 0;
	default:
		break;
	}
	if (m->type != w->reply || m->f[0].i != w->id) {
		return 0;	/* a late reply to an earlier request */
	}
	if (m->type == PROTO_NOTE) {
		w->code = 0;
		buf_append(w->text, m->f[PROTO_NOTE_TEXT].s,
			   m->f[PROTO_NOTE_TEXT].len);
	} else {
		w->code = m->f[1].i == 0 ? 0 : 1;
		buf_append(w->text, m->f[2].s, m->f[2].len);
	}
	return 1;
}

/* Handles every whole frame received.  1 when w is done, -1 broken. */
static int co_frames(struct co_wait *w)
{
	struct proto_msg m;
	size_t off = 0, len;
	int rc = 0, done = 0;

	while (off < co.in.len) {
		rc = proto_frame_check(co.in.data + off, co.in.len - off, &len);
		if (rc == PROTO_EAGAIN) {
			rc = 0;
			break;
		}
		if (rc == 0) {
			rc = proto_decode(co.in.data + off, len, &m);
		}
		if (rc < 0) {
			co_set_why("bad data from hershd: %s",
				   proto_strerror(rc));
			return -1;
		}
		off += len;
		co.stalled = false;
		if (m.type == PROTO_ACK) {
			co_acked(m.f[PROTO_ACK_COUNT].i);
		} else if (m.type == PROTO_ERROR) {
			co_set_why("hershd refused: %s",
				   m.f[PROTO_ERROR_TEXT].s);
			proto_msg_release(&m);
			return -1;
		} else if (m.type == PROTO_NOTE && co_note.pending &&
			   m.f[PROTO_NOTE_ID].i == co_note.id) {
			buf_reset(&co_note.text);
			buf_append(&co_note.text, m.f[PROTO_NOTE_TEXT].s,
				   m.f[PROTO_NOTE_TEXT].len);
			co_note.pending = false;
			co_note.arrived = true;
			if (w != NULL && !done) {
				done = w->handle(w, &m);
			}
		} else if (w != NULL && !done) {
			done = w->handle(w, &m);
		}
		proto_msg_release(&m);
	}
	memmove(co.in.data, co.in.data + off, co.in.len - off);
	buf_truncate(&co.in, co.in.len - off);
	return done;
}

/*
 * Sends and receives until w is done, or timeout_ms pass (of silence,
 * when idle is set).  Returns 1 done, 0 timed out, -1 connection lost
 * (then disconnected, events spooled).  w may be NULL: just drain.
 */
static int co_pump(struct co_wait *w, int timeout_ms, bool idle)
{
	int64_t deadline = co_ms_now() + timeout_ms, left;
	struct pollfd pfd;
	ssize_t r;
	int rc;

	for (;;) {
		if (co_flush() < 0) {
			co_set_why("%s", "hershd went away");
			co_disconnect();
			return -1;
		}
		if (w != NULL && w->drain &&
		    co.out.len - co.out_off <= w->drain_below) {
			return 1;
		}
		left = deadline - co_ms_now();
		pfd.fd = co.fd;
		pfd.events = POLLIN | (co.out.len > co.out_off ? POLLOUT : 0);
		rc = poll(&pfd, 1, left > 0 ? (int)left : 0);
		if (rc < 0 && errno == EINTR) {
			continue;
		}
		if (rc <= 0) {
			return 0;
		}
		if (!(pfd.revents & (POLLIN | POLLHUP | POLLERR))) {
			continue;
		}
		if (buf_reserve(&co.in, 65536) < 0) {
			co_set_why("%s", "reply too large");
			co_disconnect();
			return -1;
		}
		r = recv(co.fd, co.in.data + co.in.len, 65536, MSG_DONTWAIT);
		if (r < 0 && (errno == EINTR || errno == EAGAIN)) {
			continue;
		}
		if (r <= 0) {
			co_set_why("%s", "hershd closed the connection");
			co_disconnect();
			return -1;
		}
		co.in.len += (size_t)r;
		rc = co_frames(w);
		if (rc < 0) {
			co_disconnect();
			return -1;
		}
		if (rc > 0 || (w == NULL && co.events_acked == co.events_sent &&
			       co.out.len == co.out_off)) {
			return 1;
		}
		if (idle) {
			deadline = co_ms_now() + timeout_ms;
		}
	}
}

/* ---- events ------------------------------------------------------------ */

/*
 * Delivers one event, or spools it.  Never waits.  Returns the length of
 * its frame when it is left queued, last in co.out and co.unacked, else 0.
 */
static size_t co_event(struct shell *sh, const struct proto_msg *m)
{
	struct buf frame = BUF_INIT;
	bool later = sh != NULL && sh->interactive;
	size_t len;

	if (proto_encode(&frame, m) < 0) {
		buf_release(&frame);
		return 0;
	}
	if (!co_connect(sh, true, 0)) {
		spool_append(frame.data, frame.len);
		buf_release(&frame);
		return 0;
	}
	co_queue_event(frame.data, frame.len);
	len = frame.len;
	buf_release(&frame);
	/*
	 * An interactive shell's events are only queued (docs/protocol.md,
	 * "When the shell talks"): they go out once the user pauses at a
	 * prompt (companion_idle), when a command runs a while
	 * (companion_before_wait), or once CO_QUEUE_MAX is queued -- so
	 * commands typed or pasted in a burst cost the daemon nothing
	 * until the burst is over.
	 */
	if (later && co.out.len - co.out_off <= CO_QUEUE_MAX) {
		return len;
	}
	co_send();	/* broken: disconnected, spooled */
	if (co.out.len - co.out_off > CO_OUT_MAX ||
	    co.unacked.len > CO_UNACKED_MAX) {
		/* the daemon is not reading: hand everything to the spool */
		co_disconnect();
	}
	return 0;
}

/*
 * Takes back the START queued last if it is still unsent: a command that
 * ended before the shell had to wait (a builtin) goes as one CMD_END,
 * which the daemon records whole (docs/protocol.md).
 */
static void co_take_back_start(void)
{
	if (co.start_len == 0 || co.fd < 0 ||
	    co.out.len != co.start_out + co.start_len ||
	    co.unacked.len != co.start_unacked + co.start_len ||
	    co.out_off > co.start_out) {
		co.start_len = 0;
		return;
	}
	buf_truncate(&co.out, co.start_out);
	buf_truncate(&co.unacked, co.start_unacked);
	co.events_sent--;
	co.start_len = 0;
}

void companion_command_start(struct shell *sh, const char *line,
			     const char *cwd)
{
	struct proto_msg m;
	size_t len;

	free(co.line);
	free(co.cwd);
	co.line = NULL;
	co.cwd = NULL;
	if (!companion_recording(sh) || line == NULL || line[0] == '\0' ||
	    line[0] == ' ' || line[0] == '\t') {
		return;
	}
	co.line = strdup(line);
	co.cwd = strdup(cwd != NULL ? cwd : "");
	if (co.line == NULL || co.cwd == NULL) {
		return;
	}
	/* no trailing newline in what is recorded */
	len = strlen(co.line);
	while (len > 0 && co.line[len - 1] == '\n') {
		co.line[--len] = '\0';
	}
	co.seq++;
	co.start_time = co_local_now();
	co_session_name();
	proto_msg_init(&m, PROTO_CMD_START);
	proto_set_str(&m, PROTO_CMD_START_SESSION, co.session);
	proto_set_int(&m, PROTO_CMD_START_SEQ, co.seq);
	proto_set_int(&m, PROTO_CMD_START_TIME, co.start_time);
	proto_set_str(&m, PROTO_CMD_START_CWD, co.cwd);
	proto_set_str(&m, PROTO_CMD_START_LINE, co.line);
	co.start_len = co_event(sh, &m);
	co.start_out = co.out.len - co.start_len;
	co.start_unacked = co.unacked.len - co.start_len;
}

void companion_command_end(struct shell *sh, int status, long duration_ms)
{
	struct proto_msg m;

	if (!companion_recording(sh) || co.line == NULL) {
		return;
	}
	co_take_back_start();
	proto_msg_init(&m, PROTO_CMD_END);
	proto_set_str(&m, PROTO_CMD_END_SESSION, co.session);
	proto_set_int(&m, PROTO_CMD_END_SEQ, co.seq);
	proto_set_int(&m, PROTO_CMD_END_STATUS, status);
	proto_set_int(&m, PROTO_CMD_END_DURATION, duration_ms);
	proto_set_int(&m, PROTO_CMD_END_TIME, co.start_time);
	proto_set_str(&m, PROTO_CMD_END_CWD, co.cwd);
	proto_set_str(&m, PROTO_CMD_END_LINE, co.line);
	co_event(sh, &m);
	free(co.line);
	free(co.cwd);
	co.line = NULL;
	co.cwd = NULL;
}

void companion_feedback(struct shell *sh, long suggestion, int outcome)
{
	struct proto_msg m;

	if (!companion_recording(sh)) {
		return;
	}
	proto_msg_init(&m, PROTO_FEEDBACK);
	proto_set_str(&m, PROTO_FEEDBACK_SESSION, co.session);
	proto_set_int(&m, PROTO_FEEDBACK_SUGGESTION, suggestion);
	proto_set_int(&m, PROTO_FEEDBACK_OUTCOME, outcome);
	co_event(sh, &m);
}

void companion_exit(void)
{
	int budget;

	if (co.fd < 0 || co.owner != co_self()) {
		return;
	}
	budget = co_budget(shell_main);
	if (co.events_acked < co.events_sent || co.out.len > co.out_off) {
		/* send the rest, then say this is the end: the daemon
		 * commits at once and acknowledges before it closes */
		if (co_flush() == 0 && co.out.len == co.out_off) {
			shutdown(co.fd, SHUT_WR);
		}
		co_pump(NULL, budget, false);
	}
	if (co.fd >= 0) {
		co_disconnect();
	}
	free(co.line);
	free(co.cwd);
	co.line = NULL;
	co.cwd = NULL;
}

/* ---- requests ----------------------------------------------------------- */

static int co_request(struct co_wait *w, const struct proto_msg *m,
		      int timeout_ms, bool idle)
{
	int rc;

	if (co.fd < 0) {
		return COMPANION_UNAVAILABLE;
	}
	if (co_queue(m) < 0) {
		co_set_why("%s", "request too large");
		return COMPANION_FAIL;
	}
	w->handle = co_handle_reply;
	rc = co_pump(w, timeout_ms, idle);
	if (rc == 0) {
		co_set_why("%s", "hershd did not answer in time");
		co.stalled = true;
		return COMPANION_UNAVAILABLE;
	}
	if (rc < 0) {
		return COMPANION_UNAVAILABLE;
	}
	return w->code;
}

/* For co_pump: done once the note has arrived. */
static int co_note_done(struct co_wait *w, const struct proto_msg *m)
{
	return co_note.arrived;
}

int companion_prompt_begin(struct shell *sh, bool now)
{
	struct proto_msg m;

	/* the last prompt's note, if it comes now, is dropped (its id is
	 * not this prompt's): a note comes in time or not at all */
	co_note.arrived = false;
	co_note.pending = false;
	if (sh == NULL || !sh->interactive || !co_connect(sh, true, 0)) {
		return -1;
	}
	if (co.stalled && (co_pump(NULL, 0, false) < 0 || co.stalled)) {
		return -1;	/* not waited for until it is heard from */
	}
	co_note.id = ++co.next_id;
	proto_msg_init(&m, PROTO_PROMPT);
	proto_set_int(&m, PROTO_PROMPT_ID, co_note.id);
	proto_set_int(&m, PROTO_PROMPT_BUDGET, co_budget(sh));
	/* one write, now or when the user pauses: the last command's end
	 * (and feedback), then this */
	if (co_queue(&m) < 0) {
		return -1;
	}
	if ((now || co.out.len - co.out_off > CO_QUEUE_MAX) && co_send() < 0) {
		return -1;
	}
	co_note.pending = true;
	return 0;
}

int companion_idle_ms(void)
{
	size_t left = co.out.len - co.out_off;

	/* nothing new since a try the socket did not take (a stopped
	 * daemon): wait for keys only, do not spin */
	return co.fd >= 0 && co.owner == co_self() && left > 0 &&
	       left != co.idle_left ? CO_PAUSE_MS : -1;
}

void companion_idle(void)
{
	if (co.fd >= 0 && co.owner == co_self()) {
		co_send();
		co.idle_left = co.out.len - co.out_off;
	}
}

int companion_note_fd(void)
{
	return co_note.pending ? co.fd : -1;
}

bool companion_note_ready(void)
{
	return co_note.arrived;
}

void companion_prompt_cancel(void)
{
	co_note.pending = false;
	co_note.arrived = false;
}

char *companion_prompt_take(struct shell *sh, int wait_ms)
{
	struct buf clean = BUF_INIT;
	struct co_wait w;

	if (co_note.pending && co.fd >= 0) {
		memset(&w, 0, sizeof(w));
		w.handle = co_note_done;
		if (co_pump(&w, wait_ms, false) == 0 && wait_ms > 0) {
			/* the whole budget went by: stop waiting on a hung
			 * daemon until it is heard from again */
			co_set_why("%s", "hershd did not answer in time");
			co.stalled = true;
			co_note.pending = false;
		}
	}
	if (!co_note.arrived) {
		return NULL;
	}
	co_note.arrived = false;
	if (co_note.text.len > 0) {
		companion_sanitize(&clean, co_note.text.data, co_note.text.len,
				   false);
	}
	if (clean.len == 0) {
		buf_release(&clean);
		return NULL;
	}
	return buf_steal(&clean, NULL);
}

char *companion_prompt_note(struct shell *sh)
{
	if (companion_prompt_begin(sh, true) < 0) {
		return NULL;
	}
	return companion_prompt_take(sh, co_budget(sh));
}

int companion_ask(struct shell *sh, const char *question, struct buf *answer)
{
	struct co_wait w;
	struct proto_msg m;
	int rc;

	if (!co_connect(sh, true, CO_START_WAIT_MS)) {
		buf_puts(answer, co.why);
		return COMPANION_UNAVAILABLE;
	}
	memset(&w, 0, sizeof(w));
	w.reply = PROTO_ANSWER;
	w.id = ++co.next_id;
	w.text = answer;
	proto_msg_init(&m, PROTO_ASK);
	proto_set_int(&m, PROTO_ASK_ID, w.id);
	proto_set_int(&m, PROTO_ASK_NOW, co_hersh_now(sh));
	proto_set_str(&m, PROTO_ASK_QUESTION, question);
	rc = co_request(&w, &m, CO_ASK_MS, false);
	if (rc == COMPANION_UNAVAILABLE) {
		buf_puts(answer, co.why);
	}
	return rc;
}

/* Sends CONTROL verb and waits for its RESULT. */
static int co_control(struct shell *sh, struct co_wait *w, const char *verb,
		      const char *arg, const char *arg2, int timeout_ms,
		      bool idle)
{
	struct proto_msg m;

	w->reply = PROTO_RESULT;
	w->id = ++co.next_id;
	proto_msg_init(&m, PROTO_CONTROL);
	proto_set_int(&m, PROTO_CONTROL_ID, w->id);
	proto_set_int(&m, PROTO_CONTROL_NOW, co_hersh_now(sh));
	proto_set_str(&m, PROTO_CONTROL_VERB, verb);
	proto_set_str(&m, PROTO_CONTROL_ARG, arg);
	proto_set_str(&m, PROTO_CONTROL_ARG2, arg2);
	return co_request(w, &m, timeout_ms, idle);
}

int companion_control(struct shell *sh, const char *verb, const char *arg,
		      const char *arg2, bool start, struct buf *text)
{
	struct co_wait w;
	int rc;

	if (!co_connect(sh, start, start ? CO_START_WAIT_MS : 0)) {
		buf_puts(text, co.why);
		return COMPANION_UNAVAILABLE;
	}
	memset(&w, 0, sizeof(w));
	w.text = text;
	rc = co_control(sh, &w, verb, arg, arg2, CO_CONTROL_MS, false);
	if (rc == COMPANION_UNAVAILABLE) {
		if (strcmp(verb, "stop") == 0 && co.fd < 0) {
			buf_puts(text, "hershd stopped");
			return COMPANION_OK;
		}
		buf_puts(text, co.why);
	}
	return rc;
}

int companion_import(struct shell *sh, int fd, companion_issue_fn *fn,
		     void *arg, struct buf *text)
{
	struct buf scratch = BUF_INIT;
	struct co_wait w;
	struct proto_msg m;
	char chunk[PROTO_CHUNK];
	ssize_t r;
	int rc;

	if (!co_connect(sh, true, CO_START_WAIT_MS)) {
		buf_puts(text, co.why);
		return COMPANION_UNAVAILABLE;
	}
	memset(&w, 0, sizeof(w));
	w.text = &scratch;
	w.issue = fn;
	w.arg = arg;
	rc = co_control(sh, &w, "import", NULL, NULL, CO_CONTROL_MS, false);
	buf_release(&scratch);
	if (rc != 0) {
		buf_puts(text, rc == COMPANION_UNAVAILABLE ? co.why :
			 "hershd refused the import");
		return rc;
	}
	while ((r = io_read(fd, chunk, sizeof(chunk))) > 0) {
		proto_msg_init(&m, PROTO_IMPORT_DATA);
		proto_set_bytes(&m, PROTO_IMPORT_DATA_CHUNK, chunk, (size_t)r);
		co_queue(&m);
		/* keep at most a few chunks in flight */
		w.drain = true;
		w.drain_below = 4 * PROTO_CHUNK;
		if (co.out.len - co.out_off > w.drain_below &&
		    co_pump(&w, CO_IDLE_MS, true) == 0) {
			co_set_why("%s", "hershd stopped reading the import");
			co_disconnect();
		}
		w.drain = false;
		if (co.fd < 0) {
			buf_puts(text, co.why);
			return COMPANION_UNAVAILABLE;
		}
	}
	if (r < 0) {
		buf_printf(text, "read error: %s", strerror(errno));
		w.text = &scratch;
		co_control(sh, &w, "import-abort", NULL, NULL, CO_CONTROL_MS,
			   false);
		buf_release(&scratch);
		return COMPANION_FAIL;
	}
	w.text = text;
	return co_control(sh, &w, "import-end", NULL, NULL, CO_IDLE_MS * 2,
			  false);
}

int companion_export(struct shell *sh, companion_data_fn *fn, void *arg,
		     struct buf *text)
{
	struct co_wait w;
	int rc;

	if (!co_connect(sh, true, CO_START_WAIT_MS)) {
		buf_puts(text, co.why);
		return COMPANION_UNAVAILABLE;
	}
	memset(&w, 0, sizeof(w));
	w.text = text;
	w.data = fn;
	w.arg = arg;
	rc = co_control(sh, &w, "export", NULL, NULL, CO_IDLE_MS, true);
	if (rc == COMPANION_UNAVAILABLE) {
		buf_puts(text, co.why);
	} else if (w.failed) {
		buf_puts(text, "; writing the export failed");
		rc = COMPANION_FAIL;
	}
	return rc;
}

/* ---- sanitizing ----------------------------------------------------------- */

/* Length of the escape sequence at s (s[0] is ESC or a C1 introducer). */
static size_t co_escape_len(const unsigned char *s, size_t n, bool c1)
{
	size_t i = c1 ? 0 : 1;
	unsigned char kind;

	if (i >= n) {
		return n;
	}
	kind = c1 ? (unsigned char)(s[0] - 0x40) : s[1];
	i++;
	if (kind == '[') {
		/* CSI: parameters and intermediates, then one final byte */
		while (i < n && s[i] >= 0x20 && s[i] <= 0x3f) {
			i++;
		}
		return i < n ? i + 1 : n;
	}
	if (kind == ']' || kind == 'P' || kind == 'X' || kind == '^' ||
	    kind == '_') {
		/* strings: up to BEL or ST (ESC \) */
		while (i < n && s[i] != 0x07 && s[i] != 0x9c &&
		       !(s[i] == 0x1b && i + 1 < n && s[i + 1] == '\\')) {
			i++;
		}
		if (i < n && s[i] == 0x1b) {
			return i + 2;
		}
		return i < n ? i + 1 : n;
	}
	/* two-byte escape (ESC c, ESC 7 ...), or ESC + intermediates */
	while (i < n && s[i - 1] >= 0x20 && s[i - 1] <= 0x2f) {
		i++;
	}
	return i;
}

void companion_sanitize(struct buf *out, const char *s, size_t n,
			bool multiline)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t i = 0, len;
	unsigned cp;

	while (i < n) {
		if (u[i] == 0x1b) {
			i += co_escape_len(u + i, n - i, false);
			continue;
		}
		if (u[i] == '\n') {
			buf_putc(out, multiline ? '\n' : ' ');
			i++;
			continue;
		}
		if (u[i] == '\t') {
			buf_putc(out, ' ');
			i++;
			continue;
		}
		if (u[i] < 0x20 || u[i] == 0x7f) {
			i++;
			continue;
		}
		if (u[i] < 0x80) {
			buf_putc(out, (char)u[i++]);
			continue;
		}
		/* UTF-8: validate; drop C1 controls and bidi overrides */
		len = u[i] >= 0xc2 && u[i] <= 0xdf ? 2 :
		      u[i] >= 0xe0 && u[i] <= 0xef ? 3 :
		      u[i] >= 0xf0 && u[i] <= 0xf4 ? 4 : 0;
		cp = len == 2 ? u[i] & 0x1fu : len == 3 ? u[i] & 0x0fu :
		     u[i] & 0x07u;
		for (size_t k = 1; len != 0 && k < len; k++) {
			if (i + k >= n || (u[i + k] & 0xc0) != 0x80) {
				len = 0;
				break;
			}
			cp = cp << 6 | (u[i + k] & 0x3fu);
		}
		if (len == 0 || (len == 3 && cp < 0x800) ||
		    (len == 4 && (cp < 0x10000 || cp > 0x10ffff)) ||
		    (cp >= 0xd800 && cp <= 0xdfff)) {
			buf_putc(out, '?');
			i++;
			continue;
		}
		if (cp == 0x9b || cp == 0x9d || cp == 0x90 || cp == 0x98 ||
		    cp == 0x9e || cp == 0x9f) {
			/* C1 introducers: skip the sequence they start */
			i += len;
			if (cp == 0x9b) {
				while (i < n && u[i] >= 0x20 && u[i] <= 0x3f) {
					i++;
				}
				i += i < n;
			} else {
				while (i < n && u[i] != 0x07 && u[i] != 0x1b &&
				       !(u[i] == 0xc2 && i + 1 < n &&
					 u[i + 1] == 0x9c)) {
					i++;
				}
				i += i < n && u[i] == 0x07;
			}
			continue;
		}
		if ((cp >= 0x80 && cp <= 0x9f) || (cp >= 0x202a &&
						   cp <= 0x202e) ||
		    (cp >= 0x2066 && cp <= 0x2069) || cp == 0x200e ||
		    cp == 0x200f || cp == 0x061c) {
			i += len;
			continue;
		}
		buf_append(out, s + i, len);
		i += len;
	}
}
