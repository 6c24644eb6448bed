namespace Auth.Core.Security;

public enum CredentialCheckOutcome
{
    Passed,
    Failed,

    /// <summary>The username is locked: the credential was not checked.</summary>
    Locked,
}
