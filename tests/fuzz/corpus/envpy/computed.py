import os
from alembic import context
opts = {"version_table": "v"}
# context.configure(version_table="in a comment")
s = "context.configure(version_table='in a string')"
context.configure(version_table=os.environ["T"], **opts)
context.configure(None, None, None, None, None, False, version_table_schema=f"s{1}")
x.context.configure(version_table="not counted")
