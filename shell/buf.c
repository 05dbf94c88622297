/*
 * buf.c - the growable byte buffer (see buf.h for the invariants).
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <hersh/buf.h>

void buf_init(struct buf *b, size_t max)
{
	b->data = NULL;
	b->len = 0;
	b->cap = 0;
	b->max = max;
	b->err = false;
}

void buf_release(struct buf *b)
{
	free(b->data);
	buf_init(b, b->max);
}

void buf_reset(struct buf *b)
{
	b->len = 0;
	if (b->data != NULL) {
		b->data[0] = '\0';
	}
	b->err = false;
}

int buf_reserve(struct buf *b, size_t n)
{
	size_t need, cap;
	char *p;

	if (b->err) {
		return -1;
	}
	if (n > SIZE_MAX / 2 - b->len - 1 || (b->max && b->len + n > b->max)) {
		b->err = true;
		return -1;
	}
	need = b->len + n + 1;
	if (need <= b->cap) {
		return 0;
	}
	cap = b->cap ? b->cap : 64;
	while (cap < need) {
		cap *= 2;
	}
	p = realloc(b->data, cap);
	if (p == NULL) {
		b->err = true;
		return -1;
	}
	b->data = p;
	b->cap = cap;
	return 0;
}

void buf_putc(struct buf *b, char c)
{
	if (b->len + 1 < b->cap && !b->err && (!b->max || b->len < b->max)) {
		b->data[b->len++] = c;
		b->data[b->len] = '\0';
		return;
	}
	if (buf_reserve(b, 1) == 0) {
		b->data[b->len++] = c;
		b->data[b->len] = '\0';
	}
}

void buf_append(struct buf *b, const void *p, size_t n)
{
	if (n == 0 || buf_reserve(b, n) < 0) {
		return;
	}
	memcpy(b->data + b->len, p, n);
	b->len += n;
	b->data[b->len] = '\0';
}

void buf_puts(struct buf *b, const char *s)
{
	buf_append(b, s, strlen(s));
}

void buf_vprintf(struct buf *b, const char *fmt, va_list ap)
{
	va_list copy;
	int n;

	va_copy(copy, ap);
	n = vsnprintf(NULL, 0, fmt, copy);
	va_end(copy);
	if (n < 0 || buf_reserve(b, (size_t)n) < 0) {
		b->err = true;
		return;
	}
	vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
	b->len += (size_t)n;
}

void buf_printf(struct buf *b, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	buf_vprintf(b, fmt, ap);
	va_end(ap);
}

void buf_truncate(struct buf *b, size_t len)
{
	if (len < b->len) {
		b->len = len;
		b->data[len] = '\0';
	}
}

const char *buf_str(const struct buf *b)
{
	return b->data ? b->data : "";
}

char *buf_steal(struct buf *b, size_t *len)
{
	char *p = b->data;

	if (len != NULL) {
		*len = b->len;
	}
	if (p == NULL) {
		p = calloc(1, 1);
	}
	buf_init(b, b->max);
	return p;
}
