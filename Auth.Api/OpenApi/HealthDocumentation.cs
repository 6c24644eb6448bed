using Microsoft.OpenApi;

namespace Auth.Api.OpenApi;

/// <summary>
/// The health endpoints are health-check middleware endpoints, which ApiExplorer does not see, so they are described
/// here by hand from what DependencyInjection.MapHealth writes.
/// </summary>
public static class HealthDocumentation
{
    public static void AddHealthPaths(OpenApiDocument document)
    {
        document.Paths ??= new OpenApiPaths();
        document.Paths["/health/live"] = PathItem(
            "Liveness: the process answers. Never touches the database.", ready: false);
        document.Paths["/health/ready"] = PathItem(
            "Readiness: the database answers and its migrations are applied; 503 until then or while it is unreachable.", ready: true);
    }

    private static OpenApiPathItem PathItem(string summary, bool ready)
    {
        var responses = new OpenApiResponses { ["200"] = Response("Healthy.") };
        if (ready)
            responses["503"] = Response("Unhealthy: the database is unreachable or not migrated yet.");
        return new OpenApiPathItem
        {
            Operations = new Dictionary<HttpMethod, OpenApiOperation>
            {
                [HttpMethod.Get] = new()
                {
                    Tags = new HashSet<OpenApiTagReference> { new("Health") },
                    Summary = summary,
                    OperationId = ready ? "HealthReady" : "HealthLive",
                    Responses = responses,
                },
            },
        };
    }

    private static OpenApiResponse Response(string description) => new()
    {
        Description = description,
        Content = new Dictionary<string, OpenApiMediaType>
        {
            ["application/json"] = new() { Schema = Report },
        },
    };

    private static OpenApiSchema Report => new()
    {
        Type = JsonSchemaType.Object,
        Required = new HashSet<string> { "status", "checks" },
        Properties = new Dictionary<string, IOpenApiSchema>
        {
            ["status"] = new OpenApiSchema { Type = JsonSchemaType.String, Enum = ["Healthy", "Degraded", "Unhealthy"] },
            ["checks"] = new OpenApiSchema
            {
                Type = JsonSchemaType.Object,
                Description = "One entry per check (readiness: \"database\").",
                AdditionalProperties = new OpenApiSchema
                {
                    Type = JsonSchemaType.Object,
                    Properties = new Dictionary<string, IOpenApiSchema>
                    {
                        ["status"] = new OpenApiSchema { Type = JsonSchemaType.String },
                        ["description"] = new OpenApiSchema { Type = JsonSchemaType.String },
                    },
                },
            },
        },
    };
}
