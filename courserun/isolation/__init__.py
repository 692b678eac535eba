"""Isolation: what a listing's process may see and do, the lowest layer of execution.

- ``policy``: what a run asks for (``COURSERUN_ISOLATION``), the environment a listing gets, and
  what the runner says, once, about the walls the kernel could not put up here;
- ``jail``: the kernel's walls (namespaces, read-only mounts, private tmpfs, no capabilities),
  put up inside the listing's own process before its first line; standard library only, copied
  beside ``child.py`` and loaded by path there;
- the Python guards inside the child (network refused with a message, file-size cap, time-limit
  stack dump) stay in ``child.py``, for their clear messages.

``sandbox.py`` (the launcher: warm parents, cold starts, killing) and ``execute.py`` (records)
sit above it.
"""
