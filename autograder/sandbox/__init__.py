"""The untrusted side: where a submission's code runs, and what may cross back.

* :mod:`.bwrap` — the bubblewrap sandbox, built by allowlist;
* :mod:`.kernel` — the launcher that starts nbgrader's kernel inside it;
* :mod:`.runner` — the out-of-kernel re-check's runner (it runs the submission's code);
* :mod:`.transport` — plain data across the boundary (JSON + ``.npz``, never pickle);
* :mod:`.processes` — resource limits, process cleanup, long-lived helper processes.
"""
