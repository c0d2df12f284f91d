"""HTTP tests of the employers' and partners' REST API (/api/v1) through the test client."""
