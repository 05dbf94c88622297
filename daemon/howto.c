/*
 * howto.c - how-to questions answered from the man pages (see howto.h).
 */
#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "docs.h"
#include "howto.h"
#include "nlu.h"
#include "store.h"
#include "vocab.h"

#define HOWTO_MAX_TERMS 32
#define HOWTO_MAX_CANDS 128
/* Candidates whose every option is scored. */
#define HOWTO_SCORED 25
#define HOWTO_TERM 48

struct howto_term {
	char word[HOWTO_TERM];	/* as searched (FTS5 stems it) */
	char stem[HOWTO_TERM];	/* our stem, for matching option text */
	double weight;		/* 1 for the question's words, less for
				 * synonyms */
	double idf;
	bool is_name;		/* names a page */
};

struct howto_opt {
	char opt[160];
	char text[480];
	double score;
};

struct howto_cand {
	int64_t page;
	char name[64];
	char section[16];
	char summary[256];
	char about[720];	/* names, summary and description */
	int prio;
	double page_rel;	/* our score of names/summary/description */
	double pnorm;		/* page_rel / the best page_rel */
	double page_bm25;	/* -bm25, 0 if not found by the page search */
	double opt_bm25;	/* -bm25 of its best option hit */
	bool named;		/* the question names it */
	bool named_verb;	/* ... as the verb of the task ("find
				 * files", "make a script") */
	struct howto_opt best[2];	/* its two best options */
	double base;		/* priority, usage, named */
	double fit;		/* page and option relevance */
	bool keep;		/* an idiom fits: always score it */
	double rel;		/* its best option's relevance */
	double total;
};

struct howto {
	struct store *st;
	const struct vocab *v;
	struct howto_term t[HOWTO_MAX_TERMS];
	int nt;
	struct howto_cand c[HOWTO_MAX_CANDS];
	int nc;
	int64_t nopts;		/* option entries in the index */
	bool verb_position;	/* the word being looked up follows "I" */
};

/* Everyday nouns that are also page names ("file", "link", "script"):
 * they don't name a command in a how-to question. */
static const char *const howto_nouns[] = {
	"file", "files", "line", "lines", "word", "words", "text", "link",
	"links", "script", "scripts", "directory", "directories", "folder",
	"time", "date", "process", "user", "name", "size", "space", "disk",
	"log", "logs", "test", "number", "numbers", "list", "page", "pages",
	"host", "group", "groups", "users", "key", "keys", "last", "top",
	"head", "more", "less", "watch", "yes", "true", "false", "w", NULL
};

/*
 * The weights of the ranking (tuned on the how-to sets in tests/ask with
 * scripts/tune-howto.py; HERSH_HOWTO_WEIGHTS overrides them for tuning).
 */
enum {
	HW_PAGE,		/* the page's names/summary/description */
	HW_OPT,			/* its best option */
	HW_COHERE,		/* how much an option needs a fitting page */
	HW_USAGE,		/* the user runs the command */
	HW_PRIO2,		/* base system */
	HW_PRIO1,		/* standard */
	HW_NAMED,		/* the question names the command */
	HW_NAMED_VERB,		/* ... as the verb of the task */
	HW_SYN,			/* weight of a synonym */
	HW_NAME_BOOST,		/* a question word in a short option name */
	HW_HABIT,		/* options the user gives the command */
	HW_COUNT
};

static double howto_w[HW_COUNT] = {
	1.30, 8.08, 0.38, 0.52, 1.93, 1.56, 2.36, 5.14, 0.91, 1.71, 2.19,
};

static void howto_load_weights(void)
{
	const char *e = getenv("HERSH_HOWTO_WEIGHTS");
	char *end;
	int i;

	for (i = 0; e != NULL && *e != '\0' && i < HW_COUNT; i++) {
		double v = strtod(e, &end);

		if (end == e) {
			break;
		}
		howto_w[i] = v;
		e = *end == ',' ? end + 1 : end;
	}
}

/* Question words that carry no topic. */
static const char *const howto_skip[] = {
	"how", "do", "does", "did", "i", "can", "could", "would", "should",
	"you", "one", "we", "to", "a", "an", "the", "in", "on", "of", "for",
	"with", "my", "me", "is", "it", "that", "this", "using", "use",
	"command", "commands", "way", "what", "which", "there", "want",
	"need", "tell", "get", "please", "some", "any", "its", "it's", "be",
	"are", "from", "into", "at", "by", "as", "so", "just", "only",
	"easily", "quickly", "best", "good", "option", "flag", "tool",
	"program", "utility", "linux", "unix", "shell", "terminal", "bash",
	"will", "let", "us", "go", "about", "and", "or", "if", "out", "up",
	"like", "them", "they", "their", "all", "every", "each", "whole",
	"might", "shall", "someone", "show me", "teach", "help", "whats",
	"know", "have", "has", "ok", "okay", "hey", "hi", "hersh", "also",
	"then", "than", "too", "very", "really", "thing", "things", "stuff",
	NULL
};

/* Words that say little on their own ("make", "big"): their synonyms
 * carry the meaning. */
