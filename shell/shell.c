/*
 * shell.c - the shell's state, messages, and fatal-error policy.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <hersh/buf.h>
#include <hersh/io.h>

#include "output.h"
#include "shell.h"
#include "trap.h"

struct shell *shell_main;

const struct shell_optname shell_options[] = {
	{ "allexport", 'a', OPT_ALLEXPORT },
	{ "notify", 'b', OPT_NOTIFY },
	{ "noclobber", 'C', OPT_NOCLOBBER },
	{ "errexit", 'e', OPT_ERREXIT },
	{ "noglob", 'f', OPT_NOGLOB },
	{ "hashall", 'h', OPT_HASHALL },
	{ "interactive", 'i', OPT_INTERACTIVE },
	{ "monitor", 'm', OPT_MONITOR },
	{ "noexec", 'n', OPT_NOEXEC },
	{ "stdin", 's', OPT_STDIN },
	{ "nounset", 'u', OPT_NOUNSET },
	{ "verbose", 'v', OPT_VERBOSE },
	{ "xtrace", 'x', OPT_XTRACE },
	{ "ignoreeof", 0, OPT_IGNOREEOF },
	{ "nolog", 0, OPT_NOLOG },
	{ "vi", 0, OPT_VI },
	{ "emacs", 0, OPT_EMACS },
	{ "pipefail", 0, OPT_PIPEFAIL },
	{ NULL, 0, 0 },
};

static void message(struct shell *sh, bool lineno, const char *fmt,
		    va_list ap)
{
	struct buf b = BUF_INIT;

	out_flush();
	buf_puts(&b, sh->arg0 ? sh->arg0 : "hersh");
	buf_puts(&b, ": ");
	if (lineno) {
		buf_printf(&b, "%d: ", sh->lineno);
	}
	buf_vprintf(&b, fmt, ap);
	buf_putc(&b, '\n');
	if (!b.err) {
		(void)io_write_all(2, b.data, b.len);
	}
	buf_release(&b);
}

void sh_error(struct shell *sh, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	message(sh, true, fmt, ap);
	va_end(ap);
}

void sh_warn(struct shell *sh, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	message(sh, false, fmt, ap);
	va_end(ap);
}

void sh_fatal(struct shell *sh, int status)
{
	sh->status = status;
	if (sh->fatal_suppressed > 0) {
		return;
	}
	if (!sh->interactive || sh->subshell) {
		sh->unwind = UNWIND_EXIT;
	} else {
		/* abandon the command: unwind to the prompt */
		sh->unwind = UNWIND_EXIT;
		sh->unwind_count = -1;
	}
}

void sh_exit(struct shell *sh, int status)
{
	sh->status = status;
	trap_run_exit(sh);
	out_flush();
	if (sh->subshell) {
		/* a forked child: nothing of the parent's to tidy (freeing
		 * the tables, atexit handlers) -- just go */
		_exit(sh->status);
	}
	exit(sh->status);
}

const char *sh_dollar_minus(struct shell *sh)
{
	static char buf[32];
	size_t i, n = 0;

	for (i = 0; shell_options[i].name != NULL; i++) {
		if (shell_options[i].letter &&
		    (sh->options & shell_options[i].flag)) {
			buf[n++] = shell_options[i].letter;
		}
	}
	buf[n] = '\0';
	return buf;
}

void sh_set_option(struct shell *sh, unsigned flag, bool on)
{
	if (on) {
		sh->options |= flag;
	} else {
		sh->options &= ~flag;
	}
	if (on && flag == OPT_VI) {
		sh->options &= ~OPT_EMACS;
	} else if (on && flag == OPT_EMACS) {
		sh->options &= ~OPT_VI;
	}
}

void sh_quote(struct buf *b, const char *s)
{
	const char *p;

	buf_putc(b, '\'');
	for (p = s; *p; p++) {
		if (*p == '\'') {
			buf_puts(b, "'\\''");
		} else {
			buf_putc(b, *p);
		}
	}
	buf_putc(b, '\'');
}
