/* desk — the agent desk: screen pop and work orders. */
#include "kit.h"

static const struct page pages[] = {
	{ 0 }
};

static const struct program desk = { "desk", pages };

int main(int argc, char **argv)
{
	return kit_main(argc, argv, &desk);
}
