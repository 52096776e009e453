'''legacy style with \' escapes and a "quote"'''
revision = 'ae1027a6acf'
down_revision = '27c6a30d7c24'  # a comment
branch_labels = 'one'
depends_on = None
