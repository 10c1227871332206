"""The site's editorial data model, shared by the MkDocs hooks, the tests and the scripts.

Hooks import it as `editorial` (MkDocs puts hooks/ on sys.path while it loads a hook);
tests and scripts put hooks/ on sys.path themselves. Nothing here imports MkDocs.
"""
