/*
 * builtin.h - the builtin utilities: a sorted name -> function table.
 *
 * A builtin returns its exit status.  It writes to standard output through
 * output.h and reports errors with sh_error() in the form
 * "hersh: LINE: NAME: message".  Special builtins call sh_fatal()
 * themselves for the errors XCU 2.8.1 makes fatal.
 */
#ifndef HERSH_BUILTIN_H
#define HERSH_BUILTIN_H

#include <stdbool.h>

struct shell;

typedef int builtin_fn(struct shell *sh, int argc, char **argv);

enum builtin_flag {
	BUILTIN_SPECIAL = 1 << 0,	/* XCU 2.14 special built-in */
	BUILTIN_DECL = 1 << 1,		/* export/readonly/local: arguments
					 * that look like assignments get
					 * tilde expansion after '=' */
};

struct builtin {
	const char *name;
	builtin_fn *fn;
	int flags;
};

/* The builtin called name, or NULL. */
const struct builtin *builtin_find(const char *name);
/* For completion: the table and its length, sorted by name. */
extern const struct builtin builtin_table[];
extern const int builtin_count;

/*
 * A small getopt for builtins: options of the form -abc and "--".
 * optstring as getopt(3) (':' after a letter takes an argument).  Returns
 * the option letter, -1 at the end of options, '?' after printing
 * "NAME: illegal option -x" (or "NAME: option requires an argument -x").
 * State lives in the struct; initialise with BUILTIN_GETOPT_INIT.
 */
struct builtin_getopt {
	int ind;	/* next argv index, starts at 1 */
	int pos;	/* position inside a bundle */
	char *arg;	/* argument of the last option */
};
#define BUILTIN_GETOPT_INIT { 1, 0, 0 }
int builtin_getopt(struct shell *sh, struct builtin_getopt *g, int argc,
		   char **argv, const char *optstring);

/* special */
builtin_fn builtin_colon, builtin_dot, builtin_break, builtin_continue,
	builtin_eval, builtin_exec, builtin_exit, builtin_export,
	builtin_readonly, builtin_return, builtin_set, builtin_shift,
	builtin_times, builtin_trap, builtin_unset;
/* regular */
builtin_fn builtin_logout;	/* exit for login shells (bash, ksh, zsh) */
builtin_fn builtin_source;	/* . for bash, ksh and zsh users */
builtin_fn builtin_dirs, builtin_pushd, builtin_popd;	/* the same */
builtin_fn builtin_alias, builtin_unalias, builtin_cd, builtin_pwd,
	builtin_echo, builtin_printf, builtin_test, builtin_read,
	builtin_umask, builtin_wait, builtin_kill, builtin_command,
	builtin_type, builtin_getopts, builtin_true, builtin_false,
	builtin_hash, builtin_ulimit, builtin_local, builtin_jobs,
	builtin_fg, builtin_bg, builtin_fc, builtin_history;
/* the companion (builtin/ask.c, builtin/companion.c) */
builtin_fn builtin_ask, builtin_companion;

/*
 * command -v / -V and type: describes how name would be run.  verbose
 * selects the -V/type wording ("ls is /bin/ls", "cd is a shell builtin").
 * Returns 0 when found, 127 (and for -V prints "NAME: not found" on
 * stderr) when not.
 */
int builtin_describe(struct shell *sh, const char *name, bool verbose);

#endif
