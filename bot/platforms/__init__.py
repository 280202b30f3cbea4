"""Where alerts go and where commands come from: one folder per chat platform, one module per other
destination, and the registry of destination kinds."""
