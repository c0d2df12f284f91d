"""Pure matching library: no Flask, no database."""
