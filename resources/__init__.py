"""Data files shipped with Sổ CCHC (catalogs, icons). Located through desktop.core.paths."""
