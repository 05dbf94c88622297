/*
 * read.c - read [-r] [-p prompt] var... (XCU read), as in dash.
 *
 * Reads one logical line from standard input.  Unless -r is given, a
 * backslash quotes the next character (which then takes no part in field
 * splitting) and backslash-newline joins lines.  The line is split by IFS
 * (XCU 2.6.5) into the named variables; the last one gets the rest of the
 * line minus trailing IFS white space.  Status 1 at end of file (the
 * partial line is still assigned), 2 on usage errors, 128+n when a trapped
 * signal interrupts the wait.
 *
 * Input past the newline must stay unread for whatever runs next.  From a
 * regular file we read a block and seek back to just after the line; from
 * anything else (pipes, terminals) a byte at a time.
 */
#include <errno.h>
#include <signal.h>
#include <stdbool.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <hersh/buf.h>

#include "builtin.h"
#include "output.h"
#include "shell.h"
#include "trap.h"
#include "var.h"

#define READ_BLOCK 4096

/* where bytes come from */
struct read_src {
	int fd;
	bool seekable;		/* regular file: read blocks, seek back */
	char block[READ_BLOCK];
	size_t pos;		/* next unused byte in block */
	size_t len;		/* bytes in block */
};

/* the line read so far */
struct read_line {
	struct buf text;	/* the characters */
	struct buf quoted;	/* one byte per character: 1 if escaped */
};

enum {
	READ_EOF = -1,
	READ_INTR = -2,		/* a trapped signal arrived */
	READ_ERR = -3,
};

/* The status for a read interrupted by a trapped signal: 128+n. */
static int read_signal_status(void)
{
	return 128 + (trap_last_signal ? trap_last_signal : SIGINT);
}

/* Returns the next byte, or READ_EOF / READ_INTR / READ_ERR. */
static int read_byte(struct read_src *src)
{
	ssize_t n;

	if (src->pos < src->len) {
		return (unsigned char)src->block[src->pos++];
	}
	for (;;) {
		n = read(src->fd, src->block,
			 src->seekable ? sizeof(src->block) : 1);
		if (n >= 0) {
			break;
		}
		if (errno != EINTR) {
			return READ_ERR;
		}
		if (trap_pending) {
			return READ_INTR;
		}
	}
	if (n == 0) {
		return READ_EOF;
	}
	src->pos = 1;
	src->len = (size_t)n;
	return (unsigned char)src->block[0];
}

/* Gives back the bytes read ahead, so the file offset is right after the
 * last byte used. */
static void read_sync(struct read_src *src)
{
	if (src->seekable && src->pos < src->len) {
		lseek(src->fd, -(off_t)(src->len - src->pos), SEEK_CUR);
	}
	src->pos = src->len = 0;
}

static void read_push(struct read_line *l, char c, bool quoted)
{
	buf_putc(&l->text, c);
	buf_putc(&l->quoted, quoted ? 1 : 0);
}

/*
 * Reads one logical line into l.  Returns 0 at a newline, 1 at end of
 * file, or READ_INTR / READ_ERR.
 */
static int read_logical_line(struct read_src *src, struct read_line *l,
			     bool raw)
{
	int c;

	for (;;) {
		c = read_byte(src);
		if (c == READ_EOF) {
			return 1;
		}
		if (c < 0) {
			return c;
		}
		if (c == '\0') {
			continue;
		}
		if (c == '\n') {
			return 0;
		}
		if (raw || c != '\\') {
			read_push(l, (char)c, false);
			continue;
		}
		do {
			c = read_byte(src);
		} while (c == '\0');
		if (c == READ_EOF) {
			return 1;
		}
		if (c < 0) {
			return c;
		}
		if (c != '\n') {
			read_push(l, (char)c, true);
		}
	}
}

/* splitting context: the line and IFS */
struct read_split {
	const char *text;
	const char *quoted;
	size_t n;
	const char *ifs;
};

static bool read_is_ifs(const struct read_split *sp, size_t i)
{
	return !sp->quoted[i] && sp->text[i] != '\0' &&
	       strchr(sp->ifs, sp->text[i]) != NULL;
}

static bool read_is_ws(const struct read_split *sp, size_t i)
{
	char c = sp->text[i];

	return (c == ' ' || c == '\t' || c == '\n') && read_is_ifs(sp, i);
}

