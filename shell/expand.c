/*
 * expand.c - word expansions (XCU 2.6).
 *
 * A word is expanded part by part into a struct xword: the bytes of the
 * result, and beside each byte a flag byte that says where it came from:
 *
 *   XF_QUOTED  quoted text or a quoted expansion: never an IFS delimiter,
 *              literal in pathname expansion and patterns;
 *   XF_SPLIT   the result of an unquoted expansion: its IFS characters
 *              delimit fields (XCU 2.6.5);
 *   neither    unquoted literal text: not split, but pattern characters
 *              in it are active.
 *
 * Two zero-width markers are stored as bytes with flags of their own:
 * XF_MARK (a quoted empty string was here, so the field exists even when
 * empty: "" and "$empty") and XF_BREAK (a field ends here: between the
 * positional parameters of "$@" and unquoted $@ / $*).  This is dash's
 * CTLESC/CTLQUOTEMARK scheme with the flags kept out of band, so values
 * need no escaping.
 *
 * Field splitting then walks the flagged bytes once; each field goes to
 * pathname expansion when it holds an unquoted '*', '?' or '['; quote
 * removal was done by the parser.  expand_string() keeps no flags at all.
 *
 * Every allocation is in the expansion arena, so an error return anywhere
 * leaks nothing: the caller's arena mark frees it all.
 */
#include <pwd.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <wchar.h>

#include "arena.h"
#include "arith.h"
#include "ast.h"
#include "exec.h"
#include "expand.h"
#include "input.h"
#include "parse.h"
#include "pattern.h"
#include "shell.h"
#include "var.h"

/* where each byte of an expanded word came from (see the top) */
enum xflag {
	XF_QUOTED = 1 << 0,
	XF_SPLIT = 1 << 1,
	XF_MARK = 1 << 2,
	XF_BREAK = 1 << 3,
};

enum xmode {
	XM_FIELDS,	/* command words: flags kept to split and glob */
	XM_STRING,	/* one string: no flags */
	XM_PATTERN,	/* one pattern: flags kept to escape quoted bytes */
};

/* how the parts of a word are expanded */
enum xhow {
	H_QUOTED = 1 << 0,	/* inside double quotes: every part quoted */
	H_ARGSPLIT = 1 << 1,	/* the word of an unquoted ${x-word}: its
				 * unquoted literal text is split too (dash) */
	H_TILDE = 1 << 2,	/* tilde expansion at the start */
	H_ASSIGN = 1 << 3,	/* ... and after each unquoted ':' */
	H_DECL = 1 << 4,	/* NAME=value word: ... and after the '=' */
};

/* A word being expanded. */
struct xword {
	struct shell *sh;
	enum xmode mode;
	char *s;		/* the bytes; s[len] is free for a NUL */
	unsigned char *f;	/* enum xflag per byte; NULL in XM_STRING */
	size_t len;
	size_t cap;		/* of s and f; > len once allocated */
	size_t nzero;		/* XF_MARK and XF_BREAK bytes in s */
	bool split;		/* some byte has XF_SPLIT */
};

/* characters that stay special in a pattern when they come from quotes */
static const char pattern_specials[] = "\\*?[]-!^";

static int expand_parts(struct xword *w, const struct word *word,
			unsigned how);

void strvec_push(struct strvec *sv, char *s)
{
	size_t cap;
	char **v;

	if (sv->n + 1 >= sv->cap) {
		cap = sv->cap ? sv->cap * 2 : 16;
		v = arena_alloc(cap * sizeof(*v));
		if (sv->n > 0) {
			memcpy(v, sv->v, sv->n * sizeof(*v));
		}
		sv->v = v;
		sv->cap = cap;
	}
	sv->v[sv->n++] = s;
	sv->v[sv->n] = NULL;
}

static void xw_init(struct xword *w, struct shell *sh, enum xmode mode)
{
	memset(w, 0, sizeof(*w));
	w->sh = sh;
	w->mode = mode;
}

