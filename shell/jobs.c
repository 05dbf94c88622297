/*
 * jobs.c - child processes, the job table, waiting, and job control
 * (process groups and the terminal) when set -m is on.
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <termios.h>
#include <unistd.h>

#include <hersh/io.h>
#include <hersh/xalloc.h>

#include "companion.h"
#include "jobs.h"
#include "output.h"
#include "shell.h"
#include "trap.h"

/* finished background jobs kept for `wait` before the oldest are dropped */
#define JOBS_KEEP_DONE 1000

enum job_state {
	JOB_RUNNING,
	JOB_STOPPED,
	JOB_DONE,
};

struct proc {
	pid_t pid;
	int wstatus;		/* from waitpid */
	bool done;
	bool stopped;
};

struct job {
	int id;			/* %n */
	pid_t pgid;		/* process group (job control) or first pid */
	struct proc *procs;
	size_t nprocs;
	size_t cap;
	bool background;
	bool started;		/* jobs_background() or waited in fg */
	bool notify;		/* state changed, not reported yet */
	bool waited;		/* status consumed by wait or fg */
	enum job_state state;
	char *text;
	struct termios tmodes;	/* terminal modes when it stopped */
	bool have_tmodes;
	struct job *next;
};

struct jobs {
	struct job *list;	/* newest first */
	struct job *current;	/* %+ */
	struct job *previous;	/* %- */
	int ttyfd;		/* the controlling terminal, or -1 */
	pid_t shell_pgid;
	struct termios shell_tmodes;
	size_t ndone;
};

struct jobs *jobs_table_new(void)
{
	struct jobs *t = xcalloc(1, sizeof(*t));

	t->ttyfd = -1;
	return t;
}

static void job_free(struct job *j)
{
	free(j->procs);
	free(j->text);
	free(j);
}

static void job_unlink(struct jobs *t, struct job *j)
{
	struct job **pp;

	for (pp = &t->list; *pp != NULL; pp = &(*pp)->next) {
		if (*pp == j) {
			*pp = j->next;
			break;
		}
	}
	if (t->current == j) {
		t->current = t->previous;
		t->previous = NULL;
	}
	if (t->previous == j) {
		t->previous = NULL;
	}
	if (t->current == NULL || t->previous == NULL) {
		struct job *k;

		for (k = t->list; k != NULL; k = k->next) {
			if (k->state == JOB_DONE || k == t->current) {
				continue;
			}
			if (t->current == NULL) {
				t->current = k;
			} else if (t->previous == NULL) {
				t->previous = k;
				break;
			}
		}
	}
	if (j->state == JOB_DONE && j->background && t->ndone > 0) {
		t->ndone--;
	}
	job_free(j);
}

void jobs_table_free(struct jobs *t)
{
	struct job *j, *next;

	if (t == NULL) {
		return;
	}
	for (j = t->list; j != NULL; j = next) {
		next = j->next;
		job_free(j);
	}
	if (t->ttyfd >= 0) {
		close(t->ttyfd);
	}
	free(t);
}

struct job *jobs_new(struct shell *sh, const char *text, bool background)
{
	struct jobs *t = sh->jobs;
	struct job *j = xcalloc(1, sizeof(*j)), *k;
	int id = 1;

	for (k = t->list; k != NULL; k = k->next) {
		if (k->id >= id) {
			id = k->id + 1;
		}
	}
	j->id = id;
	j->background = background;
	j->text = text ? xstrdup(text) : NULL;
	j->next = t->list;
	t->list = j;
	return j;
}

static bool job_control(struct shell *sh)
{
	return (sh->options & OPT_MONITOR) && sh->jobs->ttyfd >= 0 &&
	       !sh->subshell;
}

/* Adds a started process to job (the first one leads its group). */
static void add_proc(struct job *job, pid_t pid, bool control)
{
	if (job->nprocs == job->cap) {
		job->cap = job->cap ? job->cap * 2 : 2;
		job->procs = xreallocarray(job->procs, job->cap,
					   sizeof(*job->procs));
	}
	if (job->nprocs == 0) {
		job->pgid = pid;
	}
	if (control) {
		/* also in the child: whichever runs first */
		setpgid(pid, job->pgid);
	}
	memset(&job->procs[job->nprocs], 0, sizeof(job->procs[0]));
	job->procs[job->nprocs++].pid = pid;
}

