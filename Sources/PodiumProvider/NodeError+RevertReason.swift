import PodiumABI
import PodiumRPC

extension NodeError {
    /// What the revert data says, looking custom errors up in `errors`; nil when the error carries no revert data
    /// or it decodes as nothing known.
    public func revertReason(errors: [ABIError] = []) -> RevertReason? {
        revertData.flatMap { try? RevertReason(decoding: $0, errors: errors) }
    }

    /// The node's message with the decoded revert reason, when there is one and the message does not already say it.
    public var explained: String {
        let text = "node error \(code): \(message)"
        guard let reason = revertReason() else { return description }
        if case .error(let string) = reason, message.contains(string) { return text }
        return text + " (\(reason))"
    }
}

extension RPCError {
    /// The description, with a node error's revert reason decoded.
    public var explained: String {
        if case .node(let error) = self { return error.explained }
        return description
    }
}