/* Makes room for n more bytes and a NUL. */
static void xw_grow(struct xword *w, size_t n)
{
	size_t cap;
	char *s;
	unsigned char *f;

	if (w->cap > w->len + n) {
		return;
	}
	cap = w->cap ? w->cap * 2 : 64;
	while (cap <= w->len + n) {
		cap *= 2;
	}
	s = arena_alloc(cap);
	if (w->len > 0) {
		memcpy(s, w->s, w->len);
	}
	w->s = s;
	if (w->mode != XM_STRING) {
		f = arena_alloc(cap);
		if (w->len > 0) {
			memcpy(f, w->f, w->len);
		}
		w->f = f;
	}
	w->cap = cap;
}

static void xw_append(struct xword *w, const char *p, size_t n, unsigned flag)
{
	if (n == 0) {
		return;
	}
	xw_grow(w, n);
	memcpy(w->s + w->len, p, n);
	if (w->f != NULL) {
		memset(w->f + w->len, (int)flag, n);
		if (flag & XF_SPLIT) {
			w->split = true;
		}
	}
	w->len += n;
}

/* Adds a zero-width XF_MARK or XF_BREAK (only where flags are kept). */
static void xw_zero(struct xword *w, unsigned flag)
{
	if (w->mode == XM_STRING) {
		return;
	}
	xw_grow(w, 1);
	w->s[w->len] = '\0';
	w->f[w->len] = (unsigned char)flag;
	w->len++;
	w->nzero++;
}

/* The bytes s[a..b) without zero-width markers, as an arena string. */
static char *xw_plain(struct xword *w, size_t a, size_t b)
{
	char *out, *q;
	size_t i;

	if (w->nzero == 0) {
		if (a == 0 && b == w->len) {
			/* hand the buffer over: the word is done with it */
			w->s[b] = '\0';
			return w->s;
		}
		return arena_strndup(w->s + a, b - a);
	}
	out = q = arena_alloc(b - a + 1);
	for (i = a; i < b; i++) {
		if (!(w->f[i] & (XF_MARK | XF_BREAK))) {
			*q++ = w->s[i];
		}
	}
	*q = '\0';
	return out;
}

/* s[a..b) as a pattern: quoted bytes that are special get a backslash. */
static char *xw_pattern(struct xword *w, size_t a, size_t b)
{
	char *out = arena_alloc(2 * (b - a) + 1), *q = out;
	size_t i;
	char c;

	for (i = a; i < b; i++) {
		c = w->s[i];
		if (w->f[i] & (XF_MARK | XF_BREAK)) {
			continue;
		}
		if ((w->f[i] & XF_QUOTED) && c != '\0' &&
		    strchr(pattern_specials, c) != NULL) {
			*q++ = '\\';
		}
		*q++ = c;
	}
	*q = '\0';
	return out;
}

/* Prints "NAME: message" and makes the error fatal (XCU 2.8.1). */
static int expand_fail(struct shell *sh, const char *name, const char *msg)
{
	sh_error(sh, "%s: %s", name, msg);
	sh_fatal(sh, 2);
	return -1;
}

/* ---- tilde expansion (XCU 2.6.1) ---- */

/*
 * Expands the tilde-prefix starting at s[start] ('~') of an unquoted
 * literal s[0..n); last tells whether the literal ends the word.  Returns
 * the index after the prefix, or start when nothing was expanded (the
 * prefix runs into quoted text or another expansion, or no such user).
 */
static size_t expand_tilde(struct xword *w, const char *s, size_t n,
			   size_t start, unsigned how, bool last)
{
	const char *home = NULL;
	struct passwd *pw;
	size_t end = start + 1;
	char *name;

	while (end < n && s[end] != '/' &&
	       !((how & H_ASSIGN) && s[end] == ':')) {
		end++;
	}
	if (end == n && !last) {
		return start;
	}
	if (end == start + 1) {
		home = var_get(w->sh, "HOME");
		if (home == NULL) {
			pw = getpwuid(getuid());
			home = pw != NULL ? pw->pw_dir : NULL;
		}
	} else {
		name = arena_strndup(s + start + 1, end - start - 1);
		pw = getpwnam(name);
		home = pw != NULL ? pw->pw_dir : NULL;
	}
	if (home == NULL) {
		return start;
	}
	/* the result is neither split nor globbed; like dash, an empty one
	 * makes no field of its own */
	xw_append(w, home, strlen(home), XF_QUOTED);
	return end;
}

