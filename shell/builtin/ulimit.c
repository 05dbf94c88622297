/*
 * ulimit.c - ulimit [-HSa] [-tfdscmlpnvwr] [limit] (XCU ulimit, with
 * dash's extra resources and output).
 *
 * The default resource is -f.  Sizes are in 512-byte blocks (-f, -c) or
 * kbytes; "unlimited" is RLIM_INFINITY.  Without -H or -S a new limit
 * sets both and the soft one is shown.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdbool.h>
#include <stdint.h>
#include <string.h>
#include <sys/resource.h>

#include "builtin.h"
#include "output.h"
#include "shell.h"

struct ulimit_res {
	const char *name;	/* as ulimit -a shows it */
	int resource;
	int factor;		/* bytes per unit */
	char option;
};

static const struct ulimit_res ulimit_table[] = {
	{ "time(seconds)", RLIMIT_CPU, 1, 't' },
	{ "file(blocks)", RLIMIT_FSIZE, 512, 'f' },
	{ "data(kbytes)", RLIMIT_DATA, 1024, 'd' },
	{ "stack(kbytes)", RLIMIT_STACK, 1024, 's' },
	{ "coredump(blocks)", RLIMIT_CORE, 512, 'c' },
	{ "memory(kbytes)", RLIMIT_RSS, 1024, 'm' },
	{ "locked memory(kbytes)", RLIMIT_MEMLOCK, 1024, 'l' },
	{ "process", RLIMIT_NPROC, 1, 'p' },
	{ "nofiles", RLIMIT_NOFILE, 1, 'n' },
	{ "vmemory(kbytes)", RLIMIT_AS, 1024, 'v' },
	{ "locks", RLIMIT_LOCKS, 1, 'w' },
	{ "rtprio", RLIMIT_RTPRIO, 1, 'r' },
};

#define ULIMIT_COUNT (sizeof(ulimit_table) / sizeof(ulimit_table[0]))

enum ulimit_how {
	ULIMIT_SOFT = 1 << 0,
	ULIMIT_HARD = 1 << 1,
};

static void ulimit_print(int how, const struct ulimit_res *r)
{
	struct rlimit lim;
	rlim_t v;

	if (getrlimit(r->resource, &lim) < 0) {
		out_str("unknown\n");
		return;
	}
	v = (how & ULIMIT_SOFT) ? lim.rlim_cur : lim.rlim_max;
	if (v == RLIM_INFINITY) {
		out_str("unlimited\n");
	} else {
		out_printf("%" PRIuMAX "\n", (uintmax_t)(v / r->factor));
	}
}

/* Parses a limit: "unlimited" or decimal digits.  0 or -1. */
static int ulimit_parse(const char *s, const struct ulimit_res *r,
			rlim_t *out)
{
	rlim_t v = 0;

	if (strcmp(s, "unlimited") == 0) {
		*out = RLIM_INFINITY;
		return 0;
	}
	if (*s == '\0') {
		return -1;
	}
	for (; *s != '\0'; s++) {
		if (*s < '0' || *s > '9') {
			return -1;
		}
		if (v > (RLIM_INFINITY - 1 - (rlim_t)(*s - '0')) / 10 /
			    (rlim_t)r->factor) {
			return -1;
		}
		v = v * 10 + (rlim_t)(*s - '0');
	}
	*out = v * (rlim_t)r->factor;
	return 0;
}

int builtin_ulimit(struct shell *sh, int argc, char **argv)
{
	struct builtin_getopt g = BUILTIN_GETOPT_INIT;
	const struct ulimit_res *r = &ulimit_table[1];
	struct rlimit lim;
	int how = ULIMIT_SOFT | ULIMIT_HARD;
	bool all = false;
	rlim_t v;
	size_t i;
	int c;

	while ((c = builtin_getopt(sh, &g, argc, argv, "HSatfdscmlpnvwr")) !=
	       -1) {
		if (c == '?') {
			return 2;
		} else if (c == 'H') {
			how = ULIMIT_HARD;
		} else if (c == 'S') {
			how = ULIMIT_SOFT;
		} else if (c == 'a') {
			all = true;
		} else {
			for (i = 0; i < ULIMIT_COUNT; i++) {
				if (ulimit_table[i].option == c) {
					r = &ulimit_table[i];
				}
			}
		}
	}
	if (g.ind < argc && (all || g.ind + 1 < argc)) {
		sh_error(sh, "ulimit: too many arguments");
		return 2;
	}
	if (all) {
		for (i = 0; i < ULIMIT_COUNT; i++) {
			out_printf("%-20s ", ulimit_table[i].name);
			ulimit_print(how, &ulimit_table[i]);
		}
		return 0;
	}
	if (g.ind >= argc) {
		ulimit_print(how, r);
		return 0;
	}
	if (ulimit_parse(argv[g.ind], r, &v) < 0) {
		sh_error(sh, "ulimit: bad number");
		return 2;
	}
	if (getrlimit(r->resource, &lim) < 0) {
		lim.rlim_cur = lim.rlim_max = RLIM_INFINITY;
	}
	if (how & ULIMIT_HARD) {
		lim.rlim_max = v;
	}
	if (how & ULIMIT_SOFT) {
		lim.rlim_cur = v;
	}
	if (setrlimit(r->resource, &lim) < 0) {
		sh_error(sh, "ulimit: error setting limit (%s)",
			 strerror(errno));
		return 2;
	}
	return 0;
}
