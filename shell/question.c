/*
 * question.c - is this line a question for the companion?
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <hersh/buf.h>
#include <hersh/xalloc.h>

#include "alias.h"
#include "builtin.h"
#include "exec.h"
#include "path.h"
#include "question.h"
#include "shell.h"
#include "var.h"

/* Words that open a question or a request to the companion. */
static const char *const openers[] = {
	"any", "anything", "are", "can", "could", "did", "do", "does",
	"hello", "hey", "hi", "how", "howdy", "is", "remind", "tell",
	"thank", "thanks", "wat", "was", "were", "what", "whats", "when",
	"whens", "where", "wheres", "which", "who", "whos", "whom", "whose",
	"why", "will", "would", "should", "have", "has", "had", "ya", "yo",
	NULL,
};

static const char *const reserved[] = {
	"!", "{", "}", "case", "do", "done", "elif", "else", "esac", "fi",
	"for", "if", "in", "then", "until", "while", NULL,
};

static bool in_list(const char *const *list, const char *w)
{
	for (; *list != NULL; list++) {
		if (strcmp(*list, w) == 0) {
			return true;
		}
	}
	return false;
}

/* Is word the name of something the shell would run? */
static bool is_command(struct shell *sh, const char *word)
{
	if (in_list(reserved, word) || builtin_find(word) != NULL ||
	    func_get(sh, word) != NULL || alias_get(sh->aliases, word)) {
		return true;
	}
	if (strchr(word, '/') != NULL) {
		return true;
	}
	return path_lookup(sh, word, NULL, NULL) != NULL;
}

/* The companion's name: $HERSH_NAME or "hersh". */
static const char *companion_name(struct shell *sh)
{
	const char *n = var_get(sh, "HERSH_NAME");

	return n != NULL && n[0] != '\0' ? n : "hersh";
}

/* Lower-cases the first word of s into w (letters, digits, '), dropping
 * apostrophes ("what's" -> "whats"). */
static void first_word(const char *s, char *w, size_t size, size_t *len)
{
	size_t i = 0, n = 0;

	while (s[i] != '\0' && !isspace((unsigned char)s[i])) {
		if (isalnum((unsigned char)s[i]) && n + 1 < size) {
			w[n++] = (char)tolower((unsigned char)s[i]);
		}
		i++;
	}
	w[n] = '\0';
	*len = i;
}

static char *trimmed(const char *s, size_t n)
{
	while (n > 0 && isspace((unsigned char)*s)) {
		s++;
		n--;
	}
	while (n > 0 && isspace((unsigned char)s[n - 1])) {
		n--;
	}
	return xstrndup(s, n);
}

char *question_detect(struct shell *sh, const char *line)
{
	const char *p = line, *name;
	char word[64], raw[256];
	size_t len, n;

	while (*p == ' ' || *p == '\t') {
		p++;
	}
	if (*p == '?') {
		return trimmed(p + 1, strlen(p + 1));
	}
	if (*p == '\0' || *p == '#') {
		return NULL;
	}
	first_word(p, word, sizeof(word), &len);
	if (len >= sizeof(raw) || word[0] == '\0') {
		return NULL;
	}
	memcpy(raw, p, len);
	raw[len] = '\0';
	/* the word as the shell would see it, without trailing , ? ! */
	for (n = len; n > 0 && strchr(",?!.:;", raw[n - 1]); n--) {
		raw[n - 1] = '\0';
	}
	name = companion_name(sh);
	if (strcasecmp(raw, name) == 0 && n < len) {
		/* "hersh, what ..." addresses the companion */
		return trimmed(p, strlen(p));
	}
	if (raw[0] == '\0' || strchr(raw, '=') != NULL ||
	    strpbrk(raw, "$`\\\"|&;<>()") != NULL || is_command(sh, raw)) {
		return NULL;
	}
	n = strlen(p);
	while (n > 0 && isspace((unsigned char)p[n - 1])) {
		n--;
	}
	if ((n > 0 && p[n - 1] == '?') || in_list(openers, word)) {
		return trimmed(p, strlen(p));
	}
	/* "hey hersh", "ok hersh" */
	first_word(p + len + strspn(p + len, " \t"), word, sizeof(word), &n);
	if (strcasecmp(word, name) == 0) {
		return trimmed(p, strlen(p));
	}
	return NULL;
}

char *question_command(const char *question)
{
	struct buf b = BUF_INIT;

	buf_puts(&b, "ask ");
	sh_quote(&b, question);
	return buf_steal(&b, NULL);
}
