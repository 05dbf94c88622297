/*
 * sandbox.h - locking the daemon and its helper processes down.
 *
 * main.c calls sandbox_apply() exactly once, after the store, the
 * listening socket, the watchers and the worker are set up and before the
 * event loop runs ("open everything, then lock down").  sandbox.c is the
 * only file that may include seccomp.h.  The design, the allowlists with a
 * reason per call and how to debug a SIGSYS are in docs/sandbox.md.
 *
 * Three seccomp profiles exist, one per process role:
 *
 *	SANDBOX_MONITOR	the daemon after setup: SQLite on open fds, epoll,
 *			timers, inotify, accept/recv/send on AF_UNIX,
 *			read-only opens; no exec, no fork, no other sockets
 *	SANDBOX_ZYGOTE	the tiny process that forks workers: fork (no
 *			threads, no namespaces), socketpair, sendmsg, kill
 *	SANDBOX_WORKER	the parser: read/write on fd SANDBOX_WORKER_FD,
 *			private anonymous memory, exit; nothing else
 *
 * Every profile kills the whole process (SIGSYS) on a call it does not
 * expect, and on any foreign ABI (x32, i386).  Calls that libc or SQLite
 * are known to make but that are not needed fail with an errno instead
 * (clone3 and openat2: ENOSYS; ioctl: ENOTTY; openat for writing:
 * EACCES), as OpenSSH does.
 *
 * With HERSHD_SANDBOX_DEBUG=1 in the environment a denied call raises a
 * SIGSYS whose handler logs the syscall number to stderr and makes the
 * call fail with ENOSYS instead of killing: run once under the workload
 * to list every missing call (docs/sandbox.md, "Debugging a SIGSYS").
 */
#ifndef HERSH_SANDBOX_H
#define HERSH_SANDBOX_H

#include <stdbool.h>

/* Which process the seccomp policy is for. */
enum sandbox_profile {
	SANDBOX_MONITOR,
	SANDBOX_ZYGOTE,
	SANDBOX_WORKER,
};

/* The one fd a worker may read and write (its socket to the daemon). */
#define SANDBOX_WORKER_FD 3

/* What sandbox_add_path() grants beneath a directory (Landlock). */
enum sandbox_access {
	SANDBOX_LIST = 1 << 0,	/* list directories (names only) */
	SANDBOX_READ = 1 << 1,	/* list directories, read files */
	SANDBOX_WRITE = 1 << 2,	/* read, write, truncate, create and
				 * remove regular files */
	SANDBOX_REMOVE = 1 << 3, /* remove entries (the socket at exit) */
};

/*
 * Applies the sandbox to the whole daemon: no core dumps (RLIMIT_CORE 0),
 * not dumpable, NO_NEW_PRIVS, the time zone loaded, then Landlock with
 * the paths given to sandbox_add_path() (where the kernel has it), then
 * the SANDBOX_MONITOR seccomp policy on every thread.  Call once.
 * Returns 0, or -1 with the reason logged (the caller refuses to run
 * unsandboxed unless told to).  A kernel without Landlock is not an
 * error; a kernel without seccomp is.
 */
int sandbox_apply(void);

/* One line for `companion status`, e.g. "seccomp on (kill), landlock ABI 7". */
const char *sandbox_status(void);

/*
 * Grants access (enum sandbox_access bits) beneath path once Landlock is
 * on; everything not granted is denied (reads too).  Call before
 * sandbox_apply(): Landlock rules are fixed when applied.  A path that
 * does not exist is skipped at apply time.  Returns 0, or -1 when the
 * table is full or memory runs out.
 */
int sandbox_add_path(const char *path, unsigned access);

/*
 * Installs only the seccomp policy for profile p on the calling process
 * (all threads for SANDBOX_MONITOR), after RLIMIT_CORE 0, not dumpable
 * and NO_NEW_PRIVS.  This is the exact production policy: the worker and
 * the zygote call it, and the tests call it in a forked child.  Returns 0
 * or -1 (reason logged).
 */
int sandbox_apply_policy(enum sandbox_profile p);

/*
 * Applies Landlock alone with the paths given to sandbox_add_path().
 * Returns the ABI version applied (>= 1), 0 when the kernel has no
 * Landlock (nothing done), or -1 on failure.  sandbox_apply() calls it;
 * tests call it to check the path rules without seccomp in the way.
 */
int sandbox_landlock_apply(void);

/* The kernel's Landlock ABI version, 0 without Landlock. */
int sandbox_landlock_abi(void);

/* True when HERSHD_SANDBOX_DEBUG=1 (trap and log instead of kill). */
bool sandbox_debug(void);

#endif
