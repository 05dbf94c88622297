/*
 * var.h - shell variables, attributes and scopes (XCU 2.5.3, 2.14 export,
 * readonly, unset; `local` as in dash).
 *
 * Names are checked by callers with var_valid_name().  Values are owned by
 * the table (copied in).  Special parameters ($?, $#, $1 ...) are not
 * variables: see expand.c.
 */
#ifndef HERSH_VAR_H
#define HERSH_VAR_H

#include <stdbool.h>
#include <stddef.h>

struct shell;

enum var_flag {
	VAR_EXPORT = 1 << 0,
	VAR_READONLY = 1 << 1,
	/* for var_set: don't print an error for a readonly variable */
	VAR_QUIET = 1 << 8,
};

struct var_table *var_table_new(void);
void var_table_free(struct var_table *t);

/* Imports environ at startup (names that are valid get VAR_EXPORT). */
void var_import_environ(struct shell *sh, char **envp);

/* The value of name, or NULL when unset.  The pointer is valid until the
 * variable is next set or unset. */
const char *var_get(struct shell *sh, const char *name);

/*
 * Sets name to value (copied).  flags may add VAR_EXPORT / VAR_READONLY.
 * With set -a, every set exports.  Returns 0, or -1 when the variable is
 * readonly (after printing "NAME: is read only" unless VAR_QUIET).
 * value NULL only changes attributes (export x, readonly x), leaving an
 * unset variable unset but flagged.
 */
int var_set(struct shell *sh, const char *name, const char *value, int flags);
/* As var_set(), name and value given as "NAME=value". */
int var_set_assignment(struct shell *sh, const char *assignment, int flags);
/* Unsets; -1 (with message) when readonly. */
int var_unset(struct shell *sh, const char *name);
/* Returns the attribute flags of name, 0 if it doesn't exist. */
int var_flags(struct shell *sh, const char *name);

/* NAME per XCU 3.235: [A-Za-z_][A-Za-z0-9_]* */
bool var_valid_name(const char *s);
/* Length of the valid name at the start of s (0 if none). */
size_t var_name_len(const char *s);

/*
 * The environment for a child: every exported variable that is set, as
 * "NAME=value" strings in the expansion arena, NULL-terminated.
 */
char **var_environ(struct shell *sh);

/* Calls fn with the name of every set variable (any order). */
void var_each(struct shell *sh, void (*fn)(const char *name, void *ctx),
	      void *ctx);

/* Prints variables for `set`, `export -p`, `readonly -p` (flag filters
 * on attribute; 0 = all set variables, in `set` format), sorted by name. */
void var_print(struct shell *sh, int flag, const char *prefix);

/*
 * Scopes for `local` and for assignments before a function or special
 * builtin:  var_scope_push() starts a scope; var_make_local(name) saves the
 * current value and attributes of name in the innermost scope (first time
 * only); var_scope_pop() restores everything saved in it.
 */
void var_scope_push(struct shell *sh);
void var_scope_pop(struct shell *sh);
/* -1 when there is no function scope ("local: not in a function") */
int var_make_local(struct shell *sh, const char *name);
bool var_in_scope(struct shell *sh);

/* Called when a variable with side effects changes (PATH: clear the hash
 * table; IFS; OPTIND: reset getopts; HISTSIZE ...).  Set by var.c. */

/* The current value of IFS: default " \t\n" when unset. */
const char *var_ifs(struct shell *sh);

/* Bumped every time PATH is assigned or unset (path.c drops its cache) */
extern unsigned var_path_generation;
/* Set when OPTIND is assigned (getopts restarts) */
extern unsigned var_optind_generation;

#endif
