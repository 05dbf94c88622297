/*
 * companion.h - the shell's side of the conversation with hershd.
 *
 * The connection is made lazily, the first time something needs the
 * daemon, and the daemon is started on demand (hershd from the directory
 * of the running hersh, else from PATH; $HERSHD overrides).  The socket is
 * non-blocking and close-on-exec, moved above fd 10, and the daemon's uid
 * is checked with SO_PEERCRED before anything is sent.  A forked child
 * never uses its parent's connection.
 *
 * Never slowing the shell down:
 *   - events (command start and end, feedback) are queued without waiting;
 *     the daemon acknowledges them once they are stored, and any event not
 *     acknowledged when the connection breaks, or that cannot be sent at
 *     all, goes to the spool (spool.h) and is delivered when the daemon is
 *     back -- nothing is lost when the daemon dies or is killed;
 *   - the prompt waits for a note at most the budget ($HERSH_BUDGET_MS,
 *     default 20 ms); when the budget runs out once, the shell stops asking
 *     until it hears from the daemon again, so a hung daemon costs one
 *     budget, not one per prompt.
 *
 * Recording happens only when it is on: in an interactive shell, or when
 * HERSH_RECORD=1 is set (for tests and for users who want scripts
 * recorded).  A non-interactive shell prints nothing from the companion
 * except what `ask` and `companion` print as their own output.
 *
 * Everything received from the daemon is untrusted: text is passed through
 * companion_sanitize() before it reaches the terminal.
 */
#ifndef HERSH_COMPANION_H
#define HERSH_COMPANION_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

#include <hersh/buf.h>

struct shell;

/* Exit statuses of `ask` and `companion`. */
enum companion_status {
	COMPANION_OK = 0,
	COMPANION_FAIL = 1,		/* not understood / refused / usage */
	COMPANION_UNAVAILABLE = 2,	/* no daemon could be reached */
};

/* ---- for the interactive loop (no-ops unless recording is on) ---------- */

/*
 * Whether this shell reports its commands: interactive (and not a
 * subshell), or HERSH_RECORD=1.  The loop may use it to decide whether to
 * compute a command's text for companion_command_start().
 */
bool companion_recording(struct shell *sh);
/* False when HERSH_NO_COMPANION is set (to anything but 0): the shell
 * then never talks to the companion unasked (the pty tests; users who
 * want a plain shell).  `ask` and `companion` still work. */
bool companion_enabled(struct shell *sh);

/*
 * A command line is about to run in directory cwd (the shell's $PWD).
 * Lines starting with a space are not reported (HISTCONTROL=ignorespace).
 * Never blocks.  In an interactive shell events are queued, and sent by
 * companion_before_wait (a command that takes a while), companion_idle
 * (the user pauses at a prompt), companion_flush, or once many are
 * queued.
 */
void companion_command_start(struct shell *sh, const char *line,
			     const char *cwd);
/* The command reported last ended with status after duration_ms. */
void companion_command_end(struct shell *sh, int status, long duration_ms);
/* Sends what is queued, without waiting (cheap when nothing is). */
void companion_flush(void);
/*
 * The shell is about to wait for foreground process pid: a command start
 * still queued is sent if pid is still running a little later (so a
 * command that ends at once costs the daemon one message, not two).
 */
void companion_before_wait(pid_t pid);
/*
 * What the companion wants to say at this prompt: a malloc'd, sanitized,
 * single line (the caller frees it), or NULL for nothing.  Waits at most
 * the budget.  Only for interactive shells; NULL otherwise.
 */
char *companion_prompt_note(struct shell *sh);
/*
 * The same, without waiting: companion_prompt_begin() asks (0, or -1 when
 * there is no daemon to ask), at once when now is set, else with what is
 * queued (companion_idle); companion_note_fd() is the fd to poll while
 * the answer is awaited (-1 otherwise); companion_prompt_take() returns the
 * note once it has arrived (malloc'd, sanitized), waiting at most wait_ms,
 * else NULL; companion_prompt_cancel() drops an answer still to come.
 */
int companion_prompt_begin(struct shell *sh, bool now);
/*
 * While the editor waits for a key: after companion_idle_ms() (-1: no
 * need) without one, companion_idle() sends what is queued.
 */
int companion_idle_ms(void);
void companion_idle(void);
int companion_note_fd(void);
/* Has the note arrived (read off the socket by any exchange, e.g. a
 * feedback event sent while the user types)? */
bool companion_note_ready(void);
char *companion_prompt_take(struct shell *sh, int wait_ms);
void companion_prompt_cancel(void);
/* The user's reaction (enum proto_outcome) to suggestion id. */
void companion_feedback(struct shell *sh, long suggestion, int outcome);
/*
 * At exit: waits up to the budget for the daemon to acknowledge what was
 * sent, and spools the rest.  Also registered with atexit() on first use.
 */
void companion_exit(void);

/* ---- for the builtins ask and companion ------------------------------- */

/*
 * Asks question; the answer text (untrusted, not yet sanitized) is
 * appended to answer.  Returns enum companion_status; on
 * COMPANION_UNAVAILABLE answer holds the reason.  Starts the daemon if
 * needed.  HERSH_NOW, when set, is sent as the time the question is
 * asked.
 */
int companion_ask(struct shell *sh, const char *question, struct buf *answer);

/*
 * Runs a control verb (status, forget, pause, resume, set, stop) with up
 * to two arguments (NULL for none) and appends the reply text to text.
 * start says whether to start the daemon when none is running.
 */
int companion_control(struct shell *sh, const char *verb, const char *arg,
		      const char *arg2, bool start, struct buf *text);

/* Called for each bad line the daemon reports during an import. */
typedef void companion_issue_fn(long long line, const char *why, void *arg);

/*
 * Streams the file open on fd to the daemon, which parses and stores it
 * in one transaction; reports bad lines through fn as they come and
 * appends the summary to text.
 */
int companion_import(struct shell *sh, int fd, companion_issue_fn *fn,
		     void *arg, struct buf *text);

/* Called with each chunk of JSON lines of an export (untrusted bytes). */
typedef int companion_data_fn(const char *p, size_t n, void *arg);

/* Streams the daemon's memory out through fn; summary appended to text. */
int companion_export(struct shell *sh, companion_data_fn *fn, void *arg,
		     struct buf *text);

/*
 * Appends the n bytes at s to out, made safe for a terminal: escape
 * sequences (CSI, OSC, DCS, ...) removed with their parameters, C0 and C1
 * controls and DEL removed (newlines kept when multiline, else turned
 * into spaces; tabs become spaces), bidirectional overrides removed, and
 * invalid UTF-8 bytes replaced by '?'.
 */
void companion_sanitize(struct buf *out, const char *s, size_t n,
			bool multiline);

#endif