/*
 * In a new child (fork or vfork: system calls only): join the job's
 * process group (pgid 0 = lead a new one) and, in the foreground, take
 * the terminal.  The caller has SIGTTOU blocked, so this can't stop it.
 */
static void child_join_job(pid_t pgid, int ttyfd, bool background)
{
	setpgid(0, pgid);
	if (!background) {
		tcsetpgrp(ttyfd, pgid ? pgid : getpid());
	}
}

/*
 * XCU 2.11: without job control an asynchronous list ignores SIGINT and
 * SIGQUIT and reads /dev/null.  System calls only (vfork-safe).
 */
static void child_async_defaults(void)
{
	int fd;

	signal(SIGINT, SIG_IGN);
	signal(SIGQUIT, SIG_IGN);
	fd = open("/dev/null", O_RDONLY);
	if (fd > 0) {
		dup2(fd, 0);
		close(fd);
	}
}

pid_t jobs_fork(struct shell *sh, struct job *job)
{
	bool control = job_control(sh), background = job->background;
	pid_t pgid = job->nprocs ? job->pgid : 0;
	sigset_t old;
	pid_t pid;

	out_flush();
	/* no signal may reach the child before its dispositions are its
	 * own: block them all across the fork */
	trap_block(&old);
	pid = fork();
	if (pid < 0) {
		trap_unblock(&old);
		sh_error(sh, "Cannot fork");
		return -1;
	}
	if (pid == 0) {
		if (control) {
			child_join_job(pgid, sh->jobs->ttyfd, background);
		}
		sh->subshell = true;
		trap_reset_for_subshell(sh);
		jobs_forget_all(sh);	/* frees job */
		job = NULL;
		if (background && !control) {
			child_async_defaults();
		}
		sh->options &= ~OPT_MONITOR;
		trap_unblock(&old);
		return 0;
	}
	trap_unblock_forked(&old, pid);
	add_proc(job, pid, control);
	return pid;
}

/* errno of a failed execve in a vfork child (vfork shares memory) */
static volatile int spawn_errno;

/* What the vfork child of jobs_spawn() needs, prepared by the parent. */
struct spawn_args {
	struct shell *sh;
	const char *path;
	char **argv;
	char **envp;
	const sigset_t *mask;	/* the mask to restore before exec */
	pid_t pgid;		/* 0: lead a new group */
	int ttyfd;
	bool control;
	bool background;
};

/* The vfork child: only system calls, since the memory is the parent's. */
__attribute__((noreturn)) static void spawn_child(const struct spawn_args *a)
{
	if (a->control) {
		child_join_job(a->pgid, a->ttyfd, a->background);
	}
	trap_reset_for_exec(a->sh);
	if (a->background && !a->control) {
		child_async_defaults();
	}
	sigprocmask(SIG_SETMASK, a->mask, NULL);
	execve(a->path, a->argv, a->envp);
	spawn_errno = errno;
	_exit(127);
}

pid_t jobs_spawn(struct shell *sh, struct job *job, const char *path,
		 char **argv, char **envp, int *exec_errno)
{
	struct spawn_args a;
	sigset_t old;
	pid_t pid;

	out_flush();
	a.sh = sh;
	a.path = path;
	a.argv = argv;
	a.envp = envp;
	a.mask = &old;
	a.pgid = job->nprocs ? job->pgid : 0;
	a.ttyfd = sh->jobs->ttyfd;
	a.control = job_control(sh);
	a.background = job->background;
	spawn_errno = 0;
	trap_block(&old);
	pid = vfork();
	if (pid == 0) {
		spawn_child(&a);
	}
	trap_unblock_forked(&old, pid);
	if (pid < 0) {
		sh_error(sh, "Cannot fork");
		return -1;
	}
	add_proc(job, pid, job_control(sh));
	*exec_errno = spawn_errno;
	return pid;
}

