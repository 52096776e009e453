"""merge heads

Revision ID: ae1027a6acf
Revises: 27c6a30d7c24, 1975ea83b712
Create Date: 2011-11-09 10:00:00

"""
from typing import Sequence, Union

revision: str = "ae1027a6acf"
down_revision: Union[str, None] = ("27c6a30d7c24", "1975ea83b712")
branch_labels: Union[str, Sequence[str], None] = ("featx",)
depends_on: Union[str, Sequence[str], None] = ["3c3c3c3c3c3c"]


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
