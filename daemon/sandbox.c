/*
 * sandbox.c - seccomp (libseccomp) and Landlock for the daemon, the
 * zygote and the worker (see sandbox.h and docs/sandbox.md).
 *
 * The allowlists are the tables below: one line per system call, the
 * profiles it is allowed in, and why.  Calls whose arguments matter get a
 * function of their own after the table.  Anything else kills the
 * process.  This is the only file that includes seccomp.h.
 */
#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <time.h>
#include <ucontext.h>
#include <unistd.h>

#include <seccomp.h>

#include "log.h"
#include "sandbox.h"

/* ---- Landlock uapi (Debian 12's header stops at ABI 2) ----------------- */

#define LL_FS_EXECUTE		(1ULL << 0)
#define LL_FS_WRITE_FILE	(1ULL << 1)
#define LL_FS_READ_FILE		(1ULL << 2)
#define LL_FS_READ_DIR		(1ULL << 3)
#define LL_FS_REMOVE_DIR	(1ULL << 4)
#define LL_FS_REMOVE_FILE	(1ULL << 5)
#define LL_FS_MAKE_CHAR		(1ULL << 6)
#define LL_FS_MAKE_DIR		(1ULL << 7)
#define LL_FS_MAKE_REG		(1ULL << 8)
#define LL_FS_MAKE_SOCK		(1ULL << 9)
#define LL_FS_MAKE_FIFO		(1ULL << 10)
#define LL_FS_MAKE_BLOCK	(1ULL << 11)
#define LL_FS_MAKE_SYM		(1ULL << 12)
#define LL_FS_REFER		(1ULL << 13)	/* ABI 2 */
#define LL_FS_TRUNCATE		(1ULL << 14)	/* ABI 3 */
#define LL_FS_IOCTL_DEV		(1ULL << 15)	/* ABI 5 */
#define LL_NET_BIND_TCP		(1ULL << 0)	/* ABI 4 */
#define LL_NET_CONNECT_TCP	(1ULL << 1)
#define LL_SCOPE_ABSTRACT_UNIX	(1ULL << 0)	/* ABI 6 */
#define LL_SCOPE_SIGNAL		(1ULL << 1)
#define LL_CREATE_RULESET_VERSION (1U << 0)
#define LL_RULE_PATH_BENEATH	1
/* Rights that make sense on a file (not a directory) in a rule. */
#define LL_FS_FILE_RIGHTS (LL_FS_EXECUTE | LL_FS_WRITE_FILE | LL_FS_READ_FILE | \
			   LL_FS_TRUNCATE | LL_FS_IOCTL_DEV)

struct sandbox_ll_ruleset {
	uint64_t handled_fs;
	uint64_t handled_net;
	uint64_t scoped;
};

struct sandbox_ll_beneath {
	uint64_t allowed;
	int32_t parent_fd;
} __attribute__((packed));

/* ---- state ------------------------------------------------------------ */

#define SANDBOX_PATHS_MAX 64

struct sandbox_path {
	char *path;
	unsigned access;	/* enum sandbox_access */
};

static struct sandbox_path sandbox_paths[SANDBOX_PATHS_MAX];
static int sandbox_npaths;
static char sandbox_state[96] = "off (not applied)";

/* ---- the allowlists --------------------------------------------------- */

#define M (1u << SANDBOX_MONITOR)
#define Z (1u << SANDBOX_ZYGOTE)
#define W (1u << SANDBOX_WORKER)

struct sandbox_call {
	int nr;			/* SCMP_SYS(name); negative: not on this arch */
	unsigned profiles;	/* M, Z, W */
	int err;		/* 0: allow; else fail with this errno */
	const char *why;
};

/*
 * Calls allowed (or failed with an errno) whatever their arguments.  The
 * worker's read and write, and everything whose arguments matter, are in
 * sandbox_add_arg_rules().  docs/sandbox.md has this table in prose.
 */
