-- 003: the CRM extended and the work orders (工单): types with SLA, work orders with an
-- append-only timeline, links, attachments, parts used, canned replies, and the calls
-- table (the call trail of the screen pop; telephony fills it later).  Times are UTC.

-- Residents: merged duplicates keep a pointer to the survivor; last digits of a phone are
-- found by a prefix search on the reversed number.
ALTER TABLE resident
	ADD COLUMN merged_into_id INT UNSIGNED NULL AFTER note,
	ADD COLUMN version INT UNSIGNED NOT NULL DEFAULT 1 AFTER merged_into_id,
	ADD KEY k_resident_merged (merged_into_id),
	ADD CONSTRAINT fk_resident_merged FOREIGN KEY (merged_into_id) REFERENCES resident (id);
ALTER TABLE resident_phone
	ADD COLUMN phone_rev VARCHAR(20) AS (REVERSE(phone)) STORED AFTER phone,
	ADD KEY k_resident_phone_rev (phone_rev);

-- Work-order types; a row with parent_id is a subtype.  required_fields: a space-separated
-- list among 'household', 'phone', 'description', 'appointment'.
CREATE TABLE ticket_type (
	id INT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
	parent_id INT UNSIGNED NULL,
	code VARCHAR(32) NOT NULL,
	name VARCHAR(100) NOT NULL,
	priority TINYINT UNSIGNED NOT NULL DEFAULT 2,      -- 1 low, 2 normal, 3 high, 4 urgent
	response_minutes INT UNSIGNED NOT NULL DEFAULT 60,
	resolve_minutes INT UNSIGNED NOT NULL DEFAULT 1440,
	required_fields VARCHAR(200) NOT NULL DEFAULT '',
	department_id INT UNSIGNED NULL,
	common_problems VARCHAR(1000) NOT NULL DEFAULT '', -- one per line: big buttons on the portal
	active TINYINT(1) NOT NULL DEFAULT 1,
	sort INT NOT NULL DEFAULT 0,
	created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
	updated_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,
	UNIQUE KEY uk_ticket_type_code (code),
	KEY k_ticket_type_parent (parent_id),
	CONSTRAINT fk_tt_parent FOREIGN KEY (parent_id) REFERENCES ticket_type (id),
	CONSTRAINT fk_tt_department FOREIGN KEY (department_id) REFERENCES department (id),
	CONSTRAINT ck_tt_priority CHECK (priority BETWEEN 1 AND 4)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Work-order numbers: YYYYMMDD-NNNN by local (WL_TZ) date, from a per-day counter that
-- is incremented with LAST_INSERT_ID() so concurrent creations never share a number.
CREATE TABLE ticket_counter (
	day DATE NOT NULL PRIMARY KEY,
	n INT UNSIGNED NOT NULL
) ENGINE=InnoDB;

-- status: new, dispatched, accepted, en_route, on_site, resolved, closed, pending,
-- cancelled, reopened (the rules live in lib/ticket.c).  version: optimistic locking;
-- every change increments it and names the version it saw.
CREATE TABLE ticket (
	id INT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
	number VARCHAR(16) NOT NULL,
	type_id INT UNSIGNED NOT NULL,
	subtype_id INT UNSIGNED NULL,
	status VARCHAR(16) NOT NULL DEFAULT 'new',
	pending_from VARCHAR(16) NULL,
	pending_reason VARCHAR(200) NULL,
	resume_at DATETIME NULL,
	priority TINYINT UNSIGNED NOT NULL DEFAULT 2,
	emergency TINYINT(1) NOT NULL DEFAULT 0,
	title VARCHAR(200) NOT NULL,
	description TEXT NULL,
	channel VARCHAR(16) NOT NULL DEFAULT 'staff',      -- phone, sms, portal, wechat, api, staff
	resident_id INT UNSIGNED NULL,
	household_id INT UNSIGNED NULL,
	community_id INT UNSIGNED NULL,                    -- denormalised from the household, for lists
	building_id INT UNSIGNED NULL,
	address VARCHAR(300) NULL,                         -- free address when no household
	contact_name VARCHAR(100) NULL,
	contact_phone VARCHAR(20) NULL,
	department_id INT UNSIGNED NULL,
	assignee_id INT UNSIGNED NULL,
	appointment_at DATETIME NULL,
	created_by INT UNSIGNED NULL,
	call_id BIGINT UNSIGNED NULL,
	merged_into_id INT UNSIGNED NULL,
	response_due_at DATETIME NULL,
	resolve_due_at DATETIME NULL,
	first_response_at DATETIME NULL,
	resolved_at DATETIME NULL,
	closed_at DATETIME NULL,
	satisfaction TINYINT UNSIGNED NULL,                -- 1..5 from the follow-up visit (回访)
	visit_comment VARCHAR(1000) NULL,
	version INT UNSIGNED NOT NULL DEFAULT 1,
	created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
	updated_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,
	UNIQUE KEY uk_ticket_number (number),
	KEY k_ticket_status (status, created_at),
	KEY k_ticket_created (created_at),
	KEY k_ticket_type (type_id, created_at),
	KEY k_ticket_department (department_id, status, created_at),
	KEY k_ticket_assignee (assignee_id, status, created_at),
	KEY k_ticket_resident (resident_id, created_at),
	KEY k_ticket_household (household_id, created_at),
	KEY k_ticket_community (community_id, building_id, created_at),
	KEY k_ticket_due (status, resolve_due_at),
	CONSTRAINT fk_ticket_type FOREIGN KEY (type_id) REFERENCES ticket_type (id),
	CONSTRAINT fk_ticket_subtype FOREIGN KEY (subtype_id) REFERENCES ticket_type (id),
	CONSTRAINT fk_ticket_resident FOREIGN KEY (resident_id) REFERENCES resident (id),
	CONSTRAINT fk_ticket_household FOREIGN KEY (household_id) REFERENCES household (id),
	CONSTRAINT fk_ticket_department FOREIGN KEY (department_id) REFERENCES department (id),
	CONSTRAINT fk_ticket_assignee FOREIGN KEY (assignee_id) REFERENCES staff (id),
	CONSTRAINT fk_ticket_merged FOREIGN KEY (merged_into_id) REFERENCES ticket (id),
	CONSTRAINT ck_ticket_priority CHECK (priority BETWEEN 1 AND 4),
	CONSTRAINT ck_ticket_satisfaction CHECK (satisfaction IS NULL OR satisfaction BETWEEN 1 AND 5)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- The timeline: one row per change, never updated.  kind: created, status, assign,
-- comment (public: the resident sees it), note (internal), attachment, link, merge, visit,
-- edit.  staff_id NULL: the resident or the system did it.
CREATE TABLE ticket_event (
	id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
	ticket_id INT UNSIGNED NOT NULL,
	at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
	staff_id INT UNSIGNED NULL,
	kind VARCHAR(16) NOT NULL,
	from_status VARCHAR(16) NULL,
	to_status VARCHAR(16) NULL,
	public TINYINT(1) NOT NULL DEFAULT 0,
	body TEXT NULL,
	KEY k_ticket_event_ticket (ticket_id, id),
	CONSTRAINT fk_te_ticket FOREIGN KEY (ticket_id) REFERENCES ticket (id) ON DELETE CASCADE,
	CONSTRAINT fk_te_staff FOREIGN KEY (staff_id) REFERENCES staff (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Duplicate or related reports; stored once per pair (ticket_id < other_id).
CREATE TABLE ticket_link (
	ticket_id INT UNSIGNED NOT NULL,
	other_id INT UNSIGNED NOT NULL,
	kind VARCHAR(16) NOT NULL DEFAULT 'related',
	created_by INT UNSIGNED NULL,
	created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
	PRIMARY KEY (ticket_id, other_id),
	KEY k_ticket_link_other (other_id),
	CONSTRAINT fk_tl_ticket FOREIGN KEY (ticket_id) REFERENCES ticket (id) ON DELETE CASCADE,
	CONSTRAINT fk_tl_other FOREIGN KEY (other_id) REFERENCES ticket (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Files are stored once under WL_VAR/files by SHA-256; rows name them per work order.
CREATE TABLE attachment (
	id INT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
	ticket_id INT UNSIGNED NOT NULL,
	event_id BIGINT UNSIGNED NULL,
	sha256 CHAR(64) NOT NULL,
	size INT UNSIGNED NOT NULL,
	mime VARCHAR(100) NOT NULL,                        -- detected from the content
	filename VARCHAR(255) NOT NULL,
	uploaded_by INT UNSIGNED NULL,
	created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
	KEY k_attachment_ticket (ticket_id),
	CONSTRAINT fk_att_ticket FOREIGN KEY (ticket_id) REFERENCES ticket (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE ticket_part (
	id INT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
	ticket_id INT UNSIGNED NOT NULL,
	name VARCHAR(100) NOT NULL,
	quantity DECIMAL(10,2) NOT NULL DEFAULT 1,
	unit VARCHAR(16) NULL,
	staff_id INT UNSIGNED NULL,
	created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
	KEY k_ticket_part_ticket (ticket_id),
	CONSTRAINT fk_tp_ticket FOREIGN KEY (ticket_id) REFERENCES ticket (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE canned_reply (
	id INT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
	title VARCHAR(100) NOT NULL,
	body TEXT NOT NULL,
	active TINYINT(1) NOT NULL DEFAULT 1,
	sort INT NOT NULL DEFAULT 0,
	created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
	updated_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- One row per call (CDR).  direction: in, out.  Telephony (ivrd) writes these; the screen
-- pop reads the trail by resident or number.
CREATE TABLE `call` (
	id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
	direction VARCHAR(4) NOT NULL DEFAULT 'in',
	caller VARCHAR(32) NOT NULL,
	callee VARCHAR(32) NULL,
	resident_id INT UNSIGNED NULL,
	agent_id INT UNSIGNED NULL,
	queue VARCHAR(32) NULL,
	started_at DATETIME NOT NULL,
	answered_at DATETIME NULL,
	ended_at DATETIME NULL,
	disposition VARCHAR(16) NULL,                      -- answered, abandoned, voicemail, ivr
	rating TINYINT UNSIGNED NULL,                      -- post-call satisfaction 1..5
	ticket_id INT UNSIGNED NULL,
	KEY k_call_caller (caller, started_at),
	KEY k_call_resident (resident_id, started_at),
	KEY k_call_started (started_at),
	KEY k_call_agent (agent_id, started_at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

INSERT INTO permission (code, area, sort) VALUES
	('crm.view', 'crm', 300),
	('crm.edit', 'crm', 310),
	('crm.import', 'crm', 320),
	('crm.properties', 'crm', 330),
	('ticket.view', 'ticket', 400),          -- every work order
	('ticket.create', 'ticket', 410),
	('ticket.edit', 'ticket', 420),          -- dispatch, transitions, comments, links
	('ticket.visit', 'ticket', 430),         -- follow-up visits and closing
	('ticket.admin', 'ticket', 440),         -- types, canned replies
	('tech.mobile', 'tech', 500);            -- the technician pages: own and team's orders

INSERT INTO role_permission (role_id, permission)
	SELECT r.id, p.code FROM role r JOIN permission p
	WHERE (r.code = 'agent' AND p.code IN ('crm.view', 'crm.edit', 'ticket.view',
		'ticket.create', 'ticket.edit', 'ticket.visit'))
	   OR (r.code = 'supervisor' AND p.code IN ('crm.view', 'crm.edit', 'crm.import',
		'ticket.view', 'ticket.create', 'ticket.edit', 'ticket.visit', 'ticket.admin'))
	   OR (r.code = 'technician' AND p.code IN ('tech.mobile'))
	   OR (r.code = 'manager' AND p.code IN ('crm.view', 'ticket.view'))
	   OR (r.code = 'admin' AND p.area IN ('crm', 'ticket', 'tech'));

-- The usual work of a heating and property company; admins change it under 工单类型.
INSERT INTO ticket_type (code, name, priority, response_minutes, resolve_minutes,
			 required_fields, common_problems, sort) VALUES
	('heating', '供暖报修', 3, 30, 480, 'household phone', '暖气不热\n暖气漏水\n有异响\n阀门关不上', 10),
	('plumbing', '水电报修', 2, 60, 1440, 'household phone', '漏水\n停水\n跳闸\n灯不亮', 20),
	('civil', '土建维修', 2, 240, 4320, 'household', '墙面渗水\n门窗损坏', 30),
	('complaint', '投诉', 3, 60, 2880, 'description', '', 40),
	('consult', '咨询', 1, 240, 1440, '', '', 50),
	('fee', '缴费咨询', 1, 240, 1440, '', '', 60);
INSERT INTO ticket_type (parent_id, code, name, priority, response_minutes, resolve_minutes,
			 required_fields, sort)
	SELECT p.id, v.code, v.name, v.priority, v.resp, v.res, p.required_fields, v.sort
	FROM ticket_type p JOIN (
		SELECT 'heating' AS parent, 'heating_cold' AS code, '暖气不热' AS name, 3 AS priority, 30 AS resp, 480 AS res, 10 AS sort
		UNION ALL SELECT 'heating', 'heating_leak', '暖气漏水', 4, 15, 240, 20
		UNION ALL SELECT 'heating', 'heating_noise', '管道异响', 2, 60, 1440, 30
		UNION ALL SELECT 'plumbing', 'water_leak', '漏水', 3, 30, 480, 10
		UNION ALL SELECT 'plumbing', 'power', '停电跳闸', 3, 30, 480, 20
	) v ON v.parent = p.code;

INSERT INTO canned_reply (title, body, sort) VALUES
	('已派单', '您好，您的报修已受理，维修师傅将尽快与您联系，请保持电话畅通。', 10),
	('阀门提示', '请先检查户内暖气进水阀门是否打开（阀柄与管道平行为打开），如仍不热请告知我们。', 20),
	('已完工回访', '您好，您的报修已处理完毕，请问对维修结果是否满意？', 30);
