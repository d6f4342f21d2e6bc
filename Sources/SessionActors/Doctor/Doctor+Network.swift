import Foundation
import SSOConfig
import SSOWire

/// Reachability of every distinct endpoint (with the proxy and CA bundle settings a login would use)
/// and the clock against the service's `Date` header.
extension Doctor {
    /// What one endpoint answered.
    struct Probe: Sendable {
        var endpoint: URL
        var profiles: [String]
        var outcome: Result<Date?, WireError>
        /// The local time halfway through the request.
        var localTime: Date
    }

    func network(_ profiles: [SSOProfile]) async -> [DoctorFinding] {
        guard !profiles.isEmpty else { return [] }
        var findings: [DoctorFinding] = []
        var bundle: CABundle?
        do {
            bundle = try CABundleSetting.resolve(
                environment: environment, config: config, profiles: profiles.map(\.name))
            if let bundle {
                findings.append(DoctorFinding(check: "ca_bundle", severity: .ok, message: "TLS trusts only \(bundle)"))
            }
        } catch {
            findings.append(
                DoctorFinding(
                    check: "ca_bundle", severity: .error, message: "\(error)",
                    fix: "point AWS_CA_BUNDLE or every profile's ca_bundle at one readable PEM file"))
        }
        let endpoints = Self.endpoints(profiles)
        let probes =
            (try? await HTTPClients.with { clients in
                await probeAll(
                    endpoints,
                    transport: NIOHTTPTransport(clients: clients, timeout: timeout, proxies: proxies, caBundle: bundle))
            }) ?? []
        for probe in probes {
            let route = proxies.proxy(for: probe.endpoint).map { "through the proxy \($0)" } ?? "directly"
            switch probe.outcome {
            case .success:
                findings.append(
                    DoctorFinding(
                        check: "endpoint", severity: .ok, message: "\(probe.endpoint.absoluteString) answers (\(route))"
                    ))
            case .failure(let error):
                findings.append(
                    DoctorFinding(
                        check: "endpoint", severity: .error,
                        message: "\(probe.endpoint.absoluteString) cannot be reached \(route), used by "
                            + "\(Self.list(probe.profiles)): \(error)",
                        fix:
                            "check the network, HTTPS_PROXY / HTTP_PROXY / NO_PROXY, AWS_CA_BUNDLE or ca_bundle, and the "
                            + "endpoint_url or AWS_ENDPOINT_URL_SSO* overrides"))
            }
        }
        if let clock = clockFinding(probes) { findings.append(clock) }
        return findings
    }

    /// Each distinct OIDC and portal endpoint with the profiles that use it, in config order.
    static func endpoints(_ profiles: [SSOProfile]) -> [(url: URL, profiles: [String])] {
        var order: [URL] = []
        var users: [URL: [String]] = [:]
        for profile in profiles {
            let oidc = profile.endpoints.oidc ?? SSOEndpoints.oidc(region: profile.session.region)
            let portal = profile.endpoints.portal ?? SSOEndpoints.portal(region: profile.session.region)
            for url in [oidc, portal] {
                if users[url] == nil { order.append(url) }
                if users[url]?.contains(profile.name) != true { users[url, default: []].append(profile.name) }
            }
        }
        return order.map { ($0, users[$0] ?? []) }
    }

    /// One `GET` per endpoint, all at once.
    func probeAll(_ endpoints: [(url: URL, profiles: [String])], transport: NIOHTTPTransport) async -> [Probe] {
        let clock = self.clock
        return await withTaskGroup(of: (Int, Probe).self) { group in
            for (index, endpoint) in endpoints.enumerated() {
                group.addTask {
                    let before = clock.now()
                    let request = HTTPRequest(method: "GET", url: endpoint.url, operation: "reachability check")
                    let outcome: Result<Date?, WireError>
                    do throws(WireError) {
                        let response = try await transport.send(request)
                        outcome = .success(response.header("date").flatMap(Self.parseHTTPDate))
                    } catch {
                        outcome = .failure(error)
                    }
                    let after = clock.now()
                    let middle = before.addingTimeInterval(after.timeIntervalSince(before) / 2)
                    return (
                        index,
                        Probe(endpoint: endpoint.url, profiles: endpoint.profiles, outcome: outcome, localTime: middle)
                    )
                }
            }
            var probes: [(Int, Probe)] = []
            for await probe in group { probes.append(probe) }
            return probes.sorted { $0.0 < $1.0 }.map(\.1)
        }
    }

    /// The largest difference between this machine's clock and an endpoint's `Date` header.
    func clockFinding(_ probes: [Probe]) -> DoctorFinding? {
        var worst: (skew: TimeInterval, endpoint: URL)?
        for probe in probes {
            guard case .success(let date?) = probe.outcome else { continue }
            let skew = date.timeIntervalSince(probe.localTime)
            if abs(skew) > abs(worst?.skew ?? 0) || worst == nil { worst = (skew, probe.endpoint) }
        }
        guard let worst else { return nil }
        let seconds = Int(abs(worst.skew).rounded())
        let direction = worst.skew > 0 ? "behind" : "ahead of"
        let limit = skewWarning.components.seconds
        guard Int64(seconds) > limit else {
            return DoctorFinding(
                check: "clock", severity: .ok,
                message: "the clock agrees with \(worst.endpoint.host ?? "the service") within \(limit) s")
        }
        return DoctorFinding(
            check: "clock", severity: Int64(seconds) > 5 * limit ? .error : .warning,
            message:
                "this machine's clock is \(seconds) s \(direction) \(worst.endpoint.host ?? "the service")'s (its Date header): "
                + "tokens and credentials look valid longer or shorter than they are, and signed AWS requests fail beyond 5 minutes",
            fix: "synchronise the clock (e.g. `timedatectl set-ntp true`, or start chronyd/ntpd)")
    }

    /// An HTTP date (IMF-fixdate, as every AWS endpoint sends it); nil for anything else.
    static func parseHTTPDate(_ text: String) -> Date? {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss 'GMT'"
        return formatter.date(from: text)
    }

    /// A short list of profile names for a message.
    static func list(_ names: [String]) -> String {
        names.count <= 3
            ? "profile \(names.joined(separator: ", "))"
            : "profiles \(names.prefix(3).joined(separator: ", ")) and \(names.count - 3) more"
    }
}
