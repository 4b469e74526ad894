"""Exit codes: the only place their numbers live (DESIGN.md, "Policy and exit codes")."""

import enum


class ExitCode(enum.IntEnum):
    """What a run tells the shell, in order of precedence after the run."""

    OK = 0
    #: a citation fails the --fail-on policy
    POLICY_FAILED = 1
    #: an input could not be read; also a usage error (at once)
    INPUT_ERROR = 2
    #: some citations could not be checked (the service did not answer)
    CHECK_ERROR = 3
