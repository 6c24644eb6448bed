namespace Auth.Core.Security;

/// <summary>How a throttled credential check came out; <see cref="RetryAfter"/> is set when it was refused as locked.</summary>
public sealed record CredentialCheck(CredentialCheckOutcome Outcome, TimeSpan RetryAfter = default)
{
    public static readonly CredentialCheck Passed = new(CredentialCheckOutcome.Passed);
    public static readonly CredentialCheck Failed = new(CredentialCheckOutcome.Failed);
    public static CredentialCheck Locked(TimeSpan retryAfter) => new(CredentialCheckOutcome.Locked, retryAfter);
}
