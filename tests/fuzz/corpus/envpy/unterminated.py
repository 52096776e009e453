context.configure(version_table="unterminated)