static void expand_lit(struct xword *w, const struct wpart *p, unsigned how,
		       bool first)
{
	const char *s = p->lit.text, *c;
	size_t n = p->lit.len, i = 0, k;
	unsigned flag;

	if (p->quoted || (how & H_QUOTED)) {
		if (n == 0) {
			xw_zero(w, XF_MARK);
		} else {
			xw_append(w, s, n, XF_QUOTED);
		}
		return;
	}
	flag = (how & H_ARGSPLIT) ? XF_SPLIT : 0;
	if ((how & H_TILDE) && first && n > 0 && s[0] == '~') {
		i = expand_tilde(w, s, n, 0, how, p->next == NULL);
	} else if ((how & H_DECL) && first &&
		   (c = memchr(s, '=', n)) != NULL) {
		k = (size_t)(c - s) + 1;
		xw_append(w, s, k, flag);
		i = k;
		if (i < n && s[i] == '~') {
			i = expand_tilde(w, s, n, i, how, p->next == NULL);
		}
	}
	if (how & H_ASSIGN) {
		while (i < n && (c = memchr(s + i, ':', n - i)) != NULL) {
			k = (size_t)(c - s) + 1;
			xw_append(w, s + i, k - i, flag);
			i = k;
			if (i < n && s[i] == '~') {
				i = expand_tilde(w, s, n, i, how,
						 p->next == NULL);
			}
		}
	}
	xw_append(w, s + i, n - i, flag);
}

/* ---- parameters (XCU 2.6.2) ---- */

static bool is_digit(char c)
{
	return c >= '0' && c <= '9';
}

/*
 * The value of a parameter other than @ and *: special, positional or a
 * variable; NULL when unset.  num is scratch space for numbers.
 */
static const char *param_lookup(struct shell *sh, const char *name,
				char *num, size_t numsz)
{
	const char *p;
	unsigned long idx = 0;

	if (name[0] != '\0' && name[1] == '\0') {
		switch (name[0]) {
		case '#':
			snprintf(num, numsz, "%d", sh->argc);
			return num;
		case '?':
			snprintf(num, numsz, "%d", sh->status);
			return num;
		case '$':
			snprintf(num, numsz, "%ld", (long)sh->pid);
			return num;
		case '!':
			if (sh->last_bg == 0) {
				return NULL;
			}
			snprintf(num, numsz, "%ld", (long)sh->last_bg);
			return num;
		case '-':
			return sh_dollar_minus(sh);
		default:
			break;
		}
	}
	if (is_digit(name[0])) {
		for (p = name; is_digit(*p); p++) {
			if (idx < 1000000000ul) {
				idx = idx * 10 + (unsigned long)(*p - '0');
			}
		}
		if (idx == 0) {
			return sh->arg0 != NULL ? sh->arg0 : "";
		}
		if (idx <= (unsigned long)sh->argc) {
			return sh->argv[idx - 1];
		}
		return NULL;
	}
	return var_get(sh, name);
}

/* The separator of "$*": the first character of IFS, space when IFS is
 * unset, none when it is empty (XCU 2.5.2). */
static const char *params_sep(struct shell *sh, size_t *n)
{
	const char *ifs = var_get(sh, "IFS");

	if (ifs == NULL) {
		*n = 1;
		return " ";
	}
	*n = ifs[0] != '\0' ? 1 : 0;
	return ifs;
}

/* A trim applied to each positional parameter (${@#p} ...), or none. */
struct params_trim {
	const char *pat;	/* NULL: none */
	enum pattern_trim_how how;
};

