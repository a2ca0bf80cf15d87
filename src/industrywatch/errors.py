"""The one exception type for errors a user can cause and fix."""


class IndustrywatchError(Exception):
    """A problem with the user's input or setup; the message says what to do about it."""
