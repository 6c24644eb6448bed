namespace Auth.Core.Abstractions;

/// <summary>How a password check came out.</summary>
public enum PasswordVerification
{
    Failed,
    Succeeded,

    /// <summary>Right password, but the stored hash is weaker than configured and should be replaced.</summary>
    SucceededRehashNeeded,
}
