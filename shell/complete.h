/*
 * complete.h - completion generators for the line editor: command names
 * (PATH, builtins, functions, aliases, reserved words), variable names,
 * ~user, directories after cd, and file names with special characters
 * quoted.
 */
#ifndef HERSH_COMPLETE_H
#define HERSH_COMPLETE_H

struct shell;

/* Installs the completion functions into readline. */
void complete_init(struct shell *sh);

/*
 * Completes word (the text before the cursor in the current word).
 * command_position: the word is where a command name goes.  after_cd: it
 * is the operand of cd.  Returns a malloc'd NULL-terminated array of
 * malloc'd strings (sorted, unique), or NULL when there is nothing;
 * readline-independent so it can be unit tested.
 */
char **complete_words(struct shell *sh, const char *word,
		      int command_position, int after_cd);

#endif