static const char *const howto_weak[] = {
	"make", "big", "bigger", "small", "smaller", "large", "larger",
	"huge", "much", "many", "long", "little", "check", "see", "go",
	"one", "everything", "nested", "inside", "order", NULL
};

/* Everyday wording -> man-page wording.  Keys are stems (nlu_stem). */
static const struct {
	const char *key;
	const char *words;	/* space-separated */
} howto_synonyms[] = {
	{ "hidden", "dot starting ignore all" },
	{ "everi", "all every" },
	{ "occur", "occurrences count" },
	{ "keep", "preserve retain" },
	{ "retain", "preserve" },
	{ "not", "invert non-matching" },
	{ "owner", "owner ownership" },
	{ "megabyt", "mega mebibytes" },
	{ "gigabyt", "giga gibibytes" },
	{ "side", "side-by-side columns" },
	{ "name", "name" },
	{ "nest", "parent parents recursive" },
	{ "parent", "parent parents" },
	{ "insid", "recursive contents" },
	{ "modif", "modification time sort newest" },
	{ "tail", "last end" },
	{ "output", "output print" },
	{ "dotfil", "dot starting all" },
	{ "extract", "extract unpack" },
	{ "unpack", "extract" },
	{ "untar", "extract tar" },
	{ "unzip", "extract decompress" },
	{ "uncompress", "decompress" },
	{ "decompress", "decompress uncompress" },
	{ "gz", "gzip" },
	{ "tgz", "gzip tar" },
	{ "bz2", "bzip2" },
	{ "xz", "xz" },
	{ "zip", "compress archive" },
	{ "compress", "compress" },
	{ "bigger", "size more greater" },
	{ "larger", "size more greater" },
	{ "largest", "size" },
	{ "biggest", "size" },
	{ "greater", "size more" },
	{ "smaller", "size less" },
	{ "size", "size" },
	{ "big", "size space usage" },
	{ "huge", "size" },
	{ "heavi", "size" },
	{ "count", "count number" },
	{ "number", "number numbers" },
	{ "line", "newline lines" },
	{ "word", "word words" },
	{ "space", "space usage size disk" },
	{ "take", "usage" },
	{ "usag", "usage" },
	{ "search", "search match pattern" },
	{ "look", "search match" },
	{ "grep", "match pattern" },
	{ "contain", "match pattern containing" },
	{ "under", "recursive recursively" },
	{ "insid", "recursive recursively" },
	{ "subdirectori", "recursive recursively" },
	{ "everyth", "recursive recursively all" },
	{ "content", "recursive recursively" },
	{ "recurs", "recursive recursively" },
	{ "executable", "execute permission mode" },
	{ "execut", "execute permission mode" },
	{ "runnabl", "execute permission mode" },
	{ "permiss", "mode permission" },
	{ "follow", "follow appended grows" },
	{ "grow", "grows appended follow" },
	{ "watch", "follow grows appended" },
	{ "live", "follow appended" },
	{ "symbol", "symbolic link" },
	{ "symlink", "symbolic link links" },
	{ "soft", "symbolic link" },
	{ "shortcut", "symbolic link" },
	{ "alia", "link" },
	{ "numer", "numeric numerical" },
	{ "numericalli", "numeric numerical" },

	{ "first", "first beginning head" },
	{ "top", "first beginning" },
	{ "begin", "first" },
	{ "last", "last" },
	{ "end", "last end" },
	{ "bottom", "last end" },
	{ "show", "print display list output" },
	{ "displai", "print display output" },
	{ "see", "print display list output" },
	{ "view", "display print" },
	{ "print", "print output" },
	{ "list", "list" },
	{ "delet", "remove delete unlink" },
	{ "remov", "remove delete" },
	{ "eras", "remove delete" },
	{ "renam", "move rename" },
	{ "move", "move rename" },
	{ "copi", "copy" },
	{ "duplic", "copy" },
	{ "everyth", "recursive all" },
	{ "archiv", "archive" },
	{ "download", "download retrieve" },
	{ "fetch", "download retrieve" },
	{ "kill", "kill signal terminate" },
	{ "stop", "kill signal terminate" },
	{ "termin", "kill signal terminate" },
	{ "process", "process processes" },
	{ "port", "port listening socket" },
	{ "replac", "substitute replace" },
	{ "substitut", "substitute replace" },
	{ "order", "sort order" },
	{ "sort", "sort" },
	{ "uniqu", "unique unique repeated" },
	{ "duplic", "repeated unique duplicate" },
	{ "owner", "owner ownership" },
	{ "case", "case ignore-case" },
	{ "insensit", "ignore case" },
	{ "human", "human readable" },
	{ "readabl", "human readable" },
	{ "newest", "time modification sort" },
	{ "recent", "time modification sort" },
	{ "modifi", "modification time" },
	{ "date", "time date modification" },
	{ "compar", "compare differences" },
	{ "differ", "differences compare" },
	{ "empti", "empty" },
	{ "revers", "reverse" },
	{ "total", "total summarize" },
	{ "summari", "summarize total" },
	{ "whole", "total" },
	{ "directori", "directory directories" },
	{ "folder", "directory directories" },
	{ "dir", "directory directories" },
	{ "file", "file files" },
	{ "make", "make create" },
	{ "creat", "create make" },
	{ "new", "create new" },
	{ "lowercas", "lower case" },
	{ "uppercas", "upper case" },
	{ "join", "join concatenate" },
	{ "combin", "concatenate join merge" },
	{ "merg", "merge join" },
	{ "split", "split" },
	{ "column", "column field fields" },
	{ "field", "field fields" },
	{ "password", "password" },
	{ "log", "log" },
	{ "free", "available free" },
	{ "mount", "mount" },
	{ "usb", "device" },
	{ "ip", "address" },
	{ "address", "address" },
	{ "connect", "connect" },
	{ "secur", "secure" },
	{ "remot", "remote" },
	{ "sync", "synchronize sync" },
	{ "backup", "copy archive" },
	{ "verbos", "verbose" },
	{ "quiet", "quiet silent" },
	{ "forc", "force" },
	{ "overwrit", "overwrite force" },
	{ "preserv", "preserve" },
	{ "exclud", "exclude" },
	{ "ignor", "ignore" },
	{ "match", "match pattern" },
	{ "invert", "invert non-matching" },
	{ "exclud", "exclude invert" },
	{ "time", "time" },
	{ "environ", "environment" },
	{ "variabl", "variable" },
	{ "background", "background" },
	{ "schedul", "schedule" },
	{ "hostnam", "hostname host name" },
	{ "user", "user" },
	{ "group", "group" },
};

