namespace Auth.Core.Common;

/// <summary>Paging limits shared by every listing.</summary>
public static class Paging
{
    public const int DefaultSize = 20;
    public const int MaxSize = 100;
}
