/*
 * arith.c - arithmetic expansion $(( )) (XCU 2.6.4).
 *
 * A recursive-descent parser that evaluates as it parses (like dash's
 * arith_yacc.c): C precedence and associativity, intmax_t values, the
 * assignment operators, short-circuit && || and ?: where the branch not
 * taken is parsed but not evaluated (no assignments, no variable lookups,
 * no division-by-zero error).  Binary operators use precedence climbing.
 *
 * Where POSIX leaves room we follow dash:
 *  - a variable's value is read as an integer constant (strtoimax base 0,
 *    blanks around it allowed, empty = 0); anything else is an error
 *    "Illegal number: VALUE" - names inside values are not evaluated;
 *  - numeric constants in the expression saturate at INTMAX_MAX;
 *  - + - * << wrap around (computed in unsigned arithmetic, so there is
 *    no undefined behaviour); shift counts are taken modulo 64 as on the
 *    machines dash runs on; INTMAX_MIN / -1 is an error, INTMAX_MIN % -1
 *    is 0;
 *  - messages are "arithmetic expression: WHAT: \"EXPR\"".
 *
 * The first error is reported and recorded in struct arith; from then on
 * the lexer returns only TOK_END and nothing is evaluated, so every
 * function can simply return and the error surfaces at the top.
 */
#include <ctype.h>
#include <errno.h>
#include <inttypes.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "arith.h"
#include "shell.h"
#include "var.h"

/* deepest nesting of parentheses, unary operators and assignments */
#define ARITH_MAX_DEPTH 1000

enum arith_tok {
	TOK_END,
	TOK_NUM,
	TOK_VAR,
	TOK_LPAREN,
	TOK_RPAREN,
	TOK_QMARK,
	TOK_COLON,
	TOK_NOT,	/* ! */
	TOK_BNOT,	/* ~ */
	/* binary operators */
	TOK_LOR,
	TOK_LAND,
	TOK_BOR,
	TOK_BXOR,
	TOK_BAND,
	TOK_EQ,
	TOK_NE,
	TOK_LT,
	TOK_LE,
	TOK_GT,
	TOK_GE,
	TOK_SHL,
	TOK_SHR,
	TOK_ADD,
	TOK_SUB,
	TOK_MUL,
	TOK_DIV,
	TOK_REM,
	/* assignment operators: TOK_ASSIGN, then one per binary operator */
	TOK_ASSIGN,
	TOK_ASSIGN_MUL,
	TOK_ASSIGN_DIV,
	TOK_ASSIGN_REM,
	TOK_ASSIGN_ADD,
	TOK_ASSIGN_SUB,
	TOK_ASSIGN_SHL,
	TOK_ASSIGN_SHR,
	TOK_ASSIGN_BAND,
	TOK_ASSIGN_BXOR,
	TOK_ASSIGN_BOR,
	TOK_BAD,	/* a character that starts no token */
};

struct arith {
	struct shell *sh;
	const char *expr;	/* the whole expression, for messages */
	const char *p;		/* next character to lex */
	enum arith_tok tok;	/* current token */
	intmax_t num;		/* TOK_NUM: its value */
	const char *name;	/* TOK_VAR: the name (not terminated) */
	size_t namelen;
	int depth;		/* current nesting */
	bool err;		/* an error has been reported */
};

static intmax_t arith_assignment(struct arith *a, bool noeval);

static void arith_fail(struct arith *a, const char *what)
{
	if (!a->err) {
		sh_error(a->sh, "arithmetic expression: %s: \"%s\"", what,
			 a->expr);
		a->err = true;
	}
	a->tok = TOK_END;
}

