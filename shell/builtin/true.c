/*
 * true.c - true, false and the special builtin `:` (XCU 2.14 colon,
 * XCU true, false).
 */
#include "builtin.h"

/* `:` - expands its arguments (done by the caller) and returns 0 */
int builtin_colon(struct shell *sh, int argc, char **argv)
{
	return 0;
}

int builtin_true(struct shell *sh, int argc, char **argv)
{
	return 0;
}

int builtin_false(struct shell *sh, int argc, char **argv)
{
	return 1;
}
