-- 004: assignment events name the department and person they gave the work order to, so
-- the timeline can say "派给 暖通班 · 李师傅" in any language.
ALTER TABLE ticket_event
	ADD COLUMN department_id INT UNSIGNED NULL AFTER to_status,
	ADD COLUMN assignee_id INT UNSIGNED NULL AFTER department_id;
