/* ivrflow.c — the pure rules of IVR flows and schedules: node types and their outcomes, the
 * graph check, the menu key map, whether a schedule is open.  No database and no audio: ivrd
 * links this with lib/phone.c alone (phone_normalize for transfer numbers). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ivrconf.h"
#include "resident.h"
#include "util.h"

#define KEY_CHARS "abcdefghijklmnopqrstuvwxyz0123456789_"
#define MENU_KEYS "0123456789*#"

/* ------------------------------------------------------------------ node types */

enum { O_NEXT, O_OPEN, O_CLOSED, O_KNOWN, O_UNKNOWN, O_OK, O_FAIL, O_NONE };
#define B(o) (1u << (o))

const char *const ivr_outcomes[] = { "next", "open", "closed", "known", "unknown", "ok", "fail",
				     "none", NULL };
/* The editor's field for each outcome's target. */
static const char *const go_fields[] = { "go_next", "go_open", "go_closed", "go_known",
					 "go_unknown", "go_ok", "go_fail", "go_none" };

/* Which node columns a type uses. */
enum {
	F_PROMPT = 1 << 0, F_INVALID = 1 << 1, F_TIMEOUTP = 1 << 2, F_EXTRA = 1 << 3,
	F_TIMEOUT = 1 << 4, F_RETRIES = 1 << 5, F_MIN = 1 << 6, F_MAX = 1 << 7,
	F_TERM = 1 << 8, F_PURPOSE = 1 << 9, F_VAR = 1 << 10, F_SCHEDULE = 1 << 11,
	F_QUEUE = 1 << 12, F_PRIO = 1 << 13, F_VM = 1 << 14, F_KIND = 1 << 15,
	F_NUMBER = 1 << 16, F_STAFF = 1 << 17, F_TTYPE = 1 << 18,
};

static const struct type_rule {
	const char *type;
	unsigned allowed, required;	/* outcome bits */
	int menu;			/* takes keys 0-9 * # */
	unsigned fields;
} rules[] = {
	{ "play", B(O_NEXT), B(O_NEXT), 0, F_PROMPT },
	{ "menu", B(O_FAIL), 0, 1, F_PROMPT | F_INVALID | F_TIMEOUTP | F_TIMEOUT | F_RETRIES },
	{ "collect", B(O_OK) | B(O_FAIL), B(O_OK), 0,
	  F_PROMPT | F_INVALID | F_TIMEOUTP | F_TIMEOUT | F_RETRIES | F_MIN | F_MAX | F_TERM |
	  F_PURPOSE | F_VAR },
	{ "time", B(O_OPEN) | B(O_CLOSED), B(O_OPEN) | B(O_CLOSED), 0, F_SCHEDULE },
	{ "lookup", B(O_KNOWN) | B(O_UNKNOWN), B(O_KNOWN) | B(O_UNKNOWN), 0, F_PROMPT | F_EXTRA },
	{ "status", B(O_NEXT) | B(O_NONE), B(O_NEXT), 0, F_PROMPT | F_EXTRA | F_VAR },
	{ "report", B(O_OK) | B(O_FAIL), B(O_OK), 0, F_PROMPT | F_TIMEOUT | F_TTYPE },
	{ "pin", B(O_OK) | B(O_FAIL), B(O_OK) | B(O_FAIL), 0,
	  F_PROMPT | F_INVALID | F_TIMEOUTP | F_TIMEOUT | F_RETRIES | F_MAX },
	{ "queue", B(O_FAIL), 0, 0, F_QUEUE | F_PRIO },
	{ "voicemail", 0, 0, 0, F_VM },
	{ "transfer", B(O_FAIL), 0, 0, F_PROMPT | F_KIND | F_NUMBER | F_STAFF | F_SCHEDULE },
	{ "hangup", 0, 0, 0, F_PROMPT },
};
#define NRULES (sizeof(rules) / sizeof(rules[0]))

const char *const ivr_node_types[] = { "play", "menu", "collect", "time", "lookup", "status",
				       "report", "pin", "queue", "voicemail", "transfer",
				       "hangup", NULL };

static const struct type_rule *rule_of(const char *type)
{
	for (size_t i = 0; type && i < NRULES; i++)
		if (!strcmp(rules[i].type, type))
			return &rules[i];
	return NULL;
}

static int outcome_index(const char *o)
{
	for (int i = 0; ivr_outcomes[i]; i++)
		if (!strcmp(ivr_outcomes[i], o))
			return i;
	return -1;
}

static int is_menu_key(const char *o)
{
	return o[0] && !o[1] && strchr(MENU_KEYS, o[0]);
}

