/*
 * docs.c - the man-page index: scanning, reading (zlib), roff parsing
 * and background slices (see docs.h; the search side is howto.c).
 */
#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <zlib.h>

#include "docs.h"
#include "log.h"
#include "loop.h"
#include "store.h"

/* ---- reading ------------------------------------------------------------ */

int docs_read(const char *path, struct buf *out, size_t max)
{
	char chunk[16384];
	gzFile gz;
	int fd, n;

	fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
	if (fd < 0) {
		return -1;
	}
	gz = gzdopen(fd, "rb");	/* reads plain files as they are */
	if (gz == NULL) {
		close(fd);
		return -1;
	}
	while ((n = gzread(gz, chunk, sizeof(chunk))) > 0) {
		if (out->len + (size_t)n > max) {
			buf_append(out, chunk, max - out->len);
			break;
		}
		buf_append(out, chunk, (size_t)n);
	}
	gzclose(gz);
	return n < 0 || out->err ? -1 : 0;
}

/* ---- roff to text -------------------------------------------------------- */

/* Skips a delimited argument ("\h'1m'"); returns the byte after it. */
static const char *roff_skip_delim(const char *p, const char *end)
{
	char d;

	if (p >= end) {
		return p;
	}
	d = *p++;
	while (p < end && *p != d) {
		p++;
	}
	return p < end ? p + 1 : p;
}

/* Skips a name after \( \[ \* \n \f etc.; returns the byte after it and
 * copies the name (up to cap) into name. */
static const char *roff_name(const char *p, const char *end, char *name,
			     size_t cap)
{
	size_t n = 0;

	if (p >= end) {
		name[0] = '\0';
		return p;
	}
	if (*p == '(') {
		p++;
		while (n < 2 && p < end) {
			if (n + 1 < cap) {
				name[n] = *p;
			}
			n++;
			p++;
		}
	} else if (*p == '[') {
		p++;
		while (p < end && *p != ']') {
			if (n + 1 < cap) {
				name[n] = *p;
			}
			n++;
			p++;
		}
		if (p < end) {
			p++;
		}
	} else {
		if (cap > 1) {
			name[n] = *p;
		}
		n++;
		p++;
	}
	name[n < cap ? n : cap - 1] = '\0';
	return p;
}

static const char *roff_glyph(const char *name)
{
	static const char *const glyphs[][2] = {
		{ "em", "-" }, { "en", "-" }, { "hy", "-" }, { "mi", "-" },
		{ "aq", "'" }, { "dq", "\"" }, { "lq", "\"" }, { "rq", "\"" },
		{ "oq", "'" }, { "cq", "'" }, { "Aq", "'" }, { "Lq", "\"" },
		{ "Rq", "\"" }, { "bu", "*" }, { "co", "(c)" }, { "mu", "x" },
		{ "ti", "~" }, { "ha", "^" }, { "rs", "\\" }, { "ga", "`" },
		{ "pl", "+" }, { "sl", "/" }, { "<=", "<=" }, { ">=", ">=" },
		{ "->", "->" }, { "<-", "<-" }, { "Tm", "(TM)" }, { "R", "(R)" },
		{ "ba", "|" }, { "or", "|" }, { "at", "@" }, { "sh", "#" },
		{ "Do", "$" }, { "dl", "$" }, { "eq", "=" }, { "lB", "[" },
		{ "rB", "]" }, { "lC", "{" }, { "rC", "}" }, { "fm", "'" },
		{ "tm", "(TM)" }, { "de", " degrees" }, { "ua", "^" },
		{ "da", "v" }, { "sq", "'" }, { "dg", "+" }, { "aa", "'" },
		{ "cr", "" },
	};
	size_t i;

	for (i = 0; i < sizeof(glyphs) / sizeof(glyphs[0]); i++) {
		if (strcmp(name, glyphs[i][0]) == 0) {
			return glyphs[i][1];
		}
	}
	return "";
}

/* Appends the text of roff input [p, end) to out, escapes resolved. */
static void roff_text(const char *p, const char *end, struct buf *out)
{
	char name[32];

	while (p < end) {
		char c = *p++;

		if (c != '\\') {
			buf_putc(out, c == '\t' ? ' ' : c);
			continue;
		}
		if (p >= end) {
			break;
		}
		c = *p++;
		switch (c) {
		case 'f':
		case 'F':
			p = roff_name(p, end, name, sizeof(name));
			break;
		case '-':
			buf_putc(out, '-');
			break;
		case '(':
		case '[':
			p = roff_name(p - 1, end, name, sizeof(name));
			buf_puts(out, roff_glyph(name));
			break;
		case '*':
			p = roff_name(p, end, name, sizeof(name));
			buf_puts(out, roff_glyph(name));
			break;
		case 'e':
		case '\\':
			buf_putc(out, '\\');
			break;
		case ' ':
		case '~':
		case '0':
		case 't':
			buf_putc(out, ' ');
			break;
		case 's':
			if (p < end && (*p == '+' || *p == '-')) {
				p++;
			}
			if (p < end && (*p == '(' || *p == '[')) {
				p = roff_name(p, end, name, sizeof(name));
			} else {
				while (p < end && isdigit((unsigned char)*p)) {
					p++;
				}
			}
			break;
		case 'n':
		case 'g':
		case 'm':
		case 'M':
		case 'k':
		case 'V':
		case 'Y':
			if (p < end && (*p == '+' || *p == '-')) {
				p++;
			}
			p = roff_name(p, end, name, sizeof(name));
			break;
		case 'h':
		case 'v':
		case 'w':
		case 'o':
		case 'b':
		case 'l':
		case 'L':
		case 'D':
		case 'X':
		case 'x':
		case 'N':
		case 'A':
		case 'B':
		case 'C':
		case 'R':
		case 'S':
		case 'Z':
			p = roff_skip_delim(p, end);
			break;
		case '"':
		case '#':
			return;		/* a comment */
		case '&':
		case '|':
		case '^':
		case ')':
		case '%':
		case 'c':
		case ',':
		case '/':
		case ':':
		case 'u':
		case 'd':
		case 'r':
		case 'p':
		case 'a':
		case 'z':
		case '{':
		case '}':
		case '\n':
			break;
		default:
			buf_putc(out, c);
			break;
		}
	}
}

