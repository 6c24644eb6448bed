namespace Auth.Core.Common;

/// <summary>
/// The result of a Core operation: an outcome, a value on success, a human message otherwise; for
/// <see cref="Outcome.Invalid"/> the field to blame, for <see cref="Outcome.Forbidden"/> a machine-readable code.
/// </summary>
public sealed record Result<T>(Outcome Outcome, T? Value = default, string? Message = null, TimeSpan? RetryAfter = null)
{
    public bool Succeeded => Outcome is Outcome.Success or Outcome.Created;

    public string? Field { get; init; }

    public string? Code { get; init; }

    public static Result<T> Ok(T value) => new(Outcome.Success, value);
    public static Result<T> Created(T value) => new(Outcome.Created, value);
    public static Result<T> Fail(Outcome outcome, string message, TimeSpan? retryAfter = null) =>
        new(outcome, default, message, retryAfter);
    public static Result<T> Invalid(string field, string message) => new(Outcome.Invalid, default, message) { Field = field };
    public static Result<T> Forbidden(string code, string message) => new(Outcome.Forbidden, default, message) { Code = code };

    /// <summary>The same failure for a result of another type.</summary>
    public Result<TOther> As<TOther>() =>
        new(Outcome, default, Message, RetryAfter) { Field = Field, Code = Code };
}
