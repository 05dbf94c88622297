/*
 * intent.c - domains, forms, aggregates and slots (see intent.h).
 *
 * The order of work:
 *   1. the companion itself (names, greetings, "call me X"), which must
 *      win over everything because it can change the store;
 *   2. the time expression (timeexpr.c);
 *   3. slots from the user's vocabulary: a directory, a command, a file,
 *      a person (each by exact form first, then by edit distance);
 *   4. cue words per domain, counted by stem; the slots add to the domain
 *      they belong to; the best domain above a threshold wins;
 *   5. form, aggregates and outcome from cue words.
 * Things it must not answer (the future, secrets, what it never records)
 * are recognised from small word lists and win over a weak domain score.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "intent.h"
#include "nlu.h"
#include "vocab.h"

/* ---- small helpers ------------------------------------------------------- */

static const char *tn(const struct nlu *q, int i)
{
	return i >= 0 && i < q->n ? q->tok[i].norm : "";
}

static const char *ts(const struct nlu *q, int i)
{
	return i >= 0 && i < q->n ? q->tok[i].stem : "";
}

static bool used(const struct nlu *q, int i)
{
	return (q->tok[i].flags & NLU_F_USED) != 0;
}

static void use(struct nlu *q, int i, int n)
{
	int k;

	for (k = i; k < i + n && k < q->n; k++) {
		q->tok[k].flags |= NLU_F_USED;
	}
}

static bool in_list(const char *w, const char *const *list)
{
	for (; *list != NULL; list++) {
		if (strcmp(w, *list) == 0) {
			return true;
		}
	}
	return false;
}

/* Whether any token's stem or norm is in list. */
static int count_cues(const struct nlu *q, const char *const *list)
{
	int i, n = 0;

	for (i = 0; i < q->n; i++) {
		if (in_list(q->tok[i].stem, list) ||
		    in_list(q->tok[i].norm, list)) {
			n++;
		}
	}
	return n;
}

static bool has_any(const struct nlu *q, const char *const *list)
{
	return count_cues(q, list) > 0;
}

static void copy(char *dst, size_t cap, const char *src)
{
	size_t n = src ? strlen(src) : 0;

	if (n >= cap) {
		n = cap - 1;
	}
	if (n > 0) {
		memcpy(dst, src, n);
	}
	dst[n] = '\0';
}

static const char *base_name(const char *p)
{
	const char *s = strrchr(p, '/');

	return s && s[1] ? s + 1 : p;
}

/* ---- word lists ------------------------------------------------------------ */

static const char *const cue_commands[] = {
	"run", "ran", "command", "execut", "type", "typ", "typed", "shell",
	"termin", "session", "invok", "launch", "start", "work", "project",
	"repo", "repositori", "commit", "compil", "build", "built", "fail",
	"crash", "error", "broke", "succeed", "success", "use", "used",
	"hack", "code", "busiest", "busi", "activ", "did", "do", "doing",
	"longest", "slowest", "fastest", "quickest", "durat", "take", "took",
	"averag", NULL
};

static const char *const cue_files[] = {
	"file", "edit", "modifi", "chang", "touch", "save", "creat",
	"renam", "move", "delet", "remov", "download", "document", "updat",
	"alter", "rewrit", "wrote", "written", "new", "made", NULL
};

static const char *const cue_mail[] = {
	"mail", "email", "messag", "inbox", "unread", "sender", "sent",
	"send", "wrote", "write", "written", "repli", "correspond", "subject",
	"contact", "letter", "from", "hear", "heard", "receiv", "got",
	"emailed", "mailbox", "newslett", "notif", "new", NULL
};

static const char *const secret_words[] = {
	"password", "passwords", "passwd", "pin", "pins", "passphrase",
	"passcode", "secret", "secrets", "cvv", "ssn", "credential",
	"credentials", "2fa", "otp", "iban", "pwd", NULL
};

/* Things the companion never sees: these always decline. */
static const char *const unrecorded_words[] = {
	"weather", "rain", "raining", "forecast", "temperature", "sunny",
	"football", "soccer", "cricket", "basketball", "tennis", "won",
	"election", "phone", "phoned", "telephone", "rang", "voicemail",
	"texted", "sms", "whatsapp", "walk", "walked", "steps", "jog",
	"jogged", "sleep", "slept", "ate", "eat", "eaten", "breakfast",
	"drank", "weigh", "weight", "heart", "pulse", "stock", "stocks",
	"bitcoin", "headline", "headlines", "lottery", "salary", "mood",
	"felt", "tweet", "tweeted", "instagram", "facebook", "spotify",
	"youtube", "parked", NULL
};

/* ... and these decline unless a person, file or command of the memory
 * is named, or mail is mentioned. */
static const char *const unrecorded_weak[] = {
	"lunch", "dinner", "meal", "drink", "coffee", "news", "meeting",
	"meetings", "appointment", "dentist", "doctor", "birthday",
	"calendar", "movie", "film", "tv", "song", "music", "listened",
	"watched", "car", "wallet", "feel", "said", "say", "told", "talk",
	"talked", "conversation", "visited", "browser", "website",
	"websites", "twitter", "money", "bank", "balance", "score", "win",
	"shares", "spend", "party", NULL
};

static const char *const run_verbs[] = {
	"run", "ran", "runs", "running", "use", "used", "uses", "using",
	"type", "typed", "execute", "executed", "launch", "launched",
	"invoke", "invoked", "call", "called", "start", "started", "try",
	"tried", "do", "did", NULL
};

/* English words that are also common command names: a command slot
 * needs more than the word alone for these. */
static const char *const english_commands[] = {
	"make", "file", "last", "first", "time", "test", "which", "who",
	"date", "less", "more", "top", "head", "tail", "free", "find",
	"watch", "mail", "man", "yes", "cat", "touch", "sort", "join",
	"split", "kill", "sleep", "wait", "true", "false", "link", "look",
	"write", "read", "see", "show", "list", "type", "help", "info",
	"open", "run", "start", "stop", "go", "do", "say", "echo", "print",
	"clear", "exit", "history", "what", "when", "where", "how", "new",
	"w", "id", "ls", "diff", "patch", "cut", "paste", "expand", "fold",
	"tr", "column", "last", "users", "groups", "at", "host", "dig",
	"units", "locate", "script", "time", "times", "up", "did", "ran",
	"ask", "companion", "long", "often", "many", "much", "day",
	"files", "file", "command", "commands", "in", "on", "work",
	"build", "install", "update", "upgrade", "check", "mount", "top",
	"zip", "git", NULL
};

static const char *const after_command_verbs[] = {
	"take", "takes", "took", "taking", "fail", "fails", "failed",
	"failing", "run", "runs", "ran", "last", "lasted", "succeed",
	"succeeded", "pass", "passed", "finish", "finished", "break",
	"broke", "crash", "crashed", "error", "errored", "work", "worked",
	"command", "commands", "invocation", "invocations", "runs", "build",
	"job", NULL
};

/* Words before a noun: "the slowest make", "my last build". */
static const char *const determiners[] = {
	"slowest", "fastest", "longest", "shortest", "last", "first",
	"latest", "previous", "every", "each", "my", "the", "that", "this",
	"recent", "earliest", "quickest", NULL
};

static const char *const dir_preps[] = {
	"in", "inside", "under", "within", "at", "from", "into", "of",
	"for", NULL
};

static const char *const dir_nouns[] = {
	"directory", "directories", "project", "projects", "repo",
	"repository", "dir", "path", "tree", "workspace", "checkout", NULL
};

/* ---- the companion itself ------------------------------------------------- */

/* Copies up to three raw words from token i as a name ("Theo"). */
static bool take_name(struct nlu *q, int i, char *out, size_t cap)
{
	size_t len = 0;
	int k;

	out[0] = '\0';
	for (k = i; k < q->n && k < i + 3; k++) {
		const char *w = q->tok[k].raw;

		if (w[0] == '\0' || strcmp(q->tok[k].norm, "please") == 0 ||
		    strcmp(q->tok[k].norm, "instead") == 0 ||
		    strcmp(q->tok[k].norm, "from") == 0 ||
		    strcmp(q->tok[k].norm, "now") == 0) {
			break;
		}
		if (!isalpha((unsigned char)w[0]) && (unsigned char)w[0] < 0x80) {
			break;
		}
		if (len + strlen(w) + 2 > cap) {
			break;
		}
		if (len > 0) {
			out[len++] = ' ';
		}
		memcpy(out + len, w, strlen(w));
		len += strlen(w);
		out[len] = '\0';
		use(q, k, 1);
	}
	if (len > 0 && islower((unsigned char)out[0])) {
		out[0] = (char)toupper((unsigned char)out[0]);
	}
	return len > 0;
}

