/*
 * answer.c - formats of the companion's replies (see answer.h).
 */
#include <ctype.h>
#include <string.h>
#include <time.h>

#include "answer.h"
#include "clock.h"

#define DAY 86400

static const char *const answer_wday[7] = {
	"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat",
};
static const char *const answer_mon[12] = {
	"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep",
	"Oct", "Nov", "Dec",
};

static void answer_tm(int64_t t, struct tm *tm)
{
	time_t tt = (time_t)t;

	if (gmtime_r(&tt, tm) == NULL) {
		memset(tm, 0, sizeof(*tm));
	}
}

void answer_date(struct buf *out, int64_t t, int64_t now)
{
	struct tm tm, tn;

	answer_tm(t, &tm);
	answer_tm(now, &tn);
	buf_printf(out, "%s %s %d", answer_wday[tm.tm_wday % 7],
		   answer_mon[tm.tm_mon % 12], tm.tm_mday);
	if (tm.tm_year != tn.tm_year) {
		buf_printf(out, " %d", tm.tm_year + 1900);
	}
}

void answer_day(struct buf *out, int64_t t, int64_t now)
{
	int64_t d = clock_day_start(t), today = clock_day_start(now);

	if (d == today) {
		buf_puts(out, "today");
	} else if (d == today - DAY) {
		buf_puts(out, "yesterday (");
		answer_date(out, t, now);
		buf_putc(out, ')');
	} else {
		buf_puts(out, "on ");
		answer_date(out, t, now);
	}
}

void answer_clock(struct buf *out, int64_t t)
{
	struct tm tm;

	answer_tm(t, &tm);
	buf_printf(out, "%02d:%02d", tm.tm_hour, tm.tm_min);
}

void answer_when(struct buf *out, int64_t t, int64_t now)
{
	answer_day(out, t, now);
	buf_puts(out, " at ");
	answer_clock(out, t);
}

void answer_duration(struct buf *out, int64_t ms)
{
	int64_t s;

	if (ms < 0) {
		ms = 0;
	}
	if (ms < 10000) {
		buf_printf(out, "%.1f s", (double)ms / 1000.0);
		return;
	}
	s = (ms + 500) / 1000;
	if (s < 60) {
		buf_printf(out, "%lld s", (long long)s);
		return;
	}
	buf_printf(out, "%lld min %lld s", (long long)(s / 60),
		   (long long)(s % 60));
	if (s >= 3600) {
		buf_printf(out, " (%lld h %lld min)", (long long)(s / 3600),
			   (long long)(s % 3600 / 60));
	}
}

void answer_times(struct buf *out, int64_t n)
{
	if (n == 1) {
		buf_puts(out, "once");
	} else if (n == 2) {
		buf_puts(out, "twice");
	} else {
		buf_printf(out, "%lld times", (long long)n);
	}
}

void answer_count(struct buf *out, int64_t n, const char *singular,
		  const char *plural)
{
	buf_printf(out, "%lld %s", (long long)n, n == 1 ? singular : plural);
}

void answer_path(struct buf *out, const char *path, const char *home)
{
	size_t hl = home ? strlen(home) : 0;

	if (path == NULL) {
		buf_puts(out, "?");
		return;
	}
	if (hl > 1 && strncmp(path, home, hl) == 0 &&
	    (path[hl] == '/' || path[hl] == '\0')) {
		buf_putc(out, '~');
		buf_puts(out, path + hl);
		return;
	}
	buf_puts(out, path);
}

void answer_percent(struct buf *out, int64_t num, int64_t den)
{
	if (den <= 0) {
		buf_puts(out, "0%");
		return;
	}
	buf_printf(out, "%lld%%", (long long)((num * 100 + den / 2) / den));
}

void answer_capitalize(struct buf *out, size_t at)
{
	if (at < out->len && out->data != NULL) {
		out->data[at] = (char)toupper((unsigned char)out->data[at]);
	}
}

void answer_list_init(struct answer_list *l, struct buf *out, int cap)
{
	l->out = out;
	l->cap = cap;
	l->n = 0;
	l->sep = ", ";
}

bool answer_list_room(struct answer_list *l)
{
	return l->n < l->cap;
}

bool answer_list_next(struct answer_list *l)
{
	l->n++;
	if (l->n > l->cap) {
		return false;
	}
	if (l->n > 1) {
		buf_puts(l->out, l->sep);
	}
	return true;
}

void answer_list_finish(struct answer_list *l)
{
	if (l->n > l->cap) {
		buf_printf(l->out, " …and %d more", l->n - l->cap);
	}
}
