/*
 * main.c - hershd: options, single instance, detaching, and the setup
 * order: store, socket, watchers, then sandbox, then the loop.
 */
#include <errno.h>
#include <stdarg.h>
#include <fcntl.h>
#include <sched.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/resource.h>
#include <sys/signalfd.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <hersh/buf.h>
#include <hersh/io.h>
#include <hersh/paths.h>
#include <hersh/xalloc.h>

#include "ask.h"
#include "log.h"
#include "loop.h"
#include "mail.h"
#include "mailparse.h"
#include "sandbox.h"
#include "server.h"
#include "store.h"
#include "watch.h"
#include "worker.h"

#ifndef HERSH_VERSION
#define HERSH_VERSION "0.1.0"
#endif

static const char usage_text[] =
	"usage: hershd [--foreground] [--debug] [--no-sandbox]\n"
	"       hershd --help | --version\n"
	"\n"
	"hershd is hersh's companion daemon: it remembers what you do in\n"
	"hersh and answers `ask`.  hersh starts it when needed; one runs per\n"
	"user.  Without --foreground it detaches and logs to\n"
	"$XDG_STATE_HOME/hersh/hershd.log.\n"
	"  --foreground  stay attached, log to standard error\n"
	"  --debug       log more\n"
	"  --no-sandbox  run without the sandbox (debugging only)\n"
	"See hershd(1).\n";

struct options {
	bool foreground;
	bool debug;
	bool no_sandbox;
	int ready_fd;		/* written to once listening (hersh uses it) */
};

/*
 * A sanitizer build (make SANITIZE=...) runs without seccomp: ASan's and
 * LSan's runtimes make calls the policy kills (threads and ptrace for the
 * leak check at exit), so the sanitizers and the sandbox are tested apart.
 */
#ifdef HERSH_SANITIZED
static const bool sanitized_build = true;
#else
static const bool sanitized_build = false;
#endif

struct daemon {
	struct options opt;
	char *runtime;		/* directories, checked private */
	char *state;
	char *data;
	char *socket_path;
	int lock_fd;
	int listen_fd;
	int signal_fd;
	struct store *st;
	struct loop *loop;
	struct server *srv;
	struct worker *worker;	/* parses untrusted bytes (worker.h) */
	struct watch *watch;	/* files (watch.h) */
	struct mail *mail;	/* mailboxes (mail.h) */
};

static void die(const char *fmt, ...) __attribute__((format(printf, 1, 2),
						     noreturn));

/* dir/name, newly allocated. */
static char *xpath(const char *dir, const char *name)
{
	return xasprintf("%s/%s", dir, name);
}

/* The shell's --ready-fd until we are up: why we could not start goes
 * there ('E' and the message; 'R' alone means ready). */
static int die_fd = -1;

static void die(const char *fmt, ...)
{
	char msg[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	log_msg(LOG_ERROR, "hershd", "%s", msg);
	if (die_fd >= 0) {
		(void)!write(die_fd, "E", 1);
		(void)!write(die_fd, msg, strlen(msg));
	}
	if (isatty(2) || getppid() != 1) {
		fprintf(stderr, "hershd: %s\n", msg);
	}
	exit(1);
}

static void parse_options(int argc, char **argv, struct options *o)
{
	int i;

	o->ready_fd = -1;
	for (i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--help") == 0) {
			fputs(usage_text, stdout);
			exit(0);
		} else if (strcmp(argv[i], "--version") == 0) {
			printf("hershd %s\n", HERSH_VERSION);
			exit(0);
		} else if (strcmp(argv[i], "--foreground") == 0) {
			o->foreground = true;
		} else if (strcmp(argv[i], "--debug") == 0) {
			o->debug = true;
		} else if (strcmp(argv[i], "--no-sandbox") == 0) {
			o->no_sandbox = true;
		} else if (strncmp(argv[i], "--ready-fd=", 11) == 0) {
			o->ready_fd = atoi(argv[i] + 11);
			if (o->ready_fd < 3 ||
			    fcntl(o->ready_fd, F_GETFD) < 0) {
				o->ready_fd = -1;
			}
		} else {
			fprintf(stderr, "hershd: unknown option '%s'\n%s",
				argv[i], usage_text);
			exit(2);
		}
	}
}

