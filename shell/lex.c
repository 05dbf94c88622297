/*
 * lex.c - token recognition (XCU 2.3): the character reader (input lines,
 * line continuation, alias values, nested strings), operators, words with
 * their quoting and expansions (XCU 2.2, 2.6), and here-document bodies
 * (XCU 2.7.4).
 *
 * Words are built straight into struct word (ast.h): literal characters
 * collect in p->lit with their quoting, and become a part when the quoting
 * changes or an expansion starts.  Quote removal happens here.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <hersh/buf.h>
#include <hersh/io.h>
#include <hersh/xalloc.h>

#include "arena.h"
#include "ast.h"
#include "input.h"
#include "lex.h"
#include "shell.h"

#define CH_EOF (-1)	/* end of input (or of a nested string) */
#define CH_EOA (-2)	/* end of an alias value: ends a word */

/* a string being read before the input continues */
struct source {
	struct source *prev;
	char *text;		/* owned copy */
	size_t len;
	size_t pos;
	char *alias;		/* alias being expanded, or NULL */
	bool transparent;	/* characters given back before an alias:
				 * reading goes on below at the end (else a
				 * non-alias string ends in CH_EOF) */
	bool eoa_sent;		/* CH_EOA was returned */
	bool count_lines;	/* newlines advance lineno */
	int outer_lineno;	/* a nested string: lineno to go back to */
};

/* where a word ends and what is special in it */
enum wmode {
	W_WORD,		/* a token: ends at an unquoted blank or operator */
	W_EOFMARK,	/* here-document delimiter: $ and ` are plain */
	W_ARG,		/* ${x-word} outside "", or any pattern: ends at } */
};

/* the double-quote-like contexts */
enum dqmode {
	DQ_STRING,	/* "...": ends at " */
	DQ_ARG,		/* ${x-word} inside "...": ends at } */
	DQ_ARITH,	/* $(( ... )): ends at )) */
	DQ_HEREDOC,	/* an unquoted here-document body: ends at EOF */
};

/* a word under construction */
struct wbuild {
	struct wpart *head;
	struct wpart **tail;
	size_t start;		/* this word's literal run in p->lit */
	bool quoted;		/* quoting of the run */
	bool forced;		/* emit the run even when empty ('' "") */
	size_t nparts;		/* parts made so far */
};

/* where a quoted section began, to notice '' and "" */
struct qmark {
	size_t nparts;
	size_t litlen;
};

static void read_plain(struct parser *p, struct wbuild *wb, enum wmode mode);
static void read_dq(struct parser *p, struct wbuild *wb, enum dqmode mode,
		    bool in_param);

void *lex_alloc(struct parser *p, size_t n)
{
	return pool_alloc(p->pool, n);
}

void lex_error(struct parser *p, const char *fmt, ...)
{
	char msg[256];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	p->sh->lineno = p->lineno;
	p->sh->status = 2;
	sh_error(p->sh, "%s", msg);
	longjmp(p->err_jmp, 1);
}

void lex_enter(struct parser *p)
{
	if (++p->depth > LEX_MAX_DEPTH) {
		lex_error(p, "Syntax error: nesting too deep");
	}
}

void lex_leave(struct parser *p)
{
	p->depth--;
}

/* --- the character reader --- */

static void source_free(struct source *s)
{
	free(s->text);
	free(s->alias);
	free(s);
}

static void source_push(struct parser *p, const char *text, size_t len,
			const char *alias)
{
	struct source *s = xcalloc(1, sizeof(*s));

	s->text = xmalloc(len + 1);
	memcpy(s->text, text, len);
	s->text[len] = '\0';
	s->len = len;
	s->alias = alias ? xstrdup(alias) : NULL;
	s->count_lines = alias == NULL;
	s->prev = p->src;
	p->src = s;
}

static void source_pop(struct parser *p)
{
	struct source *s = p->src;

	p->src = s->prev;
	source_free(s);
}

void lex_init(struct parser *p)
{
	buf_init(&p->line, 0);
	buf_init(&p->lit, 0);
	buf_init(&p->tmp, 0);
	buf_init(&p->text, 0);
	buf_init(&p->raw, 0);
	p->hd_head = NULL;
	p->hd_tail = &p->hd_head;
	p->lineno = 1;
}

void lex_release(struct parser *p)
{
	while (p->src != NULL) {
		source_pop(p);
	}
	buf_release(&p->line);
	buf_release(&p->lit);
	buf_release(&p->tmp);
	buf_release(&p->text);
	buf_release(&p->raw);
}

