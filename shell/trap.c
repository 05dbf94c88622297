/*
 * trap.c - signal dispositions and trap actions (XCU 2.11, trap).
 *
 * A handler only sets a flag; trap_run_pending() runs the actions between
 * commands, so no shell code runs inside a signal handler.
 */
#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <hersh/xalloc.h>

#include "exec.h"
#include "jobs.h"
#include "shell.h"
#include "trap.h"

volatile sig_atomic_t trap_pending;
volatile sig_atomic_t trap_got_sigint;
volatile sig_atomic_t trap_got_sighup;
volatile sig_atomic_t trap_last_signal;
volatile sig_atomic_t trap_got_sigchld;
static volatile sig_atomic_t caught[NSIG];
/* signals the shell itself catches or ignores (not via trap) */
static bool shell_handles[NSIG];

static const struct {
	const char *name;
	int sig;
} signames[] = {
	{ "HUP", SIGHUP }, { "INT", SIGINT }, { "QUIT", SIGQUIT },
	{ "ILL", SIGILL }, { "TRAP", SIGTRAP }, { "ABRT", SIGABRT },
	{ "BUS", SIGBUS }, { "FPE", SIGFPE }, { "KILL", SIGKILL },
	{ "USR1", SIGUSR1 }, { "SEGV", SIGSEGV }, { "USR2", SIGUSR2 },
	{ "PIPE", SIGPIPE }, { "ALRM", SIGALRM }, { "TERM", SIGTERM },
	{ "STKFLT", SIGSTKFLT }, { "CHLD", SIGCHLD }, { "CONT", SIGCONT },
	{ "STOP", SIGSTOP }, { "TSTP", SIGTSTP }, { "TTIN", SIGTTIN },
	{ "TTOU", SIGTTOU }, { "URG", SIGURG }, { "XCPU", SIGXCPU },
	{ "XFSZ", SIGXFSZ }, { "VTALRM", SIGVTALRM }, { "PROF", SIGPROF },
	{ "WINCH", SIGWINCH }, { "IO", SIGIO }, { "PWR", SIGPWR },
	{ "SYS", SIGSYS },
};

static bool ignored_at_start(struct shell *sh, int sig);

static void on_signal(int sig)
{
	caught[sig] = 1;
	trap_pending = 1;
	trap_last_signal = sig;
	if (sig == SIGINT) {
		trap_got_sigint = 1;
	} else if (sig == SIGHUP) {
		trap_got_sighup = 1;
	}
}

static void set_disposition(int sig, void (*handler)(int))
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = handler;
	sigemptyset(&sa.sa_mask);
	sigaction(sig, &sa, NULL);
}

int trap_signum(const char *name)
{
	char *end;
	long n;
	size_t i;

	if (name[0] >= '0' && name[0] <= '9') {
		n = strtol(name, &end, 10);
		if (*end != '\0' || n < 0 || n >= NSIG) {
			return -1;
		}
		return (int)n;
	}
	if (strncasecmp(name, "SIG", 3) == 0) {
		name += 3;
	}
	if (strcasecmp(name, "EXIT") == 0) {
		return 0;
	}
	for (i = 0; i < sizeof(signames) / sizeof(signames[0]); i++) {
		if (strcasecmp(name, signames[i].name) == 0) {
			return signames[i].sig;
		}
	}
	return -1;
}

const char *trap_signame(int sig)
{
	size_t i;

	if (sig == 0) {
		return "EXIT";
	}
	for (i = 0; i < sizeof(signames) / sizeof(signames[0]); i++) {
		if (signames[i].sig == sig) {
			return signames[i].name;
		}
	}
	return NULL;
}

void trap_init(struct shell *sh)
{
	if (sh->interactive) {
		set_disposition(SIGINT, on_signal);
		set_disposition(SIGTERM, SIG_IGN);
		set_disposition(SIGQUIT, SIG_IGN);
		shell_handles[SIGINT] = true;
		shell_handles[SIGTERM] = true;
		shell_handles[SIGQUIT] = true;
		if (!ignored_at_start(sh, SIGHUP)) {
			set_disposition(SIGHUP, on_signal);
			shell_handles[SIGHUP] = true;
		}
	}
}

/*
 * Was sig ignored when the shell started?  Asked lazily, the first time
 * sig is trapped (a shell that never traps makes no sigaction calls): as
 * long as neither a trap nor the shell itself has touched sig, its
 * disposition is still the inherited one.
 */
static bool ignored_at_start(struct shell *sh, int sig)
{
	struct sigaction sa;

	if (!sh->trap_known[sig]) {
		sh->trap_known[sig] = true;
		if (!shell_handles[sig] && sh->traps[sig] == NULL &&
		    sigaction(sig, NULL, &sa) == 0 && sa.sa_handler == SIG_IGN) {
			sh->trap_ignored_at_start[sig] = true;
		}
	}
	return sh->trap_ignored_at_start[sig];
}

