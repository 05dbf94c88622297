/*
 * test_arith.c - arith_eval(): precedence, associativity, every operator,
 * assignments, short-circuit evaluation, constants, errors and overflow,
 * with dash's results and messages as the reference.
 */
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "arena.h"
#include "arith.h"
#include "shell.h"
#include "var.h"

#include "test.h"

static struct shell test_sh;
static struct shell *sh = &test_sh;

/* stderr goes to a temporary file while a test expects a message */
static int saved_fd2 = -1;
static FILE *err_file;

static void err_begin(void)
{
	err_file = tmpfile();
	fflush(stderr);
	saved_fd2 = dup(2);
	dup2(fileno(err_file), 2);
}

/* Returns the captured text (static). */
static const char *err_end(void)
{
	static char text[1024];
	size_t n;

	fflush(stderr);
	dup2(saved_fd2, 2);
	close(saved_fd2);
	rewind(err_file);
	n = fread(text, 1, sizeof(text) - 1, err_file);
	text[n] = '\0';
	fclose(err_file);
	return text;
}

/* Evaluates e, which must succeed, and returns the value. */
static intmax_t ev(const char *e)
{
	intmax_t v = -424242;

	if (arith_eval(sh, e, &v) != 0) {
		fprintf(stderr, "arith_eval(\"%s\") failed\n", e);
		test_failed_checks++;
	}
	return v;
}

/* Evaluates e, which must fail, and returns the message. */
static const char *ev_err(const char *e)
{
	intmax_t v = 0;
	int r;
	const char *msg;

	err_begin();
	r = arith_eval(sh, e, &v);
	msg = err_end();
	if (r != -1) {
		fprintf(stderr, "arith_eval(\"%s\") did not fail\n", e);
		test_failed_checks++;
	}
	return msg;
}

static const char *get(const char *name)
{
	const char *v = var_get(sh, name);

	return v ? v : "(unset)";
}

static void test_constants(void)
{
	CHECK_INT(ev("0"), 0);
	CHECK_INT(ev("42"), 42);
	CHECK_INT(ev("  7  "), 7);
	CHECK_INT(ev("010"), 8);
	CHECK_INT(ev("0x1F"), 31);
	CHECK_INT(ev("0X10"), 16);
	CHECK_INT(ev("0x1F + 017 + 0X10"), 62);
	CHECK_INT(ev("9223372036854775807"), INTMAX_MAX);
	/* like dash: constants saturate */
	CHECK_INT(ev("99999999999999999999"), INTMAX_MAX);
	CHECK_INT(ev("1 +\n2"), 3);
	CHECK_INT(ev("\t3\t*\t3"), 9);
}

static void test_unary(void)
{
	CHECK_INT(ev("-5"), -5);
	CHECK_INT(ev("+5"), 5);
	CHECK_INT(ev("--5"), 5);
	CHECK_INT(ev("- -5"), 5);
	CHECK_INT(ev("!0"), 1);
	CHECK_INT(ev("!7"), 0);
	CHECK_INT(ev("!!5"), 1);
	CHECK_INT(ev("~0"), -1);
	CHECK_INT(ev("~5"), -6);
	CHECK_INT(ev("-~0"), 1);
	CHECK_INT(ev("-(-9223372036854775807-1)"), INTMAX_MIN);
}

static void test_binary(void)
{
	CHECK_INT(ev("6*7"), 42);
	CHECK_INT(ev("7/2"), 3);
	CHECK_INT(ev("-7/2"), -3);
	CHECK_INT(ev("7%3"), 1);
	CHECK_INT(ev("5 % -3"), 2);
	CHECK_INT(ev("-5 % 3"), -2);
	CHECK_INT(ev("2+3"), 5);
	CHECK_INT(ev("2-3"), -1);
	CHECK_INT(ev("1<<4"), 16);
	CHECK_INT(ev("256>>4"), 16);
	CHECK_INT(ev("-8>>1"), -4);
	CHECK_INT(ev("1<2"), 1);
	CHECK_INT(ev("2<2"), 0);
	CHECK_INT(ev("2<=2"), 1);
	CHECK_INT(ev("3>2"), 1);
	CHECK_INT(ev("2>=3"), 0);
	CHECK_INT(ev("2==2"), 1);
	CHECK_INT(ev("2!=2"), 0);
	CHECK_INT(ev("12&10"), 8);
	CHECK_INT(ev("12^10"), 6);
	CHECK_INT(ev("12|10"), 14);
	CHECK_INT(ev("2&&3"), 1);
	CHECK_INT(ev("2&&0"), 0);
	CHECK_INT(ev("0||0"), 0);
	CHECK_INT(ev("0||5"), 1);
}

