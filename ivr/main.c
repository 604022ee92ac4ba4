/* main.c — ivrd: reads the configuration, starts the modules, runs the one libre event loop
 * and on SIGTERM/SIGINT hangs up every call, flushes the CDRs and frees everything. */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

#include "config.h"
#include "db.h"
#include "log.h"
#include "ivrd.h"
#include "call.h"

enum { SHUTDOWN_GRACE_MS = 300 };

struct ivr_conf ivr_conf;

static struct tmr shutdown_tmr;
static bool stopping;

char *ivr_utc_now(char *buf, size_t len)
{
	struct timeval tv;
	struct tm tm;
	char s[24];

	gettimeofday(&tv, NULL);
	gmtime_r(&tv.tv_sec, &tm);
	strftime(s, sizeof(s), "%Y-%m-%d %H:%M:%S", &tm);
	snprintf(buf, len, "%s.%03ld", s, (long)(tv.tv_usec / 1000));
	return buf;
}

/* The BYEs are sent at once; this gives their answers a moment before the loop ends. */
static void shutdown_timeout(void *arg)
{
	(void)arg;
	re_cancel();
}

static void signal_handler(int sig)
{
	if (stopping) {
		if (sig == SIGINT)
			re_cancel();
		return;
	}
	stopping = true;
	log_info("ivrd: signal %d: hanging up %u calls and stopping", sig, call_count());
	outbox_shutdown();
	ctl_close();
	call_close();
	acd_close();
	reg_close();
	sip_shutdown();
	tmr_start(&shutdown_tmr, SHUTDOWN_GRACE_MS, shutdown_timeout, NULL);
}

static int conf_sa(struct sa *sa, const char *addr, long port, const char *what)
{
	if (port < 0 || port > 65535 || sa_set_str(sa, addr, (uint16_t)port)) {
		log_err("ivrd: %s: '%s' port %ld is not an IP address and port", what, addr, port);
		return EINVAL;
	}
	return 0;
}

static int mkdirs(const char *path)
{
	char tmp[512];

	if (snprintf(tmp, sizeof(tmp), "%s", path) >= (int)sizeof(tmp))
		return ENAMETOOLONG;
	for (char *p = tmp + 1; *p; p++) {
		if (*p != '/')
			continue;
		*p = '\0';
		if (mkdir(tmp, 0755) && errno != EEXIST)
			return errno;
		*p = '/';
	}
	if (mkdir(tmp, 0755) && errno != EEXIST)
		return errno;
	return 0;
}

static int conf_read(void)
{
	const char *addr = config_get("WL_SIP_ADDR", "127.0.0.1");
	long min = config_int("WL_RTP_PORT_MIN", 20000), max = config_int("WL_RTP_PORT_MAX", 20999);
	int err;

	err = conf_sa(&ivr_conf.sip_laddr, addr, config_int("WL_SIP_PORT", 5060), "WL_SIP_ADDR");
	err |= conf_sa(&ivr_conf.rtp_laddr, addr, 0, "WL_SIP_ADDR");
	if (err)
		return EINVAL;
	if (min < 1024 || max > 65535 || min + 1 >= max) {
		log_err("ivrd: WL_RTP_PORT_MIN/MAX: %ld-%ld is not a range of ports above 1023",
			min, max);
		return EINVAL;
	}
	ivr_conf.rtp_min = (uint16_t)min;
	ivr_conf.rtp_max = (uint16_t)max;
	snprintf(ivr_conf.realm, sizeof(ivr_conf.realm), "%s",
		 config_get("WL_SIP_REALM", "warmline"));
	snprintf(ivr_conf.trunks, sizeof(ivr_conf.trunks), "%s",
		 config_get("WL_SIP_TRUNKS", "127.0.0.1"));
	snprintf(ivr_conf.agent, sizeof(ivr_conf.agent), "%s", config_get("WL_IVR_AGENT", ""));
	snprintf(ivr_conf.node, sizeof(ivr_conf.node), "%s", config_get("WL_IVR_NODE", "ivrd"));
	snprintf(ivr_conf.outbound, sizeof(ivr_conf.outbound), "%s",
		 config_get("WL_SIP_OUTBOUND", ""));
	/* schedules and work-order numbers use local time */
	setenv("TZ", config_get("WL_TZ", "Asia/Shanghai"), 1);
	tzset();
	ivr_conf.idle_timeout = (unsigned)config_int("WL_IVR_IDLE_TIMEOUT", 120);
	ivr_conf.record = config_int("WL_IVR_RECORD", 1) != 0;
	ivr_conf.var = config_path("WL_VAR", NULL);
	ivr_conf.prompts = config_path("WL_VAR", "prompts");
	ivr_conf.recordings = config_path("WL_VAR", "recordings");
	ivr_conf.ctl_path = config_path("WL_VAR", "run/ivrd.sock");
	if (!ivr_conf.var || !ivr_conf.ctl_path) {
		log_err("ivrd: WL_VAR is not set (conf/warmline.conf)");
		return EINVAL;
	}
	if (strlen(ivr_conf.ctl_path) >= 108) {
		log_err("ivrd: control socket path too long: %s", ivr_conf.ctl_path);
		return ENAMETOOLONG;
	}
	err = mkdirs(ivr_conf.recordings);
	if (err)
		log_err("ivrd: cannot create %s: %s", ivr_conf.recordings, strerror(err));
	return err;
}

