"""Marshmallow schemas at the API's edge: `*In` validate requests, `*Out` shape answers."""
