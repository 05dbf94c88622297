/*
 * worker.c - the zygote, the parser worker, and the daemon's side of
 * both (see worker.h and docs/sandbox.md).
 *
 * Three sections: the daemon's side (worker_start, worker_request and
 * the quarantine), the zygote (forks, kills and reaps workers), and the
 * worker (reads a request, runs the kind's parse function, writes the
 * reply).  Last, the import-line kind and its reply codec.
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/prctl.h>
#include <sys/random.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <sys/timerfd.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <hersh/buf.h>
#include <hersh/io.h>
#include <hersh/proto.h>

#include "json.h"
#include "log.h"
#include "sandbox.h"
#include "worker.h"

#define WORKER_MEM_DEFAULT ((size_t)256 * 1024 * 1024)
#define WORKER_CPU_DEFAULT 30
#define WORKER_TIMEOUT_DEFAULT 500
#define WORKER_RECYCLE_DEFAULT 10000
/* How long the daemon waits for the zygote (it never parses anything). */
#define WORKER_ZYGOTE_TIMEOUT_MS 2000
/* Workers a zygote has at once (the current one, one being retired). */
#define WORKER_CHILDREN_MAX 4
/* Quarantined inputs remembered (the oldest is forgotten first). */
#define WORKER_QUARANTINE_MAX 256

/* Zygote requests: 8 bytes, u8 op, 3 zero bytes, u32 pid. */
enum worker_zygote_op {
	ZYGOTE_SPAWN = 1,	/* fork a worker; reply pid + its socket */
	ZYGOTE_FINISH = 2,	/* SIGKILL and reap pid; reply its status */
};
#define WORKER_ZYGOTE_MSG 8

struct worker_quarantine {
	uint64_t hash;
	size_t len;
	int kind;
};

struct worker {
	struct worker_limits lim;
	int zygote_fd;		/* seqpacket to the zygote */
	pid_t zygote_pid;
	int fd;			/* stream to the current worker, or -1 */
	pid_t pid;
	int epfd;		/* private set: fd and tfd */
	int tfd;		/* deadline of the request in flight */
	uint32_t next_id;
	unsigned served;	/* requests the current worker answered */
	uint64_t seed;		/* keys the quarantine hash */
	struct worker_quarantine q[WORKER_QUARANTINE_MAX];
	unsigned nq;		/* entries used */
	unsigned q_next;	/* next slot to overwrite when full */
	struct worker_stats st;
	struct buf reply;	/* worker_import_line()'s reply */
	struct buf strings;	/* decoded strings of the last event */
};

static worker_parse_fn *worker_table[WORKER_KINDS];
static bool worker_started;
static struct worker *worker_last;

static worker_parse_fn worker_parse_import;

int worker_register(int kind, worker_parse_fn *fn)
{
	if ((int)kind <= 0 || kind >= WORKER_KINDS || worker_started) {
		return -1;
	}
	worker_table[kind] = fn;
	return 0;
}

const char *worker_strerror(int err)
{
	switch (err) {
	case WORKER_ENOKIND:
		return "no parser for this kind of input";
	case WORKER_ETOOBIG:
		return "input too large to parse";
	case WORKER_EQUARANTINED:
		return "input quarantined: it crashed the parser before";
	case WORKER_ECRASHED:
		return "the parser crashed on this input (quarantined)";
	case WORKER_ETIMEOUT:
		return "the parser took too long on this input (quarantined)";
	case WORKER_EPROTO:
		return "the parser answered nonsense (quarantined)";
	case WORKER_EOVERFLOW:
		return "the parser's result was too large";
	case WORKER_EUNAVAIL:
		return "no parser process available";
	}
	return err < 0 ? "unknown error" : "ok";
}

/* ==== the worker process ================================================= */

/* Writes the reply: header, then the payload. */
static int worker_reply(uint32_t id, int status, const struct buf *out)
{
	unsigned char h[WORKER_HEADER];
	size_t len = status == WORKER_STATUS_OVERFLOW ? 0 : out->len;

	proto_put_u32(h, (uint32_t)len);
	proto_put_u32(h + 4, id);
	h[8] = (unsigned char)status;
	if (io_write_all(SANDBOX_WORKER_FD, h, sizeof(h)) < 0 ||
	    (len > 0 &&
	     io_write_all(SANDBOX_WORKER_FD, out->data, len) < 0)) {
		return -1;
	}
	return 0;
}

/* Serves requests on fd 3 until the daemon closes it.  Never returns. */
static void worker_serve(void) __attribute__((noreturn));
static void worker_serve(void)
{
	unsigned char h[WORKER_HEADER];
	struct buf out;
	uint32_t len, id;
	char *in;
	int kind, status;
	ssize_t n;

	for (;;) {
		n = io_read_full(SANDBOX_WORKER_FD, h, sizeof(h));
		if (n == 0) {
			_exit(0);
		}
		if (n != (ssize_t)sizeof(h)) {
			_exit(1);
		}
		len = proto_get_u32(h);
		id = proto_get_u32(h + 4);
		kind = h[8];
		if (len > WORKER_REQUEST_MAX) {
			_exit(1);	/* the daemon never sends that */
		}
		in = malloc((size_t)len + 1);
		if (in == NULL) {
			_exit(1);	/* RLIMIT_AS: the daemon quarantines */
		}
		if (io_read_full(SANDBOX_WORKER_FD, in, len) != (ssize_t)len) {
			_exit(1);
		}
		in[len] = '\0';
		buf_init(&out, WORKER_REPLY_MAX);
		if (kind <= 0 || kind >= WORKER_KINDS ||
		    worker_table[kind] == NULL) {
			status = WORKER_STATUS_NOKIND;
		} else {
			status = worker_table[kind](in, len, &out);
			if (status < 0 || status > WORKER_CODE_MAX) {
				status = WORKER_CODE_MAX;
			}
			if (out.err) {
				status = WORKER_STATUS_OVERFLOW;
			}
		}
		free(in);
		if (worker_reply(id, status, &out) < 0) {
			_exit(1);
		}
		buf_release(&out);
	}
}

