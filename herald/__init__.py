"""Herald's command line and the runtime that starts the parts together."""
