class Refused(Exception):
    """A domain action was refused; the message is Chinese and shown to the user as is."""

    def __init__(self, message: str, *, field: str | None = None):
        super().__init__(message)
        self.message = message
        self.field = field