/* Records a waitpid result in whatever job the pid belongs to. */
static void record(struct shell *sh, pid_t pid, int wstatus)
{
	struct job *j;
	size_t i;
	bool all_done, any_stopped, all_stopped;

	for (j = sh->jobs->list; j != NULL; j = j->next) {
		for (i = 0; i < j->nprocs; i++) {
			if (j->procs[i].pid == pid) {
				goto found;
			}
		}
	}
	return;
found:
	j->procs[i].wstatus = wstatus;
	if (WIFSTOPPED(wstatus)) {
		j->procs[i].stopped = true;
	} else if (WIFCONTINUED(wstatus)) {
		j->procs[i].stopped = false;
	} else {
		j->procs[i].done = true;
		j->procs[i].stopped = false;
	}
	all_done = true;
	any_stopped = false;
	all_stopped = true;
	for (i = 0; i < j->nprocs; i++) {
		all_done = all_done && j->procs[i].done;
		any_stopped = any_stopped || j->procs[i].stopped;
		all_stopped = all_stopped &&
			      (j->procs[i].done || j->procs[i].stopped);
	}
	/* a pipeline is stopped when every member still alive is */
	any_stopped = any_stopped && all_stopped;
	if (all_done) {
		if (j->state != JOB_DONE) {
			j->notify = true;
			if (j->background) {
				sh->jobs->ndone++;
			}
		}
		j->state = JOB_DONE;
	} else if (any_stopped) {
		if (j->state != JOB_STOPPED) {
			j->notify = true;
		}
		j->state = JOB_STOPPED;
	} else {
		j->state = JOB_RUNNING;
	}
}

int jobs_status_code(int wstatus)
{
	if (WIFEXITED(wstatus)) {
		return WEXITSTATUS(wstatus);
	}
	if (WIFSIGNALED(wstatus)) {
		return 128 + WTERMSIG(wstatus);
	}
	if (WIFSTOPPED(wstatus)) {
		return 128 + WSTOPSIG(wstatus);
	}
	return 0;
}

static int job_status(struct shell *sh, struct job *j)
{
	int status = jobs_status_code(j->procs[j->nprocs - 1].wstatus);
	size_t i;

	if (sh->options & OPT_PIPEFAIL) {
		for (i = 0; i < j->nprocs; i++) {
			int s = jobs_status_code(j->procs[i].wstatus);

			if (s != 0) {
				status = s;
			}
		}
	}
	return status;
}

/* Waits for one child; blocking unless nohang.  1 = reaped, 0 = none,
 * -1 = interrupted (EINTR) or no children. */
static int wait_one(struct shell *sh, bool nohang)
{
	int wstatus, flags = WUNTRACED | WCONTINUED;
	pid_t pid;

	if (nohang) {
		flags |= WNOHANG;
	}
	pid = waitpid(-1, &wstatus, flags);
	if (pid < 0) {
		return -1;
	}
	if (pid == 0) {
		return 0;
	}
	record(sh, pid, wstatus);
	return 1;
}

static void prune_done(struct shell *sh)
{
	struct job *j, *oldest;

	while (sh->jobs->ndone > JOBS_KEEP_DONE) {
		oldest = NULL;
		for (j = sh->jobs->list; j != NULL; j = j->next) {
			if (j->state == JOB_DONE && j->background) {
				oldest = j;
			}
		}
		if (oldest == NULL) {
			break;
		}
		job_unlink(sh->jobs, oldest);
	}
}

void jobs_reap(struct shell *sh)
{
	while (wait_one(sh, true) > 0) {
	}
	prune_done(sh);
}