static const struct sandbox_call sandbox_calls[] = {
	/* I/O on descriptors opened during setup */
	{ SCMP_SYS(read), M, 0, "sockets, inotify, timerfd, signalfd, mail files" },
	{ SCMP_SYS(write), M, 0, "the log (fd 2), sockets, the worker" },
	{ SCMP_SYS(readv), M, 0, "libc's buffered reads" },
	{ SCMP_SYS(writev), M, 0, "libc's buffered writes" },
	{ SCMP_SYS(pread64), M, 0, "SQLite reads pages of the db and -wal" },
	{ SCMP_SYS(pwrite64), M, 0, "SQLite writes pages of the db and -wal" },
	{ SCMP_SYS(lseek), M, 0, "SQLite and stdio position" },
	{ SCMP_SYS(close), M | Z, 0, "closing clients, mail files; zygote: "
	  "the worker's end of a socketpair" },
	{ SCMP_SYS(fstat), M, 0, "SQLite sizes its files (fstat)" },
	{ SCMP_SYS(statfs), M, 0, "ask: free disk space (statvfs of / and "
	  "$HOME)" },
	{ SCMP_SYS(fstatfs), M, 0, "statvfs on an open fd; glibc's statvfs "
	  "may use it" },
	{ SCMP_SYS(sysinfo), M, 0, "glibc's qsort sizes its buffer by the "
	  "machine's memory; ask reads the uptime" },
	{ SCMP_SYS(newfstatat), M, 0, "glibc's fstat/stat; SQLite checks the "
	  "db was not moved; status shows the file size" },
	{ SCMP_SYS(statx), M, ENOSYS, "not used by glibc 2.36 stat(); fail "
	  "so a caller falls back" },
	{ SCMP_SYS(getdents64), M, 0, "readdir: Maildir and watched dirs" },
	{ SCMP_SYS(fsync), M, 0, "SQLite commits" },
	{ SCMP_SYS(fdatasync), M, 0, "SQLite commits (synchronous=NORMAL)" },
	{ SCMP_SYS(ftruncate), M, 0, "SQLite truncates -wal (checkpoint) "
	  "and grows -shm" },
	{ SCMP_SYS(unlink), M, 0, "sqlite3_close removes -wal/-shm; the "
	  "socket at exit (Landlock confines both)" },
	{ SCMP_SYS(access), M, EACCES, "SQLite probes temp dirs if "
	  "temp_store is ever not MEMORY: fail, don't die" },
	{ SCMP_SYS(faccessat), M, EACCES, "as access" },
	{ SCMP_SYS(faccessat2), M, EACCES, "as access" },
	{ SCMP_SYS(openat2), M | Z | W, ENOSYS, "its open_how struct cannot "
	  "be inspected; glibc does not use it" },
	{ SCMP_SYS(ioctl), M | Z, ENOTTY, "stdio probes TCGETS on a tty or "
	  "/dev/null; no ioctl is needed (TIOCSTI stays out)" },
	/* the event loop */
	{ SCMP_SYS(epoll_wait), M, 0, "the loop sleeps here" },
	{ SCMP_SYS(epoll_pwait), M, 0, "epoll_wait on some architectures" },
	{ SCMP_SYS(epoll_ctl), M, 0, "adding and removing client fds" },
	{ SCMP_SYS(timerfd_settime), M, 0, "loop timers, worker deadlines" },
	{ SCMP_SYS(timerfd_gettime), M, 0, "loop timers" },
	{ SCMP_SYS(inotify_add_watch), M, 0, "watching new directories "
	  "(path-based, not mediated by Landlock)" },
	{ SCMP_SYS(inotify_rm_watch), M, 0, "forgetting directories" },
	/* sockets that exist (AF_UNIX only: see socket in the arg rules) */
	{ SCMP_SYS(accept4), M, 0, "new shell connections" },
	{ SCMP_SYS(recvfrom), M, 0, "recv() from clients" },
	{ SCMP_SYS(recvmsg), M, 0, "worker fds from the zygote (SCM_RIGHTS)" },
	{ SCMP_SYS(sendmsg), M, 0, "requests to the zygote" },
	{ SCMP_SYS(getsockopt), M, 0, "SO_PEERCRED on accept" },
	/* memory */
	{ SCMP_SYS(munmap), M | Z | W, 0, "free()" },
	{ SCMP_SYS(mremap), M | Z | W, 0, "realloc() of large blocks; SQLite "
	  "with mmap_size" },
	{ SCMP_SYS(brk), M | Z | W, 0, "malloc()" },
	{ SCMP_SYS(madvise), M | Z, 0, "free() gives pages back" },
	{ SCMP_SYS(futex), M | Z, 0, "libc locks (only contended with "
	  "threads, which we don't start)" },
	/* identity, time, randomness */
	{ SCMP_SYS(getpid), M | Z, 0, "log lines, status" },
	{ SCMP_SYS(gettid), M | Z, 0, "abort() raises with tgkill" },
	{ SCMP_SYS(getuid), M, 0, "SO_PEERCRED uid check" },
	{ SCMP_SYS(geteuid), M, 0, "SQLite's file ownership checks" },
	{ SCMP_SYS(getgid), M, 0, "identity reads are harmless" },
	{ SCMP_SYS(getegid), M, 0, "identity reads are harmless" },
	{ SCMP_SYS(getppid), M, 0, "identity reads are harmless" },
	{ SCMP_SYS(clock_gettime), M, 0, "vDSO fallback; timers" },
	{ SCMP_SYS(clock_getres), M, 0, "vDSO fallback" },
	{ SCMP_SYS(gettimeofday), M, 0, "vDSO fallback (SQLite's clock)" },
	{ SCMP_SYS(time), M, 0, "vDSO fallback" },
	{ SCMP_SYS(clock_nanosleep), M, 0, "SQLite's busy handler sleeps" },
	{ SCMP_SYS(nanosleep), M, 0, "SQLite's busy handler sleeps" },
	{ SCMP_SYS(getrandom), M | Z, 0, "SQLite's PRNG, malloc's tcache key" },
	/* signals (signalfd is set up before) */
	{ SCMP_SYS(rt_sigprocmask), M | Z, 0, "signalfd mask; abort(); fork" },
	{ SCMP_SYS(rt_sigaction), M | Z, 0, "abort() resets SIGABRT; the "
	  "worker child installs the debug SIGSYS handler" },
	{ SCMP_SYS(rt_sigreturn), M | Z, 0, "return from a signal handler" },
	{ SCMP_SYS(restart_syscall), M | Z, 0, "a call restarted after a "
	  "signal" },
	/* processes */
	{ SCMP_SYS(wait4), M | Z, 0, "reaping the zygote (monitor) or a "
	  "worker (zygote)" },
	{ SCMP_SYS(waitid), M | Z, 0, "as wait4" },
	{ SCMP_SYS(clone3), M | Z | W, ENOSYS, "its struct cannot be "
	  "inspected: glibc falls back to clone, which is checked" },
	{ SCMP_SYS(exit), M | Z | W, 0, "thread exit" },
	{ SCMP_SYS(exit_group), M | Z | W, 0, "process exit" },
	/* the zygote forking workers (clone, kill, socketpair: arg rules) */
	{ SCMP_SYS(dup2), Z, 0, "the worker's socket onto fd 3, /dev/null "
	  "onto 0-2" },
	{ SCMP_SYS(dup3), Z, 0, "dup2 on architectures without it" },
	{ SCMP_SYS(close_range), Z, 0, "the worker closes every other fd" },
	{ SCMP_SYS(set_robust_list), Z, 0, "glibc's fork child" },
};

