/// Recursive-descent parser for ``ScoreExpression``.
///
/// Grammar, loosest first:
/// ```
/// ternary := or ('?' ternary ':' ternary)?
/// or      := xor (('or' | '||') xor)*
/// xor     := and ('xor' and)*
/// and     := cmp (('and' | '&&') cmp)*
/// cmp     := sum (('=='|'!='|'<'|'<='|'>'|'>=') sum)?
/// sum     := prod (('+'|'-') prod)*
/// prod    := unary (('*'|'/'|'%') unary)*
/// unary   := ('-'|'+'|'not'|'!') unary | power
/// power   := atom ('^' unary)?
/// atom    := number | 'true' | 'false' | variable | name '(' args ')' | '(' ternary ')'
/// ```
///
/// Input is bounded so a hostile expression cannot exhaust the stack: at most
/// ``maxLength`` characters and ``maxDepth`` levels of nesting (parentheses, unary operators,
/// `^`, ternaries and calls each count one level).
struct ExpressionParser {
    /// The longest expression accepted, in characters.
    static let maxLength = 1024
    /// The deepest nesting accepted (a parenthesis counts two levels: the group and its operand).
    static let maxDepth = 128
    /// The highest layer variable number (`z1000`); no one combines more layers.
    static let maxVariableNumber = 1000

    private let chars: [Character]
    private var pos = 0
    private var depth = 0
    private let variableCount: Int
    private(set) var used = Set<Int>()

    init(_ text: String, variableCount: Int) {
        chars = Array(text)
        self.variableCount = variableCount
    }

    mutating func parseAll() throws(ExpressionError) -> Node {
        guard chars.count <= Self.maxLength else {
            throw ExpressionError(column: Self.maxLength + 1, message: "expression is \(chars.count) characters long; at most \(Self.maxLength) are accepted")
        }
        skipSpace()
        if pos >= chars.count { throw ExpressionError(column: 1, message: "empty expression; expected e.g. 'a + b'") }
        let node = try ternary()
        skipSpace()
        if pos < chars.count { throw fail("expected an operator or the end, found '\(chars[pos])'") }
        return node
    }

    private func fail(_ message: String, at column: Int? = nil) -> ExpressionError {
        ExpressionError(column: (column ?? pos) + 1, message: message)
    }

    private mutating func skipSpace() {
        while pos < chars.count, chars[pos].isWhitespace { pos += 1 }
    }

    /// Consumes `token` (a symbol, or a word not followed by a letter) when it comes next.
    private mutating func accept(_ token: String) -> Bool {
        skipSpace()
        let t = Array(token)
        guard pos + t.count <= chars.count, Array(chars[pos..<pos + t.count]) == t else { return false }
        if let last = t.last, last.isLetter, pos + t.count < chars.count, chars[pos + t.count].isLetter || chars[pos + t.count].isNumber {
            return false
        }
        pos += t.count
        return true
    }

    /// Enters one level of nesting, refusing more than `maxDepth`.
    private mutating func descend() throws(ExpressionError) {
        depth += 1
        if depth > Self.maxDepth { throw fail("expression nested too deeply (more than \(Self.maxDepth / 2) parentheses or prefix operators)") }
    }

    private mutating func ternary() throws(ExpressionError) -> Node {
        try descend()
        defer { depth -= 1 }
        let c = try or()
        guard accept("?") else { return c }
        let x = try ternary()
        guard accept(":") else { throw fail("expected ':' of the ternary 'condition ? then : else'") }
        let y = try ternary()
        return .ternary(c, x, y)
    }

    private mutating func or() throws(ExpressionError) -> Node {
        try leftAssociative(["or": "or", "||": "or"]) { p throws(ExpressionError) in try p.xor() }
    }

    private mutating func xor() throws(ExpressionError) -> Node {
        try leftAssociative(["xor": "xor"]) { p throws(ExpressionError) in try p.and() }
    }

    private mutating func and() throws(ExpressionError) -> Node {
        try leftAssociative(["and": "and", "&&": "and"]) { p throws(ExpressionError) in try p.comparison() }
    }

    private mutating func comparison() throws(ExpressionError) -> Node {
        let l = try sum()
        for op in ["==", "!=", "<=", ">=", "<", ">"] where accept(op) {
            return .binary(op, l, try sum())
        }
        return l
    }

    private mutating func sum() throws(ExpressionError) -> Node {
        try leftAssociative(["+": "+", "-": "-"]) { p throws(ExpressionError) in try p.product() }
    }

