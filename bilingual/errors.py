"""The one exception type users see.

Every failure a user can cause (bad input, bad glossary, missing model, refused overwrite)
is raised as `BilingualError` with a message that fits on one line. The CLI prints it to
stderr and exits non-zero; anything else is a bug and still gets a one-line message.
"""


class BilingualError(Exception):
    """A problem the user can fix; `str(error)` is the whole message."""

    exit_code = 1
    prefix = "Error: "  # what the CLI prints before the message


class InputError(BilingualError):
    """An input file that cannot be read as an article."""

    exit_code = 2


class Interrupted(BilingualError):
    """The user pressed Ctrl-C (or the run got SIGTERM); the message says what was kept."""

    exit_code = 130  # 128 + SIGINT, what shells report for a Ctrl-C
    prefix = ""


class UsageError(BilingualError):
    """A command line that cannot mean anything (an `-o` extension bilingual does not
    write, options that contradict each other): refused before anything happens."""

    exit_code = 2