static bool persona_parse(struct nlu *q, struct intent *in)
{
	static const char *const greetings[] = {
		"hello", "hi", "hey", "hiya", "howdy", "yo", "greetings",
		"heya", "hallo", "helo", "hello", "morning", "evening",
		"afternoon", "sup", NULL
	};
	static const char *const thanks[] = {
		"thanks", "thank", "cheers", "ta", "thx", "appreciated",
		"great", "awesome", "nice", "cool", "perfect", NULL
	};
	int i, content = 0;

	/* call me X / my name is X / i am called X */
	if ((i = nlu_find_phrase(q, "call me")) >= 0 ||
	    (i = nlu_find_phrase(q, "calling me")) >= 0) {
		if (take_name(q, i + 2, in->name, sizeof(in->name))) {
			use(q, i, 2);
			in->persona = PERSONA_CALL_ME;
			return true;
		}
	}
	if ((i = nlu_find_phrase(q, "my name is")) >= 0 &&
	    take_name(q, i + 3, in->name, sizeof(in->name))) {
		use(q, i, 3);
		in->persona = PERSONA_CALL_ME;
		return true;
	}
	if (((i = nlu_find_phrase(q, "call yourself")) >= 0 ||
	     (i = nlu_find_phrase(q, "your name is")) >= 0 ||
	     (i = nlu_find_phrase(q, "i will call you")) >= 0 ||
	     (i = nlu_find_phrase(q, "rename yourself")) >= 0 ||
	     (i = nlu_find_phrase(q, "be called")) >= 0)) {
		int k = i + 2;

		while (k < q->n && (strcmp(tn(q, k), "is") == 0 ||
				    strcmp(tn(q, k), "you") == 0 ||
				    strcmp(tn(q, k), "call") == 0 ||
				    strcmp(tn(q, k), "to") == 0 ||
				    strcmp(tn(q, k), "from") == 0 ||
				    strcmp(tn(q, k), "now") == 0 ||
				    strcmp(tn(q, k), "on") == 0)) {
			k++;
		}
		if (take_name(q, k, in->name, sizeof(in->name))) {
			in->persona = PERSONA_CALL_YOU;
			return true;
		}
	}
	if ((nlu_has(q, "your") && (nlu_has(q, "name") || nlu_has(q, "called"))) ||
	    nlu_find_phrase(q, "who are you") >= 0 ||
	    nlu_find_phrase(q, "what are you") >= 0 ||
	    nlu_find_phrase(q, "what should i call you") >= 0 ||
	    nlu_find_phrase(q, "what do i call you") >= 0 ||
	    nlu_find_phrase(q, "what is you name") >= 0) {
		in->persona = PERSONA_YOUR_NAME;
		return true;
	}
	if ((nlu_has(q, "my") && nlu_has(q, "name") && !nlu_has(q, "file")) ||
	    nlu_find_phrase(q, "who am i") >= 0 ||
	    nlu_find_phrase(q, "what do you call me") >= 0) {
		in->persona = PERSONA_MY_NAME;
		return true;
	}
	if (nlu_find_phrase(q, "how are you") >= 0 ||
	    nlu_find_phrase(q, "how is it going") >= 0 ||
	    nlu_find_phrase(q, "how are things") >= 0) {
		in->persona = PERSONA_HOW_ARE_YOU;
		return true;
	}
	if (nlu_find_phrase(q, "what can you do") >= 0 ||
	    nlu_find_phrase(q, "what do you do") >= 0 ||
	    (q->n <= 2 && nlu_has(q, "help"))) {
		in->persona = PERSONA_HELP;
		return true;
	}
	/* forgetting: how to make it forget, delete history, wipe memory */
	if ((nlu_has_stem(q, "forget") || nlu_has_stem(q, "eras") ||
	     nlu_has_stem(q, "wipe") ||
	     ((nlu_has_stem(q, "delet") || nlu_has_stem(q, "remov") ||
	       nlu_has_stem(q, "clear")) &&
	      (nlu_has_stem(q, "histori") || nlu_has_stem(q, "memori") ||
	       nlu_has(q, "you") || nlu_has_stem(q, "record")))) &&
	    !nlu_has_stem(q, "file")) {
		in->persona = PERSONA_FORGET;
		return true;
	}
	/* what it remembers */
	if ((nlu_has_stem(q, "rememb") || nlu_has_stem(q, "memori") ||
	     nlu_has_stem(q, "record") || nlu_has_stem(q, "track") ||
	     nlu_has_stem(q, "store") || nlu_has_stem(q, "know")) &&
	    (nlu_has(q, "you") || nlu_has(q, "your")) &&
	    !nlu_has(q, "my") && !nlu_has_stem(q, "password")) {
		in->persona = PERSONA_REMEMBER;
		return true;
	}
	if ((nlu_has(q, "you") || nlu_has(q, "your")) &&
	    (nlu_has_stem(q, "rememb") || nlu_has(q, "know")) &&
	    nlu_has(q, "me") && !nlu_has_stem(q, "password")) {
		in->persona = PERSONA_REMEMBER;
		return true;
	}
	/* greetings and thanks: only when nothing else is asked */
	for (i = 0; i < q->n; i++) {
		if (!(q->tok[i].flags & NLU_F_STOP) &&
		    !in_list(tn(q, i), greetings) && !in_list(tn(q, i), thanks) &&
		    strcmp(tn(q, i), "good") != 0 &&
		    strcmp(tn(q, i), "there") != 0 &&
		    strcmp(tn(q, i), "again") != 0 &&
		    strcmp(tn(q, i), "lot") != 0 &&
		    strcmp(tn(q, i), "much") != 0 &&
		    strcmp(tn(q, i), "very") != 0 &&
		    strcmp(tn(q, i), "hersh") != 0 &&
		    strcmp(tn(q, i), "buddy") != 0 &&
		    strcmp(tn(q, i), "mate") != 0 &&
		    strcmp(tn(q, i), "friend") != 0) {
			content++;
		}
	}
	if (q->n > 0 && in_list(tn(q, 0), greetings)) {
		in->greeting = true;
		if (content == 0 || q->n <= 2) {
			in->persona = PERSONA_GREET;
			return true;
		}
	}
	if (q->n > 0 && (nlu_has(q, "good") && (nlu_has(q, "morning") ||
						nlu_has(q, "afternoon") ||
						nlu_has(q, "evening"))) &&
	    content == 0) {
		in->persona = PERSONA_GREET;
		return true;
	}
	if (has_any(q, thanks) && content == 0) {
		in->persona = PERSONA_THANKS;
		return true;
	}
	return false;
}

/* ---- question shape ---------------------------------------------------------- */

/* "how do I", "how to", "what command ... to", "is there a way to". */
static bool is_howto(const struct nlu *q)
{
	static const char *const subj[] = {
		"i", "you", "one", "we", "someone",
	};
	int i;
	size_t k;

	for (i = 0; i < q->n; i++) {
		if (strcmp(tn(q, i), "how") != 0) {
			continue;
		}
		if (strcmp(tn(q, i + 1), "to") == 0 ||
		    strcmp(tn(q, i + 1), "2") == 0) {
			return true;
		}
		if (in_list(tn(q, i + 1), (const char *const[]){ "do", "can",
				"could", "would", "should", "does", "might",
				"shall", NULL })) {
			for (k = 0; k < sizeof(subj) / sizeof(subj[0]); k++) {
				if (strcmp(tn(q, i + 2), subj[k]) == 0) {
					return true;
				}
			}
		}
	}
	if (nlu_find_phrase(q, "is there a way") >= 0 ||
	    nlu_find_phrase(q, "is there a command") >= 0 ||
	    nlu_find_phrase(q, "what is the command to") >= 0 ||
	    nlu_find_phrase(q, "what is the command for") >= 0 ||
	    nlu_find_phrase(q, "command to") >= 0 ||
	    nlu_find_phrase(q, "command for") >= 0 ||
	    nlu_find_phrase(q, "command that") >= 0 ||
	    nlu_find_phrase(q, "command can") >= 0 ||
	    nlu_find_phrase(q, "tool to") >= 0 ||
	    nlu_find_phrase(q, "tool for") >= 0 ||
	    nlu_find_phrase(q, "way to") >= 0 ||
	    nlu_find_phrase(q, "show me how") >= 0 ||
	    nlu_find_phrase(q, "teach me") >= 0 ||
	    nlu_find_phrase(q, "i want to") >= 0 ||
	    nlu_find_phrase(q, "i need to") >= 0 ||
	    nlu_find_phrase(q, "help me") >= 0 ||
	    nlu_find_phrase(q, "what option") >= 0 ||
	    nlu_find_phrase(q, "which option") >= 0 ||
	    nlu_find_phrase(q, "what flag") >= 0 ||
	    nlu_find_phrase(q, "which flag") >= 0) {
		/* "which command did I run" is about the past */
		if (nlu_has(q, "did") || nlu_has(q, "ran") ||
		    nlu_has(q, "was")) {
			return false;
		}
		return true;
	}
	return false;
}

