/*
 * log.c - timestamped one-line log messages on stderr (see log.h).
 */
#include <stdarg.h>
#include <stdio.h>
#include <time.h>
#include <unistd.h>

#include <hersh/buf.h>
#include <hersh/io.h>

#include "log.h"

static enum log_level log_level = LOG_INFO;

void log_set_level(enum log_level level)
{
	log_level = level;
}

void log_msg(enum log_level level, const char *func, const char *fmt, ...)
{
	char raw[1024], stamp[32];
	struct buf line = BUF_INIT;
	struct tm tm;
	time_t now;
	va_list ap;
	size_t i;

	if (level > log_level) {
		return;
	}
	va_start(ap, fmt);
	vsnprintf(raw, sizeof(raw), fmt, ap);
	va_end(ap);
	now = time(NULL);
	if (localtime_r(&now, &tm) == NULL ||
	    strftime(stamp, sizeof(stamp), "%Y-%m-%dT%H:%M:%S", &tm) == 0) {
		stamp[0] = '\0';
	}
	buf_printf(&line, "%s hershd[%ld]: %s: ", stamp, (long)getpid(), func);
	for (i = 0; raw[i] != '\0'; i++) {
		unsigned char c = (unsigned char)raw[i];

		if (c < 0x20 || c == 0x7f) {
			buf_printf(&line, "\\x%02x", c);
		} else {
			buf_putc(&line, (char)c);
		}
	}
	buf_putc(&line, '\n');
	if (!line.err) {
		(void)io_write_all(2, line.data, line.len);
	}
	buf_release(&line);
}