/*
 * In the zygote's new child: fd 3 becomes the socket, 0-2 /dev/null,
 * everything else closed; limits; then the worker policy.
 */
static void worker_child(int sock, int devnull, const struct worker_limits *lim)
	__attribute__((noreturn));
#ifdef HERSH_SANITIZED
static const bool worker_sanitized = true;
#else
static const bool worker_sanitized = false;
#endif

static void worker_child(int sock, int devnull, const struct worker_limits *lim)
{
	struct rlimit mem = { lim->mem_max, lim->mem_max };
	struct rlimit cpu = { lim->cpu_seconds, lim->cpu_seconds + 1 };
	struct rlimit zero = { 0, 0 };
	struct rlimit files = { SANDBOX_WORKER_FD + 1, SANDBOX_WORKER_FD + 1 };

	if (dup2(sock, SANDBOX_WORKER_FD) < 0 || dup2(devnull, 0) < 0 ||
	    dup2(devnull, 1) < 0 ||
	    (!sandbox_debug() && dup2(devnull, 2) < 0)) {
		_exit(127);
	}
	if (close_range(SANDBOX_WORKER_FD + 1, ~0U, 0) < 0) {
		_exit(127);
	}
	prctl(PR_SET_PDEATHSIG, SIGKILL, 0, 0, 0);
	/* (in debug mode stderr stays, and may be a file; a sanitizer
	 * build has terabytes of shadow mapped: no address-space limit) */
	if ((!worker_sanitized && setrlimit(RLIMIT_AS, &mem) < 0) ||
	    setrlimit(RLIMIT_CPU, &cpu) < 0 ||
	    (!sandbox_debug() && setrlimit(RLIMIT_FSIZE, &zero) < 0) ||
	    setrlimit(RLIMIT_NOFILE, &files) < 0 ||
	    setrlimit(RLIMIT_MEMLOCK, &zero) < 0 ||
	    (!lim->no_sandbox && sandbox_apply_policy(SANDBOX_WORKER) < 0)) {
		_exit(127);
	}
	worker_serve();
}

/* ==== the zygote ========================================================= */

struct worker_zygote {
	const struct worker_limits *lim;
	int devnull;
	pid_t kids[WORKER_CHILDREN_MAX];
};

/* Sends an 8-byte reply (pid, status) and, for a spawn, the fd. */
static int worker_zygote_reply(pid_t pid, int status, int fd)
{
	unsigned char msg[WORKER_ZYGOTE_MSG];
	union {
		struct cmsghdr h;
		char space[CMSG_SPACE(sizeof(int))];
	} cm;
	struct iovec iov = { msg, sizeof(msg) };
	struct msghdr mh;
	ssize_t n;

	proto_put_u32(msg, (uint32_t)pid);
	proto_put_u32(msg + 4, (uint32_t)status);
	memset(&mh, 0, sizeof(mh));
	mh.msg_iov = &iov;
	mh.msg_iovlen = 1;
	if (fd >= 0) {
		memset(&cm, 0, sizeof(cm));
		mh.msg_control = cm.space;
		mh.msg_controllen = sizeof(cm.space);
		cm.h.cmsg_level = SOL_SOCKET;
		cm.h.cmsg_type = SCM_RIGHTS;
		cm.h.cmsg_len = CMSG_LEN(sizeof(int));
		memcpy(CMSG_DATA(&cm.h), &fd, sizeof(int));
	}
	do {
		n = sendmsg(SANDBOX_WORKER_FD, &mh, MSG_NOSIGNAL);
	} while (n < 0 && errno == EINTR);
	return n == (ssize_t)sizeof(msg) ? 0 : -1;
}

static void worker_zygote_spawn(struct worker_zygote *z)
{
	int sv[2], slot;
	pid_t pid;

	for (slot = 0; slot < WORKER_CHILDREN_MAX && z->kids[slot] != 0;
	     slot++) {
	}
	if (slot == WORKER_CHILDREN_MAX ||
	    socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv) < 0) {
		worker_zygote_reply(-1, EAGAIN, -1);
		return;
	}
	pid = fork();
	if (pid == 0) {
		close(sv[0]);
		worker_child(sv[1], z->devnull, z->lim);
	}
	close(sv[1]);
	if (pid > 0) {
		z->kids[slot] = pid;
	}
	worker_zygote_reply(pid, pid < 0 ? errno : 0, pid < 0 ? -1 : sv[0]);
	close(sv[0]);
}

/* Kills and reaps one of its own workers; replies with the wait status. */
static void worker_zygote_finish(struct worker_zygote *z, pid_t pid)
{
	int slot, status = -1;

	for (slot = 0; slot < WORKER_CHILDREN_MAX; slot++) {
		if (pid > 0 && z->kids[slot] == pid) {
			break;
		}
	}
	if (slot < WORKER_CHILDREN_MAX) {
		/* not reaped yet, so the pid cannot have been reused */
		kill(pid, SIGKILL);
		while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
		}
		z->kids[slot] = 0;
	}
	worker_zygote_reply(pid, status, -1);
}

