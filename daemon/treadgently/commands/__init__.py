"""One module per CLI command.

Each module defines ``HELP`` (one line), ``DESCRIPTION`` (the --help text),
``add_arguments(parser)`` and ``run(args, ctx) -> int``.  ``cli`` finds them,
so a command exists exactly when its module does.
"""
