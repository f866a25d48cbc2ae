import PodiumPrimitives
import Testing

@Suite struct UInt256ModularTests {
    let fixture: UInt256Fixture

    init() throws { fixture = try UInt256Fixture.shared.get() }

    @Test func addmodUsesTheFull257BitSumLikePython() {
        fixture.expect("addmod", fixture.modular, describe: describe) { a, b, m in [oracleHex(UInt256.addmod(a, b, m))] }
    }

    @Test func mulmodUsesTheFull512BitProductLikePython() {
        fixture.expect("mulmod", fixture.modular, describe: describe) { a, b, m in [oracleHex(UInt256.mulmod(a, b, m))] }
    }

    @Test func modularPowerMatchesPython() {
        fixture.expect("powmod", fixture.powers, describe: describe) { base, exponent, modulus in
            [oracleHex(UInt256.pow(base, exponent, modulo: modulus))]
        }
    }

    @Test func wrappingPowerMatchesPython() {
        fixture.expect("exp", fixture.powers, describe: describe) { base, exponent, _ in
            [oracleHex(UInt256.exp(base, exponent))]
        }
    }
}