/* The zygote's life: ctl is its socket to the daemon.  Never returns. */
static void worker_zygote(int ctl, const struct worker_limits *lim,
			  pid_t daemon) __attribute__((noreturn));
static void worker_zygote(int ctl, const struct worker_limits *lim,
			  pid_t daemon)
{
	struct worker_zygote z;
	unsigned char msg[WORKER_ZYGOTE_MSG];
	ssize_t n;
	int i;

	memset(&z, 0, sizeof(z));
	z.lim = lim;
	if (ctl != SANDBOX_WORKER_FD &&
	    dup2(ctl, SANDBOX_WORKER_FD) < 0) {
		_exit(127);
	}
	/* nothing of the daemon's: not its lock, not its log pipe */
	if (close_range(SANDBOX_WORKER_FD + 1, ~0U, 0) < 0) {
		_exit(127);
	}
	/* a group of its own: kill(0, ...) can reach no one else */
	z.devnull = open("/dev/null", O_RDWR | O_CLOEXEC);
	if (z.devnull < 0 || setpgid(0, 0) < 0 ||
	    prctl(PR_SET_PDEATHSIG, SIGKILL, 0, 0, 0) < 0 ||
	    getppid() != daemon) {
		_exit(127);	/* (or the daemon died before PDEATHSIG) */
	}
	tzset();	/* a parser calling gmtime_r() must not open a file */
	if (!lim->no_sandbox && sandbox_apply_policy(SANDBOX_ZYGOTE) < 0) {
		_exit(127);
	}
	for (;;) {
		n = read(SANDBOX_WORKER_FD, msg, sizeof(msg));
		if (n < 0 && errno == EINTR) {
			continue;
		}
		if (n <= 0) {
			break;		/* the daemon is gone */
		}
		if (n != (ssize_t)sizeof(msg)) {
			continue;
		}
		if (msg[0] == ZYGOTE_SPAWN) {
			worker_zygote_spawn(&z);
		} else if (msg[0] == ZYGOTE_FINISH) {
			worker_zygote_finish(&z,
					     (pid_t)proto_get_u32(msg + 4));
		}
	}
	for (i = 0; i < WORKER_CHILDREN_MAX; i++) {
		if (z.kids[i] > 0) {
			kill(z.kids[i], SIGKILL);
			waitpid(z.kids[i], NULL, 0);
		}
	}
	_exit(0);
}

/* ==== the daemon's side ================================================== */

/* One request/reply with the zygote; *fd gets a passed fd (or -1). */
static int worker_zygote_call(struct worker *w, int op, pid_t pid,
			      pid_t *rpid, int *rstatus, int *fd)
{
	unsigned char msg[WORKER_ZYGOTE_MSG];
	union {
		struct cmsghdr h;
		char space[CMSG_SPACE(sizeof(int))];
	} cm;
	struct iovec iov = { msg, sizeof(msg) };
	struct msghdr mh;
	struct cmsghdr *c;
	ssize_t n;

	*fd = -1;
	if (w->zygote_fd < 0) {
		return -1;
	}
	memset(msg, 0, sizeof(msg));
	msg[0] = (unsigned char)op;
	proto_put_u32(msg + 4, (uint32_t)pid);
	do {
		n = send(w->zygote_fd, msg, sizeof(msg), MSG_NOSIGNAL);
	} while (n < 0 && errno == EINTR);
	if (n != (ssize_t)sizeof(msg)) {
		goto dead;
	}
	memset(&mh, 0, sizeof(mh));
	mh.msg_iov = &iov;
	mh.msg_iovlen = 1;
	mh.msg_control = cm.space;
	mh.msg_controllen = sizeof(cm.space);
	do {
		n = recvmsg(w->zygote_fd, &mh, MSG_CMSG_CLOEXEC);
	} while (n < 0 && errno == EINTR);
	if (n != (ssize_t)sizeof(msg)) {
		goto dead;
	}
	for (c = CMSG_FIRSTHDR(&mh); c != NULL; c = CMSG_NXTHDR(&mh, c)) {
		if (c->cmsg_level == SOL_SOCKET && c->cmsg_type == SCM_RIGHTS &&
		    c->cmsg_len == CMSG_LEN(sizeof(int))) {
			memcpy(fd, CMSG_DATA(c), sizeof(int));
		}
	}
	*rpid = (pid_t)proto_get_u32(msg);
	*rstatus = (int)proto_get_u32(msg + 4);
	return 0;
dead:
	error_f("the zygote does not answer (%s); no more workers",
		n < 0 ? strerror(errno) : "closed");
	close(w->zygote_fd);
	w->zygote_fd = -1;
	return -1;
}

/* Describes a wait status for the log. */
static void worker_log_end(pid_t pid, int status, const char *why, int kind,
			   size_t len)
{
	if (status >= 0 && WIFSIGNALED(status)) {
		info_f("worker %ld %s (signal %d) on a %zu-byte input of "
		       "kind %d: quarantined", (long)pid, why,
		       WTERMSIG(status), len, kind);
	} else {
		info_f("worker %ld %s (status %d) on a %zu-byte input of "
		       "kind %d: quarantined", (long)pid, why,
		       status >= 0 ? WEXITSTATUS(status) : -1, len, kind);
	}
}