/* Positional parameter i, trimmed when t says so: s[0..*n). */
static const char *param_piece(struct shell *sh, int i,
			       const struct params_trim *t, size_t *n)
{
	const char *s = sh->argv[i];
	size_t off = 0;

	*n = strlen(s);
	if (t != NULL && t->pat != NULL) {
		pattern_trim(t->pat, s, *n, t->how, &off, n);
	}
	return s + off;
}

/* Appends the positional parameters joined with the "$*" separator. */
static void params_join_into(struct xword *w, unsigned flag,
			     const struct params_trim *t)
{
	struct shell *sh = w->sh;
	size_t seplen, n;
	const char *sep = params_sep(sh, &seplen), *s;
	int i;

	for (i = 0; i < sh->argc; i++) {
		if (i > 0) {
			xw_append(w, sep, seplen, flag);
		}
		s = param_piece(sh, i, t, &n);
		xw_append(w, s, n, flag);
	}
}

/* The positional parameters joined, as an arena string. */
static char *params_join(struct shell *sh, size_t *len)
{
	struct xword w;

	xw_init(&w, sh, XM_STRING);
	params_join_into(&w, 0, NULL);
	xw_grow(&w, 0);
	w.s[w.len] = '\0';
	*len = w.len;
	return w.s;
}

/*
 * $@ and $* (XCU 2.5.2).  Where fields are made, "$@" and unquoted $@ and
 * $* give one field per parameter (unquoted ones are split further and
 * empty ones vanish); "$*" and every other context join them with the
 * first character of IFS, as dash does.  With t, each parameter is
 * trimmed first: ${@#p} ... (unspecified by POSIX; what bash, ksh, zsh
 * and yash do).
 */
static void expand_params(struct xword *w, char which, bool quoted,
			  const struct params_trim *t)
{
	struct shell *sh = w->sh;
	const char *s;
	size_t n;
	int i;

	if (w->mode != XM_FIELDS || (quoted && which == '*')) {
		params_join_into(w, quoted ? XF_QUOTED : XF_SPLIT, t);
		return;
	}
	for (i = 0; i < sh->argc; i++) {
		if (i > 0) {
			xw_zero(w, XF_BREAK);
		}
		s = param_piece(sh, i, t, &n);
		if (!quoted) {
			xw_append(w, s, n, XF_SPLIT);
		} else if (n == 0) {
			xw_zero(w, XF_MARK);
		} else {
			xw_append(w, s, n, XF_QUOTED);
		}
	}
}

/* Number of characters in s[0..n): bytes, or multibyte characters when
 * the locale has them (an invalid byte counts as one). */
static size_t char_count(const char *s, size_t n)
{
	mbstate_t st;
	size_t i = 0, count = 0, k;

	if (MB_CUR_MAX == 1) {
		return n;
	}
	memset(&st, 0, sizeof(st));
	while (i < n) {
		if ((unsigned char)s[i] < 0x80) {
			i++;
		} else {
			k = mbrlen(s + i, n - i, &st);
			if (k == (size_t)-1 || k == (size_t)-2 || k == 0) {
				memset(&st, 0, sizeof(st));
				k = 1;
			}
			i += k;
		}
		count++;
	}
	return count;
}

/* Expands word (may be NULL) to a separate string in mode: the word of
 * ${x=word}, ${x?word}, a trim pattern, an arithmetic expression. */
static char *expand_sub(struct shell *sh, const struct word *word,
			enum xmode mode, unsigned how)
{
	struct xword w;

	xw_init(&w, sh, mode);
	if (word != NULL && expand_parts(&w, word, how) < 0) {
		return NULL;
	}
	if (mode == XM_PATTERN) {
		return xw_pattern(&w, 0, w.len);
	}
	xw_grow(&w, 0);
	w.s[w.len] = '\0';
	return w.s;
}

