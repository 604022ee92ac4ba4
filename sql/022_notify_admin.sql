-- 022_notify_admin.sql — admins edit the notification rules (admin → 通知规则): a version
-- for concurrent edits and the permission for the pages.
ALTER TABLE notify_rule ADD COLUMN version INT UNSIGNED NOT NULL DEFAULT 1 AFTER template;

INSERT INTO permission (code, area, sort) VALUES ('admin.notify', 'admin', 160);
INSERT INTO role_permission (role_id, permission)
	SELECT r.id, 'admin.notify' FROM role r WHERE r.code = 'admin';