static enum intent_system system_topic(const struct nlu *q)
{
	bool proc = nlu_has_stem(q, "process") || nlu_has_stem(q, "program") ||
		    nlu_has_stem(q, "app") || nlu_has_stem(q, "task") ||
		    nlu_has_stem(q, "hog") || nlu_has(q, "pid");
	bool mem = nlu_has_stem(q, "memori") || nlu_has(q, "ram") ||
		   nlu_has(q, "swap") || nlu_has(q, "rss");
	bool cpu = nlu_has(q, "cpu") || nlu_has_stem(q, "processor") ||
		   nlu_has(q, "load") || nlu_has(q, "busy") ||
		   nlu_has_stem(q, "intens");
	int i;

	if (proc && (mem || cpu || nlu_has(q, "most") ||
		     nlu_has_stem(q, "heaviest") || nlu_has_stem(q, "biggest") ||
		     nlu_has_stem(q, "hungri") || nlu_has_stem(q, "hog"))) {
		return cpu && !mem ? SYS_TOP_CPU : SYS_TOP_MEMORY;
	}
	if ((nlu_has(q, "disk") || nlu_has(q, "disc") ||
	     nlu_has_stem(q, "storag") || nlu_has(q, "drive") ||
	     nlu_has_stem(q, "partit") || nlu_has_stem(q, "filesystem") ||
	     (nlu_has(q, "space") && !nlu_has_stem(q, "directori") &&
	      !nlu_has_stem(q, "file"))) &&
	    !nlu_has(q, "directory")) {
		return SYS_DISK;
	}
	if (mem && !nlu_has(q, "you")) {
		return SYS_MEMORY;
	}
	if (nlu_has_stem(q, "uptim") || nlu_has_stem(q, "boot") ||
	    nlu_has_stem(q, "reboot") || nlu_has_stem(q, "restart") ||
	    ((nlu_has(q, "up") || nlu_has(q, "running") || nlu_has(q, "on")) &&
	     (nlu_has_stem(q, "machin") || nlu_has_stem(q, "comput") ||
	      nlu_has_stem(q, "system") || nlu_has_stem(q, "server") ||
	      nlu_has(q, "box") || nlu_has_stem(q, "laptop")))) {
		return SYS_UPTIME;
	}
	if (cpu && (nlu_has_stem(q, "machin") || nlu_has_stem(q, "system") ||
		    nlu_has_stem(q, "comput") || nlu_has(q, "load") ||
		    nlu_has(q, "cpu"))) {
		return SYS_LOAD;
	}
	for (i = 0; i < q->n; i++) {
		if ((strcmp(tn(q, i), "day") == 0 || strcmp(tn(q, i), "date") == 0) &&
		    (strcmp(tn(q, i + 1), "is") == 0 || strcmp(tn(q, i + 1), "today") == 0) &&
		    (strcmp(tn(q, i + 2), "it") == 0 || strcmp(tn(q, i + 2), "today") == 0 ||
		     tn(q, i + 2)[0] == '\0')) {
			return SYS_DATE;
		}
		if (strcmp(tn(q, i), "time") == 0 && strcmp(tn(q, i + 1), "is") == 0 &&
		    strcmp(tn(q, i + 2), "it") == 0) {
			return SYS_TIME;
		}
	}
	if (nlu_find_phrase(q, "today is date") >= 0 ||
	    nlu_find_phrase(q, "today s date") >= 0 ||
	    nlu_find_phrase(q, "todays date") >= 0 ||
	    nlu_find_phrase(q, "what is the date") >= 0 ||
	    nlu_find_phrase(q, "what date") == 0 ||
	    nlu_find_phrase(q, "the date today") >= 0 ||
	    nlu_find_phrase(q, "which day is it") >= 0 ||
	    nlu_find_phrase(q, "day of the week") >= 0 ||
	    nlu_find_phrase(q, "what is today") >= 0) {
		return SYS_DATE;
	}
	if (nlu_find_phrase(q, "the time") >= 0 && q->n <= 5 &&
	    (nlu_has(q, "what") || nlu_has(q, "current"))) {
		return SYS_TIME;
	}
	return SYS_NONE;
}

/* ---- slots from the vocabulary ------------------------------------------------ */

/* Whether path ends with the '/'-separated suffix (case-insensitive). */
static bool path_ends_with(const char *path, const char *suffix)
{
	size_t lp = strlen(path), ls = strlen(suffix);

	if (ls == 0 || ls > lp || strcasecmp(path + lp - ls, suffix) != 0) {
		return false;
	}
	return ls == lp || path[lp - ls - 1] == '/';
}

struct dir_pick {
	const char *path;
	int64_t count;
	int dist;
};

static void dir_consider(struct dir_pick *best, const char *path,
			 int64_t count, int dist)
{
	if (best->path == NULL || dist < best->dist ||
	    (dist == best->dist && count > best->count) ||
	    (dist == best->dist && count == best->count &&
	     strlen(path) < strlen(best->path))) {
		best->path = path;
		best->count = count;
		best->dist = dist;
	}
}

/*
 * Matches word (a path "~/src/letters", "/home/x/notes", or a last
 * component "letters") against the directories of the memory: working
 * directories and the directories of changed files.  Typos are allowed
 * in a last component.  Returns true and fills out.
 */
static bool match_dir(const struct vocab *v, const char *word, bool allow_fuzzy,
		      char *out, size_t cap)
{
	const struct vocab_entry *e;
	struct dir_pick best = { NULL, 0, 99 };
	char want[INTENT_TEXT];
	size_t n, i;
	const char *home = vocab_home(v);

	copy(want, sizeof(want), word);
	n = strlen(want);
	while (n > 1 && want[n - 1] == '/') {
		want[--n] = '\0';
	}
	if (want[0] == '~') {
		if (want[1] == '\0') {
			if (home[0] == '\0') {
				return false;
			}
			copy(out, cap, home);
			return true;
		}
		if (home[0] != '\0') {
			char full[INTENT_TEXT * 2];

			snprintf(full, sizeof(full), "%s%s", home, want + 1);
			copy(want, sizeof(want), full);
		} else {
			memmove(want, want + 2, strlen(want + 2) + 1);
		}
	}
	e = vocab_entries(v, VOCAB_DIR, &n);
	for (i = 0; i < n; i++) {
		const char *p = e[i].text;

		if (want[0] == '/' ? strcasecmp(p, want) == 0 :
				     path_ends_with(p, want)) {
			dir_consider(&best, p, e[i].count, 0);
		} else if (allow_fuzzy && strchr(want, '/') == NULL &&
			   strlen(want) >= 4) {
			char low[INTENT_TEXT];
			size_t k;
			const char *b = base_name(p);

			for (k = 0; b[k] && k + 1 < sizeof(low); k++) {
				low[k] = (char)tolower((unsigned char)b[k]);
			}
			low[k] = '\0';
			if (nlu_fuzzy_eq(want, low)) {
				dir_consider(&best, p, e[i].count,
					     nlu_distance(want, low, 3));
			}
		}
	}
	if (best.path == NULL) {
		/* directories that only show in file paths ("~/notes") */
		e = vocab_entries(v, VOCAB_FILE, &n);
		for (i = 0; i < n; i++) {
			char dir[INTENT_TEXT];
			char *slash;

			copy(dir, sizeof(dir), e[i].text);
			while ((slash = strrchr(dir, '/')) != NULL && slash != dir) {
				*slash = '\0';
				if (want[0] == '/' ? strcasecmp(dir, want) == 0 :
						     path_ends_with(dir, want)) {
					copy(out, cap, dir);
					return true;
				}
			}
		}
		return false;
	}
	copy(out, cap, best.path);
	return true;
}

