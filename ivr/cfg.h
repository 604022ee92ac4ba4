/* cfg.h — ivrd's in-memory copy of the telephony configuration (ivr/FLOWS.md): flows, nodes,
 * edges, prompts, schedules, blacklist, voicemail boxes, ACD queues and members, staff
 * extensions.  Loaded by the database worker into a new snapshot and swapped in by the loop;
 * calls keep node and queue ids, never pointers, across a swap. */
#ifndef WL_IVR_CFG_H
#define WL_IVR_CFG_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

#include "ivrconf.h"

#define CFG_MEDIA_MAX 72	/* "ab/<sha256>" or a built-in name */

struct cfg_prompt {
	long long id;
	char name[65];
	char media[CFG_MEDIA_MAX];	/* name for media_play: "ab/<sha256>" */
};

struct cfg_node {
	long long id, flow_id;
	char key[33], type[13];
	long long prompt_id, invalid_prompt_id, timeout_prompt_id, extra_prompt_id;
	int timeout_seconds, retries, min_digits, max_digits, priority;	/* -1: NULL */
	char terminator;		/* 0, '#', '*' */
	char purpose[17], variable[33];
	long long schedule_id, queue_id, voicemail_id, staff_id, ticket_type_id;
	char transfer_kind[9], number[21];
};

struct cfg_edge {
	long long node_id, target_id;
	char outcome[9];
};

struct cfg_flow {
	long long id, entry;
	char name[101];
	bool active, is_default;
};

struct cfg_number {
	char number[33];
	long long flow_id;
};

struct cfg_sched {
	long long id, duty_staff_id;
	char duty_number[21];
	struct ivr_range *r;
	size_t nr;
	struct ivr_day *d;
	size_t nd;
};

struct cfg_black {
	long long id, prompt_id;
	char number[33];
	bool decline;
	time_t expires;		/* 0: never */
};

struct cfg_vm {
	long long id, greeting_prompt_id, department_id;
	int max_seconds;
};

struct cfg_queue {
	long long id;
	char code[33], name[101], strategy[16], overflow[12];
	int vip_priority, emergency_priority, announce_seconds, max_wait_seconds;
	int wrapup_seconds, ring_seconds, autopause_after, sticky_seconds, sla_seconds;
	bool announce_wait, record_calls, sticky_agent, active;
	long long moh_prompt_id, join_prompt_id, overflow_queue_id, overflow_voicemail_id;
};

struct cfg_member {
	long long queue_id, staff_id;
	int priority;
};

struct cfg_staff {
	long long id;
	char ext[17];		/* "" when the account has no desk phone */
	bool active;
};

struct cfg {
	long long version;
	struct cfg_prompt *prompts;	size_t nprompts;
	struct cfg_node *nodes;		size_t nnodes;
	struct cfg_edge *edges;		size_t nedges;
	struct cfg_flow *flows;		size_t nflows;
	struct cfg_number *numbers;	size_t nnumbers;
	struct cfg_sched *scheds;	size_t nscheds;
	struct cfg_black *black;	size_t nblack;
	struct cfg_vm *vms;		size_t nvms;
	struct cfg_queue *queues;	size_t nqueues;
	struct cfg_member *members;	size_t nmembers;
	struct cfg_staff *staff;	size_t nstaff;
	char (*pause)[33];		size_t npause;	/* dictionary pause_reason codes */
};

int cfg_init(void);
void cfg_close(void);
/* The current snapshot (an empty one until the first load). */
const struct cfg *cfg_cur(void);
/* Asks the worker to reload now, whatever the version says. */
void cfg_reload(void);
/* Called by the loop after each swap (acd.c re-reads queues and members). */
void acd_config_changed(void);

const struct cfg_node *cfg_node(const struct cfg *c, long long id);
/* The target of (node, outcome), 0 when there is no edge. */
long long cfg_edge(const struct cfg *c, long long node_id, const char *outcome);
/* media_play name of prompt id / of the prompt named name; NULL when there is none. */
const char *cfg_prompt_media(const struct cfg *c, long long id);
const char *cfg_prompt_named(const struct cfg *c, const char *name);
/* The flow for a called number (digits), else the default; NULL when neither. */
const struct cfg_flow *cfg_flow_for(const struct cfg *c, const char *called);
const struct cfg_flow *cfg_flow(const struct cfg *c, long long id);
/* The blacklist entry in force for a normalised number, or NULL. */
const struct cfg_black *cfg_blacklisted(const struct cfg *c, const char *number);
const struct cfg_sched *cfg_schedule(const struct cfg *c, long long id);
/* 1 open, 0 closed now (WL_TZ local time; lib/ivrflow.c ivr_schedule_open). */
int cfg_schedule_open(const struct cfg_sched *s);
const struct cfg_vm *cfg_vm(const struct cfg *c, long long id);
const struct cfg_queue *cfg_queue(const struct cfg *c, long long id);
const struct cfg_staff *cfg_staff(const struct cfg *c, long long id);
/* The member row of staff in queue, or NULL. */
const struct cfg_member *cfg_member(const struct cfg *c, long long queue_id, long long staff_id);

#endif