static void test_precedence(void)
{
	CHECK_INT(ev("1+2*3"), 7);
	CHECK_INT(ev("(1+2)*3"), 9);
	CHECK_INT(ev("10-4-3"), 3);
	CHECK_INT(ev("100/10/5"), 2);
	CHECK_INT(ev("2*3%4"), 2);
	CHECK_INT(ev("1+1<<2"), 8);
	CHECK_INT(ev("1<<2<5"), 1);
	CHECK_INT(ev("1 == 1 == 1"), 1);
	CHECK_INT(ev("2>1>0"), 1);
	CHECK_INT(ev("1|2^3&4"), 3);
	CHECK_INT(ev("6&3==3"), 0);
	CHECK_INT(ev("1||0&&0"), 1);
	CHECK_INT(ev("-2*-3"), 6);
	CHECK_INT(ev("!1+1"), 1);
	CHECK_INT(ev("~1*2"), -4);
	CHECK_INT(ev("((((((1+1))))))"), 2);
}

static void test_ternary(void)
{
	CHECK_INT(ev("1 ? 2 : 3"), 2);
	CHECK_INT(ev("0 ? 2 : 3"), 3);
	CHECK_INT(ev("1 ? 2 : 3 ? 4 : 5"), 2);
	CHECK_INT(ev("0 ? 2 : 0 ? 4 : 5"), 5);
	CHECK_INT(ev("0 ? 2 : 1 ? 4 : 5"), 4);
	CHECK_INT(ev("1 ? 0 ? 6 : 7 : 8"), 7);
	CHECK_INT(ev("1+1 ? 3 : 4"), 3);
}

static void test_variables(void)
{
	var_unset(sh, "u");
	CHECK_INT(ev("u"), 0);
	CHECK_INT(ev("u + 1"), 1);
	var_set(sh, "e", "", 0);
	CHECK_INT(ev("e * 3"), 0);
	var_set(sh, "x", "5", 0);
	CHECK_INT(ev("x * x"), 25);
	var_set(sh, "x", " 12 ", 0);
	CHECK_INT(ev("x+1"), 13);
	var_set(sh, "x", "0x10", 0);
	CHECK_INT(ev("x+1"), 17);
	var_set(sh, "x", "010", 0);
	CHECK_INT(ev("x+1"), 9);
	var_set(sh, "x", "-0x10", 0);
	CHECK_INT(ev("x"), -16);
	var_set(sh, "long_name_9", "3", 0);
	CHECK_INT(ev("long_name_9*2"), 6);
}

static void test_assignment(void)
{
	CHECK_INT(ev("a = 5"), 5);
	CHECK_STR(get("a"), "5");
	CHECK_INT(ev("a += 2"), 7);
	CHECK_INT(ev("a -= 3"), 4);
	CHECK_INT(ev("a *= 6"), 24);
	CHECK_INT(ev("a /= 5"), 4);
	CHECK_INT(ev("a %= 3"), 1);
	CHECK_INT(ev("a <<= 4"), 16);
	CHECK_INT(ev("a >>= 2"), 4);
	CHECK_INT(ev("a |= 3"), 7);
	CHECK_INT(ev("a &= 5"), 5);
	CHECK_INT(ev("a ^= 1"), 4);
	CHECK_STR(get("a"), "4");
	/* right to left */
	CHECK_INT(ev("a = b = 3"), 3);
	CHECK_STR(get("a"), "3");
	CHECK_STR(get("b"), "3");
	CHECK_INT(ev("a = 1 ? 2 : 3"), 2);
	CHECK_INT(ev("(a = 9) + 1"), 10);
	CHECK_STR(get("a"), "9");
	/* like dash, the old value is read after the right side */
	var_set(sh, "x", "1", 0);
	CHECK_INT(ev("x += (x = 5)"), 10);
	CHECK_STR(get("x"), "10");
	CHECK_INT(ev("1 ? c = 4 : 5"), 4);
	CHECK_STR(get("c"), "4");
	CHECK_INT(ev("n = -9223372036854775807 - 1"), INTMAX_MIN);
	CHECK_STR(get("n"), "-9223372036854775808");
}

