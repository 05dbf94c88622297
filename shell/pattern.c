/*
 * pattern.c - shell patterns (XCU 2.13): matching, pathname expansion and
 * the prefix/suffix trims of parameter expansion.
 *
 * Matching is fnmatch(3) and pathname expansion glob(3): both follow
 * XCU 2.13 (bracket expressions with '!' and classes, a leading '.' and
 * '/' matched only explicitly by glob).  What this file adds is speed for
 * the common cases: patterns without magic characters are compared
 * directly, and the trims recognise "literal", "*literal" and "literal*"
 * patterns (${x%.*}, ${x#"$p"}, a basename) and search with memmem
 * instead of trying every cut point.  Other trims try the cut points in
 * order but skip those whose first or last byte cannot match the
 * pattern's first or last literal character.  Most patterns are matched
 * by a small byte matcher of our own (simple_match), because glibc's
 * fnmatch converts both strings to wide characters on every call in a
 * UTF-8 locale; fnmatch remains for multibyte text and for the rare
 * bracket expressions ([.x.] [=x=], non-ASCII) the matcher leaves out.
 */
#include <ctype.h>
#include <fnmatch.h>
#include <glob.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "arena.h"
#include "expand.h"
#include "pattern.h"

enum pat_elem {
	PE_END,
	PE_LIT,		/* one literal byte (maybe escaped) */
	PE_STAR,
	PE_QUEST,
	PE_BRACKET,	/* a complete bracket expression */
};

/*
 * For "[:", "[." or "[=" at q inside a bracket expression: the end of the
 * class, symbol or equivalence class (after ":]" ...), or NULL when it is
 * not terminated (then '[' is an ordinary character there, as in dash).
 */
static const char *class_end(const char *q)
{
	char delim = q[1];

	for (q += 2; *q != '\0'; q++) {
		if (*q == delim && q[1] == ']') {
			return q + 2;
		}
	}
	return NULL;
}

/*
 * Length of the bracket expression starting at p ('['), or 0 when it is
 * not closed (then '[' is an ordinary character, as fnmatch has it).
 */
static size_t bracket_len(const char *p)
{
	const char *q = p + 1, *e;

	if (*q == '!' || *q == '^') {
		q++;
	}
	if (*q == ']') {
		q++;
	}
	while (*q != '\0' && *q != ']') {
		if (*q == '\\' && q[1] != '\0') {
			q += 2;
		} else if (*q == '[' && (q[1] == ':' || q[1] == '.' ||
					 q[1] == '=') &&
			   (e = class_end(q)) != NULL) {
			q = e;
		} else {
			q++;
		}
	}
	return *q == ']' ? (size_t)(q - p) + 1 : 0;
}

/* The element at *pp; advances *pp past it.  *lit is the byte of PE_LIT. */
static enum pat_elem pat_next(const char **pp, unsigned char *lit)
{
	const char *p = *pp;
	size_t n;

	switch (*p) {
	case '\0':
		return PE_END;
	case '*':
		*pp = p + 1;
		return PE_STAR;
	case '?':
		*pp = p + 1;
		return PE_QUEST;
	case '[':
		n = bracket_len(p);
		if (n > 0) {
			*pp = p + n;
			return PE_BRACKET;
		}
		break;
	case '\\':
		if (p[1] != '\0') {
			p++;
		}
		break;
	default:
		break;
	}
	*lit = (unsigned char)*p;
	*pp = p + 1;
	return PE_LIT;
}

bool pattern_has_magic(const char *s)
{
	unsigned char c;
	enum pat_elem e;

	while ((e = pat_next(&s, &c)) != PE_END) {
		if (e != PE_LIT) {
			return true;
		}
	}
	return false;
}

/* Copies the literal characters of p without their escapes to the arena
 * (magic elements are left out). */
static char *pat_unescape(const char *p, size_t *len)
{
	char *out = arena_alloc(strlen(p) + 1), *q = out;
	unsigned char c;
	enum pat_elem e;

	while ((e = pat_next(&p, &c)) != PE_END) {
		if (e == PE_LIT) {
			*q++ = (char)c;
		}
	}
	*q = '\0';
	*len = (size_t)(q - out);
	return out;
}