/* The word of ${x-word} ${x+word}, expanded in place. */
static int expand_param_word(struct xword *w, const struct wpart *p,
			     bool quoted)
{
	if (p->param.arg == NULL) {
		return 0;
	}
	return expand_parts(w, p->param.arg,
			    quoted ? H_QUOTED : H_TILDE | H_ARGSPLIT);
}

/* ${x#p} ${x##p} ${x%p} ${x%%p} */
static int expand_trim(struct xword *w, const struct wpart *p, bool quoted)
{
	static const enum pattern_trim_how hows[] = {
		[PARAM_TRIM_SUFFIX] = PATTERN_SUFFIX,
		[PARAM_TRIM_SUFFIX_MAX] = PATTERN_SUFFIX_MAX,
		[PARAM_TRIM_PREFIX] = PATTERN_PREFIX,
		[PARAM_TRIM_PREFIX_MAX] = PATTERN_PREFIX_MAX,
	};
	struct shell *sh = w->sh;
	const char *name = p->param.name, *val;
	char num[32], *pat;
	size_t len, off, n;

	/* the pattern first: expanding it may assign to the parameter */
	pat = expand_sub(sh, p->param.arg, XM_PATTERN, quoted ? 0 : H_TILDE);
	if (pat == NULL) {
		return -1;
	}
	if ((name[0] == '@' || name[0] == '*') && name[1] == '\0') {
		struct params_trim t = { pat, hows[p->param.op] };

		expand_params(w, name[0], quoted, &t);
		return 0;
	} else {
		val = param_lookup(sh, name, num, sizeof(num));
		if (val == NULL) {
			if (sh->options & OPT_NOUNSET) {
				return expand_fail(sh, name,
						   "parameter not set");
			}
			val = "";
		}
		len = strlen(val);
	}
	pattern_trim(pat, val, len, hows[p->param.op], &off, &n);
	xw_append(w, val + off, n, quoted ? XF_QUOTED : XF_SPLIT);
	return 0;
}

/* ${x=word} when x is unset or null: assigns the expanded word. */
static int expand_assign(struct xword *w, const struct wpart *p, bool quoted)
{
	struct shell *sh = w->sh;
	const char *name = p->param.name;
	char *val;

	if (!var_valid_name(name)) {
		return expand_fail(sh, name, "bad variable name");
	}
	val = expand_sub(sh, p->param.arg, XM_STRING,
			 quoted ? H_QUOTED : H_TILDE);
	if (val == NULL) {
		return -1;
	}
	if (var_set(sh, name, val, 0) < 0) {
		sh_fatal(sh, 2);
		return -1;
	}
	xw_append(w, val, strlen(val), quoted ? XF_QUOTED : XF_SPLIT);
	return 0;
}

/* ${x?word} when x is unset (or null with ':'): the error. */
static int expand_param_error(struct xword *w, const struct wpart *p)
{
	struct shell *sh = w->sh;
	const char *msg;

	if (p->param.arg == NULL) {
		msg = p->param.colon ? "parameter not set or null" :
			"parameter not set";
	} else {
		msg = expand_sub(sh, p->param.arg, XM_STRING, H_TILDE);
		if (msg == NULL) {
			return -1;
		}
	}
	return expand_fail(sh, p->param.name, msg);
}

