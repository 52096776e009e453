/* version.c - the library's version string. */
#include "build-config.h"
#include "aludel.h"

const char *ald_version(void)
{
	return PACKAGE_VERSION;
}
