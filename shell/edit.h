/*
 * edit.h - the interactive line editor (GNU readline; the only module that
 * includes readline's headers).
 */
#ifndef HERSH_EDIT_H
#define HERSH_EDIT_H

#include <stdbool.h>

struct shell;

/* Sets up readline and loads the history file.  Called once by an
 * interactive shell before the first prompt. */
void edit_init(struct shell *sh);
/*
 * Shows PS1 (or PS2 when continuation) and reads one line.  Returns a
 * malloc'd line without its newline, or NULL at end of input (Ctrl-D; with
 * set -o ignoreeof it warns and reads again).  When the user pressed
 * Ctrl-C the line is EDIT_INTERRUPTED ("\001" alone) and $? is 130.
 */
char *edit_read_line(struct shell *sh, bool continuation);
#define EDIT_INTERRUPTED "\001"
/*
 * Text that may arrive while the editor waits for a key (the companion's
 * note): fd() is polled with the terminal (-1: nothing to wait for);
 * when it is readable, or ready() says the text is already in, take()
 * returns a malloc'd line or NULL, and the editor clears its line, has
 * show() print it, and redraws.  When no key comes within idle_ms(),
 * idle() is called (the companion sends what it queued).
 */
struct edit_async {
	int (*fd)(void);
	bool (*ready)(void);
	char *(*take)(struct shell *sh);
	void (*show)(struct shell *sh, const char *text);
	int (*idle_ms)(void);	/* wait for a key at most this (-1: no limit) */
	void (*idle)(void);	/* then call this */
};
/* Sets the source for the next line read (NULL: none). */
void edit_set_async(const struct edit_async *a);

/* Frees the editor's state (at exit). */
void edit_finish(struct shell *sh);

/* The history list for fc and history: entries are numbered from
 * edit_history_base() to edit_history_base() + edit_history_length() - 1. */
int edit_history_base(void);
int edit_history_length(void);
/* Entry n (absolute number), or NULL. */
const char *edit_history_get(int n);
void edit_history_clear(void);
/* Removes the newest entry (fc replaces itself by what it runs). */
void edit_history_remove_last(void);
/* Adds a line to the list and the history file. */
void edit_history_add(const char *line);

#endif