/* Does s hold a byte that may start a multibyte character? */
static bool has_high_bytes(const char *s, size_t n)
{
	size_t i;

	if (MB_CUR_MAX == 1) {
		return false;
	}
	for (i = 0; i < n; i++) {
		if ((unsigned char)s[i] >= 0x80) {
			return true;
		}
	}
	return false;
}

/* The <ctype.h> test for a class name of [:name:], or NULL. */
static int (*class_fn(const char *name, size_t n))(int)
{
	static const struct {
		const char *name;
		int (*fn)(int);
	} classes[] = {
		{ "alnum", isalnum },
		{ "alpha", isalpha },
		{ "blank", isblank },
		{ "cntrl", iscntrl },
		{ "digit", isdigit },
		{ "graph", isgraph },
		{ "lower", islower },
		{ "print", isprint },
		{ "punct", ispunct },
		{ "space", isspace },
		{ "upper", isupper },
		{ "xdigit", isxdigit },
	};
	size_t i;

	for (i = 0; i < sizeof(classes) / sizeof(classes[0]); i++) {
		if (strlen(classes[i].name) == n &&
		    memcmp(classes[i].name, name, n) == 0) {
			return classes[i].fn;
		}
	}
	return NULL;
}

/*
 * Can bracket_match() decide the bracket expression p[0..n)?  Not when it
 * has bytes outside ASCII, collating symbols, equivalence classes or an
 * unknown class: fnmatch(3) handles those.
 */
static bool bracket_simple(const char *p, size_t n)
{
	const char *end = p + n - 1, *q;

	for (p++; p < end; p++) {
		if ((unsigned char)*p >= 0x80) {
			return false;
		}
		if (*p == '\\') {
			p++;
			continue;
		}
		if (*p != '[' || (p[1] != ':' && p[1] != '.' && p[1] != '=') ||
		    (q = class_end(p)) == NULL) {
			continue;
		}
		if (p[1] != ':' ||
		    class_fn(p + 2, (size_t)(q - p - 4)) == NULL) {
			return false;
		}
		p = q - 1;
	}
	return true;
}

/* One character of a bracket expression at *pp (escapes removed). */
static unsigned char bracket_char(const char **pp, const char *end)
{
	const char *p = *pp;

	if (*p == '\\' && p + 1 < end) {
		p++;
	}
	*pp = p + 1;
	return (unsigned char)*p;
}

/* Does c match the bracket expression p[0..n) (see bracket_simple)?
 * Ranges compare bytes, as dash does. */
static bool bracket_match(const char *p, size_t n, unsigned char c)
{
	const char *end = p + n - 1, *q;
	bool neg = false, found = false;
	unsigned char lo, hi;

	p++;
	if (*p == '!' || *p == '^') {
		neg = true;
		p++;
	}
	while (p < end && !found) {
		if (*p == '[' && p[1] == ':' && (q = class_end(p)) != NULL) {
			found = class_fn(p + 2, (size_t)(q - p - 4))(c) != 0;
			p = q;
			continue;
		}
		lo = bracket_char(&p, end);
		if (*p == '-' && p + 1 < end) {
			p++;
			hi = bracket_char(&p, end);
			found = lo <= c && c <= hi;
		} else {
			found = c == lo;
		}
	}
	return found != neg;
}

/*
 * Can simple_match() handle pat?  Not when the text has multibyte
 * characters (mb) and pat has '?' or a bracket expression, nor for the
 * brackets bracket_simple() turns down.
 */
static bool pat_simple(const char *pat, bool mb)
{
	const char *start;
	unsigned char c;
	enum pat_elem e;

	for (;;) {
		start = pat;
		e = pat_next(&pat, &c);
		if (e == PE_END) {
			return true;
		}
		if ((e == PE_QUEST || e == PE_BRACKET) && mb) {
			return false;
		}
		if (e == PE_BRACKET &&
		    !bracket_simple(start, (size_t)(pat - start))) {
			return false;
		}
	}
}

/*
 * Matches s[0..e-s) against pat (see pat_simple) one byte at a time,
 * without the locale machinery of fnmatch: on a mismatch the last '*'
 * takes one more character and matching resumes after it.
 */
