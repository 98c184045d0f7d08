from upstander.cases.tests.conftest import case, dsl, open_case, submit, triage  # noqa: F401  (shared fixtures)
