/* ivrconf.h — the telephony configuration's rules: IVR flows (nodes and edges), schedules
 * and holidays, the blacklist, prompts, voicemail boxes, ACD queues with their members.
 *
 * The admin pages edit through these functions and ivrd reads the same tables (see
 * ivr/FLOWS.md).  The checks of a flow's graph (ivr_flow_check) and of a schedule
 * (ivr_schedule_open) are pure (lib/ivrflow.c, which needs only lib/phone.c), so ivrd and the
 * unit tests use them without a database; the storing functions are in lib/ivrconf.c.
 * Every change runs in one transaction, is audited, and bumps app_meta
 * ivr_config_version.  Results and errors are those of org.h. */
#ifndef WL_IVRCONF_H
#define WL_IVRCONF_H

#include <stddef.h>

#include "org.h"

/* ------------------------------------------------------------------ flows */

#define IVR_KEY_MAX 32
#define IVR_MAX_NODES 200
#define IVR_MAX_EDGES 24
#define IVR_MAX_NUMBERS 16
#define IVR_MAX_ISSUES 64

/* Node types, in the order the editor offers them. */
extern const char *const ivr_node_types[];	/* NULL-terminated: "play", "menu", ... */
/* Named outcomes of nodes (menus also have the keys 0-9 * #). */
extern const char *const ivr_outcomes[];	/* NULL-terminated: "next", "open", ... */

struct ivr_edge_def {
	char outcome[8];	/* "next", "open", ..., or "1".."9", "0", "*", "#" */
	const char *target;	/* the target node's key */
};

/* One node as an editor or ivrd sees it.  Ids are 0 when unset; integers -1 when unset. */
struct ivr_node_def {
	long long id;		/* 0: a new node */
	const char *key;	/* [a-z0-9_]{1,32}, unique in the flow */
	const char *type;	/* one of ivr_node_types */
	const char *note;
	long long prompt_id, invalid_prompt_id, timeout_prompt_id, extra_prompt_id;
	long long timeout_seconds, retries, min_digits, max_digits, priority;
	const char *terminator;	/* "", "#", "*" */
	const char *purpose;	/* collect: "ticket", "pin", "digits" */
	const char *variable;	/* collect: [a-z][a-z0-9_]{0,31}; status: optional */
	long long schedule_id, queue_id, voicemail_id, staff_id, ticket_type_id;
	const char *transfer_kind;	/* "number", "staff", "duty" */
	const char *number;	/* transfer number (as typed; normalised on save) */
	struct ivr_edge_def edges[IVR_MAX_EDGES];
	int nedges;
};

struct ivr_flow_def {
	const char *name;
	const char *description;
	const char *entry;	/* the entry node's key */
	int active, is_default;
	const char *numbers[IVR_MAX_NUMBERS];	/* called numbers (DIDs), digits */
	int nnumbers;
	struct ivr_node_def *nodes;
	int nnodes;
};

/* One finding of ivr_flow_check: an error (the flow is refused) or a warning (stored).
 * node is the index in nodes (-1: the flow itself); field the editor's field name
 * ("name", "entry", "numbers", or a node's "key", "type", "prompt_id", "keys",
 * "go_<outcome>", ...); key a language key whose text may hold "{}" for arg. */
struct ivr_issue {
	int node;
	const char *field;
	const char *key;
	char arg[48];
	int warning;
};

struct ivr_issues {
	int n, errors, warnings;
	struct ivr_issue v[IVR_MAX_ISSUES];
};

/* Checks a flow's shape and graph: name, numbers, entry node set and existing, node keys
 * unique, each type's required fields and allowed outcomes, every edge's target exists,
 * menu keys unique and at least one, the outcomes a type cannot do without (a time
 * condition needs open and closed); unreachable nodes are warnings.  Does not look at the
 * database.  Returns the number of errors. */
int ivr_flow_check(struct ivr_issues *out, const struct ivr_flow_def *f);
/* Appends to out the editor fields a node type uses, space-separated: columns
 * ("prompt_id", "queue_id", ...), its outcomes ("go_open", ...) and "keys" for menus. */
struct buf;
void ivr_type_fields(struct buf *out, const char *type);
/* 1 when outcome is something node type t can lead to. */
int ivr_outcome_allowed(const char *type, const char *outcome);
/* Parses a menu's key map "1=repair 2=fee, 0=agent" into n's edges (appending); words
 * that are not KEY=NODE become an issue on field "keys".  Returns the number of bad words. */
int ivr_menu_parse(struct ivr_node_def *n, struct ivr_issues *out, int node, const char *map);

/* The node with only the columns its type uses (the others 0, -1 or ""), the transfer
 * number normalised into num (PHONE_MAX + 1 bytes). */
struct ivr_node_def ivr_node_clean(const struct ivr_node_def *n, char *num);
/* The index of the node with key in f, or -1. */
int ivr_node_index(const struct ivr_flow_def *f, const char *key);
/* Appends an issue (arg may be NULL). */
void ivr_issue_add(struct ivr_issues *out, int node, const char *field, const char *key,
		   const char *arg, int warning);
/* s has min..max bytes, all from set. */
int ivr_chars_ok(const char *s, const char *set, size_t min, size_t max);
/* s is one line of at most max characters (UTF-8). */
int ivr_text_ok(const char *s, size_t max);
size_t ivr_u8len(const char *s);

/* Creates (id 0: *id receives the new id) or replaces flow *id as f, with its nodes kept
 * by id (new nodes inserted, missing ones deleted).  version: what the editor saw (0 on
 * create).  ORG_INVALID with issues (and nothing stored), ORG_CONFLICT, ORG_NOT_FOUND. */
enum org_result ivr_flow_save(long long *id, struct ivr_issues *iss, const struct org_actor *who,
			      long long version, const struct ivr_flow_def *f);