/* Splits macro arguments (quotes honoured); returns their count. */
static int roff_args(const char *p, const char *end, const char **a,
		     size_t *alen, int max)
{
	int n = 0;

	while (p < end && n < max) {
		while (p < end && (*p == ' ' || *p == '\t')) {
			p++;
		}
		if (p >= end) {
			break;
		}
		if (*p == '"') {
			const char *s = ++p;

			while (p < end && !(*p == '"' && (p + 1 >= end || p[1] != '"'))) {
				p += *p == '"' ? 2 : 1;
			}
			a[n] = s;
			alen[n++] = (size_t)(p - s);
			if (p < end) {
				p++;
			}
		} else {
			const char *s = p;

			while (p < end && *p != ' ' && *p != '\t') {
				p++;
			}
			a[n] = s;
			alen[n++] = (size_t)(p - s);
		}
	}
	return n;
}

/* mdoc macros that only mark up the next words. */
static bool mdoc_markup(const char *a, size_t n)
{
	static const char *const m[] = {
		"Ar", "Cm", "Ic", "Pa", "Li", "Ev", "Va", "Em", "Sy", "Dq",
		"Sq", "Ql", "Op", "Oo", "Oc", "Xo", "Xc", "No", "Pq", "Bq",
		"Brq", "Dv", "Er", "Fa", "Fn", "Ft", "Lk", "Mt", "Tn", "Aq",
		"Qq", "Do", "Dc", "So", "Sc", "Po", "Pc", "Bo", "Bc", "Eo",
		"Ec", "Ns", "Ta", "Nd", "An", "Ad", "Ms", "Ux", "Bx", "At",
		"Ox", "Nx", "Fx", "Dx", "Pf", "Ap", "Ot", "Vt", "St", "Lb",
	};
	size_t i;

	for (i = 0; i < sizeof(m) / sizeof(m[0]); i++) {
		if (strlen(m[i]) == n && memcmp(a, m[i], n) == 0) {
			return true;
		}
	}
	return false;
}

/* Text of a macro line's arguments (man font macros and mdoc). */
static void roff_macro_text(const char *mac, size_t mlen, const char *args,
			    const char *end, const char *pagename,
			    struct buf *out)
{
	const char *a[24];
	size_t al[24];
	int n = roff_args(args, end, a, al, 24), i;
	bool alternating = mlen == 2 && strchr("BIR", mac[0]) &&
			   strchr("BIR", mac[1]);
	bool mdoc = mlen >= 2 && isupper((unsigned char)mac[0]) &&
		    islower((unsigned char)mac[1]);

	if (!mdoc || alternating) {
		for (i = 0; i < n; i++) {
			if (i > 0 && !alternating) {
				buf_putc(out, ' ');
			}
			roff_text(a[i], a[i] + al[i], out);
		}
		return;
	}
	/* mdoc: .Fl x, .Nm, .Xr ls 1, and markup to drop */
	{
		bool dash = mlen == 2 && memcmp(mac, "Fl", 2) == 0;
		bool first = true;

		if (mlen == 2 && memcmp(mac, "Nm", 2) == 0 && n == 0) {
			buf_puts(out, pagename);
			return;
		}
		for (i = 0; i < n; i++) {
			if (al[i] == 2 && memcmp(a[i], "Fl", 2) == 0) {
				if (!first) {
					buf_putc(out, ' ');
				}
				dash = true;
				first = true;
				continue;
			}
			if (al[i] == 2 && memcmp(a[i], "Nm", 2) == 0) {
				continue;
			}
			if (mdoc_markup(a[i], al[i])) {
				continue;
			}
			if (!first) {
				buf_putc(out, ' ');
			}
			if (dash) {
				buf_putc(out, '-');
				dash = false;
			}
			roff_text(a[i], a[i] + al[i], out);
			first = false;
		}
		if (dash) {
			buf_putc(out, '-');
		}
	}
}

/* ---- page parsing --------------------------------------------------------- */

enum parse_state {
	PS_NONE,
	PS_WANT_TAG,
	PS_BODY,
};

struct parser {
	struct docs_page *page;
	docs_opt_fn *fn;
	void *arg;
	char section[32];	/* current .SH, upper case */
	enum parse_state state;
	struct buf tag;
	struct buf body;
	struct buf name;	/* the NAME section's text */
	struct buf synopsis;
	struct buf description;
	int entries;
	bool stop;
	bool mdoc_name;		/* .Nm/.Nd seen */
};

static void squeeze(struct buf *b)
{
	size_t i, j = 0;
	bool space = true;

	for (i = 0; i < b->len; i++) {
		char c = b->data[i];

		if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
			if (!space) {
				b->data[j++] = ' ';
			}
			space = true;
		} else if ((unsigned char)c >= 0x20 || (unsigned char)c >= 0x80) {
			b->data[j++] = c;
			space = false;
		}
	}
	while (j > 0 && b->data[j - 1] == ' ') {
		j--;
	}
	if (b->data != NULL) {
		b->data[j] = '\0';
	}
	b->len = j;
}

