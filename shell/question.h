/*
 * question.h - telling a question typed at the prompt from a command
 * (DESIGN.md "Interfaces users touch"; issue: asking questions).
 *
 * A line is a question when it starts with '?', or when its first word is
 * no command, builtin, function, alias or reserved word and the line reads
 * as a question: it ends with '?', starts with a question word ("what",
 * "when's", "how", "did", ...), or addresses the companion by name
 * ("hersh, ..." / "hey hersh ...").  A word that names a real command is
 * never taken for a question, whatever follows it.
 */
#ifndef HERSH_QUESTION_H
#define HERSH_QUESTION_H

#include <stdbool.h>

struct shell;

/*
 * If line (one line typed at the primary prompt, without its newline) is
 * a question, returns the question text (malloc'd, '?' prefix and
 * surrounding blanks removed); otherwise NULL.
 */
char *question_detect(struct shell *sh, const char *line);

/*
 * The command line that asks it: "ask 'TEXT'" with TEXT single-quoted for
 * the shell.  malloc'd.
 */
char *question_command(const char *question);

#endif
