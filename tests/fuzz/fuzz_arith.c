/*
 * fuzz_arith.c - libFuzzer target for arith_eval().
 *
 * The input is one expression (cut at the first NUL).  Variables x, y and
 * n start with values that reach the overflow corners; assignments made by
 * the input are dropped with the variable table after each run.  Any
 * crash, sanitizer report or leak is a bug: errors must come back as -1.
 * Run with -close_fd_mask=2 to hide the shell's error messages.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "arith.h"
#include "shell.h"
#include "var.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct shell sh;
	struct arena_mark m;
	intmax_t v;
	char *expr;

	if (size > 4096) {
		return 0;
	}
	sh.arg0 = "hersh";
	sh.vars = var_table_new();
	var_set(&sh, "x", "5", 0);
	var_set(&sh, "y", "-9223372036854775808", 0);
	var_set(&sh, "n", "-1", 0);
	var_set(&sh, "r", "3", VAR_READONLY);
	arena_mark(&m);
	expr = arena_strndup((const char *)data, size);
	(void)arith_eval(&sh, expr, &v);
	arena_pop(&m);
	var_table_free(sh.vars);
	sh.vars = NULL;
	return 0;
}
