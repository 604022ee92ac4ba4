-- bench/check-data.sql — consistency of the benchmark data (sql/demo/bench.sql) and of the
-- work orders created since: one row per rule with the number of rows breaking it (0 each).
--   mariadb warmline < bench/check-data.sql        (bench/run-data does this after loading)
-- Takes about a minute at 1,000,000 work orders.

SELECT 'duplicate work-order numbers' AS rule_broken, COUNT(*) - COUNT(DISTINCT number) AS n FROM ticket
UNION ALL
-- Per local day the numbers are 1..N without gaps, and the counter is at N (or beyond it
-- when a creation failed after taking a number).
SELECT 'days whose numbers have gaps or run past the counter', COUNT(*) FROM (
	SELECT LEFT(t.number, 8) AS d, COUNT(*) AS cnt,
		MAX(CAST(SUBSTRING(t.number, 10) AS UNSIGNED)) AS top,
		MIN(CAST(SUBSTRING(t.number, 10) AS UNSIGNED)) AS low
	FROM ticket t GROUP BY d
) x LEFT JOIN ticket_counter c ON c.day = STR_TO_DATE(x.d, '%Y%m%d')
	WHERE x.cnt <> x.top OR x.low <> 1 OR c.n IS NULL OR c.n < x.top
UNION ALL
SELECT 'work orders whose community/building is not their household''s', COUNT(*)
	FROM ticket t JOIN household h ON h.id = t.household_id JOIN unit u ON u.id = h.unit_id
	JOIN building b ON b.id = u.building_id
	WHERE t.building_id <> b.id OR t.community_id <> b.community_id
UNION ALL
SELECT 'work orders whose resident does not belong to their household', COUNT(*)
	FROM ticket t WHERE t.resident_id IS NOT NULL AND t.household_id IS NOT NULL
	AND NOT EXISTS (SELECT 1 FROM resident_household rh
		WHERE rh.resident_id = t.resident_id AND rh.household_id = t.household_id)
UNION ALL
SELECT 'work orders whose status is not the last status of their timeline', COUNT(*)
	FROM ticket t JOIN (
		SELECT e.ticket_id, e.to_status, ROW_NUMBER() OVER (PARTITION BY e.ticket_id ORDER BY e.id DESC) AS r
		FROM ticket_event e WHERE e.to_status IS NOT NULL
	) l ON l.ticket_id = t.id AND l.r = 1
	WHERE l.to_status <> t.status
UNION ALL
SELECT 'work orders without a created event', COUNT(*)
	FROM ticket t WHERE NOT EXISTS (SELECT 1 FROM ticket_event e WHERE e.ticket_id = t.id AND e.kind = 'created')
UNION ALL
SELECT 'timeline events earlier than the one before them', COUNT(*) FROM (
	SELECT e.at, LAG(e.at) OVER (PARTITION BY e.ticket_id ORDER BY e.id) AS prev FROM ticket_event e
) x WHERE x.at < x.prev
UNION ALL
SELECT 'timeline steps that do not start where the one before ended', COUNT(*) FROM (
	SELECT e.from_status, LAG(e.to_status) OVER (PARTITION BY e.ticket_id ORDER BY e.id) AS prev
	FROM ticket_event e WHERE e.to_status IS NOT NULL
) x WHERE x.prev IS NOT NULL AND x.from_status <> x.prev
UNION ALL
SELECT 'open work orders with a closing time, or closed ones without', COUNT(*) FROM ticket
	WHERE (status = 'closed') <> (closed_at IS NOT NULL)
UNION ALL
SELECT 'phone work orders whose call does not point back at them', COUNT(*)
	FROM ticket t LEFT JOIN `call` c ON c.id = t.call_id
	WHERE t.call_id IS NOT NULL AND (c.id IS NULL OR c.ticket_id <> t.id)
UNION ALL
SELECT 'calls with a resident who does not have the calling number', COUNT(*)
	FROM `call` c WHERE c.resident_id IS NOT NULL
	AND NOT EXISTS (SELECT 1 FROM resident_phone p WHERE p.resident_id = c.resident_id AND p.phone = c.caller)
UNION ALL
SELECT 'rows that point at missing rows (types, residents, staff, events)', (
	SELECT COUNT(*) FROM ticket t LEFT JOIN ticket_type y ON y.id = t.type_id WHERE y.id IS NULL)
	+ (SELECT COUNT(*) FROM ticket t LEFT JOIN resident r ON r.id = t.resident_id
		WHERE t.resident_id IS NOT NULL AND r.id IS NULL)
	+ (SELECT COUNT(*) FROM ticket t LEFT JOIN staff s ON s.id = t.assignee_id
		WHERE t.assignee_id IS NOT NULL AND s.id IS NULL)
	+ (SELECT COUNT(*) FROM ticket_event e LEFT JOIN ticket t ON t.id = e.ticket_id WHERE t.id IS NULL);
