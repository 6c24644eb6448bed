namespace Auth.Core.Common;

/// <summary>Where a request came from: recorded in the audit log and shown in the sessions list.</summary>
public sealed record ClientInfo(string? Ip, string? UserAgent = null)
{
    public static readonly ClientInfo Unknown = new((string?)null);
}
