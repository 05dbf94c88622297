/*
 * import.c - JSON-lines events in and out (see import.h).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "clock.h"
#include "import.h"
#include "worker.h"
#include "json.h"
#include "redact.h"

/* ---- one line ---------------------------------------------------------- */

enum import_field {
	F_TYPE,
	F_TIME,
	F_CWD,
	F_CMD,
	F_STATUS,
	F_DURATION,
	F_SESSION,
	F_PATH,
	F_OP,
	F_TO,
	F_FROM,
	F_SUBJECT,
	F_MAILBOX,
	F_READ,
	F_COUNT
};

enum import_want {
	W_STRING,
	W_INT,
	W_BOOL,
};

static const struct {
	const char *name;
	enum import_want want;
} import_fields[F_COUNT] = {
	[F_TYPE] = { "type", W_STRING },
	[F_TIME] = { "time", W_STRING },
	[F_CWD] = { "cwd", W_STRING },
	[F_CMD] = { "cmd", W_STRING },
	[F_STATUS] = { "status", W_INT },
	[F_DURATION] = { "duration_ms", W_INT },
	[F_SESSION] = { "session", W_STRING },
	[F_PATH] = { "path", W_STRING },
	[F_OP] = { "op", W_STRING },
	[F_TO] = { "to", W_STRING },
	[F_FROM] = { "from", W_STRING },
	[F_SUBJECT] = { "subject", W_STRING },
	[F_MAILBOX] = { "mailbox", W_STRING },
	[F_READ] = { "read", W_BOOL },
};

struct import_line {
	struct buf str[F_COUNT];	/* string values */
	int64_t num[F_COUNT];	/* integer / bool values */
	bool seen[F_COUNT];	/* member present (null counts as absent) */
	bool dup[F_COUNT];	/* member given twice */
	struct buf *why;	/* where the member callback reports */
	bool failed;		/* a member was wrong (reason in why) */
	char *redacted;		/* the command line after redaction */
};

struct import_line *import_line_new(void)
{
	struct import_line *il = calloc(1, sizeof(*il));
	int i;

	if (il == NULL) {
		return NULL;
	}
	for (i = 0; i < F_COUNT; i++) {
		buf_init(&il->str[i], IMPORT_LINE_MAX + 1);
	}
	return il;
}

void import_line_free(struct import_line *il)
{
	int i;

	if (il == NULL) {
		return;
	}
	for (i = 0; i < F_COUNT; i++) {
		buf_release(&il->str[i]);
	}
	free(il->redacted);
	free(il);
}

/*
 * Notes the first wrong member; the parse goes on, so that JSON errors
 * later in the line are still found and an unknown type still wins.
 */
static int import_wrong(struct import_line *il, const char *name,
			const char *what)
{
	if (!il->failed) {
		buf_printf(il->why, "\"%s\" %s", name, what);
		il->failed = true;
	}
	return 0;
}

static int import_member(const char *key, size_t klen,
			 const struct json_value *v, void *arg)
{
	struct import_line *il = arg;
	int f;

	for (f = 0; f < F_COUNT; f++) {
		if (strlen(import_fields[f].name) == klen &&
		    memcmp(import_fields[f].name, key, klen) == 0) {
			break;
		}
	}
	if (f == F_COUNT) {
		return 0;	/* unknown members are ignored */
	}
	if (il->seen[f] || il->dup[f]) {
		return import_wrong(il, import_fields[f].name, "given twice");
	}
	il->dup[f] = true;
	if (v->type == JSON_NULL) {
		return 0;
	}
	switch (import_fields[f].want) {
	case W_STRING:
		if (v->type != JSON_STRING) {
			return import_wrong(il, import_fields[f].name,
					    "is not a string");
		}
		if (memchr(v->str, '\0', v->len) != NULL) {
			return import_wrong(il, import_fields[f].name,
					    "holds a NUL character");
		}
		buf_reset(&il->str[f]);
		buf_append(&il->str[f], v->str, v->len);
		break;
	case W_INT:
		if (v->type != JSON_NUMBER || !v->is_int ||
		    v->i < (f == F_STATUS ? -2147483647 - 1 : 0) ||
		    v->i > (f == F_STATUS ? 2147483647 : INT64_MAX / 2)) {
			return import_wrong(il, import_fields[f].name,
					    f == F_STATUS ? "is not an integer" :
					    "is not a whole number >= 0");
		}
		il->num[f] = v->i;
		break;
	case W_BOOL:
		if (v->type != JSON_TRUE && v->type != JSON_FALSE) {
			return import_wrong(il, import_fields[f].name,
					    "is not true or false");
		}
		il->num[f] = v->type == JSON_TRUE;
		break;
	}
	il->seen[f] = true;
	return 0;
}