static bool looks_like_option(const char *t)
{
	if ((t[0] == '-' || t[0] == '+') &&
	    (isalnum((unsigned char)t[1]) || (t[1] == '-' &&
					      isalnum((unsigned char)t[2])) ||
	     t[1] == '?' || t[1] == '#')) {
		return true;
	}
	return false;
}

static bool looks_like_subcommand(const char *t)
{
	size_t i;

	if (!islower((unsigned char)t[0])) {
		return false;
	}
	for (i = 0; t[i] != '\0' && t[i] != ' '; i++) {
		if (!isalnum((unsigned char)t[i]) && t[i] != '-' && t[i] != '_') {
			return false;
		}
	}
	return i >= 2 && i <= 24;
}

static void parser_flush(struct parser *ps)
{
	if (ps->state == PS_BODY && ps->tag.len > 0 && !ps->stop) {
		squeeze(&ps->tag);
		squeeze(&ps->body);
		if (ps->tag.len > 0 && ps->tag.len < 160 &&
		    (looks_like_option(buf_str(&ps->tag)) ||
		     (strstr(ps->section, "COMMAND") != NULL &&
		      looks_like_subcommand(buf_str(&ps->tag))))) {
			if (ps->body.len > 480) {
				buf_truncate(&ps->body, 480);
			}
			ps->entries++;
			if (ps->fn != NULL &&
			    ps->fn(buf_str(&ps->tag), buf_str(&ps->body),
				   ps->arg) != 0) {
				ps->stop = true;
			}
		}
	}
	buf_reset(&ps->tag);
	buf_reset(&ps->body);
	ps->state = PS_NONE;
}

/* Text for the current position (NAME, SYNOPSIS, an entry). */
static void parser_text(struct parser *ps, const char *text, size_t len)
{
	struct buf *dst = NULL;

	if (strcmp(ps->section, "NAME") == 0 ||
	    strcmp(ps->section, "NOM") == 0) {
		dst = &ps->name;
	} else if (strcmp(ps->section, "SYNOPSIS") == 0 &&
		   ps->synopsis.len < 600) {
		dst = &ps->synopsis;
	} else if (strcmp(ps->section, "DESCRIPTION") == 0 &&
		   ps->description.len < 380 && ps->entries == 0 &&
		   ps->state == PS_NONE) {
		dst = &ps->description;
	}
	if (dst != NULL) {
		buf_putc(dst, ' ');
		buf_append(dst, text, len);
	}
	if (ps->state == PS_WANT_TAG) {
		buf_append(&ps->tag, text, len);
		ps->state = PS_BODY;
	} else if (ps->state == PS_BODY && ps->body.len < 600) {
		buf_putc(&ps->body, ' ');
		buf_append(&ps->body, text, len);
	}
}

static bool macro_is(const char *m, size_t n, const char *name)
{
	return strlen(name) == n && memcmp(m, name, n) == 0;
}

/* Handles one line of roff. */
static void parser_line(struct parser *ps, const char *p, const char *end,
			const char *pagename)
{
	struct buf text = BUF_INIT;
	const char *m, *args;
	size_t mlen;

	if (p < end && (*p == '.' || *p == '\'')) {
		p++;
		while (p < end && (*p == ' ' || *p == '\t')) {
			p++;
		}
		m = p;
		while (p < end && *p != ' ' && *p != '\t') {
			p++;
		}
		mlen = (size_t)(p - m);
		args = p;
		if (mlen == 0 || (mlen >= 1 && m[0] == '\\')) {
			return;	/* comment or empty request */
		}
		if (macro_is(m, mlen, "SH") || macro_is(m, mlen, "Sh") ||
		    macro_is(m, mlen, "SS") || macro_is(m, mlen, "Ss")) {
			size_t i;

			parser_flush(ps);
			if (m[1] == 'H' || m[1] == 'h') {
				roff_macro_text("R", 1, args, end, pagename, &text);
				squeeze(&text);
				for (i = 0; i < text.len && i + 1 < sizeof(ps->section); i++) {
					ps->section[i] = (char)toupper(
						(unsigned char)text.data[i]);
				}
				ps->section[i] = '\0';
			}
			buf_release(&text);
			return;
		}
		if (macro_is(m, mlen, "TP") || macro_is(m, mlen, "TQ")) {
			if (macro_is(m, mlen, "TQ") && ps->state == PS_BODY &&
			    ps->body.len == 0) {
				buf_puts(&ps->tag, ", ");
				ps->state = PS_WANT_TAG;
				/* parser_text appends to the tag */
				return;
			}
			parser_flush(ps);
			ps->state = PS_WANT_TAG;
			return;
		}
		if (macro_is(m, mlen, "IP") || macro_is(m, mlen, "It")) {
			parser_flush(ps);
			if (m[0] == 'I' && m[1] == 'P') {
				const char *a[2];
				size_t al[2];

				if (roff_args(args, end, a, al, 1) == 1) {
					roff_text(a[0], a[0] + al[0], &text);
				}
			} else {
				roff_macro_text("It", 2, args, end, pagename, &text);
			}
			squeeze(&text);
			if (text.len > 0 && strcmp(buf_str(&text), "*") != 0) {
				buf_append(&ps->tag, text.data, text.len);
				ps->state = PS_BODY;
			}
			buf_release(&text);
			return;
		}
		if (macro_is(m, mlen, "PP") || macro_is(m, mlen, "LP") ||
		    macro_is(m, mlen, "P") || macro_is(m, mlen, "HP") ||
		    macro_is(m, mlen, "Pp") || macro_is(m, mlen, "El") ||
		    macro_is(m, mlen, "Bl")) {
			parser_flush(ps);
			return;
		}
		if (macro_is(m, mlen, "Nd")) {
			roff_macro_text("Xx", 2, args, end, pagename, &text);
			buf_puts(&ps->name, " - ");
			buf_append(&ps->name, text.data, text.len);
			ps->mdoc_name = true;
			buf_release(&text);
			return;
		}
		if (macro_is(m, mlen, "B") || macro_is(m, mlen, "I") ||
		    macro_is(m, mlen, "SM") || macro_is(m, mlen, "SB") ||
		    (mlen == 2 && strchr("BIR", m[0]) && strchr("BIR", m[1])) ||
		    (mlen >= 2 && isupper((unsigned char)m[0]) &&
		     islower((unsigned char)m[1]) && !macro_is(m, mlen, "Dd") &&
		     !macro_is(m, mlen, "Dt") && !macro_is(m, mlen, "Os") &&
		     !macro_is(m, mlen, "Bd") && !macro_is(m, mlen, "Ed") &&
		     !macro_is(m, mlen, "Rs") && !macro_is(m, mlen, "Re"))) {
			roff_macro_text(m, mlen, args, end, pagename, &text);
			if (text.len > 0) {
				parser_text(ps, text.data, text.len);
			}
			buf_release(&text);
			return;
		}
		return;	/* layout requests and unknown macros */
	}
	roff_text(p, end, &text);
	if (text.len > 0) {
		parser_text(ps, text.data, text.len);
	}
	buf_release(&text);
}

