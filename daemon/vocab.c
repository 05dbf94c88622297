/*
 * vocab.c - the user's vocabulary, kept up to date from the store (see
 * vocab.h).  Each kind is a string -> (count, last) hash table with open
 * addressing; entries live in one array so they can be listed.
 */
#include <ctype.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "store.h"
#include "vocab.h"

/* Entries kept per kind; rarer new keys beyond this are not added. */
#define VOCAB_MAX_ENTRIES 400000
/* Words of a command line that make prefixes. */
#define VOCAB_PREFIX_WORDS 4
/* Longest command line, path or word looked at. */
#define VOCAB_MAX_TEXT 512

struct vocab_table {
	struct vocab_entry *e;	/* entries */
	size_t n;
	size_t cap;
	uint32_t *slot;		/* index + 1 into e, 0 = empty */
	size_t nslot;		/* power of two */
};

struct vocab {
	struct store *st;
	uint64_t generation;	/* store_generation() at the last update */
	int64_t cmd_after;	/* ids already read */
	int64_t file_after;
	int64_t mail_after;
	struct vocab_table t[VOCAB_KINDS];
	char home[256];
	bool home_known;
};

static struct vocab *vocab_cache;

static uint32_t vocab_hash(const char *s)
{
	uint32_t h = 2166136261u;

	for (; *s != '\0'; s++) {
		h ^= (unsigned char)*s;
		h *= 16777619u;
	}
	return h;
}

static void vocab_table_free(struct vocab_table *t)
{
	size_t i;

	for (i = 0; i < t->n; i++) {
		free(t->e[i].text);
	}
	free(t->e);
	free(t->slot);
	memset(t, 0, sizeof(*t));
}

static bool vocab_table_grow(struct vocab_table *t)
{
	size_t nslot = t->nslot ? t->nslot * 2 : 1024, i;
	uint32_t *slot = calloc(nslot, sizeof(*slot));

	if (slot == NULL) {
		return false;
	}
	for (i = 0; i < t->n; i++) {
		size_t k = vocab_hash(t->e[i].text) & (nslot - 1);

		while (slot[k] != 0) {
			k = (k + 1) & (nslot - 1);
		}
		slot[k] = (uint32_t)i + 1;
	}
	free(t->slot);
	t->slot = slot;
	t->nslot = nslot;
	return true;
}

static struct vocab_entry *vocab_table_find(const struct vocab_table *t,
					    const char *text, size_t *at)
{
	size_t k;

	if (t->nslot == 0) {
		return NULL;
	}
	k = vocab_hash(text) & (t->nslot - 1);
	while (t->slot[k] != 0) {
		struct vocab_entry *e = &t->e[t->slot[k] - 1];

		if (strcmp(e->text, text) == 0) {
			return e;
		}
		k = (k + 1) & (t->nslot - 1);
	}
	if (at != NULL) {
		*at = k;
	}
	return NULL;
}

/* Counts text once more at time. */
static void vocab_add(struct vocab_table *t, const char *text, int64_t time)
{
	struct vocab_entry *e;
	size_t at = 0;

	if (text == NULL || text[0] == '\0') {
		return;
	}
	if (t->nslot == 0 && !vocab_table_grow(t)) {
		return;
	}
	e = vocab_table_find(t, text, &at);
	if (e != NULL) {
		e->count++;
		if (time > e->last) {
			e->last = time;
		}
		return;
	}
	if (t->n >= VOCAB_MAX_ENTRIES) {
		return;
	}
	if ((t->n + 1) * 2 > t->nslot) {
		if (!vocab_table_grow(t)) {
			return;
		}
		vocab_table_find(t, text, &at);
	}
	if (t->n == t->cap) {
		size_t cap = t->cap ? t->cap * 2 : 256;
		struct vocab_entry *ne = realloc(t->e, cap * sizeof(*ne));

		if (ne == NULL) {
			return;
		}
		t->e = ne;
		t->cap = cap;
	}
	e = &t->e[t->n];
	e->text = strdup(text);
	if (e->text == NULL) {
		return;
	}
	e->count = 1;
	e->last = time;
	t->slot[at] = (uint32_t)++t->n;
}

