/*
 * test_sandbox.c - the seccomp policies and Landlock, as
 * ../shared/research/sandbox.md section 4 asks: every test forks a child,
 * installs the production policy (sandbox_apply_policy(), the function
 * hershd uses), makes one call, and the parent checks how the child
 * ended.  "Killed" is WIFSIGNALED with SIGSYS; "denied" is -1 with an
 * errno; positive controls (SQLite, inotify, epoll/timerfd, AF_UNIX with
 * fd passing) must pass.  Landlock tests skip on kernels without it.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/inotify.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/random.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/timerfd.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

#include <hersh/buf.h>

#include "log.h"
#include "sandbox.h"
#include "store.h"
#include "test.h"

#if defined(__SANITIZE_ADDRESS__)
#define TEST_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define TEST_ASAN 1
#endif
#endif
#if defined(__has_include)
#if __has_include(<valgrind/valgrind.h>)
#include <valgrind/valgrind.h>
#endif
#endif
#ifndef RUNNING_ON_VALGRIND
#define RUNNING_ON_VALGRIND 0
#endif

#define MON SANDBOX_MONITOR
#define ZYG SANDBOX_ZYGOTE
#define WRK SANDBOX_WORKER
#define NONE (-1)

static char tmp[64];

/* ---- running one call in a sandboxed child ------------------------------ */

typedef int child_fn(void *arg);

/*
 * Forks; the child installs profile p (NONE: nothing), runs fn and exits
 * with its value.  Returns the wait status.  Under the worker profile the
 * child first puts a socket at fd 3, as a real worker has.
 */
static int run(int p, child_fn *fn, void *arg)
{
	int status = -1, sv[2];
	pid_t pid;

	fflush(NULL);
	pid = fork();
	if (pid == 0) {
		if (p == WRK) {
			if (socketpair(AF_UNIX, SOCK_STREAM, 0, sv) < 0 ||
			    dup2(sv[0], SANDBOX_WORKER_FD) < 0) {
				_exit(100);
			}
		}
		if (p != NONE && sandbox_apply_policy(p) < 0) {
			_exit(101);
		}
		_exit(fn(arg) & 0xff);
	}
	if (pid < 0) {
		return -1;
	}
	while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
	}
	return status;
}

static bool killed(int status)
{
	return WIFSIGNALED(status) && WTERMSIG(status) == SIGSYS &&
	       !WCOREDUMP(status);
}

static bool exited(int status, int code)
{
	return WIFEXITED(status) && WEXITSTATUS(status) == code;
}

static void describe(const char *what, int p, int status)
{
	if (WIFSIGNALED(status)) {
		fprintf(stderr, "  %s (profile %d): signal %d\n", what, p,
			WTERMSIG(status));
	} else {
		fprintf(stderr, "  %s (profile %d): exit %d\n", what, p,
			WIFEXITED(status) ? WEXITSTATUS(status) : -1);
	}
}

/* A raw system call with every argument given (no register garbage). */
struct call {
	const char *name;
	long nr;
	long a[6];
};

static int do_call(void *arg)
{
	const struct call *c = arg;

	syscall(c->nr, c->a[0], c->a[1], c->a[2], c->a[3], c->a[4], c->a[5]);
	return 0;
}

/* Expects the call to kill a child under each profile in mask. */
static void expect_killed(const struct call *c, unsigned mask)
{
	int p, status;

	for (p = MON; p <= WRK; p++) {
		if (!(mask & (1u << p))) {
			continue;
		}
		status = run(p, do_call, (void *)c);
		if (!killed(status)) {
			describe(c->name, p, status);
		}
		CHECK(killed(status));
	}
}

/* Expects the call to fail with err (and the child to live). */
struct errno_call {
	struct call c;
	int err;
};

static int do_errno_call(void *arg)
{
	const struct errno_call *e = arg;
	long r;

	errno = 0;
	r = syscall(e->c.nr, e->c.a[0], e->c.a[1], e->c.a[2], e->c.a[3],
		    e->c.a[4], e->c.a[5]);
	return r == -1 && errno == e->err ? 0 : 1;
}

/* ---- S2: killed under MON and W (and Z where Z does not need it) -------- */

#define L(x) ((long)(x))
#define M_ (1u << MON)
#define Z_ (1u << ZYG)
#define W_ (1u << WRK)
#define ALL (M_ | Z_ | W_)

