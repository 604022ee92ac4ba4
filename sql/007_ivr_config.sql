-- 007: the telephony configuration that ivrd reads and the admin pages edit: prompts,
-- schedules with holidays, the blacklist (and the attempts ivrd logs), voicemail boxes,
-- ACD queues with their member agents, and IVR flows as graphs of nodes and edges.
-- ivr/FLOWS.md describes every table and node type for the interpreter.  Times are UTC;
-- TIME columns of schedules are local wall-clock times (WL_TZ).  Every editable row has a
-- version for optimistic locking; any change bumps app_meta ivr_config_version, which
-- ivrd polls to reload.

INSERT INTO app_meta (k, v) VALUES ('ivr_config_version', '1');

-- Audio prompts: 8 kHz mono 16-bit PCM WAV files stored once under
-- WL_VAR/prompts/<first two hex digits>/<sha256>.wav (the hash of the converted file).
CREATE TABLE ivr_prompt (
	id INT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
	name VARCHAR(64) NOT NULL,                -- unique; [a-z0-9_.-], used by ivrd conventions
	description VARCHAR(300) NOT NULL DEFAULT '',
	lang VARCHAR(8) NOT NULL DEFAULT 'zh_CN',  -- zh_CN, en
	sha256 CHAR(64) NOT NULL,
	duration_ms INT UNSIGNED NOT NULL,
	size INT UNSIGNED NOT NULL,
	source_name VARCHAR(255) NOT NULL DEFAULT '', -- the uploaded file's name
	source_info VARCHAR(100) NOT NULL DEFAULT '', -- e.g. "WAV 44100 Hz 2 ch"
	version INT UNSIGNED NOT NULL DEFAULT 1,
	created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
	updated_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,
	UNIQUE KEY uk_ivr_prompt_name (name)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Office hours.  Off hours, a transfer node of kind 'duty' rings the duty agent's
-- extension (duty_staff_id) or else the duty mobile through the trunk (duty_number).
CREATE TABLE ivr_schedule (
	id INT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
	name VARCHAR(100) NOT NULL,
	description VARCHAR(300) NOT NULL DEFAULT '',
	duty_staff_id INT UNSIGNED NULL,
	duty_number VARCHAR(20) NULL,              -- normalised (lib/phone.c)
	version INT UNSIGNED NOT NULL DEFAULT 1,
	created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
	updated_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,
	UNIQUE KEY uk_ivr_schedule_name (name),
	CONSTRAINT fk_ivr_schedule_duty FOREIGN KEY (duty_staff_id) REFERENCES staff (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Weekly hours: several ranges per weekday (1 Monday .. 7 Sunday), [open, close).
CREATE TABLE ivr_schedule_hours (
	id INT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
	schedule_id INT UNSIGNED NOT NULL,
	weekday TINYINT UNSIGNED NOT NULL,
	open_time TIME NOT NULL,
	close_time TIME NOT NULL,
	KEY k_ivr_hours_schedule (schedule_id, weekday, open_time),
	CONSTRAINT fk_ivr_hours_schedule FOREIGN KEY (schedule_id) REFERENCES ivr_schedule (id) ON DELETE CASCADE,
	CONSTRAINT ck_ivr_hours_weekday CHECK (weekday BETWEEN 1 AND 7),
	CONSTRAINT ck_ivr_hours_range CHECK (open_time < close_time)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- The holiday calendar, one row per date.  kind: closed (all day), special (open only
-- open_time..close_time), workday (调休: a weekend day worked as the weekday as_weekday).
CREATE TABLE ivr_holiday (
	id INT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
	schedule_id INT UNSIGNED NOT NULL,
	day DATE NOT NULL,
	name VARCHAR(100) NOT NULL,
	kind VARCHAR(8) NOT NULL DEFAULT 'closed',
	open_time TIME NULL,
	close_time TIME NULL,
	as_weekday TINYINT UNSIGNED NULL,
	created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
	UNIQUE KEY uk_ivr_holiday (schedule_id, day),
	CONSTRAINT fk_ivr_holiday_schedule FOREIGN KEY (schedule_id) REFERENCES ivr_schedule (id) ON DELETE CASCADE,
	CONSTRAINT ck_ivr_holiday_kind CHECK (kind IN ('closed', 'special', 'workday'))
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Numbers that must not reach an agent.  action: message (play prompt_id, or ivrd's
-- default notice, then hang up) or decline (reject the call: SIP 603).
CREATE TABLE ivr_blacklist (
	id INT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
	number VARCHAR(20) NOT NULL,               -- normalised (lib/phone.c phone_normalize)
	reason VARCHAR(300) NOT NULL DEFAULT '',
	action VARCHAR(8) NOT NULL DEFAULT 'message',
	prompt_id INT UNSIGNED NULL,
	expires_at DATETIME NULL,                  -- NULL: never
	created_by INT UNSIGNED NULL,
	version INT UNSIGNED NOT NULL DEFAULT 1,
	created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
	updated_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,
	UNIQUE KEY uk_ivr_blacklist_number (number),
	CONSTRAINT fk_ivr_blacklist_prompt FOREIGN KEY (prompt_id) REFERENCES ivr_prompt (id),
	CONSTRAINT ck_ivr_blacklist_action CHECK (action IN ('message', 'decline'))
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Every call from a listed number, written by ivrd.  Append-only.
CREATE TABLE ivr_blacklist_attempt (
	id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
	number VARCHAR(32) NOT NULL,
	at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
	action VARCHAR(8) NOT NULL,                -- message, decline (what was done)
	blacklist_id INT UNSIGNED NULL,
	call_id BIGINT UNSIGNED NULL,
	KEY k_ivr_bl_attempt_number (number, at),
	KEY k_ivr_bl_attempt_at (at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Voicemail boxes.  Messages (ivrd's own table) become callback tasks for department_id.
CREATE TABLE ivr_voicemail_box (
	id INT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
	name VARCHAR(100) NOT NULL,
	description VARCHAR(300) NOT NULL DEFAULT '',
	greeting_prompt_id INT UNSIGNED NULL,
	max_seconds INT UNSIGNED NOT NULL DEFAULT 120,
	department_id INT UNSIGNED NULL,
	version INT UNSIGNED NOT NULL DEFAULT 1,
	created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
	updated_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,
	UNIQUE KEY uk_ivr_vm_name (name),
	CONSTRAINT fk_ivr_vm_prompt FOREIGN KEY (greeting_prompt_id) REFERENCES ivr_prompt (id),
	CONSTRAINT fk_ivr_vm_department FOREIGN KEY (department_id) REFERENCES department (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- ACD queues.  strategy: longest_idle, round_robin, fewest_calls, ring_all.  Callers are
-- served by priority (higher first), then by arrival.  overflow: none, queue, voicemail.
CREATE TABLE acd_queue (
	id INT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
	code VARCHAR(32) NOT NULL,                 -- short name written to call.queue
	name VARCHAR(100) NOT NULL,
	strategy VARCHAR(16) NOT NULL DEFAULT 'longest_idle',
	vip_priority INT NOT NULL DEFAULT 5,        -- callers whose resident level is vip
	emergency_priority INT NOT NULL DEFAULT 10, -- callers with an open emergency work order
	announce_seconds INT UNSIGNED NOT NULL DEFAULT 60,  -- position/wait announcement; 0 off
	announce_wait TINYINT(1) NOT NULL DEFAULT 1,        -- also the estimated wait
	moh_prompt_id INT UNSIGNED NULL,           -- music on hold (looped)
	join_prompt_id INT UNSIGNED NULL,          -- played once on entry
	max_wait_seconds INT UNSIGNED NOT NULL DEFAULT 300, -- 0: no limit
	overflow VARCHAR(12) NOT NULL DEFAULT 'none',
	overflow_queue_id INT UNSIGNED NULL,
	overflow_voicemail_id INT UNSIGNED NULL,
	wrapup_seconds INT UNSIGNED NOT NULL DEFAULT 15,
	ring_seconds INT UNSIGNED NOT NULL DEFAULT 20,      -- then the next agent
	autopause_after INT UNSIGNED NOT NULL DEFAULT 2,    -- missed offers in a row; 0 off
	record_calls TINYINT(1) NOT NULL DEFAULT 1,
	sticky_agent TINYINT(1) NOT NULL DEFAULT 0,
	sticky_seconds INT UNSIGNED NOT NULL DEFAULT 15,
	sla_seconds INT UNSIGNED NOT NULL DEFAULT 20,       -- service level threshold
	active TINYINT(1) NOT NULL DEFAULT 1,
	version INT UNSIGNED NOT NULL DEFAULT 1,
	created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
	updated_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,
	UNIQUE KEY uk_acd_queue_code (code),
	UNIQUE KEY uk_acd_queue_name (name),
	CONSTRAINT fk_acd_queue_moh FOREIGN KEY (moh_prompt_id) REFERENCES ivr_prompt (id),
	CONSTRAINT fk_acd_queue_join FOREIGN KEY (join_prompt_id) REFERENCES ivr_prompt (id),
	CONSTRAINT fk_acd_queue_oq FOREIGN KEY (overflow_queue_id) REFERENCES acd_queue (id),
	CONSTRAINT fk_acd_queue_ovm FOREIGN KEY (overflow_voicemail_id) REFERENCES ivr_voicemail_box (id),
	CONSTRAINT ck_acd_queue_strategy CHECK (strategy IN ('longest_idle', 'round_robin', 'fewest_calls', 'ring_all')),
	CONSTRAINT ck_acd_queue_overflow CHECK (overflow IN ('none', 'queue', 'voicemail'))
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Skills as membership: an agent is offered a queue's calls when a member; a lower
-- priority number is offered first (1 = first tier), ties broken by the strategy.
CREATE TABLE acd_queue_member (
	queue_id INT UNSIGNED NOT NULL,
	staff_id INT UNSIGNED NOT NULL,
	priority TINYINT UNSIGNED NOT NULL DEFAULT 1,
	PRIMARY KEY (queue_id, staff_id),
	KEY k_acd_member_staff (staff_id),
	CONSTRAINT fk_acd_member_queue FOREIGN KEY (queue_id) REFERENCES acd_queue (id) ON DELETE CASCADE,
	CONSTRAINT fk_acd_member_staff FOREIGN KEY (staff_id) REFERENCES staff (id) ON DELETE CASCADE,
	CONSTRAINT ck_acd_member_priority CHECK (priority BETWEEN 1 AND 9)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- VIP PIN check: the PIN a resident keys in (SHA-256 of "<resident id>:<pin>", hex).
CREATE TABLE ivr_resident_pin (
	resident_id INT UNSIGNED NOT NULL PRIMARY KEY,
	pin_sha256 CHAR(64) NOT NULL,
	updated_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,
	CONSTRAINT fk_ivr_pin_resident FOREIGN KEY (resident_id) REFERENCES resident (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- IVR flows.  A call to one of a flow's numbers (ivr_flow_number) starts at entry_node_id.
CREATE TABLE ivr_flow (
	id INT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
	name VARCHAR(100) NOT NULL,
	description VARCHAR(300) NOT NULL DEFAULT '',
	entry_node_id INT UNSIGNED NULL,
	active TINYINT(1) NOT NULL DEFAULT 1,
	is_default TINYINT(1) NOT NULL DEFAULT 0,  -- answers numbers no flow lists
	version INT UNSIGNED NOT NULL DEFAULT 1,
	created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
	updated_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,
	UNIQUE KEY uk_ivr_flow_name (name)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- The called numbers (DIDs) a flow answers, digits as the trunk presents them.
CREATE TABLE ivr_flow_number (
	number VARCHAR(32) NOT NULL PRIMARY KEY,
	flow_id INT UNSIGNED NOT NULL,
	KEY k_ivr_flow_number_flow (flow_id),
	CONSTRAINT fk_ivr_flow_number_flow FOREIGN KEY (flow_id) REFERENCES ivr_flow (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- A node of a flow.  type: play, menu, collect, time, lookup, status, report, pin, queue,
-- voicemail, transfer, hangup.  Which columns a type uses: ivr/FLOWS.md.
CREATE TABLE ivr_node (
	id INT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
	flow_id INT UNSIGNED NOT NULL,
	node_key VARCHAR(32) NOT NULL,             -- [a-z0-9_]{1,32}, unique in the flow
	type VARCHAR(12) NOT NULL,
	note VARCHAR(200) NOT NULL DEFAULT '',
	sort INT NOT NULL DEFAULT 0,
	prompt_id INT UNSIGNED NULL,               -- main prompt (play, menu, collect, ...)
	invalid_prompt_id INT UNSIGNED NULL,       -- menu/collect/pin: wrong input
	timeout_prompt_id INT UNSIGNED NULL,       -- menu/collect/pin: no input
	extra_prompt_id INT UNSIGNED NULL,         -- lookup: open work order; status: none found
	timeout_seconds INT UNSIGNED NULL,         -- menu/collect/pin: wait for input; report: max recording
	retries INT UNSIGNED NULL,                 -- menu/collect/pin: extra attempts
	min_digits INT UNSIGNED NULL,
	max_digits INT UNSIGNED NULL,
	terminator VARCHAR(1) NULL,                -- '#', '*' or NULL
	purpose VARCHAR(16) NULL,                  -- collect: ticket, pin, digits
	variable VARCHAR(32) NULL,                 -- collect: where the digits go
	schedule_id INT UNSIGNED NULL,
	queue_id INT UNSIGNED NULL,
	priority INT NULL,                         -- queue: caller priority from this node
	voicemail_id INT UNSIGNED NULL,
	transfer_kind VARCHAR(8) NULL,             -- transfer: number, staff, duty
	number VARCHAR(20) NULL,                   -- transfer number: normalised
	staff_id INT UNSIGNED NULL,
	ticket_type_id INT UNSIGNED NULL,          -- report
	created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
	updated_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,
	UNIQUE KEY uk_ivr_node_key (flow_id, node_key),
	KEY k_ivr_node_prompt (prompt_id),
	KEY k_ivr_node_queue (queue_id),
	CONSTRAINT fk_ivr_node_flow FOREIGN KEY (flow_id) REFERENCES ivr_flow (id) ON DELETE CASCADE,
	CONSTRAINT fk_ivr_node_prompt FOREIGN KEY (prompt_id) REFERENCES ivr_prompt (id),
	CONSTRAINT fk_ivr_node_invalid FOREIGN KEY (invalid_prompt_id) REFERENCES ivr_prompt (id),
	CONSTRAINT fk_ivr_node_timeout FOREIGN KEY (timeout_prompt_id) REFERENCES ivr_prompt (id),
	CONSTRAINT fk_ivr_node_extra FOREIGN KEY (extra_prompt_id) REFERENCES ivr_prompt (id),
	CONSTRAINT fk_ivr_node_schedule FOREIGN KEY (schedule_id) REFERENCES ivr_schedule (id),
	CONSTRAINT fk_ivr_node_queue FOREIGN KEY (queue_id) REFERENCES acd_queue (id),
	CONSTRAINT fk_ivr_node_vm FOREIGN KEY (voicemail_id) REFERENCES ivr_voicemail_box (id),
	CONSTRAINT fk_ivr_node_staff FOREIGN KEY (staff_id) REFERENCES staff (id),
	CONSTRAINT fk_ivr_node_tt FOREIGN KEY (ticket_type_id) REFERENCES ticket_type (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

ALTER TABLE ivr_flow ADD CONSTRAINT fk_ivr_flow_entry FOREIGN KEY (entry_node_id)
	REFERENCES ivr_node (id) ON DELETE SET NULL;

-- The graph: from a node, on an outcome, go to a node of the same flow.  outcome: next,
-- open, closed, known, unknown, ok, fail, none, or a key '0'..'9', '*', '#' (menus).
CREATE TABLE ivr_edge (
	node_id INT UNSIGNED NOT NULL,
	outcome VARCHAR(8) NOT NULL,
	target_id INT UNSIGNED NOT NULL,
	PRIMARY KEY (node_id, outcome),
	KEY k_ivr_edge_target (target_id),
	CONSTRAINT fk_ivr_edge_node FOREIGN KEY (node_id) REFERENCES ivr_node (id) ON DELETE CASCADE,
	CONSTRAINT fk_ivr_edge_target FOREIGN KEY (target_id) REFERENCES ivr_node (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Pause reasons of agents (the ACD's 示忙原因), editable under 数据字典.
INSERT INTO dictionary (code, name, builtin) VALUES ('pause_reason', '示忙原因', 1);
INSERT INTO dictionary_item (dictionary_id, code, label, sort)
	SELECT d.id, v.code, v.label, v.sort FROM dictionary d JOIN (
		SELECT 'meal' AS code, '用餐' AS label, 10 AS sort
		UNION ALL SELECT 'rest', '休息', 20
		UNION ALL SELECT 'meeting', '开会', 30
		UNION ALL SELECT 'training', '培训', 40
		UNION ALL SELECT 'paperwork', '整理工单', 50
		UNION ALL SELECT 'callback', '回访外呼', 60
		UNION ALL SELECT 'auto', '未接自动示忙', 70
	) v WHERE d.code = 'pause_reason';

INSERT INTO permission (code, area, sort) VALUES ('ivr.admin', 'ivr', 600);
INSERT INTO role_permission (role_id, permission)
	SELECT r.id, 'ivr.admin' FROM role r WHERE r.code = 'admin';
