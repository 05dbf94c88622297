/*
 * test_question.c - questions typed at the prompt vs commands.
 *
 * The rule that matters most: a real command is never taken for a
 * question.  The test proves it for every command on this machine's PATH
 * whose name is an English word (/usr/share/dict/words).
 */
#include <dirent.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "test.h"

#include <hersh/xalloc.h>

#include "alias.h"
#include "ast.h"
#include "exec.h"
#include "jobs.h"
#include "question.h"
#include "shell.h"
#include "var.h"

extern char **environ;

static struct shell *sh;

static struct shell *make_shell(void)
{
	struct shell *s = xcalloc(1, sizeof(*s));

	s->vars = var_table_new();
	s->funcs = func_table_new();
	s->aliases = alias_table_new();
	s->jobs = jobs_table_new();
	s->arg0 = xstrdup("hersh");
	var_import_environ(s, environ);
	return s;
}

static void free_shell(struct shell *s)
{
	var_table_free(s->vars);
	func_table_free(s->funcs);
	alias_table_free(s->aliases);
	jobs_table_free(s->jobs);
	free(s->arg0);
	free(s);
}

/* Is the line detected as a question, and is the text right? */
static void is_q(const char *line, const char *want)
{
	char *q = question_detect(sh, line);

	if (want == NULL) {
		if (q != NULL) {
			fprintf(stderr, "taken for a question: \"%s\"\n", line);
		}
		CHECK(q == NULL);
	} else {
		CHECK_STR(q, want);
	}
	free(q);
}

static void test_questions(void)
{
	is_q("what did I run yesterday in ~/src/letters",
	     "what did I run yesterday in ~/src/letters");
	is_q("wat did i run yday in letters", "wat did i run yday in letters");
	is_q("  how do I list hidden files  ", "how do I list hidden files");
	is_q("what's your name", "what's your name");
	is_q("any new mail?", "any new mail?");
	is_q("did the build fail", "did the build fail");
	is_q("? disk space", "disk space");
	is_q("?call me Theo", "call me Theo");
	is_q("hersh, call me Theo", "hersh, call me Theo");
	is_q("hey hersh what time is it", "hey hersh what time is it");
	is_q("mail from amy?", "mail from amy?");
	is_q("When's my last commit", "When's my last commit");
}

static void test_commands(void)
{
	is_q("", NULL);
	is_q("   ", NULL);
	is_q("# what is this", NULL);
	is_q("ls -la", NULL);
	is_q("ls what?", NULL);
	is_q("echo how are you?", NULL);
	is_q("which python3", NULL);
	is_q("who", NULL);
	is_q("time make", NULL);
	is_q("yes", NULL);
	is_q("mkdir what", NULL);
	is_q("exit", NULL);
	is_q("cd where?", NULL);
	is_q("x=what?", NULL);
	is_q("./what?", NULL);
	is_q("if true; then echo what; fi", NULL);
	is_q("for x in what; do :; done", NULL);
	is_q("sl", NULL);
	is_q("gti status", NULL);
}

static void test_functions_and_aliases(void)
{
	alias_set(sh->aliases, "what", "echo aliased");
	is_q("what is this?", NULL);
	alias_unset(sh->aliases, "what");
	static struct node body = { .type = NODE_GROUP };

	func_set(sh, "how", &body, NULL);
	is_q("how do I", NULL);
	func_unset(sh, "how");
	is_q("how do I", "how do I");
}

static int compare(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Every PATH command that is an English word stays a command. */
static void test_path_words(void)
{
	const char *path = getenv("PATH");
	char *copy, *dir, *save = NULL, line[512];
	FILE *dict = fopen("/usr/share/dict/words", "r");
	char **words = NULL;
	size_t nwords = 0, cap = 0, i, checked = 0;
	struct dirent *d;
	DIR *dp;

	if (dict == NULL || path == NULL) {
		fprintf(stderr, "skip: no /usr/share/dict/words\n");
		if (dict != NULL) {
			fclose(dict);
		}
		return;
	}
	while (fgets(line, sizeof(line), dict) != NULL) {
		line[strcspn(line, "\n")] = '\0';
		if (nwords == cap) {
			cap = cap ? cap * 2 : 1024;
			words = xreallocarray(words, cap, sizeof(*words));
		}
		words[nwords++] = xstrdup(line);
	}
	fclose(dict);
	qsort(words, nwords, sizeof(*words), compare);
	copy = xstrdup(path);
	for (dir = strtok_r(copy, ":", &save); dir != NULL;
	     dir = strtok_r(NULL, ":", &save)) {
		dp = opendir(dir);
		if (dp == NULL) {
			continue;
		}
		while ((d = readdir(dp)) != NULL) {
			const char *name = d->d_name;

			if (name[0] == '.' ||
			    bsearch(&name, words, nwords, sizeof(*words),
				    compare) == NULL) {
				continue;
			}
			snprintf(line, sizeof(line), "%s what is this?",
				 d->d_name);
			is_q(line, NULL);
			snprintf(line, sizeof(line), "%s", d->d_name);
			is_q(line, NULL);
			checked++;
		}
		closedir(dp);
	}
	printf("PATH commands that are English words, checked: %zu\n",
	       checked);
	CHECK(checked > 50);
	for (i = 0; i < nwords; i++) {
		free(words[i]);
	}
	free(words);
	free(copy);
}

int main(void)
{
	sh = make_shell();
	shell_main = sh;
	TEST_RUN(test_questions);
	TEST_RUN(test_commands);
	TEST_RUN(test_functions_and_aliases);
	TEST_RUN(test_path_words);
	free_shell(sh);
	return test_summary();
}
