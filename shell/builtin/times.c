/*
 * times.c - the special builtin times (XCU 2.14 times): the user and
 * system CPU time of the shell, then of its children, in dash's format
 * "0m0.010000s 0m0.002000s".
 */
#include <sys/times.h>
#include <unistd.h>

#include "builtin.h"
#include "output.h"

static void times_pair(clock_t user, clock_t sys, long hz)
{
	long per_min = 60 * hz;

	out_printf("%ldm%fs %ldm%fs\n", (long)user / per_min,
		   (double)((long)user % per_min) / (double)hz,
		   (long)sys / per_min,
		   (double)((long)sys % per_min) / (double)hz);
}

int builtin_times(struct shell *sh, int argc, char **argv)
{
	struct tms t;
	long hz = sysconf(_SC_CLK_TCK);

	if (hz <= 0) {
		hz = 100;
	}
	if (times(&t) == (clock_t)-1) {
		return 1;
	}
	times_pair(t.tms_utime, t.tms_stime, hz);
	times_pair(t.tms_cutime, t.tms_cstime, hz);
	return 0;
}
