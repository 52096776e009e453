/* main.c - entry point of the aludel program (placeholder while the CLI is built). */
#include <stdio.h>
#include "aludel.h"
int main(void)
{
	printf("aludel %s\n", ald_version());
	return 0;
}