/* Small things the man pages say only in prose: an operand, not an
 * option (chmod's modes).  Scored like option entries of their page. */
static const struct {
	const char *page;
	const char *opt;
	const char *text;
} howto_idioms[] = {
	{ "chmod", "+x",
	  "make a file, script or program executable: add execute "
	  "permission (chmod +x FILE; u+x for the owner only, 755 for "
	  "rwxr-xr-x)" },
	{ "chmod", "u+w",
	  "give the owner write permission (go-w takes it from others)" },
	{ "chmod", "600",
	  "make a file private: read and write for the owner only" },
	{ "tar", "-xzf",
	  "extract (unpack) a gzip-compressed archive: tar -xzf FILE.tar.gz "
	  "(-xjf for .tar.bz2, -xJf for .tar.xz)" },
	{ "tar", "-czf",
	  "create a gzip-compressed archive of a directory: "
	  "tar -czf archive.tar.gz DIR" },
	{ "tar", "-tzf",
	  "list the contents of a compressed archive without extracting" },
	{ "kill", "-9",
	  "force a process to stop (SIGKILL) when a plain kill is ignored" },
};

static bool howto_in(const char *w, const char *const *list)
{
	for (; *list != NULL; list++) {
		if (strcmp(w, *list) == 0) {
			return true;
		}
	}
	return false;
}

static void howto_add_term(struct howto *h, const char *word, double weight)
{
	char stem[HOWTO_TERM];
	int i;
	size_t n = strlen(word);

	if (n < 2 || n >= HOWTO_TERM || h->nt >= HOWTO_MAX_TERMS) {
		return;
	}
	for (i = 0; word[i] != '\0'; i++) {
		if (!isalnum((unsigned char)word[i]) && word[i] != '-') {
			return;
		}
	}
	memcpy(stem, word, n + 1);
	for (i = 0; stem[i]; i++) {
		stem[i] = (char)tolower((unsigned char)stem[i]);
	}
	nlu_stem(stem);
	for (i = 0; i < h->nt; i++) {
		if (strcmp(h->t[i].stem, stem) == 0) {
			if (weight > h->t[i].weight) {
				h->t[i].weight = weight;
			}
			return;
		}
	}
	memcpy(h->t[h->nt].word, word, n + 1);
	for (i = 0; h->t[h->nt].word[i]; i++) {
		h->t[h->nt].word[i] = (char)tolower((unsigned char)h->t[h->nt].word[i]);
	}
	memcpy(h->t[h->nt].stem, stem, strlen(stem) + 1);
	h->t[h->nt].weight = weight;
	h->t[h->nt].idf = 0;
	h->t[h->nt].is_name = false;
	h->nt++;
}

static const char *const howto_compounds[] = {
	"symlink", "dotfil", "untar", "unzip", "numericalli", NULL
};

static void howto_add_synonyms(struct howto *h, const char *stem)
{
	size_t i;

	for (i = 0; i < sizeof(howto_synonyms) / sizeof(howto_synonyms[0]); i++) {
		const char *p;
		char w[HOWTO_TERM];

		if (strcmp(howto_synonyms[i].key, stem) != 0) {
			continue;
		}
		for (p = howto_synonyms[i].words; *p != '\0';) {
			const char *e = strchr(p, ' ');
			size_t n = e ? (size_t)(e - p) : strlen(p);

			if (n < sizeof(w)) {
				memcpy(w, p, n);
				w[n] = '\0';
				/* "symlink" is "symbolic link" exactly */
				howto_add_term(h, w, strncmp(stem, w, 3) == 0 ||
					       howto_in(stem, howto_compounds) ?
					       0.9 : howto_w[HW_SYN]);
			}
			p += n;
			while (*p == ' ') {
				p++;
			}
		}
	}
}

