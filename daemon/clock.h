/*
 * clock.h - the daemon's one clock: local wall-clock seconds.
 *
 * A time is the local date and time read as if it were UTC (timegm() of
 * the broken-down local time).  It is what the user sees on the wall,
 * sorts like the ISO 8601 text "YYYY-MM-DDTHH:MM:SS", converts both ways
 * exactly and needs no time-zone rules.  The store, the import format,
 * HERSH_NOW and the ask engine all use it.  Break a value down with
 * gmtime_r() (or clock_split()), never localtime_r().
 */
#ifndef HERSH_CLOCK_H
#define HERSH_CLOCK_H

#include <stdbool.h>
#include <stdint.h>

#include <hersh/buf.h>

/* Length of "YYYY-MM-DDTHH:MM:SS". */
#define CLOCK_ISO_LEN 19

/* Now, in local seconds. */
int64_t clock_now(void);
/* A time_t (seconds since the epoch, UTC) in local seconds. */
int64_t clock_from_epoch(int64_t epoch);

/*
 * Parses exactly "YYYY-MM-DDTHH:MM:SS" (len bytes at s; years 1970-9999,
 * real calendar dates, hours 00-23).  Returns true and sets *out.
 */
bool clock_parse_iso(const char *s, size_t len, int64_t *out);
/* Appends t as "YYYY-MM-DDTHH:MM:SS" to out. */
void clock_format_iso(struct buf *out, int64_t t);

/* Days since 1970-01-01 of a proleptic Gregorian date. */
int64_t clock_days_from_civil(int64_t y, unsigned m, unsigned d);
/* Start of the calendar day holding t (00:00:00). */
int64_t clock_day_start(int64_t t);
/* Day of the week of t: 0 = Monday .. 6 = Sunday (ISO 8601). */
int clock_weekday(int64_t t);

#endif
