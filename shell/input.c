/*
 * input.c - input sources read a line at a time (see input.h).
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <hersh/buf.h>
#include <hersh/io.h>
#include <hersh/xalloc.h>

#include "edit.h"
#include "arena.h"
#include "input.h"
#include "prompt.h"
#include "question.h"
#include "var.h"
#include "shell.h"

#define INPUT_BLOCK 65536

enum input_kind {
	INPUT_STRING,
	INPUT_FD,
	INPUT_EDITOR,
};

struct input {
	enum input_kind kind;
	struct shell *sh;	/* editor only */
	char *data;		/* string, or the fd's read-ahead buffer */
	size_t len;		/* bytes in data */
	size_t pos;		/* next byte to hand out */
	int fd;
	bool owned;		/* close fd in input_free() */
	bool careful;		/* must not read past the line (fd 0) */
	bool seekable;		/* careful, but can seek back */
	bool eof;
	bool prompting;		/* fd source of an interactive shell */
	struct buf transcript;	/* editor: lines of the current command */
};

struct input *input_new_string(const char *s, size_t len)
{
	struct input *in = xcalloc(1, sizeof(*in));

	in->kind = INPUT_STRING;
	in->data = xstrndup(s, len);
	in->len = len;
	in->fd = -1;
	return in;
}

struct input *input_new_fd(int fd, bool owned)
{
	struct input *in = xcalloc(1, sizeof(*in));
	struct stat st;

	in->kind = INPUT_FD;
	in->fd = fd;
	in->owned = owned;
	in->careful = fd == 0;
	if (in->careful && fstat(fd, &st) == 0 && S_ISREG(st.st_mode) &&
	    lseek(fd, 0, SEEK_CUR) >= 0) {
		in->seekable = true;
	}
	return in;
}

struct input *input_new_editor(struct shell *sh)
{
	struct input *in = xcalloc(1, sizeof(*in));

	in->kind = INPUT_EDITOR;
	in->sh = sh;
	in->fd = -1;
	return in;
}

void input_free(struct input *in)
{
	if (in == NULL) {
		return;
	}
	if (in->owned && in->fd >= 0) {
		close(in->fd);
	}
	free(in->data);
	buf_release(&in->transcript);
	free(in);
}

const char *input_transcript(const struct input *in)
{
	return buf_str(&in->transcript);
}

void input_transcript_reset(struct input *in)
{
	buf_reset(&in->transcript);
}

void input_set_prompts(struct input *in, struct shell *sh)
{
	in->sh = sh;
	in->prompting = true;
}

static void show_prompt(struct input *in, bool continuation)
{
	struct arena_mark mark;
	const char *ps;
	char *p;

	arena_mark(&mark);
	ps = var_get(in->sh, continuation ? "PS2" : "PS1");
	if (ps != NULL) {
		p = prompt_expand(in->sh, ps, false, !isatty(2));
		(void)io_write_all(2, p, strlen(p));
	}
	arena_pop(&mark);
}

bool input_at_end(const struct input *in)
{
	size_t i;

	if (in->kind != INPUT_STRING) {
		return false;
	}
	for (i = in->pos; i < in->len; i++) {
		if (in->data[i] != ' ' && in->data[i] != '\t' &&
		    in->data[i] != '\n') {
			return false;
		}
	}
	return true;
}

bool input_is_interactive(const struct input *in)
{
	return in->kind == INPUT_EDITOR;
}

/* Refills the read-ahead buffer of an fd source.  1, 0 at EOF, -1. */
static int fill(struct input *in)
{
	size_t want = in->careful && !in->seekable ? 1 : INPUT_BLOCK;
	ssize_t r;

	if (in->data == NULL) {
		in->data = xmalloc(INPUT_BLOCK);
	}
	r = io_read(in->fd, in->data, want);
	if (r < 0) {
		return -1;
	}
	in->pos = 0;
	in->len = (size_t)r;
	if (r == 0) {
		in->eof = true;
		return 0;
	}
	return 1;
}

static int read_fd_line(struct input *in, struct buf *line)
{
	size_t start = line->len;
	char *nl;
	int r;

	for (;;) {
		if (in->pos == in->len) {
			if (in->eof) {
				return line->len > start;
			}
			r = fill(in);
			if (r < 0) {
				if (errno == EISDIR || errno == EINVAL) {
					return -1;
				}
				return -1;
			}
			if (r == 0) {
				return line->len > start;
			}
		}
		nl = memchr(in->data + in->pos, '\n', in->len - in->pos);
		if (nl != NULL) {
			buf_append(line, in->data + in->pos,
				   (size_t)(nl - (in->data + in->pos)) + 1);
			in->pos = (size_t)(nl - in->data) + 1;
			return 1;
		}
		buf_append(line, in->data + in->pos, in->len - in->pos);
		in->pos = in->len;
		if (line->err) {
			return -1;
		}
	}
}

static int read_string_line(struct input *in, struct buf *line)
{
	const char *nl;
	size_t n;

	if (in->pos >= in->len) {
		return 0;
	}
	nl = memchr(in->data + in->pos, '\n', in->len - in->pos);
	n = nl ? (size_t)(nl - (in->data + in->pos)) + 1 : in->len - in->pos;
	buf_append(line, in->data + in->pos, n);
	in->pos += n;
	return 1;
}

int input_read_line(struct input *in, struct buf *line, bool continuation)
{
	char *s, *q;

	switch (in->kind) {
	case INPUT_STRING:
		return read_string_line(in, line);
	case INPUT_FD:
		if (in->prompting) {
			show_prompt(in, continuation);
		}
		return read_fd_line(in, line);
	case INPUT_EDITOR:
		s = edit_read_line(in->sh, continuation);
		if (s == NULL) {
			return 0;
		}
		if (strcmp(s, EDIT_INTERRUPTED) == 0) {
			free(s);
			return INPUT_INTERRUPTED;
		}
		if (!continuation && (q = question_detect(in->sh, s)) != NULL) {
			/* a question for the companion runs as `ask '...'`;
			 * the transcript keeps what was typed */
			char *cmd = question_command(q);

			buf_puts(&in->transcript, s);
			buf_putc(&in->transcript, '\n');
			free(s);
			free(q);
			buf_puts(line, cmd);
			buf_putc(line, '\n');
			free(cmd);
			return 1;
		}
		buf_puts(line, s);
		buf_putc(line, '\n');
		buf_puts(&in->transcript, s);
		buf_putc(&in->transcript, '\n');
		free(s);
		return 1;
	}
	return 0;
}

void input_sync(struct input *in)
{
	if (in->kind != INPUT_FD || !in->seekable || in->pos == in->len) {
		return;
	}
	if (lseek(in->fd, -(off_t)(in->len - in->pos), SEEK_CUR) >= 0) {
		in->pos = in->len = 0;
		in->eof = false;
	}
}