static size_t read_skip_ws(const struct read_split *sp, size_t i,
			   size_t end)
{
	while (i < end && read_is_ws(sp, i)) {
		i++;
	}
	return i;
}

/* Skips one field delimiter at i: IFS white space around at most one
 * other IFS character. */
static size_t read_skip_delim(const struct read_split *sp, size_t i,
			      size_t end)
{
	i = read_skip_ws(sp, i, end);
	if (i < end && read_is_ifs(sp, i) && !read_is_ws(sp, i)) {
		i = read_skip_ws(sp, i + 1, end);
	}
	return i;
}

static int read_assign(struct shell *sh, const char *name, const char *value,
		       size_t len)
{
	struct buf v = BUF_INIT;
	int r;

	buf_append(&v, value, len);
	r = var_set(sh, name, buf_str(&v), VAR_QUIET);
	buf_release(&v);
	if (r < 0) {
		sh_error(sh, "read: %s: is read only", name);
		return -1;
	}
	return 0;
}

/* Splits the line over the names (XCU 2.6.5) and assigns them. */
static int read_split_assign(struct shell *sh, struct read_line *l,
			     char **names, int nnames)
{
	struct read_split sp;
	size_t i, start, end, j;
	int k;

	sp.text = buf_str(&l->text);
	sp.quoted = buf_str(&l->quoted);
	sp.n = l->text.len;
	sp.ifs = var_ifs(sh);
	i = read_skip_ws(&sp, 0, sp.n);
	for (k = 0; k < nnames - 1; k++) {
		start = i;
		while (i < sp.n && !read_is_ifs(&sp, i)) {
			i++;
		}
		if (read_assign(sh, names[k], sp.text + start, i - start) < 0) {
			return -1;
		}
		if (i < sp.n) {
			if (read_is_ws(&sp, i)) {
				i = read_skip_delim(&sp, i, sp.n);
			} else {
				i = read_skip_ws(&sp, i + 1, sp.n);
			}
		}
	}
	/* the last name: the rest, without trailing IFS white space; a
	 * single field followed by a lone delimiter loses the delimiter */
	end = sp.n;
	while (end > i && read_is_ws(&sp, end - 1)) {
		end--;
	}
	j = i;
	while (j < end && !read_is_ifs(&sp, j)) {
		j++;
	}
	if (read_skip_delim(&sp, j, end) == end) {
		end = j;
	}
	return read_assign(sh, names[nnames - 1], sp.text + i, end - i);
}

int builtin_read(struct shell *sh, int argc, char **argv)
{
	struct builtin_getopt g = BUILTIN_GETOPT_INIT;
	struct read_src src;
	struct read_line line = { BUF_INIT, BUF_INIT };
	struct stat st;
	const char *prompt = NULL;
	bool raw = false;
	int c, r, status, i;

	while ((c = builtin_getopt(sh, &g, argc, argv, "p:r")) != -1) {
		if (c == '?') {
			return 2;
		}
		if (c == 'p') {
			prompt = g.arg;
		} else {
			raw = true;
		}
	}
	if (prompt != NULL && isatty(0)) {
		err_printf("%s", prompt);
	}
	if (g.ind >= argc) {
		sh_error(sh, "read: arg count");
		return 2;
	}
	src.fd = 0;
	src.pos = src.len = 0;
	/* regular files can always seek back */
	src.seekable = fstat(0, &st) == 0 && S_ISREG(st.st_mode);
	r = read_logical_line(&src, &line, raw);
	read_sync(&src);
	if (r == READ_INTR) {
		status = read_signal_status();
		goto out;
	}
	status = r == 0 ? 0 : 1;
	for (i = g.ind; i < argc; i++) {
		if (!var_valid_name(argv[i])) {
			sh_error(sh, "read: %s: bad variable name", argv[i]);
			status = 2;
			goto out;
		}
	}
	if (line.text.err || line.quoted.err) {
		sh_error(sh, "read: out of memory");
		status = 2;
		goto out;
	}
	if (read_split_assign(sh, &line, argv + g.ind, argc - g.ind) < 0) {
		status = 2;
	}
out:
	buf_release(&line.text);
	buf_release(&line.quoted);
	return status;
}