static int expand_param(struct xword *w, const struct wpart *p, bool quoted)
{
	struct shell *sh = w->sh;
	const char *name = p->param.name, *val = NULL;
	enum param_op op = p->param.op;
	bool multi = (name[0] == '@' || name[0] == '*') && name[1] == '\0';
	bool set, null;
	size_t len = 0;
	char num[32], digits[32];
	int n;

	if (op >= PARAM_TRIM_SUFFIX) {
		return expand_trim(w, p, quoted);
	}
	if (multi) {
		set = sh->argc > 0;
		if (op == PARAM_LENGTH || p->param.colon) {
			val = params_join(sh, &len);
		}
	} else {
		val = param_lookup(sh, name, num, sizeof(num));
		set = val != NULL;
		len = set ? strlen(val) : 0;
	}
	null = !set || (p->param.colon && len == 0);
	switch (op) {
	case PARAM_PLAIN:
		break;
	case PARAM_LENGTH:
		if (!set && !multi && (sh->options & OPT_NOUNSET)) {
			return expand_fail(sh, name, "parameter not set");
		}
		n = snprintf(digits, sizeof(digits), "%zu",
			     val != NULL ? char_count(val, len) : 0);
		xw_append(w, digits, (size_t)n,
			  quoted ? XF_QUOTED : XF_SPLIT);
		return 0;
	case PARAM_DEFAULT:
		if (null) {
			return expand_param_word(w, p, quoted);
		}
		break;
	case PARAM_ALT:
		return null ? 0 : expand_param_word(w, p, quoted);
	case PARAM_ASSIGN:
		if (null) {
			return expand_assign(w, p, quoted);
		}
		break;
	case PARAM_ERROR:
		if (null) {
			return expand_param_error(w, p);
		}
		break;
	default:
		break;
	}
	/* the parameter's own value */
	if (multi) {
		expand_params(w, name[0], quoted, NULL);
		return 0;
	}
	if (!set) {
		if (sh->options & OPT_NOUNSET) {
			return expand_fail(sh, name, "parameter not set");
		}
		return 0;
	}
	xw_append(w, val, len, quoted ? XF_QUOTED : XF_SPLIT);
	return 0;
}

/* ---- command substitution (XCU 2.6.3) and arithmetic (2.6.4) ---- */

static int expand_cmdsub(struct xword *w, const struct wpart *p,
			 bool quoted)
{
	struct shell *sh = w->sh;
	unsigned flag = quoted ? XF_QUOTED : XF_SPLIT;
	char *out = NULL, *z;
	size_t len = 0, k;

	/* exec_cmdsub() also takes the NULL body of $( ) */
	if (exec_cmdsub(sh, p->cmdsub.body, &out, &len) < 0) {
		if (sh->unwind == UNWIND_NONE) {
			sh_fatal(sh, 2);
		}
		return -1;
	}
	while (len > 0 && out[len - 1] == '\n') {
		len--;
	}
	/* NUL bytes can't be in a shell string: drop them */
	while (len > 0 && (z = memchr(out, '\0', len)) != NULL) {
		k = (size_t)(z - out);
		xw_append(w, out, k, flag);
		out += k + 1;
		len -= k + 1;
	}
	xw_append(w, out, len, flag);
	return 0;
}

static int expand_arith(struct xword *w, const struct wpart *p, bool quoted)
{
	struct shell *sh = w->sh;
	char *expr, num[32];
	intmax_t v;
	int n;

	expr = expand_sub(sh, p->arith.expr, XM_STRING, H_QUOTED);
	if (expr == NULL) {
		return -1;
	}
	if (arith_eval(sh, expr, &v) < 0) {
		sh_fatal(sh, 2);
		return -1;
	}
	n = snprintf(num, sizeof(num), "%jd", v);
	xw_append(w, num, (size_t)n, quoted ? XF_QUOTED : XF_SPLIT);
	return 0;
}

/* Expands every part of word into w. */
static int expand_parts(struct xword *w, const struct word *word,
			unsigned how)
{
	const struct wpart *p;
	size_t before;
	bool quoted;
	int r = 0;

	for (p = word->parts; p != NULL && r == 0; p = p->next) {
		if (p->type == WP_LIT) {
			expand_lit(w, p, how, p == word->parts);
			continue;
		}
		quoted = p->quoted || (how & H_QUOTED);
		before = w->len;
		switch (p->type) {
		case WP_PARAM:
			r = expand_param(w, p, quoted);
			/* "$@" with no parameters is the one quoted expansion
			 * that may make no field */
			if (p->param.op == PARAM_PLAIN &&
			    strcmp(p->param.name, "@") == 0) {
				continue;
			}
			break;
		case WP_CMDSUB:
			r = expand_cmdsub(w, p, quoted);
			break;
		case WP_ARITH:
			r = expand_arith(w, p, quoted);
			break;
		default:
			break;
		}
		if (r == 0 && quoted && w->len == before) {
			xw_zero(w, XF_MARK);
		}
	}
	return r;
}

