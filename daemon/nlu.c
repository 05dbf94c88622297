/*
 * nlu.c - tokenizer, normaliser, stemmer, edit distance (see nlu.h).
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "nlu.h"

/* ---- the normalisation table ------------------------------------------- */

/*
 * Informal spellings, abbreviations and contractions written without an
 * apostrophe, mapped to their normal form (one or more words).  Sorted by
 * key for bsearch.
 */
static const struct nlu_abbrev {
	const char *key;
	const char *norm;
} nlu_abbrevs[] = {
	{ "2day", "today" },
	{ "2moro", "tomorrow" },
	{ "2morrow", "tomorrow" },
	{ "abt", "about" },
	{ "aint", "is not" },
	{ "amt", "amount" },
	{ "arent", "are not" },
	{ "arvo", "afternoon" },
	{ "avg", "average" },
	{ "b4", "before" },
	{ "bc", "because" },
	{ "cant", "can not" },
	{ "cmd", "command" },
	{ "cmds", "commands" },
	{ "cnt", "count" },
	{ "coz", "because" },
	{ "cpus", "cpu" },
	{ "cud", "could" },
	{ "cuz", "because" },
	{ "d/l", "download" },
	{ "didnt", "did not" },
	{ "dirs", "directories" },
	{ "dl", "download" },
	{ "dled", "downloaded" },
	{ "dls", "downloads" },
	{ "doesnt", "does not" },
	{ "dont", "do not" },
	{ "dunno", "do not know" },
	{ "e-mail", "email" },
	{ "e-mails", "emails" },
	{ "em", "them" },
	{ "emailed", "emailed" },
	{ "eve", "evening" },
	{ "folder", "directory" },
	{ "folders", "directories" },
	{ "freq", "frequently" },
	{ "fri", "friday" },
	{ "gimme", "give me" },
	{ "gonna", "going to" },
	{ "hadnt", "had not" },
	{ "hasnt", "has not" },
	{ "havent", "have not" },
	{ "hes", "he is" },
	{ "hiya", "hi" },
	{ "hm", "hmm" },
	{ "howd", "how did" },
	{ "hows", "how is" },
	{ "hr", "hour" },
	{ "hrs", "hours" },
	{ "hv", "have" },
	{ "id", "i would" },
	{ "ill", "i will" },
	{ "im", "i am" },
	{ "info", "information" },
	{ "isnt", "is not" },
	{ "ive", "i have" },
	{ "k", "ok" },
	{ "lemme", "let me" },
	{ "lst", "last" },
	{ "mem", "memory" },
	{ "mins", "minutes" },
	{ "mon", "monday" },
	{ "morn", "morning" },
	{ "mornin", "morning" },
	{ "msg", "message" },
	{ "msgs", "messages" },
	{ "mths", "months" },
	{ "nite", "night" },
	{ "num", "number" },
	{ "nxt", "next" },
	{ "pls", "please" },
	{ "plz", "please" },
	{ "ppl", "people" },
	{ "prev", "previous" },
	{ "proc", "process" },
	{ "procs", "processes" },
	{ "prolly", "probably" },
	{ "r", "are" },
	{ "ram", "memory" },
	{ "recd", "received" },
	{ "rn", "right now" },
	{ "sat", "saturday" },
	{ "secs", "seconds" },
	{ "shes", "she is" },
	{ "shouldnt", "should not" },
	{ "smth", "something" },
	{ "sth", "something" },
	{ "sun", "sunday" },
	{ "tho", "though" },
	{ "thnx", "thanks" },
	{ "thru", "through" },
	{ "thu", "thursday" },
	{ "thur", "thursday" },
	{ "thurs", "thursday" },
	{ "thx", "thanks" },
	{ "tmr", "tomorrow" },
	{ "tmrw", "tomorrow" },
	{ "tnx", "thanks" },
	{ "tonite", "tonight" },
	{ "tot", "total" },
	{ "tue", "tuesday" },
	{ "tues", "tuesday" },
	{ "ty", "thanks" },
	{ "u", "you" },
	{ "ur", "your" },
	{ "wanna", "want to" },
	{ "wasnt", "was not" },
	{ "wat", "what" },
	{ "wed", "wednesday" },
	{ "weds", "wednesday" },
	{ "wen", "when" },
	{ "werent", "were not" },
	{ "whats", "what is" },
	{ "whch", "which" },
	{ "whens", "when is" },
	{ "wheres", "where is" },
	{ "whos", "who is" },
	{ "wht", "what" },
	{ "wk", "week" },
	{ "wks", "weeks" },
	{ "wont", "will not" },
	{ "wot", "what" },
	{ "wouldnt", "would not" },
	{ "wut", "what" },
	{ "y", "why" },
	{ "ya", "you" },
	{ "yday", "yesterday" },
	{ "yda", "yesterday" },
	{ "yest", "yesterday" },
	{ "yesteday", "yesterday" },
	{ "yestrday", "yesterday" },
	{ "youre", "you are" },
	{ "youve", "you have" },
	{ "yr", "your" },
	{ "ystrdy", "yesterday" },
	{ "ystday", "yesterday" },
};

