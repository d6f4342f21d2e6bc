import Foundation
import SessionActors

/// Shows login prompts on standard error in the AWS CLI's words, each labelled with its portal.
struct TerminalPresenter: LoginPresenter {
    let console: Console

    func present(_ prompt: LoginPrompt) async {
        switch prompt {
        case .browserOpened(let label, let url):
            console.err(
                """
                \(header(label))Attempting to automatically open the SSO authorization page in your default browser.
                If the browser does not open or you wish to use a different device to authorize this request, open the following URL:

                \(url.absoluteString)
                """)
        case .openURL(let label, let url, let reason):
            if let reason { console.err("\(header(label))\(reason)") }
            console.err(
                """
                \(header(label))Browser will not be automatically opened.
                Please visit the following URL:

                \(url.absoluteString)
                """)
        case .deviceCode(let label, let startURL, let verificationURI, let userCode, let complete, let opened):
            var text = "\(header(label))Logging in to \(startURL)\n"
            if opened {
                text += "Attempting to automatically open the SSO authorization page in your default browser.\n"
                text += "If the browser does not open or you wish to use a different device to authorize this request, "
            } else {
                text += "Browser will not be automatically opened.\n"
            }
            text +=
                "open the following URL:\n\n\(verificationURI)\n\nThen enter the code:\n\n\(console.styled(userCode, "1"))\n"
            if let complete, !opened {
                text +=
                    "\nAlternatively, you may visit the following URL which will autofill the code upon loading:\n\(complete)\n"
            }
            console.err(text)
        case .waiting(let label):
            console.err("\(header(label))Waiting for the authorization to complete…")
        case .notice(let label, let message):
            console.err("\(header(label))\(message)")
        }
    }

    private func header(_ label: String) -> String {
        console.styled("[\(label)] ", "1;36")
    }
}
