/*
 * set.c - the set and shift special builtins (XCU 2.14).
 */
#include <stdlib.h>
#include <string.h>

#include <hersh/xalloc.h>

#include "builtin.h"
#include "jobs.h"
#include "output.h"
#include "shell.h"
#include "var.h"

/* Replaces the positional parameters by argv[0..argc-1]. */
static void set_params(struct shell *sh, int argc, char **argv)
{
	char **v = xcalloc((size_t)argc + 1, sizeof(*v));
	int i;

	for (i = 0; i < argc; i++) {
		v[i] = xstrdup(argv[i]);
	}
	for (i = 0; i < sh->argc; i++) {
		free(sh->argv[i]);
	}
	free(sh->argv);
	sh->argv = v;
	sh->argc = argc;
}

static const struct shell_optname *find_long(const char *name)
{
	int i;

	for (i = 0; shell_options[i].name != NULL; i++) {
		if (strcmp(shell_options[i].name, name) == 0) {
			return &shell_options[i];
		}
	}
	return NULL;
}

static const struct shell_optname *find_letter(char c)
{
	int i;

	for (i = 0; shell_options[i].name != NULL; i++) {
		if (shell_options[i].letter == c) {
			return &shell_options[i];
		}
	}
	return NULL;
}

static void print_options(struct shell *sh, bool reusable)
{
	int i;

	if (!reusable) {
		out_str("Current option settings\n");
	}
	for (i = 0; shell_options[i].name != NULL; i++) {
		bool on = (sh->options & shell_options[i].flag) != 0;

		if (reusable) {
			out_printf("set %co %s\n", on ? '-' : '+',
				   shell_options[i].name);
		} else {
			out_printf("%-16s%s\n", shell_options[i].name,
				   on ? "on" : "off");
		}
	}
}

static void apply(struct shell *sh, unsigned flag, bool on)
{
	if (flag == OPT_INTERACTIVE || flag == OPT_STDIN) {
		return;
	}
	if (flag == OPT_MONITOR && on && !(sh->options & OPT_MONITOR) &&
	    sh->interactive) {
		jobs_control_init(sh);
	}
	sh_set_option(sh, flag, on);
}

/*
 * Parses set-style options from argv (also used by main for the command
 * line).  Returns the index of the first operand, or -1 after an error.
 */
int set_parse_options(struct shell *sh, int argc, char **argv, bool *dashdash);
int set_parse_options(struct shell *sh, int argc, char **argv, bool *dashdash)
{
	const struct shell_optname *o;
	int i;
	char *p;
	bool on;

	*dashdash = false;
	for (i = 1; i < argc; i++) {
		p = argv[i];
		if ((p[0] != '-' && p[0] != '+') || p[1] == '\0') {
			if (strcmp(p, "-") == 0) {
				/* "set -": turn off -x and -v, end options */
				sh_set_option(sh, OPT_XTRACE | OPT_VERBOSE,
					      false);
				*dashdash = true;
				return i + 1;
			}
			break;
		}
		if (strcmp(p, "--") == 0) {
			*dashdash = true;
			return i + 1;
		}
		on = p[0] == '-';
		for (p++; *p; p++) {
			if (*p == 'o') {
				if (i + 1 >= argc) {
					print_options(sh, !on);
					continue;
				}
				o = find_long(argv[++i]);
				if (o == NULL) {
					sh_error(sh, "set: Illegal option -o %s",
						 argv[i]);
					return -1;
				}
				apply(sh, o->flag, on);
				continue;
			}
			o = find_letter(*p);
			if (o == NULL) {
				sh_error(sh, "set: Illegal option %c%c",
					 on ? '-' : '+', *p);
				return -1;
			}
			apply(sh, o->flag, on);
		}
	}
	return i;
}

int builtin_set(struct shell *sh, int argc, char **argv)
{
	bool dashdash;
	int i;

	if (argc == 1) {
		var_print(sh, 0, NULL);
		return 0;
	}
	i = set_parse_options(sh, argc, argv, &dashdash);
	if (i < 0) {
		sh_fatal(sh, 2);
		return 2;
	}
	if (i < argc || dashdash) {
		set_params(sh, argc - i, argv + i);
	}
	return 0;
}

int builtin_shift(struct shell *sh, int argc, char **argv)
{
	long n = 1;
	char *end;
	int i;

	if (argc > 1) {
		n = strtol(argv[1], &end, 10);
		if (*end != '\0' || n < 0 || argv[1][0] == '\0') {
			sh_error(sh, "shift: Illegal number: %s", argv[1]);
			sh_fatal(sh, 2);
			return 2;
		}
	}
	if (n > sh->argc) {
		sh_error(sh, "shift: can't shift that many");
		sh_fatal(sh, 2);
		return 2;
	}
	for (i = 0; i < n; i++) {
		free(sh->argv[i]);
	}
	memmove(sh->argv, sh->argv + n,
		(size_t)(sh->argc - n + 1) * sizeof(*sh->argv));
	sh->argc -= (int)n;
	return 0;
}
