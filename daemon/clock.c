/*
 * clock.c - local wall-clock seconds (see clock.h).
 */
#include <stdio.h>
#include <time.h>

#include "clock.h"

#define DAY 86400

int64_t clock_days_from_civil(int64_t y, unsigned m, unsigned d)
{
	int64_t era, yoe, doy, doe;

	/* Howard Hinnant's days_from_civil */
	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

int64_t clock_from_epoch(int64_t epoch)
{
	struct tm tm;
	time_t t = (time_t)epoch;

	if (localtime_r(&t, &tm) == NULL) {
		return epoch;
	}
	return clock_days_from_civil((int64_t)tm.tm_year + 1900,
				     (unsigned)tm.tm_mon + 1,
				     (unsigned)tm.tm_mday) * DAY +
	       tm.tm_hour * 3600 + tm.tm_min * 60 + tm.tm_sec;
}

int64_t clock_now(void)
{
	return clock_from_epoch((int64_t)time(NULL));
}

static int clock_digits(const char *s, int n)
{
	int v = 0, i;

	for (i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9') {
			return -1;
		}
		v = v * 10 + (s[i] - '0');
	}
	return v;
}

static unsigned clock_month_days(int y, int m)
{
	static const unsigned char days[12] = {
		31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31
	};
	bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;

	return days[m - 1] + (m == 2 && leap);
}

bool clock_parse_iso(const char *s, size_t len, int64_t *out)
{
	int y, mo, d, h, mi, se;

	if (len != CLOCK_ISO_LEN || s[4] != '-' || s[7] != '-' ||
	    s[10] != 'T' || s[13] != ':' || s[16] != ':') {
		return false;
	}
	y = clock_digits(s, 4);
	mo = clock_digits(s + 5, 2);
	d = clock_digits(s + 8, 2);
	h = clock_digits(s + 11, 2);
	mi = clock_digits(s + 14, 2);
	se = clock_digits(s + 17, 2);
	if (y < 1970 || mo < 1 || mo > 12 || d < 1 ||
	    (unsigned)d > clock_month_days(y, mo) || h < 0 || h > 23 ||
	    mi < 0 || mi > 59 || se < 0 || se > 59) {
		return false;
	}
	*out = clock_days_from_civil(y, (unsigned)mo, (unsigned)d) * DAY +
	       h * 3600 + mi * 60 + se;
	return true;
}

void clock_format_iso(struct buf *out, int64_t t)
{
	struct tm tm;
	time_t tt = (time_t)t;

	if (gmtime_r(&tt, &tm) == NULL) {
		buf_puts(out, "1970-01-01T00:00:00");
		return;
	}
	buf_printf(out, "%04d-%02d-%02dT%02d:%02d:%02d", tm.tm_year + 1900,
		   tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min,
		   tm.tm_sec);
}

int64_t clock_day_start(int64_t t)
{
	int64_t r = t % DAY;

	return t - (r < 0 ? r + DAY : r);
}

int clock_weekday(int64_t t)
{
	int64_t days = clock_day_start(t) / DAY;
	int64_t w = (days + 3) % 7;	/* 1970-01-01 was a Thursday */

	return (int)(w < 0 ? w + 7 : w);
}
