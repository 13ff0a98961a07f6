"""Qt-free services of Sổ CCHC. Every function takes a session or paths and returns data."""
