public import Foundation

/// The timestamps of the cache files: written as the AWS CLI v2 writes them (`YYYY-MM-DDTHH:MM:SSZ`, UTC,
/// whole seconds) and read in every RFC 3339 form another tool may have left (offsets, fractions, `UTC`).
public enum CacheTimestamp {
    /// Formats `date` as `YYYY-MM-DDTHH:MM:SSZ` in UTC, truncated to whole seconds as `strftime` does.
    public static func format(_ date: Date) -> String {
        let seconds = Int64(date.timeIntervalSince1970.rounded(.down))
        let days = floorDivide(seconds, 86_400)
        let secondOfDay = seconds - days * 86_400
        let (year, month, day) = CivilDate.fromDays(days)
        if (0...9999).contains(year) {
            // The usual years, written as bytes into one string (this runs once per credential file).
            let fields: [(Int64, Int)] = [
                (year, 4), (month, 2), (day, 2), (secondOfDay / 3600, 2), (secondOfDay % 3600 / 60, 2),
                (secondOfDay % 60, 2),
            ]
            let separators: [UInt8] = Array("--T::Z".utf8)
            return String(unsafeUninitializedCapacity: 20) { buffer in
                var index = 0
                for (position, (value, width)) in fields.enumerated() {
                    var rest = value
                    for digit in stride(from: width - 1, through: 0, by: -1) {
                        buffer[index + digit] = UInt8(ascii: "0") + UInt8(rest % 10)
                        rest /= 10
                    }
                    index += width
                    buffer[index] = separators[position]
                    index += 1
                }
                return index
            }
        }
        return pad(year, 4) + "-" + pad(month, 2) + "-" + pad(day, 2) + "T"
            + pad(secondOfDay / 3600, 2) + ":" + pad(secondOfDay % 3600 / 60, 2) + ":" + pad(secondOfDay % 60, 2) + "Z"
    }

    /// Parses an RFC 3339 timestamp as dateutil would accept it from a cache file.
    ///
    /// Accepts `T`, `t` or a space between date and time; optional fractional seconds of any length; and
    /// a zone of `Z`/`z`, `±HH:MM`, `±HHMM`, `±HH`, or `UTC`/`GMT` (with or without a space before it).
    /// - Returns: the instant, or nil when the text is not such a timestamp, a field is out of range, or
    ///   the zone is missing (botocore crashes on a zone-less timestamp; multisso reports it instead).
    public static func parse(_ text: String) -> Date? {
        var scanner = TimestampScanner(text)
        guard let year = scanner.digits(4), scanner.skip("-"),
            let month = scanner.digits(2), scanner.skip("-"),
            let day = scanner.digits(2),
            scanner.skipAny(["T", "t", " "]),
            let hour = scanner.digits(2), scanner.skip(":"),
            let minute = scanner.digits(2), scanner.skip(":"),
            let second = scanner.digits(2)
        else { return nil }
        var fraction = 0.0
        if scanner.skip(".") || scanner.skip(",") {
            guard let value = scanner.fraction() else { return nil }
            fraction = value
        }
        guard let offset = scanner.zoneOffsetSeconds(), scanner.isAtEnd else { return nil }
        guard (1...12).contains(month), (1...CivilDate.daysIn(month: month, year: year)).contains(day),
            (0...23).contains(hour), (0...59).contains(minute), (0...59).contains(second)
        else { return nil }
        let days = CivilDate.toDays(year: year, month: month, day: day)
        let local = days * 86_400 + Int64(hour * 3600 + minute * 60 + second)
        return Date(timeIntervalSince1970: Double(local - Int64(offset)) + fraction)
    }

    private static func pad(_ value: some BinaryInteger, _ width: Int) -> String {
        let text = String(value)
        return String(repeating: "0", count: max(0, width - text.count)) + text
    }

    static func floorDivide(_ value: Int64, _ divisor: Int64) -> Int64 {
        let quotient = value / divisor
        return (value % divisor < 0) ? quotient - 1 : quotient
    }
}

/// Proleptic Gregorian calendar arithmetic (Howard Hinnant's days-from-civil), so no Calendar or locale
/// can change what is written or read.
enum CivilDate {
    static func toDays(year: Int, month: Int, day: Int) -> Int64 {
        let y = Int64(month <= 2 ? year - 1 : year)
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let m = Int64(month)
        let dayOfYear = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + Int64(day) - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    static func fromDays(_ days: Int64) -> (year: Int64, month: Int64, day: Int64) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let mp = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }
}

/// A cursor over the scalars of a timestamp.
struct TimestampScanner {
    private let scalars: [Unicode.Scalar]
    private var index = 0

    init(_ text: String) { scalars = Array(text.unicodeScalars) }

    var isAtEnd: Bool { index == scalars.count }

    mutating func skip(_ character: Unicode.Scalar) -> Bool {
        guard index < scalars.count, scalars[index] == character else { return false }
        index += 1
        return true
    }

    mutating func skipAny(_ characters: [Unicode.Scalar]) -> Bool {
        characters.contains { skip($0) }
    }

    /// Exactly `count` ASCII digits.
    mutating func digits(_ count: Int) -> Int? {
        guard index + count <= scalars.count else { return nil }
        var value = 0
        for scalar in scalars[index..<(index + count)] {
            guard let digit = Self.digitValue(scalar) else { return nil }
            value = value * 10 + digit
        }
        index += count
        return value
    }

    /// One or more digits after the decimal mark, as a fraction of a second.
    mutating func fraction() -> Double? {
        var scale = 0.1
        var value = 0.0
        let start = index
        while index < scalars.count, let digit = Self.digitValue(scalars[index]) {
            if index - start < 15 {
                value += Double(digit) * scale
                scale /= 10
            }
            index += 1
        }
        return index > start ? value : nil
    }

    /// The zone designator as seconds east of UTC, or nil when there is none or it is malformed.
    mutating func zoneOffsetSeconds() -> Int? {
        if skip("Z") || skip("z") { return 0 }
        let save = index
        _ = skip(" ")
        if skipWord("UTC") || skipWord("GMT") { return 0 }
        index = save
        let sign: Int
        if skip("+") { sign = 1 } else if skip("-") { sign = -1 } else { return nil }
        guard let hours = digits(2), hours <= 23 else { return nil }
        var minutes = 0
        if isAtEnd {
            minutes = 0
        } else {
            _ = skip(":")
            guard let value = digits(2), value <= 59 else { return nil }
            minutes = value
        }
        return sign * (hours * 3600 + minutes * 60)
    }

    private mutating func skipWord(_ word: String) -> Bool {
        let save = index
        for expected in word.unicodeScalars {
            guard index < scalars.count,
                String(scalars[index]).uppercased() == String(expected)
            else {
                index = save
                return false
            }
            index += 1
        }
        return true
    }

    private static func digitValue(_ scalar: Unicode.Scalar) -> Int? {
        guard scalar.value >= 48 && scalar.value <= 57 else { return nil }
        return Int(scalar.value - 48)
    }
}
