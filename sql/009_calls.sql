-- 009_calls: who may read the call records (CDRs) and hear their recordings.
--   call.view      the call log; without call.view_all only the calls one answered
--   call.view_all  every call
--   call.listen    play and download the recordings of the calls one may see
-- Agents hear their own calls (what they said is no secret to them); supervisors,
-- managers and admins see and hear everything.
INSERT INTO permission (code, area, sort) VALUES
	('call.view', 'call', 700),
	('call.view_all', 'call', 710),
	('call.listen', 'call', 720);
INSERT INTO role_permission (role_id, permission)
	SELECT r.id, p.code FROM role r JOIN permission p
	WHERE p.code IN ('call.view', 'call.view_all', 'call.listen')
	  AND (r.code IN ('supervisor', 'manager', 'admin')
	       OR (r.code = 'agent' AND p.code IN ('call.view', 'call.listen')));

-- Calls out to a number (click-to-dial) are found by the called number.
ALTER TABLE `call` ADD KEY k_call_callee (callee, started_at);