/* The question's topic words (and their parts: "tar.gz" -> tar, gz). */
static void howto_terms(struct howto *h, const struct nlu *q)
{
	int i;

	for (i = 0; i < q->n; i++) {
		const struct nlu_token *t = &q->tok[i];
		char part[HOWTO_TERM];
		const char *p;

		if (howto_in(t->norm, howto_skip) || (t->flags & NLU_F_NUMBER)) {
			continue;
		}
		/* split on punctuation: "tar.gz", "log-file" */
		for (p = t->norm; *p != '\0';) {
			size_t n = 0;
			char stem[HOWTO_TERM];

			while (*p != '\0' && !isalnum((unsigned char)*p)) {
				p++;
			}
			while (p[n] != '\0' && isalnum((unsigned char)p[n])) {
				n++;
			}
			if (n == 0) {
				break;
			}
			if (n < sizeof(part)) {
				memcpy(part, p, n);
				part[n] = '\0';
				if (!howto_in(part, howto_skip) &&
				    !isdigit((unsigned char)part[0])) {
					howto_add_term(h, part,
						       howto_in(part, howto_weak) ? 0.3 :
						       1.0);
					memcpy(stem, part, n + 1);
					nlu_stem(stem);
					howto_add_synonyms(h, stem);
				}
			}
			p += n;
		}
	}
}

static struct howto_cand *howto_cand(struct howto *h, int64_t page,
				     const struct store_doc_hit *hit)
{
	int i;

	for (i = 0; i < h->nc; i++) {
		if (h->c[i].page == page) {
			return &h->c[i];
		}
	}
	if (h->nc >= HOWTO_MAX_CANDS) {
		return NULL;
	}
	memset(&h->c[h->nc], 0, sizeof(h->c[0]));
	h->c[h->nc].page = page;
	snprintf(h->c[h->nc].name, sizeof(h->c[0].name), "%s", hit->name ? hit->name : "");
	snprintf(h->c[h->nc].section, sizeof(h->c[0].section), "%s",
		 hit->section ? hit->section : "");
	snprintf(h->c[h->nc].summary, sizeof(h->c[0].summary), "%s",
		 hit->summary ? hit->summary : "");
	h->c[h->nc].prio = hit->prio;
	snprintf(h->c[h->nc].about, sizeof(h->c[0].about), "%s %s %s",
		 hit->names ? hit->names : "", hit->summary ? hit->summary : "",
		 hit->description ? hit->description : "");
	return &h->c[h->nc++];
}

static int howto_on_page(const struct store_doc_hit *hit, void *arg)
{
	struct howto *h = arg;
	struct howto_cand *c = howto_cand(h, hit->page, hit);

	if (c != NULL && -hit->bm25 > c->page_bm25) {
		c->page_bm25 = -hit->bm25;
	}
	return 0;
}

static int howto_on_opt(const struct store_doc_hit *hit, void *arg)
{
	struct howto *h = arg;
	struct howto_cand *c = howto_cand(h, hit->page, hit);

	if (c != NULL && -hit->bm25 > c->opt_bm25) {
		c->opt_bm25 = -hit->bm25;
	}
	return 0;
}

static int howto_on_user(const struct store_doc_hit *hit, void *arg)
{
	howto_cand(arg, hit->page, hit);
	return 1;
}

static int howto_on_idiom(const struct store_doc_hit *hit, void *arg)
{
	struct howto_cand *c = howto_cand(arg, hit->page, hit);

	if (c != NULL) {
		c->keep = true;
	}
	return 1;
}

static int howto_on_named(const struct store_doc_hit *hit, void *arg)
{
	struct howto *h = arg;
	struct howto_cand *c = howto_cand(h, hit->page, hit);

	if (c != NULL) {
		c->named = true;
		c->named_verb = h->verb_position;
	}
	return 1;	/* the first section is enough */
}

#define HOWTO_MAX_WORDS 96

/* The stems of text's words (at most HOWTO_MAX_WORDS); returns how many. */
static int howto_stems(const char *text, char (*out)[24])
{
	const char *p = text;
	int n = 0;

	while (*p != '\0' && n < HOWTO_MAX_WORDS) {
		size_t len = 0, i;

		while (*p != '\0' && !isalnum((unsigned char)*p)) {
			p++;
		}
		while (p[len] != '\0' && isalnum((unsigned char)p[len])) {
			len++;
		}
		if (len == 0) {
			break;
		}
		if (len < 24) {
			for (i = 0; i < len; i++) {
				out[n][i] = (char)tolower((unsigned char)p[i]);
			}
			out[n][len] = '\0';
			nlu_stem(out[n]);
			n++;
		}
		p += len;
	}
	return n;
}

static bool howto_has(char (*stems)[24], int n, const char *stem)
{
	int i;

	for (i = 0; i < n; i++) {
		if (strcmp(stems[i], stem) == 0) {
			return true;
		}
	}
	return false;
}

/* Scores one option entry against the question's terms: the idf of each
 * term it contains, more for terms in the option's own name. */