static void print_job(struct shell *sh, struct job *j, int mode)
{
	char state[64];
	char mark = ' ';
	int wstatus = j->procs[j->nprocs - 1].wstatus;

	if (mode == 'p') {
		out_printf("%d\n", (int)j->pgid);
		return;
	}
	if (j == sh->jobs->current) {
		mark = '+';
	} else if (j == sh->jobs->previous) {
		mark = '-';
	}
	if (j->state == JOB_STOPPED) {
		snprintf(state, sizeof(state), "Stopped");
	} else if (j->state == JOB_RUNNING) {
		snprintf(state, sizeof(state), "Running");
	} else if (WIFSIGNALED(wstatus)) {
		snprintf(state, sizeof(state), "%s%s",
			 strsignal(WTERMSIG(wstatus)),
			 WCOREDUMP(wstatus) ? " (core dumped)" : "");
	} else if (job_status(sh, j) != 0) {
		snprintf(state, sizeof(state), "Done(%d)", job_status(sh, j));
	} else {
		snprintf(state, sizeof(state), "Done");
	}
	if (mode == 'l') {
		out_printf("[%d]%c %d %-24s%s\n", j->id, mark, (int)j->pgid,
			   state, j->text ? j->text : "");
	} else {
		out_printf("[%d]%c %-24s%s\n", j->id, mark, state,
			   j->text ? j->text : "");
	}
}

void jobs_notify(struct shell *sh)
{
	struct job *j, *next;

	jobs_reap(sh);
	for (j = sh->jobs->list; j != NULL; j = next) {
		next = j->next;
		if (!j->notify || !j->background) {
			continue;
		}
		j->notify = false;
		print_job(sh, j, 0);
		if (j->state == JOB_DONE) {
			job_unlink(sh->jobs, j);
		}
	}
	out_flush();
}

static void set_current(struct jobs *t, struct job *j)
{
	if (t->current != j) {
		t->previous = t->current;
		t->current = j;
	}
}

int jobs_wait_fg(struct shell *sh, struct job *job)
{
	struct jobs *t = sh->jobs;
	bool control = job_control(sh);
	size_t i;
	int status;

	job->started = true;
	for (i = job->nprocs; i-- > 0;) {
		if (!job->procs[i].done) {
			/* the companion hears of it if it takes a while */
			companion_before_wait(job->procs[i].pid);
			break;
		}
	}
	while (job->state == JOB_RUNNING) {
		if (wait_one(sh, false) < 0) {
			if (errno == EINTR) {
				continue;
			}
			break;
		}
	}
	if (control) {
		if (job->state == JOB_STOPPED) {
			job->have_tmodes =
				tcgetattr(t->ttyfd, &job->tmodes) == 0;
		}
		tcsetpgrp(t->ttyfd, t->shell_pgid);
		tcsetattr(t->ttyfd, TCSADRAIN, &t->shell_tmodes);
	}
	status = job_status(sh, job);
	if (job->state == JOB_STOPPED) {
		job->background = true;
		job->notify = false;
		set_current(t, job);
		out_putc('\n');
		print_job(sh, job, 0);
		out_flush();
		return status;
	}
	if (control && WIFSIGNALED(job->procs[job->nprocs - 1].wstatus)) {
		int sig = WTERMSIG(job->procs[job->nprocs - 1].wstatus);

		if (sig == SIGINT) {
			out_putc('\n');
		} else if (sig != SIGPIPE) {
			out_printf("%s%s\n", strsignal(sig),
				   WCOREDUMP(job->procs[job->nprocs - 1]
						     .wstatus) ? " (core dumped)"
							       : "");
		}
		out_flush();
	}
	job_unlink(t, job);
	return status;
}

void jobs_background(struct shell *sh, struct job *job)
{
	job->started = true;
	sh->last_bg = job->procs[job->nprocs - 1].pid;
	set_current(sh->jobs, job);
	if (sh->interactive && job_control(sh)) {
		err_printf("[%d] %d\n", job->id, (int)job->procs[job->nprocs - 1].pid);
	}
}

void jobs_discard(struct shell *sh, struct job *job)
{
	job_unlink(sh->jobs, job);
}

static struct job *find_pid(struct shell *sh, pid_t pid)
{
	struct job *j;
	size_t i;