/*
 * One argument comparison.  (libseccomp's SCMP_A* macros leave datum_b
 * implicit, which clang's -Wextra reports.)  sandbox_eq() and
 * sandbox_mask() compare a 32-bit argument: an int in a 64-bit register.
 */
static struct scmp_arg_cmp sandbox_arg(unsigned arg, enum scmp_compare op,
				       uint64_t a, uint64_t b)
{
	struct scmp_arg_cmp c;

	c.arg = arg;
	c.op = op;
	c.datum_a = a;
	c.datum_b = b;
	return c;
}

static struct scmp_arg_cmp sandbox_eq(unsigned arg, uint32_t v)
{
	return sandbox_arg(arg, SCMP_CMP_EQ, v, 0);
}

/* (argument & mask) == v */
static struct scmp_arg_cmp sandbox_mask(unsigned arg, uint32_t mask,
					uint32_t v)
{
	return sandbox_arg(arg, SCMP_CMP_MASKED_EQ, mask, v);
}

/* Adds one rule; a call that does not exist on this arch is skipped. */
static int sandbox_rule(scmp_filter_ctx ctx, uint32_t action, int nr,
			unsigned argc, const struct scmp_arg_cmp *args)
{
	int rc;

	if (nr < 0) {
		return 0;
	}
	rc = seccomp_rule_add_array(ctx, action, nr, argc, args);
	if (rc < 0) {
		char *name = seccomp_syscall_resolve_num_arch(
			SCMP_ARCH_NATIVE, nr);

		error_f("seccomp_rule_add(%s): %s", name ? name : "?",
			strerror(-rc));
		free(name);
		return -1;
	}
	return 0;
}

