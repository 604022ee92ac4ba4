/* property.h — the property tree: community (小区) → building (楼栋) → unit (单元) →
 * household (户).  Validation, uniqueness, the in-use rules for deleting, audit.
 *
 * Results and errors follow org.h.  A node cannot be deleted while anything hangs below it
 * or a work order names it (ORG_REFUSED with the reason). */
#ifndef WL_PROPERTY_H
#define WL_PROPERTY_H

#include "org.h"

#define PROPERTY_NAME_MAX 32	/* building and unit names */
#define PROPERTY_ROOM_MAX 16

struct property_community {
	const char *code;	/* [a-z0-9_]{1,32}, unique */
	const char *name;	/* required, up to 100 characters, unique */
	const char *city;	/* up to 32 characters */
	const char *district;
	const char *address;	/* up to 255 characters */
	const char *phone;	/* the management office's; normalised */
};

/* Creates a community; its id goes to *id. */
enum org_result property_community_create(long long *id, struct org_errors *e,
					  const struct org_actor *who,
					  const struct property_community *c);
enum org_result property_community_update(struct org_errors *e, const struct org_actor *who,
					  long long id, const struct property_community *c);
/* Refused while it has buildings or work orders name it. */
enum org_result property_community_delete(struct org_errors *e, const struct org_actor *who,
					  long long id);

/* Buildings of community_id: name unique in the community ("3号楼"); sort orders them. */
enum org_result property_building_create(long long *id, struct org_errors *e,
					 const struct org_actor *who, long long community_id,
					 const char *name, long long sort);
enum org_result property_building_update(struct org_errors *e, const struct org_actor *who,
					 long long id, const char *name, long long sort);
/* Refused while it has units or work orders name it. */
enum org_result property_building_delete(struct org_errors *e, const struct org_actor *who,
					 long long id);

/* Units of building_id: name unique in the building ("2单元"); floors: "" or 1..200. */
enum org_result property_unit_create(long long *id, struct org_errors *e,
				     const struct org_actor *who, long long building_id,
				     const char *name, const char *floors, long long sort);
enum org_result property_unit_update(struct org_errors *e, const struct org_actor *who,
				     long long id, const char *name, const char *floors,
				     long long sort);
/* Refused while it has households. */
enum org_result property_unit_delete(struct org_errors *e, const struct org_actor *who,
				     long long id);

struct property_household {
	const char *room;	/* required, unique in the unit ("1502") */
	const char *floor;	/* "" or an integer -9..300 */
	const char *area;	/* "" or square metres, 0.01..99999.99 with up to 2 decimals */
	const char *heating;	/* "normal" or "stopped" ("" = normal) */
};

enum org_result property_household_create(long long *id, struct org_errors *e,
					  const struct org_actor *who, long long unit_id,
					  const struct property_household *h);
enum org_result property_household_update(struct org_errors *e, const struct org_actor *who,
					  long long id, const struct property_household *h);
/* Refused while residents live there or work orders name it. */
enum org_result property_household_delete(struct org_errors *e, const struct org_actor *who,
					  long long id);

/* Shape checks shared with the CSV import; each returns NULL or a language key. */
const char *property_check_floor(const char *floor);
const char *property_check_area(const char *area);
/* "normal" or "stopped" for a heating status as typed (normal/正常/供暖 ...,
 * stopped/报停/停供 ...; "" is normal), or NULL when it is neither. */
const char *property_heating(const char *v);

#endif
