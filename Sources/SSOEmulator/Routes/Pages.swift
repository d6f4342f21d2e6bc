import Foundation

/// The emulator's small HTML pages: device approval, consent, messages.
enum Pages {
    static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
            .replacingOccurrences(of: "'", with: "&#39;")
    }

    static func document(title: String, _ body: String) -> String {
        """
        <!doctype html>
        <html lang="en"><head><meta charset="utf-8"><title>\(escape(title)) - IAM Identity Center emulator</title></head>
        <body><h1>\(escape(title))</h1>
        \(body)
        </body></html>
        """
    }

    static func message(title: String, _ text: String) -> String {
        document(title: title, "<p>\(escape(text))</p>")
    }

    static func deviceCodeEntry() -> String {
        document(
            title: "Authorize request",
            """
            <form method="get" action="/device">
            <label>Code <input name="user_code" autocomplete="off"></label>
            <button type="submit">Next</button>
            </form>
            """
        )
    }

    static func deviceApproval(userCode: String, clientName: String, startURL: String) -> String {
        document(
            title: "Authorize request",
            """
            <p>\(escape(clientName)) asks for access to \(escape(startURL)) with the code <strong>\(escape(userCode))</strong>.</p>
            <form method="post" action="/device">
            <input type="hidden" name="user_code" value="\(escape(userCode))">
            <button type="submit" name="decision" value="allow">Allow access</button>
            <button type="submit" name="decision" value="deny">Deny access</button>
            </form>
            """
        )
    }

    static func consent(_ pending: PendingAuthorization, startURL: String) -> String {
        document(
            title: "Allow access?",
            """
            <p>\(escape(pending.clientName)) asks for access to \(escape(startURL)) \
            (scopes: \(escape(pending.scopes.joined(separator: " "))).</p>
            <form method="post" action="/authorize/consent">
            <input type="hidden" name="request" value="\(escape(pending.id))">
            <button type="submit" name="decision" value="allow">Allow access</button>
            <button type="submit" name="decision" value="deny">Deny access</button>
            </form>
            """
        )
    }
}
