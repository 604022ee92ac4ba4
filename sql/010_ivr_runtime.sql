-- 010_ivr_runtime: what ivrd writes while it runs the IVR flows and the ACD queues
-- (ivr/flow.c, ivr/acd.c; see ivr/README.md): agent states now and their history, and the
-- voicemail messages callers leave (a callback task for the box's department).  Times UTC.

-- The ACD state of each staff account that ever logged in to the ACD, one row, updated on
-- every change.  state: logged_out, ready, ringing (a call is offered to the desk phone),
-- on_call, wrap_up, paused (reason: a code of dictionary pause_reason; 'auto' after
-- unanswered offers).  since: when this state began.  call_id: the call offered to or
-- talking with the agent; queue: its queue code.  node: the ivrd holding the state (an
-- ivrd that starts sets its agents logged_out with reason 'restart').
CREATE TABLE agent_state (
	staff_id INT UNSIGNED NOT NULL PRIMARY KEY,
	state VARCHAR(12) NOT NULL,
	reason VARCHAR(64) NULL,
	since DATETIME(3) NOT NULL,
	call_id BIGINT UNSIGNED NULL,
	queue VARCHAR(32) NULL,
	node VARCHAR(64) NOT NULL,
	updated_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,
	KEY k_agent_state_state (state),
	CONSTRAINT fk_agent_state_staff FOREIGN KEY (staff_id) REFERENCES staff (id) ON DELETE CASCADE,
	CONSTRAINT ck_agent_state CHECK (state IN ('logged_out', 'ready', 'ringing', 'on_call',
		'wrap_up', 'paused'))
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Every change of agent_state, append-only: the time in each state for the KPI reports.
CREATE TABLE agent_state_log (
	id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
	staff_id INT UNSIGNED NOT NULL,
	state VARCHAR(12) NOT NULL,
	reason VARCHAR(64) NULL,
	at DATETIME(3) NOT NULL,
	call_id BIGINT UNSIGNED NULL,
	queue VARCHAR(32) NULL,
	node VARCHAR(64) NOT NULL,
	KEY k_agent_state_log_staff (staff_id, at),
	KEY k_agent_state_log_at (at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- A voicemail left in box box_id (a voicemail node, or a queue's overflow).  The recording
-- is a mono 8 kHz WAV at recording_path (relative to WL_VAR).  department_id is the box's
-- department when the message was left (who calls back); handled_by/handled_at are set by
-- the web when someone called back.
CREATE TABLE ivr_voicemail_message (
	id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
	box_id INT UNSIGNED NOT NULL,
	call_id BIGINT UNSIGNED NULL,
	caller VARCHAR(32) NOT NULL,
	resident_id INT UNSIGNED NULL,
	recording_path VARCHAR(255) NOT NULL,
	duration_ms INT UNSIGNED NOT NULL,
	department_id INT UNSIGNED NULL,
	handled_by INT UNSIGNED NULL,
	handled_at DATETIME NULL,
	created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
	updated_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,
	KEY k_ivr_vm_msg_open (handled_at, created_at),
	KEY k_ivr_vm_msg_dept (department_id, created_at),
	KEY k_ivr_vm_msg_call (call_id),
	CONSTRAINT fk_ivr_vm_msg_box FOREIGN KEY (box_id) REFERENCES ivr_voicemail_box (id),
	CONSTRAINT fk_ivr_vm_msg_handled FOREIGN KEY (handled_by) REFERENCES staff (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