static const char *import_get(struct import_line *il, enum import_field f)
{
	return il->seen[f] ? buf_str(&il->str[f]) : NULL;
}

static bool import_require(struct import_line *il, enum import_field f)
{
	if (!il->seen[f]) {
		buf_printf(il->why, "no \"%s\"", import_fields[f].name);
		return false;
	}
	return true;
}

static bool import_blank(const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		if (s[i] != ' ' && s[i] != '\t' && s[i] != '\r') {
			return false;
		}
	}
	return true;
}

static enum import_result import_command(struct import_line *il,
					 struct store_event *ev,
					 bool *redacted)
{
	const char *cmd = import_get(il, F_CMD);
	bool changed = false;

	if (!import_require(il, F_CMD)) {
		return IMPORT_BAD;
	}
	if (redact_skip_line(cmd)) {
		return IMPORT_PRIVATE;
	}
	free(il->redacted);
	il->redacted = redact_line(cmd, il->str[F_CMD].len, &changed);
	if (il->redacted == NULL) {
		return IMPORT_NOMEM;
	}
	ev->kind = STORE_KIND_COMMAND;
	ev->cmd.cwd = import_get(il, F_CWD);
	ev->cmd.line = il->redacted;
	ev->cmd.session = import_get(il, F_SESSION);
	ev->cmd.has_status = il->seen[F_STATUS] || il->seen[F_DURATION];
	ev->cmd.status = (int)il->num[F_STATUS];
	ev->cmd.duration_ms = il->num[F_DURATION];
	if (ev->cmd.has_status && !(il->seen[F_STATUS] &&
				    il->seen[F_DURATION])) {
		buf_printf(il->why, "\"status\" and \"duration_ms\" go "
			   "together");
		return IMPORT_BAD;
	}
	if (redacted != NULL) {
		*redacted = changed;
	}
	return IMPORT_EVENT;
}

static enum import_result import_file(struct import_line *il,
				      struct store_event *ev)
{
	static const char *const ops[] = { "create", "modify", "delete",
					   "move" };
	const char *op;
	size_t i;

	if (!import_require(il, F_PATH) || !import_require(il, F_OP)) {
		return IMPORT_BAD;
	}
	op = import_get(il, F_OP);
	for (i = 0; i < sizeof(ops) / sizeof(ops[0]); i++) {
		if (strcmp(op, ops[i]) == 0) {
			break;
		}
	}
	if (i == sizeof(ops) / sizeof(ops[0])) {
		buf_printf(il->why, "\"op\" is not create, modify, delete "
			   "or move");
		return IMPORT_BAD;
	}
	if (i == 3 && !import_require(il, F_TO)) {
		return IMPORT_BAD;
	}
	ev->kind = STORE_KIND_FILE;
	ev->file.path = import_get(il, F_PATH);
	ev->file.op = ops[i];
	ev->file.to_path = import_get(il, F_TO);
	return IMPORT_EVENT;
}

static enum import_result import_mail(struct import_line *il,
				      struct store_event *ev)
{
	ev->kind = STORE_KIND_MAIL;
	ev->mail.from = import_get(il, F_FROM);
	ev->mail.subject = import_get(il, F_SUBJECT);
	ev->mail.mailbox = import_get(il, F_MAILBOX);
	ev->mail.read = il->num[F_READ] != 0;
	return IMPORT_EVENT;
}

