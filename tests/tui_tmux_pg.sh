#!/bin/sh
# tests/tui_tmux_pg.sh - the TUI test against a PostgreSQL server it starts.
TUI_BACKEND=postgresql exec sh "${top_srcdir:-.}/tests/tui_tmux.sh"
