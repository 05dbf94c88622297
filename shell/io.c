/*
 * io.c - full read/write loops and fd flag helpers (see io.h).
 */
#include <errno.h>
#include <fcntl.h>
#include <unistd.h>

#include <hersh/io.h>

int io_write_all(int fd, const void *p, size_t n)
{
	const char *s = p;
	ssize_t w;

	while (n > 0) {
		w = write(fd, s, n);
		if (w < 0) {
			if (errno == EINTR) {
				continue;
			}
			return -1;
		}
		s += w;
		n -= (size_t)w;
	}
	return 0;
}

ssize_t io_read(int fd, void *p, size_t n)
{
	ssize_t r;

	do {
		r = read(fd, p, n);
	} while (r < 0 && errno == EINTR);
	return r;
}

ssize_t io_read_full(int fd, void *p, size_t n)
{
	char *s = p;
	size_t got = 0;
	ssize_t r;

	while (got < n) {
		r = io_read(fd, s + got, n - got);
		if (r < 0) {
			return -1;
		}
		if (r == 0) {
			break;
		}
		got += (size_t)r;
	}
	return (ssize_t)got;
}

int io_set_cloexec(int fd, bool on)
{
	int flags = fcntl(fd, F_GETFD);

	if (flags < 0) {
		return -1;
	}
	flags = on ? flags | FD_CLOEXEC : flags & ~FD_CLOEXEC;
	return fcntl(fd, F_SETFD, flags);
}

int io_set_nonblock(int fd, bool on)
{
	int flags = fcntl(fd, F_GETFL);

	if (flags < 0) {
		return -1;
	}
	flags = on ? flags | O_NONBLOCK : flags & ~O_NONBLOCK;
	return fcntl(fd, F_SETFL, flags);
}

int io_move_high(int fd)
{
	int nfd = fcntl(fd, F_DUPFD_CLOEXEC, 10);

	if (nfd < 0) {
		return -1;
	}
	close(fd);
	return nfd;
}