static int nlu_abbrev_cmp(const void *k, const void *e)
{
	return strcmp(k, ((const struct nlu_abbrev *)e)->key);
}

static const char *nlu_abbrev(const char *w)
{
	const struct nlu_abbrev *a;

	a = bsearch(w, nlu_abbrevs, sizeof(nlu_abbrevs) / sizeof(nlu_abbrevs[0]),
		    sizeof(nlu_abbrevs[0]), nlu_abbrev_cmp);
	return a ? a->norm : NULL;
}

/* Function words: sorted for bsearch. */
static const char *const nlu_stopwords[] = {
	"a", "about", "am", "an", "and", "any", "anything", "are", "as", "at",
	"be", "been", "but", "by", "can", "could", "did", "do", "does", "for",
	"from", "get", "got", "had", "has", "have", "hey", "how", "i", "if",
	"in", "into", "is", "it", "its", "just", "me", "my", "myself", "of",
	"on", "or", "please", "so", "some", "that", "the", "their", "them",
	"then", "there", "these", "this", "those", "to", "up", "us", "was",
	"we", "were", "what", "when", "where", "which", "who", "whom", "why",
	"will", "with", "would", "you", "your",
};

static int nlu_str_cmp(const void *k, const void *e)
{
	return strcmp(k, *(const char *const *)e);
}

bool nlu_is_stopword(const char *w)
{
	return bsearch(w, nlu_stopwords,
		       sizeof(nlu_stopwords) / sizeof(nlu_stopwords[0]),
		       sizeof(nlu_stopwords[0]), nlu_str_cmp) != NULL;
}

/* ---- Porter stemmer --------------------------------------------------- */

/*
 * Porter's algorithm over b[0..k] (the classic formulation: j marks the
 * end of the stem being tested, k the end of the word).
 */
struct nlu_porter {
	char *b;
	int k;
	int j;
};

static bool porter_cons(const struct nlu_porter *z, int i)
{
	switch (z->b[i]) {
	case 'a': case 'e': case 'i': case 'o': case 'u':
		return false;
	case 'y':
		return i == 0 ? true : !porter_cons(z, i - 1);
	default:
		return true;
	}
}

/* The number of vowel-consonant sequences in b[0..j]. */
static int porter_m(const struct nlu_porter *z)
{
	int n = 0, i = 0;

	for (;;) {
		if (i > z->j) {
			return n;
		}
		if (!porter_cons(z, i)) {
			break;
		}
		i++;
	}
	i++;
	for (;;) {
		for (;;) {
			if (i > z->j) {
				return n;
			}
			if (porter_cons(z, i)) {
				break;
			}
			i++;
		}
		i++;
		n++;
		for (;;) {
			if (i > z->j) {
				return n;
			}
			if (!porter_cons(z, i)) {
				break;
			}
			i++;
		}
		i++;
	}
}