/* Starts from a clean slate: default signals, no inherited fds. */
static void clean_process(int keep_fd)
{
	struct sigaction sa;
	sigset_t none;
	int sig, fd;

	umask(077);
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = SIG_DFL;
	for (sig = 1; sig < NSIG; sig++) {
		sigaction(sig, &sa, NULL);
	}
	sa.sa_handler = SIG_IGN;
	sigaction(SIGPIPE, &sa, NULL);
	sigemptyset(&none);
	sigprocmask(SIG_SETMASK, &none, NULL);
	for (fd = 3; fd < 1024; fd++) {
		if (fd != keep_fd) {
			close(fd);
		}
	}
}

static char *private_dir(enum paths_dir kind)
{
	struct buf err = BUF_INIT;
	char *dir = paths_ensure(kind, &err);

	if (dir == NULL) {
		die("%s", buf_str(&err));
	}
	buf_release(&err);
	return dir;
}

/* Takes the single-instance lock; exits quietly if another hershd has it. */
static void take_lock(struct daemon *d)
{
	char *path = xpath(d->runtime, PATHS_LOCK);
	int err;

	d->lock_fd = open(path, O_RDWR | O_CREAT | O_NOFOLLOW | O_CLOEXEC,
			  0600);
	err = errno;
	free(path);
	if (d->lock_fd < 0) {
		die("%s/%s: %s", d->runtime, PATHS_LOCK, strerror(err));
	}
	if (flock(d->lock_fd, LOCK_EX | LOCK_NB) == 0) {
		return;
	}
	if (errno != EWOULDBLOCK) {
		die("%s/%s: flock: %s", d->runtime, PATHS_LOCK,
		    strerror(errno));
	}
	if (d->opt.foreground) {
		fprintf(stderr, "hershd: already running\n");
	}
	if (d->opt.ready_fd >= 0) {
		(void)!write(d->opt.ready_fd, "R", 1);
	}
	free(d->runtime);
	free(d->state);
	free(d->data);
	exit(0);
}

/* Detaches from the terminal and the shell; stderr becomes the log. */
static void detach(struct daemon *d)
{
	char *log_path = xpath(d->state, PATHS_LOG);
	pid_t pid;
	int fd;

	pid = fork();
	if (pid < 0) {
		die("fork: %s", strerror(errno));
	}
	if (pid > 0) {
		_exit(0);
	}
	setsid();
	if (chdir("/") < 0) {
		die("chdir /: %s", strerror(errno));
	}
	fd = open("/dev/null", O_RDWR | O_CLOEXEC);
	if (fd >= 0) {
		dup2(fd, 0);
		dup2(fd, 1);
		close(fd);
	}
	fd = open(log_path, O_WRONLY | O_APPEND | O_CREAT | O_NOFOLLOW |
		  O_CLOEXEC, 0600);
	if (fd >= 0) {
		dup2(fd, 2);
		close(fd);
	}
	free(log_path);
}

/* The lock file holds the daemon's pid (for tests and tools). */
static void write_pid(struct daemon *d)
{
	char pid[24];
	int n = snprintf(pid, sizeof(pid), "%ld\n", (long)getpid());

	if (ftruncate(d->lock_fd, 0) < 0 ||
	    pwrite(d->lock_fd, pid, (size_t)n, 0) != n) {
		error_f("writing the pid to the lock file failed");
	}
}

static void on_signal(struct loop *l, int fd, unsigned events, void *data)
{
	struct signalfd_siginfo si;

	if (io_read(fd, &si, sizeof(si)) == (ssize_t)sizeof(si)) {
		info_f("signal %u: stopping", si.ssi_signo);
		loop_stop(l);
	}
}

/* The watchers' sinks: events go to the store unless recording is
 * paused. */
static void on_file(void *ctx, const struct watch_event *ev)
{
	struct daemon *d = ctx;
	struct store_file_event f;

	if (server_paused(d->srv)) {
		return;
	}
	memset(&f, 0, sizeof(f));
	f.time = ev->time;
	f.path = ev->path;
	f.op = watch_op_name(ev->op);
	f.to_path = ev->to_path;
	if (store_add_file_event(d->st, &f) < 0) {
		error_f("file event: %s", store_errmsg(d->st));
	}
}

static void on_mail(void *ctx, const struct mail_msg *m)
{
	struct daemon *d = ctx;
	struct store_mail sm;

	if (server_paused(d->srv)) {
		return;
	}
	memset(&sm, 0, sizeof(sm));
	sm.time = m->time;
	sm.from = m->from;
	sm.subject = m->subject;
	sm.mailbox = m->mailbox;
	sm.read = m->read;
	sm.ident = m->ident;
	/* a message already known keeps its row: take its read state */
	if (store_add_mail(d->st, &sm) == 0) {
		store_set_mail_read(d->st, m->ident, m->read);
	}
}

