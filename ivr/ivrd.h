/* ivrd.h — the modules of ivrd, the telephony daemon, and what they offer each other. */
#ifndef WL_IVRD_H
#define WL_IVRD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <re.h>

/* Settings read once at start-up (main.c). */
struct ivr_conf {
	struct sa sip_laddr;		/* WL_SIP_ADDR:WL_SIP_PORT, UDP and TCP */
	struct sa rtp_laddr;		/* WL_SIP_ADDR, port from the range below */
	uint16_t rtp_min, rtp_max;	/* WL_RTP_PORT_MIN / WL_RTP_PORT_MAX */
	char realm[64];			/* WL_SIP_REALM */
	char trunks[512];		/* WL_SIP_TRUNKS: "addr[:port],..." */
	char agent[17];			/* WL_IVR_AGENT: extension digit 0 rings */
	char outbound[128];		/* WL_SIP_OUTBOUND: gateway for calls out, host[:port] */
	char node[64];			/* WL_IVR_NODE: this ivrd's name in CDRs */
	char *var;			/* $WL_VAR */
	char *prompts;			/* $WL_VAR/prompts */
	char *recordings;		/* $WL_VAR/recordings */
	char *ctl_path;			/* $WL_VAR/run/ivrd.sock */
	unsigned idle_timeout;		/* WL_IVR_IDLE_TIMEOUT seconds without input in the IVR */
	bool record;			/* WL_IVR_RECORD: record bridged calls */
};
extern struct ivr_conf ivr_conf;

/* ---- sip.c: the SIP stack, transports and request dispatch */
int sip_init(void);
void sip_shutdown(void);
void sip_close_all(void);
struct sip *sip_stack(void);
struct sipsess_sock *sip_sess_sock(void);
/* True when src may send calls in (an address of WL_SIP_TRUNKS). */
bool sip_is_trunk(const struct sa *src);
/* The contact URI ivrd puts in its own requests and answers, for transport tp. */
const char *sip_contact_user(void);

/* ---- reg.c: registrar for agent desk phones */
struct reg_binding {
	struct le le;
	char ext[17];
	unsigned long long staff_id;
	char *contact;		/* the URI to send INVITEs to */
	char *ua;
	struct sa src;
	enum sip_transp tp;
	uint64_t expires;	/* tmr_jiffies() deadline */
	unsigned calls;		/* active calls to this phone */
};
int reg_init(void);
void reg_close(void);
/* Handles REGISTER; returns true when msg was one. */
bool reg_handle(const struct sip_msg *msg);
struct reg_binding *reg_find(const char *ext);
const struct list *reg_list(void);
/* The result of a credential lookup made by the database worker. */
void reg_auth_result(void *req, unsigned long long staff_id, const char *ha1,
		     const char *realm, bool active);

/* ---- media.c: RTP, G.711, jitter buffer, DTMF, prompts, recordings, bridges */
enum { MEDIA_SRATE = 8000, MEDIA_PTIME = 20, MEDIA_FRAME = 160 };
enum dtmf_src { DTMF_RFC4733, DTMF_INBAND };
struct media;
struct bridge;
typedef void (media_dtmf_h)(char digit, enum dtmf_src src, void *arg);
typedef void (media_done_h)(void *arg);

int media_init(void);
void media_close(void);
/* A media leg with an RTP socket in the configured range. */
int media_alloc(struct media **mp, media_dtmf_h *dtmfh, void *arg);
uint16_t media_lport(const struct media *m);
/* Sets where to send, the G.711 payload type (0 PCMU, 8 PCMA) and the telephone-event
 * payload type (-1: none). */
void media_set_remote(struct media *m, const struct sa *raddr, int pt, int tev_pt);
/* Plays a prompt from $WL_VAR/prompts (name without .wav); done is called at its end.
 * Returns 0, ENOENT when missing, EINVAL when the file is not 8 kHz mono 16-bit. */
int media_play(struct media *m, const char *name, media_done_h *done, void *arg);
void media_stop(struct media *m);
/* Records what the leg receives to a mono WAV file. */
int media_record(struct media *m, const char *path);
/* Ends the recording (the file is complete); returns its length in ms. */
unsigned media_record_stop(struct media *m);
unsigned media_recorded_ms(const struct media *m);
/* How long the leg has received only silence while recording, in ms. */
unsigned media_quiet_ms(const struct media *m);
/* Relays a and b both ways; records to a stereo WAV (left a, right b) when path. */
int bridge_alloc(struct bridge **bp, struct media *a, struct media *b, const char *path);
/* A supervisor's leg m on bridge br (a caller, b agent): listen hears both; whisper also
 * speaks to b; barge to both.  m NULL detaches. */
enum bridge_mon { MON_LISTEN = 1, MON_WHISPER, MON_BARGE };
int bridge_monitor(struct bridge *br, struct media *m, enum bridge_mon mode);
/* Hold: a hears its own prompt (music on hold) instead of b; b hears a consulted third
 * party or silence.  The recording goes on. */
