/* call.h — the call object shared by call.c (legs, SIP, states, CDR), flow.c (the IVR flow
 * interpreter) and acd.c (queues and agents).  Private to ivrd. */
#ifndef WL_IVR_CALL_H
#define WL_IVR_CALL_H

#include "ivrd.h"
#include "cfg.h"

/*   IVR (flow) --queue node--> QUEUED --agent answers--> BRIDGED --agent hangs up--> RATING
 *    |   \--transfer / ctl bridge--> RINGING --answer--> BRIDGED
 *    any hang-up by the caller: the other legs get BYE or CANCEL, the CDR is written */
enum call_state { CS_IVR, CS_QUEUED, CS_RINGING, CS_BRIDGED, CS_RATING };

enum leg_role { LEG_CALLER, LEG_OFFER, LEG_XFER, LEG_AGENT, LEG_MONITOR, LEG_THIRD, LEG_ORIGIN };

/* What the third leg of a bridged call is for (xfer.c). */
enum third_kind { X_NONE, X_BLIND, X_CONSULT, X_CONF };

struct call;

struct leg {
	struct call *call;
	struct sipsess *sess;
	struct media *media;
	struct sdp_session *sdp;
	struct sdp_media *sdpm;
	enum leg_role role;
	bool established;
	bool agent;		/* not the caller */
	unsigned long long staff_id;
	char ext[33];		/* extension or number dialled */
};

enum { PQ_MAX = 24, VARS_MAX = 8 };
typedef void (call_pq_h)(struct call *c);

struct acd_entry;

struct call {
	struct le le;
	unsigned id;
	enum call_state state;
	struct leg *caller;
	struct leg *agent;	/* bridged (or ringing for a transfer) */
	struct leg *mon;	/* a supervisor listening, whispering or barging */
	enum bridge_mon mon_mode;
	struct tmr mon_tmr;	/* drops a monitor leg outside its own SIP handler */
	struct bridge *bridge;
	char from[33], to[33];
	char caller_norm[33];	/* phone_normalize(from), or from */
	char *sip_callid;
	char started[32], agent_answered[32];
	uint64_t t_start, t_wait, t_talk;	/* tmr_jiffies() */
	long talk_s;		/* once the bridge ended, -1 before */
	char digits[65];
	char agent_ext[33];
	unsigned long long agent_id;
	char *rec_path;		/* relative to WL_VAR */
	const char *prompt;	/* playing to the caller */
	struct tmr tmr;		/* idle timeout in the built-in IVR */
	bool ended;
	bool builtin;		/* no flow: the built-in IVR */
	const char *disp;	/* CDR disposition forced: blacklisted, voicemail */

	/* the flow (flow.c) */
	long long flow_id, node_id;
	unsigned hops;		/* node transitions since the last digit */
	int attempts;
	int phase;
	char input[40];
	struct tmr ftmr;
	char pq[PQ_MAX][CFG_MEDIA_MAX];
	unsigned pq_n, pq_i;
	call_pq_h *pq_done;
	bool pq_bargein;
	bool pending;		/* a database task for this call is under way */
	long long resident_id, household_id;
	bool vip, emergency, open_ticket;
	struct { char k[33], v[40]; } vars[VARS_MAX];
	int nvars;
	char *msg_path;		/* a recording under way (report, voicemail), relative */
	long long msg_box;	/* voicemail box of the recording, 0: a fault report */
	unsigned long long ticket_id;

	/* the ACD (acd.c) */
	struct acd_entry *acd;
	char queue[33];
	long long queue_id;
	uint64_t t_queue;	/* first queue entry (wait time) */
	bool asked_agent;
	bool record;		/* record the bridge */
	bool rate;		/* post-call satisfaction when the agent hangs up */
	int rating;

	/* the agent's call control (xfer.c) */
	bool outbound;		/* originate: the agent's phone first (agent), then the number (caller) */
	bool held;		/* the caller hears music on hold, the agent silence (or the consulted) */
	uint64_t t_hold;	/* tmr_jiffies() when this hold began */
	long hold_s;		/* seconds on hold, accumulated */
	struct leg *third;	/* a blind-transfer, consult or conference target */
	enum third_kind xkind;
	char xtarget[33];
	struct tmr xtmr;	/* the third leg's ring timeout */
};

