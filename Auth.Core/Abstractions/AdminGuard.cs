namespace Auth.Core.Abstractions;

/// <summary>The last-admin rule, applied by every store inside its locked transaction.</summary>
public static class AdminGuard
{
    /// <summary>
    /// True when a write that <paramref name="removesAdmin"/> would leave no admin: <paramref name="userId"/> is an
    /// admin and no one else in <paramref name="adminIds"/> (every admin's id, read under lock) is.
    /// </summary>
    public static bool WouldLeaveNoAdmin(IReadOnlyCollection<long> adminIds, long userId, bool removesAdmin) =>
        removesAdmin && adminIds.Contains(userId) && adminIds.All(id => id == userId);
}
