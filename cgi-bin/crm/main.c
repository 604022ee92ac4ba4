/* crm — properties and residents: the property tree, resident records, import/export.
 * The rules behind every change live in lib/resident.c, lib/property.c and lib/import.c. */
#include "crm.h"

static const struct page pages[] = {
	{ "GET", "/crm", NULL, page_crm_home, 0 },

	{ "GET", "/crm/residents", "crm.view", page_residents, 0 },
	{ "GET", "/crm/residents.csv", "crm.view", page_residents_csv, 0 },
	{ "GET", "/crm/residents/new", "crm.edit", page_resident_new, 0 },
	{ "POST", "/crm/residents", "crm.edit", page_resident_create, 0 },
	{ "GET", "/crm/residents/#", "crm.view", page_resident, 0 },
	{ "GET", "/crm/residents/#/edit", "crm.edit", page_resident_edit, 0 },
	{ "POST", "/crm/residents/#", "crm.edit", page_resident_update, 0 },
	{ "GET", "/crm/residents/#/merge", "crm.edit", page_resident_merge, 0 },
	{ "POST", "/crm/residents/#/merge", "crm.edit", page_resident_merge_do, 0 },

	{ "GET", "/crm/properties", "crm.properties", page_properties, 0 },
	{ "GET", "/crm/properties.csv", "crm.view", page_properties_csv, 0 },
	{ "GET", "/crm/properties/new", "crm.properties", page_community_new, 0 },
	{ "POST", "/crm/properties", "crm.properties", page_community_create, 0 },
	{ "GET", "/crm/properties/#", "crm.properties", page_community, 0 },
	{ "GET", "/crm/properties/#/edit", "crm.properties", page_community_edit, 0 },
	{ "POST", "/crm/properties/#", "crm.properties", page_community_update, 0 },
	{ "POST", "/crm/properties/#/delete", "crm.properties", page_community_delete, 0 },
	{ "POST", "/crm/properties/#/buildings", "crm.properties", page_building_create, 0 },
	{ "GET", "/crm/properties/buildings/#", "crm.properties", page_building, 0 },
	{ "POST", "/crm/properties/buildings/#", "crm.properties", page_building_update, 0 },
	{ "POST", "/crm/properties/buildings/#/delete", "crm.properties", page_building_delete, 0 },
	{ "POST", "/crm/properties/buildings/#/units", "crm.properties", page_unit_create, 0 },
	{ "GET", "/crm/properties/units/#", "crm.properties", page_unit, 0 },
	{ "POST", "/crm/properties/units/#", "crm.properties", page_unit_update, 0 },
	{ "POST", "/crm/properties/units/#/delete", "crm.properties", page_unit_delete, 0 },
	{ "POST", "/crm/properties/units/#/households", "crm.properties", page_household_create, 0 },
	{ "GET", "/crm/properties/households/#", "crm.properties", page_household, 0 },
	{ "POST", "/crm/properties/households/#", "crm.properties", page_household_update, 0 },
	{ "POST", "/crm/properties/households/#/delete", "crm.properties",
	  page_household_delete, 0 },

	{ "GET", "/crm/import", "crm.import", page_import, 0 },
	{ "POST", "/crm/import", "crm.import", page_import_upload, 0 },
	{ "GET", "/crm/import/#", "crm.import", page_import_result, 0 },
	{ "GET", "/crm/import/template.csv", "crm.import", page_import_template, 0 },
	{ 0 }
};

static const struct program crm = { "crm", pages };

int main(int argc, char **argv)
{
	return kit_main(argc, argv, &crm);
}
