namespace Auth.Api.Security;

/// <summary>Configuration section <c>Https</c>: redirect to HTTPS and send HSTS (never in Development).</summary>
public sealed class HttpsOptions
{
    public const string Section = "Https";

    /// <summary>Off by default, so plain <c>dotnet run</c> and a TLS-terminating proxy in front both work unchanged.</summary>
    public bool Enabled { get; set; }

    /// <summary>The port plain-HTTP requests are redirected to.</summary>
    public int Port { get; set; } = 443;

    /// <summary>Strict-Transport-Security max-age.</summary>
    public double HstsMaxAgeDays { get; set; } = 365;
}
