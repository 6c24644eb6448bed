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

    /// <summary>The request named something wrong in one field (<see cref="Result{T}.Field"/>): a 400 field error.</summary>
    Invalid,

    /// <summary>Refused for a reason a client acts on (<see cref="Result{T}.Code"/>), such as a disabled account.</summary>
    Forbidden,
}
