"""What kvcli keeps between runs for people to query: the SQLite index of an archive (``kvcli index``)."""
