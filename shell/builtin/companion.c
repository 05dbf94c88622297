/*
 * companion.c - the builtin companion: status, import FILE, export,
 * forget RANGE, pause, resume, stop, set KEY VALUE.  Exit status 0 done,
 * 1 bad usage or refused by the daemon, 2 the companion is unavailable.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <hersh/buf.h>

#include "builtin.h"
#include "companion.h"
#include "output.h"

static const char companion_usage[] =
	"usage: companion status | import FILE | export | forget RANGE |\n"
	"       pause | resume | stop | set [KEY VALUE] | why |\n"
	"       mute KIND | unmute KIND\n"
	"RANGE: 30m, 1h, 2d, 1w, today, yesterday, all, or a search term\n"
	"KEY: name, user, chattiness (quiet|normal|chatty), "
	"tone (plain|friendly|playful), long-command (30s), memory-limit (512M)\n"
	"KIND: typo, fix, alias, mail, long, recall, care, all\n";

/* Prints daemon text, sanitized, with a final newline. */
static void companion_print(const struct buf *text, bool to_stderr,
			    const char *what)
{
	struct buf clean = BUF_INIT;

	companion_sanitize(&clean, text->data ? text->data : "", text->len,
			   true);
	if (to_stderr) {
		err_printf("hersh: companion %s: %s\n", what, buf_str(&clean));
	} else if (clean.len > 0) {
		out_write(clean.data, clean.len);
		out_putc('\n');
	}
	buf_release(&clean);
}

static void companion_issue(long long line, const char *why, void *arg)
{
	struct buf clean = BUF_INIT;

	companion_sanitize(&clean, why, strlen(why), false);
	err_printf("hersh: companion import: line %lld: %s\n", line,
		   buf_str(&clean));
	buf_release(&clean);
}

static int companion_do_import(struct shell *sh, const char *file)
{
	struct buf text = BUF_INIT;
	int fd, rc;

	if (strcmp(file, "-") == 0) {
		fd = 0;
	} else {
		fd = open(file, O_RDONLY | O_CLOEXEC);
		if (fd < 0) {
			err_printf("hersh: companion import: %s: %s\n", file,
				   strerror(errno));
			return COMPANION_FAIL;
		}
	}
	rc = companion_import(sh, fd, companion_issue, NULL, &text);
	if (fd != 0) {
		close(fd);
	}
	companion_print(&text, rc != COMPANION_OK, "import");
	buf_release(&text);
	return rc;
}

/* Export data: untrusted bytes; anything but printable ASCII and
 * newlines (what JSON lines are made of) becomes '?'. */
static int companion_write(const char *p, size_t n, void *arg)
{
	char tmp[4096];
	size_t i, k = 0;

	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)p[i];

		tmp[k++] = (c >= 0x20 && c < 0x80) || c == '\n' ? (char)c :
			   '?';
		if (k == sizeof(tmp)) {
			out_write(tmp, k);
			k = 0;
		}
	}
	out_write(tmp, k);
	return 0;
}

static int companion_do_export(struct shell *sh)
{
	struct buf text = BUF_INIT;
	int rc;

	rc = companion_export(sh, companion_write, NULL, &text);
	if (out_flush() < 0 && rc == COMPANION_OK) {
		buf_reset(&text);
		buf_puts(&text, "write error");
		rc = COMPANION_FAIL;
	}
	if (rc != COMPANION_OK) {
		companion_print(&text, true, "export");
	}
	buf_release(&text);
	return rc;
}

int builtin_companion(struct shell *sh, int argc, char **argv)
{
	struct buf text = BUF_INIT;
	const char *verb = argc > 1 ? argv[1] : "";
	int rc;

	if (strcmp(verb, "status") == 0 && argc == 2) {
		rc = companion_control(sh, "status", NULL, NULL, true, &text);
	} else if (strcmp(verb, "import") == 0 && argc == 3) {
		return companion_do_import(sh, argv[2]);
	} else if (strcmp(verb, "export") == 0 && argc == 2) {
		return companion_do_export(sh);
	} else if (strcmp(verb, "forget") == 0 && argc == 3 &&
		   argv[2][0] != '\0') {
		rc = companion_control(sh, "forget", argv[2], NULL, true,
				       &text);
	} else if ((strcmp(verb, "pause") == 0 ||
		    strcmp(verb, "resume") == 0) && argc == 2) {
		rc = companion_control(sh, verb, NULL, NULL, true, &text);
	} else if (strcmp(verb, "stop") == 0 && argc == 2) {
		rc = companion_control(sh, "stop", NULL, NULL, false, &text);
		if (rc == COMPANION_UNAVAILABLE) {
			out_str("hershd is not running\n");
			buf_release(&text);
			return COMPANION_OK;
		}
	} else if (strcmp(verb, "set") == 0 && (argc == 2 || argc == 4)) {
		rc = companion_control(sh, "set", argc == 4 ? argv[2] : NULL,
				       argc == 4 ? argv[3] : NULL, true,
				       &text);
	} else if ((strcmp(verb, "why") == 0 && argc == 2) ||
		   ((strcmp(verb, "mute") == 0 ||
		     strcmp(verb, "unmute") == 0) && argc == 3)) {
		/* the suggestion verbs (docs/suggestions.md) */
		rc = companion_control(sh, verb, argc == 3 ? argv[2] : NULL,
				       NULL, true, &text);
	} else if (strcmp(verb, "help") == 0 || strcmp(verb, "--help") == 0) {
		out_str(companion_usage);
		return COMPANION_OK;
	} else {
		err_printf("%s", companion_usage);
		return COMPANION_FAIL;
	}
	companion_print(&text, rc != COMPANION_OK, verb);
	buf_release(&text);
	return rc;
}
