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
 * malloc'd line without its newline, or NULL at end of input (Ctrl-D).
 */
char *edit_read_line(struct shell *sh, bool continuation);
/* Saves history (at exit). */
void edit_finish(struct shell *sh);

#endif
