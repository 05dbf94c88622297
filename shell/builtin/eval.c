/*
 * eval.c - the eval, . (dot) and exec special builtins (XCU 2.14), and
 * source, bash's regular-builtin spelling of dot.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <hersh/buf.h>
#include <hersh/xalloc.h>

#include "builtin.h"
#include "companion.h"
#include "exec.h"
#include "path.h"
#include "shell.h"
#include "trap.h"
#include "var.h"

int builtin_eval(struct shell *sh, int argc, char **argv)
{
	struct buf b = BUF_INIT;
	int i, status;

	for (i = 1; i < argc; i++) {
		if (i > 1) {
			buf_putc(&b, ' ');
		}
		buf_puts(&b, argv[i]);
	}
	if (b.len == 0) {
		return 0;
	}
	status = exec_string(sh, buf_str(&b), b.len);
	buf_release(&b);
	return status;
}

int builtin_dot(struct shell *sh, int argc, char **argv)
{
	const char *path;

	if (argc < 2) {
		sh_error(sh, ".: filename argument required");
		sh_fatal(sh, 2);
		return 2;
	}
	path = argv[1];
	if (strchr(path, '/') == NULL) {
		/* XCU dot: searched for along PATH; it need not be
		 * executable, only readable */
		path = path_find_readable(sh, argv[1]);
		if (path == NULL) {
			sh_error(sh, ".: %s: not found", argv[1]);
			sh_fatal(sh, 2);
			return 2;
		}
	}
	return exec_dot_file(sh, path);
}

/*
 * source FILE [ARG...]: `.` as bash, ksh and zsh users type it.  Not POSIX,
 * so a regular builtin: a function may be called source, and a file that
 * cannot be found or read is an error (status 1), not the end of the
 * shell.  A name without a slash is looked for along PATH, then in the
 * current directory (as bash does outside POSIX mode); ARGs are the
 * positional parameters while the file runs.
 */
int builtin_source(struct shell *sh, int argc, char **argv)
{
	char **saved_argv = sh->argv;
	int saved_argc = sh->argc, status, i;
	const char *path;

	if (argc < 2) {
		sh_error(sh, "source: filename argument required");
		return 2;
	}
	path = argv[1];
	if (strchr(path, '/') == NULL &&
	    (path = path_find_readable(sh, argv[1])) == NULL) {
		path = argv[1];
	}
	if (access(path, R_OK) < 0) {
		sh_error(sh, "source: %s: %s", argv[1], strerror(errno));
		return 1;
	}
	if (argc == 2) {
		return exec_dot_file(sh, path);
	}
	sh->argc = argc - 2;
	sh->argv = xcalloc((size_t)argc - 1, sizeof(char *));
	for (i = 2; i < argc; i++) {
		sh->argv[i - 2] = xstrdup(argv[i]);
	}
	status = exec_dot_file(sh, path);
	for (i = 0; i < sh->argc; i++) {
		free(sh->argv[i]);
	}
	free(sh->argv);
	sh->argv = saved_argv;
	sh->argc = saved_argc;
	return status;
}

int builtin_exec(struct shell *sh, int argc, char **argv)
{
	const char *path = argv[1];
	bool noexec = false;
	int err;

	if (argc < 2) {
		return 0;
	}
	if (strcmp(argv[1], "--") == 0) {
		argv++;
		argc--;
		if (argc < 2) {
			return 0;
		}
		path = argv[1];
	}
	if (strchr(path, '/') == NULL) {
		path = path_lookup(sh, argv[1], NULL, &noexec);
		if (path == NULL) {
			sh_error(sh, "exec: %s: %s", argv[1],
				 noexec ? "Permission denied" : "not found");
			sh_exit(sh, noexec ? 126 : 127);
		}
	}
	/* what the companion has queued goes now (or to the spool): the
	 * process is replaced, no atexit handler will run */
	companion_exit();
	trap_reset_for_exec(sh);
	execve(path, argv + 1, var_environ(sh));
	err = errno;
	sh_error(sh, "exec: %s: %s", argv[1],
		 err == ENOENT ? "not found" : strerror(err));
	sh_exit(sh, err == ENOENT ? 127 : 126);
}
