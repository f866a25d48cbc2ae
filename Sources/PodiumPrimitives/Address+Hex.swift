extension Address {
    /// How parsing treats the letter case of the hex digits (EIP-55).
    public enum ChecksumPolicy: Sendable {
        /// All-lowercase and all-uppercase digits are taken as they are; mixed case must be the EIP-55 checksum.
        case verifyMixedCase
        /// Any letter case is accepted; the checksum is not checked.
        case ignore
    }

    /// Parses 40 hex digits, with or without `0x`, checking an EIP-55 mixed-case checksum unless told to ignore it.
    public init(hex text: some StringProtocol, checksum: ChecksumPolicy = .verifyMixedCase) throws(AddressError) {
        let parsed = text.utf8.withContiguousStorageIfAvailable { Address.parse($0, checksum: checksum) }
            ?? Array(text.utf8).withUnsafeBufferPointer { Address.parse($0, checksum: checksum) }
        switch parsed {
        case .address(let address): self = address
        case .failure(let error): throw error
        case .invalidByte(let byteOffset):
            // Report the whole character that holds the first bad byte, at its character offset.
            var end = 0
            let (offset, character) = text.enumerated().first { _, character in
                end += character.utf8.count
                return end > byteOffset
            }!
            throw .invalidCharacter(character, offset: offset)
        }
    }

    /// `0x` and 40 lowercase hex digits.
    public var lowercaseHex: String { withHex(checksummed: false) { String(decoding: $0, as: UTF8.self) } }

    private enum Parsed {
        case address(Address)
        case invalidByte(at: Int)
        case failure(AddressError)
    }

    private static func parse(_ utf8: UnsafeBufferPointer<UInt8>, checksum: ChecksumPolicy) -> Parsed {
        let start = utf8.count >= 2 && utf8[0] == 0x30 && utf8[1] | 0x20 == 0x78 ? 2 : 0
        var (high, middle, low): (UInt64, UInt64, UInt32) = (0, 0, 0)
        var (hasLowercase, hasUppercase) = (false, false)
        for i in start..<utf8.count {
            guard let nibble = Hex.nibble(utf8[i]) else { return .invalidByte(at: i) }
            hasLowercase = hasLowercase || utf8[i] >= 0x61
            hasUppercase = hasUppercase || (0x41...0x46).contains(utf8[i])
            switch i - start {
            case 0..<16: high = high << 4 | UInt64(nibble)
            case 16..<32: middle = middle << 4 | UInt64(nibble)
            default: low = low << 4 | UInt32(nibble)
            }
        }
        guard utf8.count - start == 40 else { return .failure(.wrongLength(digits: utf8.count - start)) }
        let address = Address(high: high, middle: middle, low: low)
        if checksum == .verifyMixedCase && hasLowercase && hasUppercase {
            let matches = address.withHex(checksummed: true) { expected in
                (0..<40).allSatisfy { expected[2 + $0] == utf8[start + $0] }
            }
            guard matches else { return .failure(.invalidChecksum(expected: address)) }
        }
        return .address(address)
    }

    /// Calls `body` with `0x` and the 40 hex digits, in EIP-55 letter case when `checksummed`, on the stack.
    private func withHex<R>(checksummed: Bool, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 42) { out in
            out[0] = 0x30
            out[1] = 0x78
            withUnsafeBytes { raw in
                for (i, byte) in raw.enumerated() {
                    out[2 + 2 * i] = Self.digit(byte >> 4)
                    out[3 + 2 * i] = Self.digit(byte & 0x0f)
                }
            }
            if checksummed {
                // EIP-55: uppercase the i-th letter when the i-th nibble of keccak256(lowercase hex) is 8 or more.
                let hash = Keccak256.hash(UnsafeRawBufferPointer(UnsafeBufferPointer(rebasing: out[2..<42])))
                for i in 0..<40 where out[2 + i] >= 0x61 && (hash[i >> 1] << (4 * (i & 1))) & 0x80 != 0 {
                    out[2 + i] -= 0x20
                }
            }
            return body(UnsafeBufferPointer(out))
        }
    }

    private static func digit(_ nibble: UInt8) -> UInt8 { nibble < 10 ? 0x30 + nibble : 0x57 + nibble }
}

extension Address: CustomStringConvertible, LosslessStringConvertible {
    /// `0x` and 40 hex digits in EIP-55 mixed-case checksum form.
    public var description: String { withHex(checksummed: true) { String(decoding: $0, as: UTF8.self) } }

    /// Parses like `init(hex:)`, or nil.
    public init?(_ description: String) {
        guard let address = try? Address(hex: description) else { return nil }
        self = address
    }
}

extension Address: Codable {
    /// Decodes a hex string, checking an EIP-55 mixed-case checksum.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        do {
            self = try Address(hex: container.decode(String.self))
        } catch let error as AddressError {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: error.description)
        }
    }

    /// Encodes the EIP-55 checksummed string.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}