	for (j = sh->jobs->list; j != NULL; j = j->next) {
		for (i = 0; i < j->nprocs; i++) {
			if (j->procs[i].pid == pid) {
				return j;
			}
		}
	}
	return NULL;
}

static struct job *find_spec(struct shell *sh, const char *spec)
{
	struct jobs *t = sh->jobs;
	struct job *j, *found = NULL;
	char *end;
	long n;

	if (spec[0] != '%') {
		return NULL;
	}
	spec++;
	if (*spec == '\0' || strcmp(spec, "%") == 0 || strcmp(spec, "+") == 0) {
		return t->current;
	}
	if (strcmp(spec, "-") == 0) {
		return t->previous;
	}
	if (*spec >= '0' && *spec <= '9') {
		n = strtol(spec, &end, 10);
		for (j = t->list; j != NULL && *end == '\0'; j = j->next) {
			if (j->id == n) {
				return j;
			}
		}
		return NULL;
	}
	for (j = t->list; j != NULL; j = j->next) {
		if (j->text == NULL) {
			continue;
		}
		if (spec[0] == '?' ? strstr(j->text, spec + 1) != NULL
				   : strncmp(j->text, spec, strlen(spec)) == 0) {
			if (found != NULL) {
				return NULL;
			}
			found = j;
		}
	}
	return found;
}

int jobs_spec_pid(struct shell *sh, const char *spec, pid_t *pid)
{
	struct job *j;

	if (spec[0] == '%') {
		j = find_spec(sh, spec);
		if (j == NULL) {
			sh_error(sh, "%s: no such job", spec);
			return -1;
		}
		*pid = job_control(sh) ? -j->pgid : j->procs[0].pid;
		if (!job_control(sh) && j->nprocs == 1) {
			*pid = j->procs[0].pid;
		}
		return 0;
	}
	*pid = (pid_t)strtol(spec, NULL, 10);
	return 0;
}

/* Waits until j is done (or stopped); -1 if a trapped signal came. */
static int wait_job_done(struct shell *sh, struct job *j)
{
	while (j->state == JOB_RUNNING) {
		if (trap_pending) {
			return -1;
		}
		if (wait_one(sh, false) < 0) {
			if (errno == EINTR) {
				if (trap_pending) {
					return -1;
				}
				continue;
			}
			break;
		}
	}
	return 0;
}

/* wait interrupted by a trapped signal returns 128+n (XCU wait) */
static int pending_signal_status(void)
{
	return 128 + (trap_last_signal ? trap_last_signal : SIGINT);
}

int jobs_wait_all(struct shell *sh)
{
	struct job *j, *next;

	for (;;) {
		bool any = false;

		for (j = sh->jobs->list; j != NULL; j = j->next) {
			if (j->background && j->state == JOB_RUNNING) {
				any = true;
			}
		}
		if (!any) {
			break;
		}
		if (trap_pending) {
			return pending_signal_status();
		}
		if (wait_one(sh, false) < 0 && errno != EINTR) {
			break;
		}
		if (trap_pending) {
			return pending_signal_status();
		}
	}
	for (j = sh->jobs->list; j != NULL; j = next) {
		next = j->next;
		if (j->background && j->state == JOB_DONE &&
		    !(sh->interactive && j->notify)) {
			job_unlink(sh->jobs, j);
		}
	}
	return 0;
}

int jobs_wait_one(struct shell *sh, const char *spec)
{
	struct job *j;
	int status;

	if (spec[0] == '%') {
		j = find_spec(sh, spec);
		if (j == NULL) {
			sh_error(sh, "wait: %s: no such job", spec);
			return 127;
		}
	} else {
		j = find_pid(sh, (pid_t)strtol(spec, NULL, 10));
		if (j == NULL) {
			return 127;
		}
	}
	if (wait_job_done(sh, j) < 0) {
		return pending_signal_status();
	}
	status = job_status(sh, j);
	if (j->state == JOB_DONE) {
		job_unlink(sh->jobs, j);
	}
	return status;
}

