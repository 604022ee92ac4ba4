/* media.c — RTP media of every call leg on one 20 ms clock: G.711 (spandsp), a receive
 * jitter buffer, RFC 4733 (libre telev) and in-band (spandsp dtmf_rx) DTMF, prompts from
 * memory, mono and stereo WAV recordings (libsndfile), and two-leg bridges.
 *
 * The clock is a timerfd on CLOCK_MONOTONIC with a 20 ms interval, watched by the libre
 * loop: the kernel keeps the period, so sending never drifts (libre 1.1.0's own timers
 * run on gettimeofday() and are restarted by hand, which accumulates error).  Each tick
 * first takes 20 ms of received audio from every leg, then writes bridge recordings,
 * then sends 20 ms on every leg.  Handlers (DTMF, end of prompt) never run inside the
 * tick: they are queued and called from a zero timer, so a handler may free its leg. */
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <sys/timerfd.h>
#include <time.h>
#include <unistd.h>

#include <sndfile.h>
#define SPANDSP_EXPOSE_INTERNAL_STRUCTURES 0
#include <spandsp.h>

#include "log.h"
#include "ivrd.h"

enum {
	JB_SLOTS = 32,		/* packets the jitter buffer holds */
	JB_PREFILL = 2,		/* packets before playout starts (40 ms) */
	JB_MAXLEN = 480,	/* bytes per packet: up to 60 ms of G.711 */
	FIFO_LEN = MEDIA_FRAME + JB_MAXLEN,
	REC_FRAMES = MEDIA_SRATE,	/* recordings are written once a second */
	MAX_CATCHUP = 10,	/* ticks processed at once after a stall */
	HIST_US = 50,		/* histogram bucket of the send lateness */
	HIST_N = 2000,		/* ... up to 100 ms */
	DIGITQ = 16,
	QUIET_LEVEL = 200,	/* mean |sample| below which a received frame is silence */
};

struct jb_slot {
	bool used;
	uint16_t seq;
	uint16_t len;
	uint8_t pt;
	uint8_t data[JB_MAXLEN];
};

/* Orders packets by sequence number; a gap is skipped rather than filled, because RFC
 * 4733 packets take numbers from the same sequence. */
struct jbuf_wl {
	struct jb_slot s[JB_SLOTS];
	bool started;
	uint16_t next;
	uint32_t ssrc;
	unsigned count;
	unsigned late, dups, resets, underruns;
};

struct prompt {
	struct le le;
	char *name;
	int16_t *s;
	size_t n;
};

struct recorder {
	SNDFILE *sf;
	int16_t *buf;
	size_t n, cap;		/* frames */
	int ch;
};

struct media {
	struct le le;
	struct rtp_sock *rtp;
	struct sa raddr;
	bool have_remote;
	int pt, tev_pt;
	struct telev *telev;
	dtmf_rx_state_t *dtmf;
	bool rfc4733_seen;
	media_dtmf_h *dtmfh;
	void *arg;
	struct jbuf_wl jb;
	int16_t fifo[FIFO_LEN];
	size_t fifo_n;
	int16_t in[MEDIA_FRAME];
	uint32_t ts;
	bool marker;
	struct prompt *play;
	size_t play_pos;
	media_done_h *play_done;
	void *play_arg;
	bool play_ended;
	struct bridge *bridge;
	struct bridge *mon_of;	/* this leg monitors that bridge (supervisor) */
	struct recorder *rec;
	uint64_t rec_frames;	/* 20 ms frames recorded by rec */
	uint64_t quiet_frames;	/* received frames in a row below the silence level */
	char digitq[DIGITQ];
	enum dtmf_src digitsrc[DIGITQ];
	unsigned ndigits;
	struct tmr event_tmr;
	uint64_t rx, tx;
};

struct bridge {
	struct le le;
	struct media *a, *b;
	struct media *mon;	/* a supervisor's leg, or NULL */
	enum bridge_mon mode;
	struct media *x;	/* a third party: consulted by b, or in a conference */
	enum bridge_third xmode;
	bool held;		/* a hears its own prompt (music on hold), b only x or silence */
	struct recorder *rec;
};