int trap_set(struct shell *sh, int sig, const char *action)
{
	if (sig < 0 || sig >= NSIG || sig == SIGKILL || sig == SIGSTOP) {
		return -1;
	}
	if (sig != 0 && !sh->interactive && ignored_at_start(sh, sig)) {
		/* XCU 2.11: signals ignored on entry can't be trapped */
		return 0;
	}
	free(sh->traps[sig]);
	sh->traps[sig] = action ? xstrdup(action) : NULL;
	if (sig == 0) {
		return 0;
	}
	if (action == NULL) {
		if (shell_handles[sig]) {
			set_disposition(sig, sig == SIGINT || sig == SIGHUP
					     ? on_signal : SIG_IGN);
		} else {
			set_disposition(sig, SIG_DFL);
		}
	} else if (action[0] == '\0') {
		set_disposition(sig, SIG_IGN);
	} else {
		set_disposition(sig, on_signal);
	}
	return 0;
}

void trap_run_pending(struct shell *sh)
{
	int sig, saved_status;
	enum shell_unwind saved_unwind;
	char *action;

	if (!trap_pending || sh->in_trap) {
		return;
	}
	trap_pending = 0;
	for (sig = 1; sig < NSIG; sig++) {
		if (!caught[sig]) {
			continue;
		}
		caught[sig] = 0;
		if (sig == SIGINT && sh->traps[sig] == NULL &&
		    sh->interactive && !sh->subshell) {
			/* Ctrl-C while the shell itself runs a loop: back to
			 * the prompt */
			trap_got_sigint = 0;
			sh->status = 128 + SIGINT;
			sh->unwind = UNWIND_EXIT;
			sh->unwind_count = -1;
			continue;
		}
		if (sig == SIGHUP && sh->traps[sig] == NULL &&
		    sh->interactive && !sh->subshell) {
			/* the terminal is gone: hang up the jobs and leave */
			jobs_hangup_all(sh);
			sh_exit(sh, 128 + SIGHUP);
		}
		if (sh->traps[sig] == NULL || sh->traps[sig][0] == '\0') {
			continue;
		}
		saved_status = sh->status;
		sh->trap_status = saved_status;
		sh->in_trap = true;
		action = xstrdup(sh->traps[sig]);
		exec_string(sh, action, strlen(action));
		free(action);
		sh->in_trap = false;
		saved_unwind = sh->unwind;
		if (saved_unwind != UNWIND_EXIT) {
			sh->status = saved_status;
		}
	}
}

void trap_run_exit(struct shell *sh)
{
	char *action = sh->traps[0];

	if (action == NULL) {
		return;
	}
	sh->traps[0] = NULL;
	if (action[0] != '\0') {
		int status = sh->status;

		sh->unwind = UNWIND_NONE;
		sh->trap_status = status;
		sh->in_trap = true;
		exec_string(sh, action, strlen(action));
		sh->in_trap = false;
		if (sh->unwind != UNWIND_EXIT) {
			sh->status = status;
		}
	}
	free(action);
}

void trap_reset_for_subshell(struct shell *sh)
{
	int sig;

	for (sig = 0; sig < NSIG; sig++) {
		if (sh->traps[sig] != NULL && sh->traps[sig][0] != '\0') {
			free(sh->traps[sig]);
			sh->traps[sig] = NULL;
			if (sig != 0) {
				set_disposition(sig, SIG_DFL);
			}
		} else if (sig != 0 && shell_handles[sig] &&
			   sh->traps[sig] == NULL) {
			/* what an interactive shell catches or ignores for
			 * itself does not apply to its subshells */
			set_disposition(sig, SIG_DFL);
		}
		if (sig != 0) {
			caught[sig] = 0;
			shell_handles[sig] = false;
		}
	}
	trap_pending = 0;
	trap_got_sigint = 0;
	trap_got_sighup = 0;
}

void trap_reset_for_exec(struct shell *sh)
{
	int sig;

	for (sig = 1; sig < NSIG; sig++) {
		if (shell_handles[sig] &&
		    (sh->traps[sig] == NULL || sh->traps[sig][0] != '\0')) {
			set_disposition(sig, SIG_DFL);
		} else if (sh->traps[sig] != NULL && sh->traps[sig][0] != '\0') {
			set_disposition(sig, SIG_DFL);
		}
	}
}

static void on_sigchld(int sig)
{
	trap_got_sigchld = 1;
}

void trap_watch_children(bool on)
{
	set_disposition(SIGCHLD, on ? on_sigchld : SIG_DFL);
}

void trap_shell_ignore(int sig)
{
	shell_handles[sig] = true;
	set_disposition(sig, SIG_IGN);
}

void trap_block(sigset_t *old)
{
	sigset_t all;

	sigfillset(&all);
	sigprocmask(SIG_BLOCK, &all, old);
}

void trap_unblock(const sigset_t *old)
{
	sigprocmask(SIG_SETMASK, old, NULL);
}

void trap_unblock_forked(const sigset_t *old, pid_t child)
{
	static const int fatal[] = { SIGHUP, SIGINT, SIGQUIT, SIGTERM };
	struct sigaction sa;
	sigset_t pending;
	size_t i;

	if (child > 0 && sigpending(&pending) == 0) {
		for (i = 0; i < sizeof(fatal) / sizeof(fatal[0]); i++) {
			if (sigismember(&pending, fatal[i]) &&
			    sigaction(fatal[i], NULL, &sa) == 0 &&
			    sa.sa_handler == SIG_DFL) {
				kill(child, fatal[i]);
			}
		}
	}
	sigprocmask(SIG_SETMASK, old, NULL);
}
