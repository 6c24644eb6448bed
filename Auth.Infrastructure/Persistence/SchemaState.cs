namespace Auth.Infrastructure.Persistence;

/// <summary>Tells readiness (and the API's fault handler) whether the schema is in place.</summary>
public sealed class SchemaState
{
    private volatile bool _ready;
    public bool IsReady => _ready;
    public void MarkReady() => _ready = true;
}