/* call.c */
void call_event(struct call *c, const char *ev, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
void call_qevent(struct call *c, const char *ev, unsigned long long agent, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
/* Plays media names in order to the caller, then done(c) (NULL: nothing).  With bargein a
 * digit stops the list (the digit still goes to the flow). */
void call_pq_reset(struct call *c);
void call_pq_add(struct call *c, const char *media);
void call_pq_start(struct call *c, call_pq_h *done, bool bargein);
void call_pq_stop(struct call *c);
/* Rings uri (an extension's contact or sip:number@gateway) as a leg of role; NULL with
 * *reason on failure. */
struct leg *call_dial(struct call *c, const char *uri, const char *ext, enum leg_role role,
		      const char **reason);
/* Drops a leg that is not the bridged one (CANCEL or BYE). */
void call_leg_drop(struct leg *l);
/* Bridges the caller with leg l (answered). */
void call_bridge_leg(struct call *c, struct leg *l);
void call_end(struct call *c, const char *who);
/* Hangs up a supervisor monitoring the call (event monitor_end "<ext> <why>"). */
void call_monitor_drop(struct call *c, const char *why);
struct call *call_find(unsigned id);
/* A new call object in the list (id, start time, timers), or NULL. */
struct call *call_new(void);
/* Rings extension ext (registered phone) or, with number, sip:number@WL_SIP_OUTBOUND, and
 * bridges it when it answers (transfer); fails through flow_xfer_failed. */
int call_transfer(struct call *c, const char *ext, const char *number, const char **reason);
const char *call_var(const struct call *c, const char *k);
void call_var_set(struct call *c, const char *k, const char *v);
/* Relative path for a new recording: "recordings/<kind>-<utc>-<id>.wav" into c->rec_path
 * or c->msg_path, absolute into abs. */
char *call_rec_path(struct call *c, const char *kind, char *abs, size_t len);

/* flow.c */
void flow_start(struct call *c, const struct cfg_flow *f);
void flow_dtmf(struct call *c, char digit);
void flow_xfer_failed(struct call *c, const char *why);
/* The caller hung up or the call is ending: finish a recording under way. */
void flow_call_ending(struct call *c);
/* Leaves the flow for voicemail box id (from a queue overflow). */
void flow_voicemail(struct call *c, long long box);
void flow_rating_start(struct call *c);
void flow_rating_dtmf(struct call *c, char digit);
/* The blacklist: log the attempt (ivr_blacklist_attempt); play the message and hang up. */
void flow_blacklist_log(struct call *c, const struct cfg_black *b, const char *action);
void flow_blacklisted(struct call *c, const struct cfg_black *b);
/* The flow cannot run (no entry node): a notice, then hang up. */
void flow_unavailable(struct call *c);

/* xfer.c: hold, transfers, consult, conference, originate (the agent's call control) */
void xfer_third_answered(struct call *c, struct leg *l);
void xfer_third_closed(struct call *c, const char *why);
/* The originate call's number answered: bridge it with the agent. */
void xfer_origin_answered(struct call *c);
void xfer_origin_agent_answered(struct call *c, struct leg *l);
/* The agent of a bridged call hung up: true when xfer.c took care of the call (a third
 * party takes over); a hold is ended either way. */
bool xfer_agent_gone(struct call *c);
/* The call ends: the hold is counted, a third leg dropped. */
void xfer_call_ending(struct call *c);

/* acd.c */
int acd_init(void);
void acd_close(void);
/* Puts the call into queue id with priority prio; returns 0 or -1 (inactive, nobody logged in). */
int acd_enter(struct call *c, long long queue_id, int prio);
/* Applies the queue's overflow right away (a queue node's fail without an edge). */
void acd_overflow_now(struct call *c, long long queue_id);
/* A pending offer leg answered / failed. */
void acd_leg_answered(struct call *c, struct leg *l);
void acd_leg_failed(struct call *c, struct leg *l, const char *why);
/* The agent leg of a bridged queue call hung up, or the call ends (leave the queue). */
void acd_agent_hungup(struct call *c);
void acd_call_ending(struct call *c);
int acd_ctl(struct re_printf *pf, int argc, char **argv, bool *handled);
/* Staff's agent (if logged in) is busy with call c now (on_call), or no longer (ready again
 * when it was on c). */
void acd_agent_busy(struct call *c, unsigned long long staff, bool busy);
/* Re-enters queue id after a transfer, not offering it to staff skip first; -1 as acd_enter. */
int acd_transfer_in(struct call *c, long long queue_id, unsigned long long skip);
/* pickup: the queued call c rings ext (a logged-in agent's registered phone) instead of
 * whoever it rings now.  0, or an errno value with *reason. */
int acd_pickup(struct call *c, const char *ext, const char **reason);

#endif
