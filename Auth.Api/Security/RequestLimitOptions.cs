namespace Auth.Api.Security;

/// <summary>Configuration section <c>Limits</c>.</summary>
public sealed class RequestLimitOptions
{
    public const string Section = "Limits";

    /// <summary>The largest request body accepted; every request this API takes is a small JSON object.</summary>
    public long MaxRequestBodyBytes { get; set; } = 16 * 1024;
}