/* Closes the worker socket and has the zygote kill and reap it. */
static int worker_retire(struct worker *w)
{
	int status = -1, fd;
	pid_t rpid;

	if (w->fd >= 0) {
		close(w->fd);	/* also leaves the epoll set */
		w->fd = -1;
	}
	if (w->pid > 0 &&
	    worker_zygote_call(w, ZYGOTE_FINISH, w->pid, &rpid, &status,
			       &fd) == 0 && fd >= 0) {
		close(fd);
	}
	w->pid = 0;
	w->st.pid = 0;
	w->served = 0;
	w->st.last_signal = status >= 0 && WIFSIGNALED(status) ?
			    WTERMSIG(status) : 0;
	return status;
}

static int worker_spawn(struct worker *w)
{
	struct epoll_event ev;
	int status, fd;
	pid_t pid;

	if (worker_zygote_call(w, ZYGOTE_SPAWN, 0, &pid, &status, &fd) < 0) {
		return -1;
	}
	if (pid <= 0 || fd < 0) {
		error_f("the zygote could not start a worker: %s",
			strerror(status));
		if (fd >= 0) {
			close(fd);
		}
		return -1;
	}
	memset(&ev, 0, sizeof(ev));
	ev.events = EPOLLIN;
	ev.data.fd = fd;
	if (epoll_ctl(w->epfd, EPOLL_CTL_ADD, fd, &ev) < 0) {
		error_f("epoll_ctl: %s", strerror(errno));
		close(fd);
		w->pid = pid;
		worker_retire(w);
		return -1;
	}
	w->fd = fd;
	w->pid = pid;
	w->st.pid = pid;
	w->st.spawned++;
	w->served = 0;
	debug_f("worker %ld started", (long)pid);
	return 0;
}

struct worker *worker_start(const struct worker_limits *lim)
{
	struct worker *w = calloc(1, sizeof(*w));
	struct epoll_event ev;
	struct timeval tv;
	int sv[2] = { -1, -1 };
	pid_t pid, self;

	if (w == NULL) {
		error_f("out of memory");
		return NULL;
	}
	if (lim != NULL) {
		w->lim = *lim;
	}
	if (w->lim.mem_max == 0) {
		w->lim.mem_max = WORKER_MEM_DEFAULT;
	}
	if (w->lim.cpu_seconds == 0) {
		w->lim.cpu_seconds = WORKER_CPU_DEFAULT;
	}
	if (w->lim.timeout_ms <= 0) {
		w->lim.timeout_ms = WORKER_TIMEOUT_DEFAULT;
	}
	if (w->lim.recycle_after == 0) {
		w->lim.recycle_after = WORKER_RECYCLE_DEFAULT;
	}
	w->fd = -1;
	w->zygote_fd = -1;
	w->epfd = epoll_create1(EPOLL_CLOEXEC);
	w->tfd = timerfd_create(CLOCK_MONOTONIC, TFD_CLOEXEC | TFD_NONBLOCK);
	buf_init(&w->reply, WORKER_REPLY_MAX);
	buf_init(&w->strings, WORKER_REPLY_MAX);
	if (w->epfd < 0 || w->tfd < 0) {
		error_f("epoll/timerfd: %s", strerror(errno));
		goto fail;
	}
	memset(&ev, 0, sizeof(ev));
	ev.events = EPOLLIN;
	ev.data.fd = w->tfd;
	if (epoll_ctl(w->epfd, EPOLL_CTL_ADD, w->tfd, &ev) < 0 ||
	    socketpair(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0, sv) < 0) {
		error_f("socketpair: %s", strerror(errno));
		goto fail;
	}
	/* the zygote answers at once; never wait on it for long */
	tv.tv_sec = WORKER_ZYGOTE_TIMEOUT_MS / 1000;
	tv.tv_usec = WORKER_ZYGOTE_TIMEOUT_MS % 1000 * 1000;
	if (setsockopt(sv[0], SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv)) < 0 ||
	    setsockopt(sv[0], SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof(tv)) < 0) {
		error_f("setsockopt: %s", strerror(errno));
		goto fail;
	}
	if (getrandom(&w->seed, sizeof(w->seed), 0) != sizeof(w->seed)) {
		w->seed = (uint64_t)time(NULL) * 0x9e3779b97f4a7c15ULL ^
			  (uint64_t)getpid();
	}
	if (worker_table[WORKER_IMPORT_LINE] == NULL) {
		worker_table[WORKER_IMPORT_LINE] = worker_parse_import;
	}
	worker_started = true;
	self = getpid();
	pid = fork();
	if (pid < 0) {
		error_f("fork: %s", strerror(errno));
		goto fail;
	}
	if (pid == 0) {
		close(sv[0]);
		worker_zygote(sv[1], &w->lim, self);
	}
	close(sv[1]);
	w->zygote_fd = sv[0];
	w->zygote_pid = pid;
	w->st.zygote = pid;
	worker_last = w;
	return w;
fail:
	if (sv[0] >= 0) {
		close(sv[0]);
		close(sv[1]);
	}
	worker_stop(w);
	return NULL;
}

void worker_stop(struct worker *w)
{
	if (w == NULL) {
		return;
	}
	if (w->fd >= 0) {
		close(w->fd);
	}
	if (w->zygote_fd >= 0) {
		close(w->zygote_fd);	/* the zygote kills its workers */
	}
	if (w->zygote_pid > 0) {
		while (waitpid(w->zygote_pid, NULL, 0) < 0 && errno == EINTR) {
		}
	}
	if (w->epfd >= 0) {
		close(w->epfd);
	}
	if (w->tfd >= 0) {
		close(w->tfd);
	}
	buf_release(&w->reply);
	buf_release(&w->strings);
	if (worker_last == w) {
		worker_last = NULL;
	}
	free(w);
}

