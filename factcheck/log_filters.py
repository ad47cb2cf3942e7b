"""Filters for the project's logging (settings.LOGGING)."""

import logging


class ClientErrorsWithoutTraceback(logging.Filter):
    """An answer in the 400s is expected (a viewer's forbidden post, a missing page):
    it is logged as its one line, without the traceback of the exception behind it.
    Server errors keep theirs."""

    def filter(self, record: logging.LogRecord) -> bool:
        status = getattr(record, "status_code", None)
        if isinstance(status, int) and status < 500:
            record.exc_info = None
            record.exc_text = None
        return True
