/*
 * test_timeexpr.c - time expressions against a fixed now (Fri 2026-11-20
 * 15:30), with the conventions of the ask benchmark.
 */
#include <string.h>

#include <hersh/buf.h>

#include "clock.h"
#include "nlu.h"
#include "test.h"
#include "timeexpr.h"

static int64_t now;

/* The range of text as "from..to[ @point][ future]" or "none". */
static void check(const char *text, const char *want, int line)
{
	struct nlu q;
	struct timeexpr te;
	struct buf b = BUF_INIT;

	nlu_parse(&q, text);
	timeexpr_parse(&q, now, &te);
	timeexpr_format(&te, &b);
	if (strcmp(buf_str(&b), want) != 0) {
		fprintf(stderr, "line %d: \"%s\": got %s, want %s\n", line, text,
			buf_str(&b), want);
		test_failed_checks++;
	}
	buf_release(&b);
	nlu_release(&q);
}

#define T(text, want) check(text, want, __LINE__)

static void test_days(void)
{
	T("what did I run today", "2026-11-20T00:00:00..2026-11-21T00:00:00");
	T("what did I run yesterday", "2026-11-19T00:00:00..2026-11-20T00:00:00");
	T("wat did i run yday", "2026-11-19T00:00:00..2026-11-20T00:00:00");
	T("the day before yesterday", "2026-11-18T00:00:00..2026-11-19T00:00:00");
	T("on Wednesday", "2026-11-18T00:00:00..2026-11-19T00:00:00");
	T("last friday", "2026-11-13T00:00:00..2026-11-14T00:00:00");
	T("on mon", "2026-11-16T00:00:00..2026-11-17T00:00:00");
	T("nothing here", "none");
}

static void test_weeks(void)
{
	T("this week", "2026-11-16T00:00:00..2026-11-20T15:30:01");
	T("last week", "2026-11-09T00:00:00..2026-11-16T00:00:00");
	T("last wk", "2026-11-09T00:00:00..2026-11-16T00:00:00");
	T("in the last 3 days", "2026-11-17T15:30:00..2026-11-20T15:30:01");
	T("2 days ago", "2026-11-18T00:00:00..2026-11-19T00:00:00");
	T("this month", "2026-11-01T00:00:00..2026-12-01T00:00:00");
	T("last weekend", "2026-11-14T00:00:00..2026-11-16T00:00:00");
}

static void test_parts(void)
{
	T("this morning", "2026-11-20T05:00:00..2026-11-20T12:00:00");
	T("this afternoon", "2026-11-20T12:00:00..2026-11-20T18:00:00");
	T("yesterday evening", "2026-11-19T18:00:00..2026-11-20T00:00:00");
	T("last night", "2026-11-19T18:00:00..2026-11-20T05:00:00");
	T("yesterday around 3pm",
	  "2026-11-19T00:00:00..2026-11-20T00:00:00 @2026-11-19T15:00:00");
	T("at 10:15 on tuesday",
	  "2026-11-17T00:00:00..2026-11-18T00:00:00 @2026-11-17T10:15:00");
	T("before noon today", "2026-11-20T00:00:00..2026-11-20T12:00:00");
	T("after 5 pm yesterday", "2026-11-19T17:00:00..2026-11-20T00:00:00");
}

static void test_dates(void)
{
	T("on 2026-11-19", "2026-11-19T00:00:00..2026-11-20T00:00:00");
	T("on 11/19", "2026-11-19T00:00:00..2026-11-20T00:00:00");
	T("on 19 Nov", "2026-11-19T00:00:00..2026-11-20T00:00:00");
	T("on November 19th", "2026-11-19T00:00:00..2026-11-20T00:00:00");
	T("on the 19th of november", "2026-11-19T00:00:00..2026-11-20T00:00:00");
	T("on 3 March 2025", "2025-03-03T00:00:00..2025-03-04T00:00:00");
	T("in 2019", "2019-01-01T00:00:00..2020-01-01T00:00:00");
	T("since monday", "2026-11-16T00:00:00..2026-11-20T15:30:01");
	/* a date without a year that has not come yet is last year's */
	T("on 25 dec", "2025-12-25T00:00:00..2025-12-26T00:00:00");
}

static void test_future(void)
{
	T("tomorrow", "2026-11-21T00:00:00..2026-11-22T00:00:00 future");
	T("next week", "2026-11-21T15:30:00..2026-11-28T15:30:00 future");
	T("in 3 days", "2026-11-23T15:30:00..2026-11-24T15:30:00 future");
	T("tonight", "2026-11-20T18:00:00..2026-11-21T00:00:00 future");
}

static void test_not_times(void)
{
	/* numbers that are no times */
	T("show the first 5 lines", "none");
	T("files bigger than 100M", "none");
	T("when was the last time I used rsync", "none");
	T("what did bob write about", "none");
}

int main(void)
{
	clock_parse_iso("2026-11-20T15:30:00", 19, &now);
	TEST_RUN(test_days);
	TEST_RUN(test_weeks);
	TEST_RUN(test_parts);
	TEST_RUN(test_dates);
	TEST_RUN(test_future);
	TEST_RUN(test_not_times);
	return test_summary();
}
