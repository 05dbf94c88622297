/*
 * jobs.h - child processes, jobs, waiting and (with set -m) process groups
 * and the terminal (XCU 2.9.3 asynchronous lists, 2.11 job control).
 */
#ifndef HERSH_JOBS_H
#define HERSH_JOBS_H

#include <stdbool.h>
#include <sys/types.h>

struct shell;
struct job;

/*
 * A job is created for each pipeline or asynchronous list the shell forks
 * for.  Life cycle: jobs_new() -> jobs_fork() once per process ->
 * jobs_wait() (foreground) or left to run (background) -> reaped and
 * reported -> freed by the table.
 */
struct jobs *jobs_table_new(void);
void jobs_table_free(struct jobs *t);

/* A new job; text is the command shown by `jobs` (copied). */
struct job *jobs_new(struct shell *sh, const char *text, bool background);

/*
 * Forks one process of job.  Returns the pid in the parent, 0 in the child
 * (which has been put in the job's process group and, for a foreground job
 * with job control, given the terminal; and whose traps are reset for a
 * subshell), -1 on failure (message printed).
 */
pid_t jobs_fork(struct shell *sh, struct job *job);

/*
 * The fast path for a simple command that needs nothing in the child but
 * its process group, default signals and exec: starts path with vfork and
 * adds the process to job.  Returns the pid (the child has already exec'd
 * or failed: then *exec_errno is set and the child exits 127 at once, so
 * the caller can reap it and fall back), or -1 when vfork failed.
 */
pid_t jobs_spawn(struct shell *sh, struct job *job, const char *path,
		 char **argv, char **envp, int *exec_errno);

/*
 * Waits for a foreground job to finish or stop.  Returns the status of
 * the last process (128+n for a signal), or the pipefail status.  Takes the
 * terminal back when job control is on.  The job is freed unless stopped.
 */
int jobs_wait_fg(struct shell *sh, struct job *job);
/* Marks the job as started in the background: $! = last pid. */
void jobs_background(struct shell *sh, struct job *job);
/* Drops a job that never started (fork failed). */
void jobs_discard(struct shell *sh, struct job *job);

/* Reaps finished children without blocking; records their statuses. */
void jobs_reap(struct shell *sh);
/* Prints "[1]+ Done  cmd" lines for changed jobs (interactive). */
void jobs_notify(struct shell *sh);
/*
 * `wait` for all background jobs (returns 0, or 128+SIGNAL when a trapped
 * signal interrupts) or for one (pid or %job; 127 when unknown).
 */
int jobs_wait_all(struct shell *sh);
int jobs_wait_one(struct shell *sh, const char *spec);
/*
 * Resolves a job spec (%n %+ %- %% %str %?str) or a pid to a process
 * group id (job control) or pid.  Returns 0 or -1 after printing an error.
 */
int jobs_spec_pid(struct shell *sh, const char *spec, pid_t *pid);
/* In a subshell: forget the parent's jobs (they aren't our children). */
void jobs_forget_all(struct shell *sh);
/* Are there stopped jobs (for the exit warning)? */
bool jobs_have_stopped(struct shell *sh);
/* Sends SIGHUP (and SIGCONT) to all jobs (on exit of a login shell). */
void jobs_hangup_all(struct shell *sh);
/* Job control: claim the terminal and our own process group at start. */
int jobs_control_init(struct shell *sh);

/* `jobs`: prints one job (spec) or all; mode 'l' adds pids, 'p' prints
 * only process group ids, 0 the usual lines.  Returns the status. */
int jobs_print(struct shell *sh, const char *spec, int mode);
/* `fg` / `bg`: continues the job (spec NULL = current).  Returns the
 * status (for fg, the job's status when it finishes or stops). */
int jobs_continue(struct shell *sh, const char *spec, bool foreground);

/* decoded exit status of a wait(2) status: code, or 128+signal */
int jobs_status_code(int wstatus);

#endif
