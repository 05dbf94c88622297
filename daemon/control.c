/*
 * control.c - status, forget, pause/resume and persona settings (see
 * control.h).
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "clock.h"
#include "control.h"
#include "sandbox.h"
#include "store.h"
#include "suggest.h"

#define CONTROL_VALUE_MAX 64

static void control_size(struct buf *out, const char *path)
{
	struct stat sb;
	long long size = 0;

	if (stat(path, &sb) == 0) {
		size = (long long)sb.st_size;
	}
	if (size >= 1024 * 1024) {
		buf_printf(out, "%.1f MiB", (double)size / (1024.0 * 1024.0));
	} else {
		buf_printf(out, "%.1f KiB", (double)size / 1024.0);
	}
}

static void control_duration(struct buf *out, int64_t s)
{
	if (s >= 86400) {
		buf_printf(out, "%lldd%02lldh", (long long)(s / 86400),
			   (long long)(s % 86400 / 3600));
	} else if (s >= 3600) {
		buf_printf(out, "%lldh%02lldm", (long long)(s / 3600),
			   (long long)(s % 3600 / 60));
	} else if (s >= 60) {
		buf_printf(out, "%lldm%02llds", (long long)(s / 60),
			   (long long)(s % 60));
	} else {
		buf_printf(out, "%llds", (long long)s);
	}
}

static int control_persona_line(const char *key, const char *value, void *arg)
{
	buf_printf(arg, " %s=%s", key, value);
	return 0;
}

int control_status(struct store *st, int64_t started, struct buf *out)
{
	struct store_counts c;
	struct buf wal = BUF_INIT;
	int64_t first, last;

	if (store_counts(st, &c) < 0 || store_time_bounds(st, &first,
							  &last) < 0) {
		buf_printf(out, "memory unreadable: %s", store_errmsg(st));
		return 1;
	}
	buf_printf(out, "hershd: running, pid %ld, up ", (long)getpid());
	control_duration(out, (int64_t)time(NULL) - started);
	buf_printf(out, "\nsandbox: %s\n", sandbox_status());
	buf_printf(out, "recording: %s\n",
		   control_paused(st) ? "paused" : "on");
	buf_printf(out, "memory: %s, ", store_path(st));
	control_size(out, store_path(st));
	buf_printf(&wal, "%s-wal", store_path(st));
	buf_puts(out, " (wal ");
	control_size(out, buf_str(&wal));
	buf_puts(out, ")\n");
	buf_release(&wal);
	buf_printf(out, "sessions: %lld\ncommands: %lld\nfile events: %lld\n"
		   "mails: %lld\nsuggestions: %lld\n",
		   (long long)c.sessions, (long long)c.commands,
		   (long long)c.file_events, (long long)c.mails,
		   (long long)c.suggestions);
	if (first != 0) {
		buf_puts(out, "span: ");
		clock_format_iso(out, first);
		buf_puts(out, " .. ");
		clock_format_iso(out, last);
		buf_putc(out, '\n');
	}
	buf_puts(out, "persona:");
	store_persona_each(st, control_persona_line, out);
	return 0;
}

/* "30m", "1h", "2d", "1w" -> seconds; -1 if range is not that form. */
static int64_t control_span(const char *range)
{
	char *end;
	long long n;

	if (!isdigit((unsigned char)range[0])) {
		return -1;
	}
	n = strtoll(range, &end, 10);
	if (n <= 0 || n > 100000 || end[0] == '\0' || end[1] != '\0') {
		return -1;
	}
	switch (end[0]) {
	case 's':
		return n;
	case 'm':
		return n * 60;
	case 'h':
		return n * 3600;
	case 'd':
		return n * 86400;
	case 'w':
		return n * 7 * 86400;
	}
	return -1;
}

int control_forget(struct store *st, const char *range, int64_t now,
		   struct buf *out)
{
	int64_t span = control_span(range), today = clock_day_start(now);
	struct buf what = BUF_INIT;
	int n;