/* "ls \- list directory contents" -> names and summary. */
static void parser_name(struct parser *ps)
{
	struct docs_page *pg = ps->page;
	const char *s, *dash;
	size_t n, i, j = 0;

	squeeze(&ps->name);
	s = buf_str(&ps->name);
	dash = strstr(s, " - ");
	if (dash == NULL) {
		dash = strstr(s, " -- ");
	}
	if (dash == NULL) {
		n = strlen(s) < sizeof(pg->summary) ? strlen(s) :
						      sizeof(pg->summary) - 1;
		memcpy(pg->summary, s, n);
		pg->summary[n] = '\0';
		return;
	}
	n = (size_t)(dash - s);
	for (i = 0; i < n && j + 1 < sizeof(pg->names); i++) {
		pg->names[j++] = s[i] == ',' ? ' ' : s[i];
	}
	pg->names[j] = '\0';
	s = dash + (dash[2] == '-' ? 4 : 3);
	while (*s == ' ' || *s == '-') {
		s++;
	}
	n = strlen(s);
	if (n >= sizeof(pg->summary)) {
		n = sizeof(pg->summary) - 1;
	}
	memcpy(pg->summary, s, n);
	pg->summary[n] = '\0';
}

int docs_parse(const char *text, size_t len, struct docs_page *p,
	       docs_opt_fn *fn, void *arg)
{
	struct parser ps;
	const char *end = text + len, *line = text, *nl;
	bool skipping = false;
	int result;

	memset(p, 0, sizeof(*p));
	memset(&ps, 0, sizeof(ps));
	ps.page = p;
	ps.fn = fn;
	ps.arg = arg;
	while (len > 0 && (*line == ' ' || *line == '\n')) {
		line++;
		len--;
	}
	if (len >= 4 && strncmp(line, ".so ", 4) == 0) {
		nl = memchr(line, '\n', len);
		if (nl == NULL || nl + 1 >= end ||
		    strspn(nl + 1, " \n") == (size_t)(end - nl - 1)) {
			return -1;
		}
	}
	for (; line < end && !ps.stop; line = nl + 1) {
		nl = memchr(line, '\n', (size_t)(end - line));
		if (nl == NULL) {
			nl = end;
		}
		if (skipping) {
			if (nl - line >= 2 && line[0] == '.' && line[1] == '.') {
				skipping = false;
			}
			continue;
		}
		if (nl - line >= 3 && line[0] == '.' &&
		    (strncmp(line + 1, "de", 2) == 0 ||
		     strncmp(line + 1, "ig", 2) == 0) &&
		    (nl - line == 3 || line[3] == ' ' || line[3] == '\t')) {
			skipping = true;
			continue;
		}
		if (nl - line >= 3 && line[0] == '.' &&
		    (strncmp(line + 1, "if", 2) == 0 ||
		     strncmp(line + 1, "ie", 2) == 0 ||
		     strncmp(line + 1, "el", 2) == 0 ||
		     strncmp(line + 1, "ds", 2) == 0 ||
		     strncmp(line + 1, "nr", 2) == 0 ||
		     strncmp(line + 1, "tr", 2) == 0)) {
			/* a multi-line conditional block: skip to its end */
			if (memchr(line, '{', (size_t)(nl - line)) != NULL &&
			    memchr(line, '}', (size_t)(nl - line)) == NULL) {
				int depth = 1;

				while (depth > 0 && nl < end) {
					line = nl + 1;
					nl = memchr(line, '\n', (size_t)(end - line));
					if (nl == NULL) {
						nl = end;
					}
					if (memchr(line, '}', (size_t)(nl - line))) {
						depth--;
					}
				}
			}
			continue;
		}
		parser_line(&ps, line, nl, p->names);
		if (nl == end) {
			break;
		}
	}
	parser_flush(&ps);
	parser_name(&ps);
	squeeze(&ps.synopsis);
	{
		size_t n = ps.synopsis.len < sizeof(p->synopsis) ?
			   ps.synopsis.len : sizeof(p->synopsis) - 1;

		if (n > 0) {
			memcpy(p->synopsis, ps.synopsis.data, n);
		}
		p->synopsis[n] = '\0';
	}
	squeeze(&ps.description);
	{
		size_t n = ps.description.len < sizeof(p->description) ?
			   ps.description.len : sizeof(p->description) - 1;

		if (n > 0) {
			memcpy(p->description, ps.description.data, n);
		}
		p->description[n] = '\0';
	}
	result = ps.entries;
	buf_release(&ps.tag);
	buf_release(&ps.body);
	buf_release(&ps.name);
	buf_release(&ps.synopsis);
	buf_release(&ps.description);
	return result;
}