/* Looks for a directory slot. */
static void find_dir(struct nlu *q, const struct vocab *v, struct intent *in)
{
	int i;

	for (i = 0; i < q->n; i++) {
		const struct nlu_token *t = &q->tok[i];
		bool prep = i > 0 && in_list(tn(q, i - 1), dir_preps);
		bool noun = in_list(tn(q, i + 1), dir_nouns) ||
			    (i > 0 && in_list(tn(q, i - 1), dir_nouns));

		if (used(q, i) || (t->flags & (NLU_F_STOP | NLU_F_QUOTED)) ||
		    t->raw[0] == '\0' || t->raw[0] == '-') {
			continue;
		}
		if (strchr(t->raw, '/') != NULL || t->raw[0] == '~') {
			if (match_dir(v, t->raw, false, in->dir, sizeof(in->dir))) {
				use(q, i, 1);
				if (prep) {
					use(q, i - 1, 1);
				}
				return;
			}
			continue;
		}
		if (!(prep || noun)) {
			continue;
		}
		if (strchr(t->raw, '.') != NULL && !noun) {
			continue;	/* a file name */
		}
		if (match_dir(v, t->raw, true, in->dir, sizeof(in->dir))) {
			use(q, i, 1);
			if (prep) {
				use(q, i - 1, 1);
			}
			if (in_list(tn(q, i + 1), dir_nouns)) {
				use(q, i + 1, 1);
			}
			return;
		}
	}
}

/* Joins raw tokens i..i+n-1 with spaces. */
static void join_raw(const struct nlu *q, int i, int n, char *out, size_t cap,
		     bool lower)
{
	size_t len = 0;
	int k;

	out[0] = '\0';
	for (k = i; k < i + n; k++) {
		const char *w = q->tok[k].raw;
		size_t wl = strlen(w), j;

		if (len + wl + 2 > cap) {
			return;
		}
		if (k > i) {
			out[len++] = ' ';
		}
		for (j = 0; j < wl; j++) {
			out[len++] = lower ? (char)tolower((unsigned char)w[j]) : w[j];
		}
		out[len] = '\0';
	}
}

/* Whether the prefix key of vocabulary entry e starts with word (a
 * case-insensitive whole-word test). */
static const struct vocab_entry *lookup_prefix(const struct vocab *v,
					       const char *text)
{
	const struct vocab_entry *e = vocab_lookup(v, VOCAB_PREFIX, text);

	return e;
}

/* Finds the command slot: the longest run of tokens that starts some
 * recorded command line. */
static void find_cmd(struct nlu *q, const struct vocab *v, struct intent *in)
{
	char text[INTENT_TEXT], low[INTENT_TEXT];
	const struct vocab_entry *e, *best = NULL;
	int i, n, best_i = -1, best_n = 0;
	bool best_fuzzy = false;
	int64_t best_count = 0;

	for (i = 0; i < q->n; i++) {
		const struct nlu_token *t = &q->tok[i];
		bool run_before = i > 0 && in_list(tn(q, i - 1), run_verbs);
		bool verb_after = in_list(tn(q, i + 1), after_command_verbs);
		bool english;

		if (used(q, i) || t->raw[0] == '\0') {
			continue;
		}
		if (t->flags & NLU_F_QUOTED) {
			/* "make test" in quotes: a line or a prefix */
			if ((e = lookup_prefix(v, t->raw)) != NULL) {
				copy(in->cmd, sizeof(in->cmd), t->raw);
				copy(in->cmd_typed, sizeof(in->cmd_typed), t->raw);
				use(q, i, 1);
				return;
			}
			continue;
		}
		english = in_list(t->norm, english_commands) ||
			  nlu_is_stopword(t->norm);
		for (n = 4; n >= 1; n--) {
			if (i + n > q->n) {
				continue;
			}
			join_raw(q, i, n, text, sizeof(text), false);
			join_raw(q, i, n, low, sizeof(low), true);
			e = lookup_prefix(v, text);
			if (e == NULL) {
				e = lookup_prefix(v, low);
			}
			if (e == NULL) {
				continue;
			}
			if (n == 1 && english && !run_before && !verb_after &&
			    !(t->flags & NLU_F_PATHLIKE) &&
			    !(i > 0 && in_list(tn(q, i - 1), determiners) &&
			      e->count >= 5 && !in_list(t->stem, cue_files) &&
			      !in_list(t->stem, cue_mail) &&
			      !in_list(t->stem, cue_commands))) {
				continue;
			}
			if (n == 1 && nlu_is_stopword(t->norm)) {
				continue;
			}
			if (n > best_n || (n == best_n && e->count > best_count)) {
				best = e;
				best_i = i;
				best_n = n;
				best_count = e->count;
				best_fuzzy = false;
			}
			break;
		}
	}
	if (best == NULL) {
		/* a typo of a command the user runs ("pyhton") */
		size_t ne, k;
		const struct vocab_entry *all = vocab_entries(v, VOCAB_PREFIX, &ne);
		int best_d = 99;

		for (i = 0; i < q->n; i++) {
			const struct nlu_token *t = &q->tok[i];
			size_t len = strlen(t->norm);

			int budget = len >= 8 ? 2 : 1;

			if (used(q, i) || (t->flags & (NLU_F_STOP | NLU_F_SYNTH)) ||
			    len < 4 || in_list(t->norm, english_commands) ||
			    in_list(t->stem, cue_commands) ||
			    in_list(t->stem, cue_files) ||
			    in_list(t->stem, cue_mail) ||
			    in_list(t->norm, after_command_verbs) ||
			    in_list(t->norm, run_verbs)) {
				continue;
			}
			for (k = 0; k < ne; k++) {
				const char *c = all[k].text;
				int d;

				if (strchr(c, ' ') != NULL || all[k].count < 2 ||
				    strlen(c) < 4 || c[0] != t->norm[0]) {
					continue;
				}
				d = nlu_distance(t->norm, c, budget);
				if (d > budget) {
					/* "python3", "gcc-12": without the version */
					char base[64];
					size_t bl = strlen(c);

					while (bl > 0 && (isdigit((unsigned char)c[bl - 1]) ||
							  c[bl - 1] == '-' || c[bl - 1] == '.')) {
						bl--;
					}
					if (bl >= 4 && bl < strlen(c) && bl < sizeof(base)) {
						memcpy(base, c, bl);
						base[bl] = '\0';
						d = nlu_distance(t->norm, base, budget);
					}
				}
				if (d <= budget && d > 0 &&
				    (d < best_d || (d == best_d &&
						    all[k].count > best_count))) {
					best = &all[k];
					best_i = i;
					best_n = 1;
					best_d = d;
					best_count = all[k].count;
					best_fuzzy = true;
				}
			}
		}
		if (best != NULL) {
			/* extend with exact following words ("pyhon manage.py") */
			char ext[INTENT_TEXT];

			copy(text, sizeof(text), best->text);
			while (best_i + best_n < q->n) {
				const char *w = q->tok[best_i + best_n].raw;

				if (strlen(text) + strlen(w) + 2 > sizeof(ext)) {
					break;
				}
				strcpy(ext, text);
				strcat(ext, " ");
				strcat(ext, w);
				if ((e = lookup_prefix(v, ext)) == NULL) {
					break;
				}
				best = e;
				copy(text, sizeof(text), ext);
				best_n++;
			}
		}
	}
	if (best == NULL) {
		/* "commit", "push": the second word of one recorded prefix */
		size_t ne, k;
		const struct vocab_entry *all = vocab_entries(v, VOCAB_PREFIX, &ne);

		for (i = 0; i < q->n && best == NULL; i++) {
			const struct nlu_token *t = &q->tok[i];
			const struct vocab_entry *cand = NULL;
			int64_t total = 0;

			if (used(q, i) || (t->flags & NLU_F_STOP) ||
			    strlen(t->norm) < 4) {
				continue;
			}
			for (k = 0; k < ne; k++) {
				const char *sp = strchr(all[k].text, ' ');

				if (sp == NULL || strchr(sp + 1, ' ') != NULL ||
				    strcmp(sp + 1, t->norm) != 0 ||
				    all[k].text[0] == '.') {
					continue;
				}
				total += all[k].count;
				if (cand == NULL || all[k].count > cand->count) {
					cand = &all[k];
				}
			}
			if (cand != NULL && cand->count * 10 >= total * 8 &&
			    cand->count >= 2) {
				best = cand;
				best_i = i;
				best_n = 1;
			}
		}
	}
	if (best == NULL) {
		return;
	}
	copy(in->cmd, sizeof(in->cmd), best->text);
	join_raw(q, best_i, best_n, in->cmd_typed, sizeof(in->cmd_typed), false);
	in->cmd_fuzzy = best_fuzzy;
	use(q, best_i, best_n);
	if (best_i > 0 && in_list(tn(q, best_i - 1), run_verbs)) {
		use(q, best_i - 1, 1);
	}
}

