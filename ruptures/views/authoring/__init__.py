"""The program admin's pages, one module per area.

`library` (the scenario list, the editor with its live preview, versions,
export), `imports`, `rubric` (the default rubric's editor and versions) and
`people` (users and cohorts). Every view is for program admins only
(`role_required(PROGRAM_ADMIN)`) and reaches objects through `ruptures.access`.
"""
