/*
 * prompt.c - prompt strings: bash-style escapes, then POSIX expansion.
 */
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <hersh/buf.h>

#include "arena.h"
#include "expand.h"
#include "prompt.h"
#include "shell.h"
#include "var.h"

/* Appends s so that the later expansion pass leaves it as it is. */
static void put_literal(struct buf *b, const char *s)
{
	for (; *s; s++) {
		if (*s == '$' || *s == '`' || *s == '\\') {
			buf_putc(b, '\\');
		}
		buf_putc(b, *s);
	}
}

static void put_user(struct buf *b)
{
	struct passwd *pw = getpwuid(geteuid());
	const char *u = pw ? pw->pw_name : getenv("USER");

	put_literal(b, u ? u : "?");
}

static void put_host(struct buf *b, bool full)
{
	char host[256];
	char *dot;

	if (gethostname(host, sizeof(host)) != 0) {
		strcpy(host, "localhost");
	}
	host[sizeof(host) - 1] = '\0';
	if (!full && (dot = strchr(host, '.')) != NULL) {
		*dot = '\0';
	}
	put_literal(b, host);
}

static void put_dir(struct shell *sh, struct buf *b, bool last_only)
{
	const char *pwd = var_get(sh, "PWD"), *home = var_get(sh, "HOME");
	const char *slash;
	size_t hl;

	if (pwd == NULL) {
		pwd = "?";
	}
	hl = home ? strlen(home) : 0;
	if (last_only) {
		if (hl > 1 && strcmp(pwd, home) == 0) {
			buf_putc(b, '~');
			return;
		}
		slash = strrchr(pwd, '/');
		put_literal(b, slash && slash[1] ? slash + 1 : pwd);
		return;
	}
	if (hl > 1 && strncmp(pwd, home, hl) == 0 &&
	    (pwd[hl] == '/' || pwd[hl] == '\0')) {
		buf_putc(b, '~');
		pwd += hl;
	}
	put_literal(b, pwd);
}

/* Appends the time: which is the escape letter (t T @ A d). */
static void put_time(struct buf *b, char which)
{
	char s[64];
	time_t t = time(NULL);
	struct tm tm;

	localtime_r(&t, &tm);
	switch (which) {
	case 't': strftime(s, sizeof(s), "%H:%M:%S", &tm); break;
	case 'T': strftime(s, sizeof(s), "%I:%M:%S", &tm); break;
	case '@': strftime(s, sizeof(s), "%I:%M %p", &tm); break;
	case 'A': strftime(s, sizeof(s), "%H:%M", &tm); break;
	default: strftime(s, sizeof(s), "%a %b %d", &tm); break;
	}
	put_literal(b, s);
}

/* Translates the backslash escapes of ps into b. */
static void escapes(struct shell *sh, struct buf *b, const char *ps,
		    bool for_readline)
{
	const char *p;
	int n, k;

	for (p = ps; *p; p++) {
		if (*p != '\\' || p[1] == '\0') {
			buf_putc(b, *p);
			continue;
		}
		switch (*++p) {
		case 'u': put_user(b); break;
		case 'h': put_host(b, false); break;
		case 'H': put_host(b, true); break;
		case 'w': put_dir(sh, b, false); break;
		case 'W': put_dir(sh, b, true); break;
		case '$': buf_putc(b, geteuid() == 0 ? '#' : '$'); break;
		case 't':
		case 'T':
		case '@':
		case 'A':
		case 'd': put_time(b, *p); break;
		case 'n': buf_putc(b, '\n'); break;
		case 's': put_literal(b, "hersh"); break;
		case 'v':
		case 'V': put_literal(b, "0.1"); break;
		case 'e': buf_putc(b, '\033'); break;
		case 'a': buf_putc(b, '\a'); break;
		case '\\': buf_puts(b, "\\\\"); break;
		case '[':
			if (for_readline) {
				buf_putc(b, '\001');
			}
			break;
		case ']':
			if (for_readline) {
				buf_putc(b, '\002');
			}
			break;
		case '0': case '1': case '2': case '3':
			for (n = 0, k = 0; k < 3 && *p >= '0' && *p <= '7';
			     k++, p++) {
				n = n * 8 + (*p - '0');
			}
			p--;
			buf_putc(b, (char)n);
			break;
		default:
			/* $, `, " and unknown escapes stay for expansion */
			buf_putc(b, '\\');
			buf_putc(b, *p);
			break;
		}
	}
}

void prompt_strip_escapes(char *s)
{
	char *r = s, *w = s;

	while (*r) {
		unsigned char c = (unsigned char)*r;

		if (c == '\033') {
			r++;
			if (*r == '[') {
				/* CSI: parameters then one final byte */
				for (r++; *r && !(*r >= 0x40 && *r <= 0x7e); r++) {
				}
				if (*r) {
					r++;
				}
			} else if (*r == ']') {
				/* OSC: up to BEL or ESC \ */
				for (r++; *r && *r != '\a' &&
					  !(*r == '\033' && r[1] == '\\'); r++) {
				}
				if (*r == '\a') {
					r++;
				} else if (*r) {
					r += 2;
				}
			} else if (*r) {
				r++;
			}
			continue;
		}
		if ((c < 0x20 && c != '\n' && c != '\t' && c != 1 && c != 2) ||
		    c == 0x7f) {
			r++;
			continue;
		}
		*w++ = *r++;
	}
	*w = '\0';
}

char *prompt_expand(struct shell *sh, const char *ps, bool for_readline,
		    bool plain)
{
	struct buf b = BUF_INIT;
	char *out;

	escapes(sh, &b, ps, for_readline);
	out = expand_prompt(sh, buf_str(&b));
	buf_release(&b);
	if (out == NULL) {
		out = arena_strdup(ps);
	}
	if (plain) {
		prompt_strip_escapes(out);
	}
	return out;
}