static void test_killed_everywhere(void)
{
	static char path[] = "/nonexistent/hersh";
	static char empty[] = "";
	struct sockaddr_in6 sa;
	const struct call calls[] = {
		/* exec and processes */
		{ "execve", SYS_execve, { L(path), 0, 0, 0, 0, 0 } },
		{ "execveat", SYS_execveat, { -1, L(empty), 0, 0, 0, 0 } },
		{ "vfork", SYS_vfork, { 0 } },
		{ "clone thread", SYS_clone, { CLONE_THREAD, 0, 0, 0, 0, 0 } },
		{ "clone newuser", SYS_clone,
		  { CLONE_NEWUSER | SIGCHLD, 0, 0, 0, 0, 0 } },
		{ "unshare", SYS_unshare, { 0 } },
		{ "setns", SYS_setns, { -1, 0, 0, 0, 0, 0 } },
		/* network */
		{ "socket inet", SYS_socket, { AF_INET, SOCK_STREAM, 0, 0, 0, 0 } },
		{ "socket inet6", SYS_socket, { AF_INET6, SOCK_DGRAM, 0, 0, 0, 0 } },
		{ "socket netlink", SYS_socket, { AF_NETLINK, SOCK_RAW, 0, 0, 0, 0 } },
		{ "socket packet", SYS_socket, { AF_PACKET, SOCK_RAW, 0, 0, 0, 0 } },
		{ "socket unix dgram", SYS_socket, { AF_UNIX, SOCK_DGRAM, 0, 0, 0, 0 } },
		{ "connect", SYS_connect, { -1, L(&sa), sizeof(sa), 0, 0, 0 } },
		{ "bind", SYS_bind, { -1, L(&sa), sizeof(sa), 0, 0, 0 } },
		{ "listen", SYS_listen, { -1, 1, 0, 0, 0, 0 } },
		{ "setsockopt", SYS_setsockopt, { -1, 0, 0, 0, 0, 0 } },
		{ "sendto with address", SYS_sendto,
		  { -1, L(empty), 0, 0, L(&sa), sizeof(sa) } },
		/* other processes */
		{ "ptrace", SYS_ptrace, { 2 /* PTRACE_PEEKDATA */, 1, 0, 0, 0, 0 } },
		{ "process_vm_readv", SYS_process_vm_readv, { 1, 0, 0, 0, 0, 0 } },
		{ "process_vm_writev", SYS_process_vm_writev, { 1, 0, 0, 0, 0, 0 } },
		{ "kill(1, 0)", SYS_kill, { 1, 0, 0, 0, 0, 0 } },
		{ "kill(-1, 0)", SYS_kill, { -1, 0, 0, 0, 0, 0 } },
		{ "tgkill(1)", SYS_tgkill, { 1, 1, 0, 0, 0, 0 } },
		{ "pidfd_open", SYS_pidfd_open, { 1, 0, 0, 0, 0, 0 } },
		{ "pidfd_getfd", SYS_pidfd_getfd, { -1, -1, 0, 0, 0, 0 } },
		{ "kcmp", SYS_kcmp, { 1, 1, 0, 0, 0, 0 } },
		/* identity */
		{ "setuid", SYS_setuid, { -1, 0, 0, 0, 0, 0 } },
		{ "setresuid", SYS_setresuid, { -1, -1, -1, 0, 0, 0 } },
		{ "setgroups", SYS_setgroups, { -1, 0, 0, 0, 0, 0 } },
		{ "capset", SYS_capset, { 0 } },
		/* mounts */
		{ "mount", SYS_mount, { 0 } },
		{ "umount2", SYS_umount2, { L(path), 0, 0, 0, 0, 0 } },
		{ "chroot", SYS_chroot, { L(path), 0, 0, 0, 0, 0 } },
		{ "pivot_root", SYS_pivot_root, { 0 } },
		{ "fsopen", SYS_fsopen, { 0 } },
		{ "open_tree", SYS_open_tree, { -1, 0, 0, 0, 0, 0 } },
		{ "move_mount", SYS_move_mount, { -1, 0, -1, 0, 0, 0 } },
		{ "quotactl", SYS_quotactl, { 0 } },
		/* kernel attack surface */
		{ "bpf", SYS_bpf, { -1, 0, 0, 0, 0, 0 } },
		{ "io_uring_setup", SYS_io_uring_setup, { 0 } },
		{ "io_uring_enter", SYS_io_uring_enter, { -1, 0, 0, 0, 0, 0 } },
		{ "io_uring_register", SYS_io_uring_register, { -1, 0, 0, 0, 0, 0 } },
		{ "personality", SYS_personality, { 0xffffffff, 0, 0, 0, 0, 0 } },
		{ "userfaultfd", SYS_userfaultfd, { 0 } },
		{ "perf_event_open", SYS_perf_event_open, { 0 } },
		{ "keyctl", SYS_keyctl, { -1, 0, 0, 0, 0, 0 } },
		{ "add_key", SYS_add_key, { 0 } },
		{ "request_key", SYS_request_key, { 0 } },
		{ "init_module", SYS_init_module, { 0 } },
		{ "finit_module", SYS_finit_module, { -1, 0, 0, 0, 0, 0 } },
		{ "delete_module", SYS_delete_module, { 0 } },
		{ "kexec_load", SYS_kexec_load, { 0, 0, 0, 0xdead, 0, 0 } },
		{ "reboot", SYS_reboot, { 0 } },
		{ "swapon", SYS_swapon, { 0 } },
		{ "acct", SYS_acct, { 1, 0, 0, 0, 0, 0 } },
		{ "syslog", SYS_syslog, { 10, 0, 0, 0, 0, 0 } },
		{ "landlock_create_ruleset", SYS_landlock_create_ruleset,
		  { 0, 0, 1, 0, 0, 0 } },
		/* executable memory, fds from nowhere */
		{ "mmap exec", SYS_mmap, { 0, 4096, PROT_READ | PROT_EXEC,
		  MAP_PRIVATE | MAP_ANONYMOUS, -1, 0 } },
		{ "mprotect exec", SYS_mprotect, { 0, 4096, PROT_EXEC, 0, 0, 0 } },
		{ "pkey_mprotect", SYS_pkey_mprotect, { 0, 4096, PROT_READ, -1,
		  0, 0 } },
		{ "memfd_create", SYS_memfd_create, { L(empty), 0, 0, 0, 0, 0 } },
		{ "open_by_handle_at", SYS_open_by_handle_at, { -1, 0, 0, 0, 0, 0 } },
		{ "name_to_handle_at", SYS_name_to_handle_at, { -1, 0, 0, 0, 0, 0 } },
		/* file operations by path */
		{ "open (legacy)", SYS_open, { L(path), O_RDONLY, 0, 0, 0, 0 } },
		{ "creat", SYS_creat, { L(path), 0600, 0, 0, 0, 0 } },
		{ "stat (legacy)", SYS_stat, { L(path), 0, 0, 0, 0, 0 } },
		{ "rename", SYS_rename, { L(path), L(path), 0, 0, 0, 0 } },
		{ "renameat2", SYS_renameat2, { -1, L(path), -1, L(path), 0, 0 } },
		{ "link", SYS_link, { L(path), L(path), 0, 0, 0, 0 } },
		{ "symlink", SYS_symlink, { L(path), L(path), 0, 0, 0, 0 } },
		{ "mkdir", SYS_mkdir, { L(path), 0700, 0, 0, 0, 0 } },
		{ "chmod", SYS_chmod, { L(path), 0777, 0, 0, 0, 0 } },
		{ "fchmod", SYS_fchmod, { -1, 0777, 0, 0, 0, 0 } },
		{ "chown", SYS_chown, { L(path), 0, 0, 0, 0, 0 } },
		{ "mknod", SYS_mknod, { L(path), 0, 0, 0, 0, 0 } },
		{ "mknodat", SYS_mknodat, { -1, L(path), 0, 0, 0, 0 } },
		{ "truncate", SYS_truncate, { L(path), 0, 0, 0, 0, 0 } },
		{ "fanotify_init", SYS_fanotify_init, { 0 } },
		{ "seccomp", SYS_seccomp, { 2 /* SECCOMP_GET_ACTION_AVAIL */, 0, 0, 0,
		  0, 0 } },
		{ "ioperm", SYS_ioperm, { 0 } },
		{ "iopl", SYS_iopl, { 0 } },
		{ "prctl(PR_SET_DUMPABLE, 1)", SYS_prctl,
		  { PR_SET_DUMPABLE, 1, 0, 0, 0, 0 } },
		{ "prctl(PR_SET_SECCOMP)", SYS_prctl,
		  { PR_SET_SECCOMP, 0, 0, 0, 0, 0 } },
		{ "fcntl(F_SETOWN)", SYS_fcntl, { 0, F_SETOWN, 0, 0, 0, 0 } },
		{ "epoll_create1", SYS_epoll_create1, { 0 } },
		{ "inotify_init1", SYS_inotify_init1, { 0 } },
		{ "sendfile", SYS_sendfile, { -1, -1, 0, 0, 0, 0 } },
		{ "splice", SYS_splice, { -1, 0, -1, 0, 0, 0 } },
		{ "shmget", SYS_shmget, { 0 } },
		{ "msgget", SYS_msgget, { 0 } },
		{ "timer_create", SYS_timer_create, { 0 } },
		{ "setpriority", SYS_setpriority, { 0 } },
		{ "sched_setaffinity", SYS_sched_setaffinity, { 0 } },
		{ "prlimit64 (other)", SYS_prlimit64, { 1, 0, 0, 0, 0, 0 } },
		{ "getcwd", SYS_getcwd, { 0 } },
		{ "uname", SYS_uname, { 0 } },
	};
	size_t i;

	memset(&sa, 0, sizeof(sa));
	sa.sin6_family = AF_INET6;
	for (i = 0; i < sizeof(calls) / sizeof(calls[0]); i++) {
		expect_killed(&calls[i], ALL);
	}
}

