/*
 * edit.c - GNU readline glue: prompt, history, line reading.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <readline/history.h>
#include <readline/readline.h>

#include "arena.h"
#include "edit.h"
#include "expand.h"
#include "shell.h"
#include "var.h"

void edit_init(struct shell *sh)
{
	rl_readline_name = "hersh";
	using_history();
}

char *edit_read_line(struct shell *sh, bool continuation)
{
	struct arena_mark mark;
	const char *ps;
	char *prompt, *line;

	arena_mark(&mark);
	ps = var_get(sh, continuation ? "PS2" : "PS1");
	if (ps == NULL) {
		ps = continuation ? "> " : "$ ";
	}
	prompt = continuation ? arena_strdup(ps) : expand_prompt(sh, ps);
	line = readline(prompt ? prompt : "$ ");
	arena_pop(&mark);
	if (line != NULL && line[0] != '\0' && line[0] != ' ') {
		add_history(line);
	}
	return line;
}

void edit_finish(struct shell *sh)
{
}
