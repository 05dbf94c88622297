/*
 * test_nlu.c - tokenizer, normaliser, stemmer and edit distance.
 */
#include <stdlib.h>
#include <string.h>

#include "nlu.h"
#include "test.h"

static void test_tokens(void)
{
	struct nlu q;

	nlu_parse(&q, "What's the last   cmd I ran in ~/src/letters?");
	CHECK(q.question_mark);
	CHECK_INT(q.n, 9);
	CHECK_STR(q.tok[0].norm, "what");
	CHECK_STR(q.tok[1].norm, "is");
	CHECK(q.tok[1].flags & NLU_F_SYNTH);
	CHECK_STR(q.tok[4].norm, "command");
	CHECK_STR(q.tok[4].raw, "cmd");
	CHECK_STR(q.tok[8].raw, "~/src/letters");
	CHECK(q.tok[8].flags & NLU_F_PATHLIKE);
	nlu_release(&q);
}

static void test_informal(void)
{
	struct nlu q;

	nlu_parse(&q, "wat did u run yday in letters");
	CHECK_STR(q.tok[0].norm, "what");
	CHECK_STR(q.tok[2].norm, "you");
	CHECK_STR(q.tok[4].norm, "yesterday");
	nlu_release(&q);
	nlu_parse(&q, "didn't I email Amy's boss? “quoted text”");
	CHECK_STR(q.tok[0].norm, "did");
	CHECK_STR(q.tok[1].norm, "not");
	CHECK_STR(q.tok[4].norm, "amy");
	CHECK_STR(q.tok[4].raw, "Amy");
	CHECK(q.tok[q.n - 1].flags & NLU_F_QUOTED);
	CHECK_STR(q.tok[q.n - 1].raw, "quoted text");
	nlu_release(&q);
}

static void test_options_and_files(void)
{
	struct nlu q;

	nlu_parse(&q, "hugo server -D, then edit todo.md and ch-06.md.");
	CHECK_STR(q.tok[2].raw, "-D");
	CHECK_STR(q.tok[5].raw, "todo.md");
	CHECK_STR(q.tok[7].raw, "ch-06.md");
	nlu_release(&q);
}

static void test_stem(void)
{
	static const char *const cases[][2] = {
		{ "running", "run" }, { "files", "file" }, { "edited", "edit" },
		{ "numerically", "numer" }, { "directories", "directori" },
		{ "hidden", "hidden" }, { "executable", "execut" },
		{ "executing", "execut" }, { "grows", "grow" }, { "ls", "ls" },
		{ "caresses", "caress" }, { "ponies", "poni" },
	};
	char w[64];
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		strcpy(w, cases[i][0]);
		nlu_stem(w);
		CHECK_STR(w, cases[i][1]);
	}
}

static void test_distance(void)
{
	CHECK_INT(nlu_distance("pyhton", "python", 2), 1);
	CHECK_INT(nlu_distance("kitten", "sitting", 5), 3);
	CHECK_INT(nlu_distance("abc", "abc", 0), 0);
	CHECK_INT(nlu_distance("abcdef", "uvwxyz", 2), 3);
	CHECK(nlu_fuzzy_eq("yesterdy", "yesterday"));
	CHECK_INT(nlu_typo_budget(4), 1);
	CHECK_INT(nlu_typo_budget(3), 0);
	CHECK(!nlu_fuzzy_eq("cat", "cut"));
}

static void test_hostile(void)
{
	struct nlu q;
	char *big = malloc(100001);
	size_t i;

	for (i = 0; i < 100000; i++) {
		big[i] = (char)(i % 7 == 0 ? ' ' : 'a' + i % 26);
	}
	big[100000] = '\0';
	nlu_parse(&q, big);
	CHECK(q.n <= NLU_MAX_TOKENS);
	CHECK(q.truncated);
	nlu_release(&q);
	for (i = 0; i < 100000; i++) {
		big[i] = (char)(1 + (i * 7919) % 255);
	}
	nlu_parse(&q, big);
	CHECK(q.n <= NLU_MAX_TOKENS);
	nlu_release(&q);
	nlu_parse(&q, "");
	CHECK_INT(q.n, 0);
	nlu_release(&q);
	nlu_parse(&q, "'; DROP TABLE commands; -- %s%n%x");
	CHECK(q.n > 0);
	nlu_release(&q);
	free(big);
}

int main(void)
{
	TEST_RUN(test_tokens);
	TEST_RUN(test_informal);
	TEST_RUN(test_options_and_files);
	TEST_RUN(test_stem);
	TEST_RUN(test_distance);
	TEST_RUN(test_hostile);
	return test_summary();
}
