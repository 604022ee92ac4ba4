/* phone.c — phone numbers as typed or as caller IDs, normalised for exact matching, and
 * the lookup of residents by number that every channel uses. */
#include <string.h>

#include "db.h"
#include "resident.h"

int phone_normalize(char *out, const char *in, const char **kind)
{
	char d[64];
	size_t n = 0;
	const char *p = in ? in : "";

	while (*p == ' ' || *p == '\t')
		p++;
	if (*p == '+')
		p++;
	for (; *p; p++) {
		if (*p >= '0' && *p <= '9') {
			if (n + 1 >= sizeof(d))
				return -1;
			d[n++] = *p;
		} else if (!strchr(" -.()\t", *p)) {
			return -1;
		}
	}
	d[n] = '\0';
	p = d;
	/* Country code before a mobile: 0086 138..., 86 138... */
	if (n == 15 && !strncmp(p, "0086", 4) && p[4] == '1')
		p += 4, n -= 4;
	else if (n == 13 && !strncmp(p, "86", 2) && p[2] == '1')
		p += 2, n -= 2;
	/* A trunk 0 before a mobile, as some exchanges present it. */
	if (n == 12 && p[0] == '0' && p[1] == '1' && p[2] >= '3')
		p++, n--;
	if (n == 11 && p[0] == '1' && p[1] >= '3' && p[1] <= '9') {
		if (kind)
			*kind = "mobile";
	} else if (p[0] == '0' && p[1] != '0' && n >= 10 && n <= 12) {
		if (kind)
			*kind = "landline";
	} else {
		return -1;
	}
	memcpy(out, p, n + 1);
	return 0;
}

int resident_find_by_phone(long long *ids, int max, const char *phone)
{
	struct stmt *st = db_query(
		"SELECT DISTINCT r.id, r.updated_at FROM resident_phone p"
		" JOIN resident r ON r.id = p.resident_id AND r.merged_into_id IS NULL"
		" WHERE p.phone = ? ORDER BY r.updated_at DESC, r.id DESC LIMIT 20", "s", phone);
	int n = 0;

	if (!st)
		return -1;
	while (n < max && db_next(st) == 1)
		ids[n++] = db_int(st, 0);
	db_done(st);
	return n;
}