/* ---- the indexer ---------------------------------------------------------- */

struct docs_item {
	char *path;
	char name[64];
	char section[16];
	int64_t mtime;
	int prio;		/* 2 base system, 1 standard, 0 other */
};

/* A string -> int map (stored pages' mtimes, package priorities). */
struct docs_map {
	char **key;
	int64_t *val;
	size_t n;
	size_t cap;		/* power of two slots */
};

enum docs_phase {
	DP_START,
	DP_SCAN,
	DP_INDEX,
	DP_DONE,
};

static struct {
	enum docs_phase phase;
	struct store *st;
	struct loop *loop;
	struct loop_timer *timer;
	char **dirs;
	size_t ndirs;
	size_t dir_i;
	struct docs_item *items;
	size_t n;
	size_t cap;
	size_t next;
	struct docs_map stored;	/* path -> mtime already in the store */
	struct docs_map prio;	/* page file name -> priority */
	struct buf signature;	/* "dir=mtime;..." of the man dirs */
	bool complete;
	const char *const *test_dirs;
	int64_t indexed;	/* pages added this run */
} D;

static uint32_t docs_hash(const char *s)
{
	uint32_t h = 2166136261u;

	for (; *s; s++) {
		h = (h ^ (unsigned char)*s) * 16777619u;
	}
	return h;
}

static void docs_map_free(struct docs_map *m)
{
	size_t i;

	for (i = 0; i < m->cap; i++) {
		free(m->key[i]);
	}
	free(m->key);
	free(m->val);
	memset(m, 0, sizeof(*m));
}

static bool docs_map_grow(struct docs_map *m)
{
	struct docs_map nm;
	size_t i;

	nm.cap = m->cap ? m->cap * 2 : 1024;
	nm.n = m->n;
	nm.key = calloc(nm.cap, sizeof(*nm.key));
	nm.val = calloc(nm.cap, sizeof(*nm.val));
	if (nm.key == NULL || nm.val == NULL) {
		free(nm.key);
		free(nm.val);
		return false;
	}
	for (i = 0; i < m->cap; i++) {
		if (m->key[i] != NULL) {
			size_t k = docs_hash(m->key[i]) & (nm.cap - 1);

			while (nm.key[k] != NULL) {
				k = (k + 1) & (nm.cap - 1);
			}
			nm.key[k] = m->key[i];
			nm.val[k] = m->val[i];
		}
	}
	free(m->key);
	free(m->val);
	*m = nm;
	return true;
}

static int64_t *docs_map_find(const struct docs_map *m, const char *key)
{
	size_t k;

	if (m->cap == 0) {
		return NULL;
	}
	k = docs_hash(key) & (m->cap - 1);
	while (m->key[k] != NULL) {
		if (strcmp(m->key[k], key) == 0) {
			return &m->val[k];
		}
		k = (k + 1) & (m->cap - 1);
	}
	return NULL;
}

static void docs_map_put(struct docs_map *m, const char *key, int64_t val)
{
	int64_t *v = docs_map_find(m, key);
	size_t k;

	if (v != NULL) {
		if (val > *v) {
			*v = val;
		}
		return;
	}
	if ((m->n + 1) * 2 > m->cap && !docs_map_grow(m)) {
		return;
	}
	k = docs_hash(key) & (m->cap - 1);
	while (m->key[k] != NULL) {
		k = (k + 1) & (m->cap - 1);
	}
	m->key[k] = strdup(key);
	if (m->key[k] == NULL) {
		return;
	}
	m->val[k] = val;
	m->n++;
}

static void docs_clear_items(void)
{
	size_t i;

	for (i = 0; i < D.n; i++) {
		free(D.items[i].path);
	}
	free(D.items);
	D.items = NULL;
	D.n = D.cap = D.next = 0;
}

static void docs_clear_dirs(void)
{
	size_t i;

	for (i = 0; i < D.ndirs; i++) {
		free(D.dirs[i]);
	}
	free(D.dirs);
	D.dirs = NULL;
	D.ndirs = 0;
}

void docs_reset(void)
{
	docs_clear_items();
	docs_clear_dirs();
	docs_map_free(&D.stored);
	docs_map_free(&D.prio);
	buf_release(&D.signature);
	D.phase = DP_START;
	D.complete = false;
	D.st = NULL;
	D.indexed = 0;
}

void docs_set_dirs(const char *const *dirs)
{
	D.test_dirs = dirs;
}

bool docs_complete(void)
{
	return D.complete;
}

static void docs_add_dir(const char *dir)
{
	struct stat sb;
	char **nd;
	size_t i;

	for (i = 0; i < D.ndirs; i++) {
		if (strcmp(D.dirs[i], dir) == 0) {
			return;
		}
	}
	if (stat(dir, &sb) < 0 || !S_ISDIR(sb.st_mode)) {
		return;
	}
	nd = realloc(D.dirs, (D.ndirs + 1) * sizeof(*nd));
	if (nd == NULL) {
		return;
	}
	D.dirs = nd;
	D.dirs[D.ndirs] = strdup(dir);
	if (D.dirs[D.ndirs] != NULL) {
		D.ndirs++;
		buf_printf(&D.signature, "%s=%lld;", dir, (long long)sb.st_mtime);
	}
}

