/*
 * echo.c - echo as dash has it (XSI echo, XCU echo): a first argument of
 * exactly "-n" suppresses the final newline; backslash escapes are always
 * interpreted in every argument: \a \b \c \e \f \n \r \t \v \\ and \0nnn
 * (also \nnn); \c ends all output at once.
 */
#include <stdbool.h>
#include <string.h>

#include "builtin.h"
#include "output.h"

static bool is_odigit(char c)
{
	return c >= '0' && c <= '7';
}

/*
 * Writes s with its escapes converted.  Returns true when a \c was seen
 * (output stops there).
 */
static bool echo_escaped(const char *s)
{
	const char *run = s;
	int n, value;

	while (*s != '\0') {
		if (*s != '\\') {
			s++;
			continue;
		}
		out_write(run, (size_t)(s - run));
		s++;
		switch (*s) {
		case 'c':
			return true;
		case 'a':
			out_putc('\a');
			s++;
			break;
		case 'b':
			out_putc('\b');
			s++;
			break;
		case 'e':
			out_putc('\033');
			s++;
			break;
		case 'f':
			out_putc('\f');
			s++;
			break;
		case 'n':
			out_putc('\n');
			s++;
			break;
		case 'r':
			out_putc('\r');
			s++;
			break;
		case 't':
			out_putc('\t');
			s++;
			break;
		case 'v':
			out_putc('\v');
			s++;
			break;
		case '\\':
			out_putc('\\');
			s++;
			break;
		default:
			if (!is_odigit(*s)) {
				/* unknown: the backslash stays */
				out_putc('\\');
				break;
			}
			/* \0nnn: the 0 is a prefix; else \nnn */
			if (*s == '0' && is_odigit(s[1])) {
				s++;
			}
			value = 0;
			for (n = 0; n < 3 && is_odigit(*s); n++) {
				value = value * 8 + (*s++ - '0');
			}
			out_putc((char)value);
			break;
		}
		run = s;
	}
	out_write(run, (size_t)(s - run));
	return false;
}

int builtin_echo(struct shell *sh, int argc, char **argv)
{
	bool newline = true;
	int i = 1;

	if (i < argc && strcmp(argv[i], "-n") == 0) {
		newline = false;
		i++;
	}
	for (; i < argc; i++) {
		if (echo_escaped(argv[i])) {
			return 0;
		}
		if (i + 1 < argc) {
			out_putc(' ');
		}
	}
	if (newline) {
		out_putc('\n');
	}
	return 0;
}
