/*
 * flow.c - break, continue, return and exit (XCU 2.14): they only record
 * where to unwind to; the executor does the unwinding.
 */
#include <stdlib.h>

#include "builtin.h"
#include "jobs.h"
#include "shell.h"

/* Parses an optional count operand; -1 on error (message printed). */
static long count_arg(struct shell *sh, int argc, char **argv, long dflt)
{
	char *end;
	long n;

	if (argc < 2) {
		return dflt;
	}
	n = strtol(argv[1], &end, 10);
	if (*end != '\0' || argv[1][0] == '\0' || n < 0) {
		sh_error(sh, "%s: Illegal number: %s", argv[0], argv[1]);
		return -1;
	}
	return n;
}

static int loop_control(struct shell *sh, int argc, char **argv,
			enum shell_unwind kind)
{
	long n = count_arg(sh, argc, argv, 1);

	if (n < 0 || n == 0) {
		if (n == 0) {
			sh_error(sh, "%s: Illegal number: %s", argv[0],
				 argv[1]);
		}
		sh_fatal(sh, 2);
		return 2;
	}
	if (sh->loop_depth == 0) {
		return 0;
	}
	if (n > sh->loop_depth) {
		n = sh->loop_depth;
	}
	sh->unwind = kind;
	sh->unwind_count = (int)n;
	return 0;
}

int builtin_break(struct shell *sh, int argc, char **argv)
{
	return loop_control(sh, argc, argv, UNWIND_BREAK);
}

int builtin_continue(struct shell *sh, int argc, char **argv)
{
	return loop_control(sh, argc, argv, UNWIND_CONTINUE);
}

int builtin_return(struct shell *sh, int argc, char **argv)
{
	long n = count_arg(sh, argc, argv, sh->status);

	if (n < 0) {
		sh_fatal(sh, 2);
		return 2;
	}
	sh->status = (int)(n & 0xff);
	sh->unwind = UNWIND_RETURN;
	return sh->status;
}

/* logout [n]: exit, from a login shell only (as in bash, ksh and zsh). */
int builtin_logout(struct shell *sh, int argc, char **argv)
{
	if (!sh->login || sh->subshell) {
		sh_error(sh, "logout: not a login shell: use `exit'");
		return 1;
	}
	return builtin_exit(sh, argc, argv);
}

int builtin_exit(struct shell *sh, int argc, char **argv)
{
	/* in a trap, a bare exit uses $? from before the trap (XCU exit) */
	long n = count_arg(sh, argc, argv,
			   sh->in_trap ? sh->trap_status : sh->status);

	if (sh->interactive && !sh->subshell && jobs_have_stopped(sh) &&
	    sh->exit_warned + 1 != sh->cmd_serial) {
		/* warn once; an exit right after the warning exits */
		sh_warn(sh, "You have stopped jobs.");
		sh->exit_warned = sh->cmd_serial;
		return 1;
	}
	if (n < 0) {
		sh_fatal(sh, 2);
		return 2;
	}
	sh->status = (int)(n & 0xff);
	sh->unwind = UNWIND_EXIT;
	sh->unwind_count = 0;
	return sh->status;
}
