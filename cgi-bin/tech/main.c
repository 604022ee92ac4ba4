/* tech — the technicians' mobile pages. */
#include "kit.h"

static const struct page pages[] = {
	{ 0 }
};

static const struct program tech = { "tech", pages };

int main(int argc, char **argv)
{
	return kit_main(argc, argv, &tech);
}