/*
 * Splits an option tag ("-f, --follow[={name|descriptor}]", "-E log_file",
 * "-size n[cwbkMG]") into the words of its long names ("follow", "size")
 * and the rest (placeholders, which count as text).
 */
static void howto_split_tag(const char *opt, char *names, size_t ncap,
			    char *rest, size_t rcap)
{
	const char *p = opt;
	size_t nl = 0, rl = 0;

	while (*p != '\0') {
		size_t len = strcspn(p, " ,");

		if (p[0] == '-' || p[0] == '+') {
			const char *w = p;
			size_t k;

			while (*w == '-' || *w == '+') {
				w++;
			}
			k = strcspn(w, "=[ ,");
			if (k > 1 && k < len + 1 && nl + k + 2 < ncap) {
				memcpy(names + nl, w, k);
				nl += k;
				names[nl++] = ' ';
			}
			/* "--lines=NUM": the placeholder after '=' is text */
			if (w + k < p + len && rl + (size_t)(p + len - (w + k)) + 2 < rcap) {
				memcpy(rest + rl, w + k, (size_t)(p + len - (w + k)));
				rl += (size_t)(p + len - (w + k));
				rest[rl++] = ' ';
			}
		} else if (rl + len + 2 < rcap) {
			memcpy(rest + rl, p, len);
			rl += len;
			rest[rl++] = ' ';
		}
		p += len;
		while (*p == ' ' || *p == ',') {
			p++;
		}
	}
	names[nl] = '\0';
	rest[rl] = '\0';
}

static double howto_score_opt(const struct howto *h, const char *opt,
			      const char *text, bool named_page)
{
	char os[HOWTO_MAX_WORDS][24], ts[HOWTO_MAX_WORDS][24];
	char names[200], rest[200], both[720];
	int no, nt, i;
	double s = 0;

	howto_split_tag(opt, names, sizeof(names), rest, sizeof(rest));
	snprintf(both, sizeof(both), "%s %s", rest, text);
	no = howto_stems(names, os);
	nt = howto_stems(both, ts);

	/* a word of a short option name ("--follow") says more than one
	 * of a long one ("--dereference-command-line-symlink-to-dir") */
	double name_boost = no <= 4 ? howto_w[HW_NAME_BOOST] : 1.0;

	for (i = 0; i < h->nt; i++) {
		if (h->t[i].is_name && !named_page) {
			continue;	/* "ls" in "--print-ls-colors" */
		}
		if (howto_has(os, no, h->t[i].stem)) {
			s += (h->t[i].weight >= 0.9 ? name_boost : 1.0) *
			     h->t[i].weight * h->t[i].idf;
		} else if (!h->t[i].is_name && howto_has(ts, nt, h->t[i].stem)) {
			s += h->t[i].weight * h->t[i].idf;
		}
	}
	/* a subcommand ("debugfs symlink") is less often the answer than
	 * an option */
	if (opt[0] != '-' && opt[0] != '+') {
		s *= 0.7;
	}
	/* long descriptions match by chance: a mild length norm */
	return s / (1.0 + (double)(nt + no) / 150.0);
}

struct howto_opt_ctx {
	struct howto *h;
	struct howto_cand *c;
	double rels[512];	/* relevance of each option seen */
	bool used[512];		/* ... and whether the user gives it */
	int nrel;
	char shorts[128];	/* short flags the user gives this command */
	char longs[8][32];	/* long flags */
	int nlongs;
};

/* The flags the user has given the command ("du -sh" -> s, h), from the
 * first words of their command lines. */
static void howto_user_flags(struct howto_opt_ctx *x, const char *name)
{
	size_t n, i, len = strlen(name);
	const struct vocab_entry *e = vocab_entries(x->h->v, VOCAB_PREFIX, &n);

	x->shorts[0] = '\0';
	x->nlongs = 0;
	for (i = 0; i < n; i++) {
		const char *p = e[i].text;

		if (strncmp(p, name, len) != 0 || p[len] != ' ') {
			continue;
		}
		p += len + 1;
		if (p[0] == '-' && p[1] == '-') {
			size_t l = strcspn(p + 2, " =");

			if (l > 0 && l < 32 && x->nlongs < 8) {
				memcpy(x->longs[x->nlongs], p + 2, l);
				x->longs[x->nlongs++][l] = '\0';
			}
			continue;
		}
		if (p[0] == '-') {
			p++;
		} else if (strchr(p, ' ') != NULL || strlen(p) > 4 ||
			   strcmp(name, "tar") != 0) {
			continue;	/* only tar takes bundles without '-' */
		}
		for (; isalnum((unsigned char)*p); p++) {
			if (strchr(x->shorts, *p) == NULL &&
			    strlen(x->shorts) + 1 < sizeof(x->shorts)) {
				size_t k = strlen(x->shorts);

				x->shorts[k] = *p;
				x->shorts[k + 1] = '\0';
			}
		}
	}
}