static struct list medial;
static struct list bridgel;
static struct list promptl;
static int tfd = -1;
static int64_t t0_us;		/* the clock's start (monotonic) */
static uint64_t ticks;		/* ticks since t0 */
static struct {
	uint64_t hist[HIST_N + 1];
	uint64_t packets, missed, max_us;
} stats;

static int64_t mono_us(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000000 + ts.tv_nsec / 1000;
}

/* ---- jitter buffer */

static void jb_reset(struct jbuf_wl *jb)
{
	for (int i = 0; i < JB_SLOTS; i++)
		jb->s[i].used = false;
	jb->started = false;
	jb->count = 0;
	jb->resets++;
}

static void jb_start(struct jbuf_wl *jb)
{
	bool first = true;

	for (int i = 0; i < JB_SLOTS; i++) {
		if (!jb->s[i].used)
			continue;
		if (first || (int16_t)(jb->s[i].seq - jb->next) < 0)
			jb->next = jb->s[i].seq;
		first = false;
	}
	jb->started = true;
}

static void jb_put(struct jbuf_wl *jb, const struct rtp_header *hdr, const uint8_t *p,
		   size_t len)
{
	struct jb_slot *sl;

	if (!len || len > JB_MAXLEN)
		return;
	if (jb->count && hdr->ssrc != jb->ssrc)
		jb_reset(jb);
	jb->ssrc = hdr->ssrc;
	if (jb->started) {
		int d = (int16_t)(hdr->seq - jb->next);
		if (d < 0) {
			jb->late++;
			return;
		}
		if (d >= JB_SLOTS)
			jb_reset(jb);
	}
	sl = &jb->s[hdr->seq % JB_SLOTS];
	if (sl->used) {
		if (sl->seq == hdr->seq) {
			jb->dups++;
			return;
		}
		jb_reset(jb);
	}
	sl->used = true;
	sl->seq = hdr->seq;
	sl->len = (uint16_t)len;
	sl->pt = hdr->pt;
	memcpy(sl->data, p, len);
	jb->count++;
	if (!jb->started && jb->count >= JB_PREFILL)
		jb_start(jb);
}

/* The next packet in order, or NULL on underrun (then playout waits for the sender). */
static struct jb_slot *jb_get(struct jbuf_wl *jb)
{
	if (!jb->started)
		return NULL;
	if (!jb->count) {
		jb->underruns++;
		return NULL;
	}
	/* Too deep (a burst, or a sender's clock running fast): drop the oldest. */
	while (jb->count > JB_SLOTS / 2) {
		jb_start(jb);
		jb->s[jb->next % JB_SLOTS].used = false;
		jb->count--;
		jb->next++;
	}
	if (!jb->s[jb->next % JB_SLOTS].used || jb->s[jb->next % JB_SLOTS].seq != jb->next)
		jb_start(jb);	/* skip the gap to the oldest packet held */
	struct jb_slot *sl = &jb->s[jb->next % JB_SLOTS];
	sl->used = false;
	jb->count--;
	jb->next++;
	return sl;
}

/* ---- prompts */

static void prompt_destructor(void *arg)
{
	struct prompt *p = arg;

	list_unlink(&p->le);
	mem_deref(p->name);
	free(p->s);
}

static struct prompt *prompt_find(const char *name)
{
	for (struct le *le = promptl.head; le; le = le->next) {
		struct prompt *p = le->data;
		if (!strcmp(p->name, name))
			return p;
	}
	return NULL;
}

/* A built-in name ("welcome") or an uploaded prompt's "ab/<sha256>" (ivr/FLOWS.md). */
static bool prompt_name_ok(const char *name)
{
	size_t n = strlen(name);

	if (n == 67 && name[2] == '/' && !strncmp(name, name + 3, 2) &&
	    strspn(name + 3, "0123456789abcdef") == 64 && strspn(name, "0123456789abcdef") == 2)
		return true;
	return n && !strchr(name, '/') && !strstr(name, "..") && name[0] != '.';
}

/* The beep before a recording: 400 ms of 1 kHz, made here, no file. */
static int prompt_beep(struct prompt **pp)
{
	struct prompt *p = mem_zalloc(sizeof(*p), prompt_destructor);
	size_t n = MEDIA_SRATE * 2 / 5;

	if (!p)
		return ENOMEM;
	p->s = malloc(n * sizeof(int16_t));
	if (!p->s || str_dup(&p->name, "beep")) {
		mem_deref(p);
		return ENOMEM;
	}
	for (size_t i = 0; i < n; i++)
		p->s[i] = (int16_t)(8000 * sin(2 * M_PI * 1000 * (double)i / MEDIA_SRATE));
	p->n = n;
	list_append(&promptl, &p->le, p);
	*pp = p;
	return 0;
}

