/*
 * fuzz_parse.c - libFuzzer target for the lexer, parser and printer.
 *
 * The input bytes are a script (read through an fd, so NUL bytes and
 * missing newlines reach the lexer as they would from a file).  Every
 * command is parsed with a few aliases defined, printed, and the printed
 * text parsed and printed again; everything is freed.  A printed form
 * that does not print the same after the second parse aborts (the
 * round-trip property of ast_print()), unless HERSH_FUZZ_NO_ROUNDTRIP is
 * set in the environment.
 */
#include <fcntl.h>
#include <sanitizer/common_interface_defs.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include <hersh/buf.h>
#include <hersh/io.h>

#include "alias.h"
#include "arena.h"
#include "ast.h"
#include "input.h"
#include "parse.h"
#include "shell.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static struct shell fuzz_sh;

/* Prints every command of in (one per line) into out. */
static void print_all(struct input *in, struct buf *out)
{
	struct parser *p = parser_new(&fuzz_sh, in);
	struct pool *pool;
	struct node *n;
	enum parse_result r;

	while ((r = parser_next(p, &n, &pool)) != PARSE_EOF) {
		if (r == PARSE_ERROR) {
			buf_puts(out, "\n#error\n");
			continue;
		}
		if (n != NULL) {
			ast_print(out, n);
			buf_putc(out, '\n');
		}
		pool_unref(pool);
	}
	parser_free(p);
}

static void fuzz_init(void)
{
	fuzz_sh.aliases = alias_table_new();
	alias_set(fuzz_sh.aliases, "ll", "ls -l");
	alias_set(fuzz_sh.aliases, "e", "echo ");
	alias_set(fuzz_sh.aliases, "rec", "rec x");
	alias_set(fuzz_sh.aliases, "nl", "echo a\necho b");
	alias_set(fuzz_sh.aliases, "kw", "if");
	shell_main = &fuzz_sh;
	/* sanitizer reports must not go where syntax errors go */
	__sanitizer_set_report_fd((void *)(intptr_t)dup(2));
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static bool ready;
	struct buf first = BUF_INIT, second = BUF_INIT;
	struct alias_table *aliases;
	struct input *in;
	int fd, saved_err, devnull;

	if (!ready) {
		fuzz_init();
		ready = true;
	}
	fd = memfd_create("fuzz_parse", 0);
	if (fd < 0 || io_write_all(fd, data, size) < 0
	    || lseek(fd, 0, SEEK_SET) < 0) {
		abort();
	}
	/* syntax errors are expected: keep their messages quiet */
	saved_err = dup(2);
	devnull = open("/dev/null", O_WRONLY);
	dup2(devnull, 2);
	close(devnull);

	in = input_new_fd(fd, true);
	print_all(in, &first);
	input_free(in);
	if (strstr(buf_str(&first), "#error") == NULL) {
		/* aliases were expanded in the first print already */
		aliases = fuzz_sh.aliases;
		fuzz_sh.aliases = NULL;
		in = input_new_string(buf_str(&first), first.len);
		print_all(in, &second);
		input_free(in);
		fuzz_sh.aliases = aliases;
		if (getenv("HERSH_FUZZ_NO_ROUNDTRIP") == NULL
		    && strcmp(buf_str(&first), buf_str(&second)) != 0) {
			dup2(saved_err, 2);
			io_write_all(2, first.data, first.len);
			io_write_all(2, "\n----\n", 6);
			io_write_all(2, buf_str(&second), second.len);
			abort();
		}
	}
	dup2(saved_err, 2);
	close(saved_err);
	buf_release(&first);
	buf_release(&second);
	return 0;
}
