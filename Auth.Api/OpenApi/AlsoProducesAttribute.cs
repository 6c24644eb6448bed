namespace Auth.Api.OpenApi;

/// <summary>
/// A second body an action answers with for the same status (ApiExplorer keeps one type per status): the document
/// then says the body is one of the two, e.g. /api/me's account or <c>{"role":"guest"}</c>.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = true)]
public sealed class AlsoProducesAttribute(Type type, int statusCode) : Attribute
{
    public Type Type { get; } = type;
    public int StatusCode { get; } = statusCode;
}