/* Loads $WL_VAR/prompts/NAME.wav once; only 8 kHz mono 16-bit PCM WAV is accepted. */
static int prompt_load(struct prompt **pp, const char *name)
{
	char path[512];
	struct prompt *p = NULL;
	SF_INFO info;
	SNDFILE *sf;
	int err = 0;

	if (!prompt_name_ok(name))
		return EINVAL;
	p = prompt_find(name);
	if (p) {
		*pp = p;
		return 0;
	}
	if (!strcmp(name, "beep"))
		return prompt_beep(pp);
	snprintf(path, sizeof(path), "%s/%s.wav", ivr_conf.prompts, name);
	memset(&info, 0, sizeof(info));
	sf = sf_open(path, SFM_READ, &info);
	if (!sf) {
		log_err("media: prompt %s: %s", path, sf_strerror(NULL));
		return ENOENT;
	}
	if (info.samplerate != MEDIA_SRATE || info.channels != 1 ||
	    (info.format & SF_FORMAT_TYPEMASK) != SF_FORMAT_WAV ||
	    (info.format & SF_FORMAT_SUBMASK) != SF_FORMAT_PCM_16) {
		log_err("media: prompt %s rejected: %d Hz, %d channel(s), format 0x%x; prompts "
			"must be WAV, 8000 Hz, mono, 16-bit PCM (sox IN -r 8000 -c 1 -b 16 OUT.wav)",
			path, info.samplerate, info.channels, (unsigned)info.format);
		err = EINVAL;
		goto out;
	}
	if (info.frames <= 0 || info.frames > MEDIA_SRATE * 600) {
		log_err("media: prompt %s rejected: %lld samples (1 to 10 minutes)", path,
			(long long)info.frames);
		err = EINVAL;
		goto out;
	}
	p = mem_zalloc(sizeof(*p), prompt_destructor);
	if (!p) {
		err = ENOMEM;
		goto out;
	}
	p->s = malloc((size_t)info.frames * sizeof(int16_t));
	err = p->s ? str_dup(&p->name, name) : ENOMEM;
	if (err)
		goto out;
	p->n = (size_t)sf_readf_short(sf, p->s, info.frames);
	list_append(&promptl, &p->le, p);
	*pp = p;
out:
	sf_close(sf);
	if (err)
		mem_deref(p);
	return err;
}

/* ---- recorders */

static void recorder_flush(struct recorder *r)
{
	if (r->n && r->sf)
		sf_writef_short(r->sf, r->buf, (sf_count_t)r->n);
	r->n = 0;
}

static void recorder_destructor(void *arg)
{
	struct recorder *r = arg;

	recorder_flush(r);
	if (r->sf)
		sf_close(r->sf);
	free(r->buf);
}

static int recorder_alloc(struct recorder **rp, const char *path, int ch)
{
	struct recorder *r;
	SF_INFO info = { .samplerate = MEDIA_SRATE, .channels = ch,
			 .format = SF_FORMAT_WAV | SF_FORMAT_PCM_16 };

	r = mem_zalloc(sizeof(*r), recorder_destructor);
	if (!r)
		return ENOMEM;
	r->ch = ch;
	r->cap = REC_FRAMES;
	r->buf = malloc(r->cap * ch * sizeof(int16_t));
	r->sf = r->buf ? sf_open(path, SFM_WRITE, &info) : NULL;
	if (!r->sf) {
		log_err("media: cannot record to %s: %s", path, sf_strerror(NULL));
		mem_deref(r);
		return EIO;
	}
	*rp = r;
	return 0;
}

/* Adds one tick: a mono frame, or left/right frames interleaved. */
static void recorder_add(struct recorder *r, const int16_t *l, const int16_t *rt)
{
	int16_t *o = r->buf + r->n * r->ch;

	for (int i = 0; i < MEDIA_FRAME; i++) {
		*o++ = l[i];
		if (r->ch == 2)
			*o++ = rt[i];
	}
	r->n += MEDIA_FRAME;
	if (r->n + MEDIA_FRAME > r->cap)
		recorder_flush(r);
}

