class UnreadableDocument(Exception):
    """A file the analyser cannot read; the message is one Chinese line for the user."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message