/* Whether the option tag ("-s, --summarize") has a flag the user uses. */
static bool howto_user_uses(const struct howto_opt_ctx *x, const char *opt)
{
	const char *p = opt;
	int i;

	while ((p = strchr(p, '-')) != NULL) {
		if (p[1] == '-') {
			size_t l = strcspn(p + 2, " =,[");

			for (i = 0; i < x->nlongs; i++) {
				if (strlen(x->longs[i]) == l &&
				    strncmp(x->longs[i], p + 2, l) == 0) {
					return true;
				}
			}
			p += 2 + l;
		} else {
			if (isalnum((unsigned char)p[1]) &&
			    !isalnum((unsigned char)p[2]) &&
			    strchr(x->shorts, p[1]) != NULL && p[1] != '\0') {
				return true;
			}
			p++;
		}
		if (*p == '\0') {
			break;
		}
	}
	return false;
}

static void howto_keep(struct howto_cand *c, const char *opt,
		       const char *text, double s)
{
	int k;

	for (k = 0; k < 2; k++) {
		if (s > c->best[k].score || c->best[k].opt[0] == '\0') {
			if (k == 0) {
				c->best[1] = c->best[0];
			}
			snprintf(c->best[k].opt, sizeof(c->best[k].opt), "%s", opt);
			snprintf(c->best[k].text, sizeof(c->best[k].text), "%s", text);
			c->best[k].score = s;
			return;
		}
	}
}

static int howto_on_habit_opt(const struct store_doc_hit *hit, void *arg)
{
	struct howto_opt_ctx *x = arg;
	int i = x->nrel++;

	if (i < 512 && x->used[i] && x->rels[i] >= 0.6 * x->c->rel &&
	    x->rels[i] > 0) {
		howto_keep(x->c, hit->opt, hit->text,
			   x->rels[i] * howto_w[HW_HABIT]);
	}
	return 0;
}

/* Among options that fit about as well as the best, the ones the user
 * already gives win (second pass over the page's options). */
static void howto_apply_habit(struct howto_opt_ctx *x)
{
	int i;
	bool any = false;

	for (i = 0; i < x->nrel && i < 512; i++) {
		any = any || (x->used[i] && x->rels[i] >= 0.6 * x->c->rel &&
			      x->rels[i] > 0);
	}
	if (!any) {
		return;
	}
	x->nrel = 0;
	store_doc_page_opts(x->h->st, x->c->page, howto_on_habit_opt, x);
}

static int howto_on_page_opt(const struct store_doc_hit *hit, void *arg)
{
	struct howto_opt_ctx *x = arg;
	double s;

	if (hit->opt == NULL || hit->text == NULL) {
		return 0;
	}
	s = howto_score_opt(x->h, hit->opt, hit->text, x->c->named);
	/* relevance ranks pages; the user's habit only picks among the
	 * options of a page that fit about as well (second pass, below) */
	if (s > x->c->rel) {
		x->c->rel = s;
	}
	if (x->nrel < 512) {
		x->rels[x->nrel] = s;
		x->used[x->nrel++] = howto_user_uses(x, hit->opt);
	}
	if (s > 0) {
		howto_keep(x->c, hit->opt, hit->text, s);
	}
	return 0;
}

/* How well the page's names, summary and description fit the terms. */
static double howto_score_page(const struct howto *h, const struct howto_cand *c)
{
	char ws[HOWTO_MAX_WORDS][24];
	int n = howto_stems(c->about, ws), i;
	double s = 0;

	for (i = 0; i < h->nt; i++) {
		if (!h->t[i].is_name && howto_has(ws, n, h->t[i].stem)) {
			s += h->t[i].weight * h->t[i].idf;
		}
	}
	return s / (1.0 + (double)n / 150.0);
}

/* Candidates by total, best first (insertion sort: a few dozen). */
static void howto_sort(struct howto *h)
{
	int i, k;

	for (i = 1; i < h->nc; i++) {
		struct howto_cand tmp = h->c[i];

		for (k = i; k > 0 && (h->c[k - 1].keep < tmp.keep ||
				      (h->c[k - 1].keep == tmp.keep &&
				       h->c[k - 1].total < tmp.total)); k--) {
			h->c[k] = h->c[k - 1];
		}
		h->c[k] = tmp;
	}
}

/* The commands the user runs most are candidates too. */
static void howto_user_commands(struct howto *h)
{
	size_t n, i, k;
	const struct vocab_entry *e = vocab_entries(h->v, VOCAB_PREFIX, &n);
	const struct vocab_entry *top[24];
	size_t ntop = 0;

	for (i = 0; i < n; i++) {
		if (strchr(e[i].text, ' ') != NULL || e[i].text[0] == '.' ||
		    strchr(e[i].text, '/') != NULL) {
			continue;
		}
		for (k = ntop; k > 0 && top[k - 1]->count < e[i].count; k--) {
			if (k < 24) {
				top[k] = top[k - 1];
			}
		}
		if (k < 24) {
			top[k] = &e[i];
			if (ntop < 24) {
				ntop++;
			}
		}
	}
	for (k = 0; k < ntop; k++) {
		store_doc_pages_named(h->st, top[k]->text, howto_on_user, h);
	}
}