/* Calls the zygote needs but the daemon and the worker must not make. */
static void test_killed_not_zygote(void)
{
	const struct call calls[] = {
		{ "fork (clone SIGCHLD)", SYS_clone, { SIGCHLD, 0, 0, 0, 0, 0 } },
		{ "fork (legacy)", SYS_fork, { 0 } },
		{ "socketpair", SYS_socketpair, { AF_UNIX, SOCK_STREAM, 0, 0, 0,
		  0 } },
		{ "dup2", SYS_dup2, { 0, 100, 0, 0, 0, 0 } },
		{ "close_range", SYS_close_range, { 100, 100, 0, 0, 0, 0 } },
		{ "prctl(PR_SET_NO_NEW_PRIVS)", SYS_prctl,
		  { PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0, 0 } },
		{ "seccomp(SET_MODE_FILTER)", SYS_seccomp, { 1, 0, 0, 0, 0, 0 } },
		{ "prlimit64 (self)", SYS_prlimit64, { 0, RLIMIT_CORE, 0, 0, 0,
		  0 } },
	};
	size_t i;

	for (i = 0; i < sizeof(calls) / sizeof(calls[0]); i++) {
		expect_killed(&calls[i], M_ | W_);
	}
}

/* The zygote's own rules: only fork-like clone, SIGKILL to pid >= 0. */
static void test_zygote_args(void)
{
	const struct call calls[] = {
		{ "clone vm", SYS_clone, { CLONE_VM | SIGCHLD, 0, 0, 0, 0, 0 } },
		{ "clone newpid", SYS_clone, { CLONE_NEWPID | SIGCHLD, 0, 0, 0, 0,
		  0 } },
		{ "kill SIGTERM", SYS_kill, { 999999, SIGTERM, 0, 0, 0, 0 } },
		{ "kill(-1, 0)", SYS_kill, { -1, 0, 0, 0, 0, 0 } },
		{ "kill(-pgid, KILL)", SYS_kill, { -999999, SIGKILL, 0, 0, 0, 0 } },
		{ "socketpair inet", SYS_socketpair, { AF_INET, SOCK_STREAM, 0, 0,
		  0, 0 } },
		{ "read fd 0", SYS_read, { 0, 0, 0, 0, 0, 0 } },
		{ "write fd 1", SYS_write, { 1, 0, 0, 0, 0, 0 } },
		{ "sendmsg fd 5", SYS_sendmsg, { 5, 0, 0, 0, 0, 0 } },
		{ "openat", SYS_openat, { AT_FDCWD, L("/etc/hostname"), O_RDONLY,
		  0, 0, 0 } },
		{ "prctl(PR_SET_DUMPABLE, 1)", SYS_prctl,
		  { PR_SET_DUMPABLE, 1, 0, 0, 0, 0 } },
		{ "seccomp(SET_MODE_STRICT)", SYS_seccomp, { 0, 0, 0, 0, 0, 0 } },
		{ "accept4", SYS_accept4, { -1, 0, 0, 0, 0, 0 } },
	};
	size_t i;

	/* (kill(-1, SIGKILL) must never run unfiltered: probed with 0) */
	for (i = 0; i < sizeof(calls) / sizeof(calls[0]); i++) {
		expect_killed(&calls[i], Z_);
	}
}

