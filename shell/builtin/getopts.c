/*
 * getopts.c - getopts optstring name [arg...] (XCU getopts).
 *
 * OPTIND is the index of the next argument to look at.  Inside a bundle
 * such as -abc, OPTIND already points past the bundle and the position
 * within it is kept here; assigning OPTIND (var.c bumps
 * var_optind_generation) forgets that position, so OPTIND=1 restarts.
 *
 * As POSIX asks, OPTARG is unset after an option without an argument and
 * at the end; with a leading ':' in optstring errors are silent and
 * OPTARG holds the option character.  Messages are dash's.
 */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "builtin.h"
#include "output.h"
#include "shell.h"
#include "var.h"

/* offset of the next option character in the argument before OPTIND, or
 * -1 when the next option starts a new argument */
static int getopts_off = -1;
/* var_optind_generation right after our own assignment of OPTIND */
static unsigned getopts_generation;
static bool getopts_have_state;

/* The current OPTIND as a number (unset or invalid: 1). */
static int getopts_optind(struct shell *sh)
{
	const char *s = var_get(sh, "OPTIND");
	char *end;
	long v;

	if (s == NULL || *s == '\0') {
		return 1;
	}
	v = strtol(s, &end, 10);
	if (*end != '\0' || v < 1 || v > 1000000000L) {
		return 1;
	}
	return (int)v;
}

static int getopts_set_char(struct shell *sh, const char *name, char c)
{
	char s[2] = { c, '\0' };

	return var_set(sh, name, s, 0);
}

/*
 * Finds c in optstring.  Returns 0 when it is no option, 1 for an option
 * without argument, 2 for one with an argument.
 */
static int getopts_lookup(const char *optstring, char c)
{
	const char *q;

	if (c == ':') {
		return 0;
	}
	q = strchr(optstring, c);
	if (q == NULL) {
		return 0;
	}
	return q[1] == ':' ? 2 : 1;
}

int builtin_getopts(struct shell *sh, int argc, char **argv)
{
	const char *optstring, *name;
	char **args;
	const char *p = NULL;
	int nargs, ind, next, kind, status = 0;
	bool silent;
	char c = '?';
	char num[24];

	if (argc < 3) {
		sh_error(sh, "getopts: Usage: getopts optstring var [arg...]");
		return 2;
	}
	optstring = argv[1];
	name = argv[2];
	if (!var_valid_name(name)) {
		sh_error(sh, "getopts: %s: bad variable name", name);
		return 2;
	}
	silent = optstring[0] == ':';
	if (argc == 3) {
		args = sh->argv;
		nargs = sh->argc;
	} else {
		args = argv + 3;
		nargs = argc - 3;
	}
	if (!getopts_have_state ||
	    getopts_generation != var_optind_generation) {
		getopts_off = -1;
	}
	ind = getopts_optind(sh);
	if (ind > nargs + 1) {
		ind = 1;
		getopts_off = -1;
	}
	next = ind - 1;
	if (ind > 1 && getopts_off >= 0 &&
	    strlen(args[next - 1]) > (size_t)getopts_off) {
		p = args[next - 1] + getopts_off;
	}
	if (p == NULL) {
		p = next < nargs ? args[next] : NULL;
		if (p == NULL || p[0] != '-' || p[1] == '\0') {
			p = NULL;
			status = 1;
			goto out;
		}
		next++;
		p++;
		if (strcmp(p, "-") == 0) {
			p = NULL;
			status = 1;
			goto out;
		}
	}
	c = *p++;
	kind = getopts_lookup(optstring, c);
	if (kind == 0) {
		if (silent) {
			getopts_set_char(sh, "OPTARG", c);
		} else {
			err_printf("Illegal option -%c\n", c);
			var_unset(sh, "OPTARG");
		}
		c = '?';
	} else if (kind == 2) {
		if (*p == '\0') {
			p = next < nargs ? args[next++] : NULL;
		}
		if (p == NULL) {
			if (silent) {
				getopts_set_char(sh, "OPTARG", c);
				c = ':';
			} else {
				err_printf("No arg for -%c option\n", c);
				var_unset(sh, "OPTARG");
				c = '?';
			}
		} else {
			var_set(sh, "OPTARG", p, 0);
			p = NULL;
		}
	} else {
		var_unset(sh, "OPTARG");
	}
out:
	if (status != 0) {
		var_unset(sh, "OPTARG");
	}
	getopts_off = p != NULL && *p != '\0' ? (int)(p - args[next - 1]) : -1;
	snprintf(num, sizeof(num), "%d", next + 1);
	var_set(sh, "OPTIND", num, 0);
	getopts_generation = var_optind_generation;
	getopts_have_state = true;
	if (getopts_set_char(sh, name, c) < 0) {
		return 2;
	}
	return status;
}