/* Builds '"a" OR "b" ...' from the terms (only rare ones if rare_only). */
static void howto_match(const struct howto *h, struct buf *m, bool rare_only)
{
	int i, n = 0;

	for (i = 0; i < h->nt; i++) {
		if (rare_only && h->t[i].idf < 1.0) {
			continue;
		}
		if (n++ > 0) {
			buf_puts(m, " OR ");
		}
		store_fts_phrase(m, h->t[i].word);
	}
}

/* Appends "`cmd opt`" and the description. */
static void howto_say_opt(struct buf *out, const char *cmd,
			  const struct howto_opt *o)
{
	char shortform[160], rest[160];
	const char *comma = strstr(o->opt, ", ");
	size_t n;

	/* "-a, --all" -> "-a" and "(--all)" */
	if (comma != NULL && o->opt[0] == '-' && o->opt[1] != '-') {
		n = (size_t)(comma - o->opt);
		snprintf(shortform, sizeof(shortform), "%.*s", (int)n, o->opt);
		snprintf(rest, sizeof(rest), "%s", comma + 2);
		buf_printf(out, "`%s %s` (%s)", cmd, shortform, rest);
	} else {
		buf_printf(out, "`%s %s`", cmd, o->opt);
	}
	buf_puts(out, ": ");
	n = strlen(o->text);
	if (n > 200) {
		const char *dot = memchr(o->text + 60, '.', n - 60);

		n = dot && (size_t)(dot - o->text) < 220 ?
		    (size_t)(dot - o->text) + 1 : 200;
	}
	buf_printf(out, "%.*s", (int)n, o->text);
	if (n < strlen(o->text) && o->text[n - 1] != '.') {
		buf_puts(out, "…");
	}
}

/* "You've run `du -sh` before": the user's own most frequent way of
 * calling the command with options. */
static void howto_say_habit(const struct howto *h, const char *name,
			    struct buf *out)
{
	size_t n, i, len = strlen(name);
	const struct vocab_entry *e = vocab_entries(h->v, VOCAB_PREFIX, &n);
	const struct vocab_entry *best = NULL;

	for (i = 0; i < n; i++) {
		const char *p = e[i].text;

		if (strncmp(p, name, len) != 0 || p[len] != ' ' ||
		    p[len + 1] != '-' || strchr(p + len + 1, ' ') != NULL) {
			continue;
		}
		if (best == NULL || e[i].count > best->count) {
			best = &e[i];
		}
	}
	if (best != NULL) {
		buf_printf(out, "\nYou've used `%s` %lld time%s before.",
			   best->text, (long long)best->count,
			   best->count == 1 ? "" : "s");
	}
}

int howto_answer(struct store *st, struct nlu *q, const struct vocab *v,
		 struct buf *out)
{
	struct howto *h = calloc(1, sizeof(*h));
	struct buf m = BUF_INIT;
	struct howto_cand *best = NULL;
	int64_t pages = 0, k;
	double maxp = 0, maxo = 0, maxob = 0, maxfit = 0;
	int i;
	size_t j;

