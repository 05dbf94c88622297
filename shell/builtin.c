/*
 * builtin.c - the table of builtins and the option parser they share.
 */
#include <stdlib.h>
#include <string.h>

#include "builtin.h"
#include "shell.h"

/* sorted by name (strcmp order) for bsearch */
const struct builtin builtin_table[] = {
	{ ".", builtin_dot, BUILTIN_SPECIAL },
	{ ":", builtin_colon, BUILTIN_SPECIAL },
	{ "[", builtin_test, 0 },
	{ "alias", builtin_alias, 0 },
	{ "ask", builtin_ask, 0 },
	{ "bg", builtin_bg, 0 },
	{ "break", builtin_break, BUILTIN_SPECIAL },
	{ "cd", builtin_cd, 0 },
	{ "command", builtin_command, 0 },
	{ "companion", builtin_companion, 0 },
	{ "continue", builtin_continue, BUILTIN_SPECIAL },
	{ "dirs", builtin_dirs, 0 },
	{ "echo", builtin_echo, 0 },
	{ "eval", builtin_eval, BUILTIN_SPECIAL },
	{ "exec", builtin_exec, BUILTIN_SPECIAL },
	{ "exit", builtin_exit, BUILTIN_SPECIAL },
	{ "export", builtin_export, BUILTIN_SPECIAL | BUILTIN_DECL },
	{ "false", builtin_false, 0 },
	{ "fc", builtin_fc, 0 },
	{ "fg", builtin_fg, 0 },
	{ "getopts", builtin_getopts, 0 },
	{ "hash", builtin_hash, 0 },
	{ "history", builtin_history, 0 },
	{ "jobs", builtin_jobs, 0 },
	{ "kill", builtin_kill, 0 },
	{ "local", builtin_local, BUILTIN_DECL },
	{ "logout", builtin_logout, 0 },
	{ "popd", builtin_popd, 0 },
	{ "printf", builtin_printf, 0 },
	{ "pushd", builtin_pushd, 0 },
	{ "pwd", builtin_pwd, 0 },
	{ "read", builtin_read, 0 },
	{ "readonly", builtin_readonly, BUILTIN_SPECIAL | BUILTIN_DECL },
	{ "return", builtin_return, BUILTIN_SPECIAL },
	{ "set", builtin_set, BUILTIN_SPECIAL },
	{ "shift", builtin_shift, BUILTIN_SPECIAL },
	{ "source", builtin_source, 0 },
	{ "test", builtin_test, 0 },
	{ "times", builtin_times, BUILTIN_SPECIAL },
	{ "trap", builtin_trap, BUILTIN_SPECIAL },
	{ "true", builtin_true, 0 },
	{ "type", builtin_type, 0 },
	{ "ulimit", builtin_ulimit, 0 },
	{ "umask", builtin_umask, 0 },
	{ "unalias", builtin_unalias, 0 },
	{ "unset", builtin_unset, BUILTIN_SPECIAL },
	{ "wait", builtin_wait, 0 },
};
const int builtin_count = sizeof(builtin_table) / sizeof(builtin_table[0]);

static int compare(const void *key, const void *elem)
{
	const struct builtin *b = elem;

	return strcmp(key, b->name);
}

const struct builtin *builtin_find(const char *name)
{
	return bsearch(name, builtin_table, builtin_count,
		       sizeof(builtin_table[0]), compare);
}

int builtin_getopt(struct shell *sh, struct builtin_getopt *g, int argc,
		   char **argv, const char *optstring)
{
	const char *arg, *spec;
	char c;

	g->arg = NULL;
	if (g->pos == 0) {
		if (g->ind >= argc) {
			return -1;
		}
		arg = argv[g->ind];
		if (arg[0] != '-' || arg[1] == '\0') {
			return -1;
		}
		if (strcmp(arg, "--") == 0) {
			g->ind++;
			return -1;
		}
		g->pos = 1;
	}
	arg = argv[g->ind];
	c = arg[g->pos++];
	if (arg[g->pos] == '\0') {
		g->ind++;
		g->pos = 0;
	}
	spec = c == ':' ? NULL : strchr(optstring, c);
	if (spec == NULL) {
		sh_error(sh, "%s: Illegal option -%c", argv[0], c);
		return '?';
	}
	if (spec[1] == ':') {
		if (g->pos != 0) {
			g->arg = &argv[g->ind][g->pos];
			g->ind++;
			g->pos = 0;
		} else if (g->ind < argc) {
			g->arg = argv[g->ind++];
		} else {
			sh_error(sh, "%s: option requires an argument -%c",
				 argv[0], c);
			return '?';
		}
	}
	return c;
}
