/*
 * suggest.h - the shell's side of the companion's suggestions (see
 * docs/suggestions.md and include/hersh/suggestion.h).
 *
 * Local and instant, in the shell: "did you mean" for a command not found
 * (keyboard-aware edit distance over PATH commands, builtins, functions,
 * aliases and the history), fixes for failed commands whose fix is known
 * from the line, its status and the file system (cd into a near-miss
 * directory, apt as non-root, git subcommand typos, a script that is not
 * executable, running a directory), a disk almost full, and the ghost
 * text of the usual next command while typing.  Nothing is ever run: a
 * proposed command is put on the line (one key: Right arrow / Ctrl-F at
 * the end of the line), the user presses Enter.
 *
 * The daemon decides, through the NOTE it sends at each prompt, which of
 * these kinds the learned policy allows; the shell reports what it showed
 * and what became of every suggestion (taken within the next commands,
 * ignored, or refused with "stop" / "no more of these") as FEEDBACK.
 *
 * Everything here is for interactive shells with the companion enabled
 * (not HERSH_NO_COMPANION=1); in any other shell every function is a
 * no-op and nothing is printed.
 */
#ifndef HERSH_SHELL_SUGGEST_H
#define HERSH_SHELL_SUGGEST_H

#include <stdbool.h>
#include <stddef.h>

struct shell;

/* ---- hooks of the interactive loop (exec.c) -------------------------- */

/* resolve() found no command called name (status 127). */
void suggest_not_found(struct shell *sh, const char *name);
/*
 * A line typed at the prompt ran and ended with status: follows up the
 * last suggestion (taken, ignored, refused) and looks for a fix to offer
 * at the next prompt.
 */
void suggest_after_command(struct shell *sh, const char *line, int status);
/*
 * Just before asking the daemon for its note: settles what the shell
 * itself will show at this prompt and tells the daemon (which then keeps
 * quiet: one suggestion per prompt).
 */
void suggest_before_prompt(struct shell *sh);
/*
 * Takes the daemon's note (malloc'd, may be NULL): keeps its fields and
 * returns the malloc'd line to print before the prompt -- the shell's own
 * suggestion if it has one, else the daemon's -- or NULL.
 */
char *suggest_prompt_note(struct shell *sh, char *note);

/* ---- hooks of the line editor (edit.c) -------------------------------- */

/*
 * The ghost text to show after line (the cursor at its end): a suffix of
 * a likely command, or NULL.  Fast: answered from what the prompt
 * fetched and the history, cached per line.
 */
const char *suggest_ghost(struct shell *sh, const char *line);
/* The user accepted the ghost text (it is now on the line). */
void suggest_ghost_accepted(void);

/* ---- hooks of start-up (main.c) --------------------------------------- */

/* A login shell: ask the companion for a greeting at the next prompt. */
void suggest_login(struct shell *sh);
/* First interactive run on a terminal: a short, skippable introduction
 * that asks the user's name and chattiness, never shown again. */
void suggest_intro(struct shell *sh);

/* ---- exposed for tests ------------------------------------------------ */

/*
 * Keyboard-aware edit distance in half steps: insertions, deletions and
 * substitutions cost 2, a substitution by a neighbouring key, a swap of
 * two adjacent letters or a doubled letter 1.  Returns max + 1 when the
 * distance is larger than max.
 */
int suggest_distance(const char *a, const char *b, int max);
/*
 * The closest known command to word (PATH, builtins, functions, aliases,
 * history), malloc'd, or NULL when nothing is close enough.
 */
char *suggest_command_for(struct shell *sh, const char *word);
/* The fix for a failed line, malloc'd, or NULL; *kind gets its kind. */
char *suggest_fix_for(struct shell *sh, const char *line, int status,
		      int *kind);

#endif
