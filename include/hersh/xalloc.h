/*
 * xalloc.h - allocators that print a message and exit on out-of-memory.
 *
 * For program-level code only (the shell's long-lived tables, the daemon's
 * setup).  Code that parses bytes from a peer must use plain malloc and
 * return an error instead, so that a hostile size never ends the program.
 */
#ifndef HERSH_XALLOC_H
#define HERSH_XALLOC_H

#include <stddef.h>

void *xmalloc(size_t size);
void *xcalloc(size_t nmemb, size_t size);
/* Like realloc(3); exits on failure.  Returns the new pointer. */
void *xrealloc(void *ptr, size_t size);
/* realloc of an array of nmemb elements of size bytes, overflow-checked. */
void *xreallocarray(void *ptr, size_t nmemb, size_t size);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);
/* Formats into a newly allocated string (printf rules). */
char *xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif
