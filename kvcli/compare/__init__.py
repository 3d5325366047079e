"""Key figures across reports: ``align`` pairs indicators, ``diff`` compares two reports, ``trend`` follows many."""
