/// Where a value sits inside a list of parameters: `amounts[3]`, `#1.winners[2]` (`#i` for a parameter or tuple
/// component without a name).
public struct ABIPath: Hashable, Sendable {
    /// One step into a tuple or an array.
    public enum Component: Hashable, Sendable {
        /// Component `index` of a tuple or parameter list, and its name when known.
        case field(Int, name: String?)
        /// Element `index` of an array.
        case element(Int)
    }

    /// The steps from the outermost parameter list inwards.
    public var components: [Component]

    /// A path of `components`; the empty path is the parameter list itself.
    public init(_ components: [Component] = []) {
        self.components = components
    }

    /// The path with `component` added in front, as an error travels out of a nested value.
    func prepending(_ component: Component) -> ABIPath {
        ABIPath([component] + components)
    }

    /// The path with names taken from `parameters`, the parameter list it starts in.
    public func named(by parameters: [ABIParameter]) -> ABIPath {
        var named: [Component] = []
        var scope = parameters
        for component in components {
            switch component {
            case .field(let index, let name):
                let parameter = index < scope.count ? scope[index] : nil
                let known = parameter.map(\.name).flatMap { $0.isEmpty ? nil : $0 }
                named.append(.field(index, name: known ?? name))
                scope = parameter?.components ?? []
            case .element:
                named.append(component)
            }
        }
        return ABIPath(named)
    }
}

extension ABIPath: CustomStringConvertible {
    /// `name` or `#index` for fields, joined by dots, and `[index]` for elements: `#1.winners[2]`.
    public var description: String {
        var text = ""
        for component in components {
            switch component {
            case .field(let index, let name):
                if !text.isEmpty { text += "." }
                text += name ?? "#\(index)"
            case .element(let index):
                text += "[\(index)]"
            }
        }
        return text
    }
}
