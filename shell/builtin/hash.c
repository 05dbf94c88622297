/*
 * hash.c - hash [-r] [name...] (XCU hash): shows, adds to or clears the
 * remembered command locations kept by path.c.
 */
#include <stdbool.h>
#include <string.h>

#include "builtin.h"
#include "exec.h"
#include "path.h"
#include "shell.h"

int builtin_hash(struct shell *sh, int argc, char **argv)
{
	struct builtin_getopt g = BUILTIN_GETOPT_INIT;
	bool clear = false;
	int c, i, status = 0;

	while ((c = builtin_getopt(sh, &g, argc, argv, "r")) != -1) {
		if (c == '?') {
			return 2;
		}
		clear = true;
	}
	if (clear) {
		path_hash_clear();
	}
	if (g.ind >= argc) {
		if (!clear) {
			path_hash_print();
		}
		return 0;
	}
	for (i = g.ind; i < argc; i++) {
		/* names with a slash, builtins and functions are never
		 * remembered */
		if (strchr(argv[i], '/') != NULL ||
		    builtin_find(argv[i]) != NULL ||
		    func_get(sh, argv[i]) != NULL) {
			continue;
		}
		path_hash_forget(argv[i]);
		if (path_lookup(sh, argv[i], NULL, NULL) == NULL) {
			sh_error(sh, "hash: %s: not found", argv[i]);
			status = 1;
		}
	}
	return status;
}