	if (range[0] == '\0') {
		buf_puts(out, "forget what? (1h, today, yesterday, all, "
			 "or a search term)");
		return 1;
	}
	if (strcmp(range, "all") == 0) {
		n = store_forget_all(st);
		buf_puts(&what, "everything");
	} else if (strcmp(range, "today") == 0) {
		n = store_forget_range(st, today, INT64_MAX);
		buf_puts(&what, "today");
	} else if (strcmp(range, "yesterday") == 0) {
		n = store_forget_range(st, today - 86400, today);
		buf_puts(&what, "yesterday");
	} else if (span > 0) {
		n = store_forget_range(st, now - span, INT64_MAX);
		buf_printf(&what, "the last %s", range);
	} else {
		n = store_forget_match(st, range);
		buf_printf(&what, "matching '%s'", range);
	}
	if (n < 0) {
		buf_printf(out, "forget failed: %s", store_errmsg(st));
		buf_release(&what);
		return 1;
	}
	buf_printf(out, "forgot %d record%s (%s)", n, n == 1 ? "" : "s",
		   buf_str(&what));
	buf_release(&what);
	return 0;
}

bool control_paused(struct store *st)
{
	struct buf v = BUF_INIT;
	bool paused;

	paused = store_state_get(st, "paused", &v) > 0 &&
		 strcmp(buf_str(&v), "1") == 0;
	buf_release(&v);
	return paused;
}

int control_pause(struct store *st, bool paused, struct buf *out)
{
	if (store_state_set(st, "paused", paused ? "1" : "0") < 0) {
		buf_printf(out, "cannot save: %s", store_errmsg(st));
		return 1;
	}
	buf_puts(out, paused ? "recording paused" : "recording resumed");
	return 0;
}

static bool control_one_of(const char *v, const char *const *list)
{
	for (; *list != NULL; list++) {
		if (strcmp(v, *list) == 0) {
			return true;
		}
	}
	return false;
}

static bool control_printable(const char *v)
{
	size_t n = strlen(v);

	if (n == 0 || n > CONTROL_VALUE_MAX) {
		return false;
	}
	for (; *v != '\0'; v++) {
		unsigned char c = (unsigned char)*v;

		if (c < 0x20 || c == 0x7f) {
			return false;
		}
	}
	return true;
}

int control_set(struct store *st, const char *key, const char *value,
		struct buf *out)
{
	static const char *const chattiness[] = {
		"quiet", "normal", "chatty", NULL
	};
	static const char *const tones[] = {
		"plain", "friendly", "playful", NULL
	};

	if (key[0] == '\0') {
		buf_puts(out, "persona:");
		store_persona_each(st, control_persona_line, out);
		return 0;
	}
	if (strcmp(key, "name") == 0 || strcmp(key, "user") == 0) {
		if (!control_printable(value)) {
			buf_printf(out, "%s: give 1 to %d printable "
				   "characters", key, CONTROL_VALUE_MAX);
			return 1;
		}
	} else if (strcmp(key, "chattiness") == 0) {
		if (!control_one_of(value, chattiness)) {
			buf_puts(out, "chattiness: quiet, normal or chatty");
			return 1;
		}
	} else if (strcmp(key, "tone") == 0) {
		if (!control_one_of(value, tones)) {
			buf_puts(out, "tone: plain, friendly or playful");
			return 1;
		}
	} else if (suggest_is_setting(key)) {
		/* the suggestion settings (long-command, memory-limit) */
		return suggest_set(st, key, value, out);
	} else {
		buf_printf(out, "unknown setting '%s' (name, user, "
			   "chattiness, tone, long-command, memory-limit)",
			   key);
		return 1;
	}
	if (store_persona_set(st, key, value) < 0) {
		buf_printf(out, "cannot save: %s", store_errmsg(st));
		return 1;
	}
	buf_printf(out, "%s set to %s", key, value);
	return 0;
}
