import ArgumentParser

/// What the argument parser gets wrong for a person typing: a misspelt command (`logim --all`) would
/// be reported as an unknown option, `help nonexistent` and a bare `multisso` would exit 0, and a
/// negative number after `--timeout` would be taken for an option. Checked before parsing; the
/// command's own arguments after `--` are never looked at.
enum CommandLinePreflight {
    /// Options whose value may look like an option (`--timeout -1`): joined as `--timeout=-1` so the
    /// value reaches the command's validation, which names the option.
    static let numericOptions: Set<String> = ["--timeout", "--parallel", "--wait-for-login"]

    /// The arguments to parse, or the usage error to report (exit 64).
    static func check(_ arguments: [String], commands: [String]) -> Result<[String], ValidationError> {
        guard let first = arguments.first else {
            return .failure(ValidationError("no command given; run `multisso --help` to see the commands"))
        }
        if first == "help", arguments.count > 1, !commands.contains(arguments[1]) {
            return .failure(unknown(arguments[1], commands: commands))
        }
        if !first.hasPrefix("-"), first != "help", !commands.contains(first) {
            return .failure(unknown(first, commands: commands))
        }
        var joined: [String] = []
        var index = 0
        while index < arguments.count {
            let argument = arguments[index]
            if argument == "--" {
                joined += arguments[index...]
                break
            }
            if numericOptions.contains(argument), index + 1 < arguments.count, arguments[index + 1].hasPrefix("-"),
                Double(arguments[index + 1]) != nil
            {
                joined.append("\(argument)=\(arguments[index + 1])")
                index += 2
                continue
            }
            joined.append(argument)
            index += 1
        }
        return .success(joined)
    }

    private static func unknown(_ name: String, commands: [String]) -> ValidationError {
        let near = commands.min { distance($0, name) < distance($1, name) }
        let hint = near.flatMap { distance($0, name) <= 2 ? " (did you mean `\($0)`?)" : nil } ?? ""
        return ValidationError(
            "unknown command '\(name)'\(hint); the commands are \(commands.joined(separator: ", ")), or run `multisso --help`"
        )
    }

    /// Levenshtein distance, for the suggestion.
    private static func distance(_ a: String, _ b: String) -> Int {
        let a = Array(a)
        let b = Array(b)
        var previous = Array(0...b.count)
        for (i, x) in a.enumerated() {
            var current = [i + 1]
            for (j, y) in b.enumerated() {
                current.append(min(previous[j + 1] + 1, current[j] + 1, previous[j] + (x == y ? 0 : 1)))
            }
            previous = current
        }
        return previous[b.count]
    }
}
