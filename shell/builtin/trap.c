/*
 * trap.c - the trap special builtin (XCU 2.14 trap).
 */
#include <stdlib.h>
#include <string.h>

#include <hersh/buf.h>

#include "builtin.h"
#include "output.h"
#include "shell.h"
#include "trap.h"

static void print_traps(struct shell *sh)
{
	struct buf b = BUF_INIT;
	int sig;

	for (sig = 0; sig < NSIG; sig++) {
		if (sh->traps[sig] == NULL || trap_signame(sig) == NULL) {
			continue;
		}
		buf_reset(&b);
		buf_puts(&b, "trap -- ");
		sh_quote(&b, sh->traps[sig]);
		buf_printf(&b, " %s\n", trap_signame(sig));
		out_write(b.data, b.len);
	}
	buf_release(&b);
}

static bool is_unsigned(const char *s)
{
	if (*s == '\0') {
		return false;
	}
	for (; *s; s++) {
		if (*s < '0' || *s > '9') {
			return false;
		}
	}
	return true;
}

int builtin_trap(struct shell *sh, int argc, char **argv)
{
	const char *action;
	int i = 1, sig, status = 0;

	if (i < argc && strcmp(argv[i], "--") == 0) {
		i++;
	}
	if (i >= argc) {
		print_traps(sh);
		return 0;
	}
	if (is_unsigned(argv[i]) || i + 1 == argc) {
		action = NULL;
	} else {
		action = argv[i++];
		if (strcmp(action, "-") == 0) {
			action = NULL;
		}
	}
	for (; i < argc; i++) {
		sig = trap_signum(argv[i]);
		if (sig < 0 || trap_set(sh, sig, action) < 0) {
			sh_error(sh, "trap: %s: bad trap", argv[i]);
			status = 1;
		}
	}
	return status;
}