/* S4: what only the worker may not do. */
static void test_worker_specifics(void)
{
	static char buf[16];
	static char etc[] = "/etc/hostname";
	const struct call calls[] = {
		{ "read fd 0", SYS_read, { 0, L(buf), 1, 0, 0, 0 } },
		{ "write fd 1", SYS_write, { 1, L(buf), 1, 0, 0, 0 } },
		{ "write fd 2", SYS_write, { 2, L(buf), 1, 0, 0, 0 } },
		{ "mmap shared", SYS_mmap, { 0, 4096, PROT_READ | PROT_WRITE,
		  MAP_SHARED | MAP_ANONYMOUS, -1, 0 } },
		{ "mmap file", SYS_mmap, { 0, 4096, PROT_READ, MAP_PRIVATE, 0, 0 } },
		{ "openat read-only", SYS_openat, { AT_FDCWD, L(etc), O_RDONLY, 0,
		  0, 0 } },
		{ "recvmsg", SYS_recvmsg, { SANDBOX_WORKER_FD, 0, 0, 0, 0, 0 } },
		{ "sendmsg", SYS_sendmsg, { SANDBOX_WORKER_FD, 0, 0, 0, 0, 0 } },
		{ "close", SYS_close, { SANDBOX_WORKER_FD, 0, 0, 0, 0, 0 } },
		{ "getpid", SYS_getpid, { 0 } },
		{ "clock_gettime", SYS_clock_gettime, { 0, L(buf), 0, 0, 0, 0 } },
		{ "kill self", SYS_kill, { 0, 0, 0, 0, 0, 0 } },
		{ "rt_sigaction", SYS_rt_sigaction, { SIGSYS, 0, 0, 8, 0, 0 } },
		{ "madvise remove", SYS_madvise, { 0, 0, MADV_REMOVE, 0, 0, 0 } },
		{ "epoll_wait", SYS_epoll_wait, { -1, 0, 0, 0, 0, 0 } },
		{ "socket unix", SYS_socket, { AF_UNIX, SOCK_STREAM, 0, 0, 0, 0 } },
		{ "getrandom", SYS_getrandom, { L(buf), 4, 0, 0, 0, 0 } },
	};
	size_t i;

	for (i = 0; i < sizeof(calls) / sizeof(calls[0]); i++) {
		expect_killed(&calls[i], W_);
	}
}

/* Other ABIs on x86_64: x32 numbers and int 0x80 are killed (BADARCH). */
static int do_x32(void *arg)
{
	syscall(0x40000000 | SYS_getpid, 0, 0, 0, 0, 0, 0);
	return 0;
}

#if defined(__x86_64__)
static int do_i386(void *arg)
{
	long ret = 20;	/* i386 getpid */

	__asm__ volatile ("int $0x80" : "+a"(ret) : : "memory");
	return 0;
}
#endif

static void test_foreign_abi(void)
{
	int p;

	for (p = MON; p <= WRK; p++) {
		CHECK(killed(run(p, do_x32, NULL)));
#if defined(__x86_64__)
		CHECK(killed(run(p, do_i386, NULL)));
#endif
	}
}

/* ---- S3: errno instead of death ------------------------------------------ */

static void test_errno_calls(void)
{
	static char path[] = "/nonexistent";
	static char etc[] = "/etc/hostname";
	static char how[24];
	static char buf[256];
	const struct errno_call mon[] = {
		{ { "clone3", SYS_clone3, { L(how), sizeof(how), 0, 0, 0, 0 } },
		  ENOSYS },
		{ { "openat2", SYS_openat2, { AT_FDCWD, L(etc), L(how),
		  sizeof(how), 0, 0 } }, ENOSYS },
		{ { "openat O_WRONLY", SYS_openat, { AT_FDCWD, L(etc), O_WRONLY,
		  0, 0, 0 } }, EACCES },
		{ { "openat O_RDWR", SYS_openat, { AT_FDCWD, L(etc), O_RDWR, 0,
		  0, 0 } }, EACCES },
		{ { "openat O_CREAT", SYS_openat, { AT_FDCWD, L(path),
		  O_RDONLY | O_CREAT, 0600, 0, 0 } }, EACCES },
		{ { "openat O_TRUNC", SYS_openat, { AT_FDCWD, L(etc),
		  O_RDONLY | O_TRUNC, 0, 0, 0 } }, EACCES },
		{ { "openat O_APPEND", SYS_openat, { AT_FDCWD, L(etc),
		  O_WRONLY | O_APPEND, 0, 0, 0 } }, EACCES },
		{ { "openat O_TMPFILE", SYS_openat, { AT_FDCWD, L("/tmp"),
		  O_TMPFILE | O_RDWR, 0600, 0, 0 } }, EACCES },
		{ { "openat O_PATH", SYS_openat, { AT_FDCWD, L(etc), O_PATH, 0,
		  0, 0 } }, EACCES },
		{ { "ioctl TIOCSTI", SYS_ioctl, { 0, TIOCSTI, L(buf), 0, 0, 0 } },
		  ENOTTY },
		{ { "ioctl TCGETS", SYS_ioctl, { 1, TCGETS, L(buf), 0, 0, 0 } },
		  ENOTTY },
		{ { "access", SYS_access, { L(etc), R_OK, 0, 0, 0, 0 } }, EACCES },
		{ { "faccessat", SYS_faccessat, { AT_FDCWD, L(etc), R_OK, 0, 0,
		  0 } }, EACCES },
		{ { "statx", SYS_statx, { AT_FDCWD, L(etc), 0, 0x7ff, L(buf), 0 } },
		  ENOSYS },
	};
	const struct errno_call wrk[] = {
		{ { "clone3", SYS_clone3, { L(how), sizeof(how), 0, 0, 0, 0 } },
		  ENOSYS },
		{ { "openat2", SYS_openat2, { AT_FDCWD, L(etc), L(how),
		  sizeof(how), 0, 0 } }, ENOSYS },
	};
	size_t i;
	int status;

	for (i = 0; i < sizeof(mon) / sizeof(mon[0]); i++) {
		status = run(MON, do_errno_call, (void *)&mon[i]);
		if (!exited(status, 0)) {
			describe(mon[i].c.name, MON, status);
		}
		CHECK(exited(status, 0));
	}
	for (i = 0; i < sizeof(wrk) / sizeof(wrk[0]); i++) {
		CHECK(exited(run(WRK, do_errno_call, (void *)&wrk[i]), 0));
		CHECK(exited(run(ZYG, do_errno_call, (void *)&wrk[i]), 0));
	}
}

/* ---- S1: positive controls ------------------------------------------------ */

