-- ivr.sql — the demo's telephony configuration: office hours with this winter's holidays,
-- voicemail, the queues 报修 / 咨询 / 投诉 with the agents as members, the Chinese main flow
-- (报修请按1，缴费咨询请按2，投诉建议请按3，查询工单进度请按4，人工服务请按0) and an off-hours
-- flow to the duty agent, a blacklisted number.
--
-- Loaded once by `tools/wl` (run, demo-data, ivr-demo) after the demo prompts exist in
-- ivr_prompt (tools/wl generates them with espeak-ng); prompts are found by name.  Members
-- are every active account with the agent role (priority 1) or the supervisor role
-- (priority 2), so the same file serves the demo (王丽, 陈静) and the test stack (t_agent...).
-- The 2027 dates follow the usual pattern and are provisional until the State Council's
-- notice is out: check them under 呼叫中心配置 → 营业时间.

START TRANSACTION;

INSERT INTO ivr_schedule (name, description, duty_staff_id, duty_number)
	VALUES ('办公时间', '周一至周五 8:30–17:30，周六 9:00–12:00；法定节假日休息',
		(SELECT s.id FROM staff s JOIN staff_role sr ON sr.staff_id = s.id
		 JOIN role r ON r.id = sr.role_id WHERE r.code = 'supervisor' AND s.active = 1
		 ORDER BY s.id LIMIT 1), '13800138000');
SET @sched = LAST_INSERT_ID();
INSERT INTO ivr_schedule_hours (schedule_id, weekday, open_time, close_time) VALUES
	(@sched, 1, '08:30', '17:30'), (@sched, 2, '08:30', '17:30'), (@sched, 3, '08:30', '17:30'),
	(@sched, 4, '08:30', '17:30'), (@sched, 5, '08:30', '17:30'), (@sched, 6, '09:00', '12:00');
INSERT INTO ivr_holiday (schedule_id, day, name, kind, open_time, close_time, as_weekday) VALUES
	(@sched, '2027-01-01', '元旦', 'closed', NULL, NULL, NULL),
	(@sched, '2027-01-02', '元旦', 'closed', NULL, NULL, NULL),
	(@sched, '2027-02-04', '春节前（腊月二十八）', 'special', '09:00', '12:00', NULL),
	(@sched, '2027-02-05', '春节（除夕）', 'closed', NULL, NULL, NULL),
	(@sched, '2027-02-06', '春节', 'closed', NULL, NULL, NULL),
	(@sched, '2027-02-07', '春节', 'closed', NULL, NULL, NULL),
	(@sched, '2027-02-08', '春节', 'closed', NULL, NULL, NULL),
	(@sched, '2027-02-09', '春节', 'closed', NULL, NULL, NULL),
	(@sched, '2027-02-10', '春节', 'closed', NULL, NULL, NULL),
	(@sched, '2027-02-11', '春节', 'closed', NULL, NULL, NULL),
	(@sched, '2027-02-12', '春节', 'closed', NULL, NULL, NULL),
	(@sched, '2027-02-13', '春节', 'closed', NULL, NULL, NULL),
	(@sched, '2027-02-14', '春节调休上班', 'workday', NULL, NULL, 1),
	(@sched, '2027-02-20', '春节调休上班', 'workday', NULL, NULL, 1);

INSERT INTO ivr_voicemail_box (name, description, greeting_prompt_id, max_seconds, department_id)
	VALUES ('客服留言', '无人接听或非营业时间的留言，由客服中心回访',
		(SELECT id FROM ivr_prompt WHERE name = 'vm_greeting'), 120,
		(SELECT id FROM department WHERE code = 'cs'));
SET @vm = LAST_INSERT_ID();

INSERT INTO acd_queue (code, name, strategy, moh_prompt_id, join_prompt_id, max_wait_seconds,
		       overflow, overflow_voicemail_id, sticky_agent, sticky_seconds)
	VALUES ('repair', '报修', 'longest_idle', (SELECT id FROM ivr_prompt WHERE name = 'moh'),
		(SELECT id FROM ivr_prompt WHERE name = 'queue_join'), 300, 'voicemail', @vm, 1, 15);
SET @q_repair = LAST_INSERT_ID();
INSERT INTO acd_queue (code, name, strategy, moh_prompt_id, join_prompt_id, max_wait_seconds,
		       overflow, overflow_voicemail_id)
	VALUES ('consult', '咨询', 'round_robin', (SELECT id FROM ivr_prompt WHERE name = 'moh'),
		(SELECT id FROM ivr_prompt WHERE name = 'queue_join'), 240, 'voicemail', @vm);
