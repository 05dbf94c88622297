/*
 * spool.c - the on-disk queue of undelivered events (see spool.h).
 */
#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdlib.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <hersh/buf.h>
#include <hersh/io.h>
#include <hersh/paths.h>
#include <hersh/proto.h>

#include "spool.h"

static unsigned long spool_lost;

/* The spool's path, its directory made private; NULL if impossible. */
static char *spool_path(void)
{
	struct buf err = BUF_INIT;
	char *dir = paths_ensure(PATHS_STATE, &err), *path;

	buf_release(&err);
	if (dir == NULL) {
		return NULL;
	}
	free(dir);
	path = paths_file(PATHS_STATE, PATHS_SPOOL);
	return path;
}

/* Opens and locks the spool; -1 when it does not exist (and !create). */
static int spool_open(bool create)
{
	char *path = spool_path();
	struct stat sb;
	int fd, flags = O_RDWR | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK;

	if (path == NULL) {
		return -1;
	}
	fd = open(path, flags | (create ? O_CREAT | O_APPEND : 0), 0600);
	free(path);
	if (fd < 0) {
		return -1;
	}
	if (fstat(fd, &sb) < 0 || !S_ISREG(sb.st_mode) ||
	    sb.st_uid != getuid()) {
		close(fd);
		errno = EPERM;
		return -1;
	}
	while (flock(fd, LOCK_EX) < 0) {
		if (errno != EINTR) {
			close(fd);
			return -1;
		}
	}
	return fd;
}

int spool_append(const void *frames, size_t n)
{
	const char *p = frames;
	struct stat sb;
	size_t fit = 0, len, room = 0;
	unsigned long count = 0, kept = 0;
	int fd = spool_open(true), rc = -1;

	while (fit < n && proto_frame_check(p + fit, n - fit, &len) == 0) {
		fit += len;
		count++;
	}
	if (fd >= 0 && fstat(fd, &sb) == 0 && (size_t)sb.st_size < SPOOL_MAX) {
		room = SPOOL_MAX - (size_t)sb.st_size;
	}
	/* the frames that fit, whole, in one write */
	for (fit = 0; fit < n && proto_frame_check(p + fit, n - fit,
						     &len) == 0 &&
	     fit + len <= room; fit += len) {
		kept++;
	}
	if (fd >= 0 && fit > 0 && io_write_all(fd, p, fit) < 0) {
		kept = 0;
	}
	if (fd >= 0) {
		close(fd);
	}
	spool_lost += count - kept;
	rc = kept == count ? 0 : -1;
	if (rc < 0 && fd >= 0) {
		errno = ENOSPC;
	}
	return rc;
}

int spool_take(struct buf *out)
{
	struct buf data = BUF_INIT;
	char chunk[65536];
	size_t off = 0, len;
	ssize_t r;
	int fd = spool_open(false), frames = 0;

	if (fd < 0) {
		return errno == ENOENT ? 0 : -1;
	}
	buf_init(&data, SPOOL_MAX + sizeof(chunk));
	while ((r = io_read(fd, chunk, sizeof(chunk))) > 0) {
		buf_append(&data, chunk, (size_t)r);
	}
	if (r < 0 || data.err) {
		buf_release(&data);
		close(fd);
		return -1;
	}
	while (off < data.len &&
	       proto_frame_check(data.data + off, data.len - off, &len) == 0) {
		buf_append(out, data.data + off, len);
		off += len;
		frames++;
	}
	if (out->err) {
		frames = -1;
	} else if (ftruncate(fd, 0) < 0) {
		frames = -1;
	}
	buf_release(&data);
	close(fd);
	return frames;
}

unsigned long spool_dropped(void)
{
	return spool_lost;
}