static void conf_free(void)
{
	free(ivr_conf.var);
	free(ivr_conf.prompts);
	free(ivr_conf.recordings);
	free(ivr_conf.ctl_path);
	memset(&ivr_conf, 0, sizeof(ivr_conf));
}

static int write_pidfile(const char *path)
{
	FILE *f = fopen(path, "w");

	if (!f) {
		log_err("ivrd: cannot write %s: %s", path, strerror(errno));
		return errno;
	}
	fprintf(f, "%d\n", (int)getpid());
	fclose(f);
	return 0;
}

static void usage(void)
{
	fprintf(stderr, "usage: ivrd [--pidfile FILE]\n"
		"Configuration: conf/warmline.conf under WL_ROOT, WL_CONF_EXTRA, WL_* variables.\n");
}

int main(int argc, char **argv)
{
	const char *pidfile = NULL;
	int err;

	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--pidfile") && i + 1 < argc) {
			pidfile = argv[++i];
		} else {
			usage();
			return 2;
		}
	}
	log_init("ivrd");
	setvbuf(stderr, NULL, _IOLBF, 0);
	signal(SIGPIPE, SIG_IGN);
	if (config_load()) {
		log_err("ivrd: cannot read conf/warmline.conf (set WL_ROOT)");
		return 1;
	}
	err = libre_init();
	if (err) {
		log_err("ivrd: libre_init: %s", strerror(err));
		config_free();
		return 1;
	}
	err = conf_read();
	if (!err && db_init())
		err = EIO;
	if (!err)
		err = dbw_init();
	if (!err)
		err = media_init();
	if (!err)
		err = sip_init();
	if (!err)
		err = reg_init();
	if (!err)
		err = call_init();
	if (!err)
		err = acd_init();
	if (!err)
		err = cfg_init();
	if (!err)
		err = ctl_init();
	if (!err)
		err = outbox_init();
	if (!err && pidfile)
		err = write_pidfile(pidfile);
	if (err) {
		log_err("ivrd: start-up failed (%s)", strerror(err));
	} else {
		log_info("ivrd: listening on sip:%s:%u (udp, tcp), rtp %u-%u, control %s",
			 config_get("WL_SIP_ADDR", "127.0.0.1"), sa_port(&ivr_conf.sip_laddr),
			 ivr_conf.rtp_min, ivr_conf.rtp_max, ivr_conf.ctl_path);
		err = re_main(signal_handler);
		if (err)
			log_err("ivrd: event loop: %s", strerror(err));
	}

	/* Reverse order; the closes are idempotent (the signal handler ran some). */
	tmr_cancel(&shutdown_tmr);
	ctl_close();
	call_close();
	acd_close();
	cfg_close();
	reg_close();
	sip_close_all();
	media_close();
	outbox_close();
	dbw_close();
	if (pidfile)
		unlink(pidfile);
	conf_free();
	libre_close();
	tmr_debug();
	mem_debug();
	config_free();
	log_info("ivrd: stopped");
	return err ? 1 : 0;
}
