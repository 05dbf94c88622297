/*
 * io.h - full read/write loops and fd flag helpers.
 */
#ifndef HERSH_IO_H
#define HERSH_IO_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

/* Writes all n bytes, retrying on EINTR and short writes.  0 or -1 (errno). */
int io_write_all(int fd, const void *p, size_t n);
/* Reads up to n bytes, retrying on EINTR.  Returns bytes read, 0 at EOF, -1. */
ssize_t io_read(int fd, void *p, size_t n);
/* Reads exactly n bytes unless EOF comes first.  Returns bytes read or -1. */
ssize_t io_read_full(int fd, void *p, size_t n);
int io_set_cloexec(int fd, bool on);
int io_set_nonblock(int fd, bool on);
/* Moves fd to a number >= 10 with FD_CLOEXEC set, closing the old one.
 * Returns the new fd or -1. */
int io_move_high(int fd);

#endif