struct worker *worker_default(void)
{
	return worker_last;
}

/* ---- quarantine -------------------------------------------------------- */

/* FNV-1a over the bytes, from a per-daemon random seed, then mixed. */
static uint64_t worker_hash(const struct worker *w, int kind, const void *in,
			    size_t len)
{
	const unsigned char *p = in;
	uint64_t h = 0xcbf29ce484222325ULL ^ w->seed ^ (uint64_t)kind;
	size_t i;

	for (i = 0; i < len; i++) {
		h = (h ^ p[i]) * 0x100000001b3ULL;
	}
	h ^= h >> 33;
	h *= 0xff51afd7ed558ccdULL;
	h ^= h >> 33;
	return h;
}

bool worker_quarantined(struct worker *w, int kind,
			const void *in, size_t len)
{
	uint64_t h = 0;
	bool hashed = false;
	unsigned i;

	for (i = 0; i < w->nq; i++) {
		if (w->q[i].kind != (int)kind || w->q[i].len != len) {
			continue;
		}
		if (!hashed) {
			h = worker_hash(w, kind, in, len);
			hashed = true;
		}
		if (w->q[i].hash == h) {
			return true;
		}
	}
	return false;
}

static void worker_quarantine(struct worker *w, int kind, const void *in,
			      size_t len)
{
	struct worker_quarantine *e;

	if (w->nq < WORKER_QUARANTINE_MAX) {
		e = &w->q[w->nq++];
	} else {
		e = &w->q[w->q_next];
		w->q_next = (w->q_next + 1) % WORKER_QUARANTINE_MAX;
	}
	e->kind = kind;
	e->len = len;
	e->hash = worker_hash(w, kind, in, len);
	w->st.quarantined = w->nq;
}

/* ---- one request ------------------------------------------------------- */

/* Where a request stands. */
struct worker_io {
	unsigned char hdr[WORKER_HEADER];
	const unsigned char *in;
	size_t len;
	size_t sent;		/* of WORKER_HEADER + len */
	unsigned char rhdr[WORKER_HEADER];
	size_t rgot;		/* of WORKER_HEADER + reply length */
	uint32_t rlen;
	int status;
};

static int worker_set_events(struct worker *w, uint32_t events)
{
	struct epoll_event ev;

	memset(&ev, 0, sizeof(ev));
	ev.events = events;
	ev.data.fd = w->fd;
	return epoll_ctl(w->epfd, EPOLL_CTL_MOD, w->fd, &ev);
}

/* Sends what the socket takes.  0 (go on) or WORKER_ECRASHED. */
static int worker_io_send(struct worker *w, struct worker_io *io)
{
	const unsigned char *p;
	size_t left;
	ssize_t n;

	while (io->sent < WORKER_HEADER + io->len) {
		if (io->sent < WORKER_HEADER) {
			p = io->hdr + io->sent;
			left = WORKER_HEADER - io->sent;
		} else {
			p = io->in + (io->sent - WORKER_HEADER);
			left = io->len - (io->sent - WORKER_HEADER);
		}
		n = send(w->fd, p, left, MSG_DONTWAIT | MSG_NOSIGNAL);
		if (n < 0 && errno == EINTR) {
			continue;
		}
		if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
			return 0;
		}
		if (n <= 0) {
			return WORKER_ECRASHED;
		}
		io->sent += (size_t)n;
	}
	return 0;
}

/*
 * Reads what has come.  0 (go on), 1 (reply complete), or a negative
 * WORKER_E* (the worker died or broke the protocol).
 */
static int worker_io_recv(struct worker *w, struct worker_io *io,
			  uint32_t id, struct buf *out)
{
	ssize_t n;
	char c;

	for (;;) {
		if (io->rgot < WORKER_HEADER) {
			n = recv(w->fd, io->rhdr + io->rgot,
				 WORKER_HEADER - io->rgot, MSG_DONTWAIT);
		} else if (io->rgot < WORKER_HEADER + io->rlen) {
			n = recv(w->fd, out->data + out->len,
				 WORKER_HEADER + io->rlen - io->rgot,
				 MSG_DONTWAIT);
		} else {
			break;
		}
		if (n < 0 && errno == EINTR) {
			continue;
		}
		if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
			return 0;
		}
		if (n <= 0) {
			return WORKER_ECRASHED;
		}
		if (io->rgot >= WORKER_HEADER) {
			out->len += (size_t)n;
			out->data[out->len] = '\0';
		}
		io->rgot += (size_t)n;
		if (io->rgot == WORKER_HEADER) {
			/* check the header before allocating anything */
			io->rlen = proto_get_u32(io->rhdr);
			io->status = io->rhdr[8];
			if (proto_get_u32(io->rhdr + 4) != id ||
			    io->rlen > WORKER_REPLY_MAX ||
			    (io->status > WORKER_CODE_MAX &&
			     io->status != WORKER_STATUS_NOKIND &&
			     io->status != WORKER_STATUS_OVERFLOW) ||
			    (io->status == WORKER_STATUS_OVERFLOW &&
			     io->rlen != 0) ||
			    buf_reserve(out, io->rlen) < 0) {
				return WORKER_EPROTO;
			}
		}
	}
	/* a reply and nothing after it: more is a worker gone wrong */
	if (recv(w->fd, &c, 1, MSG_PEEK | MSG_DONTWAIT) > 0) {
		return WORKER_EPROTO;
	}
	return 1;
}

