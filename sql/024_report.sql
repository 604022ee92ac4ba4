-- 024_report: KPI reports and quality inspection (质检).  docs/KPI.md defines every figure;
-- lib/report.c fills the summary tables (rpt_*) and reads them; lib/qa.c keeps the scores.
--   report.view   the reports; without report.all only one's own figures (agents)
--   report.all   every agent's figures, the work-order and satisfaction reports, settings
--   qa.score      score recordings on a scorecard (supervisors); report.view shows one's own
INSERT INTO permission (code, area, sort) VALUES
	('report.view', 'report', 900),
	('report.all', 'report', 910),
	('qa.score', 'report', 920),
	('qa.admin', 'report', 930);
INSERT INTO role_permission (role_id, permission)
	SELECT r.id, p.code FROM role r JOIN permission p
	WHERE (r.code = 'agent' AND p.code = 'report.view')
	   OR (r.code = 'supervisor' AND p.code IN ('report.view', 'report.all', 'qa.score'))
	   OR (r.code = 'manager' AND p.code IN ('report.view', 'report.all', 'qa.score', 'qa.admin'))
	   OR (r.code = 'admin' AND p.area = 'report');

-- The thresholds of docs/KPI.md (seconds).  Changing one empties the summaries, which the
-- next rollup rebuilds (they are computed with the thresholds).
CREATE TABLE report_setting (
	code VARCHAR(32) NOT NULL PRIMARY KEY,
	value INT NOT NULL,
	updated_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
INSERT INTO report_setting (code, value) VALUES
	('sl_seconds', 20),          -- service level: answered within this wait
	('short_abandon', 5);        -- abandoned before this wait: a short abandon

-- Rollup watermarks: the highest call id and the ticket updated_at seen by the last rollup;
-- rolled_to: the last local day (YYYYMMDD as a number) rolled up.
CREATE TABLE report_state (
	code VARCHAR(32) NOT NULL PRIMARY KEY,
	value BIGINT NOT NULL DEFAULT 0,
	at DATETIME NULL,
	updated_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
INSERT INTO report_state (code, value, at) VALUES ('call_id', 0, NULL), ('ticket_at', 0, NULL),
	('rolled_to', 0, NULL);

-- Finished inbound calls per local day, hour, queue ('' = never asked for an agent) and
-- answering agent (0 = none).  Sums, so any range and grouping adds up exactly.
CREATE TABLE rpt_call_hour (
	day DATE NOT NULL,
	hour TINYINT UNSIGNED NOT NULL,
	queue VARCHAR(32) NOT NULL,
	agent_id INT UNSIGNED NOT NULL,
	inbound INT UNSIGNED NOT NULL,          -- every finished inbound call (not blacklisted)
	ivr_done INT UNSIGNED NOT NULL,         -- ended in the IVR without asking for an agent
	offered INT UNSIGNED NOT NULL,
	answered INT UNSIGNED NOT NULL,
	abandoned INT UNSIGNED NOT NULL,
	short_abandoned INT UNSIGNED NOT NULL,
	overflowed INT UNSIGNED NOT NULL,       -- to voicemail from the queue
	answered_in_sl INT UNSIGNED NOT NULL,
	wait_answered BIGINT UNSIGNED NOT NULL, -- sum of wait_seconds of answered calls
	talk BIGINT UNSIGNED NOT NULL,          -- sum of talk_seconds of answered calls
	hold BIGINT UNSIGNED NOT NULL,
	max_wait INT UNSIGNED NOT NULL,
	rated1 INT UNSIGNED NOT NULL, rated2 INT UNSIGNED NOT NULL, rated3 INT UNSIGNED NOT NULL,
	rated4 INT UNSIGNED NOT NULL, rated5 INT UNSIGNED NOT NULL,
	PRIMARY KEY (day, hour, queue, agent_id),
	KEY k_rpt_call_agent (agent_id, day)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Work orders per local day, type, community (0 none), department (0 none) and assignee
-- (0 none): created that day, and resolved that day with their figures.
CREATE TABLE rpt_ticket_day (
	day DATE NOT NULL,
	type_id INT UNSIGNED NOT NULL,
	community_id INT UNSIGNED NOT NULL,
	department_id INT UNSIGNED NOT NULL,
	assignee_id INT UNSIGNED NOT NULL,
	created INT UNSIGNED NOT NULL,
	resolved INT UNSIGNED NOT NULL,
	resolve_minutes BIGINT UNSIGNED NOT NULL,
	with_due INT UNSIGNED NOT NULL,
	in_sla INT UNSIGNED NOT NULL,
	reopened INT UNSIGNED NOT NULL,
	first_fix INT UNSIGNED NOT NULL,
	sat1 INT UNSIGNED NOT NULL, sat2 INT UNSIGNED NOT NULL, sat3 INT UNSIGNED NOT NULL,
	sat4 INT UNSIGNED NOT NULL, sat5 INT UNSIGNED NOT NULL,
	PRIMARY KEY (day, type_id, community_id, department_id, assignee_id),
	KEY k_rpt_ticket_assignee (assignee_id, day)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- The rollup finds changed work orders by updated_at; the p90 reads resolution times
-- from this covering index.
ALTER TABLE ticket
	ADD KEY k_ticket_updated (updated_at),
	ADD KEY k_ticket_resolved (resolved_at, type_id, community_id, department_id,
		assignee_id, created_at);

-- Quality inspection: scorecards of weighted items, each item scored 0..max_score.
CREATE TABLE qa_scorecard (
	id INT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
	name VARCHAR(100) NOT NULL,
	description VARCHAR(500) NOT NULL DEFAULT '',
	active TINYINT(1) NOT NULL DEFAULT 1,
	created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
	updated_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,
	UNIQUE KEY uk_qa_scorecard_name (name)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE qa_item (
	id INT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
	scorecard_id INT UNSIGNED NOT NULL,
	name VARCHAR(100) NOT NULL,
	description VARCHAR(500) NOT NULL DEFAULT '',
	weight INT UNSIGNED NOT NULL DEFAULT 10,
	max_score INT UNSIGNED NOT NULL DEFAULT 10,
	sort INT NOT NULL DEFAULT 0,
	created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
	updated_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,
	KEY k_qa_item_card (scorecard_id, sort),
	CONSTRAINT fk_qa_item_card FOREIGN KEY (scorecard_id) REFERENCES qa_scorecard (id)
		ON DELETE CASCADE,
	CONSTRAINT ck_qa_item_weight CHECK (weight BETWEEN 1 AND 100),
	CONSTRAINT ck_qa_item_max CHECK (max_score BETWEEN 1 AND 100)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- One scoring of one call's recording.  score: the weighted total in tenths of a percent
-- (0..1000), docs/KPI.md.  agent_id: the call's agent when scored.
CREATE TABLE qa_review (
	id INT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
	call_id BIGINT UNSIGNED NOT NULL,
	agent_id INT UNSIGNED NOT NULL,
	reviewer_id INT UNSIGNED NOT NULL,
	scorecard_id INT UNSIGNED NOT NULL,
	score INT UNSIGNED NOT NULL,
	comment VARCHAR(2000) NOT NULL DEFAULT '',
	created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
	updated_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,
	KEY k_qa_review_agent (agent_id, created_at),
	KEY k_qa_review_call (call_id),
	KEY k_qa_review_created (created_at),
	CONSTRAINT fk_qa_review_call FOREIGN KEY (call_id) REFERENCES `call` (id),
	CONSTRAINT fk_qa_review_agent FOREIGN KEY (agent_id) REFERENCES staff (id),
	CONSTRAINT fk_qa_review_reviewer FOREIGN KEY (reviewer_id) REFERENCES staff (id),
	CONSTRAINT fk_qa_review_card FOREIGN KEY (scorecard_id) REFERENCES qa_scorecard (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE qa_review_item (
	review_id INT UNSIGNED NOT NULL,
	item_id INT UNSIGNED NOT NULL,
	score INT UNSIGNED NOT NULL,
	PRIMARY KEY (review_id, item_id),
	CONSTRAINT fk_qa_ri_review FOREIGN KEY (review_id) REFERENCES qa_review (id) ON DELETE CASCADE,
	CONSTRAINT fk_qa_ri_item FOREIGN KEY (item_id) REFERENCES qa_item (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

INSERT INTO qa_scorecard (name, description) VALUES ('通话质检标准', '座席通话的基本质检项');
INSERT INTO qa_item (scorecard_id, name, description, weight, max_score, sort)
	SELECT id, '规范用语', '开头语、结束语、礼貌用语', 20, 10, 10 FROM qa_scorecard
	UNION ALL SELECT id, '问题识别', '准确了解住户诉求并复述确认', 30, 10, 20 FROM qa_scorecard
	UNION ALL SELECT id, '处理正确', '按流程建单、派单或答复', 30, 10, 30 FROM qa_scorecard
	UNION ALL SELECT id, '服务态度', '耐心、语气、情绪控制', 20, 10, 40 FROM qa_scorecard;