static void test_short_circuit(void)
{
	var_set(sh, "s", "1", 0);
	var_set(sh, "bad", "abc", 0);
	CHECK_INT(ev("0 && 1/0"), 0);
	CHECK_INT(ev("1 || 1/0"), 1);
	CHECK_INT(ev("0 && (s = 7)"), 0);
	CHECK_STR(get("s"), "1");
	CHECK_INT(ev("1 || (s = 7)"), 1);
	CHECK_STR(get("s"), "1");
	CHECK_INT(ev("0 ? 1/0 : 3"), 3);
	CHECK_INT(ev("1 ? 3 : 1/0"), 3);
	CHECK_INT(ev("1 ? 3 : (s = 8)"), 3);
	CHECK_INT(ev("0 ? (s = 9) : 4"), 4);
	CHECK_STR(get("s"), "1");
	/* unevaluated variables are not even read */
	CHECK_INT(ev("0 && bad"), 0);
	CHECK_INT(ev("1 || bad"), 1);
	CHECK_INT(ev("0 && 0 || 1"), 1);
	CHECK_INT(ev("1 && (s = 2)"), 1);
	CHECK_STR(get("s"), "2");
}

static void test_overflow(void)
{
	CHECK_INT(ev("9223372036854775807 + 1"), INTMAX_MIN);
	CHECK_INT(ev("-9223372036854775807 - 2"), INTMAX_MAX);
	CHECK_INT(ev("0x7fffffffffffffff * 2"), -2);
	CHECK_INT(ev("-9223372036854775807-1 / -1"), -9223372036854775807 + 1);
	CHECK_INT(ev("(-9223372036854775807-1) % -1"), 0);
	CHECK_INT(ev("1<<63"), INTMAX_MIN);
	CHECK_INT(ev("1<<64"), 1);
	CHECK_INT(ev("1<<-1"), INTMAX_MIN);
	CHECK_INT(ev("-1<<1"), -2);
	CHECK_INT(ev("-(-9223372036854775807-1)"), INTMAX_MIN);
	CHECK_STR(ev_err("(-9223372036854775807-1) / -1"),
		  "hersh: 0: arithmetic expression: integer overflow: "
		  "\"(-9223372036854775807-1) / -1\"\n");
}

static void test_errors(void)
{
	CHECK_STR(ev_err("1/0"),
		  "hersh: 0: arithmetic expression: division by zero: "
		  "\"1/0\"\n");
	CHECK_STR(ev_err("5%0"),
		  "hersh: 0: arithmetic expression: division by zero: "
		  "\"5%0\"\n");
	CHECK_STR(ev_err("1 +"),
		  "hersh: 0: arithmetic expression: expecting primary: "
		  "\"1 +\"\n");
	CHECK_STR(ev_err(""),
		  "hersh: 0: arithmetic expression: expecting primary: "
		  "\"\"\n");
	CHECK_STR(ev_err("  "),
		  "hersh: 0: arithmetic expression: expecting primary: "
		  "\"  \"\n");
	CHECK_STR(ev_err("1 2"),
		  "hersh: 0: arithmetic expression: expecting EOF: "
		  "\"1 2\"\n");
	CHECK_STR(ev_err("09"),
		  "hersh: 0: arithmetic expression: expecting EOF: "
		  "\"09\"\n");
	CHECK_STR(ev_err("0x"),
		  "hersh: 0: arithmetic expression: expecting EOF: "
		  "\"0x\"\n");
	CHECK_STR(ev_err("1 @ 2"),
		  "hersh: 0: arithmetic expression: expecting EOF: "
		  "\"1 @ 2\"\n");
	CHECK_STR(ev_err("@"),
		  "hersh: 0: arithmetic expression: expecting primary: "
		  "\"@\"\n");
	CHECK_STR(ev_err("(1 2)"),
		  "hersh: 0: arithmetic expression: expecting ')': "
		  "\"(1 2)\"\n");
	CHECK_STR(ev_err("1 ? 2"),
		  "hersh: 0: arithmetic expression: expecting ':': "
		  "\"1 ? 2\"\n");
	CHECK_STR(ev_err("1 ?: 2"),
		  "hersh: 0: arithmetic expression: expecting primary: "
		  "\"1 ?: 2\"\n");
	CHECK_STR(ev_err("x++"),
		  "hersh: 0: arithmetic expression: expecting primary: "
		  "\"x++\"\n");
	CHECK_STR(ev_err("3 -= 1"),
		  "hersh: 0: arithmetic expression: expecting EOF: "
		  "\"3 -= 1\"\n");
	CHECK_STR(ev_err("1 ? 2 : x = 3"),
		  "hersh: 0: arithmetic expression: expecting EOF: "
		  "\"1 ? 2 : x = 3\"\n");
	CHECK_STR(ev_err("x="),
		  "hersh: 0: arithmetic expression: expecting primary: "
		  "\"x=\"\n");
	CHECK_STR(ev_err("x = 5, 3"),
		  "hersh: 0: arithmetic expression: expecting EOF: "
		  "\"x = 5, 3\"\n");
}

