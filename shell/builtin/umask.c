/*
 * umask.c - umask [-S] [mask] (XCU umask), as in dash.
 *
 * With no mask, prints the mask as four octal digits ("0022"), or with
 * -S symbolically as the permissions it leaves ("u=rwx,g=rx,o=rx").  A
 * mask is octal digits or a symbolic mode as chmod takes it
 * ([ugoa]*[+-=][rwxXsugo]*, comma-separated), applied to the permissions
 * the current mask allows.
 */
#include <stdbool.h>
#include <string.h>
#include <sys/stat.h>

#include "builtin.h"
#include "output.h"
#include "shell.h"

static mode_t umask_get(void)
{
	mode_t m = umask(0);

	umask(m);
	return m;
}

static void umask_print_symbolic(mode_t mask)
{
	static const char who[] = "ugo";
	static const char perm[] = "rwx";
	mode_t allow = ~mask & 0777;
	int i, j;

	for (i = 0; i < 3; i++) {
		out_putc(who[i]);
		out_putc('=');
		for (j = 0; j < 3; j++) {
			if (allow & (1u << (8 - (3 * i + j)))) {
				out_putc(perm[j]);
			}
		}
		out_putc(i < 2 ? ',' : '\n');
	}
}

/*
 * Applies the symbolic mode s to the permission bits allow (the
 * complement of the mask); u, g, o and X refer to the bits before the
 * change, as in dash.  Returns 0, or -1 for a malformed mode.
 */
static int umask_symbolic(const char *s, mode_t *allow)
{
	const mode_t orig = *allow;
	mode_t cur = orig;
	mode_t who, bits;
	char op;

	for (;;) {
		who = 0;
		for (; *s != '\0' && strchr("ugoa", *s) != NULL; s++) {
			switch (*s) {
			case 'u':
				who |= 0700;
				break;
			case 'g':
				who |= 0070;
				break;
			case 'o':
				who |= 0007;
				break;
			default:
				who |= 0777;
				break;
			}
		}
		if (who == 0) {
			who = 0777;
		}
		if (*s == '\0' || strchr("=+-", *s) == NULL) {
			return -1;
		}
		while (*s != '\0' && strchr("=+-", *s) != NULL) {
			op = *s++;
			bits = 0;
			for (; *s != '\0' && strchr("rwxXsugo", *s) != NULL;
			     s++) {
				switch (*s) {
				case 'r':
					bits |= 0444;
					break;
				case 'w':
					bits |= 0222;
					break;
				case 'x':
					bits |= 0111;
					break;
				case 'X':
					if (orig & 0111) {
						bits |= 0111;
					}
					break;
				case 'u':
					bits |= ((orig >> 6) & 7) * 0111;
					break;
				case 'g':
					bits |= ((orig >> 3) & 7) * 0111;
					break;
				case 'o':
					bits |= (orig & 7) * 0111;
					break;
				default:
					/* s: no meaning for a mask */
					break;
				}
			}
			bits &= who;
			if (op == '+') {
				cur |= bits;
			} else if (op == '-') {
				cur &= ~bits;
			} else {
				cur = (cur & ~who) | bits;
			}
		}
		if (*s == '\0') {
			break;
		}
		if (*s != ',') {
			return -1;
		}
		s++;
	}
	*allow = cur & 0777;
	return 0;
}

int builtin_umask(struct shell *sh, int argc, char **argv)
{
	struct builtin_getopt g = BUILTIN_GETOPT_INIT;
	bool symbolic = false;
	const char *arg, *p;
	mode_t mask, allow;
	int c;

	while ((c = builtin_getopt(sh, &g, argc, argv, "S")) != -1) {
		if (c == '?') {
			return 2;
		}
		symbolic = true;
	}
	mask = umask_get();
	if (g.ind >= argc) {
		if (symbolic) {
			umask_print_symbolic(mask);
		} else {
			out_printf("%.4o\n", (unsigned)mask);
		}
		return 0;
	}
	arg = argv[g.ind];
	if (*arg >= '0' && *arg <= '9') {
		mask = 0;
		for (p = arg; *p != '\0'; p++) {
			if (*p < '0' || *p > '7') {
				sh_error(sh, "umask: Illegal number: %s", arg);
				return 2;
			}
			mask = ((mask << 3) + (mode_t)(*p - '0')) & 07777;
		}
	} else {
		allow = ~mask & 0777;
		if (umask_symbolic(arg, &allow) < 0) {
			sh_error(sh, "umask: Illegal mode: %s", arg);
			return 2;
		}
		mask = ~allow & 0777;
	}
	umask(mask);
	return 0;
}