static bool porter_vowel_in_stem(const struct nlu_porter *z)
{
	int i;

	for (i = 0; i <= z->j; i++) {
		if (!porter_cons(z, i)) {
			return true;
		}
	}
	return false;
}

static bool porter_doublec(const struct nlu_porter *z, int j)
{
	return j >= 1 && z->b[j] == z->b[j - 1] && porter_cons(z, j);
}

static bool porter_cvc(const struct nlu_porter *z, int i)
{
	int ch;

	if (i < 2 || !porter_cons(z, i) || porter_cons(z, i - 1) ||
	    !porter_cons(z, i - 2)) {
		return false;
	}
	ch = z->b[i];
	return ch != 'w' && ch != 'x' && ch != 'y';
}

static bool porter_ends(struct nlu_porter *z, const char *s)
{
	int len = (int)strlen(s);

	if (len > z->k + 1 || memcmp(z->b + z->k - len + 1, s, (size_t)len)) {
		return false;
	}
	z->j = z->k - len;
	return true;
}

static void porter_setto(struct nlu_porter *z, const char *s)
{
	int len = (int)strlen(s);

	memcpy(z->b + z->j + 1, s, (size_t)len);
	z->k = z->j + len;
}

static void porter_r(struct nlu_porter *z, const char *s)
{
	if (porter_m(z) > 0) {
		porter_setto(z, s);
	}
}

static void porter_step1ab(struct nlu_porter *z)
{
	if (z->b[z->k] == 's') {
		if (porter_ends(z, "sses")) {
			z->k -= 2;
		} else if (porter_ends(z, "ies")) {
			porter_setto(z, "i");
		} else if (z->k >= 1 && z->b[z->k - 1] != 's') {
			z->k--;
		}
	}
	if (porter_ends(z, "eed")) {
		if (porter_m(z) > 0) {
			z->k--;
		}
	} else if ((porter_ends(z, "ed") || porter_ends(z, "ing")) &&
		   porter_vowel_in_stem(z)) {
		z->k = z->j;
		if (porter_ends(z, "at")) {
			porter_setto(z, "ate");
		} else if (porter_ends(z, "bl")) {
			porter_setto(z, "ble");
		} else if (porter_ends(z, "iz")) {
			porter_setto(z, "ize");
		} else if (porter_doublec(z, z->k)) {
			z->k--;
			if (strchr("lsz", z->b[z->k])) {
				z->k++;
			}
		} else if (porter_m(z) == 1 && porter_cvc(z, z->k)) {
			porter_setto(z, "e");
		}
	}
}

static void porter_step1c(struct nlu_porter *z)
{
	if (porter_ends(z, "y") && porter_vowel_in_stem(z)) {
		z->b[z->k] = 'i';
	}
}

static const char *const porter_step2_rules[][2] = {
	{ "ational", "ate" }, { "tional", "tion" }, { "enci", "ence" },
	{ "anci", "ance" }, { "izer", "ize" }, { "bli", "ble" },
	{ "alli", "al" }, { "entli", "ent" }, { "eli", "e" },
	{ "ousli", "ous" }, { "ization", "ize" }, { "ation", "ate" },
	{ "ator", "ate" }, { "alism", "al" }, { "iveness", "ive" },
	{ "fulness", "ful" }, { "ousness", "ous" }, { "aliti", "al" },
	{ "iviti", "ive" }, { "biliti", "ble" }, { "logi", "log" },
};

static const char *const porter_step3_rules[][2] = {
	{ "icate", "ic" }, { "ative", "" }, { "alize", "al" },
	{ "iciti", "ic" }, { "ical", "ic" }, { "ful", "" }, { "ness", "" },
};