/* SQLite through the real store: open before, write/read/forget after. */
static int do_store(void *arg)
{
	struct store *st = arg;
	struct store_command c;
	struct store_counts n;
	struct buf out = BUF_INIT;
	int i, bad = 0;

	memset(&c, 0, sizeof(c));
	c.time = 1000;
	c.cwd = "/home/theo";
	c.session = "s1";
	bad |= store_begin(st) < 0;
	for (i = 0; i < 2000; i++) {
		char line[64];

		snprintf(line, sizeof(line), "make test %d", i);
		c.line = line;
		c.time = 1000 + i;
		bad |= store_add_command(st, &c, -1) != 1;
	}
	bad |= (store_commit(st) < 0) << 1;
	bad |= (store_counts(st, &n) < 0 || n.commands != 2000) << 2;
	bad |= (store_forget_range(st, 1500, 3000) < 0) << 3;	/* checkpoint */
	bad |= (store_integrity(st, &out) < 0) << 4;
	bad |= (store_counts(st, &n) < 0 || n.commands != 500) << 5;
	buf_release(&out);
	store_close(st);	/* unlinks -wal and -shm */
	return bad;
}

static void test_sqlite_under_monitor(void)
{
	char path[128];
	struct buf err = BUF_INIT;
	struct store *st;
	int status;

	snprintf(path, sizeof(path), "%s/memory.db", tmp);
	st = store_open(path, &err);
	CHECK(st != NULL);
	if (st == NULL) {
		fprintf(stderr, "store_open: %s\n", buf_str(&err));
		buf_release(&err);
		return;
	}
	status = run(MON, do_store, st);
	if (!exited(status, 0)) {
		describe("sqlite", MON, status);
	}
	CHECK(exited(status, 0));
	store_close(st);
	buf_release(&err);
}

struct ino {
	int ifd;
	int ready[2];		/* child -> parent: watch added */
	char dir[128];
};

/* A watch added after lockdown on a new dir sees a file appear. */
static int do_inotify_sandboxed(void *arg)
{
	struct ino *in = arg;
	char ev[4096];

	if (sandbox_apply_policy(MON) < 0) {
		return 9;
	}
	if (inotify_add_watch(in->ifd, in->dir, IN_CREATE) < 0) {
		return 1;
	}
	if (write(in->ready[1], "w", 1) != 1) {
		return 2;
	}
	return read(in->ifd, ev, sizeof(ev)) > 0 ? 0 : 3;
}

static void test_inotify_under_monitor(void)
{
	struct ino in;
	char file[160], c;
	int status, fd;
	pid_t pid;

	snprintf(in.dir, sizeof(in.dir), "%s/watched", tmp);
	CHECK(mkdir(in.dir, 0700) == 0);
	in.ifd = inotify_init1(IN_CLOEXEC);
	CHECK(in.ifd >= 0 && pipe(in.ready) == 0);
	pid = fork();
	if (pid == 0) {
		_exit(do_inotify_sandboxed(&in));
	}
	CHECK(read(in.ready[0], &c, 1) == 1);
	snprintf(file, sizeof(file), "%s/new", in.dir);
	fd = open(file, O_WRONLY | O_CREAT, 0600);
	CHECK(fd >= 0);
	close(fd);
	waitpid(pid, &status, 0);
	CHECK(exited(status, 0));
	close(in.ifd);
	close(in.ready[0]);
	close(in.ready[1]);
}

struct loopfds {
	int epfd;
	int tfd;
};

static int do_epoll_timer(void *arg)
{
	struct loopfds *l = arg;
	struct itimerspec its;
	struct epoll_event ev;
	uint64_t n;

	memset(&its, 0, sizeof(its));
	its.it_value.tv_nsec = 20 * 1000000;
	if (timerfd_settime(l->tfd, 0, &its, NULL) < 0) {
		return 1;
	}
	if (epoll_wait(l->epfd, &ev, 1, 2000) != 1) {
		return 2;
	}
	if (read(l->tfd, &n, sizeof(n)) != sizeof(n) || n != 1) {
		return 3;
	}
	/* and the rest a daemon does in passing */
	if (kill(getpid(), 0) < 0 || getrandom(&n, sizeof(n), 0) < 0 ||
	    usleep(1000) < 0 || time(NULL) <= 0) {
		return 4;
	}
	return 0;
}

static void test_epoll_timerfd_under_monitor(void)
{
	struct loopfds l;
	struct epoll_event ev;

	l.epfd = epoll_create1(EPOLL_CLOEXEC);
	l.tfd = timerfd_create(CLOCK_MONOTONIC, TFD_CLOEXEC | TFD_NONBLOCK);
	memset(&ev, 0, sizeof(ev));
	ev.events = EPOLLIN;
	CHECK(l.epfd >= 0 && l.tfd >= 0 &&
	      epoll_ctl(l.epfd, EPOLL_CTL_ADD, l.tfd, &ev) == 0);
	CHECK(exited(run(MON, do_epoll_timer, &l), 0));
	close(l.epfd);
	close(l.tfd);
}

/* accept4, SO_PEERCRED, recvmsg with SCM_RIGHTS, send, socket(AF_UNIX). */
static int do_unix_server(void *arg)
{
	int lfd = *(int *)arg, cfd, got = -1, s;
	struct ucred cred;
	socklen_t len = sizeof(cred);
	char data[8];
	union {
		struct cmsghdr h;
		char space[CMSG_SPACE(sizeof(int))];
	} cm;
	struct iovec iov = { data, sizeof(data) };
	struct msghdr mh;

	cfd = accept4(lfd, NULL, NULL, SOCK_CLOEXEC);
	if (cfd < 0) {
		return 1;
	}
	if (getsockopt(cfd, SOL_SOCKET, SO_PEERCRED, &cred, &len) < 0 ||
	    cred.uid != getuid()) {
		return 2;
	}
	memset(&mh, 0, sizeof(mh));
	mh.msg_iov = &iov;
	mh.msg_iovlen = 1;
	mh.msg_control = cm.space;
	mh.msg_controllen = sizeof(cm.space);
	if (recvmsg(cfd, &mh, MSG_CMSG_CLOEXEC) != 4 ||
	    CMSG_FIRSTHDR(&mh) == NULL) {
		return 3;
	}
	memcpy(&got, CMSG_DATA(CMSG_FIRSTHDR(&mh)), sizeof(int));
	if (got < 0 || fcntl(got, F_GETFD) < 0) {
		return 4;
	}
	if (send(cfd, "pong", 4, MSG_NOSIGNAL) != 4) {
		return 5;
	}
	s = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (s < 0) {
		return 6;
	}
	close(s);
	close(got);
	close(cfd);
	return 0;
}