/* Allows nr when one argument comparison holds. */
static int sandbox_allow1(scmp_filter_ctx ctx, int nr, struct scmp_arg_cmp a)
{
	return sandbox_rule(ctx, SCMP_ACT_ALLOW, nr, 1, &a);
}

/* Allows nr when two argument comparisons hold. */
static int sandbox_allow2(scmp_filter_ctx ctx, int nr, struct scmp_arg_cmp a,
			  struct scmp_arg_cmp b)
{
	struct scmp_arg_cmp both[2];

	both[0] = a;
	both[1] = b;
	return sandbox_rule(ctx, SCMP_ACT_ALLOW, nr, 2, both);
}

/* Allows fcntl for the commands SQLite and fd setup use. */
static int sandbox_fcntl_rules(scmp_filter_ctx ctx)
{
	static const int cmds[] = {
		F_GETFD, F_SETFD, F_GETFL, F_SETFL,	/* cloexec, nonblock */
		F_GETLK, F_SETLK, F_SETLKW,		/* SQLite's locks */
		F_OFD_GETLK, F_OFD_SETLK, F_OFD_SETLKW,
		F_DUPFD_CLOEXEC,
	};
	size_t i;

	for (i = 0; i < sizeof(cmds) / sizeof(cmds[0]); i++) {
		if (sandbox_allow1(ctx, SCMP_SYS(fcntl),
				   sandbox_eq(1, (uint32_t)cmds[i])) < 0) {
			return -1;
		}
	}
	return 0;
}

/*
 * openat read-only is allowed (mail files, watched directories: Landlock
 * decides which); any flag that could write, create, truncate or give an
 * O_PATH handle fails with EACCES.  libseccomp has no "masked not equal",
 * so there is one EACCES rule per bit.
 */
static int sandbox_openat_rules(scmp_filter_ctx ctx)
{
	/* (glibc's __O_TMPFILE includes O_DIRECTORY: take its own bit) */
	static const uint32_t bad[] = {
		O_WRONLY, O_RDWR, O_CREAT, O_TRUNC, O_APPEND,
		__O_TMPFILE & ~O_DIRECTORY, O_PATH,
	};
	struct scmp_arg_cmp has;
	uint32_t all = 0;
	size_t i;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		all |= bad[i];
		has = sandbox_mask(2, bad[i], bad[i]);
		if (sandbox_rule(ctx, SCMP_ACT_ERRNO(EACCES), SCMP_SYS(openat),
				 1, &has) < 0) {
			return -1;
		}
	}
	return sandbox_allow1(ctx, SCMP_SYS(openat), sandbox_mask(2, all, 0));
}

