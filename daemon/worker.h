/*
 * worker.h - parsing untrusted bytes in a separate, strictly sandboxed
 * process.
 *
 * Mail headers, file names, imported JSON lines and command lines are
 * attacker-controlled.  The daemon does not parse them itself: it sends
 * them to a worker process that runs under the SANDBOX_WORKER seccomp
 * policy (read and write on its one socket, private memory, exit: nothing
 * else), with RLIMIT_AS and RLIMIT_CPU, and gets back a small, simply
 * encoded result that it checks before use.  docs/sandbox.md tells the
 * whole story; in short:
 *
 *	daemon ──(seqpacket)── zygote ──fork──> worker
 *	   └───────────(stream, fd 3 in the worker)──┘
 *
 * The zygote is forked by worker_start() before the daemon loads any
 * private data and before its own filter goes on; it only forks workers
 * when the daemon asks, hands the daemon the worker's socket (SCM_RIGHTS)
 * and kills and reaps workers.  So the daemon, which may not fork once
 * sandboxed, can still replace a worker that died, and a worker never
 * holds a copy of the daemon's memory (database pages, mail).
 *
 * Requests are synchronous and have a deadline (a timerfd): a worker that
 * does not answer in time is killed.  An input on which the worker died,
 * timed out or answered nonsense is quarantined: asked again, it is
 * refused at once (WORKER_EQUARANTINED) and never reaches a worker again.
 *
 * Wire format on the worker socket (little endian; see docs/sandbox.md):
 *
 *	request:  u32 length, u32 id, u8 kind,   then length bytes
 *	reply:    u32 length, u32 id, u8 status, then length bytes
 *
 * status is the parse function's code (0..WORKER_CODE_MAX) or
 * WORKER_STATUS_NOKIND / WORKER_STATUS_OVERFLOW.  The daemon checks the
 * length against WORKER_REPLY_MAX before it allocates, and the id against
 * the request's.
 */
#ifndef HERSH_WORKER_H
#define HERSH_WORKER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include <hersh/buf.h>

#include "import.h"
#include "store.h"

/* What a request asks the worker to parse.  One enum for every module. */
enum worker_kind {
	WORKER_IMPORT_LINE = 1,	/* a JSON line of `companion import`
				 * (registered by worker.c itself) */
	WORKER_MAIL_HEADERS = 2,	/* a message's header block (mail.c) */
	WORKER_FILE_NAME = 3,	/* a file name from inotify (watch.c) */
	WORKER_COMMAND_LINE = 4,	/* a command line from a shell */
	WORKER_KIND_TEST = 16,	/* first number free for tests */
	WORKER_KINDS = 32,	/* kinds are 1 .. WORKER_KINDS - 1 */
};

/* Errors of worker_request(); every one is negative. */
enum worker_err {
	WORKER_ENOKIND = -1,	/* no parse function for that kind */
	WORKER_ETOOBIG = -2,	/* input over the request size limit */
	WORKER_EQUARANTINED = -3,	/* this input killed a worker before */
	WORKER_ECRASHED = -4,	/* the worker died on it (quarantined) */
	WORKER_ETIMEOUT = -5,	/* no answer in time (killed, quarantined) */
	WORKER_EPROTO = -6,	/* a malformed reply (killed, quarantined) */
	WORKER_EOVERFLOW = -7,	/* the output passed the reply limit, or
				 * the worker ran out of memory for it */
	WORKER_EUNAVAIL = -8,	/* no worker could be started */
};

/* Largest code a parse function may return (larger ones are clamped). */
#define WORKER_CODE_MAX 250
#define WORKER_STATUS_OVERFLOW 254
#define WORKER_STATUS_NOKIND 255

/* Request header bytes: length (4), id (4), kind (1). */
#define WORKER_HEADER 9
/* Largest request payload (a mail's headers, a JSON line, a name). */
#define WORKER_REQUEST_MAX (4 * 1024 * 1024)
/* Largest reply payload. */
#define WORKER_REPLY_MAX (1024 * 1024)

