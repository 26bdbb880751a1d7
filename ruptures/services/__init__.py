"""Writes that span several models or call the rubric engine, one module per area.

`library` (scenario files and versions), `attempts` (the trainee's practice);
supervisor reviews and authoring get modules of their own. Every write is
`<entity>_<action>(*, ...)` with keyword-only arguments and runs in one
transaction. Views and management commands call these; they never write
models directly when more than one row must change together.
"""