static bool simple_match(const char *p, const char *s, const char *e)
{
	const char *star_p = NULL, *star_s = NULL;
	size_t plen;
	char c;

	for (;;) {
		if (*p == '*') {
			while (*p == '*') {
				p++;
			}
			if (*p == '\0') {
				return true;
			}
			star_p = p;
			star_s = s;
			continue;
		}
		if (*p == '\0') {
			if (s == e) {
				return true;
			}
		} else if (*p == '?') {
			if (s < e) {
				p++;
				s++;
				continue;
			}
		} else if (*p == '[' && (plen = bracket_len(p)) > 0) {
			if (s < e && bracket_match(p, plen,
						   (unsigned char)*s)) {
				p += plen;
				s++;
				continue;
			}
		} else {
			c = *p;
			plen = 1;
			if (c == '\\' && p[1] != '\0') {
				c = p[1];
				plen = 2;
			}
			if (s < e && *s == c) {
				p += plen;
				s++;
				continue;
			}
		}
		if (star_p == NULL || star_s == e) {
			return false;
		}
		p = star_p;
		s = ++star_s;
	}
}

bool pattern_match(const char *pattern, const char *s)
{
	size_t n = strlen(s);

	if (pat_simple(pattern, has_high_bytes(s, n))) {
		return simple_match(pattern, s, s + n);
	}
	return fnmatch(pattern, s, 0) == 0;
}

size_t pattern_glob(const char *pat, struct strvec *out)
{
	glob_t g;
	size_t i, n = 0;

	memset(&g, 0, sizeof(g));
	if (glob(pat, 0, NULL, &g) == 0) {
		for (i = 0; i < g.gl_pathc; i++) {
			strvec_push(out, arena_strdup(g.gl_pathv[i]));
		}
		n = g.gl_pathc;
	}
	globfree(&g);
	return n;
}

/*
 * The shape of a trim pattern: 'L' literal, 'S' "*literal", 'E'
 * "literal*", 0 anything else.  *lit, *litlen: the literal, unescaped.
 */
static int trim_shape(const char *pat, char **lit, size_t *litlen)
{
	const char *p = pat;
	unsigned char c;
	enum pat_elem e;
	int stars = 0, shape;
	bool star_first = false, star_last = false, first = true;

	while ((e = pat_next(&p, &c)) != PE_END) {
		if (e == PE_QUEST || e == PE_BRACKET) {
			return 0;
		}
		if (e == PE_STAR) {
			stars++;
			star_first = first;
			star_last = *p == '\0';
		}
		first = false;
	}
	if (stars == 0) {
		shape = 'L';
	} else if (stars == 1 && star_first) {
		shape = 'S';
	} else if (stars == 1 && star_last) {
		shape = 'E';
	} else {
		return 0;
	}
	*lit = pat_unescape(pat, litlen);
	return shape;
}

/* Last occurrence of l[0..ln) in s[0..n), or NULL. */
static const char *last_occurrence(const char *s, size_t n, const char *l,
				   size_t ln)
{
	const char *p;

	if (ln > n) {
		return NULL;
	}
	for (p = s + (n - ln);; p--) {
		if (memcmp(p, l, ln) == 0) {
			return p;
		}
		if (p == s) {
			return NULL;
		}
	}
}

/*
 * The fast trims.  Returns false when the shape has no fast path.  *cut is
 * the number of bytes removed, or (size_t)-1 when nothing matches.
 */
static bool trim_fast(int shape, const char *l, size_t ln, const char *s,
		      size_t len, enum pattern_trim_how how, size_t *cut)
{
	const char *hit = NULL;
	bool prefix = how == PATTERN_PREFIX || how == PATTERN_PREFIX_MAX;
	bool longest = how == PATTERN_PREFIX_MAX || how == PATTERN_SUFFIX_MAX;
	bool starts = ln <= len && memcmp(s, l, ln) == 0;
	bool ends = ln <= len && memcmp(s + len - ln, l, ln) == 0;

	*cut = (size_t)-1;
	if (shape == 'L') {
		if (prefix ? starts : ends) {
			*cut = ln;
		}
		return true;
	}
	if ((shape == 'S') == prefix) {
		/* "*L" as a prefix or "L*" as a suffix: search */
		if (ln == 0) {
			*cut = longest ? len : 0;
			return true;
		}
		if (prefix == longest) {
			hit = last_occurrence(s, len, l, ln);
		} else {
			hit = memmem(s, len, l, ln);
		}
		if (hit != NULL) {
			*cut = prefix ? (size_t)(hit - s) + ln :
				len - (size_t)(hit - s);
		}
		return true;
	}
	/* "*L" as a suffix or "L*" as a prefix: anchored at the far end */
	if (prefix ? starts : ends) {
		*cut = longest ? len : ln;
	}
	return true;
}