static void test_unix_socket_under_monitor(void)
{
	struct sockaddr_un sa;
	union {
		struct cmsghdr h;
		char space[CMSG_SPACE(sizeof(int))];
	} cm;
	struct iovec iov = { "ping", 4 };
	struct msghdr mh;
	char reply[8];
	int lfd, fd, status, tries;
	pid_t pid;

	memset(&sa, 0, sizeof(sa));
	sa.sun_family = AF_UNIX;
	snprintf(sa.sun_path, sizeof(sa.sun_path), "%s/sock", tmp);
	lfd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
	CHECK(lfd >= 0);
	CHECK(bind(lfd, (struct sockaddr *)&sa, sizeof(sa)) == 0);
	CHECK(listen(lfd, 4) == 0);
	pid = fork();
	if (pid == 0) {
		if (sandbox_apply_policy(MON) < 0) {
			_exit(9);
		}
		_exit(do_unix_server(&lfd));
	}
	fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
	for (tries = 0; connect(fd, (struct sockaddr *)&sa, sizeof(sa)) < 0 &&
	     tries < 100; tries++) {
		usleep(1000);
	}
	memset(&mh, 0, sizeof(mh));
	memset(&cm, 0, sizeof(cm));
	mh.msg_iov = &iov;
	mh.msg_iovlen = 1;
	mh.msg_control = cm.space;
	mh.msg_controllen = sizeof(cm.space);
	cm.h.cmsg_level = SOL_SOCKET;
	cm.h.cmsg_type = SCM_RIGHTS;
	cm.h.cmsg_len = CMSG_LEN(sizeof(int));
	memcpy(CMSG_DATA(&cm.h), &lfd, sizeof(int));
	CHECK(sendmsg(fd, &mh, 0) == 4);
	CHECK(read(fd, reply, 4) == 4 && memcmp(reply, "pong", 4) == 0);
	waitpid(pid, &status, 0);
	if (!exited(status, 0)) {
		describe("unix socket", MON, status);
	}
	CHECK(exited(status, 0));
	close(fd);
	close(lfd);
}

/* Files: read-only opens, directory listing, fcntl locks, malloc. */
static int do_files(void *arg)
{
	int lockfd = *(int *)arg, fd, n = 0;
	struct flock fl;
	struct dirent *de;
	DIR *d;
	char *big;

	fd = open("/etc/hostname", O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
	if (fd < 0) {
		return 1;
	}
	close(fd);
	d = opendir(tmp);
	if (d == NULL) {
		return 2;
	}
	while ((de = readdir(d)) != NULL) {
		n++;
	}
	closedir(d);
	memset(&fl, 0, sizeof(fl));
	fl.l_type = F_WRLCK;
	fl.l_whence = SEEK_SET;
	if (n < 2 || fcntl(lockfd, F_SETLK, &fl) < 0 ||
	    fcntl(lockfd, F_GETFL) < 0 ||
	    fcntl(lockfd, F_SETFD, FD_CLOEXEC) < 0) {
		return 3;
	}
	big = malloc(64 << 20);		/* mmap */
	if (big == NULL) {
		return 4;
	}
	memset(big, 1, 64 << 20);
	big = realloc(big, 128 << 20);	/* mremap */
	free(big);
	printf("%s", "");		/* stdio on a pipe or tty: ENOTTY */
	fflush(stdout);
	return 0;
}

static void test_files_under_monitor(void)
{
	char path[128];
	int fd, status;

	snprintf(path, sizeof(path), "%s/lock", tmp);
	fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
	CHECK(fd >= 0);
	status = run(MON, do_files, &fd);
	if (!exited(status, 0)) {
		describe("files", MON, status);
	}
	CHECK(exited(status, 0));
	close(fd);
}

/* abort() dies of SIGABRT (not SIGSYS), and dumps no core (F2). */
static int do_abort(void *arg)
{
	abort();
}

static void test_no_core(void)
{
	int status = run(MON, do_abort, NULL);

	CHECK(WIFSIGNALED(status) && WTERMSIG(status) == SIGABRT);
	CHECK(!WCOREDUMP(status));
}

/* The worker: memory and its socket work. */
static int do_worker_ok(void *arg)
{
	char *p = malloc(16 << 20), *q;
	char c = 'x';

	if (p == NULL) {
		return 1;
	}
	memset(p, 2, 16 << 20);
	q = realloc(p, 32 << 20);
	if (q == NULL) {
		return 2;
	}
	free(q);
	if (write(SANDBOX_WORKER_FD, &c, 1) != 1) {
		return 3;
	}
	return 0;
}

/* The zygote: fork one child, kill it, reap it; a socketpair. */
static int do_zygote_ok(void *arg)
{
	int sv[2], status;
	pid_t pid;

	if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv) < 0) {
		return 1;
	}
	pid = fork();
	if (pid == 0) {
		pause();
		_exit(0);
	}
	if (pid < 0 || kill(pid, SIGKILL) < 0 ||
	    waitpid(pid, &status, 0) != pid || !WIFSIGNALED(status)) {
		return 2;
	}
	pid = fork();
	if (pid == 0) {
		_exit(7);
	}
	if (waitpid(pid, &status, 0) != pid || !exited(status, 7)) {
		return 3;
	}
	return 0;
}

static void test_positive_worker_zygote(void)
{
	CHECK(exited(run(WRK, do_worker_ok, NULL), 0));
	CHECK(exited(run(ZYG, do_zygote_ok, NULL), 0));
}

/* ---- S5: every thread; S6: the kernel says it is on ------------------------ */

static volatile int thread_go;

static void *thread_exec(void *arg)
{
	static char sh[] = "/bin/sh";
	char *argv[] = { sh, NULL };

	while (!thread_go) {
		usleep(1000);
	}
	execve(sh, argv, NULL);
	_exit(3);	/* execve failed: the filter did not kill us */
}