/* ---- events (DTMF, end of prompt), delivered outside the tick */

static void event_handler(void *arg)
{
	struct media *m = arg;

	mem_ref(m);
	while (m->ndigits) {
		char d = m->digitq[0];
		enum dtmf_src src = m->digitsrc[0];

		m->ndigits--;
		memmove(m->digitq, m->digitq + 1, m->ndigits);
		memmove(m->digitsrc, m->digitsrc + 1, m->ndigits * sizeof(m->digitsrc[0]));
		if (m->dtmfh)
			m->dtmfh(d, src, m->arg);
	}
	if (m->play_ended) {
		media_done_h *h = m->play_done;

		m->play_ended = false;
		m->play_done = NULL;
		if (h)
			h(m->play_arg);
	}
	mem_deref(m);
}

static void digit_push(struct media *m, char d, enum dtmf_src src)
{
	if (m->ndigits < DIGITQ) {
		m->digitq[m->ndigits] = d;
		m->digitsrc[m->ndigits++] = src;
	}
	tmr_start(&m->event_tmr, 0, event_handler, m);
}

static void inband_handler(void *arg, const char *digits, int len)
{
	struct media *m = arg;

	if (m->rfc4733_seen)
		return;
	for (int i = 0; i < len; i++)
		digit_push(m, digits[i], DTMF_INBAND);
}

/* ---- receive */

static void rtp_handler(const struct sa *src, const struct rtp_header *hdr, struct mbuf *mb,
		       void *arg)
{
	struct media *m = arg;
	int event;
	bool end;

	(void)src;
	m->rx++;
	if (m->tev_pt >= 0 && hdr->pt == m->tev_pt) {
		if (!m->telev || telev_recv(m->telev, mb, &event, &end))
			return;
		m->rfc4733_seen = true;
		if (!end && telev_code2digit(event) > 0)
			digit_push(m, (char)telev_code2digit(event), DTMF_RFC4733);
		return;
	}
	if (hdr->pt != 0 && hdr->pt != 8)
		return;
	jb_put(&m->jb, hdr, mbuf_buf(mb), mbuf_get_left(mb));
}

/* Takes 20 ms of received audio into m->in (silence while nothing is there). */
static void media_pull(struct media *m)
{
	while (m->fifo_n < MEDIA_FRAME) {
		struct jb_slot *sl = jb_get(&m->jb);

		if (!sl)
			break;
		for (size_t i = 0; i < sl->len && m->fifo_n < FIFO_LEN; i++)
			m->fifo[m->fifo_n++] = sl->pt == 8 ? alaw_to_linear(sl->data[i])
							   : ulaw_to_linear(sl->data[i]);
	}
	if (m->fifo_n >= MEDIA_FRAME) {
		memcpy(m->in, m->fifo, sizeof(m->in));
		m->fifo_n -= MEDIA_FRAME;
		memmove(m->fifo, m->fifo + MEDIA_FRAME, m->fifo_n * sizeof(int16_t));
	} else {
		memset(m->in, 0, sizeof(m->in));
	}
	if (m->dtmf && !m->rfc4733_seen)
		dtmf_rx(m->dtmf, m->in, MEDIA_FRAME);
	if (m->rec) {
		uint32_t sum = 0;

		for (int i = 0; i < MEDIA_FRAME; i++)
			sum += (uint32_t)abs(m->in[i]);
		m->quiet_frames = sum / MEDIA_FRAME < QUIET_LEVEL ? m->quiet_frames + 1 : 0;
		recorder_add(m->rec, m->in, NULL);
		m->rec_frames++;
	}
}

/* ---- send */

static void stats_add(int64_t late_us)
{
	uint64_t b;

	if (late_us < 0)
		late_us = 0;
	b = (uint64_t)late_us / HIST_US;
	stats.hist[b > HIST_N ? HIST_N : b]++;
	stats.packets++;
	if ((uint64_t)late_us > stats.max_us)
		stats.max_us = (uint64_t)late_us;
}

/* out = x + y, saturated. */
static const int16_t *mix2(int16_t *out, const int16_t *x, const int16_t *y)
{
	for (int i = 0; i < MEDIA_FRAME; i++) {
		int v = x[i] + y[i];
		out[i] = (int16_t)(v > 32767 ? 32767 : v < -32768 ? -32768 : v);
	}
	return out;
}

