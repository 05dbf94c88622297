/*
 * trap.h - signal dispositions and trap actions (XCU 2.11, 2.14 trap).
 *
 * Handlers only record that a signal arrived; the actions run between
 * commands, from trap_run_pending().
 */
#ifndef HERSH_TRAP_H
#define HERSH_TRAP_H

#include <signal.h>
#include <stdbool.h>

struct shell;

/* a signal arrived and its trap has not run yet */
extern volatile sig_atomic_t trap_pending;
/* SIGINT arrived (interactive shells and `wait` watch this) */
extern volatile sig_atomic_t trap_got_sigint;
/* the number of the last signal that arrived (for 128+n statuses) */
extern volatile sig_atomic_t trap_last_signal;
/* SIGHUP arrived at an interactive shell */
extern volatile sig_atomic_t trap_got_sighup;

/* At startup: notes signals ignored on entry and sets the shell's own
 * dispositions (interactive: ignore SIGTERM, SIGQUIT; catch SIGINT and
 * SIGHUP). */
void trap_init(struct shell *sh);
/* Sets the action for sig (0 = EXIT).  action NULL = default, "" = ignore.
 * Returns 0 or -1 for a signal that can't be trapped. */
int trap_set(struct shell *sh, int sig, const char *action);
/* Runs the actions of the signals that arrived.  Keeps $?. */
void trap_run_pending(struct shell *sh);
/* In a new subshell: trapped signals go back to default (ignored stay
 * ignored), the EXIT trap is cleared. */
void trap_reset_for_subshell(struct shell *sh);
/* In a child about to exec: restore default dispositions for signals the
 * shell caught for itself. */
void trap_reset_for_exec(struct shell *sh);
/* Signal number for a name ("INT", "SIGINT", "2", "EXIT" = 0), or -1. */
int trap_signum(const char *name);
/* Name without SIG ("INT"), or NULL for an unknown number. 0 = "EXIT". */
const char *trap_signame(int sig);
/* Runs and clears the EXIT trap. */
void trap_run_exit(struct shell *sh);
/* set -b: while the editor waits for a key, a child's change of state
 * interrupts the read (trap_got_sigchld) so it can be reported at once. */
extern volatile sig_atomic_t trap_got_sigchld;
void trap_watch_children(bool on);

/* The shell ignores sig for itself (job control: TSTP, TTIN, TTOU); the
 * children get the default back before exec. */
void trap_shell_ignore(int sig);

/* Blocks / unblocks the signals the shell catches (around fork). */
void trap_block(sigset_t *old);
void trap_unblock(const sigset_t *old);
/*
 * The same in the parent after a fork made with every signal blocked: a
 * hang-up, Ctrl-C, SIGQUIT or SIGTERM sent to the process group meanwhile
 * is pending here but may have missed the new child (not yet in the group
 * when it was signalled).  When this process would die of it (the signal
 * at its default), the child gets it too, as it would have; then the mask
 * goes back.  Without this, `(while :; do sleep 1; done) &` hung up at the
 * wrong moment left a sleep behind.
 */
void trap_unblock_forked(const sigset_t *old, pid_t child);

#endif