/* Finds a file slot: a token like "todo.md" naming a file of the memory. */
static void find_file(struct nlu *q, const struct vocab *v, struct intent *in)
{
	size_t n, k;
	const struct vocab_entry *e = vocab_entries(v, VOCAB_FILE, &n);
	int i;

	for (i = 0; i < q->n; i++) {
		const struct nlu_token *t = &q->tok[i];
		const struct vocab_entry *best = NULL;
		int best_d = 99;
		bool dotted = strchr(t->raw, '.') != NULL && t->raw[0] != '.';

		if (used(q, i) || (t->flags & NLU_F_STOP) || t->raw[0] == '\0') {
			continue;
		}
		for (k = 0; k < n; k++) {
			const char *b = base_name(e[k].text);
			int d;

			if (strcasecmp(b, t->raw) == 0 ||
			    (strchr(t->raw, '/') && path_ends_with(e[k].text, t->raw))) {
				d = 0;
			} else if (dotted && strlen(t->raw) >= 5) {
				char low[INTENT_TEXT];
				size_t j;

				for (j = 0; b[j] && j + 1 < sizeof(low); j++) {
					low[j] = (char)tolower((unsigned char)b[j]);
				}
				low[j] = '\0';
				d = nlu_distance(t->norm, low,
						 nlu_typo_budget(strlen(low)));
				if (d > nlu_typo_budget(strlen(low))) {
					continue;
				}
			} else {
				continue;
			}
			if (d < best_d || (d == best_d && e[k].last > best->last)) {
				best = &e[k];
				best_d = d;
			}
		}
		if (best != NULL) {
			if (best_d == 0 && strchr(t->raw, '/') == NULL) {
				copy(in->file, sizeof(in->file), base_name(best->text));
			} else {
				copy(in->file, sizeof(in->file),
				     best_d == 0 ? t->raw : base_name(best->text));
			}
			in->file_known = true;
			use(q, i, 1);
			return;
		}
		if (dotted && !(t->flags & NLU_F_PATHLIKE ? strchr(t->raw, '/') : NULL) &&
		    strlen(t->raw) >= 3 && isalnum((unsigned char)t->raw[strlen(t->raw) - 1]) &&
		    !isdigit((unsigned char)t->raw[0])) {
			/* a file name the memory has never seen */
			copy(in->file, sizeof(in->file), t->raw);
			in->file_known = false;
			use(q, i, 1);
			return;
		}
	}
}

/* Splits "Amy Adams <amy@example.org>" into lower-case parts. */
static void person_parts(const char *from, char *display, size_t dcap,
			 char *addr, size_t acap)
{
	const char *lt = strchr(from, '<');
	size_t n, i;

	n = lt ? (size_t)(lt - from) : strlen(from);
	while (n > 0 && from[n - 1] == ' ') {
		n--;
	}
	if (n >= dcap) {
		n = dcap - 1;
	}
	for (i = 0; i < n; i++) {
		display[i] = (char)tolower((unsigned char)from[i]);
	}
	display[n] = '\0';
	if (display[0] == '"') {
		memmove(display, display + 1, strlen(display));
		if (n > 1 && display[strlen(display) - 1] == '"') {
			display[strlen(display) - 1] = '\0';
		}
	}
	addr[0] = '\0';
	if (lt != NULL) {
		const char *at = strchr(lt, '@');

		n = at ? (size_t)(at - lt - 1) : 0;
		if (n >= acap) {
			n = acap - 1;
		}
		for (i = 0; i < n; i++) {
			addr[i] = (char)tolower((unsigned char)lt[1 + i]);
		}
		addr[n] = '\0';
	}
}

/* Whether word names the person: a word of the display name or the
 * address, exactly or up to a typo; returns the distance or -1. */
static int person_word_match(const char *word, const char *display,
			     const char *addr)
{
	char buf[INTENT_TEXT];
	char *p, *save = NULL;
	int best = -1;
	int budget = nlu_typo_budget(strlen(word));

	copy(buf, sizeof(buf), display);
	for (p = strtok_r(buf, " -_.,", &save); p; p = strtok_r(NULL, " -_.,", &save)) {
		int d = strcmp(p, word) == 0 ? 0 :
			(strlen(p) >= 5 && strlen(word) >= 5 && budget > 0 ?
			 nlu_distance(word, p, budget) : 99);

		if (d <= budget && (best < 0 || d < best)) {
			best = d;
		}
	}
	if (addr[0] != '\0' && strlen(word) >= 3) {
		copy(buf, sizeof(buf), addr);
		for (p = strtok_r(buf, ".-_+", &save); p;
		     p = strtok_r(NULL, ".-_+", &save)) {
			if (strcmp(p, word) == 0 && (best < 0 || best > 0)) {
				best = 0;
			}
		}
	}
	return best;
}

/* Common words that are never taken for a correspondent's name, even
 * when one is a letter away ("most" is not Ruth Moss). */
static const char *const not_names[] = {
	"most", "more", "less", "least", "many", "much", "time", "times",
	"week", "weeks", "day", "days", "today", "what", "when", "where",
	"about", "which", "who", "anyone", "anybody", "someone", "recent",
	"ever", "often", "long", "new", "unread", "read", "latest", "any",
	"all", "sent", "got", "get", "mail", "mails", "email", "emails",
	"wrote", "write", "me", "my", "the", NULL
};

static void find_person(struct nlu *q, const struct vocab *v, struct intent *in)
{
	size_t n, k;
	const struct vocab_entry *e = vocab_entries(v, VOCAB_PERSON, &n);
	int i;

	for (i = 0; i < q->n; i++) {
		const struct nlu_token *t = &q->tok[i];
		const struct vocab_entry *best = NULL;
		int best_d = 99;
		char display[INTENT_TEXT], addr[INTENT_TEXT];

		if (used(q, i) || (t->flags & (NLU_F_STOP | NLU_F_SYNTH)) ||
		    strlen(t->norm) < 2 || (t->flags & NLU_F_NUMBER)) {
			continue;
		}
		if (in_list(t->stem, cue_mail) || in_list(t->norm, cue_mail) ||
		    in_list(t->stem, cue_files) || in_list(t->stem, cue_commands) ||
		    in_list(t->norm, determiners) || in_list(t->norm, not_names)) {
			continue;
		}
		for (k = 0; k < n; k++) {
			int d;

			person_parts(e[k].text, display, sizeof(display), addr,
				     sizeof(addr));
			d = person_word_match(t->norm, display, addr);
			if (d >= 0 && (d < best_d ||
				       (d == best_d && e[k].count > best->count))) {
				best = &e[k];
				best_d = d;
			}
		}
		if (best == NULL) {
			continue;
		}
		person_parts(best->text, display, sizeof(display), addr,
			     sizeof(addr));
		/* match by the display name's word, or the address */
		if (best_d == 0 && strstr(display, t->norm) != NULL) {
			copy(in->person, sizeof(in->person), t->norm);
		} else {
			/* a typo: match the display name as recorded */
			const char *lt = strchr(best->text, '<');
			size_t len = lt ? (size_t)(lt - best->text) : strlen(best->text);

			while (len > 0 && best->text[len - 1] == ' ') {
				len--;
			}
			if (len >= sizeof(in->person)) {
				len = sizeof(in->person) - 1;
			}
			memcpy(in->person, best->text, len);
			in->person[len] = '\0';
		}
		{
			const char *lt = strchr(best->text, '<');
			size_t len = lt ? (size_t)(lt - best->text) : strlen(best->text);

			while (len > 0 && best->text[len - 1] == ' ') {
				len--;
			}
			if (len >= sizeof(in->person_name)) {
				len = sizeof(in->person_name) - 1;
			}
			memcpy(in->person_name, best->text, len);
			in->person_name[len] = '\0';
		}
		use(q, i, 1);
		/* "Amy Adams": the surname too */
		if (i + 1 < q->n && !used(q, i + 1) &&
		    person_word_match(tn(q, i + 1), display, addr) == 0) {
			use(q, i + 1, 1);
		}
		return;
	}
}