/* Arms the deadline (relative, ms); 0 disarms.  Either clears expiries. */
static void worker_arm(struct worker *w, int ms)
{
	struct itimerspec its;

	memset(&its, 0, sizeof(its));
	its.it_value.tv_sec = ms / 1000;
	its.it_value.tv_nsec = (long)(ms % 1000) * 1000000;
	timerfd_settime(w->tfd, 0, &its, NULL);
}

/* Runs one exchange with the current worker.  Code or WORKER_E*. */
static int worker_exchange(struct worker *w, int kind, const void *in,
			   size_t len, struct buf *out, int timeout_ms)
{
	struct worker_io io;
	struct epoll_event evs[2];
	uint32_t id = ++w->next_id;
	bool sending = true;
	int rc = 0, n, i;

	memset(&io, 0, sizeof(io));
	proto_put_u32(io.hdr, (uint32_t)len);
	proto_put_u32(io.hdr + 4, id);
	io.hdr[8] = (unsigned char)kind;
	io.in = in;
	io.len = len;
	buf_reset(out);
	worker_arm(w, timeout_ms);
	/* most requests fit the socket buffer: no EPOLLOUT round then */
	rc = worker_io_send(w, &io);
	if (rc == 0 && io.sent == WORKER_HEADER + io.len) {
		sending = false;
	} else if (rc == 0 && worker_set_events(w, EPOLLIN | EPOLLOUT) < 0) {
		rc = WORKER_ECRASHED;
	}
	while (rc == 0) {
		n = epoll_wait(w->epfd, evs, 2, -1);
		if (n < 0 && errno == EINTR) {
			continue;
		}
		if (n < 0) {
			rc = WORKER_ECRASHED;
			break;
		}
		for (i = 0; i < n && rc == 0; i++) {
			if (evs[i].data.fd == w->tfd) {
				rc = WORKER_ETIMEOUT;
				break;
			}
			if (sending && (evs[i].events & (EPOLLOUT | EPOLLERR))) {
				rc = worker_io_send(w, &io);
				if (rc == 0 &&
				    io.sent == WORKER_HEADER + io.len) {
					sending = false;
					if (worker_set_events(w, EPOLLIN) < 0) {
						rc = WORKER_ECRASHED;
					}
				}
			}
			if (rc == 0 && (evs[i].events & (EPOLLIN | EPOLLHUP |
							 EPOLLERR))) {
				rc = worker_io_recv(w, &io, id, out);
			}
		}
	}
	if (sending && w->fd >= 0) {
		worker_set_events(w, EPOLLIN);
	}
	worker_arm(w, 0);
	if (rc == 1 && sending) {
		rc = WORKER_EPROTO;	/* answered before it was asked */
	}
	if (rc < 0) {
		buf_reset(out);
		return rc;
	}
	if (io.status == WORKER_STATUS_NOKIND) {
		return WORKER_ENOKIND;
	}
	if (io.status == WORKER_STATUS_OVERFLOW) {
		return WORKER_EOVERFLOW;
	}
	return io.status;
}

int worker_request(struct worker *w, int kind, const void *in,
		   size_t len, struct buf *out, int timeout_ms)
{
	int rc, status;
	pid_t pid;

	if ((int)kind <= 0 || kind >= WORKER_KINDS ||
	    worker_table[kind] == NULL) {
		return WORKER_ENOKIND;
	}
	if (len > WORKER_REQUEST_MAX) {
		return WORKER_ETOOBIG;
	}
	if (worker_quarantined(w, kind, in, len)) {
		w->st.refused++;
		return WORKER_EQUARANTINED;
	}
	if (w->fd >= 0 && w->served >= w->lim.recycle_after) {
		worker_retire(w);
	}
	if (w->fd < 0 && worker_spawn(w) < 0) {
		return WORKER_EUNAVAIL;
	}
	rc = worker_exchange(w, kind, in, len, out,
			     timeout_ms > 0 ? timeout_ms : w->lim.timeout_ms);
	if (rc == WORKER_ECRASHED || rc == WORKER_ETIMEOUT ||
	    rc == WORKER_EPROTO) {
		pid = w->pid;
		status = worker_retire(w);
		worker_quarantine(w, kind, in, len);
		if (rc == WORKER_ECRASHED) {
			w->st.crashes++;
			worker_log_end(pid, status, "died", kind, len);
		} else if (rc == WORKER_ETIMEOUT) {
			w->st.timeouts++;
			worker_log_end(pid, status, "was killed at the deadline",
				       kind, len);
		} else {
			w->st.bad_replies++;
			worker_log_end(pid, status, "sent a malformed reply", kind,
				       len);
		}
		return rc;
	}
	w->served++;
	w->st.requests++;
	return rc;
}

void worker_stats(const struct worker *w, struct worker_stats *out)
{
	*out = w->st;
	if (w->zygote_fd < 0) {
		out->zygote = 0;
	}
}

void worker_describe(const struct worker *w, struct buf *out)
{
	if (w == NULL) {
		buf_puts(out, "worker: none (parsing disabled)\n");
		return;
	}
	buf_printf(out, "worker: %s, %llu requests, %llu restarts, "
		   "%llu crashes, %llu timeouts, %u quarantined\n",
		   w->zygote_fd < 0 ? "zygote gone" : "ready",
		   (unsigned long long)w->st.requests,
		   (unsigned long long)(w->st.spawned > 0 ?
					w->st.spawned - 1 : 0),
		   (unsigned long long)w->st.crashes,
		   (unsigned long long)w->st.timeouts, w->st.quarantined);
}

