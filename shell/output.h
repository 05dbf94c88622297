/*
 * output.h - buffered standard output for builtins.
 *
 * Builtins write to fd 1 through this buffer; the executor flushes it when
 * the builtin returns (and before any fork), so output lands in the right
 * place when fd 1 is redirected around a builtin.  A write error is sticky
 * until out_flush() reports it.
 */
#ifndef HERSH_OUTPUT_H
#define HERSH_OUTPUT_H

#include <stddef.h>

void out_putc(char c);
void out_write(const void *p, size_t n);
void out_str(const char *s);
void out_printf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Writes what is buffered to fd 1.  0, or -1 if a write failed since the
 * last flush (the error is then cleared). */
int out_flush(void);
/* Drops buffered output (in a forked child before it execs). */
void out_discard(void);

/* Writes to fd 2 at once: one formatted message, one write. */
void err_printf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif
