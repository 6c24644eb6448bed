namespace Auth.Core.Common;

/// <summary>The result of a Core operation: an outcome, a value on success, a human message otherwise.</summary>
public sealed record Result<T>(Outcome Outcome, T? Value = default, string? Message = null, TimeSpan? RetryAfter = null)
{
    public bool Succeeded => Outcome is Outcome.Success or Outcome.Created;

    public static Result<T> Ok(T value) => new(Outcome.Success, value);
    public static Result<T> Created(T value) => new(Outcome.Created, value);
    public static Result<T> Fail(Outcome outcome, string message, TimeSpan? retryAfter = null) =>
        new(outcome, default, message, retryAfter);
}