/* An extra word of the command line ("kestrel" in "ssh into kestrel"). */
static void find_arg(struct nlu *q, const struct vocab *v, struct intent *in)
{
	static const char *const skip[] = {
		"command", "commands", "time", "times", "last", "first",
		"directory", "file", "files", "today", "yesterday", "ago",
		"long", "often", "many", "much", "into", "onto", "ever",
		"again", "recently", "once", "twice", "message", "host",
		"server", "machine", "box", "yet", "exactly", "still", NULL
	};
	int i;

	for (i = 0; i < q->n; i++) {
		const struct nlu_token *t = &q->tok[i];
		const struct vocab_entry *e;

		if (used(q, i) || (t->flags & (NLU_F_STOP | NLU_F_SYNTH)) ||
		    strlen(t->norm) < 3 || in_list(t->norm, skip) ||
		    in_list(t->norm, run_verbs) ||
		    in_list(t->norm, after_command_verbs)) {
			continue;
		}
		/* without a command only a distinctive word will do ("when
		 * did I last connect to kestrel") */
		if (in->cmd[0] == '\0' &&
		    (strlen(t->norm) < 4 || in_list(t->norm, english_commands) ||
		     in_list(t->stem, cue_commands) || in_list(t->stem, cue_files) ||
		     in_list(t->stem, cue_mail) || !(t->flags & NLU_F_CAPITAL ||
						      !nlu_is_stopword(t->norm)))) {
			continue;
		}
		e = vocab_lookup(v, VOCAB_WORD, t->norm);
		if (e == NULL || e->count > 100000 ||
		    (in->cmd[0] == '\0' && vocab_lookup(v, VOCAB_PREFIX, t->norm))) {
			continue;
		}
		copy(in->arg, sizeof(in->arg), t->norm);
		use(q, i, 1);
		return;
	}
}

/* ---- forms and aggregates -------------------------------------------------------- */

static void find_form(struct nlu *q, struct intent *in)
{
	static const char *const aux[] = {
		"did", "do", "does", "have", "has", "had", "was", "were",
		"is", "are", "am", "any", "anything", "ever", "got", NULL
	};
	int i;

	in->form = FORM_WHAT;
	for (i = 0; i < q->n; i++) {
		const char *w = tn(q, i), *next = tn(q, i + 1);

		if (strcmp(w, "how") == 0) {
			if (strcmp(next, "many") == 0 || strcmp(next, "much") == 0) {
				in->form = strcmp(tn(q, i + 2), "time") == 0 ?
					   FORM_DURATION : FORM_COUNT;
				return;
			}
			if (strcmp(next, "often") == 0 ||
			    strcmp(next, "frequently") == 0) {
				in->form = FORM_COUNT;
				in->agg |= AGG_RATE;
				return;
			}
			if (strcmp(next, "long") == 0) {
				in->form = nlu_has(q, "ago") ? FORM_WHEN :
					   FORM_DURATION;
				return;
			}
		}
		if (strcmp(w, "duration") == 0 || strcmp(w, "runtime") == 0 ||
		    (strcmp(w, "time") == 0 && (strcmp(next, "taken") == 0 ||
						strcmp(next, "spent") == 0))) {
			in->form = FORM_DURATION;
			return;
		}
		if (strcmp(w, "number") == 0 && strcmp(next, "of") == 0) {
			in->form = FORM_COUNT;
			return;
		}
		if (strcmp(w, "count") == 0 && i == 0) {
			in->form = FORM_COUNT;
			return;
		}
		if (strcmp(w, "when") == 0 ||
		    (strcmp(w, "what") == 0 && (strcmp(next, "time") == 0 ||
						strcmp(next, "date") == 0 ||
						strcmp(next, "hour") == 0)) ||
		    (strcmp(w, "which") == 0 && strcmp(next, "date") == 0) ||
		    (strcmp(w, "at") == 0 && strcmp(next, "what") == 0 &&
		     strcmp(tn(q, i + 2), "time") == 0)) {
			in->form = FORM_WHEN;
			return;
		}
		if ((strcmp(w, "which") == 0 || strcmp(w, "what") == 0) &&
		    (strcmp(next, "day") == 0 || strcmp(next, "days") == 0)) {
			in->agg |= AGG_DAY;
			return;
		}
		if (strcmp(w, "where") == 0 ||
		    ((strcmp(w, "which") == 0 || strcmp(w, "what") == 0) &&
		     (strcmp(next, "directory") == 0 || strcmp(next, "dir") == 0 ||
		      strcmp(next, "path") == 0 || strcmp(next, "directories") == 0))) {
			in->form = FORM_WHERE;
			return;
		}
		if (strcmp(w, "who") == 0 || strcmp(w, "whom") == 0 ||
		    ((strcmp(w, "which") == 0 || strcmp(w, "what") == 0) &&
		     (strcmp(next, "person") == 0 || strcmp(next, "people") == 0 ||
		      strcmp(next, "sender") == 0 || strcmp(next, "senders") == 0))) {
			in->form = FORM_WHO;
			return;
		}
		if (strcmp(w, "what") == 0 || strcmp(w, "which") == 0 ||
		    strcmp(w, "list") == 0 || strcmp(w, "show") == 0) {
			in->form = FORM_WHAT;
			return;
		}
		if (i == 0 || (i <= 2 && in->greeting)) {
			if (in_list(w, aux)) {
				in->form = FORM_YESNO;
				return;
			}
		}
	}
	if (q->n > 0 && (in_list(tn(q, 0), aux) || strcmp(tn(q, 0), "new") == 0 ||
			 strcmp(tn(q, 0), "unread") == 0)) {
		in->form = FORM_YESNO;
	}
}

