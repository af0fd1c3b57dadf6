"""The door to the team's Telegram user accounts: the only Herald code that talks to Telethon."""
