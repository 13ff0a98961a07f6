"""Qt screens of Sổ CCHC. Everything here calls ``desktop.core``; nothing here writes SQL."""
