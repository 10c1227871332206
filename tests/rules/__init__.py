"""Pure rule checkers used by the tests: each takes text, returns a list of problems."""
