/*
 * intent.h - what a question asks for: a domain (commands, files, mail,
 * how-to, the live system, the companion itself, or something it must
 * honestly decline), a form (what, when, where, how many, how long,
 * yes/no, who), aggregates (first, last, most, longest, average, ...)
 * and the slots that filter (a time range, a directory, a command, a
 * file, a person, a topic, an outcome).
 *
 * intent_parse() scores each domain from cue words (by stem, after the
 * normaliser's synonym table) and from the slots it could fill from the
 * user's own vocabulary (vocab.h; typos are matched by edit distance),
 * and keeps the best.  It never touches the store except through the
 * vocabulary, so it is cheap and can be fuzzed alone.
 */
#ifndef HERSH_INTENT_H
#define HERSH_INTENT_H

#include <stdbool.h>
#include <stdint.h>

#include "timeexpr.h"

struct nlu;
struct vocab;

enum intent_domain {
	DOM_NONE,		/* not understood */
	DOM_COMMANDS,
	DOM_FILES,
	DOM_MAIL,
	DOM_HOWTO,
	DOM_SYSTEM,
	DOM_PERSONA,
	DOM_MEMORY,		/* what it remembers, how to forget */
	DOM_DECLINE,		/* future, secrets, things never recorded */
};

enum intent_form {
	FORM_WHAT,		/* what / which / list */
	FORM_WHEN,
	FORM_WHERE,
	FORM_COUNT,		/* how many */
	FORM_DURATION,		/* how long */
	FORM_YESNO,		/* did I / do I have / any */
	FORM_WHO,
};

enum intent_agg {
	AGG_FIRST = 1 << 0,
	AGG_LAST = 1 << 1,
	AGG_MOST = 1 << 2,
	AGG_LONGEST = 1 << 3,
	AGG_SHORTEST = 1 << 4,
	AGG_AVERAGE = 1 << 5,
	AGG_TOTAL = 1 << 6,
	AGG_DAY = 1 << 7,	/* per calendar day ("which day ... most") */
	AGG_SESSIONS = 1 << 8,
	AGG_DISTINCT = 1 << 9,
	AGG_PROJECTS = 1 << 10,	/* per working directory ("projects") */
	AGG_RATE = 1 << 11,	/* how often it fails */
	AGG_LEAST = 1 << 12,
};

enum intent_outcome {
	OUTCOME_ANY,
	OUTCOME_FAILED,
	OUTCOME_OK,
};

enum intent_file_op {
	FILE_OP_ANY,		/* changed: create or modify */
	FILE_OP_MODIFY,
	FILE_OP_CREATE,
	FILE_OP_DELETE,
	FILE_OP_MOVE,
	FILE_OP_DOWNLOAD,	/* appeared under ~/Downloads */
	FILE_OP_ALL,		/* any event */
};

enum intent_system {
	SYS_NONE,
	SYS_DISK,
	SYS_MEMORY,
	SYS_UPTIME,
	SYS_TOP_MEMORY,		/* process using the most memory */
	SYS_TOP_CPU,
	SYS_DATE,
	SYS_TIME,
	SYS_LOAD,
};

enum intent_persona {
	PERSONA_NONE,
	PERSONA_YOUR_NAME,
	PERSONA_MY_NAME,
	PERSONA_CALL_ME,	/* name holds the new name */
	PERSONA_CALL_YOU,
	PERSONA_GREET,
	PERSONA_THANKS,
	PERSONA_HELP,
	PERSONA_HOW_ARE_YOU,
	PERSONA_REMEMBER,	/* what do you remember */
	PERSONA_FORGET,		/* how do I make you forget */
};

enum intent_decline {
	DECLINE_NONE,
	DECLINE_FUTURE,
	DECLINE_SECRET,
	DECLINE_UNRECORDED,
};

#define INTENT_TEXT 256

struct intent {
	enum intent_domain domain;
	enum intent_form form;
	unsigned agg;			/* enum intent_agg bits */
	enum intent_outcome outcome;
	struct timeexpr time;
	char cmd[INTENT_TEXT];		/* command prefix as recorded */
	char cmd_typed[INTENT_TEXT];	/* ... as the question spelled it */
	bool cmd_fuzzy;			/* found through a typo */
	bool cmd_exact_line;		/* the whole line was quoted */
	char arg[INTENT_TEXT];		/* a word the line must contain */
	char dir[INTENT_TEXT];		/* a directory as recorded */
	char file[INTENT_TEXT];		/* a path or a base name */
	bool file_known;		/* file is a path of the memory */
	char person[INTENT_TEXT];	/* sender fragment to match */
	char person_name[INTENT_TEXT];	/* the name to say */
	char topic[INTENT_TEXT];	/* subject words */
	char name[64];			/* persona: a new name */
	enum intent_file_op file_op;
	enum intent_system sys;
	enum intent_persona persona;
	enum intent_decline decline;
	bool commit_message;		/* asks for a commit message */
	bool unread;			/* new / unread mail */
	bool read_only;			/* read mail */
	bool negated;			/* "didn't", "not" */
	bool greeting;			/* began with hello/hi */
	int score;			/* the winning domain's score */
	char unknown_words[INTENT_TEXT];	/* content words it could
						 * not place */
};

/*
 * Understands q (nlu.h) as of now against the user's vocabulary v (may be
 * NULL: no user words then).  Marks tokens it used.  Always fills *in;
 * in->domain is DOM_NONE when nothing scored high enough.
 */
void intent_parse(struct nlu *q, const struct vocab *v, int64_t now,
		  struct intent *in);

/* Names for tests and logs: "commands", "files", ... */
const char *intent_domain_name(enum intent_domain d);

#endif
