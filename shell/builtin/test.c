/*
 * test.c - test and [ (XCU test), following dash.
 *
 * With 0 to 4 arguments the POSIX rules by argument count decide (a
 * binary operator in the middle of 3 wins, then "( x )" and "! ..." are
 * peeled off); beyond that, or when those rules don't settle it, the
 * classic grammar is used:
 *
 *	oexpr   ::= aexpr | aexpr -o oexpr
 *	aexpr   ::= nexpr | nexpr -a aexpr
 *	nexpr   ::= primary | ! nexpr
 *	primary ::= unary-op operand | operand binary-op operand | operand
 *		  | ( oexpr )
 *
 * A unary operator followed by a binary operator and a third word is
 * taken as an operand ("-f = x" compares strings).  Errors give status 2.
 */
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "builtin.h"
#include "shell.h"

enum test_kind {
	TEST_EOI,	/* no more words */
	TEST_OPERAND,	/* a word that is not an operator here */
	TEST_UNARY,
	TEST_BINARY,
	TEST_NOT,	/* ! */
	TEST_AND,	/* -a */
	TEST_OR,	/* -o */
	TEST_LPAREN,
	TEST_RPAREN,
};

struct test_op {
	const char *text;
	enum test_kind kind;
};

static const struct test_op test_ops[] = {
	{ "-r", TEST_UNARY }, { "-w", TEST_UNARY }, { "-x", TEST_UNARY },
	{ "-e", TEST_UNARY }, { "-f", TEST_UNARY }, { "-d", TEST_UNARY },
	{ "-c", TEST_UNARY }, { "-b", TEST_UNARY }, { "-p", TEST_UNARY },
	{ "-u", TEST_UNARY }, { "-g", TEST_UNARY }, { "-k", TEST_UNARY },
	{ "-s", TEST_UNARY }, { "-t", TEST_UNARY }, { "-z", TEST_UNARY },
	{ "-n", TEST_UNARY }, { "-h", TEST_UNARY }, { "-O", TEST_UNARY },
	{ "-G", TEST_UNARY }, { "-L", TEST_UNARY }, { "-S", TEST_UNARY },
	{ "=", TEST_BINARY }, { "!=", TEST_BINARY }, { "<", TEST_BINARY },
	{ ">", TEST_BINARY }, { "-eq", TEST_BINARY }, { "-ne", TEST_BINARY },
	{ "-ge", TEST_BINARY }, { "-gt", TEST_BINARY },
	{ "-le", TEST_BINARY }, { "-lt", TEST_BINARY },
	{ "-nt", TEST_BINARY }, { "-ot", TEST_BINARY },
	{ "-ef", TEST_BINARY },
	{ "!", TEST_NOT }, { "-a", TEST_AND }, { "-o", TEST_OR },
	{ "(", TEST_LPAREN }, { ")", TEST_RPAREN },
};

struct test_state {
	struct shell *sh;
	const char *name;	/* "test" or "[" for messages */
	char **wp;		/* the word being looked at */
	bool failed;		/* an error was reported: status 2 */
};

static const struct test_op *test_find_op(const char *s)
{
	size_t i;

	for (i = 0; i < sizeof(test_ops) / sizeof(test_ops[0]); i++) {
		if (strcmp(s, test_ops[i].text) == 0) {
			return &test_ops[i];
		}
	}
	return NULL;
}

static void test_syntax(struct test_state *st, const char *op,
			const char *msg)
{
	if (st->failed) {
		return;
	}
	st->failed = true;
	if (op != NULL && *op != '\0') {
		sh_error(st->sh, "%s: %s: %s", st->name, op, msg);
	} else {
		sh_error(st->sh, "%s: %s", st->name, msg);
	}
}

/*
 * Is the unary operator at tp really an operand?  Yes when it is the last
 * word, or when a binary operator and a third word follow it.
 */
static bool test_is_operand(char **tp)
{
	const struct test_op *op;

	if (tp[1] == NULL) {
		return true;
	}
	if (tp[2] == NULL) {
		return false;
	}
	op = test_find_op(tp[1]);
	return op != NULL && op->kind == TEST_BINARY;
}

/* Classifies the word at tp in its context. */
static enum test_kind test_lex(char **tp)
{
	const struct test_op *op;

	if (*tp == NULL) {
		return TEST_EOI;
	}
	op = test_find_op(*tp);
	if (op == NULL) {
		return TEST_OPERAND;
	}
	if (op->kind == TEST_UNARY && test_is_operand(tp)) {
		return TEST_OPERAND;
	}
	if (op->kind == TEST_LPAREN && tp[1] == NULL) {
		return TEST_OPERAND;
	}
	return op->kind;
}

