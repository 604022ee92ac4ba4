/* wechat.h — messages from residents through the WeChat official account (公众号).
 *
 * A WeChat user (openid) binds to a resident by mobile number: "绑定 13912345678" sends a
 * 6-digit code by SMS (through the outbox) to that number when it is a resident's, and the
 * code typed back within 5 minutes binds them (5 wrong tries at most; one code a minute
 * per WeChat user, at most 5 an hour; 3 WeChat users an hour per number).  An unknown
 * number gets the same answer as a known one, without an SMS.  Once bound, text works
 * like the SMS keywords (lib/smsin.h: BX, CX, TD, anything else for an agent) with the
 * answer in the chat; a picture is attached to the resident's latest open work order;
 * "解绑" unbinds.  Every message is recorded once per MsgId in wechat_inbound: WeChat
 * retries a message it got no answer to, and the retry gets the stored answer. */
#ifndef WL_WECHAT_H
#define WL_WECHAT_H

#include <stddef.h>

enum { WECHAT_REPLY_MAX = 1000 };

struct wechat_msg {
	const char *msg_id;	/* MsgId; for events the caller makes one (openid + time) */
	const char *openid;	/* FromUserName */
	const char *type;	/* "text", "image", "event" */
	const char *text;	/* text: Content; event: Event ("subscribe", ...) */
	const void *image;	/* image: the picture's bytes, or NULL when it could not be
				 * fetched */
	size_t image_len;
};

/* Handles one message and writes the answer (UTF-8 text, maybe empty) to out.  Returns 0,
 * or -1 on a database error (nothing changed). */
int wechat_handle(char *out, size_t outlen, const struct wechat_msg *m);

#endif