static int do_tsync(void *arg)
{
	pthread_t t;

	if (pthread_create(&t, NULL, thread_exec, NULL) != 0) {
		return 1;
	}
	if (sandbox_apply_policy(MON) < 0) {
		return 2;
	}
	thread_go = 1;
	pthread_join(t, NULL);
	return 4;
}

static void test_all_threads(void)
{
	int status = run(NONE, do_tsync, NULL);

	if (!killed(status)) {
		describe("tsync", MON, status);
	}
	CHECK(killed(status));
}

/* Reads "Name:\tvalue" from a /proc file. */
static bool proc_has(pid_t pid, const char *file, const char *line)
{
	char path[64], buf[8192];
	size_t n;
	FILE *f;

	snprintf(path, sizeof(path), "/proc/%ld/%s", (long)pid, file);
	f = fopen(path, "r");
	if (f == NULL) {
		return false;
	}
	n = fread(buf, 1, sizeof(buf) - 1, f);
	buf[n] = '\0';
	fclose(f);
	return strstr(buf, line) != NULL;
}

static void test_kernel_reports(void)
{
	int to[2], from[2], status;
	char c;
	pid_t pid;

	CHECK(pipe(to) == 0 && pipe(from) == 0);
	pid = fork();
	if (pid == 0) {
		close(to[1]);
		close(from[0]);
		if (sandbox_apply_policy(MON) < 0) {
			_exit(9);
		}
		(void)!write(from[1], "x", 1);
		(void)!read(to[0], &c, 1);
		_exit(0);
	}
	CHECK(read(from[0], &c, 1) == 1);
	CHECK(proc_has(pid, "status", "Seccomp:\t2"));
	CHECK(proc_has(pid, "status", "NoNewPrivs:\t1"));
	CHECK(proc_has(pid, "limits", "Max core file size        0                    0"));
	close(to[1]);
	waitpid(pid, &status, 0);
	CHECK(exited(status, 0));
	close(to[0]);
	close(from[0]);
	close(from[1]);
}

/* ---- debug mode ------------------------------------------------------------ */

static int do_debug(void *arg)
{
	int *err = arg;
	char buf[64];
	long r;

	setenv("HERSHD_SANDBOX_DEBUG", "1", 1);
	dup2(err[1], 2);
	if (sandbox_apply_policy(MON) < 0) {
		return 9;
	}
	r = syscall(SYS_getcwd, buf, sizeof(buf), 0, 0, 0, 0);
	return r == -1 && errno == ENOSYS ? 0 : 1;
}

static void test_debug_mode(void)
{
	int err[2], status;
	char msg[256], want[64];
	ssize_t n;

	CHECK(pipe(err) == 0);
	status = run(NONE, do_debug, err);
	CHECK(exited(status, 0));
	close(err[1]);
	n = read(err[0], msg, sizeof(msg) - 1);
	msg[n > 0 ? n : 0] = '\0';
	snprintf(want, sizeof(want), "denied syscall %d", SYS_getcwd);
	CHECK(strstr(msg, want) != NULL);
	close(err[0]);
}

/* ---- L: Landlock ------------------------------------------------------------ */

struct ll {
	char mail[128];		/* granted SANDBOX_READ */
	char data[128];		/* granted SANDBOX_WRITE */
	char secret[128];	/* not granted */
};

static int do_landlock(void *arg)
{
	struct ll *l = arg;
	char path[256];
	int fd, abi;

	sandbox_add_path(l->mail, SANDBOX_READ);
	sandbox_add_path(l->data, SANDBOX_WRITE);
	abi = sandbox_landlock_apply();
	if (abi < 1) {
		return 99;
	}
	/* a mail can be read */
	snprintf(path, sizeof(path), "%s/new/1.host", l->mail);
	fd = open(path, O_RDONLY | O_NOFOLLOW | O_NONBLOCK);
	if (fd < 0) {
		return 1;
	}
	close(fd);
	/* not a secret, nor a symlink in Maildir pointing at it */
	snprintf(path, sizeof(path), "%s/id_ed25519", l->secret);
	if (open(path, O_RDONLY) >= 0 || errno != EACCES) {
		return 2;
	}
	snprintf(path, sizeof(path), "%s/new/2.link", l->mail);
	if (open(path, O_RDONLY) >= 0 || errno != EACCES) {
		return 3;
	}
	if (open("/etc/hostname", O_RDONLY) >= 0 || errno != EACCES) {
		return 4;
	}
	/* nothing is created outside the data dir */
	snprintf(path, sizeof(path), "%s/new-file", l->secret);
	if (open(path, O_WRONLY | O_CREAT, 0600) >= 0 || errno != EACCES) {
		return 5;
	}
	if (open("/tmp/hersh-landlock-test", O_WRONLY | O_CREAT, 0600) >= 0) {
		return 6;
	}
	/* no listing of what was not granted */
	if (opendir(l->secret) != NULL) {
		return 7;
	}
	/* no truncation by path (ABI >= 3) */
	snprintf(path, sizeof(path), "%s/id_ed25519", l->secret);
	if (abi >= 3 && (truncate(path, 0) == 0 || errno != EACCES)) {
		return 8;
	}
	/* no signals outside the domain (ABI >= 6) */
	if (abi >= 6 && (kill(getppid(), 0) == 0 || errno != EPERM)) {
		return 10;
	}
	/* the data dir is writable */
	snprintf(path, sizeof(path), "%s/scratch", l->data);
	fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	if (fd < 0 || write(fd, "x", 1) != 1) {
		return 11;
	}
	close(fd);
	if (unlink(path) < 0) {
		return 12;
	}
	/* inotify is not mediated by Landlock (documented) */
	fd = inotify_init1(0);
	if (fd < 0 || inotify_add_watch(fd, "/etc", IN_CREATE) < 0) {
		return 13;
	}
	return 0;
}

static void make_file(const char *dir, const char *name, const char *text)
{
	char path[256];
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	f = fopen(path, "w");
	CHECK(f != NULL);
	if (f != NULL) {
		fputs(text, f);
		fclose(f);
	}
}

