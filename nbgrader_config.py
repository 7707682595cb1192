"""nbgrader configuration for the course (the repository root is the course directory)."""
import os

c = get_config()  # noqa: F821  (provided by nbgrader)

c.CourseDirectory.course_id = "dlcourse"
c.CourseDirectory.root = os.path.dirname(os.path.abspath(__file__))
c.CourseDirectory.source_directory = "source"
c.CourseDirectory.release_directory = "release"
# Data files next to a notebook are released with it; caches never are.
c.CourseDirectory.ignore = [".ipynb_checkpoints", "*.pyc", "__pycache__", "feedback", ".*"]

# Students see this in every blank solution cell.
c.ClearSolutions.code_stub = {"python": "# YOUR CODE HERE\nraise NotImplementedError()"}
c.ClearSolutions.text_stub = "YOUR ANSWER HERE"

# `dlcourse grade` limits and options (autograder/policy.py: one default and one help each;
# `dlcourse grade --help` lists them; the command line wins). The kernel's cell timeout is
# c.Limits.cell_timeout. For example:
# c.Limits.timeout = 600          # seconds for nbgrader on one submission
# c.Limits.cell_timeout = 60      # seconds for one cell
# c.GradingOptions.workers = 0    # submissions at once (0: one per core)
# c.GradingOptions.warm_kernels = True  # fork kernels from a warm sandboxed process per slot