/* Adds the prefixes and the words of one command line. */
static void vocab_add_line(struct vocab *v, const char *line, int64_t time)
{
	char buf[VOCAB_MAX_TEXT];
	size_t len = strlen(line), i, words = 0;
	bool in_word = false, in_quote = false;

	if (len >= sizeof(buf)) {
		len = sizeof(buf) - 1;
	}
	memcpy(buf, line, len);
	buf[len] = '\0';
	/* prefixes: the first one to four words */
	for (i = 0; i <= len && words < VOCAB_PREFIX_WORDS; i++) {
		char c = buf[i];

		if (c == '"' || c == '\'') {
			in_quote = !in_quote;
		}
		if ((c == ' ' && !in_quote) || c == '\0') {
			if (in_word) {
				buf[i] = '\0';
				vocab_add(&v->t[VOCAB_PREFIX], buf, time);
				buf[i] = c;
				words++;
			}
			in_word = false;
		} else {
			in_word = true;
		}
	}
	/* words: split on anything but letters, digits, '-', '_', '.' */
	for (i = 0; i < len; i++) {
		buf[i] = (char)tolower((unsigned char)buf[i]);
	}
	i = 0;
	while (i < len) {
		size_t start;

		while (i < len && !(isalnum((unsigned char)buf[i]) ||
				    buf[i] == '-' || buf[i] == '_' ||
				    buf[i] == '.' || (unsigned char)buf[i] >= 0x80)) {
			i++;
		}
		start = i;
		while (i < len && (isalnum((unsigned char)buf[i]) ||
				   buf[i] == '-' || buf[i] == '_' ||
				   buf[i] == '.' || (unsigned char)buf[i] >= 0x80)) {
			i++;
		}
		if (i - start >= 2) {
			char c = buf[i];
			size_t end = i;

			while (end > start && buf[end - 1] == '.') {
				end--;
			}
			c = buf[end];
			buf[end] = '\0';
			vocab_add(&v->t[VOCAB_WORD], buf + start, time);
			/* "pi@kestrel.local": also "kestrel" */
			if (strchr(buf + start, '.') != NULL) {
				char *dot = strchr(buf + start, '.');

				*dot = '\0';
				if (dot - (buf + start) >= 3) {
					vocab_add(&v->t[VOCAB_WORD], buf + start,
						  time);
				}
				*dot = '.';
			}
			buf[end] = c;
		}
	}
}

static int vocab_on_cmd(const struct store_cmd_row *r, void *arg)
{
	struct vocab *v = arg;

	v->cmd_after = r->id;
	if (r->cmd.line != NULL) {
		vocab_add_line(v, r->cmd.line, r->cmd.time);
	}
	if (r->cmd.cwd != NULL) {
		vocab_add(&v->t[VOCAB_DIR], r->cmd.cwd, r->cmd.time);
	}
	return 0;
}

static int vocab_on_file(const struct store_file_row *r, void *arg)
{
	struct vocab *v = arg;

	v->file_after = r->id;
	vocab_add(&v->t[VOCAB_FILE], r->file.path, r->file.time);
	if (r->file.to_path != NULL) {
		vocab_add(&v->t[VOCAB_FILE], r->file.to_path, r->file.time);
	}
	return 0;
}

static int vocab_on_mail(const struct store_mail_row *r, void *arg)
{
	struct vocab *v = arg;

	v->mail_after = r->id;
	vocab_add(&v->t[VOCAB_PERSON], r->mail.from, r->mail.time);
	return 0;
}

/* The home directory: the most used "/home/NAME" (or "/root",
 * "/Users/NAME") that the recorded directories sit in. */
