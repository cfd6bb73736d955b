"""The project file: identity, versions, migrations, locking, change log and undo journal."""