void jobs_forget_all(struct shell *sh)
{
	struct job *j, *next;

	for (j = sh->jobs->list; j != NULL; j = next) {
		next = j->next;
		job_free(j);
	}
	sh->jobs->list = NULL;
	sh->jobs->current = sh->jobs->previous = NULL;
	sh->jobs->ndone = 0;
	if (sh->jobs->ttyfd >= 0) {
		close(sh->jobs->ttyfd);
		sh->jobs->ttyfd = -1;
	}
}

bool jobs_have_stopped(struct shell *sh)
{
	struct job *j;

	for (j = sh->jobs->list; j != NULL; j = j->next) {
		if (j->state == JOB_STOPPED) {
			return true;
		}
	}
	return false;
}

void jobs_hangup_all(struct shell *sh)
{
	struct job *j;

	for (j = sh->jobs->list; j != NULL; j = j->next) {
		if (j->state == JOB_DONE) {
			continue;
		}
		if (job_control(sh)) {
			killpg(j->pgid, SIGHUP);
			killpg(j->pgid, SIGCONT);
		} else {
			kill(j->procs[0].pid, SIGHUP);
		}
	}
}

int jobs_control_init(struct shell *sh)
{
	struct jobs *t = sh->jobs;
	pid_t pgrp;
	int fd;

	fd = open("/dev/tty", O_RDWR | O_CLOEXEC);
	if (fd < 0) {
		return -1;
	}
	fd = io_move_high(fd);
	if (fd < 0) {
		return -1;
	}
	while ((pgrp = tcgetpgrp(fd)) >= 0 && pgrp != getpgrp()) {
		kill(0, SIGTTIN);
	}
	if (pgrp < 0) {
		close(fd);
		return -1;
	}
	trap_shell_ignore(SIGTSTP);
	trap_shell_ignore(SIGTTIN);
	trap_shell_ignore(SIGTTOU);
	if (getpid() != getpgrp()) {
		setpgid(0, 0);
	}
	t->shell_pgid = getpgrp();
	tcsetpgrp(fd, t->shell_pgid);
	tcgetattr(fd, &t->shell_tmodes);
	t->ttyfd = fd;
	return 0;
}

int jobs_print(struct shell *sh, const char *spec, int mode)
{
	struct job *j, *next;

	jobs_reap(sh);
	if (spec != NULL) {
		j = find_spec(sh, spec);
		if (j == NULL) {
			sh_error(sh, "jobs: %s: no such job", spec);
			return 1;
		}
		print_job(sh, j, mode);
		j->notify = false;
		return 0;
	}
	for (j = sh->jobs->list; j != NULL; j = next) {
		next = j->next;
		if (!j->background) {
			continue;
		}
		print_job(sh, j, mode);
		j->notify = false;
		if (j->state == JOB_DONE) {
			job_unlink(sh->jobs, j);
		}
	}
	return 0;
}

int jobs_continue(struct shell *sh, const char *spec, bool foreground)
{
	struct jobs *t = sh->jobs;
	struct job *j;
	size_t i;

	if (!job_control(sh)) {
		sh_error(sh, "%s: No job control", foreground ? "fg" : "bg");
		return 2;
	}
	j = spec ? find_spec(sh, spec) : t->current;
	if (j == NULL || j->state == JOB_DONE) {
		sh_error(sh, "%s: %s: no such job", foreground ? "fg" : "bg",
			 spec ? spec : "%+");
		return 2;
	}
	for (i = 0; i < j->nprocs; i++) {
		j->procs[i].stopped = false;
	}
	j->state = JOB_RUNNING;
	set_current(t, j);
	if (foreground) {
		out_printf("%s\n", j->text ? j->text : "");
		out_flush();
		j->background = false;
		tcsetpgrp(t->ttyfd, j->pgid);
		if (j->have_tmodes) {
			tcsetattr(t->ttyfd, TCSADRAIN, &j->tmodes);
		}
		killpg(j->pgid, SIGCONT);
		return jobs_wait_fg(sh, j);
	}
	out_printf("[%d] %s &\n", j->id, j->text ? j->text : "");
	killpg(j->pgid, SIGCONT);
	return 0;
}
