-- 006_telephony.sql — telephony (ivrd): SIP credentials on staff accounts, desk-phone
-- registrations, CDR columns and the call event log.  Times are UTC.

-- An agent's desk phone registers with the extension and a SIP password.  Only the
-- digest HA1 is stored: MD5(extension ":" realm ":" password), which is all RFC 2617
-- digest authentication needs; the password itself is never stored.  sip_ha1_realm
-- records the realm the HA1 was made for: after WL_SIP_REALM changes, ivrd refuses the
-- phone with a log line saying so, and the password has to be set again.
ALTER TABLE staff
	ADD COLUMN sip_extension VARCHAR(16) NULL AFTER email,
	ADD COLUMN sip_ha1 CHAR(32) NULL AFTER sip_extension,
	ADD COLUMN sip_ha1_realm VARCHAR(64) NULL AFTER sip_ha1,
	ADD UNIQUE KEY uk_staff_sip_extension (sip_extension);

-- The desk phones registered now, one row per extension, written by ivrd (which keeps
-- the same in memory and clears its rows when it starts and stops).  A phone counts as
-- registered while expires_at is in the future.
CREATE TABLE sip_registration (
	id INT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
	extension VARCHAR(16) NOT NULL,
	staff_id INT UNSIGNED NOT NULL,
	contact VARCHAR(255) NOT NULL,          -- where ivrd sends INVITEs
	source VARCHAR(64) NOT NULL,            -- address/transport the REGISTER came from
	user_agent VARCHAR(255) NULL,
	node VARCHAR(64) NOT NULL,              -- the ivrd that holds it (WL_IVR_NODE)
	registered_at DATETIME NOT NULL,
	expires_at DATETIME NOT NULL,
	created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
	updated_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,
	UNIQUE KEY uk_sip_registration_ext (extension),
	KEY k_sip_registration_staff (staff_id),
	KEY k_sip_registration_node (node),
	CONSTRAINT fk_sip_registration_staff FOREIGN KEY (staff_id) REFERENCES staff (id)
		ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- CDR columns.  disposition: answered (an agent talked to the caller), abandoned (the
-- caller hung up while waiting for an agent), voicemail, blacklisted, ivr (ended in the
-- IVR without asking for an agent).  answered_at is when an agent answered (NULL
-- otherwise; ivrd's own answer is the 'answered' call_event).  wait_seconds: from the
-- request for an agent (queue entry) to the agent's answer or the caller's hang-up;
-- talk_seconds: agent answer to hang-up.  recording_path is relative to WL_VAR.
ALTER TABLE `call`
	ADD COLUMN sip_call_id VARCHAR(255) NULL AFTER direction,
	ADD COLUMN agent_extension VARCHAR(16) NULL AFTER agent_id,
	ADD COLUMN wait_seconds INT UNSIGNED NULL AFTER ended_at,
	ADD COLUMN talk_seconds INT UNSIGNED NULL AFTER wait_seconds,
	ADD COLUMN recording_path VARCHAR(255) NULL AFTER rating,
	ADD COLUMN node VARCHAR(64) NULL AFTER recording_path,
	ADD KEY k_call_sip_call_id (sip_call_id(64)),
	ADD KEY k_call_disposition (disposition, started_at);

-- What happened during a call, in order: the trail behind the CDR, for the ACD, the
-- supervisor views and the KPI reports.  Events written by ivrd now: answered, prompt,
-- prompt_missing, dtmf (detail "5 rfc4733 caller"), agent_ringing, agent_failed,
-- agent_unavailable, bridged, timeout, hangup (detail "who disposition").  The ACD adds
-- queue events (enter, offer, leave) with queue and agent set.
CREATE TABLE call_event (
	id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
	call_id BIGINT UNSIGNED NOT NULL,
	at DATETIME(3) NOT NULL,
	event VARCHAR(32) NOT NULL,
	detail VARCHAR(255) NULL,
	queue VARCHAR(32) NULL,
	agent_id INT UNSIGNED NULL,
	KEY k_call_event_call (call_id, at),
	KEY k_call_event_event (event, at),
	KEY k_call_event_queue (queue, at),
	KEY k_call_event_agent (agent_id, at),
	CONSTRAINT fk_call_event_call FOREIGN KEY (call_id) REFERENCES `call` (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