/* mmap/mprotect never map executable memory. */
static int sandbox_noexec_rules(scmp_filter_ctx ctx)
{
	if (sandbox_allow1(ctx, SCMP_SYS(mmap),
			   sandbox_mask(2, PROT_EXEC, 0)) < 0 ||
	    sandbox_allow1(ctx, SCMP_SYS(mprotect),
			   sandbox_mask(2, PROT_EXEC, 0)) < 0) {
		return -1;
	}
	return 0;
}

static int sandbox_monitor_rules(scmp_filter_ctx ctx)
{
	uint32_t self = (uint32_t)getpid();

	if (sandbox_fcntl_rules(ctx) < 0 || sandbox_openat_rules(ctx) < 0 ||
	    sandbox_noexec_rules(ctx) < 0 ||
	    /* signals only to itself (abort(), kill(self, 0)) */
	    sandbox_allow1(ctx, SCMP_SYS(kill), sandbox_eq(0, self)) < 0 ||
	    sandbox_allow1(ctx, SCMP_SYS(tgkill), sandbox_eq(0, self)) < 0 ||
	    /*
	     * a new AF_UNIX stream socket is inert (bind, listen, connect
	     * are killed); datagram sockets could sendmsg() to any path
	     */
	    sandbox_allow2(ctx, SCMP_SYS(socket), sandbox_eq(0, AF_UNIX),
			   sandbox_mask(1, 0xf, SOCK_STREAM)) < 0 ||
	    /* send() on connected sockets only: no destination address */
	    sandbox_allow1(ctx, SCMP_SYS(sendto),
			   sandbox_arg(4, SCMP_CMP_EQ, 0, 0)) < 0) {
		return -1;
	}
	return 0;
}

static int sandbox_zygote_rules(scmp_filter_ctx ctx)
{
	const int fd = SANDBOX_WORKER_FD;

	if (sandbox_noexec_rules(ctx) < 0 ||
	    /*
	     * requests come on fd 3, the log is fd 2; a worker inherits
	     * this filter under its own, so fd 3 is its socket then
	     */
	    sandbox_allow1(ctx, SCMP_SYS(read), sandbox_eq(0, fd)) < 0 ||
	    sandbox_allow1(ctx, SCMP_SYS(write), sandbox_eq(0, fd)) < 0 ||
	    sandbox_allow1(ctx, SCMP_SYS(write), sandbox_eq(0, 2)) < 0 ||
	    sandbox_allow1(ctx, SCMP_SYS(sendmsg), sandbox_eq(0, fd)) < 0 ||
	    sandbox_allow1(ctx, SCMP_SYS(socketpair),
			   sandbox_eq(0, AF_UNIX)) < 0 ||
	    /*
	     * fork() only: glibc passes SIGCHLD plus the child tid flags;
	     * CLONE_VM/THREAD/NEW* and friends are killed
	     */
	    sandbox_allow1(ctx, SCMP_SYS(clone),
			   sandbox_arg(0, SCMP_CMP_MASKED_EQ,
				       ~(uint64_t)(CLONE_CHILD_SETTID |
						   CLONE_CHILD_CLEARTID),
				       SIGCHLD)) < 0 ||
	    /*
	     * ending a worker: SIGKILL to pid >= 0, never -1 or another
	     * group; 0 is the zygote's own group (it calls setpgid), and
	     * the zygote checks a pid is its own child
	     */
	    sandbox_allow2(ctx, SCMP_SYS(kill),
			   sandbox_arg(0, SCMP_CMP_MASKED_EQ,
				       0xffffffff80000000ULL, 0),
			   sandbox_eq(1, SIGKILL)) < 0 ||
	    /* the worker child lowers its own limits ... */
	    sandbox_allow1(ctx, SCMP_SYS(prlimit64), sandbox_eq(0, 0)) < 0 ||
	    sandbox_allow1(ctx, SCMP_SYS(prctl),
			   sandbox_eq(0, PR_SET_NO_NEW_PRIVS)) < 0 ||
	    sandbox_allow1(ctx, SCMP_SYS(prctl),
			   sandbox_eq(0, PR_SET_PDEATHSIG)) < 0 ||
	    sandbox_allow2(ctx, SCMP_SYS(prctl),
			   sandbox_eq(0, PR_SET_DUMPABLE),
			   sandbox_arg(1, SCMP_CMP_EQ, 0, 0)) < 0 ||
	    /* ... and installs the worker policy, which only narrows */
	    sandbox_allow1(ctx, SCMP_SYS(seccomp),
			   sandbox_eq(0, SECCOMP_SET_MODE_FILTER)) < 0) {
		return -1;
	}
	return 0;
}

