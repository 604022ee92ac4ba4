-- 013: the agent's call control in ivrd (hold, transfers, consult, conference, originate).
-- hold_seconds: how long the caller was on hold by the agent during the call (NULL: never).
-- Outbound calls (originate, click-to-dial) use direction 'out' and disposition 'noanswer'
-- when the number did not answer.  New call_event names: hold, unhold, transfer,
-- transfer_answered, transfer_failed, consult, consult_answered, consult_failed,
-- consult_cancel, transfer_complete, conference, conference_answered, conference_failed,
-- conference_end, pickup, originate, originate_dial.
ALTER TABLE `call`
	ADD COLUMN hold_seconds INT UNSIGNED NULL AFTER talk_seconds;
