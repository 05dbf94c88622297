/*
 * ask.c - the builtin ask: `ask QUESTION...` asks the companion and
 * prints its answer.  Exit status 0 answered, 1 not understood, 2 the
 * companion is unavailable (DESIGN.md, "Interfaces users touch").
 */
#include <stdlib.h>
#include <string.h>

#include <hersh/buf.h>

#include "builtin.h"
#include "companion.h"
#include "output.h"

int builtin_ask(struct shell *sh, int argc, char **argv)
{
	struct buf question = BUF_INIT, answer = BUF_INIT, clean = BUF_INIT;
	int i, rc;

	if (argc < 2) {
		err_printf("usage: ask QUESTION...\n");
		return COMPANION_FAIL;
	}
	for (i = 1; i < argc; i++) {
		if (i > 1) {
			buf_putc(&question, ' ');
		}
		buf_puts(&question, argv[i]);
	}
	rc = companion_ask(sh, buf_str(&question), &answer);
	companion_sanitize(&clean, answer.data ? answer.data : "", answer.len,
			   true);
	if (rc == COMPANION_UNAVAILABLE) {
		err_printf("hersh: ask: companion unavailable: %s\n",
			   buf_str(&clean));
	} else {
		out_write(buf_str(&clean), clean.len);
		out_putc('\n');
	}
	buf_release(&question);
	buf_release(&answer);
	buf_release(&clean);
	return rc;
}
