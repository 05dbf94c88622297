/*
 * vocab.h - the user's own vocabulary, for matching the words of a
 * question: the commands they type (first one to four words of each
 * line), the words inside their command lines ("kestrel" in "ssh
 * pi@kestrel.local"), the directories they work in, the files that
 * changed and the people who wrote to them.
 *
 * It is kept in memory and brought up to date from the store before each
 * question, reading only the rows added since the last look
 * (store_*_since); after a forget it is rebuilt from scratch so nothing
 * forgotten stays in it.  One vocabulary per store handle.
 */
#ifndef HERSH_VOCAB_H
#define HERSH_VOCAB_H

#include <stddef.h>
#include <stdint.h>

struct store;
struct vocab;

enum vocab_kind {
	VOCAB_PREFIX,		/* "make", "make test", "git commit -m" */
	VOCAB_WORD,		/* lower-case words of command lines */
	VOCAB_DIR,		/* working directories */
	VOCAB_FILE,		/* paths of file events */
	VOCAB_PERSON,		/* mail senders, "Name <address>" */
	VOCAB_KINDS
};

struct vocab_entry {
	char *text;
	int64_t count;		/* rows that have it */
	int64_t last;		/* latest time seen */
};

/*
 * The vocabulary of st, updated to its current contents.  Returns NULL
 * only when out of memory.  The result stays valid until the next
 * vocab_get() or vocab_free().
 */
struct vocab *vocab_get(struct store *st);
/*
 * Reads up to max_rows commands not yet in the vocabulary of st (so that
 * a large memory is learnt in slices, in the background, instead of by
 * the first question).  Returns 1 when caught up, 0 when more remains,
 * -1 on error.
 */
int vocab_warm(struct store *st, int max_rows);
/* The vocabulary as it is (after vocab_warm()), or NULL. */
struct vocab *vocab_peek(void);
/* Drops the cached vocabulary (of any store).  For tests and shutdown. */
void vocab_free(void);

/* The entry for text in kind, or NULL. */
const struct vocab_entry *vocab_lookup(const struct vocab *v,
				       enum vocab_kind kind, const char *text);
/* All entries of kind (in no particular order); *n gets their number. */
const struct vocab_entry *vocab_entries(const struct vocab *v,
					enum vocab_kind kind, size_t *n);
/* The user's home directory as the recorded paths show it
 * ("/home/theo"), or "" when unknown. */
const char *vocab_home(const struct vocab *v);

#endif