static const char *const porter_step4_suffixes[] = {
	"al", "ance", "ence", "er", "ic", "able", "ible", "ant", "ement",
	"ment", "ent", "ion", "ou", "ism", "ate", "iti", "ous", "ive", "ize",
};

static void porter_rules(struct nlu_porter *z, const char *const (*rules)[2],
			 size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		if (porter_ends(z, rules[i][0])) {
			porter_r(z, rules[i][1]);
			return;
		}
	}
}

static void porter_step4(struct nlu_porter *z)
{
	size_t i;

	for (i = 0; i < sizeof(porter_step4_suffixes) /
		    sizeof(porter_step4_suffixes[0]); i++) {
		if (!porter_ends(z, porter_step4_suffixes[i])) {
			continue;
		}
		if (strcmp(porter_step4_suffixes[i], "ion") == 0 &&
		    !(z->j >= 0 && (z->b[z->j] == 's' || z->b[z->j] == 't'))) {
			return;
		}
		if (porter_m(z) > 1) {
			z->k = z->j;
		}
		return;
	}
}

static void porter_step5(struct nlu_porter *z)
{
	int a;

	z->j = z->k;
	if (z->b[z->k] == 'e') {
		a = porter_m(z);
		if (a > 1 || (a == 1 && !porter_cvc(z, z->k - 1))) {
			z->k--;
		}
	}
	if (z->b[z->k] == 'l' && porter_doublec(z, z->k) && porter_m(z) > 1) {
		z->k--;
	}
}

void nlu_stem(char *word)
{
	struct nlu_porter z;
	size_t len = strlen(word), i;

	if (len <= 2) {
		return;
	}
	for (i = 0; i < len; i++) {
		if (word[i] < 'a' || word[i] > 'z') {
			return;	/* only plain lower-case words */
		}
	}
	z.b = word;
	z.k = (int)len - 1;
	z.j = 0;
	porter_step1ab(&z);
	if (z.k > 0) {
		porter_step1c(&z);
		porter_rules(&z, porter_step2_rules, sizeof(porter_step2_rules) /
			     sizeof(porter_step2_rules[0]));
		porter_rules(&z, porter_step3_rules, sizeof(porter_step3_rules) /
			     sizeof(porter_step3_rules[0]));
		porter_step4(&z);
		porter_step5(&z);
	}
	word[z.k + 1] = '\0';
}

/* ---- edit distance ----------------------------------------------------- */

int nlu_distance(const char *a, const char *b, int max)
{
	size_t la = strlen(a), lb = strlen(b), i, j;
	int *base, *prev2, *prev, *cur, *tmp, best, d;

	if (la > 64 || lb > 64) {
		return strcmp(a, b) == 0 ? 0 : max + 1;
	}
	if ((la > lb ? la - lb : lb - la) > (size_t)max) {
		return max + 1;
	}
	base = calloc(3 * (lb + 1), sizeof(int));
	prev2 = base;
	if (base == NULL) {
		return strcmp(a, b) == 0 ? 0 : max + 1;
	}
	prev = prev2 + lb + 1;
	cur = prev + lb + 1;
	for (j = 0; j <= lb; j++) {
		prev[j] = (int)j;
	}
	for (i = 1; i <= la; i++) {
		cur[0] = (int)i;
		best = cur[0];
		for (j = 1; j <= lb; j++) {
			int cost = a[i - 1] == b[j - 1] ? 0 : 1;

			d = prev[j] + 1;
			if (cur[j - 1] + 1 < d) {
				d = cur[j - 1] + 1;
			}
			if (prev[j - 1] + cost < d) {
				d = prev[j - 1] + cost;
			}
			if (i > 1 && j > 1 && a[i - 1] == b[j - 2] &&
			    a[i - 2] == b[j - 1] && prev2[j - 2] + 1 < d) {
				d = prev2[j - 2] + 1;
			}
			cur[j] = d;
			if (d < best) {
				best = d;
			}
		}
		if (best > max) {
			free(base);
			return max + 1;
		}
		tmp = prev2;
		prev2 = prev;
		prev = cur;
		cur = tmp;
	}
	d = prev[lb];
	free(base);
	return d > max ? max + 1 : d;
}

