"""HTTP tests of the job seekers' pages through the test client, on SQLite and PostgreSQL."""
