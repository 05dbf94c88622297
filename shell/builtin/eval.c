/*
 * eval.c - the eval, . (dot) and exec special builtins (XCU 2.14).
 */
#include <errno.h>
#include <string.h>
#include <unistd.h>

#include <hersh/buf.h>

#include "builtin.h"
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
	trap_reset_for_exec(sh);
	execve(path, argv + 1, var_environ(sh));
	err = errno;
	sh_error(sh, "exec: %s: %s", argv[1],
		 err == ENOENT ? "not found" : strerror(err));
	sh_exit(sh, err == ENOENT ? 127 : 126);
}
