/*
 * answer.h - composing replies in the companion's voice.
 *
 * Formats follow ../shared/bench/ask/README.md: dates as "Thu Nov 19"
 * (with "today"/"yesterday" where true), times as 24-hour "10:50",
 * durations as "3.9 s", "14 s", "3 min 32 s" (minutes carry on past an
 * hour, with the hours in brackets), counts as digits, rates as
 * "68 of 251 (27%)", paths under the home directory with "~".  Lists are
 * capped, most relevant first, with "...and N more".  No colour: the
 * shell decides that.
 */
#ifndef HERSH_ANSWER_H
#define HERSH_ANSWER_H

#include <stdbool.h>
#include <stdint.h>

#include <hersh/buf.h>

/* "Thu Nov 19" (and the year when it is not now's). */
void answer_date(struct buf *out, int64_t t, int64_t now);
/* "today", "yesterday (Thu Nov 19)", or "on Tue Nov 17". */
void answer_day(struct buf *out, int64_t t, int64_t now);
/* "10:50". */
void answer_clock(struct buf *out, int64_t t);
/* answer_day() + " at " + answer_clock(). */
void answer_when(struct buf *out, int64_t t, int64_t now);
/* A duration given in milliseconds. */
void answer_duration(struct buf *out, int64_t ms);
/* "once", "twice", "3 times". */
void answer_times(struct buf *out, int64_t n);
/* n and the noun, plural unless n == 1 ("1 command", "5 mails"). */
void answer_count(struct buf *out, int64_t n, const char *singular,
		  const char *plural);
/* path with home abbreviated to "~". */
void answer_path(struct buf *out, const char *path, const char *home);
/* "27%" of num/den, rounded. */
void answer_percent(struct buf *out, int64_t num, int64_t den);
/* Upper-cases the first letter of out from byte offset at. */
void answer_capitalize(struct buf *out, size_t at);

/* A capped list: add() appends items separated by ", " until cap items,
 * then counts; finish() appends "...and N more" when items were left out. */
struct answer_list {
	struct buf *out;
	int cap;
	int n;			/* items seen */
	const char *sep;	/* ", " unless set */
};
void answer_list_init(struct answer_list *l, struct buf *out, int cap);
/* Whether the next item will be written (call before formatting it). */
bool answer_list_room(struct answer_list *l);
/* Writes the separator and counts the item; false when over the cap. */
bool answer_list_next(struct answer_list *l);
void answer_list_finish(struct answer_list *l);

#endif
