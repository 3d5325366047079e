"""Mutation fuzzing of kvcli's readers: any input → a result or a one-line error, never a crash."""