/*
 * A parse function, run inside the worker: reads len bytes at in (a NUL
 * follows them, not counted), appends its result to out (capped at
 * WORKER_REPLY_MAX; a sticky error becomes WORKER_EOVERFLOW) and returns
 * 0 when the input parsed, or a code of its own (1..WORKER_CODE_MAX) that
 * worker_request() returns to the daemon.  It may allocate; it may not
 * make any system call but read/write on the worker's socket and memory
 * calls (open, stat, time(), getpid() ... kill the worker).  It must not
 * call iconv_open() or anything that loads code.
 */
typedef int worker_parse_fn(const char *in, size_t len, struct buf *out);

/*
 * Registers fn for kind.  Call before worker_start(): the zygote and its
 * workers get the table as it is when the zygote is forked.  Returns 0,
 * or -1 for a bad kind or after worker_start().
 */
int worker_register(int kind, worker_parse_fn *fn);

/* Limits; 0 in a field means its default. */
struct worker_limits {
	size_t mem_max;		/* RLIMIT_AS of a worker (256 MiB) */
	unsigned cpu_seconds;	/* RLIMIT_CPU of a worker over its life
				 * (30 s; it is recycled long before) */
	int timeout_ms;		/* default deadline per request (500) */
	unsigned recycle_after;	/* requests before a fresh worker (10000) */
	bool no_sandbox;	/* no seccomp in zygote and worker (hershd
				 * --no-sandbox, valgrind); rlimits stay */
};

struct worker;

/* Counters for `companion status` and tests. */
struct worker_stats {
	pid_t pid;		/* current worker, 0 when none */
	pid_t zygote;		/* the zygote, 0 when gone */
	uint64_t requests;	/* answered by a worker */
	uint64_t crashes;	/* workers that died on an input */
	uint64_t timeouts;	/* workers killed at the deadline */
	uint64_t bad_replies;	/* workers killed for a malformed reply */
	uint64_t spawned;	/* workers started */
	uint64_t refused;	/* requests refused as quarantined */
	unsigned quarantined;	/* inputs in quarantine now */
	int last_signal;	/* signal that ended the last worker retired
				 * (SIGKILL at a deadline), 0 if none */
};

/*
 * Forks the zygote (which sandboxes itself with SANDBOX_ZYGOTE) and sets
 * up the daemon's side: the zygote socket, a private epoll set and a
 * timerfd for deadlines.  Call during setup, before the store is opened
 * (so no private data is copied into the zygote) and before
 * sandbox_apply().  The first worker is started by the first request.
 * lim may be NULL for the defaults.  Returns NULL on failure (logged).
 * The worker becomes worker_default().
 */
struct worker *worker_start(const struct worker_limits *lim);

/*
 * Ends the zygote and the worker (the zygote kills its workers when the
 * daemon's socket closes), reaps the zygote and frees w.  NULL does
 * nothing.  Works under the monitor policy.
 */
void worker_stop(struct worker *w);

/* The worker started last and not stopped, or NULL. */
struct worker *worker_default(void);

/*
 * Has a worker parse the len bytes at in as kind, waiting at most
 * timeout_ms (0 or less: the default).  The reply replaces out's contents
 * (out's own max still applies).  Returns the parse function's code
 * (0 = parsed) or a negative enum worker_err.  A dead or killed worker is
 * replaced by the next request.  The reply is the worker's word only:
 * check it before use, as the decoders below do.
 */
int worker_request(struct worker *w, int kind, const void *in,
		   size_t len, struct buf *out, int timeout_ms);

/* A short English text for a negative worker_request() code. */
const char *worker_strerror(int err);

/* Counters so far. */
void worker_stats(const struct worker *w, struct worker_stats *out);

/* Appends one line for `companion status` ("worker: pid 42, ..."). */
void worker_describe(const struct worker *w, struct buf *out);

/* True if this input is in quarantine for kind. */
bool worker_quarantined(struct worker *w, int kind,
			const void *in, size_t len);

/*
 * import_parse_line() done by the worker: the same contract (ev's strings
 * live in w until the next call on w), with the reply decoded and checked
 * (lengths, kinds, no NUL, valid UTF-8) in the daemon.  When the worker
 * fails on the line (crash, deadline, quarantine, bad reply) the line is
 * IMPORT_BAD with the reason in why.
 */
enum import_result worker_import_line(struct worker *w, const char *line,
				      size_t len, struct store_event *ev,
				      bool *redacted, struct buf *why);

#endif
