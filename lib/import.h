/* import.h — CSV import of the property tree and of residents.
 *
 * A file is read as UTF-8 (with or without BOM) or else GB18030, which is what Chinese
 * spreadsheet software writes.  Its first row names the columns (in Chinese as below, or
 * in English); every row is checked, each bad one reported with its row number, column
 * and reason, and a file with any error imports nothing: the rows are written in one
 * transaction that is rolled back.  The import is audited as one event. */
#ifndef WL_IMPORT_H
#define WL_IMPORT_H

#include <stddef.h>

#include "org.h"

#define IMPORT_MAX_BYTES (5L * 1024 * 1024)
#define IMPORT_MAX_ROWS 50000
#define IMPORT_MAX_LISTED 100	/* errors listed one by one; the rest are counted */

enum import_kind {
	/* 小区,楼栋,单元,房号,楼层,面积,供暖状态: creates missing communities, buildings and
	 * units; creates households or updates their floor, area and heating status. */
	IMPORT_PROPERTIES,
	/* 姓名,手机,其他电话,小区,楼栋,单元,房号,关系,类别,等级,标签,备注: the households must
	 * exist; a resident of the same name with one of the phones (or, without phones, in
	 * the same household) is updated, others are created. */
	IMPORT_RESIDENTS,
};

struct import_error {
	long row;		/* row of the file as a spreadsheet numbers it (1: the header) */
	char column[64];	/* the column's title as the file has it, or "" */
	const char *key;	/* language key of the reason */
	char value[64];		/* the offending value, shortened, or "" */
};

struct import_report {
	const char *encoding;	/* "UTF-8" or "GB18030" */
	long rows;		/* data rows (blank rows are skipped) */
	long created, updated, unchanged;	/* households or residents */
	long communities, buildings, units;	/* created on the way (property import) */
	const char *file_key;	/* a problem with the whole file (language key), or NULL */
	long nerrors;		/* bad rows' problems, listed or not */
	size_t nlisted;
	struct import_error errors[IMPORT_MAX_LISTED];
	long long audit_id;	/* the audit record of a successful import */
};

/* Imports the file (bytes as uploaded; filename for the audit log).  Returns ORG_OK with
 * the counts in rep, ORG_INVALID when rep->file_key or rep->errors say why nothing was
 * imported, or ORG_DB. */
enum org_result import_csv(struct import_report *rep, const struct org_actor *who,
			   enum import_kind kind, const char *data, size_t len,
			   const char *filename);

/* The header row of a file of this kind (UTF-8 with BOM), for a template download. */
const char *import_template(enum import_kind kind);

#endif
