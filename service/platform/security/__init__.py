"""Security: API keys, password hashing, and resolving the caller of a request."""