int ivr_outcome_allowed(const char *type, const char *outcome)
{
	const struct type_rule *t = rule_of(type);
	int i = outcome_index(outcome);

	if (!t)
		return 0;
	if (t->menu && is_menu_key(outcome))
		return 1;
	return i >= 0 && (t->allowed & B(i));
}

/* The editor's field names, by bit, for ivr_type_fields. */
static const char *const field_names[] = {
	"prompt_id", "invalid_prompt_id", "timeout_prompt_id", "extra_prompt_id",
	"timeout_seconds", "retries", "min_digits", "max_digits", "terminator", "purpose",
	"variable", "schedule_id", "queue_id", "priority", "voicemail_id", "transfer_kind",
	"number", "staff_id", "ticket_type_id",
};

void ivr_type_fields(struct buf *out, const char *type)
{
	const struct type_rule *t = rule_of(type);

	for (size_t i = 0; t && i < sizeof(field_names) / sizeof(field_names[0]); i++)
		if (t->fields & (1u << i))
			buf_printf(out, "%s%s", out->len ? " " : "", field_names[i]);
	for (int i = 0; t && ivr_outcomes[i]; i++)
		if (t->allowed & B(i))
			buf_printf(out, "%sgo_%s", out->len ? " " : "", ivr_outcomes[i]);
	if (t && t->menu)
		buf_printf(out, "%skeys", out->len ? " " : "");
}

/* ------------------------------------------------------------------ flow check */

void ivr_issue_add(struct ivr_issues *out, int node, const char *field, const char *key,
		  const char *arg, int warning)
{
	struct ivr_issue *i;

	if (warning)
		out->warnings++;
	else
		out->errors++;
	if (out->n >= IVR_MAX_ISSUES)
		return;
	i = &out->v[out->n++];
	i->node = node;
	i->field = field;
	i->key = key;
	snprintf(i->arg, sizeof(i->arg), "%s", arg ? arg : "");
	i->warning = warning;
}

int ivr_chars_ok(const char *s, const char *set, size_t min, size_t max)
{
	size_t n = s ? strlen(s) : 0;

	return n >= min && n <= max && strspn(s, set) == n;
}

/* Characters of a UTF-8 string. */
size_t ivr_u8len(const char *s)
{
	size_t n = 0;

	for (; s && *s; s++)
		n += ((unsigned char)*s & 0xC0) != 0x80;
	return n;
}

/* A one-line text of at most max characters. */
int ivr_text_ok(const char *s, size_t max)
{
	if (ivr_u8len(s) > max)
		return 0;
	for (const unsigned char *c = (const unsigned char *)(s ? s : ""); *c; c++)
		if (*c < 0x20 || *c == 0x7f)
			return 0;
	return 1;
}

int ivr_node_index(const struct ivr_flow_def *f, const char *key)
{
	for (int i = 0; key && *key && i < f->nnodes; i++)
		if (f->nodes[i].key && !strcmp(f->nodes[i].key, key))
			return i;
	return -1;
}

static int variable_ok(const char *v)
{
	return v && v[0] >= 'a' && v[0] <= 'z' && ivr_chars_ok(v, KEY_CHARS, 1, 32);
}

static void range_check(struct ivr_issues *out, int i, const char *field, long long v,
			long long min, long long max)
{
	char arg[48];

	if (v == -1 || (v >= min && v <= max))
		return;
	snprintf(arg, sizeof(arg), "%lld–%lld", min, max);
	ivr_issue_add(out, i, field, "ivr.err.range", arg, 0);
}

