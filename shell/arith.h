/*
 * arith.h - arithmetic expansion $(( )) (XCU 2.6.4): signed long
 * arithmetic with every C operator POSIX lists (no ++/--), assignment
 * operators, variables, decimal, octal (0NN) and hex (0xNN) constants.
 */
#ifndef HERSH_ARITH_H
#define HERSH_ARITH_H

#include <stdint.h>

struct shell;

/*
 * Evaluates expr (already parameter-expanded and quote-removed).  Variables
 * named in expr are read with var_get() (unset or empty = 0) and assigned
 * with var_set().  Returns 0 with *result set, or -1 after printing an
 * error ("arithmetic expression: division by zero: "...""); the caller then
 * calls sh_fatal().
 */
int arith_eval(struct shell *sh, const char *expr, intmax_t *result);

#endif