void lex_reset(struct parser *p)
{
	bool newline = false;
	int i;

	while (p->src != NULL) {
		if (p->src->alias == NULL && !p->src->transparent) {
			p->lineno = p->src->outer_lineno;
		}
		source_pop(p);
	}
	/* the dropped rest of the line still ends a line */
	for (i = 0; i < p->nback; i++) {
		newline = newline || p->back[i].counted;
	}
	if (!newline && p->linepos < p->line.len
	    && p->line.data[p->line.len - 1] == '\n') {
		newline = true;
	}
	if (newline) {
		p->lineno++;
	}
	p->nback = 0;
	p->linepos = p->line.len;
	p->alias_blank = false;
	p->pushed = false;
	p->hd_head = NULL;
	p->hd_tail = &p->hd_head;
	p->depth = 0;
	buf_reset(&p->lit);
	buf_reset(&p->tmp);
	buf_reset(&p->text);
	buf_reset(&p->raw);
	p->raw_on = 0;
	p->eofmark = false;
}

/* Reads the next input line into p->line; false at end of input. */
static bool read_line(struct parser *p)
{
	int r;

	if (p->eof) {
		return false;
	}
	buf_reset(&p->line);
	p->linepos = 0;
	r = input_read_line(p->in, &p->line, p->more);
	p->more = true;
	if (r == INPUT_INTERRUPTED) {
		/* Ctrl-C at the editor: drop the command, say nothing */
		longjmp(p->err_jmp, 1);
	}
	if (r <= 0) {
		p->eof = true;
		return false;
	}
	if (p->sh->options & OPT_VERBOSE) {
		io_write_all(2, buf_str(&p->line), p->line.len);
	}
	return true;
}

static int counted(struct parser *p, int c, bool count)
{
	if (p->raw_on > 0) {
		buf_putc(&p->raw, (char)c);
	}
	p->last_counted = c == '\n' && count;
	if (p->last_counted) {
		p->lineno++;
	}
	return c;
}

/*
 * The next character as it stands (no line continuation), CH_EOA at the
 * end of an alias value that does not end in a blank, CH_EOF at the end.
 * NUL bytes are dropped, as dash does.
 */
static int getc_raw(struct parser *p)
{
	struct source *s;
	int c;

	if (p->nback > 0) {
		p->nback--;
		return counted(p, p->back[p->nback].c,
			       p->back[p->nback].counted);
	}
	for (;;) {
		s = p->src;
		if (s == NULL) {
			if (p->linepos < p->line.len) {
				c = (unsigned char)p->line.data[p->linepos++];
				if (c != '\0') {
					return counted(p, c, true);
				}
				continue;
			}
			if (!read_line(p)) {
				p->last_counted = false;
				return CH_EOF;
			}
			continue;
		}
		if (s->pos < s->len) {
			c = (unsigned char)s->text[s->pos++];
			if (c != '\0') {
				return counted(p, c, s->count_lines);
			}
			continue;
		}
		if (s->transparent) {
			source_pop(p);
			continue;
		}
		if (s->alias == NULL) {
			p->last_counted = false;
			return CH_EOF;
		}
		if (!s->eoa_sent && s->len > 0 && s->text[s->len - 1] != ' '
		    && s->text[s->len - 1] != '\t') {
			s->eoa_sent = true;
			p->last_counted = false;
			return CH_EOA;
		}
		/* XCU 2.3.1: a value ending in a blank makes the next word
		 * a candidate for alias substitution too */
		if (s->len > 0 && (s->text[s->len - 1] == ' '
				   || s->text[s->len - 1] == '\t')) {
			p->alias_blank = true;
		}
		source_pop(p);
	}
}

static void lex_ungetc(struct parser *p, int c)
{
	if (c == CH_EOF || p->nback == (int)(sizeof(p->back)
					      / sizeof(p->back[0]))) {
		return;
	}
	if (p->raw_on > 0 && c != CH_EOA && p->raw.len > 0) {
		p->raw.data[--p->raw.len] = '\0';
	}
	p->back[p->nback].c = c;
	p->back[p->nback].counted = c == '\n' && p->last_counted;
	if (p->back[p->nback].counted) {
		p->lineno--;
	}
	p->last_counted = false;
	p->nback++;
}

/* Raw character, skipping alias ends (single quotes, escapes). */
static int rgetc(struct parser *p)
{
	int c;

	while ((c = getc_raw(p)) == CH_EOA) {
		continue;
	}
	return c;
}

/* Character with backslash-newline removed (XCU 2.2.1); may be CH_EOA. */
static int pgetc_eoa(struct parser *p)
{
	int c, c2;

	/* fast path: a plain character of the current input line */
	if (p->nback == 0 && p->src == NULL && p->linepos < p->line.len
	    && p->raw_on == 0) {
		c = (unsigned char)p->line.data[p->linepos];
		if (c != '\\' && c != '\n' && c != '\0') {
			p->linepos++;
			p->last_counted = false;
			return c;
		}
	}
	for (;;) {
		c = getc_raw(p);
		if (c != '\\') {
			return c;
		}
		c2 = getc_raw(p);
		if (c2 != '\n') {
			lex_ungetc(p, c2);
			return '\\';
		}
	}
}

/* Character with backslash-newline removed, skipping alias ends. */
static int pgetc(struct parser *p)
{
	int c;

	while ((c = pgetc_eoa(p)) == CH_EOA) {
		continue;
	}
	return c;
}