static void find_aggs(struct nlu *q, struct intent *in)
{
	int i;

	for (i = 0; i < q->n; i++) {
		const char *w = tn(q, i), *s = ts(q, i), *next = tn(q, i + 1);

		if (strcmp(w, "first") == 0 || strcmp(w, "earliest") == 0 ||
		    strcmp(s, "start") == 0 || strcmp(s, "begin") == 0 ||
		    strcmp(w, "began") == 0 || strcmp(w, "initial") == 0 ||
		    strcmp(w, "oldest") == 0) {
			in->agg |= AGG_FIRST;
		}
		if (strcmp(w, "last") == 0 || strcmp(w, "latest") == 0 ||
		    strcmp(w, "previous") == 0 || strcmp(w, "newest") == 0 ||
		    strcmp(w, "final") == 0 ||
		    (strcmp(w, "most") == 0 && strcmp(next, "recent") == 0) ||
		    strcmp(w, "recent") == 0 || strcmp(w, "lately") == 0 ||
		    strcmp(w, "recently") == 0) {
			in->agg |= AGG_LAST;
		}
		if ((strcmp(w, "most") == 0 && strcmp(next, "recent") != 0 &&
		     strcmp(next, "recently") != 0) ||
		    strcmp(s, "frequent") == 0 || strcmp(w, "top") == 0 ||
		    strcmp(w, "favourite") == 0 || strcmp(w, "favorite") == 0 ||
		    strcmp(w, "popular") == 0 || strcmp(w, "commonest") == 0 ||
		    strcmp(w, "common") == 0 || strcmp(w, "busiest") == 0 ||
		    strcmp(w, "mostly") == 0 || strcmp(w, "heaviest") == 0 ||
		    strcmp(w, "max") == 0 || strcmp(w, "maximum") == 0) {
			in->agg |= AGG_MOST;
		}
		if (strcmp(w, "least") == 0 || strcmp(w, "fewest") == 0 ||
		    strcmp(w, "rarest") == 0) {
			in->agg |= AGG_LEAST;
		}
		if (strcmp(w, "longest") == 0 || strcmp(w, "slowest") == 0 ||
		    strcmp(w, "lengthiest") == 0 ||
		    (strcmp(w, "most") == 0 && strcmp(next, "time") == 0) ||
		    strcmp(w, "longest-running") == 0 ||
		    strcmp(w, "slower") == 0 || strcmp(w, "longer") == 0) {
			in->agg |= AGG_LONGEST;
			in->agg &= ~(unsigned)AGG_MOST;
		}
		if (strcmp(w, "shortest") == 0 || strcmp(w, "fastest") == 0 ||
		    strcmp(w, "quickest") == 0) {
			in->agg |= AGG_SHORTEST;
		}
		if (strcmp(s, "averag") == 0 || strcmp(w, "mean") == 0 ||
		    strcmp(w, "typically") == 0 || strcmp(w, "usually") == 0 ||
		    strcmp(w, "normally") == 0 || strcmp(w, "typical") == 0 ||
		    strcmp(w, "generally") == 0 || strcmp(w, "median") == 0) {
			in->agg |= AGG_AVERAGE;
		}
		if (strcmp(w, "total") == 0 || strcmp(w, "altogether") == 0 ||
		    strcmp(w, "overall") == 0 || strcmp(w, "combined") == 0 ||
		    strcmp(w, "sum") == 0) {
			in->agg |= AGG_TOTAL;
		}
		if (strcmp(s, "session") == 0 || strcmp(s, "termin") == 0 ||
		    (strcmp(s, "shell") == 0 && in->form == FORM_COUNT) ||
		    strcmp(w, "logins") == 0) {
			in->agg |= AGG_SESSIONS;
		}
		if (strcmp(w, "different") == 0 || strcmp(w, "distinct") == 0 ||
		    strcmp(w, "unique") == 0 || strcmp(w, "separate") == 0) {
			in->agg |= AGG_DISTINCT;
		}
		if (strcmp(s, "project") == 0 || strcmp(s, "repo") == 0 ||
		    strcmp(s, "repositori") == 0 ||
		    (strcmp(s, "work") == 0 && strcmp(next, "on") == 0)) {
			in->agg |= AGG_PROJECTS;
		}
		if (strcmp(w, "rate") == 0 || strcmp(w, "percent") == 0 ||
		    strcmp(w, "percentage") == 0 || strcmp(w, "%") == 0 ||
		    strcmp(w, "ratio") == 0 || strcmp(w, "reliable") == 0 ||
		    strcmp(w, "proportion") == 0 || strcmp(w, "fraction") == 0) {
			in->agg |= AGG_RATE;
		}
		if (strcmp(w, "day") == 0 && (in->agg & AGG_MOST)) {
			in->agg |= AGG_DAY;
		}
		if (strcmp(w, "busiest") == 0 && (strcmp(next, "day") == 0 ||
						  strcmp(next, "date") == 0)) {
			in->agg |= AGG_DAY;
		}
	}
	if ((in->agg & AGG_DAY) && !(in->agg & (AGG_MOST | AGG_LEAST)) &&
	    in->form != FORM_WHEN) {
		/* "which day did I ..." without "most" is a when question */
		in->agg &= ~(unsigned)AGG_DAY;
		in->form = FORM_WHEN;
	}
}

static void find_outcome(const struct nlu *q, struct intent *in)
{
	static const char *const fail[] = {
		"fail", "failur", "error", "errore", "crash", "broke", "broken",
		"unsuccess", "bad", "wrong", "nonzero", "non-zero", "die",
		"di", "abort", NULL
	};
	static const char *const ok[] = {
		"succeed", "success", "successfulli", "pass", "work", "ok",
		"fine", "clean", NULL
	};
	int i;

	for (i = 0; i < q->n; i++) {
		if (in_list(ts(q, i), fail) || in_list(tn(q, i), fail)) {
			in->outcome = OUTCOME_FAILED;
			return;
		}
	}
	for (i = 0; i < q->n; i++) {
		if ((in_list(ts(q, i), ok) && strcmp(tn(q, i), "work") != 0 &&
		     strcmp(tn(q, i), "working") != 0 &&
		     strcmp(tn(q, i), "worked") != 0) ||
		    (strcmp(tn(q, i), "worked") == 0 && i > 0 &&
		     (strcmp(tn(q, i - 1), "that") == 0 ||
		      strcmp(tn(q, i - 1), "it") == 0))) {
			in->outcome = OUTCOME_OK;
			return;
		}
	}
}

static void find_file_op(const struct nlu *q, struct intent *in)
{
	int i;

	in->file_op = FILE_OP_ANY;
	for (i = 0; i < q->n; i++) {
		const char *s = ts(q, i), *w = tn(q, i);

		if (strcmp(s, "download") == 0) {
			in->file_op = FILE_OP_DOWNLOAD;
			return;
		}
		if (strcmp(s, "renam") == 0 || strcmp(s, "move") == 0 ||
		    strcmp(w, "mv") == 0 || strcmp(s, "reloc") == 0) {
			in->file_op = FILE_OP_MOVE;
			return;
		}
		if (strcmp(s, "delet") == 0 || strcmp(s, "remov") == 0 ||
		    strcmp(w, "rm") == 0 || strcmp(s, "eras") == 0 ||
		    strcmp(w, "trashed") == 0) {
			in->file_op = FILE_OP_DELETE;
			return;
		}
		if (strcmp(s, "creat") == 0 || strcmp(w, "made") == 0 ||
		    (strcmp(w, "new") == 0 && strcmp(tn(q, i + 1), "file") == 0) ||
		    strcmp(s, "start") == 0 || strcmp(w, "added") == 0) {
			in->file_op = FILE_OP_CREATE;
		}
		if (strcmp(s, "edit") == 0 || strcmp(s, "modifi") == 0 ||
		    strcmp(s, "touch") == 0 || strcmp(s, "save") == 0 ||
		    strcmp(s, "updat") == 0 || strcmp(s, "work") == 0 ||
		    strcmp(s, "alter") == 0) {
			if (in->file_op == FILE_OP_ANY) {
				in->file_op = FILE_OP_MODIFY;
			}
		}
	}
}

/* ---- domain scores ---------------------------------------------------------------- */

static int score_words(const struct nlu *q, const char *const *list)
{
	int i, n = 0;

	for (i = 0; i < q->n; i++) {
		if (in_list(q->tok[i].stem, list) || in_list(q->tok[i].norm, list)) {
			n += 2;
		}
	}
	return n;
}

/* Collects the content words no slot or cue explains. */
static void leftovers(const struct nlu *q, struct intent *in)
{
	static const char *const known[] = {
		"time", "times", "long", "often", "many", "much", "ago",
		"ever", "again", "recently", "once", "twice", "yet", "exactly",
		"still", "like", "kind", "sort", "thing", "things", "stuff",
		"anyone", "anybody", "someone", "somebody", "everything",
		"everyone", "one", "ones", "all", "each", "every", "other",
		"same", "much", "more", "less", "than", "not", "no", "yes",
		"ok", "okay", "hmm", "um", "uh", "well", "oh", "actually",
		"really", "exactly", "also", "too", "even", "only", "here",
		"now", "today", "right", "tell", "know", "remind", "give",
		"let", "want", "need", "see", "look", "find", "check",
		"please", "quick", "quickly", "hey", "hi", "hersh", "mate",
		"number", "total", "did", "done", "happen", "happened",
		"going", "go", "went", "going", "get", "got", "make", "made",
		"new", "old", "last", "first", "next", "most", "least",
		"day", "days", "week", "weeks", "hour", "hours", "minute",
		"minutes", "morning", "afternoon", "evening", "night",
		"after", "before", "since", "during", "while", "between",
		"around", "about", "approximately", "roughly", "ago", "till",
		"until", NULL
	};
	size_t len = 0;
	int i;

	for (i = 0; i < q->n; i++) {
		const struct nlu_token *t = &q->tok[i];

		if (used(q, i) || (t->flags & (NLU_F_STOP | NLU_F_SYNTH)) ||
		    in_list(t->norm, known) || (t->flags & NLU_F_NUMBER)) {
			continue;
		}
		if (len + strlen(t->norm) + 2 >= sizeof(in->unknown_words)) {
			break;
		}
		if (len > 0) {
			in->unknown_words[len++] = ' ';
		}
		memcpy(in->unknown_words + len, t->norm, strlen(t->norm));
		len += strlen(t->norm);
		in->unknown_words[len] = '\0';
	}
}