SET @q_consult = LAST_INSERT_ID();
INSERT INTO acd_queue (code, name, strategy, moh_prompt_id, join_prompt_id, max_wait_seconds,
		       overflow, overflow_queue_id, sticky_agent)
	VALUES ('complaint', '投诉', 'fewest_calls', (SELECT id FROM ivr_prompt WHERE name = 'moh'),
		(SELECT id FROM ivr_prompt WHERE name = 'queue_join'), 180, 'queue', @q_consult, 1);
SET @q_complaint = LAST_INSERT_ID();

INSERT INTO acd_queue_member (queue_id, staff_id, priority)
	SELECT q.id, s.id, MIN(IF(r.code = 'agent', 1, 2)) FROM acd_queue q
	JOIN staff s ON s.active = 1 JOIN staff_role sr ON sr.staff_id = s.id
	JOIN role r ON r.id = sr.role_id AND r.code IN ('agent', 'supervisor')
	WHERE q.id IN (@q_repair, @q_consult, @q_complaint) GROUP BY q.id, s.id;

INSERT INTO ivr_blacklist (number, reason, action, prompt_id)
	VALUES ('13300000001', '反复骚扰座席（演示数据）', 'message',
		(SELECT id FROM ivr_prompt WHERE name = 'blacklist_notice'));

-- The main flow.  Nodes first (columns by type, see ivr/FLOWS.md), then the edges by key.
INSERT INTO ivr_flow (name, description, active, is_default)
	VALUES ('主流程', '服务热线：营业时间内按键菜单，非营业时间转值班', 1, 1);
SET @f = LAST_INSERT_ID();
INSERT INTO ivr_flow_number (number, flow_id) VALUES ('4008001234', @f), ('02488886666', @f);

CREATE TEMPORARY TABLE demo_node (
	k VARCHAR(32), type VARCHAR(12), note VARCHAR(200), sort INT,
	prompt VARCHAR(64), invalid VARCHAR(64), timeout_p VARCHAR(64), extra VARCHAR(64),
	timeout_seconds INT, retries INT, min_digits INT, max_digits INT, terminator VARCHAR(1),
	purpose VARCHAR(16), variable VARCHAR(32), queue_id INT, priority INT, transfer_kind VARCHAR(8),
	use_schedule TINYINT, use_vm TINYINT, ticket_type VARCHAR(32)
);
INSERT INTO demo_node VALUES
	('hours', 'time', '是否营业时间', 10, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, 1, 0, NULL),
	('greet', 'lookup', '识别来电住户', 20, 'known_greeting', NULL, NULL, 'open_ticket', NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, 0, 0, NULL),
	('welcome', 'play', '欢迎语', 30, 'main_welcome', NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, 0, 0, NULL),
	('main', 'menu', '主菜单', 40, 'main_menu', 'menu_invalid', 'menu_timeout', NULL, 5, 2, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, 0, 0, NULL),
	('repair', 'queue', '报修队列', 50, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, @q_repair, 0, NULL, 0, 0, NULL),
	('report', 'report', '无人接听时录音报修', 60, 'repair_record', NULL, NULL, NULL, 120, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, 0, 0, 'heating'),
	('report_ok', 'play', '报修已受理', 70, 'repair_done', NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, 0, 0, NULL),
	('fee', 'queue', '缴费咨询', 80, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, @q_consult, 0, NULL, 0, 0, NULL),
	('complaint', 'queue', '投诉建议', 90, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, @q_complaint, 0, NULL, 0, 0, NULL),
	('ticket_no', 'collect', '输入工单号（可直接按井号查最近一张）', 100, 'ticket_ask', 'menu_invalid', 'menu_timeout', NULL, 8, 1, 1, 16, '#', 'ticket', 'ticket_no', NULL, NULL, NULL, 0, 0, NULL),
	('readback', 'status', '播报工单进度', 110, 'status_intro', NULL, NULL, 'status_none', NULL, NULL, NULL, NULL, NULL, NULL, 'ticket_no', NULL, NULL, NULL, 0, 0, NULL),
	('agent', 'queue', '人工服务', 120, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, @q_consult, 0, NULL, 0, 0, NULL),
	('vm', 'voicemail', '留言', 130, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, 0, 1, NULL),
	('closed', 'play', '非营业时间提示', 140, 'closed', NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, 0, 0, NULL),
	('duty', 'transfer', '转值班人员', 150, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, 'duty', 1, 0, NULL),
	('bye', 'hangup', '结束', 160, 'goodbye', NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, 0, 0, NULL);