bool lex_alias_active(struct parser *p, const char *name)
{
	struct source *s;

	for (s = p->src; s != NULL; s = s->prev) {
		if (s->alias != NULL && strcmp(s->alias, name) == 0) {
			return true;
		}
	}
	return false;
}

/*
 * The alias value is read before the characters already given back (they
 * follow the alias name in the input).  An end-of-alias mark among them
 * has done its work: the word it ended is the one being replaced.
 */
void lex_push_alias(struct parser *p, const char *name, const char *value)
{
	char text[sizeof(p->back) / sizeof(p->back[0])];
	size_t n = 0;
	bool count = false;

	while (p->nback > 0) {
		p->nback--;
		if (p->back[p->nback].c != CH_EOA) {
			text[n++] = (char)p->back[p->nback].c;
			count = count || p->back[p->nback].counted;
		}
	}
	if (n > 0) {
		source_push(p, text, n, NULL);
		p->src->transparent = true;
		p->src->count_lines = count;
	}
	source_push(p, value, strlen(value), name);
}

/* --- building words --- */

static void wb_init(struct parser *p, struct wbuild *wb)
{
	wb->head = NULL;
	wb->tail = &wb->head;
	wb->start = p->lit.len;
	wb->quoted = false;
	wb->forced = false;
	wb->nparts = 0;
}

static void wb_link(struct wbuild *wb, struct wpart *part)
{
	*wb->tail = part;
	wb->tail = &part->next;
	wb->nparts++;
}

/* Turns the pending literal run into a part. */
static void wb_flush(struct parser *p, struct wbuild *wb)
{
	size_t len = p->lit.len - wb->start;
	struct wpart *part;

	if (len == 0 && !wb->forced) {
		return;
	}
	if (p->lit.err) {
		lex_error(p, "Syntax error: out of memory");
	}
	part = lex_alloc(p, sizeof(*part));
	part->type = WP_LIT;
	part->quoted = wb->quoted;
	part->lit.text = pool_strndup(p->pool,
				      len ? p->lit.data + wb->start : "", len);
	part->lit.len = len;
	wb_link(wb, part);
	p->lit.len = wb->start;
	if (p->lit.data != NULL) {
		p->lit.data[wb->start] = '\0';
	}
	wb->forced = false;
}

static void wb_putc(struct parser *p, struct wbuild *wb, int c, bool quoted)
{
	if (quoted != wb->quoted) {
		if (p->lit.len > wb->start || wb->forced) {
			wb_flush(p, wb);
		}
		wb->quoted = quoted;
	}
	buf_putc(&p->lit, (char)c);
}

static void wb_add(struct parser *p, struct wbuild *wb, struct wpart *part)
{
	wb_flush(p, wb);
	wb_link(wb, part);
}

static void wb_mark(struct parser *p, struct wbuild *wb, struct qmark *m)
{
	m->nparts = wb->nparts;
	m->litlen = p->lit.len;
}

/* At a closing quote: an empty '' or "" still makes a (quoted) word. */
static void wb_check_empty(struct parser *p, struct wbuild *wb,
			   const struct qmark *m)
{
	if (wb->nparts != m->nparts || p->lit.len != m->litlen) {
		return;
	}
	if (!wb->quoted && p->lit.len > wb->start) {
		wb_flush(p, wb);
	}
	wb->quoted = true;
	wb->forced = true;
}

/* The word built so far, or NULL when it has no parts. */
static struct word *wb_finish(struct parser *p, struct wbuild *wb, int lineno)
{
	struct word *w;

	wb_flush(p, wb);
	if (wb->head == NULL) {
		return NULL;
	}
	w = lex_alloc(p, sizeof(*w));
	w->parts = wb->head;
	w->lineno = lineno;
	return w;
}

static struct word *empty_word(struct parser *p, int lineno)
{
	struct word *w = lex_alloc(p, sizeof(*w));
	struct wpart *part = lex_alloc(p, sizeof(*part));

	part->type = WP_LIT;
	part->quoted = true;
	part->lit.text = pool_strndup(p->pool, "", 0);
	w->parts = part;
	w->lineno = lineno;
	return w;
}

/* --- expansions --- */

static bool is_name_start(int c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
}

static bool is_digit(int c)
{
	return c >= '0' && c <= '9';
}

static bool is_name_char(int c)
{
	return is_name_start(c) || is_digit(c);
}

static bool is_special(int c)
{
	return c >= 0 && c != '\0' && strchr("@*#?-$!", c) != NULL;
}

static struct wpart *new_part(struct parser *p, enum wpart_type type,
			      bool quoted)
{
	struct wpart *part = lex_alloc(p, sizeof(*part));

	part->type = type;
	part->quoted = quoted;
	return part;
}

static char *tmp_take(struct parser *p)
{
	char *s = pool_strndup(p->pool, buf_str(&p->tmp), p->tmp.len);

	buf_reset(&p->tmp);
	return s;
}