/* The fields a node's type needs, and their ranges. */
static void node_fields_check(struct ivr_issues *out, int i, const struct ivr_node_def *n,
			      const struct type_rule *t)
{
	static const char *const need_prompt[] = { "play", "menu", "collect", "report", "pin", NULL };
	char num[PHONE_MAX + 1];

	for (int k = 0; need_prompt[k]; k++)
		if (!strcmp(n->type, need_prompt[k]) && n->prompt_id <= 0)
			ivr_issue_add(out, i, "prompt_id", "ivr.err.prompt_required", NULL, 0);
	if (t->fields & F_TIMEOUT)
		range_check(out, i, "timeout_seconds", n->timeout_seconds, 1,
			    !strcmp(n->type, "report") ? 600 : 60);
	if (t->fields & F_RETRIES)
		range_check(out, i, "retries", n->retries, 0, 9);
	if (!strcmp(n->type, "collect")) {
		range_check(out, i, "min_digits", n->min_digits, 1, 32);
		if (n->max_digits == -1)
			ivr_issue_add(out, i, "max_digits", "err.required", NULL, 0);
		range_check(out, i, "max_digits", n->max_digits, 1, 32);
		if (n->min_digits > 0 && n->max_digits > 0 && n->min_digits > n->max_digits)
			ivr_issue_add(out, i, "min_digits", "ivr.err.min_max", NULL, 0);
		if (n->terminator && *n->terminator && strcmp(n->terminator, "#") &&
		    strcmp(n->terminator, "*"))
			ivr_issue_add(out, i, "terminator", "ivr.err.terminator", NULL, 0);
		if (!n->purpose || (strcmp(n->purpose, "ticket") && strcmp(n->purpose, "pin") &&
				    strcmp(n->purpose, "digits")))
			ivr_issue_add(out, i, "purpose", "ivr.err.purpose", NULL, 0);
		if (!variable_ok(n->variable))
			ivr_issue_add(out, i, "variable", "ivr.err.variable", NULL, 0);
	}
	if (!strcmp(n->type, "status") && n->variable && *n->variable && !variable_ok(n->variable))
		ivr_issue_add(out, i, "variable", "ivr.err.variable", NULL, 0);
	if (!strcmp(n->type, "pin"))
		range_check(out, i, "max_digits", n->max_digits, 4, 12);
	if (!strcmp(n->type, "time") && n->schedule_id <= 0)
		ivr_issue_add(out, i, "schedule_id", "ivr.err.schedule_required", NULL, 0);
	if (!strcmp(n->type, "queue")) {
		if (n->queue_id <= 0)
			ivr_issue_add(out, i, "queue_id", "ivr.err.queue_required", NULL, 0);
		range_check(out, i, "priority", n->priority, -100, 100);
	}
	if (!strcmp(n->type, "voicemail") && n->voicemail_id <= 0)
		ivr_issue_add(out, i, "voicemail_id", "ivr.err.voicemail_required", NULL, 0);
	if (!strcmp(n->type, "report") && n->ticket_type_id <= 0)
		ivr_issue_add(out, i, "ticket_type_id", "ivr.err.ticket_type_required", NULL, 0);
	if (!strcmp(n->type, "transfer")) {
		const char *k = n->transfer_kind ? n->transfer_kind : "";

		if (!strcmp(k, "number")) {
			if (!n->number || !*n->number)
				ivr_issue_add(out, i, "number", "err.required", NULL, 0);
			else if (phone_normalize(num, n->number, NULL))
				ivr_issue_add(out, i, "number", "err.phone_invalid", NULL, 0);
		} else if (!strcmp(k, "staff")) {
			if (n->staff_id <= 0)
				ivr_issue_add(out, i, "staff_id", "ivr.err.staff_required", NULL, 0);
		} else if (!strcmp(k, "duty")) {
			if (n->schedule_id <= 0)
				ivr_issue_add(out, i, "schedule_id", "ivr.err.schedule_required", NULL, 0);
		} else {
			ivr_issue_add(out, i, "transfer_kind", "ivr.err.transfer_kind", NULL, 0);
		}
	}
}

/* The node's edges: allowed, unique, pointing at nodes of the flow, the required ones. */
static void node_edges_check(struct ivr_issues *out, const struct ivr_flow_def *f, int i,
			     const struct type_rule *t)
{
	const struct ivr_node_def *n = &f->nodes[i];
	unsigned have = 0;
	int keys = 0;

	for (int k = 0; k < n->nedges; k++) {
		const struct ivr_edge_def *e = &n->edges[k];
		int menu_key = is_menu_key(e->outcome), o = outcome_index(e->outcome);

		if (!ivr_outcome_allowed(n->type, e->outcome)) {
			ivr_issue_add(out, i, menu_key ? "keys" : "type", "ivr.err.outcome_unused", e->outcome, 0);
			continue;
		}
		for (int j = 0; j < k; j++) {
			if (!strcmp(n->edges[j].outcome, e->outcome)) {
				ivr_issue_add(out, i, menu_key ? "keys" : "type", menu_key ? "ivr.err.menu_duplicate"
						: "ivr.err.outcome_duplicate", e->outcome, 0);
				break;
			}
		}
		if (ivr_node_index(f, e->target) < 0)
			ivr_issue_add(out, i, menu_key ? "keys" : (o >= 0 ? go_fields[o] : "type"),
			      "ivr.err.target_missing", e->target, 0);
		if (menu_key)
			keys++;
		else if (o >= 0)
			have |= B(o);
	}
	for (int o = 0; ivr_outcomes[o]; o++)
		if ((t->required & B(o)) && !(have & B(o)))
			ivr_issue_add(out, i, go_fields[o], "ivr.err.outcome_required", ivr_outcomes[o], 0);
	if (t->menu && !keys)
		ivr_issue_add(out, i, "keys", "ivr.err.menu_empty", NULL, 0);
}

