import PodiumPrimitives

/// A contract's whole ABI, with lookups by name, selector and topic (Solidity ABI spec, "JSON").
///
/// Functions may be overloaded: `functions(named:)` returns every overload, `function(selector:)` the one a
/// calldata selector picks.
public struct ContractABI: Hashable, Sendable {
    /// The entries, in the order given.
    public let items: [ABIItem]
    private let functionsBySelector: [Selector: ABIFunction]
    private let eventsByTopic: [Bytes32: ABIEvent]
    private let errorsBySelector: [Selector: ABIError]

    /// An ABI of `items`; when two functions (or errors, or non-anonymous events) share a selector (or topic), the
    /// first wins the lookup.
    public init(_ items: [ABIItem]) {
        self.items = items
        var functions: [Selector: ABIFunction] = [:]
        var events: [Bytes32: ABIEvent] = [:]
        var errors: [Selector: ABIError] = [:]
        for item in items {
            switch item {
            case .function(let function): functions[function.selector] = functions[function.selector] ?? function
            case .event(let event) where !event.anonymous: events[event.topic0] = events[event.topic0] ?? event
            case .error(let error): errors[error.selector] = errors[error.selector] ?? error
            default: break
            }
        }
        (functionsBySelector, eventsByTopic, errorsBySelector) = (functions, events, errors)
    }

    /// Every function, in order.
    public var functions: [ABIFunction] { items.compactMap { if case .function(let f) = $0 { f } else { nil } } }
    /// Every event, in order.
    public var events: [ABIEvent] { items.compactMap { if case .event(let e) = $0 { e } else { nil } } }
    /// Every custom error, in order.
    public var errors: [ABIError] { items.compactMap { if case .error(let e) = $0 { e } else { nil } } }
    /// The constructor, if the ABI lists one.
    public var constructor: ABIConstructor? {
        items.lazy.compactMap { if case .constructor(let c) = $0 { c } else { nil } }.first
    }
    /// The fallback function, if the contract has one.
    public var fallback: ABIFallback? {
        items.lazy.compactMap { if case .fallback(let f) = $0 { f } else { nil } }.first
    }
    /// True when the contract has a `receive` function.
    public var hasReceive: Bool { items.contains(.receive) }

    /// The overloads of function `name`, in order.
    public func functions(named name: String) -> [ABIFunction] { functions.filter { $0.name == name } }
    /// The function `selector` calls, or nil.
    public func function(selector: Selector) -> ABIFunction? { functionsBySelector[selector] }
    /// The function with canonical signature `signature` (`transfer(address,uint256)`), or nil.
    public func function(signature: String) -> ABIFunction? { function(selector: Selector(signature: signature)) }

    /// The events named `name`, in order.
    public func events(named name: String) -> [ABIEvent] { events.filter { $0.name == name } }
    /// The non-anonymous event whose signature hashes to `topic0`, or nil.
    public func event(topic0: Bytes32) -> ABIEvent? { eventsByTopic[topic0] }

    /// The custom errors named `name`, in order.
    public func errors(named name: String) -> [ABIError] { errors.filter { $0.name == name } }
    /// The custom error whose revert data starts with `selector`, or nil.
    public func error(selector: Selector) -> ABIError? { errorsBySelector[selector] }
}
