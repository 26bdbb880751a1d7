"""The program admin's tools that are not views: editors, previews, diffs, uploads, exports.

The editors are forms whose inputs are named by the path of the datum they
edit (`steps.invite.criteria[2].weight`), the same path the library's and the
rubric engine's validation name in their messages: each message is shown
beside its field without a table of names between them (`fields.py`).
"""