enum import_result import_parse_line(struct import_line *il, const char *line,
				     size_t len, struct store_event *ev,
				     bool *redacted, struct buf *why)
{
	struct json_error err;
	const char *type;
	int64_t t;
	int rc, i;

	memset(ev, 0, sizeof(*ev));
	if (redacted != NULL) {
		*redacted = false;
	}
	if (import_blank(line, len)) {
		return IMPORT_BLANK;
	}
	for (i = 0; i < F_COUNT; i++) {
		il->seen[i] = false;
		il->dup[i] = false;
		il->num[i] = 0;
	}
	il->why = why;
	il->failed = false;
	rc = json_parse_object(line, len, import_member, il, &err);
	if (rc == -1) {
		buf_printf(why, "%s at column %zu", err.why, err.offset + 1);
		return IMPORT_BAD;
	}
	if (rc == -2) {
		return IMPORT_NOMEM;
	}
	if (rc != 0) {
		return IMPORT_BAD;
	}
	type = import_get(il, F_TYPE);
	if (type != NULL && strcmp(type, "command") != 0 &&
	    strcmp(type, "file") != 0 && strcmp(type, "mail") != 0) {
		buf_reset(why);
		return IMPORT_UNKNOWN;
	}
	if (il->failed) {
		return IMPORT_BAD;
	}
	if (!import_require(il, F_TYPE)) {
		return IMPORT_BAD;
	}
	if (!import_require(il, F_TIME)) {
		return IMPORT_BAD;
	}
	if (!clock_parse_iso(buf_str(&il->str[F_TIME]), il->str[F_TIME].len,
			     &t)) {
		buf_printf(why, "\"time\" is not YYYY-MM-DDTHH:MM:SS");
		return IMPORT_BAD;
	}
	if (type[0] == 'c') {
		rc = import_command(il, ev, redacted);
	} else if (type[0] == 'f') {
		rc = import_file(il, ev);
	} else {
		rc = import_mail(il, ev);
	}
	ev->cmd.time = ev->file.time = ev->mail.time = t;
	return rc;
}

/* ---- writing ----------------------------------------------------------- */

static void import_put_str(struct buf *out, const char *name, const char *v)
{
	if (v == NULL) {
		return;
	}
	buf_printf(out, ", \"%s\": ", name);
	json_put_string(out, v, strlen(v));
}

static void import_put_time(struct buf *out, int64_t t)
{
	buf_puts(out, ", \"time\": \"");
	clock_format_iso(out, t);
	buf_putc(out, '"');
}

void import_emit(struct buf *out, const struct store_event *ev)
{
	switch (ev->kind) {
	case STORE_KIND_COMMAND:
		buf_puts(out, "{\"type\": \"command\"");
		import_put_time(out, ev->cmd.time);
		import_put_str(out, "cwd", ev->cmd.cwd);
		import_put_str(out, "cmd", ev->cmd.line ? ev->cmd.line : "");
		if (ev->cmd.has_status) {
			buf_printf(out, ", \"status\": %d, \"duration_ms\": "
				   "%lld", ev->cmd.status,
				   (long long)ev->cmd.duration_ms);
		}
		import_put_str(out, "session", ev->cmd.session);
		break;
	case STORE_KIND_FILE:
		buf_puts(out, "{\"type\": \"file\"");
		import_put_time(out, ev->file.time);
		import_put_str(out, "path", ev->file.path);
		import_put_str(out, "op", ev->file.op);
		import_put_str(out, "to", ev->file.to_path);
		break;
	case STORE_KIND_MAIL:
		buf_puts(out, "{\"type\": \"mail\"");
		import_put_time(out, ev->mail.time);
		import_put_str(out, "from", ev->mail.from);
		import_put_str(out, "subject", ev->mail.subject);
		import_put_str(out, "mailbox", ev->mail.mailbox);
		buf_printf(out, ", \"read\": %s",
			   ev->mail.read ? "true" : "false");
		break;
	}
	buf_puts(out, "}\n");
}

