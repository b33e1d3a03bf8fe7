"""The local SQLite store: models, engine, migrations, repositories, search and the event outbox."""
