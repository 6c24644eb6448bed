namespace Auth.Core.Common;

/// <summary>What a Core operation ended with; the API turns each into one status code.</summary>
public enum Outcome
{
    Success,
    Created,
    NotFound,
    Conflict,
    InvalidCredentials,
    TooManyAttempts,
}