void bridge_hold(struct bridge *br, bool held);
/* A third leg m on br: BRIDGE_CONSULT talks with b only (a is on hold); BRIDGE_CONF hears
 * and is heard by a and b.  m NULL detaches the third leg. */
enum bridge_third { BRIDGE_CONSULT = 1, BRIDGE_CONF };
int bridge_third(struct bridge *br, struct media *m, enum bridge_third mode);
/* Replaces b with m (a transfer completed); the recording goes on in the same file. */
int bridge_swap_b(struct bridge *br, struct media *m);
/* Statistics of the send clock, for the control socket. */
int media_stats_print(struct re_printf *pf, void *unused);
unsigned media_count(void);

/* ---- prompt generation is done by tools/wl; media.c loads prompts (cached in memory) */

/* ---- call.c: calls (state machine), the built-in IVR, CDRs */
struct call;
int call_init(void);
void call_close(void);
/* Handles a new INVITE from sipsess_listen. */
void call_incoming(const struct sip_msg *msg);
/* Control-socket actions; each returns 0 or an errno value with *reason set. */
int call_hangup_id(unsigned id);
int call_bridge_id(unsigned id, const char *ext, const char **reason);
/* A supervisor's phone ext listens to / whispers to the agent of / barges into bridged call
 * id (mode "listen", "whisper", "barge"); the same ext again changes the mode. */
int call_monitor_id(unsigned id, const char *ext, const char *mode, const char **reason);
/* Click-to-dial (xfer.c): rings ext's phone, then number through WL_SIP_OUTBOUND. */
int call_originate(const char *ext, const char *number, unsigned *idp, const char **reason);
/* The agent's call control of bridged call id (xfer.c); each 0 or an errno with *reason. */
int call_hold_id(unsigned id, bool hold, const char **reason);
int call_transfer_id(unsigned id, const char *target, const char **reason);
int call_consult_id(unsigned id, const char *target, const char **reason);
int call_complete_id(unsigned id, const char **reason);
int call_cancel_id(unsigned id, const char **reason);
int call_conference_id(unsigned id, const char *target, const char **reason);
/* A waiting queue call rings ext (a logged-in agent) instead. */
int call_pickup_id(unsigned id, const char *ext, const char **reason);
int call_list_print(struct re_printf *pf, unsigned *n);
unsigned call_count(void);
void call_set_default_agent(const char *ext);

/* ---- dbw.c: the database worker thread (the loop never waits for MariaDB) */
int dbw_init(void);
void dbw_close(void);
/* Each enqueues a job; times are UTC "YYYY-MM-DD HH:MM:SS[.mmm]". */
void dbw_reg_clear(void);
void dbw_auth_lookup(const char *ext, void *req);
void dbw_reg_upsert(const char *ext, unsigned long long staff_id, const char *contact,
		    const char *source, const char *ua, unsigned expires);
void dbw_reg_delete(const char *ext);
void dbw_call_start(unsigned serial, const char *direction, const char *caller,
		    const char *callee, const char *sip_call_id, const char *at);
void dbw_call_event(unsigned serial, const char *event, const char *detail);
struct cdr {
	const char *answered_at, *ended_at, *disposition, *agent_ext, *recording, *queue;
	unsigned long long agent_id, resident_id, ticket_id;	/* 0: none */
	long wait_s, talk_s;	/* -1: not applicable */
	long hold_s;		/* seconds the caller was on hold (0: never) */
};
void dbw_call_end(unsigned serial, const struct cdr *cdr);
/* The database id of a call once the worker has inserted it (0 before).  Thread-safe: the
 * worker's tasks use it too. */
unsigned long long dbw_call_dbid(unsigned serial);
/* A call event with the queue (code) and agent (staff id) columns set (NULL/0: none). */
void dbw_call_qevent(unsigned serial, const char *event, const char *detail, const char *queue,
		     unsigned long long agent_id);
/* A task: run(arg) in the worker thread (it may use lib/db.c and the core), then done(arg,
 * true) in the loop; done(arg, false) when it never ran or ivrd is stopping (just free).
 * Tasks run in FIFO order with the other jobs (after the call's INSERT). */
typedef void (dbw_run_h)(void *arg);
typedef void (dbw_done_h)(void *arg, bool ran);
void dbw_task(dbw_run_h *run, dbw_done_h *done, void *arg);

/* ---- acd.c (the rest is in call.h) */
/* A desk phone registered: offer waiting callers again. */
void acd_phone_registered(void);

/* ---- ctl.c: the control socket */
int ctl_init(void);
void ctl_close(void);

/* ---- outbox.c: the sender of the outbox (SMS through Kannel, e-mail through SMTP) */
int outbox_init(void);
/* SIGTERM: stop claiming; requests in flight may finish. */
void outbox_shutdown(void);
/* Before dbw_close: aborts the rest and queues the last results. */
void outbox_close(void);

/* ---- util (main.c) */
/* UTC now as "YYYY-MM-DD HH:MM:SS.mmm" into buf (24 bytes). */
char *ivr_utc_now(char *buf, size_t len);

#endif
