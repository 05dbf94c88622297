/*
 * timeexpr.c - time expressions (see timeexpr.h).
 *
 * The parser walks the tokens once.  At each position a small set of
 * matchers (day words, weekdays, dates, relative spans, clock times,
 * parts of the day) may claim one or more tokens and fill in one of the
 * parts below; the parts are combined at the end.
 */
#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <hersh/buf.h>

#include "clock.h"
#include "nlu.h"
#include "timeexpr.h"

#define DAY 86400
#define HOUR 3600

enum te_part {
	TE_PART_NONE,
	TE_PART_MORNING,	/* 05-12 */
	TE_PART_AFTERNOON,	/* 12-18 */
	TE_PART_EVENING,	/* 18-24 */
	TE_PART_NIGHT,		/* 18 - 05 next day */
};

enum te_bound {
	TE_AT,			/* around / at */
	TE_BEFORE,
	TE_AFTER,		/* after / since */
};

struct te_state {
	struct nlu *q;
	int64_t now;
	int64_t today;		/* start of today */
	/* a day or span */
	bool has_span;
	int64_t from, to;
	bool span_is_day;
	bool since;		/* "since X": from X to now */
	bool future;
	char label[TIMEEXPR_LABEL];
	/* part of a day */
	enum te_part part;
	/* a clock time */
	bool has_clock;
	int clock;		/* seconds after midnight */
	enum te_bound bound;
	bool clock_ampm;	/* am/pm was given */
};

static const char *const te_weekdays[7] = {
	"monday", "tuesday", "wednesday", "thursday", "friday", "saturday",
	"sunday",
};

static const char *const te_months[12] = {
	"january", "february", "march", "april", "may", "june", "july",
	"august", "september", "october", "november", "december",
};

static const char *const te_month_abbr[12] = {
	"jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct",
	"nov", "dec",
};

static const char *te_norm(const struct te_state *s, int i)
{
	return i >= 0 && i < s->q->n ? s->q->tok[i].norm : "";
}

static void te_use(struct te_state *s, int i, int n)
{
	int k;

	for (k = i; k < i + n && k < s->q->n; k++) {
		s->q->tok[k].flags |= NLU_F_USED;
	}
}

static int te_weekday(const char *w)
{
	int i;

	for (i = 0; i < 7; i++) {
		if (strcmp(w, te_weekdays[i]) == 0) {
			return i;
		}
		/* "mondays", typos of the long names */
		if (strlen(w) > 5 && nlu_fuzzy_eq(w, te_weekdays[i])) {
			return i;
		}
	}
	if (strcmp(w, "tues") == 0) {
		return 1;
	}
	return -1;
}

static int te_month(const char *w, bool strict)
{
	int i;
	size_t len = strlen(w);

	for (i = 0; i < 12; i++) {
		if (strcmp(w, te_months[i]) == 0 ||
		    strcmp(w, te_month_abbr[i]) == 0) {
			return i + 1;
		}
		if (len == 4 && strcmp(w, "sept") == 0) {
			return 9;
		}
		if (!strict && len > 5 && nlu_fuzzy_eq(w, te_months[i])) {
			return i + 1;
		}
	}
	return 0;
}

/* A number, optionally with an ordinal suffix ("19", "19th", "1st"). */
static bool te_number(const char *w, int *out, bool ordinal_ok)
{
	char *end;
	long v;

	if (!isdigit((unsigned char)w[0])) {
		return false;
	}
	v = strtol(w, &end, 10);
	if (end - w > 4) {
		return false;
	}
	if (*end != '\0') {
		if (!ordinal_ok || (strcmp(end, "st") && strcmp(end, "nd") &&
				    strcmp(end, "rd") && strcmp(end, "th"))) {
			return false;
		}
	}
	*out = (int)v;
	return true;
}

