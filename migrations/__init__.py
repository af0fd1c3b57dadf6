"""aerich migrations, one set per dialect (SQLite and PostgreSQL), and the tools that
write and check them: `python -m migrations make NAME`, `python -m migrations check`."""
