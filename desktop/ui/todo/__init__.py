"""The "Việc cần làm" tab: the year's steps from ``desktop.core.todo`` (the same function
``cchc todo`` prints), each with its state, one line of detail and a button that opens the
right screen or dialog; the year's deadlines dialog.

May import every ``desktop.ui`` screen package (lazily, when a button is pressed), the
top-level ``desktop.ui`` modules, ``desktop.ui.inputs``, ``desktop.core`` and ``base``.
"""