    private mutating func product() throws(ExpressionError) -> Node {
        try leftAssociative(["*": "*", "/": "/", "%": "%"]) { p throws(ExpressionError) in try p.unary() }
    }

    /// `operand (operator operand)*`, grouped to the left; `operators` maps each spelling to the
    /// operator's name in the tree, tried in order.
    private mutating func leftAssociative(
        _ operators: KeyValuePairs<String, String>, _ operand: (inout ExpressionParser) throws(ExpressionError) -> Node
    ) throws(ExpressionError) -> Node {
        var l = try operand(&self)
        while let name = nextOperator(operators) { l = .binary(name, l, try operand(&self)) }
        return l
    }

    /// Consumes the first of `operators`' spellings that comes next; its name, or nil.
    private mutating func nextOperator(_ operators: KeyValuePairs<String, String>) -> String? {
        for (spelling, name) in operators where accept(spelling) { return name }
        return nil
    }

    private mutating func unary() throws(ExpressionError) -> Node {
        try descend()
        defer { depth -= 1 }
        if accept("-") { return .unary("-", try unary()) }
        if accept("+") { return .unary("+", try unary()) }
        if accept("not") { return .unary("not", try unary()) }
        skipSpace()
        if pos < chars.count, chars[pos] == "!", pos + 1 >= chars.count || chars[pos + 1] != "=" {
            pos += 1
            return .unary("not", try unary())
        }
        let base = try atom()
        if accept("^") { return .binary("^", base, try unary()) }
        return base
    }

    private mutating func atom() throws(ExpressionError) -> Node {
        skipSpace()
        guard pos < chars.count else { throw fail("unexpected end; expected a number, a layer variable or '('") }
        let start = pos
        let c = chars[pos]
        if c == "(" {
            pos += 1
            let inner = try ternary()
            guard accept(")") else { throw fail("expected ')' to close '(' at column \(start + 1)") }
            return inner
        }
        if c.isNumber || c == "." {
            while pos < chars.count, chars[pos].isNumber || chars[pos] == "." { pos += 1 }
            if pos < chars.count, chars[pos] == "e" || chars[pos] == "E" {
                pos += 1
                if pos < chars.count, chars[pos] == "+" || chars[pos] == "-" { pos += 1 }
                while pos < chars.count, chars[pos].isNumber { pos += 1 }
            }
            let text = String(chars[start..<pos])
            guard let n = Double(text) else { throw fail("'\(text)' is not a number", at: start) }
            return .number(n)
        }
        if c.isLetter || c == "_" {
            while pos < chars.count, chars[pos].isLetter || chars[pos].isNumber || chars[pos] == "_" { pos += 1 }
            let name = String(chars[start..<pos])
            switch name {
            case "true": return .number(1)
            case "false": return .number(0)
            case "min", "max", "abs":
                guard accept("(") else { throw fail("expected '(' after \(name)") }
                var args: [Node] = []
                if !accept(")") {
                    repeat { args.append(try ternary()) } while accept(",")
                    guard accept(")") else { throw fail("expected ',' or ')' in \(name)(…)") }
                }
                if args.isEmpty || (name == "abs" && args.count != 1) {
                    throw fail("\(name) needs \(name == "abs" ? "one argument" : "at least one argument")", at: start)
                }
                return .call(name, args)
            default:
                guard let index = Self.variableIndex(name) else {
                    throw fail("unknown name '\(name.prefix(40))'; expected a layer variable (a, b, …) or min, max, abs", at: start)
                }
                guard index < variableCount else {
                    let names = (0..<variableCount).map(ScoreExpression.variableName).joined(separator: ", ")
                    throw fail(
                        "unknown variable '\(name)': there is no layer \(index + 1) (\(variableCount) layer\(variableCount == 1 ? "" : "s") given: \(names))",
                        at: start)
                }
                used.insert(index)
                return .variable(index)
            }
        }
        throw fail("unexpected '\(c)'; expected a number, a layer variable or '('")
    }

    /// `a` → 0 … `z` → 25, `a1` → 26 …
    static func variableIndex(_ name: String) -> Int? {
        let u = Array(name.utf8)
        guard let first = u.first, (97...122).contains(first) else { return nil }
        let letter = Int(first) - 97
        if u.count == 1 { return letter }
        guard u.count <= 5, let n = Int(String(decoding: u.dropFirst(), as: UTF8.self)), n > 0,
              n <= maxVariableNumber else { return nil }
        return letter + 26 * n
    }
}
