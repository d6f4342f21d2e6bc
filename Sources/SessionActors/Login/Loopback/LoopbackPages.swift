/// The small HTML pages the loopback listener answers the browser with.
enum LoopbackPages {
    static let success = page(
        title: "multisso: signed in",
        heading: "Login complete",
        text: "You can close this window and return to the terminal.")
    static let failed = page(
        title: "multisso: login failed",
        heading: "Login failed",
        text: "The login did not complete; see the terminal for details. You can close this window.")
    static let notFound = page(title: "Not found", heading: "Not found", text: "This page does not exist.")
    static let badRequest = page(
        title: "Bad request", heading: "Bad request", text: "The request carried no authorization code.")

    private static func page(title: String, heading: String, text: String) -> String {
        "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>\(title)</title></head>"
            + "<body><h1>\(heading)</h1><p>\(text)</p></body></html>"
    }

    /// The full HTTP/1.1 response for a status and page, closing the connection.
    static func response(status: Int, page: String) -> [UInt8] {
        let reason: String
        switch status {
        case 200: reason = "OK"
        case 400: reason = "Bad Request"
        case 404: reason = "Not Found"
        case 405: reason = "Method Not Allowed"
        case 431: reason = "Request Header Fields Too Large"
        default: reason = "Error"
        }
        let body = Array(page.utf8)
        let head =
            "HTTP/1.1 \(status) \(reason)\r\nContent-Type: text/html; charset=utf-8\r\n"
            + "Content-Length: \(body.count)\r\nCache-Control: no-store\r\nConnection: close\r\n\r\n"
        return Array(head.utf8) + body
    }
}