/* Marks the nodes reachable from index at in seen. */
static void reach(const struct ivr_flow_def *f, int at, char *seen)
{
	int stack[IVR_MAX_NODES], sp = 0;

	stack[sp++] = at;
	seen[at] = 1;
	while (sp) {
		const struct ivr_node_def *n = &f->nodes[stack[--sp]];

		for (int k = 0; k < n->nedges; k++) {
			int j = ivr_node_index(f, n->edges[k].target);

			if (j >= 0 && !seen[j] && sp < IVR_MAX_NODES) {
				seen[j] = 1;
				stack[sp++] = j;
			}
		}
	}
}

static void flow_head_check(struct ivr_issues *out, const struct ivr_flow_def *f)
{
	if (!f->name || !*f->name)
		ivr_issue_add(out, -1, "name", "err.required", NULL, 0);
	else if (!ivr_text_ok(f->name, 100))
		ivr_issue_add(out, -1, "name", "err.too_long_field", NULL, 0);
	if (!ivr_text_ok(f->description, 300))
		ivr_issue_add(out, -1, "description", "err.too_long_field", NULL, 0);
	for (int k = 0; k < f->nnumbers; k++) {
		if (!ivr_chars_ok(f->numbers[k], "0123456789", 3, 32))
			ivr_issue_add(out, -1, "numbers", "ivr.err.did", f->numbers[k], 0);
		for (int j = 0; j < k; j++)
			if (!strcmp(f->numbers[j], f->numbers[k]))
				ivr_issue_add(out, -1, "numbers", "ivr.err.did_duplicate", f->numbers[k], 0);
	}
	if (f->nnodes > IVR_MAX_NODES)
		ivr_issue_add(out, -1, "entry", "ivr.err.too_many_nodes", NULL, 0);
	if (!f->nnodes)
		ivr_issue_add(out, -1, "entry", "ivr.err.no_nodes", NULL, 0);
	else if (!f->entry || !*f->entry)
		ivr_issue_add(out, -1, "entry", "ivr.err.entry_required", NULL, 0);
	else if (ivr_node_index(f, f->entry) < 0)
		ivr_issue_add(out, -1, "entry", "ivr.err.entry_missing", f->entry, 0);
}

int ivr_flow_check(struct ivr_issues *out, const struct ivr_flow_def *f)
{
	char seen[IVR_MAX_NODES] = { 0 };
	int entry;

	memset(out, 0, sizeof(*out));
	flow_head_check(out, f);
	if (f->nnodes > IVR_MAX_NODES)
		return out->errors;
	for (int i = 0; i < f->nnodes; i++) {
		const struct ivr_node_def *n = &f->nodes[i];
		const struct type_rule *t = rule_of(n->type);

		if (!ivr_chars_ok(n->key, KEY_CHARS, 1, IVR_KEY_MAX))
			ivr_issue_add(out, i, "key", n->key && *n->key ? "ivr.err.key_format" : "err.required",
			      NULL, 0);
		else if (ivr_node_index(f, n->key) != i)
			ivr_issue_add(out, i, "key", "ivr.err.key_duplicate", n->key, 0);
		if (!ivr_text_ok(n->note, 200))
			ivr_issue_add(out, i, "note", "err.too_long_field", NULL, 0);
		if (!t) {
			ivr_issue_add(out, i, "type", "ivr.err.type", NULL, 0);
			continue;
		}
		node_fields_check(out, i, n, t);
		node_edges_check(out, f, i, t);
	}
	entry = ivr_node_index(f, f->entry);
	if (entry >= 0) {
		reach(f, entry, seen);
		for (int i = 0; i < f->nnodes; i++)
			if (!seen[i] && f->nodes[i].key && *f->nodes[i].key)
				ivr_issue_add(out, i, "key", "ivr.warn.unreachable", f->nodes[i].key, 1);
	}
	return out->errors;
}

