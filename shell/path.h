/*
 * path.h - command search (XCU 2.9.1.1) with remembered locations (hash).
 */
#ifndef HERSH_PATH_H
#define HERSH_PATH_H

#include <stdbool.h>

struct shell;

/*
 * Finds an executable regular file for name along path (NULL: $PATH).
 * name must not contain '/'.  With path == NULL the result is remembered in
 * the hash table.  Returns a string valid until the table changes (copy
 * it), or NULL.  *noexec is set when a file was found but was not
 * executable (so the caller reports 126).
 */
const char *path_lookup(struct shell *sh, const char *name, const char *path,
			bool *noexec);
/* For `.`: the first readable regular file called name along $PATH, or
 * NULL.  The string is valid until the next lookup. */
const char *path_find_readable(struct shell *sh, const char *name);
/* Forgets all remembered locations (hash -r, PATH change). */
void path_hash_clear(void);
/* Forgets one (after exec fails with ENOENT). */
void path_hash_forget(const char *name);
/* Prints the table for `hash` with no arguments. */
void path_hash_print(void);
/* The default PATH for `command -p` (confstr(_CS_PATH)). */
const char *path_default(void);

#endif
