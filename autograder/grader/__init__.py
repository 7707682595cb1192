"""The trusted side: everything that decides a score, none of it visible to a submission.

* :mod:`.run` — schedules a class (workers, resume, the per-row fault boundary);
* :mod:`.submission` — one submission in named stages (copy, cases, nbgrader, re-check, feedback);
* :mod:`.worker` — the long-lived nbgrader process of a slot;
* :mod:`.recheck` — the out-of-kernel re-check, and its warm sandboxes;
* :mod:`.scoring` — nbgrader's points count only where the re-check agrees;
* :mod:`.results` — grades, stored atomically, and the CSV exports;
* :mod:`.policy`, :mod:`.secret` — limits and options; the grading secret;
* :mod:`.report`, :mod:`.feedback_safety`, :mod:`.csv_safe` — what instructors and students open.
"""