static bool te_word_number(const char *w, int *out)
{
	static const char *const words[] = {
		"zero", "one", "two", "three", "four", "five", "six", "seven",
		"eight", "nine", "ten", "eleven", "twelve",
	};
	int i;

	if (te_number(w, out, false)) {
		return true;
	}
	for (i = 0; i < 13; i++) {
		if (strcmp(w, words[i]) == 0) {
			*out = i;
			return true;
		}
	}
	if (strcmp(w, "a") == 0 || strcmp(w, "an") == 0) {
		*out = 1;
		return true;
	}
	if (strcmp(w, "couple") == 0) {
		*out = 2;
		return true;
	}
	if (strcmp(w, "few") == 0) {
		*out = 3;
		return true;
	}
	return false;
}

static void te_set_label(struct te_state *s, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static void te_set_label(struct te_state *s, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(s->label, sizeof(s->label), fmt, ap);
	va_end(ap);
}

static void te_span(struct te_state *s, int64_t from, int64_t to, bool day)
{
	s->has_span = true;
	s->from = from;
	s->to = to;
	s->span_is_day = day;
	if (from >= s->today + DAY || from > s->now) {
		s->future = true;
	}
}

static bool te_valid_date(int y, int m, int d)
{
	static const int mdays[12] = {
		31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31
	};

	if (y < 1970 || y > 9999 || m < 1 || m > 12 || d < 1 ||
	    d > mdays[m - 1]) {
		return false;
	}
	if (m == 2 && d == 29 && !((y % 4 == 0 && y % 100 != 0) ||
				   y % 400 == 0)) {
		return false;
	}
	return true;
}

static int te_year_of(int64_t t)
{
	struct tm tm;
	time_t tt = (time_t)t;

	gmtime_r(&tt, &tm);
	return tm.tm_year + 1900;
}

/* A calendar date; a date without a year is the latest one not after
 * today. */
static bool te_date(struct te_state *s, int y, int m, int d)
{
	int64_t start;

	if (y == 0) {
		y = te_year_of(s->now);
		if (!te_valid_date(y, m, d)) {
			return false;
		}
		start = clock_days_from_civil(y, (unsigned)m, (unsigned)d) * DAY;
		if (start > s->today) {
			y--;
		}
	}
	if (!te_valid_date(y, m, d)) {
		return false;
	}
	start = clock_days_from_civil(y, (unsigned)m, (unsigned)d) * DAY;
	te_span(s, start, start + DAY, true);
	te_set_label(s, "on %s %d", te_months[m - 1], d);
	s->label[3] = (char)toupper((unsigned char)s->label[3]);
	if (start == s->today) {
		te_set_label(s, "today");
	} else if (start == s->today - DAY) {
		te_set_label(s, "yesterday");
	}
	return true;
}

/* "2026-11-19", "11/19", "19/11/2026", "2026/11/19". */
static bool te_numeric_date(struct te_state *s, const char *w)
{
	int a, b, c = 0, n;
	char sep;

	if (sscanf(w, "%d-%d-%d%n", &a, &b, &c, &n) == 3 && w[n] == '\0' &&
	    a > 1900) {
		return te_date(s, a, b, c);
	}
	if (sscanf(w, "%d/%d/%d%n", &a, &b, &c, &n) == 3 && w[n] == '\0') {
		if (a > 1900) {
			return te_date(s, a, b, c);
		}
		if (c < 100) {
			c += 2000;
		}
		return a > 12 ? te_date(s, c, b, a) : te_date(s, c, a, b);
	}
	if (sscanf(w, "%d%c%d%n", &a, &sep, &b, &n) == 3 && w[n] == '\0' &&
	    (sep == '/' || sep == '.')) {
		if (a > 12 && b <= 12) {
			return te_date(s, 0, b, a);
		}
		return te_date(s, 0, a, b);
	}
	return false;
}

/* "3pm", "3:05pm", "15:05", "3", with "pm" possibly the next token. */
static int te_clock(struct te_state *s, int i, bool need_marker)
{
	const char *w = te_norm(s, i), *next = te_norm(s, i + 1);
	int h, m = 0, n = 0, used = 1;
	bool pm = false, am = false, colon = false;

	if (strcmp(w, "noon") == 0 || strcmp(w, "midday") == 0) {
		s->clock = 12 * HOUR;
		s->has_clock = true;
		s->clock_ampm = true;
		return 1;
	}
	if (strcmp(w, "midnight") == 0) {
		s->clock = 0;
		s->has_clock = true;
		s->clock_ampm = true;
		return 1;
	}
	if (sscanf(w, "%d:%d%n", &h, &m, &n) == 2) {
		colon = true;
	} else if (sscanf(w, "%d%n", &h, &n) != 1) {
		return 0;
	}
	if (n > 5 || h < 0 || h > 24 || m < 0 || m > 59) {
		return 0;
	}
	w += n;
	if (strcmp(w, "pm") == 0 || strcmp(w, "p.m") == 0) {
		pm = true;
	} else if (strcmp(w, "am") == 0 || strcmp(w, "a.m") == 0) {
		am = true;
	} else if (strcmp(w, "h") == 0 || strcmp(w, "hrs") == 0) {
		colon = true;
	} else if (*w != '\0') {
		return 0;
	} else if (strcmp(next, "pm") == 0 || strcmp(next, "p.m") == 0) {
		pm = true;
		used = 2;
	} else if (strcmp(next, "am") == 0 || strcmp(next, "a.m") == 0) {
		am = true;
		used = 2;
	} else if (strcmp(next, "o'clock") == 0 ||
		   strcmp(next, "oclock") == 0) {
		used = 2;
	} else if (!colon && need_marker) {
		return 0;
	}
	if ((pm || am) && (h < 1 || h > 12)) {
		return 0;
	}
	if (pm && h != 12) {
		h += 12;
	}
	if (am && h == 12) {
		h = 0;
	}
	if (!pm && !am && !colon && h >= 1 && h <= 7) {
		h += 12;	/* "at 3" in a day means the afternoon */
	}
	s->clock = h * HOUR + m * 60;
	s->has_clock = true;
	s->clock_ampm = pm || am || colon;
	return used;
}

static enum te_part te_part_word(const char *w)
{
	if (strcmp(w, "morning") == 0 || strcmp(w, "mornings") == 0) {
		return TE_PART_MORNING;
	}
	if (strcmp(w, "afternoon") == 0 || strcmp(w, "afternoons") == 0) {
		return TE_PART_AFTERNOON;
	}
	if (strcmp(w, "evening") == 0 || strcmp(w, "evenings") == 0) {
		return TE_PART_EVENING;
	}
	if (strcmp(w, "night") == 0) {
		return TE_PART_NIGHT;
	}
	return TE_PART_NONE;
}

/* The most recent weekday wd strictly before today. */
static int64_t te_last_weekday(const struct te_state *s, int wd)
{
	int today_wd = clock_weekday(s->now);
	int back = (today_wd - wd + 7) % 7;

	if (back == 0) {
		back = 7;
	}
	return s->today - (int64_t)back * DAY;
}

/* A unit word ("days", "hrs") in seconds, or 0. */
static int64_t te_unit(const char *w)
{
	char stem[32];

	snprintf(stem, sizeof(stem), "%s", w);
	nlu_stem(stem);
	if (strcmp(stem, "minut") == 0 || strcmp(stem, "min") == 0) {
		return 60;
	}
	if (strcmp(stem, "hour") == 0 || strcmp(w, "hrs") == 0 ||
	    strcmp(w, "hr") == 0) {
		return HOUR;
	}
	if (strcmp(stem, "dai") == 0 || strcmp(stem, "day") == 0) {
		return DAY;
	}
	if (strcmp(stem, "week") == 0) {
		return 7 * DAY;
	}
	if (strcmp(stem, "month") == 0) {
		return 30 * DAY;
	}
	if (strcmp(stem, "year") == 0) {
		return 365 * DAY;
	}
	return 0;
}

static const char *te_unit_name(int64_t unit)
{
	switch (unit) {
	case 60: return "minute";
	case HOUR: return "hour";
	case DAY: return "day";
	case 7 * DAY: return "week";
	case 30 * DAY: return "month";
	default: return "year";
	}
}

/* Month spans: this month, last month. */
static void te_month_span(struct te_state *s, int back)
{
	struct tm tm;
	time_t t = (time_t)s->now;
	int y, m;
	int64_t a, b;

	gmtime_r(&t, &tm);
	y = tm.tm_year + 1900;
	m = tm.tm_mon + 1 - back;
	while (m < 1) {
		m += 12;
		y--;
	}
	a = clock_days_from_civil(y, (unsigned)m, 1) * DAY;
	b = m == 12 ? clock_days_from_civil(y + 1, 1, 1) * DAY :
		      clock_days_from_civil(y, (unsigned)m + 1, 1) * DAY;
	te_span(s, a, b, false);
}

/* "last|past|previous N units", "N units ago", "in N units". */
static int te_relative(struct te_state *s, int i)
{
	const char *w = te_norm(s, i);
	int n, k = i;
	int64_t unit;

	if (strcmp(w, "last") == 0 || strcmp(w, "past") == 0 ||
	    strcmp(w, "previous") == 0 || strcmp(w, "within") == 0) {
		k = i + 1;
		if (strcmp(te_norm(s, k), "the") == 0) {
			k++;
		}
		if (te_word_number(te_norm(s, k), &n) &&
		    (unit = te_unit(te_norm(s, k + 1))) != 0) {
			te_span(s, s->now - n * unit, s->now + 1, false);
			te_set_label(s, "in the last %d %s%s", n,
				     te_unit_name(unit), n == 1 ? "" : "s");
			return k + 2 - i;
		}
		if ((unit = te_unit(te_norm(s, k))) != 0 &&
		    (unit < DAY || (unit < 7 * DAY &&
				    (strcmp(w, "past") == 0 || k > i + 1)))) {
			te_span(s, s->now - unit, s->now + 1, false);
			te_set_label(s, "in the last %s", te_unit_name(unit));
			return k + 1 - i;
		}
		return 0;
	}
	if (strcmp(w, "in") == 0 && te_word_number(te_norm(s, i + 1), &n) &&
	    (unit = te_unit(te_norm(s, i + 2))) != 0 && n > 0 &&
	    unit >= HOUR) {
		te_span(s, s->now + n * unit, s->now + n * unit + DAY, false);
		s->future = true;
		return 3;
	}
	if (te_word_number(w, &n) && (unit = te_unit(te_norm(s, i + 1))) != 0 &&
	    strcmp(te_norm(s, i + 2), "ago") == 0) {
		int64_t t = s->now - n * unit;

		if (unit >= DAY) {
			int64_t d = clock_day_start(t);

			if (unit == 7 * DAY) {
				d -= (int64_t)clock_weekday(d) * DAY;
				te_span(s, d, d + 7 * DAY, false);
			} else {
				te_span(s, d, d + DAY, true);
			}
		} else {
			te_span(s, t - unit / 2, t + unit / 2 + 1, false);
			s->has_clock = false;
		}
		te_set_label(s, "%d %s%s ago", n, te_unit_name(unit),
			     n == 1 ? "" : "s");
		return 3;
	}
	return 0;
}

/* "on the 19th", "19 nov", "nov 19(th) [2026]", "19th of november". */
static int te_named_date(struct te_state *s, int i)
{
	int d, m, y = 0, used = 0;
	const char *w = te_norm(s, i);

	if ((m = te_month(w, strcmp(w, "may") == 0 || strcmp(w, "march") == 0))
	    != 0) {
		if (te_number(te_norm(s, i + 1), &d, true) && d >= 1 &&
		    d <= 31) {
			used = 2;
			if (te_number(te_norm(s, i + 2), &y, false) &&
			    y >= 1970 && y < 10000) {
				used = 3;
			} else {
				y = 0;
			}
		} else if (te_number(te_norm(s, i + 1), &y, false) &&
			   y >= 1970 && y < 10000) {
			/* "march 2025": the whole month */
			int64_t a = clock_days_from_civil(y, (unsigned)m, 1) * DAY;
			int64_t b = m == 12 ?
				clock_days_from_civil(y + 1, 1, 1) * DAY :
				clock_days_from_civil(y, (unsigned)m + 1, 1) * DAY;

			te_span(s, a, b, false);
			te_set_label(s, "in %s %d", te_months[m - 1], y);
			s->label[3] = (char)toupper((unsigned char)s->label[3]);
			return 2;
		} else {
			return 0;
		}
		return te_date(s, y, m, d) ? used : 0;
	}
	if (te_number(w, &d, true) && d >= 1 && d <= 31) {
		int k = i + 1;

		if (strcmp(te_norm(s, k), "of") == 0) {
			k++;
		}
		if ((m = te_month(te_norm(s, k), false)) == 0) {
			return 0;
		}
		used = k + 1 - i;
		if (te_number(te_norm(s, k + 1), &y, false) && y >= 1970 &&
		    y < 10000) {
			used++;
		} else {
			y = 0;
		}
		return te_date(s, y, m, d) ? used : 0;
	}
	return 0;
}

/* Day words and spans at i; returns tokens used. */
static int te_day(struct te_state *s, int i)
{
	const char *w = te_norm(s, i), *next = te_norm(s, i + 1);
	int wd, n;
	int64_t ws = s->today - (int64_t)clock_weekday(s->now) * DAY;

	if (strcmp(w, "today") == 0 || strcmp(w, "tonight") == 0) {
		te_span(s, s->today, s->today + DAY, true);
		te_set_label(s, "today");
		if (strcmp(w, "tonight") == 0) {
			s->part = TE_PART_EVENING;
		}
		return 1;
	}
	if (strcmp(w, "yesterday") == 0 ||
	    (strlen(w) >= 8 && nlu_fuzzy_eq(w, "yesterday"))) {
		te_span(s, s->today - DAY, s->today, true);
		te_set_label(s, "yesterday");
		return 1;
	}
	if (strcmp(w, "day") == 0 && strcmp(next, "before") == 0 &&
	    strcmp(te_norm(s, i + 2), "yesterday") == 0) {
		te_span(s, s->today - 2 * DAY, s->today - DAY, true);
		te_set_label(s, "the day before yesterday");
		return 3;
	}
	if (strcmp(w, "tomorrow") == 0 || strcmp(w, "tommorow") == 0 ||
	    strcmp(w, "tomorow") == 0) {
		te_span(s, s->today + DAY, s->today + 2 * DAY, true);
		s->future = true;
		return 1;
	}
	if (strcmp(w, "next") == 0 || strcmp(w, "upcoming") == 0 ||
	    strcmp(w, "coming") == 0) {
		if (te_unit(next) != 0 || te_weekday(next) >= 0 ||
		    strcmp(next, "weekend") == 0 || te_month(next, true)) {
			s->future = true;
			te_span(s, s->now + DAY, s->now + 8 * DAY, false);
			s->future = true;
			return 2;
		}
		return 0;
	}
	if (strcmp(w, "this") == 0 || strcmp(w, "current") == 0 ||
	    strcmp(w, "last") == 0 || strcmp(w, "previous") == 0 ||
	    strcmp(w, "past") == 0) {
		bool last = w[0] != 't' && w[0] != 'c';

		if (strcmp(next, "week") == 0) {
			if (last) {
				te_span(s, ws - 7 * DAY, ws, false);
				te_set_label(s, "last week");
			} else {
				te_span(s, ws, s->now + 1, false);
				te_set_label(s, "this week");
			}
			if (strcmp(w, "past") == 0) {
				te_span(s, s->now - 7 * DAY, s->now + 1, false);
				te_set_label(s, "in the past week");
			}
			return 2;
		}
		if (strcmp(next, "weekend") == 0) {
			int64_t sat = ws - 2 * DAY;

			if (!last && clock_weekday(s->now) >= 5) {
				sat = ws + 5 * DAY;
			}
			te_span(s, sat, sat + 2 * DAY, false);
			te_set_label(s, "%s weekend", last ? "last" : "this");
			return 2;
		}
		if (strcmp(next, "month") == 0) {
			te_month_span(s, last ? 1 : 0);
			te_set_label(s, "%s month", last ? "last" : "this");
			return 2;
		}
		if (strcmp(next, "year") == 0) {
			int y = te_year_of(s->now) - (last ? 1 : 0);

			te_span(s, clock_days_from_civil(y, 1, 1) * DAY,
				clock_days_from_civil(y + 1, 1, 1) * DAY, false);
			te_set_label(s, "%s year", last ? "last" : "this");
			return 2;
		}
		if (strcmp(next, "night") == 0 && last) {
			te_span(s, s->today - DAY + 18 * HOUR,
				s->today + 5 * HOUR, false);
			te_set_label(s, "last night");
			return 2;
		}
		if ((wd = te_weekday(next)) >= 0) {
			int64_t d = te_last_weekday(s, wd);

			if (!last && ws + (int64_t)wd * DAY <= s->today) {
				d = ws + (int64_t)wd * DAY;
			}
			te_span(s, d, d + DAY, true);
			te_set_label(s, "on %c%s", toupper((unsigned char)next[0]),
				     next + 1);
			if (d == s->today) {
				te_set_label(s, "today");
			}
			return 2;
		}
		if (te_part_word(next) != TE_PART_NONE && !last) {
			te_span(s, s->today, s->today + DAY, true);
			te_set_label(s, "this %s", next);
			s->part = te_part_word(next);
			return 2;
		}
		return 0;
	}
	if (strcmp(w, "weekend") == 0) {
		int64_t sat = ws - 2 * DAY;

		te_span(s, sat, sat + 2 * DAY, false);
		te_set_label(s, "at the weekend");
		return 1;
	}
	if ((wd = te_weekday(w)) >= 0) {
		int64_t d = te_last_weekday(s, wd);

		te_span(s, d, d + DAY, true);
		te_set_label(s, "on %c%s", toupper((unsigned char)te_weekdays[wd][0]),
			     te_weekdays[wd] + 1);
		return 1;
	}
	if (strcmp(w, "recently") == 0 || strcmp(w, "lately") == 0) {
		te_span(s, s->today - 6 * DAY, s->now + 1, false);
		te_set_label(s, "recently");
		return 1;
	}
	if (strcmp(w, "earlier") == 0 && strcmp(next, "today") == 0) {
		te_span(s, s->today, s->now + 1, true);
		te_set_label(s, "today");
		return 2;
	}
	if (te_numeric_date(s, w)) {
		return 1;
	}
	/* "in 2019": a whole year */
	if (isdigit((unsigned char)w[0]) && strlen(w) == 4 && i > 0 &&
	    (strcmp(te_norm(s, i - 1), "in") == 0 ||
	     strcmp(te_norm(s, i - 1), "during") == 0 ||
	     strcmp(te_norm(s, i - 1), "of") == 0 ||
	     strcmp(te_norm(s, i - 1), "since") == 0)) {
		int y = atoi(w);

		if (y >= 1970 && y < 2200) {
			te_span(s, clock_days_from_civil(y, 1, 1) * DAY,
				clock_days_from_civil(y + 1, 1, 1) * DAY, false);
			te_set_label(s, "in %d", y);
			return 1;
		}
	}
	if ((n = te_named_date(s, i)) > 0) {
		return n;
	}
	if (strcmp(w, "the") == 0 && te_number(next, &n, true) &&
	    strlen(next) > 2 && !isdigit((unsigned char)next[strlen(next) - 1]) &&
	    n >= 1 && n <= 31) {
		struct tm tm;
		time_t t = (time_t)s->now;

		gmtime_r(&t, &tm);
		if (te_date(s, 0, tm.tm_mon + 1 - (n > tm.tm_mday ? 1 : 0) +
			    (tm.tm_mon == 0 && n > tm.tm_mday ? 12 : 0), n)) {
			return 2;
		}
	}
	return 0;
}

/* Clock times with their qualifier ("around 3pm", "after 5", "at 15:00"). */
static int te_time_of_day(struct te_state *s, int i)
{
	const char *w = te_norm(s, i);
	enum te_bound bound = TE_AT;
	int k = i, used;
	bool qualified = false;

	if (strcmp(w, "around") == 0 || strcmp(w, "about") == 0 ||
	    strcmp(w, "at") == 0 || strcmp(w, "near") == 0 ||
	    strcmp(w, "approximately") == 0 || strcmp(w, "circa") == 0 ||
	    strcmp(w, "~") == 0) {
		k++;
		qualified = true;
	} else if (strcmp(w, "before") == 0 || strcmp(w, "until") == 0 ||
		   strcmp(w, "till") == 0) {
		bound = TE_BEFORE;
		k++;
		qualified = true;
	} else if (strcmp(w, "after") == 0 || strcmp(w, "since") == 0) {
		bound = TE_AFTER;
		k++;
		qualified = true;
	}
	if (qualified && strcmp(te_norm(s, k), "like") == 0) {
		k++;
	}
	used = te_clock(s, k, !qualified);
	if (used == 0) {
		return 0;
	}
	s->bound = bound;
	return k - i + used;
}

bool timeexpr_parse(struct nlu *q, int64_t now, struct timeexpr *te)
{
	struct te_state s;
	int i, n;

	memset(te, 0, sizeof(*te));
	memset(&s, 0, sizeof(s));
	s.q = q;
	s.now = now;
	s.today = clock_day_start(now);
	for (i = 0; i < q->n; i++) {
		const char *w = q->tok[i].norm;
		enum te_part part;

		if (q->tok[i].flags & (NLU_F_USED | NLU_F_QUOTED)) {
			continue;
		}
		if (strcmp(w, "since") == 0 && !s.has_span &&
		    (n = te_day(&s, i + 1)) > 0) {
			s.since = true;
			te_use(&s, i, n + 1);
			i += n;
			continue;
		}
		if (!s.has_span && (n = te_relative(&s, i)) > 0) {
			te_use(&s, i, n);
			i += n - 1;
			continue;
		}
		if (!s.has_span && (n = te_day(&s, i)) > 0) {
			/* "on" before the day is part of it */
			if (i > 0 && (strcmp(q->tok[i - 1].norm, "on") == 0 ||
				      strcmp(q->tok[i - 1].norm, "during") == 0)) {
				te_use(&s, i - 1, 1);
			}
			te_use(&s, i, n);
			i += n - 1;
			continue;
		}
		if (!s.has_clock && (n = te_time_of_day(&s, i)) > 0) {
			te_use(&s, i, n);
			i += n - 1;
			continue;
		}
		part = te_part_word(w);
		if (part != TE_PART_NONE && s.part == TE_PART_NONE) {
			s.part = part;
			te_use(&s, i, 1);
			if (i > 0 && (strcmp(q->tok[i - 1].norm, "the") == 0 ||
				      strcmp(q->tok[i - 1].norm, "in") == 0)) {
				te_use(&s, i - 1, 1);
			}
			continue;
		}
	}
	if (!s.has_span && !s.has_clock && s.part == TE_PART_NONE) {
		return false;
	}
	te->found = true;
	te->future = s.future;
	if (!s.has_span) {
		/* a part of the day or a time alone: today, or yesterday if
		 * that part has not started yet */
		int64_t start = s.part == TE_PART_MORNING ? 5 * HOUR :
				s.part == TE_PART_AFTERNOON ? 12 * HOUR :
				s.part != TE_PART_NONE ? 18 * HOUR :
				s.clock;
		bool yday = s.today + start > now;

		te_span(&s, yday ? s.today - DAY : s.today,
			yday ? s.today : s.today + DAY, true);
		s.future = false;
		snprintf(s.label, sizeof(s.label), "%s", yday ? "yesterday" :
			 "today");
		if (s.part != TE_PART_NONE && !yday) {
			snprintf(s.label, sizeof(s.label), "this %s",
				 s.part == TE_PART_MORNING ? "morning" :
				 s.part == TE_PART_AFTERNOON ? "afternoon" :
				 s.part == TE_PART_EVENING ? "evening" : "night");
		}
	}
	te->from = s.from;
	te->to = s.to;
	te->single_day = s.span_is_day;
	if (s.part != TE_PART_NONE && s.span_is_day) {
		int64_t d = clock_day_start(s.from);
		const char *pname = "night";

		switch (s.part) {
		case TE_PART_MORNING:
			te->from = d + 5 * HOUR;
			te->to = d + 12 * HOUR;
			pname = "morning";
			break;
		case TE_PART_AFTERNOON:
			te->from = d + 12 * HOUR;
			te->to = d + 18 * HOUR;
			pname = "afternoon";
			break;
		case TE_PART_EVENING:
			te->from = d + 18 * HOUR;
			te->to = d + DAY;
			pname = "evening";
			break;
		default:
			te->from = d + 18 * HOUR;
			te->to = d + DAY + 5 * HOUR;
			break;
		}
		if (strncmp(s.label, "this ", 5) != 0 &&
		    strcmp(s.label, "last night") != 0) {
			size_t len = strlen(s.label);

			snprintf(s.label + len, sizeof(s.label) - len, " %s",
				 pname);
			if (strncmp(s.label, "today ", 6) == 0) {
				snprintf(s.label, sizeof(s.label), "this %s",
					 pname);
			}
		}
	}
	if (s.has_clock) {
		int64_t d = clock_day_start(s.from);

		if (!s.span_is_day) {
			d = s.today;
		}
		switch (s.bound) {
		case TE_AT:
			te->point = d + s.clock;
			break;
		case TE_BEFORE:
			te->from = d;
			te->to = d + s.clock;
			break;
		case TE_AFTER:
			te->from = d + s.clock;
			te->to = d + DAY;
			break;
		}
	}
	if (s.since) {
		te->to = now + 1;
		memmove(s.label + 6, s.label, sizeof(s.label) - 6);
		memcpy(s.label, "since ", 6);
		s.label[sizeof(s.label) - 1] = '\0';
		if (strncmp(s.label, "since on ", 9) == 0) {
			memmove(s.label + 6, s.label + 9, strlen(s.label + 9) + 1);
		}
	}
	if (te->point > now || (te->from > now && !s.since)) {
		te->future = true;
	}
	te->has_range = true;
	snprintf(te->label, sizeof(te->label), "%s", s.label);
	return true;
}

void timeexpr_format(const struct timeexpr *te, struct buf *out)
{
	if (!te->found) {
		buf_puts(out, "none");
		return;
	}
	clock_format_iso(out, te->from);
	buf_puts(out, "..");
	clock_format_iso(out, te->to);
	if (te->point) {
		buf_puts(out, " @");
		clock_format_iso(out, te->point);
	}
	if (te->future) {
		buf_puts(out, " future");
	}
}