static int sandbox_worker_rules(scmp_filter_ctx ctx, bool debug)
{
	static const int advice[] = {
		MADV_DONTNEED, MADV_FREE, MADV_HUGEPAGE, MADV_NOHUGEPAGE,
	};
	const int fd = SANDBOX_WORKER_FD;
	size_t i;

	/* its one socket; memory that is private, anonymous, never EXEC */
	if (sandbox_allow1(ctx, SCMP_SYS(read), sandbox_eq(0, fd)) < 0 ||
	    sandbox_allow1(ctx, SCMP_SYS(write), sandbox_eq(0, fd)) < 0 ||
	    sandbox_allow2(ctx, SCMP_SYS(mmap), sandbox_mask(2, PROT_EXEC, 0),
			   sandbox_mask(3, MAP_SHARED | MAP_ANONYMOUS,
					MAP_ANONYMOUS)) < 0 ||
	    sandbox_allow1(ctx, SCMP_SYS(mprotect),
			   sandbox_mask(2, PROT_EXEC, 0)) < 0) {
		return -1;
	}
	for (i = 0; i < sizeof(advice) / sizeof(advice[0]); i++) {
		if (sandbox_allow1(ctx, SCMP_SYS(madvise),
				   sandbox_eq(2, (uint32_t)advice[i])) < 0) {
			return -1;
		}
	}
	/* the debug SIGSYS handler writes to stderr and returns */
	if (debug &&
	    (sandbox_allow1(ctx, SCMP_SYS(write), sandbox_eq(0, 2)) < 0 ||
	     sandbox_rule(ctx, SCMP_ACT_ALLOW, SCMP_SYS(rt_sigreturn), 0,
			  NULL) < 0)) {
		return -1;
	}
	return 0;
}

/* ---- debug mode: trap, log, fail with ENOSYS -------------------------- */

bool sandbox_debug(void)
{
	const char *v = getenv("HERSHD_SANDBOX_DEBUG");

	return v != NULL && strcmp(v, "1") == 0;
}

/* Makes the trapped call return -err (architecture specific). */
static void sandbox_set_return(void *uctx, long err)
{
#if defined(__x86_64__)
	((ucontext_t *)uctx)->uc_mcontext.gregs[REG_RAX] = -err;
#elif defined(__aarch64__)
	((ucontext_t *)uctx)->uc_mcontext.regs[0] = (unsigned long)-err;
#else
	(void)uctx;
	(void)err;
#endif
}

/* SIGSYS handler: async-signal-safe formatting, one write(2). */
static void sandbox_sigsys(int sig, siginfo_t *si, void *uctx)
{
	char msg[80] = "hershd: sandbox: denied syscall ";
	size_t n = strlen(msg);
	unsigned v = (unsigned)si->si_syscall, div = 1;
	int saved = errno;

	while (v / div >= 10) {
		div *= 10;
	}
	for (; div > 0; div /= 10) {
		msg[n++] = (char)('0' + v / div % 10);
	}
	memcpy(msg + n, " (ENOSYS)\n", 10);
	n += 10;
	(void)!write(2, msg, n);
	sandbox_set_return(uctx, ENOSYS);
	errno = saved;
}

static int sandbox_debug_handler(void)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_sigaction = sandbox_sigsys;
	sa.sa_flags = SA_SIGINFO;
	sigemptyset(&sa.sa_mask);
	return sigaction(SIGSYS, &sa, NULL);
}

/* ---- building and loading --------------------------------------------- */

