"""JSON-RPC error codes and the exception that carries one back to the client."""

PARSE_ERROR = -32700
INVALID_REQUEST = -32600
METHOD_NOT_FOUND = -32601
INVALID_PARAMS = -32602
INTERNAL_ERROR = -32603
SERVER_ERROR = -32000  # geth's code for rejected transactions, unknown blocks and failed executions
EXECUTION_REVERTED = 3  # geth's code for a REVERT, with the revert data in `data`


class RpcError(Exception):
    """An error answered as a JSON-RPC error object."""

    def __init__(self, code, message, data=None):
        super().__init__(message)
        self.code = code
        self.message = message
        self.data = data

    def to_json(self):
        error = {"code": self.code, "message": self.message}
        if self.data is not None:
            error["data"] = self.data
        return error


def invalid_params(message):
    return RpcError(INVALID_PARAMS, f"invalid params: {message}")


def server_error(message):
    return RpcError(SERVER_ERROR, message)