int nlu_typo_budget(size_t len)
{
	if (len <= 3) {
		return 0;
	}
	return len <= 5 ? 1 : 2;
}

bool nlu_fuzzy_eq(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b);
	int budget = nlu_typo_budget(la < lb ? la : lb);

	if (strcmp(a, b) == 0) {
		return true;
	}
	return budget > 0 && nlu_distance(a, b, budget) <= budget;
}

/* ---- tokenizer --------------------------------------------------------- */

/* Bytes that end a token. */
static bool nlu_is_sep(unsigned char c)
{
	return c <= ' ' || c == 0x7f || strchr(",;!?()[]{}<>=|&*`\"", c);
}

/* Leading/trailing bytes trimmed from a token. */
static bool nlu_is_trim_lead(unsigned char c)
{
	return strchr("'.:#$^\\", c) != NULL && c != '\0';
}

static bool nlu_is_trim_tail(unsigned char c)
{
	return strchr("'.:-#\\/", c) != NULL && c != '\0';
}

static char *nlu_strndup(const char *s, size_t n)
{
	char *p = malloc(n + 1);

	if (p != NULL) {
		memcpy(p, s, n);
		p[n] = '\0';
	}
	return p;
}

/* Adds a token; takes raw (may be NULL for "") and copies norm. */
static bool nlu_push(struct nlu *q, const char *raw, size_t rawlen,
		     const char *norm, size_t normlen, unsigned flags)
{
	struct nlu_token *t;

	if (q->n >= NLU_MAX_TOKENS) {
		q->truncated = true;
		return false;
	}
	t = &q->tok[q->n];
	t->raw = nlu_strndup(raw ? raw : "", raw ? rawlen : 0);
	t->norm = nlu_strndup(norm, normlen);
	t->stem = nlu_strndup(norm, normlen);
	if (t->raw == NULL || t->norm == NULL || t->stem == NULL) {
		free(t->raw);
		free(t->norm);
		free(t->stem);
		return false;
	}
	nlu_stem(t->stem);
	t->flags = flags;
	if (nlu_is_stopword(t->norm)) {
		t->flags |= NLU_F_STOP;
	}
	q->n++;
	return true;
}

/* Pushes each space-separated word of expansion as a token. */
static void nlu_push_words(struct nlu *q, const char *raw, size_t rawlen,
			   const char *expansion, unsigned flags)
{
	const char *p = expansion, *e;
	bool first = true;

	while (*p != '\0') {
		e = strchr(p, ' ');
		if (e == NULL) {
			e = p + strlen(p);
		}
		nlu_push(q, first ? raw : NULL, first ? rawlen : 0, p,
			 (size_t)(e - p), flags | (first ? 0 : NLU_F_SYNTH));
		first = false;
		p = *e ? e + 1 : e;
	}
}