/* ---- streaming import -------------------------------------------------- */

#define IMPORT_ARENA_CHUNK (1024 * 1024)

struct import_chunk {
	struct import_chunk *next;
	size_t used;
	size_t cap;
	char data[];
};

struct import {
	import_issue_fn *issue;
	void *issue_arg;
	struct import_line *il;
	struct buf partial;	/* the unfinished last line */
	bool too_long;		/* partial passed IMPORT_LINE_MAX */
	struct buf why;
	struct store_event *events;	/* staged, strings in the arena */
	size_t nevents;
	size_t cap;
	struct import_chunk *arena;
	size_t staged;		/* bytes staged */
	bool dead;		/* out of memory or over the cap */
	struct import_summary sum;
};

struct import *import_new(import_issue_fn *fn, void *arg)
{
	struct import *im = calloc(1, sizeof(*im));

	if (im == NULL) {
		return NULL;
	}
	im->il = import_line_new();
	if (im->il == NULL) {
		free(im);
		return NULL;
	}
	im->issue = fn;
	im->issue_arg = arg;
	buf_init(&im->partial, IMPORT_LINE_MAX + 1);
	buf_init(&im->why, 4096);
	return im;
}

void import_free(struct import *im)
{
	struct import_chunk *c, *next;

	if (im == NULL) {
		return;
	}
	for (c = im->arena; c != NULL; c = next) {
		next = c->next;
		free(c);
	}
	free(im->events);
	import_line_free(im->il);
	buf_release(&im->partial);
	buf_release(&im->why);
	free(im);
}

const struct import_summary *import_summary(const struct import *im)
{
	return &im->sum;
}

/* Copies a string into the arena; NULL stays NULL. */
static const char *import_keep(struct import *im, const char *s)
{
	struct import_chunk *c = im->arena;
	size_t n, size;
	char *p;

	if (s == NULL || im->dead) {
		return NULL;
	}
	n = strlen(s) + 1;
	if (c == NULL || c->cap - c->used < n) {
		size = n > IMPORT_ARENA_CHUNK ? n : IMPORT_ARENA_CHUNK;
		c = malloc(sizeof(*c) + size);
		if (c == NULL) {
			im->dead = true;
			return NULL;
		}
		c->cap = size;
		c->used = 0;
		c->next = im->arena;
		im->arena = c;
	}
	p = c->data + c->used;
	memcpy(p, s, n);
	c->used += n;
	im->staged += n;
	return p;
}

static void import_stage(struct import *im, const struct store_event *ev)
{
	struct store_event *e;
	size_t cap;

	if (im->nevents == im->cap) {
		cap = im->cap ? im->cap * 2 : 1024;
		e = realloc(im->events, cap * sizeof(*e));
		if (e == NULL) {
			im->dead = true;
			return;
		}
		im->events = e;
		im->cap = cap;
	}
	e = &im->events[im->nevents++];
	*e = *ev;
	im->staged += sizeof(*e);
	switch (ev->kind) {
	case STORE_KIND_COMMAND:
		e->cmd.cwd = import_keep(im, ev->cmd.cwd);
		e->cmd.line = import_keep(im, ev->cmd.line);
		e->cmd.session = import_keep(im, ev->cmd.session);
		im->sum.commands++;
		break;
	case STORE_KIND_FILE:
		e->file.path = import_keep(im, ev->file.path);
		e->file.to_path = import_keep(im, ev->file.to_path);
		im->sum.files++;
		break;
	case STORE_KIND_MAIL:
		e->mail.from = import_keep(im, ev->mail.from);
		e->mail.subject = import_keep(im, ev->mail.subject);
		e->mail.mailbox = import_keep(im, ev->mail.mailbox);
		im->sum.mails++;
		break;
	}
	if (im->staged > IMPORT_STAGE_MAX) {
		im->dead = true;
	}
}

static void import_report(struct import *im, const char *why)
{
	im->sum.bad++;
	if (im->issue != NULL) {
		im->issue(im->sum.lines, why, im->issue_arg);
	}
}

