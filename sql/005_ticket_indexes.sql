-- 005: indexes measured on 1,000,000 work orders: the list filtered by community and
-- status (one ordered range instead of a sort), and the search by contact phone.
ALTER TABLE ticket
	ADD KEY k_ticket_community_status (community_id, status, created_at),
	ADD KEY k_ticket_contact_phone (contact_phone, created_at);