static void ll_setup(struct ll *l)
{
	char path[256], target[256];

	snprintf(l->mail, sizeof(l->mail), "%s/Maildir", tmp);
	snprintf(l->data, sizeof(l->data), "%s/data", tmp);
	snprintf(l->secret, sizeof(l->secret), "%s/ssh", tmp);
	mkdir(l->mail, 0700);
	snprintf(path, sizeof(path), "%s/new", l->mail);
	mkdir(path, 0700);
	mkdir(l->data, 0700);
	mkdir(l->secret, 0700);
	make_file(path, "1.host", "From: a@b.c\nSubject: hi\n\nbody\n");
	make_file(l->secret, "id_ed25519", "PRIVATE KEY\n");
	snprintf(target, sizeof(target), "%s/id_ed25519", l->secret);
	snprintf(path, sizeof(path), "%s/new/2.link", l->mail);
	symlink(target, path);
}

static void test_landlock(void)
{
	struct ll l;
	int status;

	if (sandbox_landlock_abi() < 1) {
		printf("skip: no Landlock in this kernel\n");
		return;
	}
	ll_setup(&l);
	status = run(NONE, do_landlock, &l);
	if (!exited(status, 0)) {
		describe("landlock", NONE, status);
	}
	CHECK(exited(status, 0));
}

/* The whole lockdown as hershd does it, and its status line. */
static int do_full(void *arg)
{
	struct ll *l = arg;
	struct store *st;
	struct store_command c;
	struct buf err = BUF_INIT;
	char path[256], want[64];
	int fd, abi = sandbox_landlock_abi();

	snprintf(path, sizeof(path), "%s/memory.db", l->data);
	st = store_open(path, &err);
	if (st == NULL) {
		return 1;
	}
	sandbox_add_path(l->data, SANDBOX_WRITE);
	sandbox_add_path(l->mail, SANDBOX_READ);
	if (strcmp(sandbox_status(), "off (not applied)") != 0 ||
	    sandbox_apply() < 0) {
		return 2;
	}
	snprintf(want, sizeof(want), "seccomp on (kill), landlock ABI %d",
		 abi);
	if (abi > 0 && strcmp(sandbox_status(), want) != 0) {
		return 3;
	}
	memset(&c, 0, sizeof(c));
	c.time = 5;
	c.line = "ls";
	if (store_add_command(st, &c, -1) != 1) {
		return 4;
	}
	snprintf(path, sizeof(path), "%s/new/1.host", l->mail);
	fd = open(path, O_RDONLY);
	if (fd < 0) {
		return 5;
	}
	close(fd);
	if (abi > 0 && (open("/etc/hostname", O_RDONLY) >= 0 ||
			errno != EACCES)) {
		return 6;
	}
	store_close(st);
	buf_release(&err);
	return 0;
}

static void test_full_lockdown(void)
{
	struct ll l;
	int status;

	ll_setup(&l);
	status = run(NONE, do_full, &l);
	if (!exited(status, 0)) {
		describe("sandbox_apply", MON, status);
	}
	CHECK(exited(status, 0));
}

/* Filter build and load time, and the cost of a filtered call. */
static double ns_per_call(bool fcntl_call, int n)
{
	struct timespec a, b;
	int i;

	clock_gettime(CLOCK_MONOTONIC, &a);
	for (i = 0; i < n; i++) {
		if (fcntl_call) {
			fcntl(0, F_GETFD);
		} else {
			syscall(SYS_getppid, 0, 0, 0, 0, 0, 0);
		}
	}
	clock_gettime(CLOCK_MONOTONIC, &b);
	return ((b.tv_sec - a.tv_sec) * 1e9 + (b.tv_nsec - a.tv_nsec)) / n;
}

static int do_bench(void *arg)
{
	struct timespec a, b;
	double g0, f0, g1, f1;
	int n = 1000000;

	g0 = ns_per_call(false, n);
	f0 = ns_per_call(true, n);
	clock_gettime(CLOCK_MONOTONIC, &a);
	if (sandbox_apply_policy(MON) < 0) {
		return 1;
	}
	clock_gettime(CLOCK_MONOTONIC, &b);
	g1 = ns_per_call(false, n);
	f1 = ns_per_call(true, n);
	printf("bench: build+load %.0f us; getppid %.0f -> %.0f ns; "
	       "fcntl(F_GETFD) %.0f -> %.0f ns (argument-checked)\n",
	       ((b.tv_sec - a.tv_sec) * 1e9 + (b.tv_nsec - a.tv_nsec)) / 1000,
	       g0, g1, f0, f1);
	fflush(stdout);
	return 0;
}

int main(void)
{
	log_set_level(LOG_ERROR);
#ifdef TEST_ASAN
	printf("skip: seccomp kills ASan's runtime (it makes calls the "
	       "policy forbids); run this test in a normal build\n");
	return test_summary();
#endif
	if (RUNNING_ON_VALGRIND) {
		printf("skip: valgrind cannot run seccomp(2); run this test "
		       "without it\n");
		return test_summary();
	}
	snprintf(tmp, sizeof(tmp), "/tmp/hersh-sandbox.XXXXXX");
	if (mkdtemp(tmp) == NULL) {
		perror("mkdtemp");
		return 1;
	}
	TEST_RUN(test_killed_everywhere);
	TEST_RUN(test_killed_not_zygote);
	TEST_RUN(test_zygote_args);
	TEST_RUN(test_worker_specifics);
	TEST_RUN(test_foreign_abi);
	TEST_RUN(test_errno_calls);
	TEST_RUN(test_sqlite_under_monitor);
	TEST_RUN(test_inotify_under_monitor);
	TEST_RUN(test_epoll_timerfd_under_monitor);
	TEST_RUN(test_unix_socket_under_monitor);
	TEST_RUN(test_files_under_monitor);
	TEST_RUN(test_no_core);
	TEST_RUN(test_positive_worker_zygote);
	TEST_RUN(test_all_threads);
	TEST_RUN(test_kernel_reports);
	TEST_RUN(test_debug_mode);
	TEST_RUN(test_landlock);
	TEST_RUN(test_full_lockdown);
	if (getenv("HERSH_TEST_BENCH") != NULL) {
		run(NONE, do_bench, NULL);
	}
	{
		char cmd[128];

		snprintf(cmd, sizeof(cmd), "rm -rf '%s'", tmp);
		(void)!system(cmd);
	}
	return test_summary();
}
