public import FileStore
import SSOConfig

extension AWSEnvironment {
    /// The profile a command uses: `named` when given, else `AWS_PROFILE` (or `AWS_DEFAULT_PROFILE`),
    /// else `default`, as the AWS CLI chooses.
    public func profileName(_ named: String?) -> String {
        named ?? selectedProfileName ?? "default"
    }
}