/* ---- field splitting (XCU 2.6.5) and pathname expansion (2.6.6) ---- */

/* Adds the field s[a..b) to out, through pathname expansion. */
static void field_add(struct xword *w, size_t a, size_t b,
		      struct strvec *out)
{
	bool magic = false;
	size_t i;
	char c;

	if (!(w->sh->options & OPT_NOGLOB)) {
		for (i = a; i < b && !magic; i++) {
			c = w->s[i];
			magic = (c == '*' || c == '?' || c == '[') &&
				!(w->f[i] & (XF_QUOTED | XF_MARK | XF_BREAK));
		}
	}
	if (magic) {
		char *pat = xw_pattern(w, a, b);

		if (pattern_has_magic(pat) && pattern_glob(pat, out) > 0) {
			return;
		}
	}
	strvec_push(out, xw_plain(w, a, b));
}

/*
 * Splits w into fields.  IFS white space (space, tab, newline in IFS)
 * around a delimiter is part of it and ignored at the ends; each other
 * IFS character delimits one field, so "a::b" gives a, "", b, while a
 * trailing delimiter makes no empty last field.
 */
static void field_split(struct xword *w, struct strvec *out)
{
	unsigned char cls[256];
	const char *ifs;
	size_t p, start = 0;
	bool white;
	unsigned char c;

	if (!w->split && w->nzero == 0) {
		if (w->len > 0) {
			field_add(w, 0, w->len, out);
		}
		return;
	}
	/* 0: not in IFS, 1: IFS, 2: IFS white space */
	memset(cls, 0, sizeof(cls));
	for (ifs = var_ifs(w->sh); *ifs != '\0'; ifs++) {
		c = (unsigned char)*ifs;
		cls[c] = (c == ' ' || c == '\t' || c == '\n') ? 2 : 1;
	}
	p = 0;
	while (p < w->len) {
		if (w->f[p] & XF_BREAK) {
			if (p > start) {
				field_add(w, start, p, out);
			}
			start = ++p;
			continue;
		}
		c = (unsigned char)w->s[p];
		if (!(w->f[p] & XF_SPLIT) || cls[c] == 0) {
			p++;
			continue;
		}
		white = cls[c] == 2;
		if (p == start && white) {
			start = ++p;
			continue;
		}
		field_add(w, start, p, out);
		p++;
		/* the rest of the delimiter: white space and at most one
		 * other IFS character when it began with white space */
		while (p < w->len && (w->f[p] & XF_SPLIT) &&
		       cls[(unsigned char)w->s[p]] != 0) {
			if (cls[(unsigned char)w->s[p]] == 1) {
				if (!white) {
					break;
				}
				white = false;
			}
			p++;
		}
		start = p;
	}
	if (p > start) {
		field_add(w, start, p, out);
	}
}

/* Is this literal one field as it stands (nothing to expand, split or
 * glob)? */
static bool lit_is_plain(struct shell *sh, const struct wpart *p)
{
	if (p->quoted) {
		return true;
	}
	if (p->lit.len > 0 && p->lit.text[0] == '~') {
		return false;
	}
	return (sh->options & OPT_NOGLOB) ||
		strpbrk(p->lit.text, "*?[") == NULL;
}

int expand_words(struct shell *sh, struct word **words, size_t n,
		 struct strvec *out)
{
	const struct wpart *p;
	struct xword w;
	size_t i;

	for (i = 0; i < n; i++) {
		p = words[i]->parts;
		if (p == NULL) {
			continue;
		}
		if (p->next == NULL && p->type == WP_LIT &&
		    lit_is_plain(sh, p)) {
			strvec_push(out, arena_strndup(p->lit.text,
						       p->lit.len));
			continue;
		}
		xw_init(&w, sh, XM_FIELDS);
		if (expand_parts(&w, words[i], H_TILDE) < 0) {
			return -1;
		}
		field_split(&w, out);
	}
	if (out->v == NULL) {
		out->cap = 4;
		out->v = arena_alloc(out->cap * sizeof(*out->v));
		out->v[0] = NULL;
	}
	return 0;
}