/* ==== the import-line kind =============================================== */

/*
 * Reply of WORKER_IMPORT_LINE.  The code is the enum import_result
 * (IMPORT_BAD as 4, IMPORT_NOMEM as 5).  For IMPORT_EVENT the payload is
 *
 *	u8 kind, u8 redacted, i64 time, then by kind:
 *	command: str cwd, str line, str session, u8 has_status,
 *		 i64 status, i64 duration_ms
 *	file:    str path, str op, str to
 *	mail:    str from, str subject, str mailbox, u8 read
 *
 * where str is u32 length (0xffffffff for none) and the bytes.  For
 * IMPORT_BAD the payload is the reason text.
 */
#define WORKER_CODE_BAD 4
#define WORKER_CODE_NOMEM 5
#define WORKER_NO_STR 0xffffffffu
#define WORKER_WHY_MAX 200

static void worker_put_i64(struct buf *out, int64_t v)
{
	unsigned char b[8];

	proto_put_u32(b, (uint32_t)(uint64_t)v);
	proto_put_u32(b + 4, (uint32_t)((uint64_t)v >> 32));
	buf_append(out, b, sizeof(b));
}

static void worker_put_str(struct buf *out, const char *s)
{
	unsigned char b[4];
	size_t n = s != NULL ? strlen(s) : 0;

	proto_put_u32(b, s != NULL ? (uint32_t)n : WORKER_NO_STR);
	buf_append(out, b, sizeof(b));
	buf_append(out, s, n);
}

/* Runs in the worker. */
static int worker_parse_import(const char *in, size_t len, struct buf *out)
{
	static struct import_line *il;
	struct store_event ev;
	struct buf why = BUF_INIT;
	enum import_result r;
	bool redacted = false;

	if (il == NULL && (il = import_line_new()) == NULL) {
		return WORKER_CODE_NOMEM;
	}
	buf_init(&why, WORKER_WHY_MAX);
	r = import_parse_line(il, in, len, &ev, &redacted, &why);
	if (r == IMPORT_BAD) {
		buf_append(out, why.data, why.len);
		buf_release(&why);
		return WORKER_CODE_BAD;
	}
	buf_release(&why);
	if (r == IMPORT_NOMEM) {
		return WORKER_CODE_NOMEM;
	}
	if (r != IMPORT_EVENT) {
		return (int)r;
	}
	buf_putc(out, (char)ev.kind);
	buf_putc(out, (char)redacted);
	if (ev.kind == STORE_KIND_COMMAND) {
		worker_put_i64(out, ev.cmd.time);
		worker_put_str(out, ev.cmd.cwd);
		worker_put_str(out, ev.cmd.line);
		worker_put_str(out, ev.cmd.session);
		buf_putc(out, (char)ev.cmd.has_status);
		worker_put_i64(out, ev.cmd.status);
		worker_put_i64(out, ev.cmd.duration_ms);
	} else if (ev.kind == STORE_KIND_FILE) {
		worker_put_i64(out, ev.file.time);
		worker_put_str(out, ev.file.path);
		worker_put_str(out, ev.file.op);
		worker_put_str(out, ev.file.to_path);
	} else {
		worker_put_i64(out, ev.mail.time);
		worker_put_str(out, ev.mail.from);
		worker_put_str(out, ev.mail.subject);
		worker_put_str(out, ev.mail.mailbox);
		buf_putc(out, (char)ev.mail.read);
	}
	return IMPORT_EVENT;
}

/* Reads the reply in the daemon: every step bounds checked. */
struct worker_reader {
	const unsigned char *p;
	size_t left;
	bool bad;
	struct buf *strings;	/* decoded strings, NUL-separated */
	size_t offs[8];		/* where each string starts, or SIZE_MAX */
	int nstr;
};

static unsigned worker_get_u8(struct worker_reader *r)
{
	if (r->left < 1) {
		r->bad = true;
		return 0;
	}
	r->left--;
	return *r->p++;
}

static int64_t worker_get_i64(struct worker_reader *r)
{
	uint64_t v;

	if (r->left < 8) {
		r->bad = true;
		return 0;
	}
	v = (uint64_t)proto_get_u32(r->p) |
	    (uint64_t)proto_get_u32(r->p + 4) << 32;
	r->p += 8;
	r->left -= 8;
	return (int64_t)v;
}

/* True if the n bytes at s are UTF-8 without NUL bytes. */
static bool worker_text_ok(const unsigned char *s, size_t n)
{
	uint32_t cp;
	size_t k;

	while (n > 0) {
		if (*s == '\0') {
			return false;
		}
		if (*s < 0x80) {
			s++;
			n--;
			continue;
		}
		k = json_utf8_decode(s, n, &cp);
		if (k == 0) {
			return false;
		}
		s += k;
		n -= k;
	}
	return true;
}

/* Copies the next str into r->strings; its index, or -1 for none. */
static int worker_get_str(struct worker_reader *r)
{
	uint32_t n;
	int idx;

	if (r->left < 4 || r->nstr >= 8) {
		r->bad = true;
		return -1;
	}
	n = proto_get_u32(r->p);
	r->p += 4;
	r->left -= 4;
	if (n == WORKER_NO_STR) {
		return -1;
	}
	if (n > r->left || !worker_text_ok(r->p, n)) {
		r->bad = true;
		return -1;
	}
	idx = r->nstr++;
	r->offs[idx] = r->strings->len;
	buf_append(r->strings, r->p, n);
	buf_putc(r->strings, '\0');
	r->p += n;
	r->left -= n;
	return idx;
}

