/*
 * nlu.h - the words of a question: tokenizer, normaliser, stemmer and
 * fuzzy matching, the layer every other part of the ask engine reads.
 *
 * nlu_parse() turns raw text (any bytes: it never fails) into at most
 * NLU_MAX_TOKENS tokens.  Each token keeps the text as typed (raw, case
 * preserved, surrounding punctuation trimmed: "~/src/letters",
 * "ch-06.md", "Theo"), a normal form (lower case, contractions split,
 * informal spellings and abbreviations replaced from a table: "yday" ->
 * "yesterday", "u" -> "you", "folder" -> "directory") and a Porter-lite
 * stem of the normal form ("running" -> "run", "files" -> "file").
 * Later layers mark tokens they consume (NLU_F_USED) so that what is left
 * over is the question's topic.
 *
 * Memory: an nlu owns its token strings; nlu_release() frees them.
 */
#ifndef HERSH_NLU_H
#define HERSH_NLU_H

#include <stdbool.h>
#include <stddef.h>

/* Tokens kept per question; the rest of a longer question is ignored. */
#define NLU_MAX_TOKENS 64
/* Bytes of a question looked at; the rest is ignored. */
#define NLU_MAX_INPUT 2048
/* Longest token kept (longer ones are cut). */
#define NLU_MAX_WORD 200

enum nlu_flag {
	NLU_F_STOP = 1 << 0,	/* a function word ("the", "did") */
	NLU_F_USED = 1 << 1,	/* consumed by a slot */
	NLU_F_QUOTED = 1 << 2,	/* text between double quotes */
	NLU_F_SYNTH = 1 << 3,	/* produced by expanding another token */
	NLU_F_NUMBER = 1 << 4,	/* all digits */
	NLU_F_CAPITAL = 1 << 5,	/* typed with a capital first letter */
	NLU_F_PATHLIKE = 1 << 6,	/* has '/', '~', or a dot inside */
};

struct nlu_token {
	char *raw;		/* as typed, trimmed ("" for synthesized) */
	char *norm;		/* normal form, lower case */
	char *stem;		/* stem of norm */
	unsigned flags;		/* enum nlu_flag */
};

struct nlu {
	struct nlu_token tok[NLU_MAX_TOKENS];
	int n;
	bool question_mark;	/* the text ended with '?' */
	bool truncated;		/* input or token count was cut */
};

/* Splits text into tokens (see above).  Always succeeds; on allocation
 * failure the tokens made so far are kept. */
void nlu_parse(struct nlu *q, const char *text);
void nlu_release(struct nlu *q);

/* Stems a lower-case ASCII word in place (Porter's algorithm, steps
 * 1-5, lightly simplified).  Words of 2 letters or fewer are kept. */
void nlu_stem(char *word);

/* Whether w (a normal form) is a function word. */
bool nlu_is_stopword(const char *w);

/*
 * Optimal-string-alignment edit distance between a and b (insertions,
 * deletions, substitutions, adjacent transpositions), or max + 1 when it
 * is larger than max.  Compares bytes, case-sensitively.
 */
int nlu_distance(const char *a, const char *b, int max);
/* The edit distance allowed for a typo of a word of len bytes:
 * 0 up to 3, 1 up to 5, 2 beyond. */
int nlu_typo_budget(size_t len);
/* Whether a and b are the same word up to a typo (nlu_typo_budget of
 * the shorter; both lower case). */
bool nlu_fuzzy_eq(const char *a, const char *b);

/* Index of the first token (from start) whose norm is w, or -1. */
int nlu_find(const struct nlu *q, int start, const char *w);
/* Whether any token's norm is w / any token's stem is s. */
bool nlu_has(const struct nlu *q, const char *w);
bool nlu_has_stem(const struct nlu *q, const char *s);
/* Whether tokens i, i+1, ... have the normal forms of the space-separated
 * words in phrase. */
bool nlu_phrase_at(const struct nlu *q, int i, const char *phrase);
/* Index of the first token where phrase starts, or -1. */
int nlu_find_phrase(const struct nlu *q, const char *phrase);

#endif