int ivr_menu_parse(struct ivr_node_def *n, struct ivr_issues *out, int node, const char *map)
{
	char *copy = xstrdup(map ? map : ""), *save = NULL, *w;
	int bad = 0;

	/* Full-width separators (，、＝) are common when typing Chinese: make them ASCII. */
	{
		char *o = copy;

		for (const char *p = copy; *p;) {
			if (!strncmp(p, "\xef\xbc\x9d", 3)) {
				*o++ = '=';
				p += 3;
			} else if (!strncmp(p, "\xef\xbc\x8c", 3) || !strncmp(p, "\xe3\x80\x81", 3)) {
				*o++ = ' ';
				p += 3;
			} else {
				*o++ = *p++;
			}
		}
		*o = '\0';
	}
	for (w = strtok_r(copy, " ,;\t\r\n", &save); w; w = strtok_r(NULL, " ,;\t\r\n", &save)) {
		char *eq = strpbrk(w, "=:");

		if (!eq || eq != w + 1 || !strchr(MENU_KEYS, w[0]) || !eq[1] ||
		    n->nedges >= IVR_MAX_EDGES) {
			ivr_issue_add(out, node, "keys", "ivr.err.menu_word", w, 0);
			bad++;
			continue;
		}
		snprintf(n->edges[n->nedges].outcome, sizeof(n->edges[0].outcome), "%c", w[0]);
		/* The target must outlive copy: keys are short, keep one allocation per map. */
		n->edges[n->nedges].target = xstrdup(eq + 1);
		n->nedges++;
	}
	free(copy);
	return bad;
}

/* ------------------------------------------------------------------ schedules */

int ivr_parse_hhmm(const char *s)
{
	int h, m, sec = 0, n = 0;

	if (!s || (sscanf(s, "%2d:%2d%n", &h, &m, &n) != 2))
		return -1;
	if (s[n] == ':' && sscanf(s + n, ":%2d", &sec) == 1)
		n += 3;
	if (s[n] || h < 0 || m < 0 || m > 59 || sec < 0 || sec > 59 || h > 24 || (h == 24 && (m || sec)))
		return -1;
	return h * 60 + m;
}

int ivr_schedule_open(const struct ivr_range *r, size_t nr, const struct ivr_day *d, size_t nd,
		      const char *day, int wd, int minute)
{
	for (size_t i = 0; i < nd; i++) {
		if (strcmp(d[i].day, day))
			continue;
		if (d[i].kind == 'c')
			return 0;
		if (d[i].kind == 's')
			return minute >= d[i].open && minute < d[i].close;
		wd = d[i].as_weekday;	/* 调休: worked as that weekday */
		break;
	}
	for (size_t i = 0; i < nr; i++)
		if (r[i].weekday == wd && minute >= r[i].open && minute < r[i].close)
			return 1;
	return 0;
}

/* The node with only the columns its type uses (the others NULL), so that ivrd reads
 * clean rows and in-use checks see only real uses. */
struct ivr_node_def ivr_node_clean(const struct ivr_node_def *n, char *num)
{
	const struct type_rule *t = rule_of(n->type);
	struct ivr_node_def c = *n;
	unsigned f = t ? t->fields : 0;
	const char *kind = n->transfer_kind ? n->transfer_kind : "";

	if (!strcmp(n->type, "transfer")) {
		f &= ~(unsigned)(F_NUMBER | F_STAFF | F_SCHEDULE);
		f |= !strcmp(kind, "number") ? F_NUMBER : !strcmp(kind, "staff") ? F_STAFF : F_SCHEDULE;
	}
#define KEEP(bit, field, none) if (!(f & (bit))) c.field = none
	KEEP(F_PROMPT, prompt_id, 0);
	KEEP(F_INVALID, invalid_prompt_id, 0);
	KEEP(F_TIMEOUTP, timeout_prompt_id, 0);
	KEEP(F_EXTRA, extra_prompt_id, 0);
	KEEP(F_TIMEOUT, timeout_seconds, -1);
	KEEP(F_RETRIES, retries, -1);
	KEEP(F_MIN, min_digits, -1);
	KEEP(F_MAX, max_digits, -1);
	KEEP(F_TERM, terminator, "");
	KEEP(F_PURPOSE, purpose, "");
	KEEP(F_VAR, variable, "");
	KEEP(F_SCHEDULE, schedule_id, 0);
	KEEP(F_QUEUE, queue_id, 0);
	KEEP(F_PRIO, priority, -1);
	KEEP(F_VM, voicemail_id, 0);
	KEEP(F_KIND, transfer_kind, "");
	KEEP(F_STAFF, staff_id, 0);
	KEEP(F_TTYPE, ticket_type_id, 0);
#undef KEEP
	num[0] = '\0';
	if ((f & F_NUMBER) && n->number)
		phone_normalize(num, n->number, NULL);
	c.number = num;
	if ((f & F_PRIO) && c.priority == -1)
		c.priority = 0;
	return c;
}

