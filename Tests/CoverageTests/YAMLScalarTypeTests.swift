@testable import Coverage
import Testing
import Yams

/// `isStringScalar` answers plain scalars that start with a letter without Yams's regular
/// expressions; it must answer what the default resolver answers.
struct YAMLScalarTypeTests {
    @Test(arguments: [
        "attack.t1059.001", "yes", "Yes", "YES", "yEs", "no", "NO", "nO", "true", "True", "tRUE", "false", "on", "ON", "Off",
        "off", "null", "Null", "NULL", "nULL", "y", "n", "Y", "yesno", "t1059", "T1059", "e5", "inf", "nan", "NaN", "x1",
        "cve.2021-44228", "attack.execution", "~", "12", "1.5", ".inf", "0x1F", "2024-01-01", "<<", "=", "-1", "+.inf",
    ])
    func answersAsTheDefaultResolver(_ text: String) {
        let node = Node.scalar(Node.Scalar(text, Tag(.implicit), .plain))
        #expect(node.isStringScalar == (Resolver.default.resolveTag(of: node) == .str), "\(text)")
    }
}