static void test_bad_values(void)
{
	var_set(sh, "v", "abc", 0);
	CHECK_STR(ev_err("v + 1"), "hersh: 0: Illegal number: abc\n");
	var_set(sh, "v", "1+2", 0);
	CHECK_STR(ev_err("v"), "hersh: 0: Illegal number: 1+2\n");
	var_set(sh, "v", "99999999999999999999", 0);
	CHECK_STR(ev_err("v"),
		  "hersh: 0: Illegal number: 99999999999999999999\n");
	/* names in values are not evaluated again */
	var_set(sh, "v", "w", 0);
	var_set(sh, "w", "3", 0);
	CHECK_STR(ev_err("v"), "hersh: 0: Illegal number: w\n");
	/* a division by zero in an assignment assigns nothing */
	var_set(sh, "d", "4", 0);
	CHECK_STR(ev_err("d /= 0"),
		  "hersh: 0: arithmetic expression: division by zero: "
		  "\"d /= 0\"\n");
	CHECK_STR(get("d"), "4");
	var_set(sh, "ro", "1", VAR_READONLY);
	CHECK_STR(ev_err("ro = 2"), "hersh: 0: ro: is read only\n");
	CHECK_STR(get("ro"), "1");
}

static void test_depth(void)
{
	char *deep = malloc(200003);
	size_t i;

	/* deep nesting is an error, not a stack overflow */
	for (i = 0; i < 100000; i++) {
		deep[i] = '(';
	}
	deep[i++] = '1';
	deep[i] = '\0';
	CHECK(strstr(ev_err(deep), "nested too deeply") != NULL);
	for (i = 0; i < 100000; i++) {
		deep[i] = '-';
	}
	CHECK(strstr(ev_err(deep), "nested too deeply") != NULL);
	/* moderate nesting works */
	for (i = 0; i < 200; i++) {
		deep[i] = '(';
	}
	deep[i++] = '7';
	memset(deep + i, ')', 200);
	deep[i + 200] = '\0';
	CHECK_INT(ev(deep), 7);
	free(deep);
}

int main(void)
{
	struct arena_mark m;

	test_sh.vars = var_table_new();
	test_sh.arg0 = "hersh";
	arena_mark(&m);
	TEST_RUN(test_constants);
	TEST_RUN(test_unary);
	TEST_RUN(test_binary);
	TEST_RUN(test_precedence);
	TEST_RUN(test_ternary);
	TEST_RUN(test_variables);
	TEST_RUN(test_assignment);
	TEST_RUN(test_short_circuit);
	TEST_RUN(test_overflow);
	TEST_RUN(test_errors);
	TEST_RUN(test_bad_values);
	TEST_RUN(test_depth);
	arena_pop(&m);
	var_table_free(test_sh.vars);
	arena_release_all();
	return test_summary();
}