static void on_mail_read(void *ctx, const char *ident, bool read)
{
	struct daemon *d = ctx;

	if (!server_paused(d->srv)) {
		store_set_mail_read(d->st, ident, read);
	}
}

/* A group of watcher events goes into one transaction. */
static void on_batch(void *ctx, bool begin)
{
	struct daemon *d = ctx;

	if (begin && !store_in_transaction(d->st)) {
		store_begin(d->st);
	} else if (!begin && store_in_transaction(d->st)) {
		store_commit(d->st);
	}
}

static void on_cwd(void *ctx, const char *cwd)
{
	struct daemon *d = ctx;

	watch_learn_dir(d->watch, cwd);
}

static void on_status(void *ctx, struct buf *out)
{
	struct daemon *d = ctx;

	/* each status function writes its own "name: ..." line */
	buf_putc(out, '\n');
	watch_status(d->watch, out);
	buf_putc(out, '\n');
	mail_status(d->mail, out);
	if (d->worker != NULL) {
		buf_putc(out, '\n');
		worker_describe(d->worker, out);
	}
}

/* Landlock: what the locked-down daemon may still read (docs/sandbox.md):
 * its own files, the mail, and the names in the user's directories. */
static void grant_paths(struct daemon *d)
{
	const char *home = getenv("HOME"), *mail = getenv("MAIL");
	const char *mailpath = getenv("MAILPATH"), *p, *end;
	char *dir, *slash;

	sandbox_add_path(d->data, SANDBOX_WRITE);
	sandbox_add_path(d->runtime, SANDBOX_REMOVE);
	sandbox_add_path("/var/mail", SANDBOX_READ);
	if (home != NULL && home[0] == '/') {
		sandbox_add_path(home, SANDBOX_LIST);
		dir = xpath(home, "Maildir");
		sandbox_add_path(dir, SANDBOX_READ);
		free(dir);
	}
	for (p = mail; p != NULL && *p != '\0'; p = NULL) {
		dir = xstrdup(p);
		slash = strrchr(dir, '/');
		if (slash != NULL && slash != dir) {
			*slash = '\0';
			sandbox_add_path(dir, SANDBOX_READ);
		}
		free(dir);
	}
	for (p = mailpath; p != NULL && *p != '\0'; p = *end ? end + 1 : end) {
		end = strchr(p, ':');
		if (end == NULL) {
			end = p + strlen(p);
		}
		dir = xstrndup(p, (size_t)(end - p));
		slash = strrchr(dir, '/');
		if (slash != NULL && slash != dir) {
			*slash = '\0';
			sandbox_add_path(dir, SANDBOX_READ);
		}
		free(dir);
	}
}

/* 3. the watchers: files in the directories the user works in, mail. */
static void start_watchers(struct daemon *d)
{
	struct watch_sink ws = { on_file, on_batch, d };
	struct mail_sink ms = { on_mail, on_mail_read, on_batch, d };
	const char *home = getenv("HOME");

	d->watch = watch_new(d->loop, &ws);
	if (d->watch == NULL) {
		error_f("file watching is off: %s", strerror(errno));
	} else {
		if (home != NULL && home[0] == '/') {
			watch_set_home(d->watch, home);
		}
		/* never watch our own writes */
		watch_exclude(d->watch, d->runtime);
		watch_exclude(d->watch, d->state);
		watch_exclude(d->watch, d->data);
		server_set_cwd_hook(d->srv, on_cwd, d);
	}
	d->mail = mail_new(d->loop, &ms);
	if (d->mail == NULL) {
		error_f("mail watching is off: %s", strerror(errno));
	} else {
		mail_set_worker(d->mail, d->worker);
		mail_add_from_env(d->mail, getenv("MAIL"), getenv("MAILPATH"),
				  getenv("USER"), home);
	}
	server_set_status_hook(d->srv, on_status, d);
}

/*
 * The companion never slows the shell (DESIGN.md): the daemon runs as a
 * batch task, so a shell that wakes it with an event keeps its CPU
 * instead of being preempted by the store work that event causes.
 */
static void be_background(void)
{
	struct sched_param sp;

	memset(&sp, 0, sizeof(sp));
	if (sched_setscheduler(0, SCHED_BATCH, &sp) < 0) {
		info_f("SCHED_BATCH: %s", strerror(errno));
	}
	errno = 0;
	if (setpriority(PRIO_PROCESS, 0, 5) < 0 && errno != 0) {
		info_f("nice: %s", strerror(errno));
	}
}

