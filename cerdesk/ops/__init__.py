"""Use cases: the only way to change a project; one transaction and one undo step each."""
