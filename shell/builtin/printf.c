/*
 * printf.c - printf FORMAT [ARGUMENT...] (XCU printf), behaving like dash.
 *
 * The format is reused while arguments remain and at least one was
 * consumed; missing arguments count as "" or 0.  Numeric arguments take
 * strtoimax/strtoumax syntax (sign, 0x, leading 0 for octal) or 'c / "c for
 * the value of the character c.  A bad number is reported and printing goes
 * on with status 1; an invalid directive ends the command with status 2.
 * Integer conversions use intmax_t, floating ones double.
 */
#include <errno.h>
#include <inttypes.h>
#include <limits.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "builtin.h"
#include "output.h"
#include "shell.h"

/* width and precision are clamped to this so a hostile "%*d" can't ask
 * for gigabytes of padding */
#define PRINTF_MAX_WIDTH (1 << 20)

struct printf_state {
	struct shell *sh;
	char **args;	/* next argument; NULL-terminated */
	int status;	/* 0, or 1 after a conversion warning */
};

/* what printf_escape() found */
struct printf_esc {
	int len;	/* bytes of input consumed after the backslash */
	int ch;		/* the byte to write, or -1 to write "\" only */
};

static bool is_odigit(char c)
{
	return c >= '0' && c <= '7';
}

/*
 * Decodes the escape after a backslash at s.  Octal takes up to three
 * digits; an unknown escape leaves the backslash alone and consumes
 * nothing, so the character after it is handled normally.
 */
static struct printf_esc printf_escape(const char *s)
{
	struct printf_esc e = { 1, 0 };
	int n;

	switch (*s) {
	case '\\':
		e.ch = '\\';
		break;
	case 'a':
		e.ch = '\a';
		break;
	case 'b':
		e.ch = '\b';
		break;
	case 'e':
		e.ch = '\033';
		break;
	case 'f':
		e.ch = '\f';
		break;
	case 'n':
		e.ch = '\n';
		break;
	case 'r':
		e.ch = '\r';
		break;
	case 't':
		e.ch = '\t';
		break;
	case 'v':
		e.ch = '\v';
		break;
	default:
		if (!is_odigit(*s)) {
			e.len = 0;
			e.ch = '\\';
			break;
		}
		for (n = 0; n < 3 && is_odigit(s[n]); n++) {
			e.ch = e.ch * 8 + (s[n] - '0');
		}
		e.len = n;
		e.ch &= 0xff;
		break;
	}
	return e;
}

/*
 * Converts the %b argument s (echo-style escapes, where octal is \0nnn)
 * into a malloc'd string with its length in *len.  Returns true when \c
 * was seen: the string ends there and all output stops.
 */
static bool printf_convert_b(const char *s, char **out, size_t *len)
{
	struct printf_esc e;
	char *d;
	size_t n = 0;

	d = malloc(strlen(s) + 1);
	if (d == NULL) {
		*out = NULL;
		*len = 0;
		return true;
	}
	*out = d;
	while (*s != '\0') {
		if (*s != '\\') {
			d[n++] = *s++;
			continue;
		}
		s++;
		if (*s == 'c') {
			*len = n;
			return true;
		}
		if (*s == '0' && is_odigit(s[1])) {
			s++;
		}
		e = printf_escape(s);
		s += e.len;
		d[n++] = (char)e.ch;
	}
	*len = n;
	return false;
}

static void printf_pad(int n)
{
	static const char spaces[] = "                                ";

	while (n > 0) {
		int k = n < (int)sizeof(spaces) - 1 ? n : (int)sizeof(spaces) - 1;

		out_write(spaces, (size_t)k);
		n -= k;
	}
}

/*
 * Writes len bytes of p as a %s-like field: precision prec (< 0: none)
 * cuts it, width pads it with spaces, on the left unless left is set.
 */
static void printf_field(const char *p, size_t len, int width, int prec,
			 bool left)
{
	if (prec >= 0 && (size_t)prec < len) {
		len = (size_t)prec;
	}
	if (!left && width > 0 && (size_t)width > len) {
		printf_pad(width - (int)len);
	}
	out_write(p, len);
	if (left && width > 0 && (size_t)width > len) {
		printf_pad(width - (int)len);
	}
}