/* No core dumps (they would hold mail), not dumpable, no new privileges. */
static int sandbox_prelude(void)
{
	struct rlimit none = { 0, 0 };

	if (setrlimit(RLIMIT_CORE, &none) < 0) {
		error_f("setrlimit(RLIMIT_CORE): %s", strerror(errno));
		return -1;
	}
	if (prctl(PR_SET_DUMPABLE, 0, 0, 0, 0) < 0 ||
	    prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) < 0) {
		error_f("prctl: %s", strerror(errno));
		return -1;
	}
	return 0;
}

int sandbox_apply_policy(enum sandbox_profile p)
{
	bool debug = sandbox_debug();
	unsigned bit = 1u << p;
	scmp_filter_ctx ctx;
	size_t i;
	int rc = -1;

	if (sandbox_prelude() < 0) {
		return -1;
	}
	if (debug && sandbox_debug_handler() < 0) {
		error_f("sigaction(SIGSYS): %s", strerror(errno));
		return -1;
	}
	ctx = seccomp_init(debug ? SCMP_ACT_TRAP : SCMP_ACT_KILL_PROCESS);
	if (ctx == NULL) {
		error_f("seccomp_init failed");
		return -1;
	}
	/* x32 and i386 calls are another table: kill them too */
	if (seccomp_attr_set(ctx, SCMP_FLTATR_ACT_BADARCH,
			     SCMP_ACT_KILL_PROCESS) < 0 ||
	    (p == SANDBOX_MONITOR &&
	     seccomp_attr_set(ctx, SCMP_FLTATR_CTL_TSYNC, 1) < 0)) {
		error_f("seccomp_attr_set failed");
		goto out;
	}
	for (i = 0; i < sizeof(sandbox_calls) / sizeof(sandbox_calls[0]);
	     i++) {
		const struct sandbox_call *c = &sandbox_calls[i];

		if ((c->profiles & bit) &&
		    sandbox_rule(ctx, c->err ? SCMP_ACT_ERRNO((uint32_t)c->err) :
				 SCMP_ACT_ALLOW, c->nr, 0, NULL) < 0) {
			goto out;
		}
	}
	if (p == SANDBOX_MONITOR) {
		rc = sandbox_monitor_rules(ctx);
	} else if (p == SANDBOX_ZYGOTE) {
		rc = sandbox_zygote_rules(ctx);
	} else {
		rc = sandbox_worker_rules(ctx, debug);
	}
	if (rc < 0) {
		goto out;
	}
	rc = seccomp_load(ctx);
	if (rc < 0) {
		error_f("seccomp_load: %s", strerror(-rc));
		rc = -1;
	}
out:
	seccomp_release(ctx);
	return rc;
}

/* ---- Landlock --------------------------------------------------------- */

int sandbox_landlock_abi(void)
{
	long abi = syscall(SYS_landlock_create_ruleset, NULL, 0,
			   LL_CREATE_RULESET_VERSION);

	return abi < 0 ? 0 : (int)abi;
}

int sandbox_add_path(const char *path, unsigned access)
{
	char *copy;

	if (sandbox_npaths >= SANDBOX_PATHS_MAX) {
		error_f("too many paths (%d)", SANDBOX_PATHS_MAX);
		return -1;
	}
	copy = strdup(path);
	if (copy == NULL) {
		return -1;
	}
	sandbox_paths[sandbox_npaths].path = copy;
	sandbox_paths[sandbox_npaths].access = access;
	sandbox_npaths++;
	return 0;
}

/* Every filesystem right this ABI knows (all handled: deny by default). */
static uint64_t sandbox_ll_fs_rights(int abi)
{
	uint64_t r = (LL_FS_MAKE_SYM << 1) - 1;	/* ABI 1: bits 0..12 */

	if (abi >= 2) {
		r |= LL_FS_REFER;
	}
	if (abi >= 3) {
		r |= LL_FS_TRUNCATE;
	}
	if (abi >= 5) {
		r |= LL_FS_IOCTL_DEV;
	}
	return r;
}

