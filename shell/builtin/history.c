/*
 * history.c - fc (XCU fc) and history: list, edit and re-run commands from
 * the interactive history.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <hersh/buf.h>
#include <hersh/io.h>
#include <hersh/xalloc.h>

#include "builtin.h"
#include "edit.h"
#include "exec.h"
#include "output.h"
#include "shell.h"
#include "var.h"

/*
 * Resolves an fc operand to an absolute history number: a positive number
 * is absolute, a negative one counts back from the newest (which is the fc
 * command itself, already removed), a string is the newest command that
 * starts with it.  Returns 0 when nothing matches.
 */
static int resolve(const char *spec, int first, int last)
{
	char *end;
	long n;
	int i;
	const char *line;

	n = strtol(spec, &end, 10);
	if (*spec != '\0' && *end == '\0') {
		if (n < 0) {
			n = last + 1 + n;
		} else if (n == 0) {
			n = last;
		}
		if (n < first) {
			n = first;
		}
		if (n > last) {
			n = last;
		}
		return (int)n;
	}
	for (i = last; i >= first; i--) {
		line = edit_history_get(i);
		if (line && strncmp(line, spec, strlen(spec)) == 0) {
			return i;
		}
	}
	return 0;
}

/* Replaces the first occurrence of old by new in s (fc -s old=new). */
static char *substitute(const char *s, const char *pat)
{
	const char *eq = strchr(pat, '='), *at;
	size_t olen;

	if (eq == NULL || eq == pat) {
		return xstrdup(s);
	}
	olen = (size_t)(eq - pat);
	for (at = s; *at; at++) {
		if (strncmp(at, pat, olen) == 0) {
			return xasprintf("%.*s%s%s", (int)(at - s), s, eq + 1,
					 at + olen);
		}
	}
	return xstrdup(s);
}

static int rerun(struct shell *sh, const char *line)
{
	err_printf("%s\n", line);
	edit_history_add(line);
	return exec_string(sh, line, strlen(line));
}

/* fc -e EDITOR: edit lines first..last in a file, then run the result. */
static int edit_and_run(struct shell *sh, const char *editor, int first,
			int last)
{
	char path[] = "/tmp/hersh-fc.XXXXXX";
	struct buf b = BUF_INIT;
	char *cmd, chunk[4096];
	int fd, i, step = first <= last ? 1 : -1, status;
	ssize_t r;

	fd = mkstemp(path);
	if (fd < 0) {
		sh_error(sh, "fc: %s", strerror(errno));
		return 1;
	}
	for (i = first;; i += step) {
		const char *line = edit_history_get(i);

		if (line != NULL) {
			buf_puts(&b, line);
			buf_putc(&b, '\n');
		}
		if (i == last) {
			break;
		}
	}
	(void)io_write_all(fd, b.data ? b.data : "", b.len);
	close(fd);
	buf_reset(&b);
	buf_puts(&b, editor);
	buf_putc(&b, ' ');
	sh_quote(&b, path);
	cmd = buf_steal(&b, NULL);
	status = exec_string(sh, cmd, strlen(cmd));
	free(cmd);
	if (status != 0) {
		unlink(path);
		return status;
	}
	fd = open(path, O_RDONLY | O_CLOEXEC);
	unlink(path);
	if (fd < 0) {
		return 1;
	}
	while ((r = io_read(fd, chunk, sizeof(chunk))) > 0) {
		buf_append(&b, chunk, (size_t)r);
	}
	close(fd);
	if (b.len > 0 && b.data[b.len - 1] == '\n') {
		buf_truncate(&b, b.len - 1);
	}
	status = b.len ? rerun(sh, buf_str(&b)) : 0;
	buf_release(&b);
	return status;
}