/* Handles one whole line (without its newline). */
static void import_one(struct import *im, const char *line, size_t len)
{
	struct store_event ev;
	bool redacted;
	enum import_result r;

	im->sum.lines++;
	buf_reset(&im->why);
	/* untrusted bytes are parsed in the sandboxed worker when there is
	 * one (docs/sandbox.md); in process otherwise (tests, --no-sandbox) */
	if (worker_default() != NULL) {
		r = worker_import_line(worker_default(), line, len, &ev,
				       &redacted, &im->why);
	} else {
		r = import_parse_line(im->il, line, len, &ev, &redacted,
				      &im->why);
	}
	switch (r) {
	case IMPORT_EVENT:
		im->sum.redacted += redacted;
		import_stage(im, &ev);
		break;
	case IMPORT_BLANK:
		break;
	case IMPORT_UNKNOWN:
		im->sum.unknown++;
		break;
	case IMPORT_PRIVATE:
		im->sum.private_lines++;
		break;
	case IMPORT_BAD:
		import_report(im, buf_str(&im->why));
		break;
	case IMPORT_NOMEM:
		im->dead = true;
		break;
	}
}

static void import_too_long(struct import *im)
{
	char why[80];

	im->sum.lines++;
	snprintf(why, sizeof(why), "longer than %d bytes", IMPORT_LINE_MAX);
	import_report(im, why);
}

int import_feed(struct import *im, const char *p, size_t n)
{
	const char *nl;
	size_t len;

	while (n > 0 && !im->dead) {
		nl = memchr(p, '\n', n);
		len = nl ? (size_t)(nl - p) : n;
		if (im->too_long) {
			/* drop the rest of an overlong line */
		} else if (im->partial.len + len > IMPORT_LINE_MAX) {
			im->too_long = true;
			buf_reset(&im->partial);
		} else if (nl != NULL && im->partial.len == 0) {
			import_one(im, p, len);
		} else {
			buf_append(&im->partial, p, len);
			if (nl != NULL) {
				import_one(im, im->partial.data,
					   im->partial.len);
				buf_reset(&im->partial);
			}
		}
		if (nl != NULL && im->too_long) {
			import_too_long(im);
			im->too_long = false;
		}
		if (nl == NULL) {
			break;
		}
		p = nl + 1;
		n -= len + 1;
	}
	return im->dead ? IMPORT_NOMEM : 0;
}

int64_t import_commit(struct import *im, struct store *st)
{
	struct store_import_mark mark;
	struct store_event *e;
	size_t i;
	int rc = 0;

	if (im->too_long) {
		import_too_long(im);
		im->too_long = false;
	} else if (im->partial.len > 0) {
		import_one(im, im->partial.data, im->partial.len);
		buf_reset(&im->partial);
	}
	if (im->dead) {
		return IMPORT_NOMEM;
	}
	if ((rc = store_begin(st)) < 0) {
		return rc;
	}
	rc = store_import_mark(st, &mark);
	for (i = 0; i < im->nevents && rc >= 0; i++) {
		e = &im->events[i];
		/* already in the memory (a second import of a file): kept once */
		if ((rc = store_import_known(st, e, &mark)) != 0) {
			if (rc > 0) {
				im->sum.known++;
				im->sum.commands -= e->kind == STORE_KIND_COMMAND;
				im->sum.files -= e->kind == STORE_KIND_FILE;
				im->sum.mails -= e->kind == STORE_KIND_MAIL;
			}
			continue;
		}
		switch (e->kind) {
		case STORE_KIND_COMMAND:
			rc = store_add_command(st, &e->cmd, -1);
			break;
		case STORE_KIND_FILE:
			rc = store_add_file_event(st, &e->file);
			break;
		case STORE_KIND_MAIL:
			rc = store_add_mail(st, &e->mail);
			break;
		}
	}
	if (rc < 0) {
		store_rollback(st);
		return rc;
	}
	if ((rc = store_commit(st)) < 0) {
		return rc;
	}
	return (int64_t)im->nevents - im->sum.known;
}