/* Deletes flow id with its nodes and numbers. */
enum org_result ivr_flow_delete(struct org_errors *e, const struct org_actor *who, long long id);

/* ------------------------------------------------------------------ schedules */

struct ivr_range {
	int weekday;		/* 1 Monday .. 7 Sunday */
	int open, close;	/* minutes after midnight, open < close */
};

struct ivr_day {
	char day[11];		/* YYYY-MM-DD */
	char kind;		/* 'c' closed, 's' special hours, 'w' workday (调休) */
	int open, close;	/* 's' only */
	int as_weekday;		/* 'w' only */
};

/* Whether a schedule is open at local date day (YYYY-MM-DD), ISO weekday wd and minute of
 * the day: a holiday row for that date decides (closed; special hours; a workday uses the
 * hours of as_weekday), otherwise the weekly ranges of wd.  Returns 1 open, 0 closed. */
int ivr_schedule_open(const struct ivr_range *r, size_t nr, const struct ivr_day *d, size_t nd,
		      const char *day, int wd, int minute);
/* Parses "HH:MM" (or "H:MM", "HH:MM:SS") into minutes; -1 when invalid.  "24:00" is 1440. */
int ivr_parse_hhmm(const char *s);

struct ivr_schedule_def {
	const char *name, *description;
	long long duty_staff_id;	/* 0: none */
	const char *duty_number;	/* "" or a phone number */
	const char *hours[8];		/* [1..7]: "08:30-12:00 13:00-17:30" per weekday */
};

/* Creates or updates schedule *id (0: new) with its weekly hours; field errors on "name",
 * "duty_number", "duty_staff_id", "hours1".."hours7". */
enum org_result ivr_schedule_save(long long *id, struct org_errors *e, const struct org_actor *who,
				  long long version, const struct ivr_schedule_def *s);
enum org_result ivr_schedule_delete(struct org_errors *e, const struct org_actor *who, long long id);

struct ivr_holiday_def {
	const char *day;	/* YYYY-MM-DD */
	const char *name;
	const char *kind;	/* closed, special, workday */
	const char *open, *close;	/* special: HH:MM */
	long long as_weekday;	/* workday: 1..7 */
};

/* Adds (or replaces, for the same date) a holiday row of schedule sid. */
enum org_result ivr_holiday_save(struct org_errors *e, const struct org_actor *who, long long sid,
				 const struct ivr_holiday_def *h);
enum org_result ivr_holiday_delete(struct org_errors *e, const struct org_actor *who, long long sid,
				   long long id);

/* ------------------------------------------------------------------ blacklist */

struct ivr_block_def {
	const char *number;	/* as typed; stored normalised */
	const char *reason;
	const char *action;	/* message, decline */
	long long prompt_id;	/* 0: ivrd's default notice */
	const char *expires;	/* "" or local "YYYY-MM-DD" / "YYYY-MM-DD HH:MM" */
};

enum org_result ivr_block_save(long long *id, struct org_errors *e, const struct org_actor *who,
			       long long version, const struct ivr_block_def *b);
enum org_result ivr_block_delete(struct org_errors *e, const struct org_actor *who, long long id);

/* ------------------------------------------------------------------ prompts */

struct ivr_prompt_def {
	const char *name;	/* [a-z0-9_.-]{1,64} */
	const char *description;
	const char *lang;	/* zh_CN, en */
	const void *audio;	/* an uploaded file, or NULL to keep the current one */
	size_t audio_len;
	const char *filename;
};

/* Creates (id 0) or updates a prompt; a new file is converted to 8 kHz mono 16-bit WAV
 * (lib/prompt.c) and stored by its hash.  Field errors on "name", "lang", "file". */
enum org_result ivr_prompt_save(long long *id, struct org_errors *e, const struct org_actor *who,
				long long version, const struct ivr_prompt_def *p);
/* Deletes prompt id unless a flow node, queue, voicemail box or blacklist entry uses it
 * (the error names which). */
enum org_result ivr_prompt_delete(struct org_errors *e, const struct org_actor *who, long long id);

/* ------------------------------------------------------------------ voicemail */

struct ivr_voicemail_def {
	const char *name, *description;
	long long greeting_prompt_id, max_seconds, department_id;
};

enum org_result ivr_voicemail_save(long long *id, struct org_errors *e, const struct org_actor *who,
				   long long version, const struct ivr_voicemail_def *v);
enum org_result ivr_voicemail_delete(struct org_errors *e, const struct org_actor *who, long long id);

/* ------------------------------------------------------------------ queues */

#define IVR_MAX_MEMBERS 200

struct ivr_member {
	long long staff_id;
	long long priority;	/* 1..9, 1 first */
};

struct ivr_queue_def {
	const char *code, *name;
	const char *strategy;	/* longest_idle, round_robin, fewest_calls, ring_all */
	long long vip_priority, emergency_priority;
	long long announce_seconds;
	int announce_wait;
	long long moh_prompt_id, join_prompt_id;
	long long max_wait_seconds;
	const char *overflow;	/* none, queue, voicemail */
	long long overflow_queue_id, overflow_voicemail_id;
	long long wrapup_seconds, ring_seconds, autopause_after;
	int record_calls, sticky_agent;
	long long sticky_seconds, sla_seconds;
	int active;
	struct ivr_member members[IVR_MAX_MEMBERS];
	int nmembers;
};

enum org_result ivr_queue_save(long long *id, struct org_errors *e, const struct org_actor *who,
			       long long version, const struct ivr_queue_def *q);
/* Refused while a flow node or another queue's overflow sends callers to it. */
enum org_result ivr_queue_delete(struct org_errors *e, const struct org_actor *who, long long id);

#endif
