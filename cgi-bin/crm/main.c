/* crm — properties and residents: the property tree, resident records, import/export. */
#include "kit.h"

static const struct page pages[] = {
	{ 0 }
};

static const struct program crm = { "crm", pages };

int main(int argc, char **argv)
{
	return kit_main(argc, argv, &crm);
}
