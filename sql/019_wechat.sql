-- 019_wechat.sql — the WeChat official account (公众号): which WeChat user (openid) is which
-- resident, the SMS code that binds them, and every message received, once per MsgId.
-- Times are UTC.

-- One row per WeChat user who ever wrote.  resident_id/phone: bound (by the SMS code sent
-- to a resident's mobile).  code_*: the pending code: its HMAC (never the code), the number
-- it was sent to, when it expires, wrong tries so far, when it was sent (one a minute).
CREATE TABLE wechat_user (
	openid VARCHAR(64) NOT NULL PRIMARY KEY,
	resident_id INT UNSIGNED NULL,
	phone VARCHAR(20) NULL,
	bound_at DATETIME NULL,
	code_hash CHAR(43) NULL,
	code_phone VARCHAR(20) NULL,
	code_expires_at DATETIME NULL,
	code_tries TINYINT UNSIGNED NOT NULL DEFAULT 0,
	code_sent_at DATETIME NULL,
	created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
	KEY k_wechat_user_resident (resident_id),
	CONSTRAINT fk_wechat_user_resident FOREIGN KEY (resident_id) REFERENCES resident (id)
		ON DELETE SET NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Messages from WeChat, once per MsgId (WeChat retries a message it got no answer to
-- within 5 s: the retry gets the stored reply).  action: bind_request, bind, bind_failed,
-- unbound, report, status, unsubscribe, agent, photo, photo_failed, subscribe.
CREATE TABLE wechat_inbound (
	id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
	msg_id VARCHAR(64) NOT NULL,
	openid VARCHAR(64) NOT NULL,
	msg_type VARCHAR(16) NOT NULL,
	body VARCHAR(1000) NULL,
	action VARCHAR(16) NOT NULL DEFAULT 'agent',
	resident_id INT UNSIGNED NULL,
	ticket_id INT UNSIGNED NULL,
	reply VARCHAR(1000) NOT NULL DEFAULT '',
	created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
	UNIQUE KEY uk_wechat_inbound_msg (msg_id),
	KEY k_wechat_inbound_openid (openid, id),
	CONSTRAINT fk_wechat_inbound_resident FOREIGN KEY (resident_id) REFERENCES resident (id)
		ON DELETE SET NULL,
	CONSTRAINT fk_wechat_inbound_ticket FOREIGN KEY (ticket_id) REFERENCES ticket (id)
		ON DELETE SET NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