/* The man directories: $MANPATH's, then the system's. */
static void docs_find_dirs(void)
{
	static const char *const roots[] = {
		"/usr/local/share/man", "/usr/share/man", NULL,
	};
	static const char *const sects[] = { "man1", "man8" };
	const char *mp = getenv("MANPATH");
	char path[4096];
	size_t i, k;

	docs_clear_dirs();
	buf_reset(&D.signature);
	if (D.test_dirs != NULL) {
		for (i = 0; D.test_dirs[i] != NULL; i++) {
			docs_add_dir(D.test_dirs[i]);
		}
		return;
	}
	while (mp != NULL && *mp != '\0') {
		const char *colon = strchr(mp, ':');
		size_t n = colon ? (size_t)(colon - mp) : strlen(mp);

		if (n > 0 && n < 4000 && mp[0] == '/') {
			for (k = 0; k < 2; k++) {
				snprintf(path, sizeof(path), "%.*s/%s", (int)n, mp,
					 sects[k]);
				docs_add_dir(path);
			}
		}
		mp = colon ? colon + 1 : NULL;
	}
	for (i = 0; roots[i] != NULL; i++) {
		for (k = 0; k < 2; k++) {
			snprintf(path, sizeof(path), "%s/%s", roots[i], sects[k]);
			docs_add_dir(path);
		}
	}
}

const char *const *docs_read_paths(void)
{
	static char *paths[16];
	static bool done;
	const char *mp = getenv("MANPATH");
	size_t n = 0;

	if (done) {
		return (const char *const *)paths;
	}
	done = true;
	while (mp != NULL && *mp != '\0' && n < 12) {
		const char *colon = strchr(mp, ':');
		size_t len = colon ? (size_t)(colon - mp) : strlen(mp);

		if (len > 1 && mp[0] == '/' &&
		    (paths[n] = strndup(mp, len)) != NULL) {
			n++;
		}
		mp = colon ? colon + 1 : NULL;
	}
	paths[n++] = "/usr/local/share/man";
	paths[n++] = "/usr/share/man";
	paths[n++] = "/var/lib/dpkg";
	paths[n] = NULL;
	return (const char *const *)paths;
}

/* Debian package priorities: page file name -> 2 (required, important)
 * or 1 (standard).  Other systems simply have none. */
static void docs_load_priorities(void)
{
	struct buf status = BUF_INIT, list = BUF_INIT;
	const char *p, *end;
	char pkg[256] = "";
	int prio = 0;
	struct docs_map pkgs = { 0 };
	DIR *d;
	struct dirent *de;

	if (D.test_dirs != NULL || docs_read("/var/lib/dpkg/status", &status,
					     64 * 1024 * 1024) < 0) {
		buf_release(&status);
		return;
	}
	p = buf_str(&status);
	end = p + status.len;
	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		size_t n;

		if (nl == NULL) {
			nl = end;
		}
		n = (size_t)(nl - p);
		if (n == 0) {
			if (pkg[0] != '\0' && prio > 0) {
				docs_map_put(&pkgs, pkg, prio);
			}
			pkg[0] = '\0';
			prio = 0;
		} else if (n > 9 && strncmp(p, "Package: ", 9) == 0 &&
			   n - 9 < sizeof(pkg)) {
			memcpy(pkg, p + 9, n - 9);
			pkg[n - 9] = '\0';
		} else if (n > 10 && strncmp(p, "Priority: ", 10) == 0) {
			if (strncmp(p + 10, "required", 8) == 0 ||
			    strncmp(p + 10, "important", 9) == 0) {
				prio = 2;
			} else if (strncmp(p + 10, "standard", 8) == 0) {
				prio = 1;
			}
		}
		p = nl + 1;
	}
	if (pkg[0] != '\0' && prio > 0) {
		docs_map_put(&pkgs, pkg, prio);
	}
	buf_release(&status);
	d = opendir("/var/lib/dpkg/info");
	while (d != NULL && (de = readdir(d)) != NULL) {
		char name[256], path[512];
		size_t n = strlen(de->d_name);
		int64_t *pr;
		char *colon;

		if (n < 6 || n >= sizeof(name) ||
		    strcmp(de->d_name + n - 5, ".list") != 0) {
			continue;
		}
		memcpy(name, de->d_name, n - 5);
		name[n - 5] = '\0';
		colon = strchr(name, ':');
		if (colon != NULL) {
			*colon = '\0';
		}
		pr = docs_map_find(&pkgs, name);
		if (pr == NULL) {
			continue;
		}
		snprintf(path, sizeof(path), "/var/lib/dpkg/info/%s", de->d_name);
		buf_reset(&list);
		if (docs_read(path, &list, 8 * 1024 * 1024) < 0) {
			continue;
		}
		for (p = buf_str(&list), end = p + list.len; p < end;) {
			const char *nl = memchr(p, '\n', (size_t)(end - p));
			char file[256];
			const char *slash;

			if (nl == NULL) {
				nl = end;
			}
			if (nl - p > 20 && memmem(p, (size_t)(nl - p), "/man/man", 8) &&
			    (slash = memrchr(p, '/', (size_t)(nl - p))) != NULL &&
			    (size_t)(nl - slash - 1) < sizeof(file)) {
				memcpy(file, slash + 1, (size_t)(nl - slash - 1));
				file[nl - slash - 1] = '\0';
				docs_map_put(&D.prio, file, *pr);
			}
			p = nl + 1;
		}
	}
	if (d != NULL) {
		closedir(d);
	}
	buf_release(&list);
	docs_map_free(&pkgs);
}

static int docs_on_stored(const char *path, int64_t mtime, void *arg)
{
	(void)arg;
	if (path != NULL) {
		docs_map_put(&D.stored, path, mtime);
	}
	return 0;
}

