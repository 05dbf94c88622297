/*
 * output.c - buffered standard output for builtins (see output.h).
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <hersh/io.h>

#include "output.h"

#define OUT_SIZE 8192

static char out_buf[OUT_SIZE];
static size_t out_len;
static bool out_error;

/* Writes the buffer out, keeping the sticky error. */
static void out_drain(void)
{
	if (out_len > 0 && io_write_all(1, out_buf, out_len) < 0) {
		out_error = true;
	}
	out_len = 0;
}

int out_flush(void)
{
	int ret = 0;

	out_drain();
	if (out_error) {
		ret = -1;
		out_error = false;
	}
	return ret;
}

void out_discard(void)
{
	out_len = 0;
	out_error = false;
}

void out_write(const void *p, size_t n)
{
	if (n > OUT_SIZE - out_len) {
		out_drain();
		if (n >= OUT_SIZE) {
			if (io_write_all(1, p, n) < 0) {
				out_error = true;
			}
			return;
		}
	}
	memcpy(out_buf + out_len, p, n);
	out_len += n;
}

void out_putc(char c)
{
	if (out_len == OUT_SIZE) {
		out_drain();
	}
	out_buf[out_len++] = c;
}

void out_str(const char *s)
{
	out_write(s, strlen(s));
}

void out_printf(const char *fmt, ...)
{
	char small[256];
	va_list ap;
	int n;
	char *big;

	va_start(ap, fmt);
	n = vsnprintf(small, sizeof(small), fmt, ap);
	va_end(ap);
	if (n < 0) {
		return;
	}
	if ((size_t)n < sizeof(small)) {
		out_write(small, (size_t)n);
		return;
	}
	va_start(ap, fmt);
	n = vasprintf(&big, fmt, ap);
	va_end(ap);
	if (n >= 0) {
		out_write(big, (size_t)n);
		free(big);
	}
}

void err_printf(const char *fmt, ...)
{
	char small[512];
	va_list ap;
	int n;
	char *big;

	va_start(ap, fmt);
	n = vsnprintf(small, sizeof(small), fmt, ap);
	va_end(ap);
	if (n < 0) {
		return;
	}
	if ((size_t)n < sizeof(small)) {
		(void)io_write_all(2, small, (size_t)n);
		return;
	}
	va_start(ap, fmt);
	n = vasprintf(&big, fmt, ap);
	va_end(ap);
	if (n >= 0) {
		(void)io_write_all(2, big, (size_t)n);
		free(big);
	}
}
