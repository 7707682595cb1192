"""``python -m autograder._nbgrader_entry ARGS`` is ``nbgrader ARGS``, started faster.

Importing the ``autograder`` package first skips a slow optional import (see
``autograder/__init__.py``), which matters when a class is graded one process per submission.
"""
from nbgrader.apps.nbgraderapp import main

if __name__ == "__main__":
    main()