/* An integer operand: optional blanks, sign, decimal digits, blanks. */
static intmax_t test_number(struct test_state *st, const char *s)
{
	char *end;
	intmax_t v;

	errno = 0;
	v = strtoimax(s, &end, 10);
	if (errno != ERANGE && end != s) {
		while (isspace((unsigned char)*end)) {
			end++;
		}
		if (*end == '\0') {
			return v;
		}
	}
	if (!st->failed) {
		st->failed = true;
		sh_error(st->sh, "%s: Illegal number: %s", st->name, s);
	}
	return 0;
}

static bool test_access(const char *path, int mode)
{
	struct stat sb;

	if (mode == X_OK && geteuid() == 0) {
		if (stat(path, &sb) != 0 ||
		    (sb.st_mode & (S_IXUSR | S_IXGRP | S_IXOTH)) == 0) {
			return false;
		}
	}
	return faccessat(AT_FDCWD, path, mode, AT_EACCESS) == 0;
}

static bool test_unary(struct test_state *st, const char *op,
		       const char *arg)
{
	struct stat sb;
	char c = op[1];

	switch (c) {
	case 'z':
		return *arg == '\0';
	case 'n':
		return *arg != '\0';
	case 't':
		return isatty((int)test_number(st, arg)) == 1;
	case 'r':
		return test_access(arg, R_OK);
	case 'w':
		return test_access(arg, W_OK);
	case 'x':
		return test_access(arg, X_OK);
	default:
		break;
	}
	if (c == 'h' || c == 'L') {
		return lstat(arg, &sb) == 0 && S_ISLNK(sb.st_mode);
	}
	if (stat(arg, &sb) != 0) {
		return false;
	}
	switch (c) {
	case 'e':
		return true;
	case 'f':
		return S_ISREG(sb.st_mode);
	case 'd':
		return S_ISDIR(sb.st_mode);
	case 'c':
		return S_ISCHR(sb.st_mode);
	case 'b':
		return S_ISBLK(sb.st_mode);
	case 'p':
		return S_ISFIFO(sb.st_mode);
	case 'S':
		return S_ISSOCK(sb.st_mode);
	case 'u':
		return (sb.st_mode & S_ISUID) != 0;
	case 'g':
		return (sb.st_mode & S_ISGID) != 0;
	case 'k':
		return (sb.st_mode & S_ISVTX) != 0;
	case 's':
		return sb.st_size > 0;
	case 'O':
		return sb.st_uid == geteuid();
	case 'G':
		return sb.st_gid == getegid();
	default:
		return false;
	}
}

/* -nt (cmp > 0), -ot (cmp < 0): compares modification times */
static int test_mtime_cmp(const struct stat *a, const struct stat *b)
{
	if (a->st_mtim.tv_sec != b->st_mtim.tv_sec) {
		return a->st_mtim.tv_sec < b->st_mtim.tv_sec ? -1 : 1;
	}
	if (a->st_mtim.tv_nsec != b->st_mtim.tv_nsec) {
		return a->st_mtim.tv_nsec < b->st_mtim.tv_nsec ? -1 : 1;
	}
	return 0;
}

static bool test_files(const char *op, const char *a, const char *b)
{
	struct stat sa, sb;

	if (stat(a, &sa) != 0 || stat(b, &sb) != 0) {
		return false;
	}
	if (strcmp(op, "-nt") == 0) {
		return test_mtime_cmp(&sa, &sb) > 0;
	}
	if (strcmp(op, "-ot") == 0) {
		return test_mtime_cmp(&sa, &sb) < 0;
	}
	return sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino;
}

static bool test_binary(struct test_state *st, const char *a,
			const char *op, const char *b)
{
	intmax_t x, y;

	if (op[0] == '=' || op[0] == '!' || op[0] == '<' || op[0] == '>') {
		int c = strcoll(a, b);

		switch (op[0]) {
		case '=':
			return c == 0;
		case '!':
			return c != 0;
		case '<':
			return c < 0;
		default:
			return c > 0;
		}
	}
	if (strcmp(op, "-nt") == 0 || strcmp(op, "-ot") == 0 ||
	    strcmp(op, "-ef") == 0) {
		return test_files(op, a, b);
	}
	x = test_number(st, a);
	y = test_number(st, b);
	if (strcmp(op, "-eq") == 0) {
		return x == y;
	}
	if (strcmp(op, "-ne") == 0) {
		return x != y;
	}
	if (strcmp(op, "-ge") == 0) {
		return x >= y;
	}
	if (strcmp(op, "-gt") == 0) {
		return x > y;
	}
	if (strcmp(op, "-le") == 0) {
		return x <= y;
	}
	return x < y;
}

