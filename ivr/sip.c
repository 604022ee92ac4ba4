/* sip.c — ivrd's SIP stack: UDP and TCP transports on WL_SIP_ADDR:WL_SIP_PORT, the session
 * socket for INVITEs, REGISTER and OPTIONS handling, the trunk address check. */
#include <string.h>

#include "log.h"
#include "ivrd.h"

static struct sip *sip;
static struct sipsess_sock *sess_sock;
static struct sip_lsnr *lsnr;

struct sip *sip_stack(void)
{
	return sip;
}

struct sipsess_sock *sip_sess_sock(void)
{
	return sess_sock;
}

const char *sip_contact_user(void)
{
	return "ivr";
}

/* WL_SIP_TRUNKS entries are "addr" (any port) or "addr:port". */
bool sip_is_trunk(const struct sa *src)
{
	char list[sizeof(ivr_conf.trunks)], *save = NULL;

	snprintf(list, sizeof(list), "%s", ivr_conf.trunks);
	for (char *t = strtok_r(list, ", ", &save); t; t = strtok_r(NULL, ", ", &save)) {
		struct sa sa;

		if (!sa_decode(&sa, t, strlen(t))) {
			if (sa_cmp(&sa, src, SA_ALL))
				return true;
		} else if (!sa_set_str(&sa, t, 0) && sa_cmp(&sa, src, SA_ADDR)) {
			return true;
		}
	}
	return false;
}

static void conn_handler(const struct sip_msg *msg, void *arg)
{
	(void)arg;
	call_incoming(msg);
}

/* Requests outside dialogs that the session socket does not take. */
static bool request_handler(const struct sip_msg *msg, void *arg)
{
	(void)arg;
	if (!pl_strcmp(&msg->met, "REGISTER"))
		return reg_handle(msg);
	if (!pl_strcmp(&msg->met, "OPTIONS")) {
		(void)sip_treplyf(NULL, NULL, sip, msg, false, 200, "OK",
				  "Allow: INVITE, ACK, BYE, CANCEL, OPTIONS, REGISTER, INFO\r\n"
				  "Accept: application/sdp\r\n"
				  "Content-Length: 0\r\n\r\n");
		return true;
	}
	return false;
}

int sip_init(void)
{
	char where[64];
	int err;

	err = sip_alloc(&sip, NULL, 32, 32, 32, "WarmLine ivrd", NULL, NULL);
	if (err)
		goto out;
	re_snprintf(where, sizeof(where), "%J", &ivr_conf.sip_laddr);
	err = sip_transp_add(sip, SIP_TRANSP_UDP, &ivr_conf.sip_laddr);
	if (err) {
		log_err("sip: cannot listen on udp %s: %s", where, strerror(err));
		goto out;
	}
	err = sip_transp_add(sip, SIP_TRANSP_TCP, &ivr_conf.sip_laddr);
	if (err) {
		log_err("sip: cannot listen on tcp %s: %s", where, strerror(err));
		goto out;
	}
	err = sipsess_listen(&sess_sock, sip, 64, conn_handler, NULL);
	if (err)
		goto out;
	err = sip_listen(&lsnr, sip, true, request_handler, NULL);
out:
	if (err)
		log_err("sip: start-up failed: %s", strerror(err));
	return err;
}

/* Stops taking new requests and calls (open transactions still complete). */
void sip_shutdown(void)
{
	lsnr = mem_deref(lsnr);
}

void sip_close_all(void)
{
	lsnr = mem_deref(lsnr);
	if (sess_sock)
		sipsess_close_all(sess_sock);
	sess_sock = mem_deref(sess_sock);
	if (sip) {
		sip_close(sip, true);
		sip = mem_deref(sip);
	}
}