/* "ls.1.gz" -> name "ls", section "1"; false for other files. */
static bool docs_split_name(const char *file, char *name, size_t ncap,
			    char *sect, size_t scap)
{
	char tmp[256];
	size_t n = strlen(file);
	char *dot;

	if (n >= sizeof(tmp) || file[0] == '.') {
		return false;
	}
	memcpy(tmp, file, n + 1);
	if (n > 3 && strcmp(tmp + n - 3, ".gz") == 0) {
		tmp[n - 3] = '\0';
	} else if ((dot = strrchr(tmp, '.')) != NULL &&
		   (strcmp(dot, ".bz2") == 0 || strcmp(dot, ".xz") == 0 ||
		    strcmp(dot, ".zst") == 0 || strcmp(dot, ".lzma") == 0)) {
		return false;
	}
	dot = strrchr(tmp, '.');
	if (dot == NULL || dot == tmp || !isdigit((unsigned char)dot[1]) ||
	    strlen(dot + 1) >= scap || (size_t)(dot - tmp) >= ncap) {
		return false;
	}
	memcpy(sect, dot + 1, strlen(dot + 1) + 1);
	*dot = '\0';
	memcpy(name, tmp, strlen(tmp) + 1);
	return true;
}

static void docs_add_item(const char *dir, const char *file, int64_t mtime,
			  int prio)
{
	struct docs_item *it;
	char name[64], sect[16];
	size_t len;

	if (!docs_split_name(file, name, sizeof(name), sect, sizeof(sect))) {
		return;
	}
	if (D.n == D.cap) {
		size_t cap = D.cap ? D.cap * 2 : 1024;
		struct docs_item *ni = realloc(D.items, cap * sizeof(*ni));

		if (ni == NULL) {
			return;
		}
		D.items = ni;
		D.cap = cap;
	}
	it = &D.items[D.n];
	len = strlen(dir) + strlen(file) + 2;
	it->path = malloc(len);
	if (it->path == NULL) {
		return;
	}
	snprintf(it->path, len, "%s/%s", dir, file);
	snprintf(it->name, sizeof(it->name), "%s", name);
	snprintf(it->section, sizeof(it->section), "%s", sect);
	it->mtime = mtime;
	it->prio = prio;
	D.n++;
}

/* Lists one directory into the work list (skipping links and pages
 * already indexed at the same mtime). */
static void docs_scan_dir(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *de;
	char path[4096];

	if (d == NULL) {
		return;
	}
	while ((de = readdir(d)) != NULL) {
		struct stat sb;
		int64_t *old;
		int64_t *pr;

		if (de->d_name[0] == '.' || de->d_type == DT_LNK ||
		    de->d_type == DT_DIR) {
			continue;
		}
		if (fstatat(dirfd(d), de->d_name, &sb, AT_SYMLINK_NOFOLLOW) < 0 ||
		    !S_ISREG(sb.st_mode)) {
			continue;
		}
		snprintf(path, sizeof(path), "%s/%s", dir, de->d_name);
		old = docs_map_find(&D.stored, path);
		if (old != NULL) {
			int64_t was = *old;

			*old = -1;	/* seen */
			if (was == (int64_t)sb.st_mtime) {
				continue;
			}
		}
		pr = docs_map_find(&D.prio, de->d_name);
		docs_add_item(dir, de->d_name, (int64_t)sb.st_mtime,
			      pr ? (int)*pr : 0);
	}
	closedir(d);
}

static int docs_item_cmp(const void *a, const void *b)
{
	const struct docs_item *x = a, *y = b;
	int c;

	if (x->prio != y->prio) {
		return y->prio - x->prio;
	}
	/* short names first: the everyday tools */
	if (strlen(x->name) != strlen(y->name)) {
		return strlen(x->name) < strlen(y->name) ? -1 : 1;
	}
	c = strcmp(x->name, y->name);
	return c != 0 ? c : strcmp(x->section, y->section);
}

/*
 * Heapsort of the work list.  Not qsort(): glibc's qsort asks sysinfo(2)
 * for the memory size, a call the sandbox kills.
 */
static void docs_sift(struct docs_item *a, size_t root, size_t n)
{
	struct docs_item tmp;
	size_t child;

	while ((child = 2 * root + 1) < n) {
		if (child + 1 < n && docs_item_cmp(&a[child], &a[child + 1]) < 0) {
			child++;
		}
		if (docs_item_cmp(&a[root], &a[child]) >= 0) {
			return;
		}
		tmp = a[root];
		a[root] = a[child];
		a[child] = tmp;
		root = child;
	}
}

static void docs_sort(struct docs_item *a, size_t n)
{
	struct docs_item tmp;
	size_t i;

	for (i = n / 2; i-- > 0;) {
		docs_sift(a, i, n);
	}
	for (i = n; i-- > 1;) {
		tmp = a[0];
		a[0] = a[i];
		a[i] = tmp;
		docs_sift(a, 0, i);
	}
}

struct docs_add_ctx {
	struct store *st;
	int64_t page;
	int rc;
};

static int docs_on_opt(const char *opt, const char *text, void *arg)
{
	struct docs_add_ctx *c = arg;

	if (store_doc_opt_add(c->st, c->page, opt, text) < 0) {
		c->rc = -1;
		return 1;
	}
	return 0;
}