/* Reads name or digits starting with c into p->tmp; returns the next
 * character.  all_digits: ${10} takes every digit. */
static int read_name(struct parser *p, int c)
{
	if (is_digit(c)) {
		do {
			buf_putc(&p->tmp, (char)c);
			c = pgetc(p);
		} while (is_digit(c));
		return c;
	}
	do {
		buf_putc(&p->tmp, (char)c);
		c = pgetc(p);
	} while (is_name_char(c));
	return c;
}

/*
 * A substitution dash cannot parse (${x/a/b}, ${x:1}, ${x!}) is an error
 * only when it is expanded, so a script may hold bash-only code in a
 * branch it never runs.  ast.h has no operator for that; until it does the
 * part becomes ${TEXT:?Bad substitution} whose name TEXT is the source
 * text "${...}": no variable has such a name, so expanding it fails with
 * "${...}: Bad substitution", and ast_print() writes TEXT back as it was.
 * The rest is read like an operator's word, up to the closing brace.
 */
static void bad_sub(struct parser *p, struct wpart *part, bool dq,
		    size_t raw_start, int c)
{
	struct heredoc **hd_tail = p->hd_tail;
	struct wbuild rest;
	struct word *msg;

	lex_ungetc(p, c);
	wb_init(p, &rest);
	if (dq) {
		read_dq(p, &rest, DQ_ARG, true);
	} else {
		read_plain(p, &rest, W_ARG);
	}
	wb_finish(p, &rest, 0);
	if (p->hd_tail != hd_tail) {
		/* a here-document whose body would follow the line: the
		 * text alone could not stand for it */
		lex_error(p, "Syntax error: Bad substitution");
	}
	buf_reset(&p->tmp);
	buf_puts(&p->tmp, "${");
	buf_append(&p->tmp, buf_str(&p->raw) + raw_start,
		   p->raw.len - raw_start);
	part->param.name = tmp_take(p);
	part->param.op = PARAM_ERROR;
	part->param.colon = true;
	msg = empty_word(p, p->lineno);
	msg->parts->lit.text = pool_strndup(p->pool, "Bad substitution", 16);
	msg->parts->lit.len = 16;
	part->param.arg = msg;
}

/*
 * After "${": the parameter's name into p->tmp, *cp the character after
 * it, *length for ${#name}.  False when no parameter follows (dash's
 * badsub); then *cp is the character that showed it.
 */
static bool param_name(struct parser *p, int *cp, bool *length)
{
	int c = pgetc(p), cc;

	*length = false;
	if (is_name_start(c) || is_digit(c)) {
		*cp = read_name(p, c);
		return true;
	}
	if (c == CH_EOF) {
		lex_error(p, "Syntax error: Missing '}'");
	}
	*cp = c;
	if (c == '}') {
		return false;
	}
	cc = c;
	c = pgetc(p);
	if (cc == '#') {
		/* ${#name}, ${#} ($#), ${#-} (length of $-), ${#-w} ($#) */
		if (is_name_char(c)) {
			*length = true;
			*cp = read_name(p, c);
			return true;
		}
		cc = c;
		c = pgetc(p);
		if (cc == '}' || c != '}') {
			lex_ungetc(p, c);
			c = cc;
			cc = '#';
		} else {
			*length = true;
		}
	}
	*cp = c;
	if (cc == CH_EOF) {
		lex_error(p, "Syntax error: Missing '}'");
	}
	if (!is_special(cc)) {
		return false;
	}
	buf_putc(&p->tmp, (char)cc);
	return true;
}

/* The operator after the name (*cp its first character, then the one
 * after it).  False when there is none. */
static bool param_op(struct parser *p, struct wpart *part, int *cp)
{
	int c = *cp;

	if (c == ':') {
		part->param.colon = true;
		c = pgetc(p);
	}
	*cp = c;
	switch (c) {
	case '}':
		return !part->param.colon;
	case '-':
		part->param.op = PARAM_DEFAULT;
		return true;
	case '=':
		part->param.op = PARAM_ASSIGN;
		return true;
	case '?':
		part->param.op = PARAM_ERROR;
		return true;
	case '+':
		part->param.op = PARAM_ALT;
		return true;
	case '%':
	case '#':
		if (part->param.colon) {
			return false;
		}
		*cp = pgetc(p);
		if (c == '%') {
			part->param.op = *cp == '%' ? PARAM_TRIM_SUFFIX_MAX
				: PARAM_TRIM_SUFFIX;
		} else {
			part->param.op = *cp == '#' ? PARAM_TRIM_PREFIX_MAX
				: PARAM_TRIM_PREFIX;
		}
		if (*cp != c) {
			lex_ungetc(p, *cp);
		}
		return true;
	case CH_EOF:
		lex_error(p, "Syntax error: Missing '}'");
	default:
		return false;
	}
}

