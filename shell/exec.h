/*
 * exec.h - the executor: walks the tree (XCU 2.9).
 */
#ifndef HERSH_EXEC_H
#define HERSH_EXEC_H

#include <stdbool.h>
#include <stddef.h>

struct shell;
struct node;
struct input;
struct pool;

enum exec_flag {
	/* This is the last thing the (sub)shell does: a simple command may
	 * exec without forking, and the shell exits afterwards. */
	EXEC_LAST = 1 << 0,
	/* `command NAME`: don't look up functions */
	EXEC_NO_FUNCS = 1 << 1,
};

/* Runs n and returns its exit status (also stored in sh->status). */
int exec_node(struct shell *sh, struct node *n, int flags);

/*
 * Runs already-expanded arguments as a simple command (no assignments or
 * redirections): builtins, functions, then PATH.  Used by `command` and
 * `exec`-less paths.  Returns the status.
 */
int exec_argv(struct shell *sh, int argc, char **argv, int flags);

/*
 * Parses and runs commands from in until EOF (or `exit`, or a fatal error
 * in a non-interactive shell).  Returns the last status.  toplevel: this
 * is the shell's main input (errors of interactive shells are reported and
 * the loop goes on; jobs are reported before each prompt).
 */
int exec_input(struct shell *sh, struct input *in, bool toplevel);

/* Parses and runs the string (eval, trap actions, -c).  Returns status. */
int exec_string(struct shell *sh, const char *s, size_t len);

/*
 * Runs body in a subshell with stdout on a pipe and collects the output in
 * the expansion arena (*out, *len; trailing newlines are NOT removed here).
 * Sets sh->cmdsub_status.  Returns 0 or -1.
 */
int exec_cmdsub(struct shell *sh, struct node *body, char **out, size_t *len);

/* `.` : runs the file at path in the current environment. */
int exec_dot_file(struct shell *sh, const char *path);

/* Functions (XCU 2.9.5) */
struct func_table *func_table_new(void);
void func_table_free(struct func_table *t);
/* The body of function name, or NULL. */
struct node *func_get(struct shell *sh, const char *name);
/* Defines name; takes a new reference to pool. */
void func_set(struct shell *sh, const char *name, struct node *body,
	      struct pool *pool);
int func_unset(struct shell *sh, const char *name);
/* Calls fn with the name of every function. */
void func_each(struct shell *sh, void (*fn)(const char *name, void *ctx),
	       void *ctx);

#endif
