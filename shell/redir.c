/*
 * redir.c - redirections (XCU 2.7) and undoing them.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <hersh/io.h>

#include "arena.h"
#include "ast.h"
#include "expand.h"
#include "redir.h"
#include "shell.h"

/* bodies up to this size go through a pipe, larger ones a memfd */
#define HEREDOC_PIPE_MAX 4096

struct redir_save {
	int fd;			/* the fd that was redirected */
	int saved;		/* its old self (cloexec, >= 10), or -1 */
	struct redir_save *next;
};

/* Remembers fd's current state once per save record. */
static int save_fd(struct shell *sh, struct redir_save **save, int fd)
{
	struct redir_save *s;
	int copy;

	for (s = *save; s != NULL; s = s->next) {
		if (s->fd == fd) {
			return 0;
		}
	}
	copy = fcntl(fd, F_DUPFD_CLOEXEC, 10);
	if (copy < 0 && errno != EBADF) {
		sh_error(sh, "%d: %s", fd, strerror(errno));
		return -1;
	}
	s = arena_alloc(sizeof(*s));
	s->fd = fd;
	s->saved = copy;
	s->next = *save;
	*save = s;
	return 0;
}

static int heredoc_fd(struct shell *sh, const char *body)
{
	size_t len = strlen(body);
	int p[2], fd;

	if (len <= HEREDOC_PIPE_MAX) {
		if (pipe2(p, O_CLOEXEC) < 0) {
			sh_error(sh, "pipe: %s", strerror(errno));
			return -1;
		}
		(void)io_write_all(p[1], body, len);
		close(p[1]);
		return p[0];
	}
	fd = memfd_create("hersh-heredoc", MFD_CLOEXEC);
	if (fd < 0) {
		sh_error(sh, "here-document: %s", strerror(errno));
		return -1;
	}
	if (io_write_all(fd, body, len) < 0 || lseek(fd, 0, SEEK_SET) < 0) {
		sh_error(sh, "here-document: %s", strerror(errno));
		close(fd);
		return -1;
	}
	return fd;
}

/* Opens a file for an output redirection, honouring set -C. */
static int open_out(struct shell *sh, const char *file, enum redir_type type)
{
	struct stat st;
	int fd;

	if (type == REDIR_APPEND) {
		return open(file, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC,
			    0666);
	}
	if (type == REDIR_OUT && (sh->options & OPT_NOCLOBBER)) {
		fd = open(file, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
		if (fd >= 0 || errno != EEXIST) {
			return fd;
		}
		fd = open(file, O_WRONLY | O_CLOEXEC);
		if (fd >= 0 && fstat(fd, &st) == 0 && !S_ISREG(st.st_mode)) {
			return fd;
		}
		if (fd >= 0) {
			close(fd);
		}
		errno = EEXIST;
		return -1;
	}
	return open(file, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0666);
}

/* Parses the target of <& and >&: a fd number, or -1 for "-".  -2 bad. */
static int dup_target(const char *s)
{
	long n = 0;

	if (strcmp(s, "-") == 0) {
		return -1;
	}
	if (*s == '\0') {
		return -2;
	}
	for (; *s; s++) {
		if (*s < '0' || *s > '9' || n > 100000) {
			return -2;
		}
		n = n * 10 + (*s - '0');
	}
	return (int)n;
}

static int apply_one(struct shell *sh, struct redir *r,
		     struct redir_save **save)
{
	int fd = r->fd, newfd = -1, target;
	const char *word;

	if (fd < 0) {
		fd = (r->type == REDIR_IN || r->type == REDIR_DUPIN ||
		      r->type == REDIR_RDWR || r->type == REDIR_HEREDOC) ? 0 : 1;
	}
	word = expand_string(sh, r->target,
			     r->type == REDIR_HEREDOC ? EXPAND_HEREDOC : 0);
	if (word == NULL) {
		return -1;
	}
	if (save != NULL && save_fd(sh, save, fd) < 0) {
		return -1;
	}
	switch (r->type) {
	case REDIR_IN:
		newfd = open(word, O_RDONLY | O_CLOEXEC);
		if (newfd < 0) {
			sh_error(sh, "cannot open %s: %s", word,
				 strerror(errno));
			return -1;
		}
		break;
	case REDIR_OUT:
	case REDIR_CLOBBER:
	case REDIR_APPEND:
		newfd = open_out(sh, word, r->type);
		if (newfd < 0) {
			sh_error(sh, "cannot create %s: %s", word,
				 strerror(errno));
			return -1;
		}
		break;
	case REDIR_RDWR:
		newfd = open(word, O_RDWR | O_CREAT | O_CLOEXEC, 0666);
		if (newfd < 0) {
			sh_error(sh, "cannot open %s: %s", word,
				 strerror(errno));
			return -1;
		}
		break;
	case REDIR_DUPIN:
	case REDIR_DUPOUT:
		target = dup_target(word);
		if (target == -2) {
			sh_error(sh, "Syntax error: Bad fd number");
			return -1;
		}
		if (target == -1) {
			close(fd);
			return 0;
		}
		if (target == fd) {
			if (fcntl(fd, F_GETFD) < 0) {
				sh_error(sh, "%d: Bad file descriptor", fd);
				return -1;
			}
			return 0;
		}
		if (dup2(target, fd) < 0) {
			sh_error(sh, "%d: %s", target, strerror(errno));
			return -1;
		}
		return 0;
	case REDIR_HEREDOC:
		newfd = heredoc_fd(sh, word);
		if (newfd < 0) {
			return -1;
		}
		break;
	}
	if (newfd != fd) {
		if (dup2(newfd, fd) < 0) {
			sh_error(sh, "%d: %s", fd, strerror(errno));
			close(newfd);
			return -1;
		}
		close(newfd);
	} else {
		io_set_cloexec(fd, false);
	}
	return 0;
}

int redir_apply(struct shell *sh, struct redir *r, struct redir_save **save)
{
	for (; r != NULL; r = r->next) {
		if (apply_one(sh, r, save) < 0) {
			return -1;
		}
	}
	return 0;
}

void redir_restore(struct shell *sh, struct redir_save *save)
{
	struct redir_save *s;

	for (s = save; s != NULL; s = s->next) {
		if (s->saved >= 0) {
			dup2(s->saved, s->fd);
			close(s->saved);
		} else {
			close(s->fd);
		}
	}
}