/* After "${": the name, the operator and the word (dash's parsesub). */
static void read_param(struct parser *p, struct wbuild *wb, bool dq)
{
	struct wpart *part = new_part(p, WP_PARAM, dq);
	struct wbuild arg;
	size_t raw_start = p->raw.len;
	int lineno = p->lineno;
	bool length, ok;
	int c;

	lex_enter(p);
	p->raw_on++;
	buf_reset(&p->tmp);
	ok = param_name(p, &c, &length);
	if (ok) {
		part->param.name = tmp_take(p);
		part->param.op = length ? PARAM_LENGTH : PARAM_PLAIN;
		ok = length ? c == '}' : param_op(p, part, &c);
	}
	if (!ok) {
		bad_sub(p, part, dq, raw_start, c);
	} else if (part->param.op >= PARAM_DEFAULT) {
		/* XCU 2.6.2: inside "", the word of the four pattern
		 * operators is not affected by the quotes; dash keeps -=?+
		 * words double-quoted (so ' is a plain character there) */
		wb_init(p, &arg);
		if (dq && part->param.op <= PARAM_ALT) {
			read_dq(p, &arg, DQ_ARG, true);
		} else {
			read_plain(p, &arg, W_ARG);
		}
		part->param.arg = wb_finish(p, &arg, lineno);
	}
	if (--p->raw_on == 0) {
		/* nobody records below us (a backquote inside a ${ may) */
		p->raw.len = raw_start;
		if (p->raw.data != NULL) {
			p->raw.data[raw_start] = '\0';
		}
	}
	wb_add(p, wb, part);
	lex_leave(p);
}

static void read_arith(struct parser *p, struct wbuild *wb, bool dq)
{
	struct wpart *part = new_part(p, WP_ARITH, dq);
	struct wbuild expr;
	int lineno = p->lineno;

	lex_enter(p);
	wb_init(p, &expr);
	read_dq(p, &expr, DQ_ARITH, false);
	part->arith.expr = wb_finish(p, &expr, lineno);
	if (part->arith.expr == NULL) {
		part->arith.expr = empty_word(p, lineno);
	}
	wb_add(p, wb, part);
	lex_leave(p);
}

/* State a nested parse must not see or disturb. */
struct nest_save {
	struct heredoc *hd_head;
	struct heredoc **hd_tail;
	bool alias_blank;
};

static void nest_begin(struct parser *p, struct nest_save *s)
{
	s->hd_head = p->hd_head;
	s->hd_tail = p->hd_tail;
	s->alias_blank = p->alias_blank;
	p->hd_head = NULL;
	p->hd_tail = &p->hd_head;
	p->alias_blank = false;
}

/* Here-documents started inside and not yet read are read after the
 * outer line, as bash does. */
static void nest_end(struct parser *p, struct nest_save *s)
{
	struct heredoc *inner = p->hd_head;
	struct heredoc **inner_tail = p->hd_tail;

	p->hd_head = s->hd_head;
	p->hd_tail = s->hd_tail;
	if (inner != NULL) {
		*p->hd_tail = inner;
		p->hd_tail = inner_tail;
	}
	p->alias_blank = s->alias_blank;
	p->pushed = false;
}

static void read_cmdsub(struct parser *p, struct wbuild *wb, bool dq)
{
	struct wpart *part = new_part(p, WP_CMDSUB, dq);
	struct nest_save save;

	lex_enter(p);
	nest_begin(p, &save);
	part->cmdsub.body = parse_cmdsub(p);
	nest_end(p, &save);
	wb_add(p, wb, part);
	lex_leave(p);
}

/*
 * Parses the text collected in p->text as a string of its own, starting at
 * line lineno: fn parses it, with the reader's given-back characters set
 * aside.  p->text is free again when fn runs.
 */
static void parse_string(struct parser *p, int lineno,
			 void (*fn)(struct parser *, void *), void *arg)
{
	struct backc back[4];
	int nback = p->nback;
	int saved_lineno = p->lineno;
	bool saved_counted = p->last_counted;
	int raw_on = p->raw_on;

	if (p->text.err) {
		lex_error(p, "Syntax error: out of memory");
	}
	memcpy(back, p->back, sizeof(back));
	p->nback = 0;
	source_push(p, buf_str(&p->text), p->text.len, NULL);
	p->src->outer_lineno = saved_lineno;
	buf_reset(&p->text);
	p->lineno = lineno;
	p->raw_on = 0;		/* the text was recorded as it was read */
	fn(p, arg);
	p->raw_on = raw_on;
	source_pop(p);
	p->lineno = saved_lineno;
	p->last_counted = saved_counted;
	memcpy(p->back, back, sizeof(back));
	p->nback = nback;
}

static void backquote_body(struct parser *p, void *arg)
{
	struct wpart *part = arg;

	part->cmdsub.body = parse_backquote(p);
}

/*
 * After "`": collects the text up to the closing backquote, where \$ \`
 * \\ (and \" inside double quotes) lose their backslash (XCU 2.6.3), then
 * parses it as a program.
 */
