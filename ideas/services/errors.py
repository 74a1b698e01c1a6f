"""Why an action was refused; pages show the message, the API answers with the status."""


class IdeasError(Exception):
    status = 400

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


class NotFound(IdeasError):
    """Missing, or outside the user's audience: the two must look the same."""

    status = 404


class NotAllowed(IdeasError):
    status = 403


class Conflict(IdeasError):
    """The request is fine but the state forbids it: wrong phase, budget spent, voted twice."""

    status = 409


class Invalid(IdeasError):
    status = 400
