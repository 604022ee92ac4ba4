-- 011_outbox.sql — messages to residents (SMS, e-mail, later WeChat): the outbox that
-- the core writes in the same transaction as the change causing a message and that ivrd's
-- sender drains (ivr/outbox.c), notification rules per work-order type, residents'
-- opt-out of non-essential messages, inbound SMS, and the tracking token shown in SMS.
-- Times are UTC (the connection's time zone is +00:00).

-- One row per message.  msg_key makes a message unique (the core and the hooks derive it
-- from what caused the message: "t:<ticket>:<event>:<ticket_event id>", "mo:<kannel id>",
-- "api:<uuid>"), so a cause retried never queues it twice.
-- status: queued -> sending (claimed by a sender) -> sent (the gateway accepted it)
--         -> delivered / failed (delivery report); queued again after a temporary
--         error (attempts, next_attempt_at, back-off); failed after too many attempts;
--         cancelled (opted out, no address) is never sent.
CREATE TABLE outbox (
	id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
	msg_key VARCHAR(100) NOT NULL,
	channel VARCHAR(16) NOT NULL,
	recipient VARCHAR(255) NOT NULL,
	resident_id INT UNSIGNED NULL,
	ticket_id INT UNSIGNED NULL,
	event VARCHAR(32) NOT NULL DEFAULT 'manual',  -- created, assigned, en_route, completed, reply, manual
	essential TINYINT(1) NOT NULL DEFAULT 1,      -- 0: the resident may opt out (TD)
	subject VARCHAR(200) NULL,                    -- e-mail only
	body TEXT NOT NULL,
	segments SMALLINT UNSIGNED NOT NULL DEFAULT 1,  -- SMS parts (70/67 UCS-2, 160/153 GSM-7)
	status VARCHAR(16) NOT NULL DEFAULT 'queued',
	attempts SMALLINT UNSIGNED NOT NULL DEFAULT 0,
	next_attempt_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
	claimed_by VARCHAR(64) NULL,                  -- the sender (ivrd node) while sending
	claimed_at DATETIME NULL,
	last_error VARCHAR(300) NULL,
	external_id VARCHAR(100) NULL,                -- the SMSC's message id (DLR %F) / Message-ID
	dlr_status SMALLINT UNSIGNED NULL,            -- Kannel DLR type: 1 delivered, 2 failed, 4 buffered, 8 SMSC ack, 16 SMSC reject
	dlr_at DATETIME NULL,
	dlr_count SMALLINT UNSIGNED NOT NULL DEFAULT 0,
	created_by INT UNSIGNED NULL,                 -- staff who sent it by hand
	created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
	sent_at DATETIME NULL,
	updated_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,
	UNIQUE KEY uk_outbox_key (msg_key),
	KEY k_outbox_due (status, next_attempt_at),
	KEY k_outbox_ticket (ticket_id, id),
	KEY k_outbox_resident (resident_id, id),
	KEY k_outbox_created (created_at),
	KEY k_outbox_claim (claimed_by),
	CONSTRAINT fk_outbox_resident FOREIGN KEY (resident_id) REFERENCES resident (id) ON DELETE SET NULL,
	CONSTRAINT fk_outbox_ticket FOREIGN KEY (ticket_id) REFERENCES ticket (id) ON DELETE SET NULL,
	CONSTRAINT fk_outbox_staff FOREIGN KEY (created_by) REFERENCES staff (id) ON DELETE SET NULL,
	CONSTRAINT ck_outbox_channel CHECK (channel IN ('sms', 'email', 'wechat')),
	CONSTRAINT ck_outbox_status CHECK (status IN ('queued', 'sending', 'sent', 'delivered',
		'failed', 'cancelled'))
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Which work-order events notify the resident, on which channel, with which text.
-- type_id 0: every type (a rule for the work order's own top-level type replaces it for
-- the same event and channel).  Placeholders: {number} {title} {type} {status}
-- {technician} {window} {link} {company}.
CREATE TABLE notify_rule (
	id INT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
	type_id INT UNSIGNED NOT NULL DEFAULT 0,
	event VARCHAR(32) NOT NULL,
	channel VARCHAR(16) NOT NULL DEFAULT 'sms',
	enabled TINYINT(1) NOT NULL DEFAULT 1,
	essential TINYINT(1) NOT NULL DEFAULT 1,
	subject VARCHAR(200) NULL,
	template VARCHAR(1000) NOT NULL,
	created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
	updated_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,
	UNIQUE KEY uk_notify_rule (type_id, event, channel),
	CONSTRAINT ck_notify_event CHECK (event IN ('created', 'assigned', 'en_route', 'completed')),
	CONSTRAINT ck_notify_channel CHECK (channel IN ('sms', 'email', 'wechat'))
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

INSERT INTO notify_rule (type_id, event, channel, essential, subject, template) VALUES
	(0, 'created', 'sms', 1, NULL,
	 '【{company}】您的{type}已受理，工单号{number}。我们会尽快安排师傅，进度可查：{link} 回复CX查询进度。'),
	(0, 'assigned', 'sms', 1, NULL,
	 '【{company}】工单{number}已派工给{technician}师傅，{window}。'),
	(0, 'en_route', 'sms', 1, NULL,
	 '【{company}】{technician}师傅已出发前往您家处理工单{number}，请保持电话畅通。'),
	(0, 'completed', 'sms', 0, NULL,
	 '【{company}】工单{number}已处理完成。请为本次服务评分：{link} 回复TD退订'),
	(0, 'created', 'email', 1, '工单{number}已受理：{title}',
	 '您好，\n\n您的{type}（{title}）已受理，工单号{number}。\n进度可随时查看：{link}\n\n{company}'),
	(0, 'completed', 'email', 0, '工单{number}已处理完成',
	 '您好，\n\n工单{number}（{title}）已处理完成。请为本次服务评分：{link}\n\n{company}');

-- Residents who sent TD (or asked an agent): no non-essential messages.
CREATE TABLE resident_optout (
	resident_id INT UNSIGNED NOT NULL PRIMARY KEY,
	via VARCHAR(16) NOT NULL DEFAULT 'sms',       -- sms, staff, portal
	created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
	CONSTRAINT fk_optout_resident FOREIGN KEY (resident_id) REFERENCES resident (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Inbound SMS (Kannel get-url), once per Kannel message id.  action: what the hook did
-- (report: a work order, status: replied with the latest work order, unsubscribe,
-- agent: waits for an agent, unknown: the number is no resident's).
CREATE TABLE sms_inbound (
	id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
	kannel_id VARCHAR(64) NOT NULL,
	sender VARCHAR(32) NOT NULL,
	receiver VARCHAR(32) NULL,
	body VARCHAR(1000) NOT NULL,
	resident_id INT UNSIGNED NULL,
	action VARCHAR(16) NOT NULL,
	ticket_id INT UNSIGNED NULL,
	handled_by INT UNSIGNED NULL,
	handled_at DATETIME NULL,
	created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
	UNIQUE KEY uk_sms_inbound_kannel (kannel_id),
	KEY k_sms_inbound_action (action, handled_at, id),
	KEY k_sms_inbound_resident (resident_id, id),
	CONSTRAINT fk_smsin_resident FOREIGN KEY (resident_id) REFERENCES resident (id) ON DELETE SET NULL,
	CONSTRAINT fk_smsin_ticket FOREIGN KEY (ticket_id) REFERENCES ticket (id) ON DELETE SET NULL,
	CONSTRAINT ck_smsin_action CHECK (action IN ('report', 'status', 'unsubscribe', 'agent', 'unknown'))
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- The unguessable token of a work order's public tracking / rating link ({link}); made
-- the first time a message needs it.  The page behind it is the portal's.
CREATE TABLE ticket_track (
	ticket_id INT UNSIGNED NOT NULL PRIMARY KEY,
	token CHAR(24) NOT NULL,
	created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
	UNIQUE KEY uk_ticket_track_token (token),
	CONSTRAINT fk_track_ticket FOREIGN KEY (ticket_id) REFERENCES ticket (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

INSERT INTO permission (code, area, sort) VALUES
	('message.view', 'message', 800),
	('message.send', 'message', 810);
INSERT INTO role_permission (role_id, permission)
	SELECT r.id, p.code FROM role r JOIN permission p
	WHERE p.code IN ('message.view', 'message.send')
	  AND r.code IN ('agent', 'supervisor', 'admin');
INSERT INTO role_permission (role_id, permission)
	SELECT r.id, 'message.view' FROM role r WHERE r.code = 'manager';
