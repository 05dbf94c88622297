/*
 * test_docs.c - the man-page indexer: roff (man and mdoc) parsing, gzip
 * reading, indexing a directory in slices (resumable, refreshed when a
 * page changes) and a how-to answer from it.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include <utime.h>

#include <zlib.h>

#include <hersh/buf.h>

#include "docs.h"
#include "howto.h"
#include "nlu.h"
#include "store.h"
#include "test.h"
#include "vocab.h"

static const char ls_page[] =
	".\\\" a comment\n"
	".TH LS \"1\" \"2024\" \"GNU coreutils\" \"User Commands\"\n"
	".de XX\n.B nonsense\n..\n"
	".SH NAME\n"
	"ls \\- list directory contents\n"
	".SH SYNOPSIS\n"
	".B ls\n[\\fI\\,OPTION\\/\\fR]... [\\fI\\,FILE\\/\\fR]...\n"
	".SH DESCRIPTION\n"
	"List information about the FILEs.\n"
	".TP\n"
	"\\fB\\-a\\fR, \\fB\\-\\-all\\fR\n"
	"do not ignore entries starting with .\n"
	".TP\n"
	".BR \\-l \n"
	"use a long listing format\n"
	".IP \"\\fB\\-t\\fR\" 4\n"
	"sort by time, newest first\n"
	".PP\n"
	"Plain text that is no option.\n";

static const char mdoc_page[] =
	".Dd March 1, 2024\n.Dt TAIL 1\n.Os\n"
	".Sh NAME\n.Nm tail\n.Nd display the last part of a file\n"
	".Sh DESCRIPTION\n.Bl -tag -width Ds\n"
	".It Fl f\nDo not stop when end-of-file is reached; wait for data to "
	"be appended.\n"
	".It Fl n Ar number\nThe location is number lines.\n.El\n";

struct opts {
	int n;
	char first[64];
	char first_text[128];
	char last[64];
};

static int on_opt(const char *opt, const char *text, void *arg)
{
	struct opts *o = arg;

	if (o->n++ == 0) {
		snprintf(o->first, sizeof(o->first), "%s", opt);
		snprintf(o->first_text, sizeof(o->first_text), "%s", text);
	}
	snprintf(o->last, sizeof(o->last), "%s", opt);
	return 0;
}

static void test_parse_man(void)
{
	struct docs_page p;
	struct opts o = { 0 };

	CHECK_INT(docs_parse(ls_page, strlen(ls_page), &p, on_opt, &o), 3);
	CHECK_STR(p.names, "ls");
	CHECK_STR(p.summary, "list directory contents");
	CHECK(strstr(p.synopsis, "OPTION") != NULL);
	CHECK_STR(p.description, "List information about the FILEs.");
	CHECK_STR(o.first, "-a, --all");
	CHECK_STR(o.first_text, "do not ignore entries starting with .");
	CHECK_STR(o.last, "-t");
	CHECK_INT(docs_parse(".so man1/ls.1\n", 14, &p, NULL, NULL), -1);
}

static void test_parse_mdoc(void)
{
	struct docs_page p;
	struct opts o = { 0 };

	CHECK_INT(docs_parse(mdoc_page, strlen(mdoc_page), &p, on_opt, &o), 2);
	CHECK_STR(p.summary, "display the last part of a file");
	CHECK_STR(o.first, "-f");
	CHECK_STR(o.last, "-n number");
}

static void test_parse_hostile(void)
{
	struct docs_page p;
	char junk[4096];
	size_t i;

	for (i = 0; i < sizeof(junk); i++) {
		junk[i] = (char)("\\.\n\"fB(-TPIS"[i * 7 % 13]);
	}
	docs_parse(junk, sizeof(junk), &p, NULL, NULL);
	docs_parse("", 0, &p, NULL, NULL);
	docs_parse(".TP\n\\", 5, &p, NULL, NULL);
	CHECK(1);
}

static char dir[64];

static void write_gz(const char *path, const char *text)
{
	gzFile gz = gzopen(path, "wb");

	gzwrite(gz, text, (unsigned)strlen(text));
	gzclose(gz);
}

static void test_read_gz(void)
{
	struct buf b = BUF_INIT;
	char path[128];

	snprintf(path, sizeof(path), "%s/man1/ls.1.gz", dir);
	write_gz(path, ls_page);
	CHECK_INT(docs_read(path, &b, DOCS_MAX_PAGE), 0);
	CHECK_INT(b.len, strlen(ls_page));
	buf_reset(&b);
	CHECK_INT(docs_read(path, &b, 10), 0);
	CHECK_INT(b.len, 10);
	buf_release(&b);
}

static int answer(struct store *st, const char *text, struct buf *out)
{
	struct nlu q;
	int rc;

	nlu_parse(&q, text);
	rc = howto_answer(st, &q, vocab_get(st), out);
	nlu_release(&q);
	return rc;
}

static void test_index_and_search(void)
{
	struct buf err = BUF_INIT, out = BUF_INIT;
	const char *dirs[2];
	char path[128], mandir[128];
	struct store *st;
	int64_t pages = 0, opts = 0;
	int rc, steps = 0;
	struct utimbuf ut;

	snprintf(mandir, sizeof(mandir), "%s/man1", dir);
	snprintf(path, sizeof(path), "%s/man1/tail.1", dir);
	{
		FILE *f = fopen(path, "w");

		fputs(mdoc_page, f);
		fclose(f);
	}
	dirs[0] = mandir;
	dirs[1] = NULL;
	docs_set_dirs(dirs);
	snprintf(path, sizeof(path), "%s/memory.db", dir);
	st = store_open(path, &err);
	CHECK(st != NULL);
	while ((rc = docs_step(st, 5)) == 0 && steps++ < 100) {
	}
	CHECK_INT(rc, 1);
	CHECK(docs_complete());
	store_doc_counts(st, &pages, &opts);
	CHECK_INT(pages, 2);
	CHECK_INT(opts, 5);
	CHECK_INT(answer(st, "how do I list hidden files", &out), 0);
	CHECK(strstr(buf_str(&out), "ls -a") != NULL);
	CHECK(strstr(buf_str(&out), "ls(1)") != NULL);
	buf_reset(&out);
	CHECK_INT(answer(st, "how do I keep reading a file as data is appended",
			 &out), 0);
	CHECK(strstr(buf_str(&out), "tail -f") != NULL);
	buf_reset(&out);
	/* a complete index is not read again ... */
	docs_reset();
	CHECK_INT(docs_step(st, 5), 1);
	/* ... until a page changes */
	snprintf(path, sizeof(path), "%s/man1/tail.1", dir);
	ut.actime = ut.modtime = time(NULL) + 5;
	utime(path, &ut);
	utime(mandir, &ut);
	docs_reset();
	steps = 0;
	while ((rc = docs_step(st, 5)) == 0 && steps++ < 100) {
	}
	CHECK_INT(rc, 1);
	store_doc_counts(st, &pages, &opts);
	CHECK_INT(pages, 2);
	CHECK_INT(opts, 5);
	/* a page removed from the disk leaves the index */
	unlink(path);
	utime(mandir, &ut);
	ut.actime = ut.modtime = time(NULL) + 10;
	utime(mandir, &ut);
	docs_reset();
	steps = 0;
	while ((rc = docs_step(st, 5)) == 0 && steps++ < 100) {
	}
	store_doc_counts(st, &pages, &opts);
	CHECK_INT(pages, 1);
	docs_set_dirs(NULL);
	docs_reset();
	vocab_free();
	store_close(st);
	buf_release(&err);
	buf_release(&out);
}

int main(void)
{
	char cmd[160];

	snprintf(dir, sizeof(dir), "/tmp/hersh-docs.XXXXXX");
	if (mkdtemp(dir) == NULL) {
		return 1;
	}
	snprintf(cmd, sizeof(cmd), "%s/man1", dir);
	mkdir(cmd, 0700);
	TEST_RUN(test_parse_man);
	TEST_RUN(test_parse_mdoc);
	TEST_RUN(test_parse_hostile);
	TEST_RUN(test_read_gz);
	TEST_RUN(test_index_and_search);
	snprintf(cmd, sizeof(cmd), "rm -rf %s", dir);
	if (system(cmd) != 0) {
		fprintf(stderr, "could not remove %s\n", dir);
	}
	return test_summary();
}