static void setup(struct daemon *d)
{
	struct worker_limits lim;

	be_background();
	struct buf err = BUF_INIT;
	char *memory;
	sigset_t set;

	/* 0. the parser worker's zygote, forked before any private data is
	 * loaded (docs/sandbox.md) */
	mailparse_charset_preload();
	worker_register(WORKER_MAIL_HEADERS, mailparse_worker_parse);
	memset(&lim, 0, sizeof(lim));
	lim.no_sandbox = d->opt.no_sandbox;
	d->worker = worker_start(&lim);
	if (d->worker == NULL && !d->opt.no_sandbox) {
		die("cannot start the parser worker");
	}

	/* 1. the store */
	memory = xpath(d->data, PATHS_MEMORY);
	d->st = store_open(memory, &err);
	if (d->st == NULL) {
		die("memory: %s", buf_str(&err));
	}
	free(memory);
	buf_release(&err);

	/* 2. the socket and the loop */
	d->socket_path = xpath(d->runtime, PATHS_SOCKET);
	d->listen_fd = server_listen(d->socket_path);
	if (d->listen_fd < 0) {
		die("%s: %s", d->socket_path, strerror(errno));
	}
	d->loop = loop_new();
	if (d->loop == NULL) {
		die("event loop: %s", strerror(errno));
	}
	sigemptyset(&set);
	sigaddset(&set, SIGTERM);
	sigaddset(&set, SIGINT);
	sigaddset(&set, SIGHUP);
	sigprocmask(SIG_BLOCK, &set, NULL);
	d->signal_fd = signalfd(-1, &set, SFD_CLOEXEC | SFD_NONBLOCK);
	if (d->signal_fd < 0 ||
	    loop_add_fd(d->loop, d->signal_fd, LOOP_READ, on_signal,
			NULL) < 0) {
		die("signalfd: %s", strerror(errno));
	}
	d->srv = server_new(d->loop, d->st, d->listen_fd, (int64_t)time(NULL));
	if (d->srv == NULL) {
		die("server: out of memory");
	}

	/* the ask engine: read rules for the sandbox, the man-page index */
	if (ask_start(d->loop, d->st) < 0) {
		error_f("ask: the man-page index cannot start");
	}

	start_watchers(d);

	/* 4. lock down */
	grant_paths(d);
	if (d->opt.no_sandbox) {
		error_f("running WITHOUT the sandbox (--no-sandbox)");
	} else if (sandbox_apply() < 0) {
		die("cannot apply the sandbox; refusing to run "
		    "(--no-sandbox to override)");
	}
}

static void teardown(struct daemon *d)
{
	if (d->watch != NULL) {
		watch_flush(d->watch);
	}
	watch_free(d->watch);
	mail_free(d->mail);
	ask_stop();
	server_free(d->srv);
	loop_free(d->loop);
	close(d->signal_fd);
	close(d->listen_fd);
	unlink(d->socket_path);
	store_close(d->st);
	worker_stop(d->worker);
	close(d->lock_fd);
	free(d->socket_path);
	free(d->runtime);
	free(d->state);
	free(d->data);
}

int main(int argc, char **argv)
{
	struct daemon d;

	memset(&d, 0, sizeof(d));
	parse_options(argc, argv, &d.opt);
	if (sanitized_build) {
		d.opt.no_sandbox = true;
	}
	clean_process(d.opt.ready_fd);
	die_fd = d.opt.ready_fd;
	log_set_level(d.opt.debug ? LOG_DEBUG : LOG_INFO);
	d.runtime = private_dir(PATHS_RUNTIME);
	d.state = private_dir(PATHS_STATE);
	d.data = private_dir(PATHS_DATA);
	take_lock(&d);
	if (!d.opt.foreground) {
		detach(&d);
	}
	write_pid(&d);
	setup(&d);
	info_f("hershd %s listening on %s", HERSH_VERSION, d.socket_path);
	if (d.opt.ready_fd >= 0) {
		(void)!write(d.opt.ready_fd, "R", 1);
		close(d.opt.ready_fd);
		die_fd = -1;
	}
	if (loop_run(d.loop) < 0) {
		error_f("event loop: %s", strerror(errno));
	}
	info_f("stopped after %llu wakeups",
	       (unsigned long long)loop_wakeups(d.loop));
	teardown(&d);
	return 0;
}