static void read_backquote(struct parser *p, struct wbuild *wb, bool dq)
{
	struct wpart *part = new_part(p, WP_CMDSUB, dq);
	struct nest_save save;
	int lineno = p->lineno;
	int c;

	lex_enter(p);
	buf_reset(&p->text);
	for (;;) {
		c = pgetc(p);
		if (c == '`') {
			break;
		}
		if (c == CH_EOF) {
			lex_error(p, "Syntax error: EOF in backquote substitution");
		}
		if (c == '\\') {
			c = rgetc(p);
			if (c == CH_EOF) {
				lex_error(p, "Syntax error: EOF in backquote substitution");
			}
			if (c != '\\' && c != '`' && c != '$'
			    && (!dq || c != '"')) {
				buf_putc(&p->text, '\\');
			}
		}
		buf_putc(&p->text, (char)c);
	}
	part->cmdsub.backquote = true;
	nest_begin(p, &save);
	parse_string(p, lineno, backquote_body, part);
	nest_end(p, &save);
	wb_add(p, wb, part);
	lex_leave(p);
}

/* After "$": what follows decides (XCU 2.6.2, 2.6.3, 2.6.4). */
static void read_dollar(struct parser *p, struct wbuild *wb, bool dq)
{
	struct wpart *part;
	int c = pgetc_eoa(p);

	if (c == '{') {
		read_param(p, wb, dq);
	} else if (c == '(') {
		c = pgetc(p);
		if (c == '(') {
			read_arith(p, wb, dq);
		} else {
			lex_ungetc(p, c);
			read_cmdsub(p, wb, dq);
		}
	} else if (is_name_start(c) || is_digit(c) || is_special(c)) {
		buf_reset(&p->tmp);
		if (is_name_start(c)) {
			do {
				buf_putc(&p->tmp, (char)c);
				c = pgetc_eoa(p);
			} while (is_name_char(c));
			lex_ungetc(p, c);
		} else {
			buf_putc(&p->tmp, (char)c);
		}
		part = new_part(p, WP_PARAM, dq);
		part->param.name = tmp_take(p);
		part->param.op = PARAM_PLAIN;
		wb_add(p, wb, part);
	} else {
		lex_ungetc(p, c);
		wb_putc(p, wb, '$', dq);
	}
}

/* --- quoting --- */

static void read_squote(struct parser *p, struct wbuild *wb)
{
	struct qmark m;
	int c;

	wb_mark(p, wb, &m);
	for (;;) {
		c = rgetc(p);
		if (c == CH_EOF) {
			lex_error(p, "Syntax error: Unterminated quoted string");
		}
		if (c == '\'') {
			break;
		}
		wb_putc(p, wb, c, true);
	}
	wb_check_empty(p, wb, &m);
}

/*
 * Double-quote-like text: "...", the word of ${x-word} inside "", the
 * expression of $(( )), an unquoted here-document body.  Everything is
 * quoted; \ escapes only $ ` \ and " (not in here-documents) and } in
 * ${...} words; the backslash stays before any other character.
 */
static void read_dq(struct parser *p, struct wbuild *wb, enum dqmode mode,
		    bool in_param)
{
	struct qmark m;
	bool inner = false;	/* DQ_ARG: inside a nested "..." */
	int parens = 0;		/* DQ_ARITH: open parentheses */
	int c;

	wb_mark(p, wb, &m);
	for (;;) {
		c = pgetc(p);
		switch (c) {
		case CH_EOF:
			if (mode == DQ_HEREDOC) {
				return;
			} else if (mode == DQ_ARG) {
				lex_error(p, "Syntax error: Missing '}'");
			} else if (mode == DQ_ARITH) {
				lex_error(p, "Syntax error: Missing '))'");
			}
			lex_error(p, "Syntax error: Unterminated quoted string");
		case '\\':
			c = rgetc(p);
			if (c == CH_EOF) {
				wb_putc(p, wb, '\\', true);
				break;
			}
			if (c != '$' && c != '`' && c != '\\'
			    && (c != '"' || mode == DQ_HEREDOC)
			    && (c != '}' || !in_param)) {
				wb_putc(p, wb, '\\', true);
			}
			wb_putc(p, wb, c, true);
			break;
		case '$':
		case '`':
			if (p->eofmark) {
				/* a here-document delimiter: plain */
				wb_putc(p, wb, c, true);
			} else if (c == '$') {
				read_dollar(p, wb, true);
			} else {
				read_backquote(p, wb, true);
			}
			break;
		case '"':
			if (mode == DQ_STRING) {
				wb_check_empty(p, wb, &m);
				return;
			}
			if (mode == DQ_ARG) {
				if (inner) {
					wb_check_empty(p, wb, &m);
				} else {
					wb_mark(p, wb, &m);
				}
				inner = !inner;
				break;
			}
			wb_putc(p, wb, c, true);
			break;
		case '}':
			if (mode == DQ_ARG && !inner) {
				return;
			}
			wb_putc(p, wb, c, true);
			break;
		case '(':
			parens++;
			wb_putc(p, wb, c, true);
			break;
		case ')':
			if (mode == DQ_ARITH && parens == 0) {
				c = pgetc(p);
				if (c == ')') {
					return;
				}
				/* unbalanced: dash keeps the ) */
				lex_ungetc(p, c);
				c = ')';
			} else if (parens > 0) {
				parens--;
			}
			wb_putc(p, wb, c, true);
			break;
		default:
			wb_putc(p, wb, c, true);
			break;
		}
	}
}