/* What leg m of bridge br hears this tick (NULL: silence); mix is scratch space. */
static const int16_t *bridge_source(const struct bridge *br, const struct media *m, int16_t *mix)
{
	const struct media *x = br->x;
	const int16_t *src;

	if (m == x)	/* the third party: the agent while consulted, both in a conference */
		return br->xmode == BRIDGE_CONF ? mix2(mix, br->a->in, br->b->in) : br->b->in;
	if (br->held)	/* m is b: the agent hears the consulted party, or nothing */
		return x && br->xmode == BRIDGE_CONSULT ? x->in : NULL;
	src = br->a == m ? br->b->in : br->a->in;
	if (x && br->xmode == BRIDGE_CONF)
		src = mix2(mix, src, x->in);
	/* whisper: the agent (b) hears the supervisor; barge: both do */
	if (br->mon && ((m == br->b && br->mode >= MON_WHISPER) ||
			(m == br->a && br->mode == MON_BARGE)))
		src = mix2(mix, src, br->mon->in);
	return src;
}

static void media_push(struct media *m, int64_t ideal_us)
{
	const int16_t *src = NULL;
	int16_t mix[MEDIA_FRAME];
	struct mbuf *mb;
	uint8_t *p;

	if (m->mon_of && m->mon_of->a && m->mon_of->b) {
		src = mix2(mix, m->mon_of->a->in, m->mon_of->b->in);	/* hears both */
	} else if (m->bridge && m->bridge->a && m->bridge->b &&
		   !(m->bridge->held && m == m->bridge->a)) {
		src = bridge_source(m->bridge, m, mix);
	} else if (m->play) {
		if (m->play_pos + MEDIA_FRAME <= m->play->n) {
			src = m->play->s + m->play_pos;
			m->play_pos += MEDIA_FRAME;
		} else {
			m->play = mem_deref(m->play);
			m->play_ended = true;
			tmr_start(&m->event_tmr, 0, event_handler, m);
		}
	}
	if (!m->have_remote) {
		m->ts += MEDIA_FRAME;
		return;
	}
	mb = mbuf_alloc(RTP_HEADER_SIZE + MEDIA_FRAME);
	if (!mb)
		return;
	mb->pos = mb->end = RTP_HEADER_SIZE;
	p = mbuf_buf(mb);
	for (int i = 0; i < MEDIA_FRAME; i++) {
		int16_t s = src ? src[i] : 0;
		p[i] = m->pt == 8 ? linear_to_alaw(s) : linear_to_ulaw(s);
	}
	mb->end += MEDIA_FRAME;
	if (!rtp_send(m->rtp, &m->raddr, false, m->marker, (uint8_t)m->pt, m->ts, mb)) {
		m->tx++;
		stats_add(mono_us() - ideal_us);
	}
	m->marker = false;
	m->ts += MEDIA_FRAME;
	mem_deref(mb);
}

static void tick(int64_t ideal_us)
{
	struct le *le;

	for (le = medial.head; le; le = le->next)
		media_pull(le->data);
	for (le = bridgel.head; le; le = le->next) {
		struct bridge *b = le->data;
		if (b->rec && b->a && b->b)
			recorder_add(b->rec, b->a->in, b->b->in);
	}
	for (le = medial.head; le; le = le->next)
		media_push(le->data, ideal_us);
}

static void clock_handler(int flags, void *arg)
{
	uint64_t n = 0;

	(void)arg;
	if (!(flags & FD_READ) || read(tfd, &n, sizeof(n)) != sizeof(n) || !n)
		return;
	if (n > MAX_CATCHUP) {
		stats.missed += n - MAX_CATCHUP;
		ticks += n - MAX_CATCHUP;
		n = MAX_CATCHUP;
	}
	while (n--) {
		ticks++;
		tick(t0_us + (int64_t)ticks * MEDIA_PTIME * 1000);
	}
}

/* ---- legs */

