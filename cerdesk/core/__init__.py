"""Domain model: entity specifications, validation and completeness rules (stdlib only)."""
