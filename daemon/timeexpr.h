/*
 * timeexpr.h - time expressions in a question ("yesterday", "last week",
 * "on Wednesday", "around 3pm", "19 Nov", "3 days ago", "this morning").
 *
 * timeexpr_parse() reads the tokens of a question (nlu.h), marks the ones
 * it understood as used, and gives a half-open range [from, to) of local
 * wall-clock seconds (clock.h), and a moment when the question names one
 * ("around 3pm").  The conventions are those of the ask benchmark: today
 * and yesterday are calendar days; this morning is 05:00-12:00, afternoon
 * 12:00-18:00, evening 18:00-24:00; weeks start on Monday; "this week" is
 * Monday 00:00 to now; "last week" the whole previous Monday-Sunday; a bare
 * weekday is the most recent such day before today.
 */
#ifndef HERSH_TIMEEXPR_H
#define HERSH_TIMEEXPR_H

#include <stdbool.h>
#include <stdint.h>

struct nlu;

#define TIMEEXPR_LABEL 64

struct timeexpr {
	bool found;		/* the question names a time */
	bool future;		/* ... that lies after now (tomorrow, next
				 * week, "in 3 days") */
	bool has_range;		/* from/to are set */
	int64_t from;		/* start, inclusive */
	int64_t to;		/* end, exclusive (never after now + 1 day) */
	int64_t point;		/* a moment named ("around 3pm"), or 0 */
	bool single_day;	/* the range is one calendar day or part of
				 * one */
	char label[TIMEEXPR_LABEL];	/* how to say it: "yesterday",
					 * "on Wednesday", "last week" */
};

/*
 * Finds the time expressions of q as of now and combines them (a day and
 * a part of it or a moment in it).  Marks their tokens NLU_F_USED.
 * Returns te->found.
 */
bool timeexpr_parse(struct nlu *q, int64_t now, struct timeexpr *te);

/* Appends the range of te as the unit tests print it:
 * "YYYY-MM-DDTHH:MM:SS..YYYY-MM-DDTHH:MM:SS" (or "none"). */
struct buf;
void timeexpr_format(const struct timeexpr *te, struct buf *out);

#endif
