/*
 * test_printf.c - the printf and echo builtins: formats, escapes, numeric
 * arguments and statuses.  Output is captured from fd 1 through a pipe.
 */
#include <fcntl.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "builtin.h"
#include "output.h"
#include "shell.h"
#include "test.h"

static char captured[4096];
static int status;

/* Runs the builtin fn on the NULL-terminated argv; leaves the output in
 * captured (NUL-terminated) and the exit status in status. */
static void run(builtin_fn *fn, char **argv)
{
	static struct shell sh;
	int fds[2], saved, saved_err, null, argc = 0;
	ssize_t n;
	size_t len = 0;

	while (argv[argc] != NULL) {
		argc++;
	}
	if (pipe(fds) != 0) {
		return;
	}
	fflush(stdout);
	saved = dup(1);
	dup2(fds[1], 1);
	close(fds[1]);
	/* the warnings are expected; keep them off the test log */
	saved_err = dup(2);
	null = open("/dev/null", O_WRONLY);
	if (null >= 0) {
		dup2(null, 2);
		close(null);
	}
	sh.lineno = 1;
	status = fn(&sh, argc, argv);
	out_flush();
	dup2(saved, 1);
	close(saved);
	dup2(saved_err, 2);
	close(saved_err);
	while ((n = read(fds[0], captured + len,
			 sizeof(captured) - 1 - len)) > 0) {
		len += (size_t)n;
	}
	close(fds[0]);
	captured[len] = '\0';
}

#define PRINTF(...) run(builtin_printf, (char *[]){ "printf", __VA_ARGS__, NULL })
#define ECHO(...) run(builtin_echo, (char *[]){ "echo", __VA_ARGS__, NULL })

static void test_conversions(void)
{
	PRINTF("%d|%i|%o|%u|%x|%X\n", "42", "-7", "8", "3", "255", "255");
	CHECK_STR(captured, "42|-7|10|3|ff|FF\n");
	CHECK_INT(status, 0);
	PRINTF("%5.2s|%-4s|%c|%%\n", "abc", "ab", "xyz");
	CHECK_STR(captured, "   ab|ab  |x|%\n");
	PRINTF("%*d|%-*d|%.*d\n", "4", "1", "3", "2", "3", "5");
	CHECK_STR(captured, "   1|2  |005\n");
	PRINTF("%.2f %e %g\n", "3.14159", "1", "0.0001");
	CHECK_STR(captured, "3.14 1.000000e+00 0.0001\n");
	PRINTF("%+d % d %05d %#o %#x\n", "5", "5", "42", "8", "255");
	CHECK_STR(captured, "+5  5 00042 010 0xff\n");
}

static void test_arguments(void)
{
	PRINTF("%d %d %d %d\n", "'a", "\"b", "0x10", "010");
	CHECK_STR(captured, "97 98 16 8\n");
	PRINTF("%s,%s\n", "a", "b", "c");
	CHECK_STR(captured, "a,b\nc,\n");
	PRINTF("%d|%s|\n");
	CHECK_STR(captured, "0||\n");
	PRINTF("x\n", "unused");
	CHECK_STR(captured, "x\n");
	PRINTF("%d\n", "abc");
	CHECK_STR(captured, "0\n");
	CHECK_INT(status, 1);
	PRINTF("%d\n", "12abc");
	CHECK_STR(captured, "12\n");
	CHECK_INT(status, 1);
	PRINTF("%d\n", "99999999999999999999");
	CHECK_STR(captured, "9223372036854775807\n");
	CHECK_INT(status, 1);
}

static void test_escapes(void)
{
	PRINTF("\\101\\0101\\t\\q\\\\\n");
	CHECK_STR(captured, "A\b1\t\\q\\\n");
	PRINTF("%b|%b\n", "\\0101\\101\\n", "x\\ty");
	CHECK_STR(captured, "AA\n|x\ty\n");
	PRINTF("%b%s\n", "stop\\chere", "never");
	CHECK_STR(captured, "stop");
	PRINTF("%5b|%-4b|\n", "a\\tb", "c");
	CHECK_STR(captured, "  a\tb|c   |\n");
}

static void test_errors(void)
{
	PRINTF("a%z\n");
	CHECK_STR(captured, "a");
	CHECK_INT(status, 2);
	PRINTF("%5");
	CHECK_INT(status, 2);
	run(builtin_printf, (char *[]){ "printf", NULL });
	CHECK_INT(status, 2);
}

static void test_echo(void)
{
	ECHO("a", "b");
	CHECK_STR(captured, "a b\n");
	ECHO("-n", "a");
	CHECK_STR(captured, "a");
	ECHO("-e", "a\\tb\\0101");
	CHECK_STR(captured, "-e a\tbA\n");
	ECHO("x\\cy", "z");
	CHECK_STR(captured, "x");
	ECHO("-n", "-n");
	CHECK_STR(captured, "-n");
}

int main(void)
{
	TEST_RUN(test_conversions);
	TEST_RUN(test_arguments);
	TEST_RUN(test_escapes);
	TEST_RUN(test_errors);
	TEST_RUN(test_echo);
	return test_summary();
}