INSERT INTO ivr_node (flow_id, node_key, type, note, sort, prompt_id, invalid_prompt_id,
		      timeout_prompt_id, extra_prompt_id, timeout_seconds, retries, min_digits,
		      max_digits, terminator, purpose, variable, schedule_id, queue_id, priority,
		      voicemail_id, transfer_kind, ticket_type_id)
	SELECT @f, d.k, d.type, d.note, d.sort,
	       (SELECT id FROM ivr_prompt WHERE name = d.prompt),
	       (SELECT id FROM ivr_prompt WHERE name = d.invalid),
	       (SELECT id FROM ivr_prompt WHERE name = d.timeout_p),
	       (SELECT id FROM ivr_prompt WHERE name = d.extra),
	       d.timeout_seconds, d.retries, d.min_digits, d.max_digits, d.terminator, d.purpose,
	       d.variable, IF(d.use_schedule, @sched, NULL), d.queue_id, d.priority,
	       IF(d.use_vm, @vm, NULL), d.transfer_kind,
	       (SELECT id FROM ticket_type WHERE code = d.ticket_type)
	FROM demo_node d;

CREATE TEMPORARY TABLE demo_edge (k VARCHAR(32), outcome VARCHAR(8), target VARCHAR(32));
INSERT INTO demo_edge VALUES
	('hours', 'open', 'greet'), ('hours', 'closed', 'closed'),
	('greet', 'known', 'main'), ('greet', 'unknown', 'welcome'),
	('welcome', 'next', 'main'),
	('main', '1', 'repair'), ('main', '2', 'fee'), ('main', '3', 'complaint'),
	('main', '4', 'ticket_no'), ('main', '0', 'agent'), ('main', 'fail', 'agent'),
	('repair', 'fail', 'report'),
	('report', 'ok', 'report_ok'), ('report', 'fail', 'vm'),
	('report_ok', 'next', 'bye'),
	('fee', 'fail', 'vm'), ('complaint', 'fail', 'vm'), ('agent', 'fail', 'vm'),
	('ticket_no', 'ok', 'readback'), ('ticket_no', 'fail', 'readback'),
	('readback', 'next', 'main'), ('readback', 'none', 'main'),
	('closed', 'next', 'duty'), ('duty', 'fail', 'vm');
INSERT INTO ivr_edge (node_id, outcome, target_id)
	SELECT n.id, e.outcome, t.id FROM demo_edge e
	JOIN ivr_node n ON n.flow_id = @f AND n.node_key = e.k
	JOIN ivr_node t ON t.flow_id = @f AND t.node_key = e.target;
UPDATE ivr_flow SET entry_node_id = (SELECT id FROM ivr_node WHERE flow_id = @f AND node_key = 'hours')
	WHERE id = @f;

-- The duty line: whoever calls it is put through to the person on duty, else voicemail.
INSERT INTO ivr_flow (name, description, active) VALUES ('值班热线', '夜间及节假日：直接转值班人员', 1);
SET @f2 = LAST_INSERT_ID();
INSERT INTO ivr_flow_number (number, flow_id) VALUES ('4008005678', @f2);
INSERT INTO ivr_node (flow_id, node_key, type, note, sort, prompt_id, schedule_id, transfer_kind, voicemail_id)
	VALUES (@f2, 'night', 'play', '值班提示', 10, (SELECT id FROM ivr_prompt WHERE name = 'closed'), NULL, NULL, NULL),
	       (@f2, 'duty', 'transfer', '转值班人员', 20, NULL, @sched, 'duty', NULL),
	       (@f2, 'vm', 'voicemail', '留言', 30, NULL, NULL, NULL, @vm);
INSERT INTO ivr_edge (node_id, outcome, target_id)
	SELECT n.id, e.outcome, t.id FROM (SELECT 'night' AS k, 'next' AS outcome, 'duty' AS target
		UNION ALL SELECT 'duty', 'fail', 'vm') e
	JOIN ivr_node n ON n.flow_id = @f2 AND n.node_key = e.k
	JOIN ivr_node t ON t.flow_id = @f2 AND t.node_key = e.target;
UPDATE ivr_flow SET entry_node_id = (SELECT id FROM ivr_node WHERE flow_id = @f2 AND node_key = 'night')
	WHERE id = @f2;

DROP TEMPORARY TABLE demo_node;
DROP TEMPORARY TABLE demo_edge;
UPDATE app_meta SET v = v + 1 WHERE k = 'ivr_config_version';
INSERT INTO app_meta (k, v) VALUES ('ivr_demo_loaded', UTC_TIMESTAMP());
COMMIT;