static bool test_oexpr(struct test_state *st, enum test_kind n);

static bool test_primary(struct test_state *st, enum test_kind n)
{
	const char *left;
	const char *op;

	if (n == TEST_EOI) {
		/* missing expression */
		return false;
	}
	if (n == TEST_LPAREN) {
		bool res;

		n = test_lex(++st->wp);
		if (n == TEST_RPAREN) {
			return false;
		}
		res = test_oexpr(st, n);
		if (st->failed) {
			return false;
		}
		if (*st->wp == NULL || test_lex(++st->wp) != TEST_RPAREN) {
			test_syntax(st, NULL, "closing paren expected");
		}
		return res;
	}
	if (n == TEST_UNARY) {
		op = *st->wp;
		if (*++st->wp == NULL) {
			test_syntax(st, op, "argument expected");
			return false;
		}
		return test_unary(st, op, *st->wp);
	}
	if (test_lex(st->wp + 1) == TEST_BINARY) {
		left = *st->wp;
		op = *++st->wp;
		if (*++st->wp == NULL) {
			test_syntax(st, op, "argument expected");
			return false;
		}
		return test_binary(st, left, op, *st->wp);
	}
	return **st->wp != '\0';
}

static bool test_nexpr(struct test_state *st, enum test_kind n)
{
	if (n != TEST_NOT) {
		return test_primary(st, n);
	}
	n = test_lex(st->wp + 1);
	if (n != TEST_EOI) {
		st->wp++;
	}
	return !test_nexpr(st, n);
}

static bool test_aexpr(struct test_state *st, enum test_kind n)
{
	bool res = true;

	for (;;) {
		if (!test_nexpr(st, n)) {
			res = false;
		}
		if (st->failed || *st->wp == NULL ||
		    test_lex(st->wp + 1) != TEST_AND) {
			break;
		}
		st->wp += 2;
		n = test_lex(st->wp);
	}
	return res;
}

static bool test_oexpr(struct test_state *st, enum test_kind n)
{
	bool res = false;

	for (;;) {
		if (test_aexpr(st, n)) {
			res = true;
		}
		if (st->failed || *st->wp == NULL ||
		    test_lex(st->wp + 1) != TEST_OR) {
			break;
		}
		st->wp += 2;
		n = test_lex(st->wp);
	}
	return res;
}

/*
 * Evaluates argv[0..argc) (NULL-terminated).  Returns 0 (true), 1 (false)
 * or 2 (error).
 */
static int test_eval(struct shell *sh, const char *name, int argc,
		     char **argv)
{
	struct test_state st = { sh, name, NULL, false };
	const struct test_op *op;
	int res = 1;

	for (;;) {
		if (argc < 1) {
			return res;
		}
		if (argc == 3) {
			op = test_find_op(argv[1]);
			if (op != NULL && op->kind == TEST_BINARY) {
				st.wp = argv;
				res ^= test_binary(&st, argv[0], argv[1],
						   argv[2]);
				return st.failed ? 2 : res;
			}
		}
		if (argc != 3 && argc != 4) {
			break;
		}
		if (strcmp(argv[0], "(") == 0 &&
		    strcmp(argv[argc - 1], ")") == 0) {
			argv[--argc] = NULL;
			argv++;
			argc--;
			break;
		}
		if (strcmp(argv[0], "!") != 0) {
			break;
		}
		res = 0;
		argv++;
		argc--;
	}
	if (argc < 1) {
		return res;
	}
	st.wp = argv;
	res ^= test_oexpr(&st, test_lex(argv));
	if (!st.failed && st.wp[0] != NULL && st.wp[1] != NULL) {
		test_syntax(&st, st.wp[0], "unexpected operator");
	}
	return st.failed ? 2 : res;
}

int builtin_test(struct shell *sh, int argc, char **argv)
{
	char **args;
	int res;

	if (argv[0][0] == '[') {
		/* dash looks only at the first character */
		if (argc < 2 || argv[argc - 1][0] != ']') {
			sh_error(sh, "[: missing ]");
			return 2;
		}
		argc--;
	}
	/* the evaluation cuts the list; work on a copy */
	args = malloc(((size_t)argc + 1) * sizeof(*args));
	if (args == NULL) {
		sh_error(sh, "%s: out of memory", argv[0]);
		return 2;
	}
	memcpy(args, argv, (size_t)argc * sizeof(*args));
	args[argc] = NULL;
	res = test_eval(sh, argv[0], argc - 1, args + 1);
	free(args);
	return res;
}