char *expand_string(struct shell *sh, struct word *w, int flags)
{
	const struct wpart *p = w->parts;
	unsigned how = H_TILDE;

	if (flags & EXPAND_HEREDOC) {
		how = 0;
	} else if (flags & EXPAND_ASSIGN) {
		how |= H_ASSIGN;
	}
	if (flags & EXPAND_DECL) {
		how |= H_ASSIGN | H_DECL;
	}
	if (p == NULL) {
		return arena_strdup("");
	}
	if (p->next == NULL && p->type == WP_LIT &&
	    (p->quoted || (memchr(p->lit.text, '~', p->lit.len) == NULL))) {
		return arena_strndup(p->lit.text, p->lit.len);
	}
	return expand_sub(sh, w, XM_STRING, how);
}

char *expand_pattern(struct shell *sh, struct word *w)
{
	return expand_sub(sh, w, XM_PATTERN, H_TILDE);
}

/* ---- prompts ---- */

/* The here-document body word of the command "<<DELIM ...". */
static struct word *heredoc_body(struct node *n)
{
	struct redir *r;

	while (n != NULL) {
		if (n->type == NODE_LIST && n->list.nitems == 1) {
			n = n->list.items[0].node;
		} else if (n->type == NODE_PIPELINE && n->pipeline.ncmds == 1) {
			n = n->pipeline.cmds[0];
		} else {
			break;
		}
	}
	if (n == NULL || n->type != NODE_SIMPLE) {
		return NULL;
	}
	for (r = n->redirs; r != NULL; r = r->next) {
		if (r->type == REDIR_HEREDOC) {
			return r->target;
		}
	}
	return NULL;
}

/*
 * PS1 and friends undergo parameter, command and arithmetic expansion.
 * Rather than a second scanner for $ ` and \, the prompt is handed to the
 * parser as the body of a here-document, "<<EOF\nPS\nEOF\n" (a command
 * with no command word, so no alias can interfere), whose body has just
 * the quoting rules wanted; the body word is then expanded like any other
 * here-document and its final newline dropped.  A prompt that doesn't
 * parse is shown as it is.
 */
char *expand_prompt(struct shell *sh, const char *ps)
{
	static const char delim[] = "__HERSH_PROMPT_EOF__";
	unsigned options = sh->options;
	int status = sh->status, count = sh->unwind_count;
	enum shell_unwind unwind = sh->unwind;
	struct pool *pool = NULL;
	struct node *n = NULL;
	struct parser *parser;
	struct input *in;
	struct word *body;
	char *text, *res = NULL;
	size_t len;

	if (strpbrk(ps, "$`\\") == NULL) {
		return arena_strdup(ps);
	}
	text = arena_printf("<<%s\n%s\n%s\n", delim, ps, delim);
	in = input_new_string(text, strlen(text));
	parser = parser_new(sh, in);
	/* no echo of the text (-v), and no trace of a command substitution
	 * in PS4 (-x), which would expand PS4 again */
	sh->options &= ~(unsigned)(OPT_VERBOSE | OPT_NOEXEC | OPT_XTRACE);
	if (parser_next(parser, &n, &pool) == PARSE_OK) {
		body = heredoc_body(n);
		if (body != NULL) {
			res = expand_string(sh, body, EXPAND_HEREDOC);
		}
		pool_unref(pool);
	}
	parser_free(parser);
	input_free(in);
	sh->options = options;
	/* a bad prompt must not end the shell or change $? */
	sh->status = status;
	sh->unwind = unwind;
	sh->unwind_count = count;
	if (res == NULL) {
		return arena_strdup(ps);
	}
	len = strlen(res);
	if (len > 0 && res[len - 1] == '\n') {
		res[len - 1] = '\0';
	}
	return res;
}