	if (h == NULL) {
		buf_puts(out, "I couldn't look that up just now.");
		return 1;
	}
	h->st = st;
	h->v = v;
	howto_load_weights();
	store_doc_counts(st, &pages, &h->nopts);
	howto_terms(h, q);
	if (h->nt == 0) {
		buf_puts(out, "How do you do what? Tell me the task, e.g. "
			 "\"how do I list hidden files\".");
		free(h);
		return 1;
	}
	/* page names the question mentions: index them now if needed */
	for (i = 0; i < q->n; i++) {
		const char *w = q->tok[i].norm;

		if (strlen(w) < 2 || howto_in(w, howto_skip) ||
		    howto_in(w, howto_nouns)) {
			continue;
		}
		docs_index_name(st, w);
		h->verb_position = i > 0 && howto_in(q->tok[i - 1].norm,
						     (const char *const[]){
			"i", "to", "you", "one", "we", NULL });
		if (store_doc_pages_named(st, w, howto_on_named, h) > 0) {
			int t;

			for (t = 0; t < h->nt; t++) {
				if (strcmp(h->t[t].word, w) == 0) {
					h->t[t].is_name = true;
				}
			}
		}
	}
	for (i = 0; i < h->nt; i++) {
		int64_t df = store_doc_term_df(st, h->t[i].stem);

		if (df < 0) {
			df = 0;
		}
		h->t[i].idf = log(((double)h->nopts + 1.0) / ((double)df + 1.0));
		if (h->t[i].idf < 0.1) {
			h->t[i].idf = 0.1;
		}
	}
	howto_match(h, &m, false);
	store_doc_search_pages(st, buf_str(&m), true, 24, howto_on_page, h);
	store_doc_search_pages(st, buf_str(&m), false, 12, howto_on_page, h);
	buf_reset(&m);
	howto_match(h, &m, true);
	if (m.len > 0) {
		store_doc_search_opts(st, buf_str(&m), true, 40, howto_on_opt, h);
		store_doc_search_opts(st, buf_str(&m), false, 20, howto_on_opt, h);
	}
	buf_release(&m);
	howto_user_commands(h);
	/* pages whose idioms fit the question */
	for (j = 0; j < sizeof(howto_idioms) / sizeof(howto_idioms[0]); j++) {
		if (howto_score_opt(h, howto_idioms[j].opt, howto_idioms[j].text,
				    false) > 2.0) {
			store_doc_pages_named(st, howto_idioms[j].page, howto_on_idiom, h);
		}
	}
	for (i = 0; i < h->nc; i++) {
		h->c[i].page_rel = howto_score_page(h, &h->c[i]);
		maxp = fmax(maxp, h->c[i].page_rel);
		maxob = fmax(maxob, h->c[i].opt_bm25);
	}
	/* a cheap score first, from the searches alone */
	for (i = 0; i < h->nc; i++) {
		struct howto_cand *c = &h->c[i];
		const struct vocab_entry *e;

		c->pnorm = maxp > 0 ? c->page_rel / maxp : 0;
		c->base = 0;
		c->base += c->prio == 2 ? howto_w[HW_PRIO2] :
			   c->prio == 1 ? howto_w[HW_PRIO1] : 0;
		c->base += c->named ? (c->named_verb ? howto_w[HW_NAMED_VERB] :
				    howto_w[HW_NAMED]) : 0;
		if (strchr(c->name, '_') != NULL || strlen(c->name) > 16) {
			c->base -= 1.0;
		}
		e = vocab_lookup(v, VOCAB_PREFIX, c->name);
		if (e != NULL) {
			c->base += howto_w[HW_USAGE] *
				   fmin(1.0, log10(1.0 + (double)e->count) / 2.5);
		}
		c->total = howto_w[HW_PAGE] * c->pnorm + c->base +
			   (maxob > 0 ? 2.0 * c->opt_bm25 / maxob : 0);
	}
	howto_sort(h);
	if (h->nc > HOWTO_SCORED) {
		h->nc = HOWTO_SCORED;
	}
	/* then every option of the best pages */
	for (i = 0; i < h->nc; i++) {
		struct howto_cand *c = &h->c[i];
		struct howto_opt_ctx x;

		memset(&x, 0, sizeof(x));
		x.h = h;
		x.c = c;
		howto_user_flags(&x, c->name);
		store_doc_page_opts(st, c->page, howto_on_page_opt, &x);
		howto_apply_habit(&x);
		for (j = 0; j < sizeof(howto_idioms) / sizeof(howto_idioms[0]); j++) {
			if (strcmp(howto_idioms[j].page, c->name) == 0) {
				double sc = howto_score_opt(h, howto_idioms[j].opt,
							    howto_idioms[j].text,
							    c->named);

				if (sc > 0) {
					howto_keep(c, howto_idioms[j].opt,
						   howto_idioms[j].text, sc * 1.1);
					c->rel = fmax(c->rel, sc * 1.1);
				}
			}
		}
		maxo = fmax(maxo, c->rel);
	}
	for (i = 0; i < h->nc; i++) {
		struct howto_cand *c = &h->c[i];

		/* an option counts fully only in a page that fits the task */
		c->fit = howto_w[HW_PAGE] * c->pnorm +
			 (maxo > 0 ? howto_w[HW_OPT] * c->rel / maxo *
			  (1.0 - howto_w[HW_COHERE] + howto_w[HW_COHERE] * c->pnorm) :
			  0);
		maxfit = fmax(maxfit, c->fit);
	}
	for (i = 0; i < h->nc; i++) {
		struct howto_cand *c = &h->c[i];

		/* priors (base system, habit, named) weigh in as far as the
		 * page fits */
		c->total = c->fit + c->base * (0.3 + 0.7 * (maxfit > 0 ?
							    c->fit / maxfit : 0));
		if (best == NULL || c->total > best->total) {
			best = c;
		}
		if (getenv("HERSH_ASK_DEBUG") != NULL) {
			fprintf(stderr, "howto: %-12s total %.2f page %.2f opt %.2f "
				"(%s) prio %d named %d\n", c->name, c->total,
				c->page_rel, c->rel, c->best[0].opt,
				c->prio, c->named);
		}
	}
	if (getenv("HERSH_ASK_DEBUG") != NULL) {
		fprintf(stderr, "howto: ----\n");
	}
	if (best == NULL) {
		buf_puts(out, "I couldn't find that in the manual pages here");
		if (!docs_complete()) {
			buf_puts(out, " (I'm still reading them; ask again in a "
				 "minute)");
		}
		buf_putc(out, '.');
		free(h);
		return 1;
	}
	if (best->best[0].opt[0] != '\0') {
		buf_puts(out, "Try ");
		howto_say_opt(out, best->name, &best->best[0]);
		if (best->best[1].opt[0] != '\0' &&
		    best->best[1].score >= 0.6 * best->best[0].score) {
			buf_puts(out, "\nAlso: ");
			howto_say_opt(out, best->name, &best->best[1]);
		}
		howto_say_habit(h, best->name, out);
		buf_printf(out, "\n(from %s(%s): %s)", best->name, best->section,
			   best->summary);
	} else {
		buf_printf(out, "Try `%s` — %s (%s(%s)).", best->name,
			   best->summary, best->name, best->section);
	}
	(void)k;
	free(h);
	return 0;
}