static void printf_check(struct printf_state *st, const char *s,
			 const char *end)
{
	if (*end != '\0') {
		if (end == s) {
			sh_error(st->sh, "printf: %s: expected numeric value",
				 s);
		} else {
			sh_error(st->sh, "printf: %s: not completely converted",
				 s);
		}
		st->status = 1;
	} else if (errno == ERANGE) {
		sh_error(st->sh, "printf: %s: %s", s, strerror(ERANGE));
		st->status = 1;
	}
}

static const char *printf_next_str(struct printf_state *st)
{
	if (*st->args == NULL) {
		return "";
	}
	return *st->args++;
}

/* The next argument as a number; signed selects strtoimax. */
static uintmax_t printf_next_num(struct printf_state *st, bool is_signed)
{
	const char *s = *st->args;
	char *end;
	uintmax_t v;

	if (s == NULL) {
		return 0;
	}
	st->args++;
	if (s[0] == '"' || s[0] == '\'') {
		return (unsigned char)s[1];
	}
	errno = 0;
	if (is_signed) {
		v = (uintmax_t)strtoimax(s, &end, 0);
	} else {
		v = strtoumax(s, &end, 0);
	}
	printf_check(st, s, end);
	return v;
}

static double printf_next_double(struct printf_state *st)
{
	const char *s = *st->args;
	char *end;
	double v;

	if (s == NULL) {
		return 0;
	}
	st->args++;
	if (s[0] == '"' || s[0] == '\'') {
		return (unsigned char)s[1];
	}
	errno = 0;
	v = strtod(s, &end);
	printf_check(st, s, end);
	return v;
}

static int printf_clamp(intmax_t v)
{
	if (v > PRINTF_MAX_WIDTH) {
		return PRINTF_MAX_WIDTH;
	}
	if (v < -PRINTF_MAX_WIDTH) {
		return -PRINTF_MAX_WIDTH;
	}
	return (int)v;
}

/* Reads decimal digits at *p (clamped) and moves *p past them. */
static int printf_digits(const char **p)
{
	intmax_t v = 0;

	while (**p >= '0' && **p <= '9') {
		if (v <= PRINTF_MAX_WIDTH) {
			v = v * 10 + (**p - '0');
		}
		(*p)++;
	}
	return printf_clamp(v);
}

/* the formats below are built from the user's format, checked by hand */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"

/* Formats with snprintf (fmt has "*.*" for width and precision) and writes
 * the result; long results go through a heap buffer. */
static void printf_emit(const char *fmt, int width, int prec, ...)
{
	char small[256];
	char *big;
	va_list ap;
	int n;

	va_start(ap, prec);
	n = vsnprintf(small, sizeof(small), fmt, ap);
	va_end(ap);
	if (n < 0) {
		return;
	}
	if ((size_t)n < sizeof(small)) {
		out_write(small, (size_t)n);
		return;
	}
	big = malloc((size_t)n + 1);
	if (big == NULL) {
		return;
	}
	va_start(ap, prec);
	n = vsnprintf(big, (size_t)n + 1, fmt, ap);
	va_end(ap);
	if (n > 0) {
		out_write(big, (size_t)n);
	}
	free(big);
}

static void printf_int(const char *flags, size_t nflags, char conv,
		       int width, int prec, uintmax_t v)
{
	char fmt[32];

	snprintf(fmt, sizeof(fmt), "%%%.*s*.*j%c", (int)nflags, flags, conv);
	if (conv == 'd' || conv == 'i') {
		printf_emit(fmt, width, prec, width, prec, (intmax_t)v);
	} else {
		printf_emit(fmt, width, prec, width, prec, v);
	}
}

static void printf_float(const char *flags, size_t nflags, char conv,
			 int width, int prec, double v)
{
	char fmt[32];

	snprintf(fmt, sizeof(fmt), "%%%.*s*.*%c", (int)nflags, flags, conv);
	printf_emit(fmt, width, prec, width, prec, v);
}
#pragma GCC diagnostic pop

