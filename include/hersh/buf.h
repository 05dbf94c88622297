/*
 * buf.h - the one growable byte buffer.
 *
 * Invariants: data is NULL or holds len bytes followed by a NUL byte (so
 * data can always be used as a C string once non-NULL; buf_str() never
 * returns NULL).  cap > len when data != NULL.  max (0 = unlimited) caps
 * len: an append that would pass it, or a failed allocation, sets the sticky
 * err flag and is dropped, so a caller may append many times and check err
 * once at the end.  Buffers never exit the program on failure.
 */
#ifndef HERSH_BUF_H
#define HERSH_BUF_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>

struct buf {
	char *data;	/* bytes, NUL-terminated; NULL while empty */
	size_t len;	/* bytes in use, not counting the NUL */
	size_t cap;	/* bytes allocated */
	size_t max;	/* hard cap on len, 0 for none */
	bool err;	/* sticky: an append failed */
};

#define BUF_INIT { NULL, 0, 0, 0, false }

void buf_init(struct buf *b, size_t max);
/* Frees the bytes; the buffer may be reused after buf_init(). */
void buf_release(struct buf *b);
/* Forgets the contents but keeps the allocation. */
void buf_reset(struct buf *b);
/* Makes room for n more bytes; returns 0 or -1 (and sets err). */
int buf_reserve(struct buf *b, size_t n);
void buf_putc(struct buf *b, char c);
void buf_append(struct buf *b, const void *p, size_t n);
void buf_puts(struct buf *b, const char *s);
void buf_printf(struct buf *b, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
void buf_vprintf(struct buf *b, const char *fmt, va_list ap);
/* Cuts the contents to their first len bytes (no-op if len >= b->len). */
void buf_truncate(struct buf *b, size_t len);
/* Returns the contents as a C string ("" when empty); owned by b. */
const char *buf_str(const struct buf *b);
/* Hands the bytes to the caller (who frees them) and empties b.  Never NULL. */
char *buf_steal(struct buf *b, size_t *len);

#endif
