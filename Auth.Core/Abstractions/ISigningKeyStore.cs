using Auth.Core.Tokens;

namespace Auth.Core.Abstractions;

/// <summary>The signing keys every instance shares. Writes are conditional, so instances racing on one change end with one.</summary>
public interface ISigningKeyStore
{
    /// <summary>Every key, oldest generation first; retired ones only when asked for.</summary>
    Task<IReadOnlyList<SigningKey>> ListAsync(bool includeRetired, CancellationToken ct = default);

    /// <summary>False when another instance stored that generation (or kid) first.</summary>
    Task<bool> TryAddAsync(SigningKey key, CancellationToken ct = default);

    /// <summary>False when the key was activated already (by another instance).</summary>
    Task<bool> ActivateAsync(long id, DateTimeOffset at, CancellationToken ct = default);

    /// <summary>False when the key was retired already (by another instance).</summary>
    Task<bool> RetireAsync(long id, DateTimeOffset at, CancellationToken ct = default);
}