/*
 * Handles one conversion specification; *pp points just after the '%'
 * and is moved past it.  Returns 0, 1 when \c in a %b argument stops all
 * output, or -1 after an error that ends the command.
 */
static int printf_conversion(struct printf_state *st, const char **pp)
{
	const char *start = *pp - 1;
	const char *p = *pp;
	const char *flags;
	size_t nflags;
	int width = 0, prec = -1;
	bool left;
	char conv, c;
	char *b;
	size_t blen;
	bool stop;

	flags = p;
	p += strspn(p, "#-+ 0");
	nflags = (size_t)(p - flags);
	if (nflags > 8) {
		/* repeated flags mean nothing more */
		nflags = 8;
	}
	if (*p == '*') {
		p++;
		width = printf_clamp((intmax_t)printf_next_num(st, true));
	} else {
		width = printf_digits(&p);
	}
	if (*p == '.') {
		p++;
		if (*p == '*') {
			p++;
			prec = printf_clamp((intmax_t)printf_next_num(st,
								      true));
		} else {
			prec = printf_digits(&p);
		}
	}
	conv = *p;
	if (conv == '\0') {
		sh_error(st->sh, "printf: missing format character");
		return -1;
	}
	p++;
	*pp = p;
	left = memchr(flags, '-', nflags) != NULL || width < 0;
	switch (conv) {
	case 'b':
		stop = printf_convert_b(printf_next_str(st), &b, &blen);
		printf_field(b, blen, width < 0 ? -width : width, prec, left);
		free(b);
		return stop ? 1 : 0;
	case 'c':
		c = *printf_next_str(st);
		printf_field(&c, 1, width < 0 ? -width : width, -1, left);
		return 0;
	case 's':
		b = (char *)printf_next_str(st);
		printf_field(b, strlen(b), width < 0 ? -width : width, prec,
			     left);
		return 0;
	case 'd':
	case 'i':
		printf_int(flags, nflags, conv, width, prec,
			   printf_next_num(st, true));
		return 0;
	case 'o':
	case 'u':
	case 'x':
	case 'X':
		printf_int(flags, nflags, conv, width, prec,
			   printf_next_num(st, false));
		return 0;
	case 'a':
	case 'A':
	case 'e':
	case 'E':
	case 'f':
	case 'F':
	case 'g':
	case 'G':
		printf_float(flags, nflags, conv, width, prec,
			     printf_next_double(st));
		return 0;
	default:
		sh_error(st->sh, "printf: %.*s: invalid directive",
			 (int)(p - start), start);
		return -1;
	}
}

/*
 * One pass over the format.  Returns 0, 1 when output was stopped by \c,
 * or -1 on a fatal format error.
 */
static int printf_once(struct printf_state *st, const char *fmt)
{
	const char *p = fmt;
	const char *run = fmt;
	struct printf_esc e;
	char ch;
	int r;

	while (*p != '\0') {
		if (*p != '\\' && *p != '%') {
			p++;
			continue;
		}
		out_write(run, (size_t)(p - run));
		if (*p == '\\') {
			e = printf_escape(p + 1);
			ch = (char)e.ch;
			out_write(&ch, 1);
			p += 1 + e.len;
		} else if (p[1] == '%') {
			out_putc('%');
			p += 2;
		} else {
			p++;
			r = printf_conversion(st, &p);
			if (r != 0) {
				return r;
			}
		}
		run = p;
	}
	out_write(run, (size_t)(p - run));
	return 0;
}

int builtin_printf(struct shell *sh, int argc, char **argv)
{
	struct builtin_getopt g = BUILTIN_GETOPT_INIT;
	struct printf_state st;
	char **first;
	int r;

	if (builtin_getopt(sh, &g, argc, argv, "") != -1) {
		return 2;
	}
	if (g.ind >= argc) {
		sh_error(sh, "printf: usage: printf format [arg ...]");
		return 2;
	}
	st.sh = sh;
	st.status = 0;
	first = &argv[g.ind + 1];
	st.args = first;
	do {
		r = printf_once(&st, argv[g.ind]);
		if (r < 0) {
			return 2;
		}
		if (r > 0) {
			break;
		}
	} while (st.args != first && *st.args != NULL);
	return st.status;
}