static bool is_meta(int c)
{
	switch (c) {
	case ' ':
	case '\t':
	case '\n':
	case ';':
	case '&':
	case '|':
	case '<':
	case '>':
	case '(':
	case ')':
		return true;
	default:
		return false;
	}
}

/* Unquoted text: a token, a here-document delimiter, or a ${x-word}. */
static void read_plain(struct parser *p, struct wbuild *wb, enum wmode mode)
{
	struct qmark m;
	int c;

	for (;;) {
		c = mode == W_ARG ? pgetc(p) : pgetc_eoa(p);
		switch (c) {
		case CH_EOF:
			if (mode == W_ARG) {
				lex_error(p, "Syntax error: Missing '}'");
			}
			return;
		case CH_EOA:
			lex_ungetc(p, c);
			return;
		case '\\':
			c = rgetc(p);
			if (c == CH_EOF) {
				wb_putc(p, wb, '\\', true);
				break;
			}
			wb_putc(p, wb, c, true);
			break;
		case '\'':
			read_squote(p, wb);
			break;
		case '"':
			wb_mark(p, wb, &m);
			read_dq(p, wb, DQ_STRING, mode == W_ARG);
			wb_check_empty(p, wb, &m);
			break;
		case '$':
			if (mode == W_EOFMARK) {
				wb_putc(p, wb, c, false);
			} else {
				read_dollar(p, wb, false);
			}
			break;
		case '`':
			if (mode == W_EOFMARK) {
				wb_putc(p, wb, c, false);
			} else {
				read_backquote(p, wb, false);
			}
			break;
		case '}':
			if (mode == W_ARG) {
				return;
			}
			wb_putc(p, wb, c, false);
			break;
		default:
			if (mode != W_ARG && is_meta(c)) {
				lex_ungetc(p, c);
				return;
			}
			wb_putc(p, wb, c, false);
			break;
		}
	}
}

/* --- here-documents --- */

void lex_queue_heredoc(struct parser *p, struct redir *r,
		       const struct word *delim, bool strip_tabs)
{
	struct heredoc *h = lex_alloc(p, sizeof(*h));
	const struct wpart *part;

	buf_reset(&p->tmp);
	for (part = delim->parts; part != NULL; part = part->next) {
		if (part->quoted) {
			h->quoted = true;
		}
		if (part->type == WP_LIT) {
			buf_append(&p->tmp, part->lit.text, part->lit.len);
		}
	}
	h->delim = tmp_take(p);
	h->redir = r;
	h->strip_tabs = strip_tabs;
	r->target = empty_word(p, delim->lineno);
	*p->hd_tail = h;
	p->hd_tail = &h->next;
}

struct body_arg {
	struct word *word;
	int lineno;
};

static void heredoc_body(struct parser *p, void *arg)
{
	struct body_arg *b = arg;
	struct wbuild wb;

	wb_init(p, &wb);
	read_dq(p, &wb, DQ_HEREDOC, false);
	b->word = wb_finish(p, &wb, b->lineno);
}

/* An odd run of backslashes at the end joins the next line. */
static bool ends_in_backslash(const char *s, size_t start, size_t end)
{
	size_t n = 0;

	while (end > start && s[end - 1] == '\\') {
		end--;
		n++;
	}
	return n % 2 == 1;
}

/* Reads the body of h, up to its delimiter line or end of input. */
static void read_heredoc(struct parser *p, struct heredoc *h)
{
	struct body_arg b;
	bool cont = false;	/* this line continues the previous one */
	size_t start, dlen = strlen(h->delim);
	int c;

	b.lineno = p->lineno;
	buf_reset(&p->text);
	for (;;) {
		c = rgetc(p);
		if (c == CH_EOF) {
			break;
		}
		if (h->strip_tabs && !cont) {
			while (c == '\t') {
				c = rgetc(p);
			}
		}
		start = p->text.len;
		while (c != '\n' && c != CH_EOF) {
			buf_putc(&p->text, (char)c);
			c = rgetc(p);
		}
		if (!cont && p->text.len - start == dlen
		    && memcmp(buf_str(&p->text) + start, h->delim, dlen) == 0) {
			p->text.len = start;
			if (p->text.data != NULL) {
				p->text.data[start] = '\0';
			}
			break;
		}
		if (c == CH_EOF) {
			break;
		}
		cont = !h->quoted && ends_in_backslash(p->text.data, start,
						       p->text.len);
		buf_putc(&p->text, '\n');
	}
	if (p->text.err) {
		lex_error(p, "Syntax error: out of memory");
	}
	if (h->quoted) {
		b.word = empty_word(p, b.lineno);
		b.word->parts->lit.text = pool_strndup(p->pool,
						       buf_str(&p->text),
						       p->text.len);
		b.word->parts->lit.len = p->text.len;
		buf_reset(&p->text);
	} else {
		parse_string(p, b.lineno, heredoc_body, &b);
		if (b.word == NULL) {
			b.word = empty_word(p, b.lineno);
		}
	}
	h->redir->target = b.word;
}