/* Contractions with an apostrophe: "didn't", "what's", "amy's". */
static bool nlu_contraction(struct nlu *q, const char *raw, size_t rawlen,
			    const char *low, unsigned flags)
{
	static const struct {
		const char *suffix;
		const char *word;
	} tails[] = {
		{ "n't", "not" }, { "'re", "are" }, { "'m", "am" },
		{ "'ve", "have" }, { "'ll", "will" }, { "'d", "did" },
		{ "'s", "is" },
	};
	static const char *const s_is[] = {
		"he", "here", "how", "it", "she", "that", "there", "what",
		"when", "where", "who", "why", "let",
	};
	size_t len = strlen(low), i, sl, bl;
	char base[NLU_MAX_WORD + 1];

	for (i = 0; i < sizeof(tails) / sizeof(tails[0]); i++) {
		sl = strlen(tails[i].suffix);
		if (len <= sl || strcmp(low + len - sl, tails[i].suffix) != 0) {
			continue;
		}
		bl = len - sl;
		memcpy(base, low, bl);
		base[bl] = '\0';
		if (i == 0) {
			/* won't -> will not, can't -> can not */
			if (strcmp(base, "wo") == 0) {
				strcpy(base, "will");
			} else if (strcmp(base, "ca") == 0) {
				strcpy(base, "can");
			} else if (strcmp(base, "sha") == 0) {
				strcpy(base, "shall");
			}
		}
		if (strcmp(tails[i].suffix, "'s") == 0) {
			size_t k;
			bool is = false;

			for (k = 0; k < sizeof(s_is) / sizeof(s_is[0]); k++) {
				is = is || strcmp(base, s_is[k]) == 0;
			}
			if (strcmp(base, "let") == 0) {
				nlu_push(q, raw, rawlen, "let", 3, flags);
				nlu_push(q, NULL, 0, "us", 2,
					 flags | NLU_F_SYNTH);
				return true;
			}
			if (!is) {
				/* possessive: keep the name */
				nlu_push(q, raw, rawlen - 2, base, bl, flags);
				return true;
			}
		}
		nlu_push(q, raw, rawlen, base, strlen(base), flags);
		nlu_push(q, NULL, 0, tails[i].word, strlen(tails[i].word),
			 flags | NLU_F_SYNTH);
		return true;
	}
	return false;
}

/* Handles one trimmed word of rawlen bytes at raw. */
static void nlu_word(struct nlu *q, const char *raw, size_t rawlen,
		     unsigned flags)
{
	char low[NLU_MAX_WORD + 1];
	const char *ab;
	size_t i;
	bool digits = true;

	if (rawlen > NLU_MAX_WORD) {
		rawlen = NLU_MAX_WORD;
		q->truncated = true;
	}
	for (i = 0; i < rawlen; i++) {
		unsigned char c = (unsigned char)raw[i];

		low[i] = (char)tolower(c);
		digits = digits && isdigit(c);
		if (c == '/' || c == '~' || (c == '.' && i > 0)) {
			flags |= NLU_F_PATHLIKE;
		}
	}
	low[rawlen] = '\0';
	if (digits) {
		flags |= NLU_F_NUMBER;
	}
	if (isupper((unsigned char)raw[0])) {
		flags |= NLU_F_CAPITAL;
	}
	if (!(flags & NLU_F_PATHLIKE) && strchr(low, '\'') != NULL &&
	    nlu_contraction(q, raw, rawlen, low, flags)) {
		return;
	}
	ab = (flags & NLU_F_PATHLIKE) ? NULL : nlu_abbrev(low);
	if (ab != NULL) {
		nlu_push_words(q, raw, rawlen, ab, flags);
		return;
	}
	nlu_push(q, raw, rawlen, low, rawlen, flags);
}

/* Copies text to out, typographic quotes and dashes as ASCII. */
static size_t nlu_fold(const char *text, char *out, size_t cap)
{
	const unsigned char *s = (const unsigned char *)text;
	size_t n = 0;

	while (*s != '\0' && n + 1 < cap) {
		if (s[0] == 0xe2 && s[1] == 0x80 &&
		    (s[2] == 0x98 || s[2] == 0x99)) {
			out[n++] = '\'';
			s += 3;
		} else if (s[0] == 0xe2 && s[1] == 0x80 &&
			   (s[2] == 0x9c || s[2] == 0x9d)) {
			out[n++] = '"';
			s += 3;
		} else if (s[0] == 0xe2 && s[1] == 0x80 &&
			   (s[2] == 0x93 || s[2] == 0x94)) {
			out[n++] = ' ';
			s += 3;
		} else {
			out[n++] = (char)*s++;
		}
	}
	out[n] = '\0';
	return n;
}