/* What enum sandbox_access bits mean in Landlock rights. */
static uint64_t sandbox_ll_grant(unsigned access)
{
	uint64_t r = 0;

	if (access & SANDBOX_LIST) {
		r |= LL_FS_READ_DIR;
	}
	if (access & SANDBOX_READ) {
		r |= LL_FS_READ_DIR | LL_FS_READ_FILE;
	}
	if (access & SANDBOX_WRITE) {
		r |= LL_FS_READ_DIR | LL_FS_READ_FILE | LL_FS_WRITE_FILE |
		     LL_FS_TRUNCATE | LL_FS_MAKE_REG | LL_FS_REMOVE_FILE;
	}
	if (access & SANDBOX_REMOVE) {
		r |= LL_FS_REMOVE_FILE;
	}
	return r;
}

static int sandbox_ll_add(int ruleset, const struct sandbox_path *sp,
			  uint64_t handled)
{
	struct sandbox_ll_beneath rule;
	struct stat sb;
	int fd, rc;

	fd = open(sp->path, O_PATH | O_CLOEXEC);
	if (fd < 0) {
		debug_f("%s: %s (no rule)", sp->path, strerror(errno));
		return 0;
	}
	memset(&rule, 0, sizeof(rule));
	rule.allowed = sandbox_ll_grant(sp->access) & handled;
	if (fstat(fd, &sb) == 0 && !S_ISDIR(sb.st_mode)) {
		rule.allowed &= LL_FS_FILE_RIGHTS;
	}
	rule.parent_fd = fd;
	rc = rule.allowed == 0 ? 0 :
	     (int)syscall(SYS_landlock_add_rule, ruleset, LL_RULE_PATH_BENEATH,
			  &rule, 0);
	if (rc < 0) {
		error_f("landlock_add_rule(%s): %s", sp->path, strerror(errno));
	}
	close(fd);
	return rc < 0 ? -1 : 0;
}

int sandbox_landlock_apply(void)
{
	struct sandbox_ll_ruleset attr;
	int abi = sandbox_landlock_abi();
	int ruleset, i;

	if (abi <= 0) {
		return 0;
	}
	memset(&attr, 0, sizeof(attr));
	attr.handled_fs = sandbox_ll_fs_rights(abi);
	if (abi >= 4) {
		attr.handled_net = LL_NET_BIND_TCP | LL_NET_CONNECT_TCP;
	}
	if (abi >= 6) {
		attr.scoped = LL_SCOPE_ABSTRACT_UNIX | LL_SCOPE_SIGNAL;
	}
	ruleset = (int)syscall(SYS_landlock_create_ruleset, &attr,
			       sizeof(attr), 0);
	if (ruleset < 0) {
		error_f("landlock_create_ruleset: %s", strerror(errno));
		return -1;
	}
	for (i = 0; i < sandbox_npaths; i++) {
		if (sandbox_ll_add(ruleset, &sandbox_paths[i],
				   attr.handled_fs) < 0) {
			close(ruleset);
			return -1;
		}
	}
	if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) < 0 ||
	    syscall(SYS_landlock_restrict_self, ruleset, 0) < 0) {
		error_f("landlock_restrict_self: %s", strerror(errno));
		close(ruleset);
		return -1;
	}
	close(ruleset);
	return abi;
}

/* ---- the daemon's lockdown -------------------------------------------- */

int sandbox_apply(void)
{
	int abi;

	if (sandbox_prelude() < 0) {
		return -1;
	}
	/* the log's localtime_r() reads /etc/localtime on first use */
	tzset();
	abi = sandbox_landlock_apply();
	if (abi < 0) {
		return -1;
	}
	if (sandbox_apply_policy(SANDBOX_MONITOR) < 0) {
		return -1;
	}
	snprintf(sandbox_state, sizeof(sandbox_state), "seccomp on (%s), %s%d",
		 sandbox_debug() ? "debug: trap and log" : "kill",
		 abi > 0 ? "landlock ABI " : "landlock off: kernel ABI ", abi);
	return 0;
}

const char *sandbox_status(void)
{
	return sandbox_state;
}