static void media_destructor(void *arg)
{
	struct media *m = arg;

	list_unlink(&m->le);
	tmr_cancel(&m->event_tmr);
	if (m->mon_of && m->mon_of->mon == m)
		m->mon_of->mon = NULL;
	if (m->bridge) {
		if (m->bridge->a == m)
			m->bridge->a = NULL;
		if (m->bridge->b == m)
			m->bridge->b = NULL;
		if (m->bridge->x == m)
			m->bridge->x = NULL;
	}
	mem_deref(m->rtp);
	mem_deref(m->telev);
	mem_deref(m->play);
	mem_deref(m->rec);
	if (m->dtmf)
		dtmf_rx_free(m->dtmf);
}

int media_alloc(struct media **mp, media_dtmf_h *dtmfh, void *arg)
{
	struct media *m;
	int err;

	m = mem_zalloc(sizeof(*m), media_destructor);
	if (!m)
		return ENOMEM;
	m->pt = 0;
	m->tev_pt = -1;
	m->marker = true;
	m->ts = rand_u32();
	m->dtmfh = dtmfh;
	m->arg = arg;
	tmr_init(&m->event_tmr);
	err = rtp_listen(&m->rtp, IPPROTO_UDP, &ivr_conf.rtp_laddr, ivr_conf.rtp_min,
			 ivr_conf.rtp_max, false, rtp_handler, NULL, m);
	if (err) {
		log_err("media: no RTP port free in %u-%u: %s", ivr_conf.rtp_min,
			ivr_conf.rtp_max, strerror(err));
		goto out;
	}
	err = telev_alloc(&m->telev, MEDIA_PTIME);
	if (err)
		goto out;
	m->dtmf = dtmf_rx_init(NULL, inband_handler, m);
	if (!m->dtmf) {
		err = ENOMEM;
		goto out;
	}
	list_append(&medial, &m->le, m);
out:
	if (err)
		mem_deref(m);
	else
		*mp = m;
	return err;
}

uint16_t media_lport(const struct media *m)
{
	return m ? sa_port(rtp_local(m->rtp)) : 0;
}

void media_set_remote(struct media *m, const struct sa *raddr, int pt, int tev_pt)
{
	if (!m)
		return;
	m->raddr = *raddr;
	m->have_remote = sa_isset(raddr, SA_ALL);
	m->pt = pt == 8 ? 8 : 0;
	m->tev_pt = tev_pt;
}

int media_play(struct media *m, const char *name, media_done_h *done, void *arg)
{
	struct prompt *p;
	int err;

	if (!m)
		return EINVAL;
	err = prompt_load(&p, name);
	if (err)
		return err;
	mem_deref(m->play);
	m->play = mem_ref(p);
	m->play_pos = 0;
	m->play_done = done;
	m->play_arg = arg;
	m->play_ended = false;
	return 0;
}

void media_stop(struct media *m)
{
	if (!m)
		return;
	m->play = mem_deref(m->play);
	m->play_done = NULL;
	m->play_ended = false;
}

int media_record(struct media *m, const char *path)
{
	if (!m)
		return EINVAL;
	m->rec = mem_deref(m->rec);
	m->rec_frames = m->quiet_frames = 0;
	return recorder_alloc(&m->rec, path, 1);
}

unsigned media_record_stop(struct media *m)
{
	unsigned ms;

	if (!m)
		return 0;
	ms = (unsigned)(m->rec_frames * MEDIA_PTIME);
	m->rec = mem_deref(m->rec);	/* flushes and closes the file */
	m->rec_frames = m->quiet_frames = 0;
	return ms;
}

unsigned media_recorded_ms(const struct media *m)
{
	return m ? (unsigned)(m->rec_frames * MEDIA_PTIME) : 0;
}

unsigned media_quiet_ms(const struct media *m)
{
	return m ? (unsigned)(m->quiet_frames * MEDIA_PTIME) : 0;
}

/* ---- bridges */

static void bridge_destructor(void *arg)
{
	struct bridge *b = arg;

	list_unlink(&b->le);
	if (b->a && b->a->bridge == b)
		b->a->bridge = NULL;
	if (b->b && b->b->bridge == b)
		b->b->bridge = NULL;
	if (b->x && b->x->bridge == b)
		b->x->bridge = NULL;
	if (b->mon && b->mon->mon_of == b)
		b->mon->mon_of = NULL;
	mem_deref(b->rec);
}

void bridge_hold(struct bridge *br, bool held)
{
	if (br)
		br->held = held;
}

