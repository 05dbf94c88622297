/*
 * command.c - command [-p] [-v|-V] name [arg...] and type name...
 * (XCU command, type), and builtin_describe() which both share.
 *
 * Without -v/-V, command runs name skipping shell functions (and, through
 * the executor, without the special-builtin error rules).  With -p the
 * utility is searched along the default PATH from confstr(_CS_PATH).
 */
#include <stdbool.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "alias.h"
#include "arena.h"
#include "builtin.h"
#include "exec.h"
#include "output.h"
#include "path.h"
#include "shell.h"

/* XCU 2.4 reserved words */
static const char *const command_keywords[] = {
	"!", "{", "}", "case", "do", "done", "elif", "else", "esac", "fi",
	"for", "if", "in", "then", "until", "while",
};

static bool command_is_keyword(const char *name)
{
	size_t i;

	for (i = 0; i < sizeof(command_keywords) / sizeof(command_keywords[0]);
	     i++) {
		if (strcmp(name, command_keywords[i]) == 0) {
			return true;
		}
	}
	return false;
}

/* Writes s single-quoted the way dash does: 'a'"'"'b' for a'b. */
static void command_put_quoted(const char *s)
{
	size_t n;

	if (*s == '\0') {
		out_str("''");
		return;
	}
	while (*s != '\0') {
		n = strcspn(s, "'");
		if (n > 0) {
			out_putc('\'');
			out_write(s, n);
			out_putc('\'');
			s += n;
		}
		n = strspn(s, "'");
		if (n > 0) {
			out_putc('"');
			out_write(s, n);
			out_putc('"');
			s += n;
		}
	}
}

/* Is path an existing file that is not a directory? */
static bool command_file_exists(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0 && !S_ISDIR(st.st_mode);
}

/*
 * The shared part of command -v/-V and type.  path: the PATH to search
 * (NULL: $PATH and the hash table).  Returns 0 or 127.
 */
static int command_describe(struct shell *sh, const char *name, bool verbose,
			    const char *path)
{
	const struct builtin *b;
	const char *value;
	const char *found;

	if (command_is_keyword(name)) {
		if (verbose) {
			out_printf("%s is a shell keyword\n", name);
		} else {
			out_printf("%s\n", name);
		}
		return 0;
	}
	value = sh->aliases != NULL ? alias_get(sh->aliases, name) : NULL;
	if (value != NULL) {
		if (verbose) {
			out_printf("%s is an alias for %s\n", name, value);
		} else {
			out_printf("alias %s=", name);
			command_put_quoted(value);
			out_putc('\n');
		}
		return 0;
	}
	b = builtin_find(name);
	if (b != NULL && (b->flags & BUILTIN_SPECIAL)) {
		if (verbose) {
			out_printf("%s is a special shell builtin\n", name);
		} else {
			out_printf("%s\n", name);
		}
		return 0;
	}
	if (func_get(sh, name) != NULL) {
		if (verbose) {
			out_printf("%s is a shell function\n", name);
		} else {
			out_printf("%s\n", name);
		}
		return 0;
	}
	if (b != NULL) {
		if (verbose) {
			out_printf("%s is a shell builtin\n", name);
		} else {
			out_printf("%s\n", name);
		}
		return 0;
	}
	if (strchr(name, '/') != NULL) {
		found = command_file_exists(name) ? name : NULL;
	} else {
		found = path_lookup(sh, name, path, NULL);
	}
	if (found == NULL) {
		if (verbose) {
			err_printf("%s: not found\n", name);
		}
		return 127;
	}
	if (verbose) {
		out_printf("%s is %s\n", name, found);
	} else {
		out_printf("%s\n", found);
	}
	return 0;
}

int builtin_describe(struct shell *sh, const char *name, bool verbose)
{
	return command_describe(sh, name, verbose, NULL);
}

/*
 * command -p NAME: finds NAME along the default PATH.  Returns the
 * path to run (so that the executor does no search of its own), or NULL
 * to leave NAME alone (a builtin, a name with a slash, or not found).
 */
static const char *command_default_path(struct shell *sh, const char *name)
{
	if (strchr(name, '/') != NULL || builtin_find(name) != NULL) {
		return NULL;
	}
	return path_lookup(sh, name, path_default(), NULL);
}

int builtin_command(struct shell *sh, int argc, char **argv)
{
	struct builtin_getopt g = BUILTIN_GETOPT_INIT;
	bool use_default = false;
	int describe = 0;	/* 'v' or 'V' */
	const char *found;
	char *saved;
	int c, status;

	while ((c = builtin_getopt(sh, &g, argc, argv, "pvV")) != -1) {
		if (c == '?') {
			return 2;
		}
		if (c == 'p') {
			use_default = true;
		} else {
			describe = c;
		}
	}
	if (describe != 0) {
		/* like dash, only the first name (POSIX allows one) */
		if (g.ind >= argc) {
			return 0;
		}
		return command_describe(sh, argv[g.ind], describe == 'V',
					use_default ? path_default() : NULL);
	}
	if (g.ind >= argc) {
		return 0;
	}
	saved = argv[g.ind];
	if (use_default) {
		found = command_default_path(sh, saved);
		if (found != NULL) {
			/* found lives in path.c's scratch space */
			argv[g.ind] = arena_strdup(found);
		}
	}
	status = exec_argv(sh, argc - g.ind, argv + g.ind, EXEC_NO_FUNCS);
	argv[g.ind] = saved;
	return status;
}

int builtin_type(struct shell *sh, int argc, char **argv)
{
	int i, status = 0;

	for (i = 1; i < argc; i++) {
		if (builtin_describe(sh, argv[i], true) != 0) {
			status = 127;
		}
	}
	return status;
}