void nlu_parse(struct nlu *q, const char *text)
{
	char buf[NLU_MAX_INPUT + 1];
	size_t len, i = 0, start, end;

	memset(q, 0, sizeof(*q));
	if (text == NULL) {
		return;
	}
	len = nlu_fold(text, buf, sizeof(buf));
	if (strlen(text) > len) {
		q->truncated = true;
	}
	for (end = len; end > 0 && nlu_is_sep((unsigned char)buf[end - 1]);
	     end--) {
		if (buf[end - 1] == '?') {
			q->question_mark = true;
		}
	}
	while (i < len && q->n < NLU_MAX_TOKENS) {
		unsigned char c = (unsigned char)buf[i];

		if (c == '"') {
			/* a quoted phrase is one token */
			start = ++i;
			while (i < len && buf[i] != '"') {
				i++;
			}
			if (i > start) {
				size_t n = i - start;
				char low[NLU_MAX_WORD + 1];
				size_t k;

				if (n > NLU_MAX_WORD) {
					n = NLU_MAX_WORD;
				}
				for (k = 0; k < n; k++) {
					low[k] = (char)tolower(
						(unsigned char)buf[start + k]);
				}
				nlu_push(q, buf + start, n, low, n,
					 NLU_F_QUOTED);
			}
			i++;
			continue;
		}
		if (nlu_is_sep(c)) {
			i++;
			continue;
		}
		start = i;
		while (i < len && !nlu_is_sep((unsigned char)buf[i])) {
			i++;
		}
		end = i;
		while (start < end && nlu_is_trim_lead((unsigned char)buf[start]) &&
		       !(buf[start] == '.' && start + 1 < end &&
			 buf[start + 1] == '/')) {
			start++;
		}
		while (end > start && nlu_is_trim_tail((unsigned char)buf[end - 1]) &&
		       !(end - start == 1 && buf[start] == '/') &&
		       !(end - start == 1 && buf[start] == '-')) {
			end--;
		}
		if (end > start) {
			nlu_word(q, buf + start, end - start, 0);
		}
	}
	if (i < len) {
		q->truncated = true;
	}
}

void nlu_release(struct nlu *q)
{
	int i;

	for (i = 0; i < q->n; i++) {
		free(q->tok[i].raw);
		free(q->tok[i].norm);
		free(q->tok[i].stem);
	}
	q->n = 0;
}

/* ---- lookups ----------------------------------------------------------- */

int nlu_find(const struct nlu *q, int start, const char *w)
{
	int i;

	for (i = start < 0 ? 0 : start; i < q->n; i++) {
		if (strcmp(q->tok[i].norm, w) == 0) {
			return i;
		}
	}
	return -1;
}

bool nlu_has(const struct nlu *q, const char *w)
{
	return nlu_find(q, 0, w) >= 0;
}

bool nlu_has_stem(const struct nlu *q, const char *s)
{
	int i;

	for (i = 0; i < q->n; i++) {
		if (strcmp(q->tok[i].stem, s) == 0) {
			return true;
		}
	}
	return false;
}

bool nlu_phrase_at(const struct nlu *q, int i, const char *phrase)
{
	const char *p = phrase, *e;
	size_t n;

	while (*p != '\0') {
		if (i >= q->n) {
			return false;
		}
		e = strchr(p, ' ');
		n = e ? (size_t)(e - p) : strlen(p);
		if (strlen(q->tok[i].norm) != n ||
		    memcmp(q->tok[i].norm, p, n) != 0) {
			return false;
		}
		i++;
		p += n;
		if (*p == ' ') {
			p++;
		}
	}
	return true;
}

int nlu_find_phrase(const struct nlu *q, const char *phrase)
{
	int i;

	for (i = 0; i < q->n; i++) {
		if (nlu_phrase_at(q, i, phrase)) {
			return i;
		}
	}
	return -1;
}