/* First and last literal bytes of pat, -1 where the element is magic. */
static void pat_ends(const char *pat, int *first, int *last)
{
	unsigned char c;
	enum pat_elem e;
	bool at_start = true;

	*first = -1;
	*last = -1;
	while ((e = pat_next(&pat, &c)) != PE_END) {
		*last = e == PE_LIT ? c : -1;
		if (at_start) {
			*first = *last;
			at_start = false;
		}
	}
}

/* A map of the character boundaries of s (NULL: every byte is one). */
static unsigned char *char_bounds(const char *s, size_t len)
{
	unsigned char *b;
	mbstate_t st;
	size_t i = 0, k;

	if (MB_CUR_MAX == 1) {
		return NULL;
	}
	for (i = 0; i < len && (unsigned char)s[i] < 0x80; i++) {
	}
	if (i == len) {
		return NULL;
	}
	b = arena_alloc(len + 1);
	memset(b, 1, len + 1);
	memset(&st, 0, sizeof(st));
	while (i < len) {
		k = mbrlen(s + i, len - i, &st);
		if (k == (size_t)-1 || k == (size_t)-2 || k == 0) {
			memset(&st, 0, sizeof(st));
			k = 1;
		}
		if (k > 1) {
			memset(b + i + 1, 0, k - 1);
		}
		i += k;
	}
	return b;
}

/* The slow trims: fnmatch on every candidate that can match. */
static size_t trim_slow(const char *pat, const char *s, size_t len,
			enum pattern_trim_how how)
{
	bool prefix = how == PATTERN_PREFIX || how == PATTERN_PREFIX_MAX;
	bool up = how == PATTERN_PREFIX || how == PATTERN_SUFFIX_MAX;
	unsigned char *bounds = char_bounds(s, len);
	bool simple = pat_simple(pat, bounds != NULL);
	char *copy = NULL;
	size_t k, i;
	int first, last, r;
	char save;

	pat_ends(pat, &first, &last);
	if (prefix) {
		if (first >= 0 && (len == 0 || (unsigned char)s[0] != first)) {
			return (size_t)-1;
		}
		if (!simple) {
			copy = arena_strndup(s, len);
		}
	} else if (last >= 0 && (len == 0 ||
				 (unsigned char)s[len - 1] != last)) {
		return (size_t)-1;
	}
	for (i = 0; i <= len; i++) {
		/* k: the cut point, i.e. the prefix length or suffix start */
		k = up ? i : len - i;
		if (bounds != NULL && !bounds[k]) {
			continue;
		}
		if (prefix) {
			if (last >= 0 && (k == 0 ||
					  (unsigned char)s[k - 1] != last)) {
				continue;
			}
			if (simple) {
				if (simple_match(pat, s, s + k)) {
					return k;
				}
				continue;
			}
			save = copy[k];
			copy[k] = '\0';
			r = fnmatch(pat, copy, 0);
			copy[k] = save;
			if (r == 0) {
				return k;
			}
		} else {
			if (first >= 0 && (k == len ||
					   (unsigned char)s[k] != first)) {
				continue;
			}
			if (simple ? simple_match(pat, s + k, s + len) :
			    fnmatch(pat, s + k, 0) == 0) {
				return len - k;
			}
		}
	}
	return (size_t)-1;
}

void pattern_trim(const char *pat, const char *s, size_t len,
		  enum pattern_trim_how how, size_t *off, size_t *n)
{
	bool prefix = how == PATTERN_PREFIX || how == PATTERN_PREFIX_MAX;
	char *lit;
	size_t litlen, cut;
	int shape = trim_shape(pat, &lit, &litlen);

	if (shape == 0 || !trim_fast(shape, lit, litlen, s, len, how, &cut)) {
		cut = trim_slow(pat, s, len, how);
	}
	if (cut == (size_t)-1) {
		cut = 0;
	}
	*off = prefix ? cut : 0;
	*n = len - cut;
}
