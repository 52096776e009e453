context.configure(version_table="a", version_table="b")