static const char *worker_str(struct worker_reader *r, int idx)
{
	return idx < 0 ? NULL : r->strings->data + r->offs[idx];
}

/*
 * The file operations, as static strings: import_parse_line() gives one
 * of these and callers may keep the pointer (import.c does).
 */
static const char *worker_file_op(const char *op)
{
	static const char *const ops[] = { "create", "modify", "delete",
					   "move" };
	size_t i;

	for (i = 0; i < sizeof(ops) / sizeof(ops[0]); i++) {
		if (op != NULL && strcmp(op, ops[i]) == 0) {
			return ops[i];
		}
	}
	return NULL;
}

/* Decodes an IMPORT_EVENT reply into ev; false if malformed. */
static bool worker_decode_event(struct worker *w, struct store_event *ev,
				bool *redacted)
{
	struct worker_reader r;
	unsigned kind, flag;
	int64_t time;
	int s[3] = { -1, -1, -1 };
	int64_t status = 0, duration = 0;
	unsigned has_status = 0, read = 0;

	memset(&r, 0, sizeof(r));
	r.p = (const unsigned char *)w->reply.data;
	r.left = w->reply.len;
	r.strings = &w->strings;
	buf_reset(&w->strings);
	kind = worker_get_u8(&r);
	flag = worker_get_u8(&r);
	time = worker_get_i64(&r);
	if (kind == STORE_KIND_COMMAND) {
		s[0] = worker_get_str(&r);
		s[1] = worker_get_str(&r);
		s[2] = worker_get_str(&r);
		has_status = worker_get_u8(&r);
		status = worker_get_i64(&r);
		duration = worker_get_i64(&r);
	} else if (kind == STORE_KIND_FILE) {
		s[0] = worker_get_str(&r);
		s[1] = worker_get_str(&r);
		s[2] = worker_get_str(&r);
	} else if (kind == STORE_KIND_MAIL) {
		s[0] = worker_get_str(&r);
		s[1] = worker_get_str(&r);
		s[2] = worker_get_str(&r);
		read = worker_get_u8(&r);
	} else {
		return false;
	}
	if (r.bad || r.left != 0 || w->strings.err || flag > 1 ||
	    has_status > 1 || read > 1 || status < INT32_MIN ||
	    status > INT32_MAX || duration < 0) {
		return false;
	}
	memset(ev, 0, sizeof(*ev));
	ev->kind = (enum store_kind)kind;
	if (kind == STORE_KIND_COMMAND) {
		if (s[1] < 0) {
			return false;	/* a command always has a line */
		}
		ev->cmd.time = time;
		ev->cmd.cwd = worker_str(&r, s[0]);
		ev->cmd.line = worker_str(&r, s[1]);
		ev->cmd.session = worker_str(&r, s[2]);
		ev->cmd.has_status = has_status;
		ev->cmd.status = (int)status;
		ev->cmd.duration_ms = duration;
	} else if (kind == STORE_KIND_FILE) {
		ev->file.time = time;
		ev->file.path = worker_str(&r, s[0]);
		ev->file.op = worker_file_op(worker_str(&r, s[1]));
		ev->file.to_path = worker_str(&r, s[2]);
		if (ev->file.path == NULL || ev->file.op == NULL ||
		    (strcmp(ev->file.op, "move") == 0 &&
		     ev->file.to_path == NULL)) {
			return false;
		}
	} else {
		ev->mail.time = time;
		ev->mail.from = worker_str(&r, s[0]);
		ev->mail.subject = worker_str(&r, s[1]);
		ev->mail.mailbox = worker_str(&r, s[2]);
		ev->mail.read = read;
	}
	if (redacted != NULL) {
		*redacted = flag;
	}
	return true;
}

enum import_result worker_import_line(struct worker *w, const char *line,
				      size_t len, struct store_event *ev,
				      bool *redacted, struct buf *why)
{
	int rc;

	memset(ev, 0, sizeof(*ev));
	if (redacted != NULL) {
		*redacted = false;
	}
	rc = worker_request(w, WORKER_IMPORT_LINE, line, len, &w->reply, 0);
	switch (rc) {
	case IMPORT_EVENT:
		if (worker_decode_event(w, ev, redacted)) {
			return IMPORT_EVENT;
		}
		/* a worker gone wrong: replace it, never ask it this again */
		w->st.bad_replies++;
		worker_retire(w);
		worker_quarantine(w, WORKER_IMPORT_LINE, line, len);
		buf_puts(why, worker_strerror(WORKER_EPROTO));
		return IMPORT_BAD;
	case IMPORT_BLANK:
	case IMPORT_UNKNOWN:
	case IMPORT_PRIVATE:
		return (enum import_result)rc;
	case WORKER_CODE_BAD:
		if (w->reply.len > WORKER_WHY_MAX ||
		    !worker_text_ok((const unsigned char *)w->reply.data,
				    w->reply.len)) {
			buf_puts(why, "invalid line");
		} else {
			buf_append(why, w->reply.data, w->reply.len);
		}
		return IMPORT_BAD;
	case WORKER_CODE_NOMEM:
		return IMPORT_NOMEM;
	}
	buf_puts(why, rc < 0 ? worker_strerror(rc) : "the parser failed");
	return IMPORT_BAD;
}