/* Reads the queued bodies in order; a body holding $(cat <<X) queues
 * more, whose bodies follow. */
static void read_heredocs(struct parser *p)
{
	struct heredoc *h;

	while (p->hd_head != NULL) {
		h = p->hd_head;
		p->hd_head = NULL;
		p->hd_tail = &p->hd_head;
		for (; h != NULL; h = h->next) {
			read_heredoc(p, h);
		}
	}
}

/* --- tokens --- */

/* After [n]< or [n]>: the rest of the operator. */
static void read_redir(struct parser *p, struct token *t, int c, int fd)
{
	t->type = T_REDIR;
	t->fd = fd;
	if (c == '>') {
		c = pgetc(p);
		if (c == '>') {
			t->rtype = REDIR_APPEND;
		} else if (c == '|') {
			t->rtype = REDIR_CLOBBER;
		} else if (c == '&') {
			t->rtype = REDIR_DUPOUT;
		} else {
			lex_ungetc(p, c);
			t->rtype = REDIR_OUT;
		}
		return;
	}
	c = pgetc(p);
	if (c == '<') {
		t->rtype = REDIR_HEREDOC;
		c = pgetc(p);
		if (c == '-') {
			t->strip_tabs = true;
		} else {
			lex_ungetc(p, c);
		}
	} else if (c == '&') {
		t->rtype = REDIR_DUPIN;
	} else if (c == '>') {
		t->rtype = REDIR_RDWR;
	} else {
		lex_ungetc(p, c);
		t->rtype = REDIR_IN;
	}
}

/* Is the word an io number: 1 to 9 unquoted digits (as dash)? */
static int io_number(const struct word *w)
{
	const struct wpart *part = w->parts;
	size_t i;
	int n = 0;

	if (part->next != NULL || part->type != WP_LIT || part->quoted
	    || part->lit.len == 0 || part->lit.len > 9) {
		return -1;
	}
	for (i = 0; i < part->lit.len; i++) {
		if (!is_digit(part->lit.text[i])) {
			return -1;
		}
		n = n * 10 + (part->lit.text[i] - '0');
	}
	return n;
}

static enum tok_type two(struct parser *p, int want, enum tok_type yes,
			 enum tok_type no)
{
	int c = pgetc(p);

	if (c == want) {
		return yes;
	}
	lex_ungetc(p, c);
	return no;
}

void lex_token(struct parser *p, bool eofmark)
{
	struct token t;
	struct wbuild wb;
	int c, fd;

	memset(&t, 0, sizeof(t));
	t.fd = -1;
	for (;;) {
		t.lineno = p->lineno;
		c = pgetc_eoa(p);
		if (c == ' ' || c == '\t' || c == CH_EOA) {
			continue;
		}
		if (c == '#') {
			while ((c = rgetc(p)) != '\n' && c != CH_EOF) {
				continue;
			}
			lex_ungetc(p, c);
			continue;
		}
		break;
	}
	switch (c) {
	case CH_EOF:
	case '\n':
		t.type = c == '\n' ? T_NL : T_EOF;
		if (p->hd_head != NULL) {
			read_heredocs(p);
		}
		break;
	case '&':
		t.type = two(p, '&', T_AND_IF, T_AMP);
		break;
	case '|':
		t.type = two(p, '|', T_OR_IF, T_PIPE);
		break;
	case ';':
		t.type = two(p, ';', T_DSEMI, T_SEMI);
		break;
	case '(':
		t.type = T_LPAREN;
		break;
	case ')':
		t.type = T_RPAREN;
		break;
	case '<':
	case '>':
		read_redir(p, &t, c, -1);
		break;
	default:
		lex_ungetc(p, c);
		wb_init(p, &wb);
		p->eofmark = eofmark;
		read_plain(p, &wb, eofmark ? W_EOFMARK : W_WORD);
		p->eofmark = false;
		t.type = T_WORD;
		t.word = wb_finish(p, &wb, t.lineno);
		if (t.word == NULL) {
			/* cannot happen: a word has at least one character */
			t.word = empty_word(p, t.lineno);
		}
		c = pgetc_eoa(p);
		if ((c == '<' || c == '>') && !eofmark
		    && (fd = io_number(t.word)) >= 0) {
			read_redir(p, &t, c, fd);
			t.word = NULL;
			break;
		}
		lex_ungetc(p, c);
		if (t.word->parts->next == NULL
		    && t.word->parts->type == WP_LIT
		    && !t.word->parts->quoted) {
			t.text = t.word->parts->lit.text;
		}
		break;
	}
	p->tok = t;
}
