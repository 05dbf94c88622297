/*
 * wait.c - wait, jobs, fg and bg (XCU wait, jobs, fg, bg).
 */
#include "builtin.h"
#include "jobs.h"
#include "shell.h"

int builtin_wait(struct shell *sh, int argc, char **argv)
{
	int i, status = 0;

	if (argc < 2) {
		return jobs_wait_all(sh);
	}
	for (i = 1; i < argc; i++) {
		status = jobs_wait_one(sh, argv[i]);
	}
	return status;
}

int builtin_jobs(struct shell *sh, int argc, char **argv)
{
	struct builtin_getopt g = BUILTIN_GETOPT_INIT;
	int c, mode = 0, i, status = 0;

	while ((c = builtin_getopt(sh, &g, argc, argv, "lp")) != -1) {
		if (c == '?') {
			return 2;
		}
		mode = c;
	}
	if (g.ind >= argc) {
		return jobs_print(sh, NULL, mode);
	}
	for (i = g.ind; i < argc; i++) {
		status |= jobs_print(sh, argv[i], mode);
	}
	return status;
}

int builtin_fg(struct shell *sh, int argc, char **argv)
{
	return jobs_continue(sh, argc > 1 ? argv[1] : NULL, true);
}

int builtin_bg(struct shell *sh, int argc, char **argv)
{
	int i, status = 0;

	if (argc < 2) {
		return jobs_continue(sh, NULL, false);
	}
	for (i = 1; i < argc; i++) {
		status |= jobs_continue(sh, argv[i], false);
	}
	return status;
}