/* Mail topic: the words after "about", "regarding", "re", "subject". */
static void find_topic(struct nlu *q, struct intent *in)
{
	static const char *const intro[] = {
		"about", "regarding", "re", "concerning", "subject", "titled",
		"called", "mentioning", "mentioned", "on", NULL
	};
	static const char *const skip[] = {
		"mail", "email", "emails", "mails", "message", "messages",
		"anything", "something", "me", "it", NULL
	};
	size_t len = 0;
	int i, k;

	for (i = 0; i < q->n; i++) {
		if (!in_list(tn(q, i), intro) || used(q, i)) {
			continue;
		}
		for (k = i + 1; k < q->n; k++) {
			const struct nlu_token *t = &q->tok[k];

			if (used(q, k) || in_list(t->norm, skip) ||
			    (t->flags & NLU_F_SYNTH)) {
				if (len > 0) {
					break;
				}
				continue;
			}
			if ((t->flags & NLU_F_STOP) && len == 0) {
				continue;
			}
			if (t->flags & NLU_F_STOP) {
				break;
			}
			if (len + strlen(t->raw) + 2 >= sizeof(in->topic)) {
				break;
			}
			if (len > 0) {
				in->topic[len++] = ' ';
			}
			memcpy(in->topic + len, t->raw, strlen(t->raw));
			len += strlen(t->raw);
			in->topic[len] = '\0';
			use(q, k, 1);
		}
		if (len > 0) {
			if (strcmp(tn(q, i), "on") != 0) {
				use(q, i, 1);
			}
			return;
		}
	}
}

void intent_parse(struct nlu *q, const struct vocab *v, int64_t now,
		  struct intent *in)
{
	int sc_cmd, sc_file, sc_mail, best;
	bool howto, mail_words, file_words;
	int i;

	memset(in, 0, sizeof(*in));
	if (q->n == 0) {
		return;
	}
	if (persona_parse(q, in)) {
		in->domain = in->persona == PERSONA_REMEMBER ||
			     in->persona == PERSONA_FORGET ? DOM_MEMORY :
							     DOM_PERSONA;
		in->score = 10;
		return;
	}
	howto = is_howto(q);
	timeexpr_parse(q, now, &in->time);
	if (!howto && (nlu_has(q, "will") || nlu_find_phrase(q, "going to") >= 0 ||
		       nlu_has(q, "tomorrow") || in->time.future)) {
		in->domain = DOM_DECLINE;
		in->decline = DECLINE_FUTURE;
		in->score = 10;
		return;
	}
	if (!howto && has_any(q, secret_words)) {
		in->domain = DOM_DECLINE;
		in->decline = DECLINE_SECRET;
		in->score = 10;
		return;
	}
	if (!howto && (nlu_find_phrase(q, "credit card") >= 0 ||
		       nlu_find_phrase(q, "card number") >= 0 ||
		       nlu_find_phrase(q, "private key") >= 0 ||
		       nlu_find_phrase(q, "api key") >= 0 ||
		       nlu_find_phrase(q, "social security") >= 0 ||
		       nlu_find_phrase(q, "security code") >= 0 ||
		       nlu_find_phrase(q, "account number") >= 0)) {
		in->domain = DOM_DECLINE;
		in->decline = DECLINE_SECRET;
		in->score = 10;
		return;
	}
	if (!howto) {
		in->sys = system_topic(q);
		if (in->sys != SYS_NONE) {
			in->domain = DOM_SYSTEM;
			in->score = 10;
			return;
		}
	}
	if (!howto && has_any(q, unrecorded_words)) {
		in->domain = DOM_DECLINE;
		in->decline = DECLINE_UNRECORDED;
		in->score = 10;
		return;
	}
	if (howto) {
		in->domain = DOM_HOWTO;
		in->score = 10;
		return;
	}
	find_form(q, in);
	find_aggs(q, in);
	find_outcome(q, in);
	find_file_op(q, in);
	if (v != NULL) {
		find_dir(q, v, in);
		find_file(q, v, in);
		find_cmd(q, v, in);
		find_person(q, v, in);
		find_arg(q, v, in);
	}
	if (nlu_has_stem(q, "commit") && (nlu_has_stem(q, "messag") ||
					  nlu_has(q, "msg") ||
					  nlu_has_stem(q, "say") ||
					  nlu_has_stem(q, "descript"))) {
		in->commit_message = true;
	}
	in->unread = nlu_has(q, "unread") || nlu_has(q, "new") ||
		     nlu_has_stem(q, "unseen") || nlu_find_phrase(q, "not read") >= 0 ||
		     nlu_find_phrase(q, "haven't read") >= 0;

	mail_words = false;
	for (i = 0; i < q->n; i++) {
		const char *s = ts(q, i);

		if (strcmp(s, "mail") == 0 || strcmp(s, "email") == 0 ||
		    (strcmp(s, "messag") == 0 && !in->commit_message) ||
		    strcmp(s, "inbox") == 0 ||
		    strcmp(s, "unread") == 0 || strcmp(s, "emailed") == 0 ||
		    strcmp(tn(q, i), "emailed") == 0 || strcmp(s, "mailbox") == 0 ||
		    strcmp(s, "correspond") == 0 || strcmp(s, "newslett") == 0) {
			mail_words = true;
		}
	}
	file_words = nlu_has_stem(q, "file") || nlu_has_stem(q, "download") ||
		     nlu_has_stem(q, "document") || nlu_has_stem(q, "renam");
	if (has_any(q, unrecorded_weak) && in->person[0] == '\0' &&
	    in->cmd[0] == '\0' && in->file[0] == '\0' && !mail_words &&
	    !file_words) {
		in->domain = DOM_DECLINE;
		in->decline = DECLINE_UNRECORDED;
		in->score = 10;
		return;
	}

	sc_cmd = score_words(q, cue_commands);
	sc_file = score_words(q, cue_files);
	sc_mail = score_words(q, cue_mail);
	if (in->commit_message) {
		sc_mail -= 2;	/* "message" of a commit */
	}
	if (in->cmd[0] != '\0') {
		sc_cmd += in->cmd_fuzzy ? 4 : 6;
	}
	if (in->arg[0] != '\0' && in->cmd[0] == '\0') {
		sc_cmd += 3;
	}
	if (in->dir[0] != '\0') {
		sc_cmd += 2;
		sc_file += 1;
	}
	if (in->file[0] != '\0') {
		sc_file += in->file_known ? 6 : 3;
	}
	if (in->person[0] != '\0') {
		sc_mail += 6;
	}
	if (mail_words) {
		sc_mail += 6;
	}
	if (file_words) {
		sc_file += 4;
	}
	if (in->commit_message) {
		sc_cmd += 4;
	}
	if ((nlu_has(q, "who") || nlu_has(q, "anyone") || nlu_has(q, "anybody")) &&
	    !file_words) {
		sc_mail += 3;
	}
	/* "what changed in ~/notes": changed + a directory, no command */
	if (in->dir[0] != '\0' && (nlu_has_stem(q, "chang") ||
				   nlu_has_stem(q, "modifi") ||
				   nlu_has_stem(q, "edit")) && in->cmd[0] == '\0') {
		sc_file += 4;
	}
	if (in->form == FORM_WHO && in->person[0] == '\0' && !file_words &&
	    in->cmd[0] == '\0') {
		sc_mail += 3;
	}
	if (in->time.point != 0) {
		sc_cmd += 3;
	}
	best = sc_cmd;
	in->domain = DOM_COMMANDS;
	if (sc_file > best) {
		best = sc_file;
		in->domain = DOM_FILES;
	}
	if (sc_mail > best) {
		best = sc_mail;
		in->domain = DOM_MAIL;
	}
	in->score = best;
	if (in->domain == DOM_MAIL) {
		find_topic(q, in);
	}
	if (in->domain == DOM_FILES && in->file[0] == '\0' &&
	    in->file_op == FILE_OP_ANY && nlu_has_stem(q, "touch")) {
		in->file_op = FILE_OP_ALL;
	}
	leftovers(q, in);
	if (best < 2) {
		in->domain = DOM_NONE;
	}
	(void)in_list;
}

const char *intent_domain_name(enum intent_domain d)
{
	static const char *const names[] = {
		"none", "commands", "files", "mail", "howto", "system",
		"persona", "memory", "decline",
	};

	return (unsigned)d < sizeof(names) / sizeof(names[0]) ? names[d] : "?";
}
