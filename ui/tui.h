/* tui.h - the full-screen front end, `aludel tui`. */
#ifndef ALD_TUI_H
#define ALD_TUI_H

#include "aludel.h"

/* Runs the interface on the open project until the user quits; `reopen` is
 * used by `r` to reload files (it replaces *p). Returns an exit status. */
int tui_run(ald_project **p, int (*reopen)(ald_project **out, void *payload), void *payload);

#endif
