-- 020_messages.sql — agents' messages: bulk SMS to a filtered list of residents (one row
-- per bulk send, its per-recipient rows in the outbox with bulk_id), and internal
-- messages between staff (站内短信).  Rules: lib/message.c.  Times are UTC.

-- A bulk SMS.  The preview step writes the row as a draft with the counts it showed; the
-- confirmation moves it to sent once (status draft -> sent in the enqueueing transaction),
-- and each recipient's outbox row has msg_key "b:<bulk id>:<resident id>", so a repeated
-- confirmation never sends twice.
-- target: building (target_id), community (target_id), tag (target_code, a customer_tag).
CREATE TABLE message_bulk (
	id INT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
	target VARCHAR(16) NOT NULL,
	target_id INT UNSIGNED NULL,
	target_code VARCHAR(64) NULL,
	target_label VARCHAR(200) NOT NULL,
	body TEXT NOT NULL,
	essential TINYINT(1) NOT NULL DEFAULT 0,      -- 0: opted-out residents are skipped
	segments SMALLINT UNSIGNED NOT NULL DEFAULT 1,
	status VARCHAR(16) NOT NULL DEFAULT 'draft',
	recipients INT UNSIGNED NOT NULL DEFAULT 0,   -- residents with a mobile who get it
	skipped INT UNSIGNED NOT NULL DEFAULT 0,      -- opted out (non-essential only)
	no_mobile INT UNSIGNED NOT NULL DEFAULT 0,    -- residents without a mobile number
	created_by INT UNSIGNED NULL,
	created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
	sent_at DATETIME NULL,
	updated_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,
	KEY k_bulk_created (created_at),
	CONSTRAINT fk_bulk_staff FOREIGN KEY (created_by) REFERENCES staff (id) ON DELETE SET NULL,
	CONSTRAINT ck_bulk_target CHECK (target IN ('building', 'community', 'tag')),
	CONSTRAINT ck_bulk_status CHECK (status IN ('draft', 'sent'))
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

ALTER TABLE outbox
	ADD COLUMN bulk_id INT UNSIGNED NULL AFTER ticket_id,
	ADD KEY k_outbox_bulk (bulk_id, id),
	ADD CONSTRAINT fk_outbox_bulk FOREIGN KEY (bulk_id) REFERENCES message_bulk (id) ON DELETE SET NULL;

-- 站内短信: a note from one staff member to another.  Readable by its sender and its
-- recipient only.  k_staff_message_unread serves the unread counter in every page's
-- header (one COUNT over the recipient's unread rows).
CREATE TABLE staff_message (
	id INT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
	sender_id INT UNSIGNED NOT NULL,
	recipient_id INT UNSIGNED NOT NULL,
	subject VARCHAR(200) NOT NULL,
	body TEXT NOT NULL,
	read_at DATETIME NULL,
	created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
	updated_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,
	KEY k_staff_message_unread (recipient_id, read_at),
	KEY k_staff_message_inbox (recipient_id, id),
	KEY k_staff_message_sent (sender_id, id),
	CONSTRAINT fk_smsg_sender FOREIGN KEY (sender_id) REFERENCES staff (id) ON DELETE CASCADE,
	CONSTRAINT fk_smsg_recipient FOREIGN KEY (recipient_id) REFERENCES staff (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