/* Reads, parses and stores one page. */
static int docs_index_item(struct store *st, const struct docs_item *it)
{
	struct buf text = BUF_INIT;
	struct docs_page pg;
	struct store_doc_page sp;
	struct docs_add_ctx ctx;
	char names[320];
	int n;

	if (docs_read(it->path, &text, DOCS_MAX_PAGE) < 0 || text.len == 0) {
		buf_release(&text);
		return 0;
	}
	/* first pass for the NAME line and synopsis, no options */
	n = docs_parse(text.data, text.len, &pg, NULL, NULL);
	if (n < 0) {
		buf_release(&text);
		return 0;
	}
	memset(&sp, 0, sizeof(sp));
	snprintf(names, sizeof(names), "%s %s", it->name, pg.names);
	sp.name = it->name;
	sp.names = names;
	sp.section = it->section;
	sp.path = it->path;
	sp.mtime = it->mtime;
	sp.prio = it->prio;
	sp.summary = pg.summary;
	sp.synopsis = pg.synopsis;
	sp.description = pg.description;
	ctx.st = st;
	ctx.rc = 0;
	if (store_doc_page_add(st, &sp, &ctx.page) < 0) {
		buf_release(&text);
		return -1;
	}
	if (n > 0) {
		docs_parse(text.data, text.len, &pg, docs_on_opt, &ctx);
	}
	buf_release(&text);
	D.indexed++;
	return ctx.rc;
}

static int64_t docs_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* Whether the man directories are as they were when the index was
 * finished. */
static bool docs_unchanged(struct store *st)
{
	struct buf old = BUF_INIT, done = BUF_INIT;
	bool same;

	same = store_state_get(st, "docs.dirs", &old) > 0 &&
	       store_state_get(st, "docs.complete", &done) > 0 &&
	       strcmp(buf_str(&done), "1") == 0 &&
	       strcmp(buf_str(&old), buf_str(&D.signature)) == 0;
	buf_release(&old);
	buf_release(&done);
	return same;
}

int docs_step(struct store *st, int budget_ms)
{
	int64_t deadline = docs_ms() + budget_ms;
	size_t i;

	if (store_in_transaction(st)) {
		return 0;
	}
	if (D.st != st) {
		docs_reset();
		D.st = st;
	}
	switch (D.phase) {
	case DP_START:
	case DP_DONE:
		docs_find_dirs();
		if (docs_unchanged(st)) {
			D.phase = DP_DONE;
			D.complete = true;
			return 1;
		}
		D.complete = false;
		docs_clear_items();
		docs_map_free(&D.stored);
		store_doc_pages_each(st, docs_on_stored, NULL);
		if (D.prio.n == 0) {
			docs_load_priorities();
		}
		D.dir_i = 0;
		D.phase = DP_SCAN;
		/* fall through */
	case DP_SCAN:
		while (D.dir_i < D.ndirs && docs_ms() < deadline) {
			docs_scan_dir(D.dirs[D.dir_i++]);
		}
		if (D.dir_i < D.ndirs) {
			return 0;
		}
		/* pages gone from the disk */
		if (store_begin(st) == 0) {
			for (i = 0; i < D.stored.cap; i++) {
				if (D.stored.key[i] != NULL && D.stored.val[i] >= 0) {
					store_doc_page_delete(st, D.stored.key[i]);
				}
			}
			store_commit(st);
		}
		docs_map_free(&D.stored);
		docs_sort(D.items, D.n);
		D.next = 0;
		D.phase = DP_INDEX;
		return 0;
	case DP_INDEX:
		if (store_begin(st) < 0) {
			return -1;
		}
		while (D.next < D.n) {
			if (docs_index_item(st, &D.items[D.next]) < 0) {
				store_rollback(st);
				return -1;
			}
			D.next++;
			if (docs_ms() >= deadline) {
				break;
			}
		}
		if (store_commit(st) < 0) {
			return -1;
		}
		if (D.next < D.n) {
			return 0;
		}
		store_state_set(st, "docs.dirs", buf_str(&D.signature));
		store_state_set(st, "docs.complete", "1");
		docs_clear_items();
		D.phase = DP_DONE;
		D.complete = true;
		info_f("man-page index complete (%lld pages added)",
		       (long long)D.indexed);
		return 1;
	}
	return 0;
}

int docs_index_name(struct store *st, const char *name)
{
	size_t i;
	int rc;

	if (D.phase != DP_INDEX || D.st != st || store_in_transaction(st)) {
		return 0;
	}
	for (i = D.next; i < D.n; i++) {
		if (strcmp(D.items[i].name, name) == 0) {
			struct docs_item tmp = D.items[i];

			/* move it to the front of the remaining work */
			D.items[i] = D.items[D.next];
			D.items[D.next] = tmp;
			if (store_begin(st) < 0) {
				return -1;
			}
			rc = docs_index_item(st, &D.items[D.next]);
			if (rc < 0) {
				store_rollback(st);
				return -1;
			}
			if (store_commit(st) < 0) {
				return -1;
			}
			D.next++;
			return 1;
		}
	}
	return 0;
}

/* ---- the background timer -------------------------------------------------- */

static void docs_tick(struct loop *l, void *data)
{
	int rc;

	(void)data;
	D.timer = NULL;
	rc = docs_step(D.st, DOCS_SLICE_MS);
	if (rc < 0) {
		error_f("man-page index: %s", store_errmsg(D.st));
		D.timer = loop_add_timer(l, DOCS_RECHECK_MS, docs_tick, NULL);
		return;
	}
	D.timer = loop_add_timer(l, rc == 1 ? DOCS_RECHECK_MS : DOCS_PAUSE_MS,
				 docs_tick, NULL);
}

int docs_start(struct loop *l, struct store *st)
{
	if (D.st != st) {
		docs_reset();
		D.st = st;
	}
	D.loop = l;
	D.timer = loop_add_timer(l, 20, docs_tick, NULL);
	return D.timer ? 0 : -1;
}

void docs_stop(void)
{
	if (D.timer != NULL && D.loop != NULL) {
		loop_del_timer(D.loop, D.timer);
	}
	D.timer = NULL;
	D.loop = NULL;
	docs_reset();
}
