"""Why an action was refused; pages show the message, the API answers with the status."""


class ConversationError(Exception):
    status = 400

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


class NotFound(ConversationError):
    """Missing, or outside the user's audience: the two must look the same."""

    status = 404


class NotAllowed(ConversationError):
    status = 403


class Conflict(ConversationError):
    """The request is fine but the state forbids it: reported twice, challenge closed."""

    status = 409


class Invalid(ConversationError):
    status = 400
