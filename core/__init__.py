"""The rules of Herald: every interface calls these, none re-implements one."""
