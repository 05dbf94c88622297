/*
 * kill.c - kill [-s SIG | -SIG | -n NUM] pid|%job...  and  kill -l [status]
 * (XCU kill), with dash's messages.
 *
 * Signals are named with or without SIG, in any case, or by number
 * (0 included, to probe a process).  kill -l lists the names, or gives
 * the name for a signal number or a $? of 128+n.
 */
#include <errno.h>
#include <limits.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/types.h>

#include "builtin.h"
#include "jobs.h"
#include "output.h"
#include "shell.h"
#include "trap.h"

static bool kill_all_digits(const char *s)
{
	if (*s == '\0') {
		return false;
	}
	for (; *s != '\0'; s++) {
		if (*s < '0' || *s > '9') {
			return false;
		}
	}
	return true;
}

/* A non-negative decimal number, or -1 (after "Illegal number: s"). */
static long kill_number(struct shell *sh, const char *s)
{
	long v;

	errno = 0;
	v = kill_all_digits(s) ? strtol(s, NULL, 10) : -1;
	if (v < 0 || errno == ERANGE || v > INT_MAX) {
		sh_error(sh, "kill: Illegal number: %s", s);
		return -1;
	}
	return v;
}

/* The name of a signal without SIG: trap's table, then real-time
 * signals as RTMIN+n / RTMAX-n; NULL when it has none. */
static const char *kill_signame(int sig, char *tmp, size_t size)
{
	const char *name = trap_signame(sig);
	int mid;

	if (name != NULL || sig < SIGRTMIN || sig > SIGRTMAX) {
		return name;
	}
	mid = SIGRTMIN + (SIGRTMAX - SIGRTMIN) / 2;
	if (sig == SIGRTMIN) {
		snprintf(tmp, size, "RTMIN");
	} else if (sig <= mid) {
		snprintf(tmp, size, "RTMIN+%d", sig - SIGRTMIN);
	} else if (sig == SIGRTMAX) {
		snprintf(tmp, size, "RTMAX");
	} else {
		snprintf(tmp, size, "RTMAX-%d", SIGRTMAX - sig);
	}
	return tmp;
}

/* A signal number for a name or number (0 allowed), or -1. */
static int kill_decode(const char *s)
{
	char *end;
	long n;
	int sig;

	if (kill_all_digits(s)) {
		n = strtol(s, NULL, 10);
		return n < NSIG ? (int)n : -1;
	}
	if (strncasecmp(s, "SIG", 3) == 0) {
		s += 3;
	}
	if (strncasecmp(s, "RTMIN", 5) == 0 ||
	    strncasecmp(s, "RTMAX", 5) == 0) {
		bool max = strncasecmp(s, "RTMAX", 5) == 0;

		n = 0;
		if (s[5] != '\0') {
			if ((max ? s[5] != '-' : s[5] != '+') ||
			    !kill_all_digits(s + 6)) {
				return -1;
			}
			n = strtol(s + 6, &end, 10);
		}
		sig = max ? SIGRTMAX - (int)(n > 64 ? 64 : n) :
			    SIGRTMIN + (int)(n > 64 ? 64 : n);
		return sig >= SIGRTMIN && sig <= SIGRTMAX ? sig : -1;
	}
	sig = trap_signum(s);
	/* EXIT is for trap only */
	return sig > 0 ? sig : -1;
}

static int kill_usage(struct shell *sh)
{
	sh_error(sh, "kill: Usage: kill [-s sigspec | -signum | -sigspec] "
		 "[pid | job]... or\nkill -l [exitstatus]");
	return 2;
}

static int kill_list(struct shell *sh, int argc, char **argv)
{
	char tmp[32];
	const char *name;
	long n;
	int i;

	if (argc == 0) {
		out_str("0\n");
		for (i = 1; i < NSIG; i++) {
			name = kill_signame(i, tmp, sizeof(tmp));
			if (name != NULL) {
				out_printf("%s\n", name);
			} else {
				out_printf("%d\n", i);
			}
		}
		return 0;
	}
	/* like dash, only the first operand (POSIX allows one) */
	for (i = 0; i < 1; i++) {
		n = kill_number(sh, argv[i]);
		if (n < 0) {
			return 2;
		}
		if (n > 128) {
			n -= 128;
		}
		name = n > 0 && n < NSIG ? kill_signame((int)n, tmp,
							  sizeof(tmp)) : NULL;
		if (name == NULL) {
			sh_error(sh, "kill: invalid signal number or exit "
				 "status: %s", argv[i]);
			return 2;
		}
		out_printf("%s\n", name);
	}
	return 0;
}

/* Sends sig to each pid or %job in argv.  Returns 0, 1 if a kill failed,
 * or 2 on a bad operand. */
static int kill_send(struct shell *sh, int sig, int argc, char **argv)
{
	pid_t pid;
	long n;
	int i, status = 0;

	for (i = 0; i < argc; i++) {
		if (argv[i][0] == '%') {
			if (jobs_spec_pid(sh, argv[i], &pid) < 0) {
				return 2;
			}
		} else if (argv[i][0] == '-') {
			n = kill_number(sh, argv[i] + 1);
			if (n < 0) {
				return 2;
			}
			pid = -(pid_t)n;
		} else {
			n = kill_number(sh, argv[i]);
			if (n < 0) {
				return 2;
			}
			pid = (pid_t)n;
		}
		if (kill(pid, sig) != 0) {
			sh_error(sh, "kill: %s", strerror(errno));
			status = 1;
		}
	}
	return status;
}

int builtin_kill(struct shell *sh, int argc, char **argv)
{
	struct builtin_getopt g = BUILTIN_GETOPT_INIT;
	bool list = false;
	int sig = -1;
	int c, i;

	if (argc <= 1) {
		return kill_usage(sh);
	}
	i = 1;
	if (argv[1][0] == '-' && argv[1][1] != '-') {
		sig = kill_decode(argv[1] + 1);
		if (sig >= 0) {
			i = 2;
		}
	}
	if (sig < 0) {
		while ((c = builtin_getopt(sh, &g, argc, argv, "ls:n:")) !=
		       -1) {
			if (c == '?') {
				return 2;
			}
			if (c == 'l') {
				list = true;
				continue;
			}
			sig = kill_decode(g.arg);
			if (sig < 0) {
				sh_error(sh, "kill: invalid signal number or "
					 "name: %s", g.arg);
				return 2;
			}
		}
		i = g.ind;
	}
	if (list) {
		if (sig >= 0) {
			return kill_usage(sh);
		}
		return kill_list(sh, argc - i, argv + i);
	}
	if (i >= argc) {
		return kill_usage(sh);
	}
	if (sig < 0) {
		sig = SIGTERM;
	}
	return kill_send(sh, sig, argc - i, argv + i);
}
