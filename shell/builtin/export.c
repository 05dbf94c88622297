/*
 * export.c - export, readonly, unset (special) and local (as in dash).
 */
#include <string.h>

#include "builtin.h"
#include "exec.h"
#include "shell.h"
#include "var.h"

/* Sets the flag on each NAME or NAME=value operand. */
static int declare(struct shell *sh, int argc, char **argv, int flag,
		   const char *what)
{
	struct builtin_getopt g = BUILTIN_GETOPT_INIT;
	size_t len;
	int c, i, status = 0;
	bool print = false;

	while ((c = builtin_getopt(sh, &g, argc, argv, "p")) != -1) {
		if (c == '?') {
			sh_fatal(sh, 2);
			return 2;
		}
		print = true;
	}
	if (g.ind >= argc) {
		var_print(sh, flag, what);
		return 0;
	}
	(void)print;
	for (i = g.ind; i < argc; i++) {
		len = var_name_len(argv[i]);
		if (len == 0 || (argv[i][len] != '\0' && argv[i][len] != '=')) {
			sh_error(sh, "%s: %s: bad variable name", argv[0],
				 argv[i]);
			sh_fatal(sh, 2);
			return 2;
		}
		if (var_set_assignment(sh, argv[i], flag) < 0) {
			sh_fatal(sh, 2);
			return 2;
		}
	}
	return status;
}

int builtin_export(struct shell *sh, int argc, char **argv)
{
	return declare(sh, argc, argv, VAR_EXPORT, "export");
}

int builtin_readonly(struct shell *sh, int argc, char **argv)
{
	return declare(sh, argc, argv, VAR_READONLY, "readonly");
}

int builtin_unset(struct shell *sh, int argc, char **argv)
{
	struct builtin_getopt g = BUILTIN_GETOPT_INIT;
	int c, i, mode = 'v', status = 0;

	while ((c = builtin_getopt(sh, &g, argc, argv, "fv")) != -1) {
		if (c == '?') {
			sh_fatal(sh, 2);
			return 2;
		}
		mode = c;
	}
	for (i = g.ind; i < argc; i++) {
		if (mode == 'f') {
			func_unset(sh, argv[i]);
			continue;
		}
		if (!var_valid_name(argv[i])) {
			sh_error(sh, "unset: %s: bad variable name", argv[i]);
			sh_fatal(sh, 2);
			return 2;
		}
		if (var_unset(sh, argv[i]) < 0) {
			sh_fatal(sh, 2);
			return 2;
		}
	}
	return status;
}

int builtin_local(struct shell *sh, int argc, char **argv)
{
	size_t len;
	int i;

	if (sh->func_depth == 0 || !var_in_scope(sh)) {
		sh_error(sh, "local: not in a function");
		return 2;
	}
	for (i = 1; i < argc; i++) {
		if (strcmp(argv[i], "-") == 0) {
			continue;
		}
		len = var_name_len(argv[i]);
		if (len == 0 || (argv[i][len] != '\0' && argv[i][len] != '=')) {
			sh_error(sh, "local: %s: bad variable name", argv[i]);
			return 2;
		}
		if (argv[i][len] == '=') {
			argv[i][len] = '\0';
			var_make_local(sh, argv[i]);
			argv[i][len] = '=';
			if (var_set_assignment(sh, argv[i], 0) < 0) {
				return 2;
			}
		} else {
			var_make_local(sh, argv[i]);
		}
	}
	return 0;
}
