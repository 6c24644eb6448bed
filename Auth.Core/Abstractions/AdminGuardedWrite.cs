namespace Auth.Core.Abstractions;

/// <summary>What a write that must leave at least one admin did.</summary>
public enum AdminGuardedWrite
{
    Done,
    NotFound,
    /// <summary>Refused: the user is the only admin and the write would take that away.</summary>
    LastAdmin,
}