static bool is_name_start(int c)
{
	return c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static bool is_name_char(int c)
{
	return is_name_start(c) || (c >= '0' && c <= '9');
}

/* The operator at s (set *len), TOK_BAD if none. */
static enum arith_tok arith_op(const char *s, size_t *len)
{
	char c = s[0], d = s[1];

	*len = 1;
	switch (c) {
	case '(':
		return TOK_LPAREN;
	case ')':
		return TOK_RPAREN;
	case '?':
		return TOK_QMARK;
	case ':':
		return TOK_COLON;
	case '~':
		return TOK_BNOT;
	case '!':
		if (d == '=') {
			*len = 2;
			return TOK_NE;
		}
		return TOK_NOT;
	case '=':
		if (d == '=') {
			*len = 2;
			return TOK_EQ;
		}
		return TOK_ASSIGN;
	case '<':
	case '>':
		if (d == c) {
			if (s[2] == '=') {
				*len = 3;
				return c == '<' ? TOK_ASSIGN_SHL :
					TOK_ASSIGN_SHR;
			}
			*len = 2;
			return c == '<' ? TOK_SHL : TOK_SHR;
		}
		if (d == '=') {
			*len = 2;
			return c == '<' ? TOK_LE : TOK_GE;
		}
		return c == '<' ? TOK_LT : TOK_GT;
	case '&':
	case '|':
		if (d == c) {
			*len = 2;
			return c == '&' ? TOK_LAND : TOK_LOR;
		}
		if (d == '=') {
			*len = 2;
			return c == '&' ? TOK_ASSIGN_BAND : TOK_ASSIGN_BOR;
		}
		return c == '&' ? TOK_BAND : TOK_BOR;
	case '^':
	case '*':
	case '/':
	case '%':
	case '+':
	case '-':
		break;
	default:
		return TOK_BAD;
	}
	if (d == '=') {
		*len = 2;
		switch (c) {
		case '^':
			return TOK_ASSIGN_BXOR;
		case '*':
			return TOK_ASSIGN_MUL;
		case '/':
			return TOK_ASSIGN_DIV;
		case '%':
			return TOK_ASSIGN_REM;
		case '+':
			return TOK_ASSIGN_ADD;
		default:
			return TOK_ASSIGN_SUB;
		}
	}
	switch (c) {
	case '^':
		return TOK_BXOR;
	case '*':
		return TOK_MUL;
	case '/':
		return TOK_DIV;
	case '%':
		return TOK_REM;
	case '+':
		return TOK_ADD;
	default:
		return TOK_SUB;
	}
}

/* Reads the next token into a->tok. */
static void arith_next(struct arith *a)
{
	const char *p = a->p;
	char *end;
	size_t len;

	if (a->err) {
		a->tok = TOK_END;
		return;
	}
	while (*p == ' ' || *p == '\t' || *p == '\n') {
		p++;
	}
	if (*p == '\0') {
		a->tok = TOK_END;
		a->p = p;
		return;
	}
	if (*p >= '0' && *p <= '9') {
		/* like dash: base 0 strtoimax, saturating on overflow */
		errno = 0;
		a->num = strtoimax(p, &end, 0);
		a->tok = TOK_NUM;
		a->p = end;
		return;
	}
	if (is_name_start((unsigned char)*p)) {
		a->name = p;
		while (is_name_char((unsigned char)*p)) {
			p++;
		}
		a->namelen = (size_t)(p - a->name);
		a->tok = TOK_VAR;
		a->p = p;
		return;
	}
	a->tok = arith_op(p, &len);
	a->p = p + (a->tok == TOK_BAD ? 0 : len);
}

/* The token after the current one, without consuming anything. */
static enum arith_tok arith_peek(struct arith *a)
{
	struct arith save = *a;
	enum arith_tok t;

	arith_next(a);
	t = a->tok;
	*a = save;
	return t;
}

/* The value of variable name[0..len) read as an integer constant. */
static intmax_t arith_lookup(struct arith *a, const char *name, size_t len)
{
	char small[64];
	char *key = len < sizeof(small) ? small : arena_alloc(len + 1);
	const char *val, *s;
	char *end;
	intmax_t v;

	memcpy(key, name, len);
	key[len] = '\0';
	val = var_get(a->sh, key);
	if (val == NULL) {
		return 0;
	}
	errno = 0;
	v = strtoimax(val, &end, 0);
	s = end;
	while (isspace((unsigned char)*s)) {
		s++;
	}
	if (errno == ERANGE || *s != '\0') {
		sh_error(a->sh, "Illegal number: %s", val);
		a->err = true;
		a->tok = TOK_END;
		return 0;
	}
	return v;
}

static void arith_store(struct arith *a, const char *name, size_t len,
			intmax_t v)
{
	char *key = arena_strndup(name, len);
	char num[32];

	snprintf(num, sizeof(num), "%jd", v);
	if (var_set(a->sh, key, num, 0) < 0) {
		a->err = true;
		a->tok = TOK_END;
	}
}

/* Binding strength of a binary operator token, 0 if it is not one. */
static int arith_prec(enum arith_tok t)
{
	switch (t) {
	case TOK_MUL:
	case TOK_DIV:
	case TOK_REM:
		return 10;
	case TOK_ADD:
	case TOK_SUB:
		return 9;
	case TOK_SHL:
	case TOK_SHR:
		return 8;
	case TOK_LT:
	case TOK_LE:
	case TOK_GT:
	case TOK_GE:
		return 7;
	case TOK_EQ:
	case TOK_NE:
		return 6;
	case TOK_BAND:
		return 5;
	case TOK_BXOR:
		return 4;
	case TOK_BOR:
		return 3;
	case TOK_LAND:
		return 2;
	case TOK_LOR:
		return 1;
	default:
		return 0;
	}
}

/* Applies a binary operator (not && ||); wraps instead of overflowing. */
static intmax_t arith_apply(struct arith *a, enum arith_tok op, intmax_t x,
			    intmax_t y)
{
	uintmax_t ux = (uintmax_t)x, uy = (uintmax_t)y;

	switch (op) {
	case TOK_MUL:
		return (intmax_t)(ux * uy);
	case TOK_DIV:
	case TOK_REM:
		if (y == 0) {
			arith_fail(a, "division by zero");
			return 0;
		}
		if (y == -1) {
			if (op == TOK_REM) {
				return 0;
			}
			if (x == INTMAX_MIN) {
				arith_fail(a, "integer overflow");
				return 0;
			}
		}
		return op == TOK_DIV ? x / y : x % y;
	case TOK_ADD:
		return (intmax_t)(ux + uy);
	case TOK_SUB:
		return (intmax_t)(ux - uy);
	case TOK_SHL:
		return (intmax_t)(ux << (uy & 63));
	case TOK_SHR:
		/* arithmetic shift of negative values, as gcc and dash do */
		return x >> (uy & 63);
	case TOK_LT:
		return x < y;
	case TOK_LE:
		return x <= y;
	case TOK_GT:
		return x > y;
	case TOK_GE:
		return x >= y;
	case TOK_EQ:
		return x == y;
	case TOK_NE:
		return x != y;
	case TOK_BAND:
		return x & y;
	case TOK_BXOR:
		return x ^ y;
	case TOK_BOR:
		return x | y;
	default:
		return 0;
	}
}

static bool arith_enter(struct arith *a)
{
	if (++a->depth > ARITH_MAX_DEPTH) {
		arith_fail(a, "nested too deeply");
		return false;
	}
	return true;
}

static intmax_t arith_primary(struct arith *a, bool noeval)
{
	intmax_t v;

	switch (a->tok) {
	case TOK_NUM:
		v = a->num;
		arith_next(a);
		return v;
	case TOK_VAR:
		v = noeval ? 0 : arith_lookup(a, a->name, a->namelen);
		arith_next(a);
		return v;
	case TOK_LPAREN:
		if (!arith_enter(a)) {
			return 0;
		}
		arith_next(a);
		v = arith_assignment(a, noeval);
		a->depth--;
		if (a->tok != TOK_RPAREN) {
			arith_fail(a, "expecting ')'");
			return 0;
		}
		arith_next(a);
		return v;
	default:
		arith_fail(a, "expecting primary");
		return 0;
	}
}

/* unary + - ! ~, right to left */
static intmax_t arith_unary(struct arith *a, bool noeval)
{
	enum arith_tok t = a->tok;
	intmax_t v;

	if (t != TOK_ADD && t != TOK_SUB && t != TOK_NOT && t != TOK_BNOT) {
		return arith_primary(a, noeval);
	}
	if (!arith_enter(a)) {
		return 0;
	}
	arith_next(a);
	v = arith_unary(a, noeval);
	a->depth--;
	switch (t) {
	case TOK_SUB:
		return (intmax_t)(0 - (uintmax_t)v);
	case TOK_NOT:
		return !v;
	case TOK_BNOT:
		return ~v;
	default:
		return v;
	}
}

/* Binary operators binding at least as tightly as minprec, left to right. */
static intmax_t arith_binary(struct arith *a, int minprec, bool noeval)
{
	intmax_t x = arith_unary(a, noeval), y;
	enum arith_tok op;
	int prec;

	for (;;) {
		op = a->tok;
		prec = arith_prec(op);
		if (prec == 0 || prec < minprec) {
			return x;
		}
		arith_next(a);
		if (op == TOK_LAND) {
			y = arith_binary(a, prec + 1, noeval || !x);
			x = x != 0 && y != 0;
		} else if (op == TOK_LOR) {
			y = arith_binary(a, prec + 1, noeval || x);
			x = x != 0 || y != 0;
		} else {
			y = arith_binary(a, prec + 1, noeval);
			if (!noeval && !a->err) {
				x = arith_apply(a, op, x, y);
			}
		}
	}
}

/* cond ? assignment : cond  (the false branch is not an assignment, as in
 * dash and the C grammar) */
static intmax_t arith_cond(struct arith *a, bool noeval)
{
	intmax_t c = arith_binary(a, 1, noeval), x, y;

	if (a->tok != TOK_QMARK) {
		return c;
	}
	if (!arith_enter(a)) {
		return 0;
	}
	arith_next(a);
	x = arith_assignment(a, noeval || !c);
	if (a->tok != TOK_COLON) {
		arith_fail(a, "expecting ':'");
		return 0;
	}
	arith_next(a);
	y = arith_cond(a, noeval || c);
	a->depth--;
	return c ? x : y;
}

static bool is_assign_op(enum arith_tok t)
{
	return t >= TOK_ASSIGN && t <= TOK_ASSIGN_BOR;
}

/* The binary operator of a compound assignment operator. */
static enum arith_tok assign_binop(enum arith_tok t)
{
	static const enum arith_tok ops[] = {
		TOK_MUL, TOK_DIV, TOK_REM, TOK_ADD, TOK_SUB, TOK_SHL,
		TOK_SHR, TOK_BAND, TOK_BXOR, TOK_BOR,
	};

	return ops[t - TOK_ASSIGN_MUL];
}

/* NAME op= assignment | cond */
static intmax_t arith_assignment(struct arith *a, bool noeval)
{
	const char *name;
	size_t namelen;
	enum arith_tok op;
	intmax_t v;

	if (a->tok != TOK_VAR || !is_assign_op(arith_peek(a))) {
		return arith_cond(a, noeval);
	}
	if (!arith_enter(a)) {
		return 0;
	}
	name = a->name;
	namelen = a->namelen;
	arith_next(a);
	op = a->tok;
	arith_next(a);
	v = arith_assignment(a, noeval);
	a->depth--;
	if (noeval || a->err) {
		return v;
	}
	if (op != TOK_ASSIGN) {
		/* like dash, the old value is read after the right side */
		v = arith_apply(a, assign_binop(op),
				arith_lookup(a, name, namelen), v);
		if (a->err) {
			return 0;
		}
	}
	arith_store(a, name, namelen, v);
	return v;
}

int arith_eval(struct shell *sh, const char *expr, intmax_t *result)
{
	struct arith a;
	intmax_t v;

	memset(&a, 0, sizeof(a));
	a.sh = sh;
	a.expr = expr;
	a.p = expr;
	arith_next(&a);
	v = arith_assignment(&a, false);
	if (!a.err && a.tok != TOK_END) {
		arith_fail(&a, "expecting EOF");
	}
	if (a.err) {
		return -1;
	}
	*result = v;
	return 0;
}
