"""Input widgets every screen shares: ``date_input`` (the one date box of the app: typed
``dd/mm/yyyy`` gives exactly that date, a calendar popup, an impossible date said at once
under the field).

May import the top-level ``desktop.ui`` modules, ``desktop.core.office`` and ``base``.
"""
