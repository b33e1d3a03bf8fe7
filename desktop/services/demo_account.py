"""The demo profile's officer, whose credentials its sign-in screen shows (imported before SQLAlchemy is)."""

DEMO_USERNAME = "demo"
DEMO_PASSWORD = "demo1234"