static void vocab_find_home(struct vocab *v)
{
	struct vocab_table *t = &v->t[VOCAB_DIR];
	int64_t best = 0;
	size_t i;

	v->home[0] = '\0';
	for (i = 0; i < t->n; i++) {
		const char *p = t->e[i].text;
		size_t len = 0;

		if (strncmp(p, "/home/", 6) == 0 || strncmp(p, "/Users/", 7) == 0) {
			const char *slash = strchr(p + (p[1] == 'h' ? 6 : 7), '/');

			len = slash ? (size_t)(slash - p) : strlen(p);
		} else if (strncmp(p, "/root", 5) == 0 &&
			   (p[5] == '\0' || p[5] == '/')) {
			len = 5;
		}
		if (len == 0 || len >= sizeof(v->home)) {
			continue;
		}
		if (t->e[i].count > best || v->home[0] == '\0') {
			best = t->e[i].count;
			memcpy(v->home, p, len);
			v->home[len] = '\0';
		}
	}
	if (v->home[0] == '\0') {
		const char *h = getenv("HOME");

		if (h != NULL && strlen(h) < sizeof(v->home)) {
			strcpy(v->home, h);
		}
	}
}

static void vocab_clear(struct vocab *v)
{
	int k;

	for (k = 0; k < VOCAB_KINDS; k++) {
		vocab_table_free(&v->t[k]);
	}
	v->cmd_after = v->file_after = v->mail_after = 0;
}

struct vocab *vocab_get(struct store *st)
{
	struct vocab *v = vocab_cache;
	int64_t before;

	if (v != NULL && (v->st != st ||
			  v->generation != store_generation(st))) {
		vocab_clear(v);
		v->st = st;
		v->generation = store_generation(st);
	}
	if (v == NULL) {
		v = calloc(1, sizeof(*v));
		if (v == NULL) {
			return NULL;
		}
		v->st = st;
		v->generation = store_generation(st);
		vocab_cache = v;
	}
	before = v->cmd_after;
	store_commands_since(st, v->cmd_after, 0, vocab_on_cmd, v);
	store_files_since(st, v->file_after, 0, vocab_on_file, v);
	store_mails_since(st, v->mail_after, 0, vocab_on_mail, v);
	if (before != v->cmd_after || v->home[0] == '\0') {
		vocab_find_home(v);
	}
	return v;
}

int vocab_warm(struct store *st, int max_rows)
{
	struct vocab *v = vocab_cache;
	int n;

	if (v == NULL || v->st != st || v->generation != store_generation(st)) {
		if (v != NULL) {
			vocab_clear(v);
		} else if ((v = calloc(1, sizeof(*v))) == NULL) {
			return -1;
		}
		v->st = st;
		v->generation = store_generation(st);
		vocab_cache = v;
	}
	n = store_commands_since(st, v->cmd_after, max_rows, vocab_on_cmd, v);
	if (n < 0) {
		return -1;
	}
	if (n < max_rows) {
		store_files_since(st, v->file_after, 0, vocab_on_file, v);
		store_mails_since(st, v->mail_after, 0, vocab_on_mail, v);
		vocab_find_home(v);
		return 1;
	}
	return 0;
}

struct vocab *vocab_peek(void)
{
	return vocab_cache;
}

void vocab_free(void)
{
	if (vocab_cache != NULL) {
		vocab_clear(vocab_cache);
		free(vocab_cache);
		vocab_cache = NULL;
	}
}

const struct vocab_entry *vocab_lookup(const struct vocab *v,
				       enum vocab_kind kind, const char *text)
{
	if (v == NULL || (unsigned)kind >= VOCAB_KINDS || text == NULL) {
		return NULL;
	}
	return vocab_table_find(&v->t[kind], text, NULL);
}

const struct vocab_entry *vocab_entries(const struct vocab *v,
					enum vocab_kind kind, size_t *n)
{
	if (v == NULL || (unsigned)kind >= VOCAB_KINDS) {
		*n = 0;
		return NULL;
	}
	*n = v->t[kind].n;
	return v->t[kind].e;
}

const char *vocab_home(const struct vocab *v)
{
	return v != NULL ? v->home : "";
}