int builtin_fc(struct shell *sh, int argc, char **argv)
{
	struct builtin_getopt g = BUILTIN_GETOPT_INIT;
	const char *editor = NULL, *subst = NULL, *line;
	bool list = false, numbers = true, reverse = false, again = false;
	int c, first, last, lo, hi, i, base, newest, status;
	char *cmd;

	for (;;) {
		/* a negative number is an operand (fc -l -3 -1), not options */
		if (g.pos == 0 && g.ind < argc && argv[g.ind][0] == '-' &&
		    argv[g.ind][1] >= '0' && argv[g.ind][1] <= '9') {
			break;
		}
		c = builtin_getopt(sh, &g, argc, argv, "e:lnrs");
		if (c == -1) {
			break;
		}
		switch (c) {
		case 'e': editor = g.arg; break;
		case 'l': list = true; break;
		case 'n': numbers = false; break;
		case 'r': reverse = true; break;
		case 's': again = true; break;
		default: return 2;
		}
	}
	base = edit_history_base();
	newest = base + edit_history_length() - 1;
	/* the fc command itself is the newest entry: it is not one of the
	 * commands fc works on, and an editing fc replaces it (POSIX) */
	if (edit_history_length() > 0) {
		if (!list) {
			edit_history_remove_last();
		}
		newest--;
	}
	if (newest < base) {
		sh_error(sh, "fc: history is empty");
		return 1;
	}
	if (again) {
		if (g.ind < argc && strchr(argv[g.ind], '=') != NULL) {
			subst = argv[g.ind++];
		}
		first = g.ind < argc ? resolve(argv[g.ind], base, newest)
				     : newest;
		line = first ? edit_history_get(first) : NULL;
		if (line == NULL) {
			sh_error(sh, "fc: no command found");
			return 1;
		}
		cmd = subst ? substitute(line, subst) : xstrdup(line);
		status = rerun(sh, cmd);
		free(cmd);
		return status;
	}
	if (list) {
		first = g.ind < argc ? resolve(argv[g.ind], base, newest)
				     : (newest - 15 > base ? newest - 15 : base);
		last = g.ind + 1 < argc ? resolve(argv[g.ind + 1], base, newest)
					: newest;
	} else {
		first = g.ind < argc ? resolve(argv[g.ind], base, newest)
				     : newest;
		last = g.ind + 1 < argc ? resolve(argv[g.ind + 1], base, newest)
					: first;
	}
	if (first == 0 || last == 0) {
		sh_error(sh, "fc: history specification out of range");
		return 1;
	}
	if (!list) {
		if (editor == NULL) {
			editor = var_get(sh, "FCEDIT");
		}
		if (editor == NULL) {
			editor = var_get(sh, "EDITOR");
		}
		return edit_and_run(sh, editor ? editor : "ed", first, last);
	}
	lo = first < last ? first : last;
	hi = first < last ? last : first;
	if (first > last) {
		reverse = !reverse;
	}
	for (i = reverse ? hi : lo; reverse ? i >= lo : i <= hi;
	     i += reverse ? -1 : 1) {
		line = edit_history_get(i);
		if (line == NULL) {
			continue;
		}
		if (numbers) {
			out_printf("%d\t%s\n", i, line);
		} else {
			out_printf("\t%s\n", line);
		}
	}
	return 0;
}

int builtin_history(struct shell *sh, int argc, char **argv)
{
	int base = edit_history_base(), n = edit_history_length(), i, from;
	const char *line;

	if (argc > 1 && strcmp(argv[1], "-c") == 0) {
		edit_history_clear();
		return 0;
	}
	from = base;
	if (argc > 1) {
		char *end;
		long k = strtol(argv[1], &end, 10);

		if (*end != '\0' || k < 0) {
			sh_error(sh, "history: %s: numeric argument required",
				 argv[1]);
			return 2;
		}
		if (k < n) {
			from = base + n - (int)k;
		}
	}
	for (i = from; i < base + n; i++) {
		line = edit_history_get(i);
		if (line != NULL) {
			out_printf("%5d  %s\n", i, line);
		}
	}
	return 0;
}
