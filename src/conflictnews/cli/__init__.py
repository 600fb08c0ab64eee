"""The ``conflictnews`` console script: one module per verb group, all registered by :mod:`.main`.

Stage: all (entry points). Input: command-line arguments. Output: a summary on stdout, problems on
stderr, and an exit code (0 success, 1 failure of the work, 2 bad usage). :mod:`.common` holds the
input options and input loading the verbs share.
"""
