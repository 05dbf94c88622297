/*
 * shell.h - the state of one shell process.
 *
 * A subshell is a fork of this state: it is copied by the kernel and the
 * child marks itself with subshell = true.
 */
#ifndef HERSH_SHELL_H
#define HERSH_SHELL_H

#include <stdbool.h>
#include <stddef.h>
#include <signal.h>
#include <sys/types.h>

struct var_table;
struct func_table;
struct alias_table;
struct jobs;

/* set -o options (XCU 2.14 "set"); letters in option_letter[] */
enum shell_option {
	OPT_ALLEXPORT = 1 << 0,	/* -a */
	OPT_NOTIFY = 1 << 1,	/* -b */
	OPT_NOCLOBBER = 1 << 2,	/* -C */
	OPT_ERREXIT = 1 << 3,	/* -e */
	OPT_NOGLOB = 1 << 4,	/* -f */
	OPT_HASHALL = 1 << 5,	/* -h */
	OPT_INTERACTIVE = 1 << 6,	/* -i (read-only after start) */
	OPT_MONITOR = 1 << 7,	/* -m */
	OPT_NOEXEC = 1 << 8,	/* -n */
	OPT_STDIN = 1 << 9,	/* -s */
	OPT_NOUNSET = 1 << 10,	/* -u */
	OPT_VERBOSE = 1 << 11,	/* -v */
	OPT_XTRACE = 1 << 12,	/* -x */
	OPT_IGNOREEOF = 1 << 13,	/* -o ignoreeof */
	OPT_NOLOG = 1 << 14,	/* -o nolog */
	OPT_VI = 1 << 15,	/* -o vi */
	OPT_EMACS = 1 << 16,	/* -o emacs */
	OPT_PIPEFAIL = 1 << 17,	/* -o pipefail */
	OPT_LOGIN = 1 << 18,	/* -l (shown in $-? no) */
};

struct shell_optname {
	const char *name;	/* long name for set -o */
	char letter;		/* short letter or 0 */
	unsigned flag;
};
extern const struct shell_optname shell_options[];

/* why the executor is unwinding (break/continue/return/exit) */
enum shell_unwind {
	UNWIND_NONE,
	UNWIND_BREAK,
	UNWIND_CONTINUE,
	UNWIND_RETURN,
	UNWIND_EXIT,	/* exit builtin, fatal error in a non-interactive
			 * shell, or a special builtin error */
};

struct shell {
	unsigned options;	/* enum shell_option bits */
	int status;		/* $? */
	pid_t pid;		/* $$ (the top shell's pid, also in subshells) */
	pid_t last_bg;		/* $! (0 = none yet) */
	char *arg0;		/* $0 (owned) */
	int argc;		/* $# */
	char **argv;		/* $1..$n (owned, NULL-terminated) */

	struct var_table *vars;
	struct func_table *funcs;
	struct alias_table *aliases;
	struct jobs *jobs;
	char *traps[NSIG];	/* trap actions; traps[0] is EXIT; NULL = default,
				 * "" = ignore */
	bool trap_ignored_at_start[NSIG];	/* ignored on entry: can't trap */
	bool trap_known[NSIG];	/* trap_ignored_at_start[] asked for it */

	/* unwinding state: set by break/continue/return/exit, consumed by
	 * the loop/function/top level that ends it */
	enum shell_unwind unwind;
	int unwind_count;	/* levels left for break/continue */
	int loop_depth;		/* loops we are inside (in this function) */
	int func_depth;		/* function calls in progress */
	int dot_depth;		/* `.` scripts in progress */
	int eval_depth;		/* nested evals/cmdsubs, to bound recursion */

	/* set -e suppression: > 0 while running the condition of if/while/
	 * until, a command before && or ||, or a pipeline under ! */
	int errexit_suppressed;

	int lineno;		/* $LINENO of the command being run */
	const char *script;	/* script name for messages, or NULL */
	bool interactive;
	bool login;
	bool subshell;		/* we are a forked subshell */
	bool in_trap;		/* running a trap action */
	int trap_status;	/* $? when the running trap started */
	int fatal_suppressed;	/* > 0: `command` took away a special
				 * builtin's power to end the shell */
	int cmdsub_status;	/* status of the last command substitution */
	unsigned cmd_serial;	/* top-level commands read so far */
	unsigned exit_warned;	/* cmd_serial when exit warned of stopped
				 * jobs (a second exit right after exits) */
	bool cmdsub_ran;	/* a command substitution ran in this command */
};

/* The one shell of this process. */
extern struct shell *shell_main;

/*
 * Prints "hersh: LINE: message" (script: "NAME: LINE: message") on stderr,
 * in one write.  NAME is $0 as dash does.
 */
void sh_error(struct shell *sh, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* Same, with no line number (startup and usage errors). */
void sh_warn(struct shell *sh, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/*
 * A fatal error for the current command (XCU 2.8.1): in a non-interactive
 * shell the shell exits with status; in an interactive shell the command
 * is abandoned.  Sets sh->unwind = UNWIND_EXIT (non-interactive) and
 * sh->status.  Callers return -1 after calling it.
 */
void sh_fatal(struct shell *sh, int status);

/* Runs the EXIT trap (once), flushes and leaves with status. */
__attribute__((noreturn)) void sh_exit(struct shell *sh, int status);

/* $- as a string in a static buffer. */
const char *sh_dollar_minus(struct shell *sh);

/* Appends s to b quoted for reuse as shell input ('...' as dash does). */
struct buf;
void sh_quote(struct buf *b, const char *s);

/* Sets or clears option bits, keeping derived state (vi/emacs, monitor) */
void sh_set_option(struct shell *sh, unsigned flag, bool on);

#endif