int bridge_third(struct bridge *br, struct media *m, enum bridge_third mode)
{
	if (!br)
		return EINVAL;
	if (br->x && br->x != m) {
		if (br->x->bridge == br)
			br->x->bridge = NULL;
		br->x = NULL;
	}
	if (!m)
		return 0;
	if (m == br->a || m == br->b || (m->bridge && m->bridge != br) || m->mon_of)
		return EINVAL;
	media_stop(m);
	m->bridge = br;
	br->x = m;
	br->xmode = mode;
	return 0;
}

int bridge_swap_b(struct bridge *br, struct media *m)
{
	if (!br || !m || m == br->a || m->mon_of)
		return EINVAL;
	if (m->bridge && m->bridge != br)
		return EINVAL;
	if (br->x == m)
		br->x = NULL;
	if (br->b && br->b->bridge == br)
		br->b->bridge = NULL;
	media_stop(m);
	m->bridge = br;
	br->b = m;
	return 0;
}

int bridge_monitor(struct bridge *br, struct media *m, enum bridge_mon mode)
{
	if (!br)
		return EINVAL;
	if (br->mon && br->mon != m) {
		br->mon->mon_of = NULL;
		br->mon = NULL;
	}
	if (!m)
		return 0;
	if (m == br->a || m == br->b || m->bridge)
		return EINVAL;
	media_stop(m);
	m->mon_of = br;
	br->mon = m;
	br->mode = mode;
	return 0;
}

int bridge_alloc(struct bridge **bp, struct media *a, struct media *b, const char *path)
{
	struct bridge *br;
	int err = 0;

	if (!bp || !a || !b || a == b)
		return EINVAL;
	br = mem_zalloc(sizeof(*br), bridge_destructor);
	if (!br)
		return ENOMEM;
	br->a = a;
	br->b = b;
	if (path)
		err = recorder_alloc(&br->rec, path, 2);
	if (err) {
		mem_deref(br);
		return err;
	}
	media_stop(a);
	media_stop(b);
	a->bridge = br;
	b->bridge = br;
	list_append(&bridgel, &br->le, br);
	*bp = br;
	return 0;
}

/* ---- module */

static uint64_t hist_pct(double pct)
{
	uint64_t want = (uint64_t)(stats.packets * pct), acc = 0;

	for (int i = 0; i <= HIST_N; i++) {
		acc += stats.hist[i];
		if (acc > want || (acc == stats.packets && acc))
			return (uint64_t)(i + 1) * HIST_US;
	}
	return 0;
}

int media_stats_print(struct re_printf *pf, void *unused)
{
	(void)unused;
	return re_hprintf(pf, "STAT legs %u\r\nSTAT ticks %llu\r\nSTAT ticks_missed %llu\r\n"
			  "STAT packets_sent %llu\r\nSTAT send_late_p50_us %llu\r\n"
			  "STAT send_late_p99_us %llu\r\nSTAT send_late_max_us %llu\r\n",
			  list_count(&medial), (unsigned long long)ticks,
			  (unsigned long long)stats.missed, (unsigned long long)stats.packets,
			  (unsigned long long)hist_pct(0.50), (unsigned long long)hist_pct(0.99),
			  (unsigned long long)stats.max_us);
}

unsigned media_count(void)
{
	return list_count(&medial);
}

int media_init(void)
{
	struct itimerspec its = { .it_interval = { 0, MEDIA_PTIME * 1000000L },
				  .it_value = { 0, MEDIA_PTIME * 1000000L } };
	int err;

	list_init(&medial);
	list_init(&bridgel);
	list_init(&promptl);
	tfd = timerfd_create(CLOCK_MONOTONIC, TFD_NONBLOCK | TFD_CLOEXEC);
	if (tfd < 0) {
		log_err("media: timerfd_create: %s", strerror(errno));
		return errno;
	}
	t0_us = mono_us();
	if (timerfd_settime(tfd, 0, &its, NULL)) {
		err = errno;
		log_err("media: timerfd_settime: %s", strerror(err));
		return err;
	}
	return fd_listen(tfd, FD_READ, clock_handler, NULL);
}

void media_close(void)
{
	if (tfd >= 0) {
		fd_close(tfd);
		close(tfd);
		tfd = -1;
	}
	list_flush(&promptl);
}
