-- 012_supervise: what a supervisor (班长) may do to agents and live calls from the
-- wallboard: force a pause or a logout, listen to a call, whisper to the agent, barge
-- in, force a hang-up (强拆).  A forced pause carries its own reason.
INSERT INTO permission (code, area, sort) VALUES ('call.supervise', 'call', 730);
INSERT INTO role_permission (role_id, permission)
	SELECT r.id, 'call.supervise' FROM role r WHERE r.code IN ('supervisor', 'admin');
INSERT INTO dictionary_item (dictionary_id, code, label, sort)
	SELECT d.id, 'supervisor', '班长强制示忙', 80 FROM dictionary d WHERE d.code = 'pause_reason';
