using Auth.Api.Authorization;
using Auth.Core.Users;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Auth.Api.OpenApi;

/// <summary>
/// The OpenAPI document at /openapi/v1.json and Swagger UI at /swagger. On in Development, off elsewhere unless
/// <c>OpenApi:Enabled</c> says otherwise.
/// </summary>
public static class ApiDocumentation
{
    public const string DocumentName = "v1";
    public const string DocumentPath = "/openapi/v1.json";
    public const string BearerScheme = "Bearer";
    public const string EnabledKey = "OpenApi:Enabled";

    public static bool IsEnabled(IConfiguration configuration, IHostEnvironment environment) =>
        configuration.GetValue<bool?>(EnabledKey) ?? environment.IsDevelopment();

    public static IServiceCollection AddApiDocumentation(this IServiceCollection services) =>
        services.AddOpenApi(DocumentName, o =>
        {
            o.AddDocumentTransformer(DescribeDocument);
            o.AddOperationTransformer(RequireBearerByAccessLevel);
            o.AddOperationTransformer(AddAlternativeBodies);
            o.AddSchemaTransformer(AddProblemMessage);
        });

    /// <summary>Serves the document and the UI (middleware, so it answers before the /swagger 404 catch-all runs).</summary>
    public static void UseApiDocumentation(this WebApplication app)
    {
        if (!IsEnabled(app.Configuration, app.Environment))
            return;
        app.MapOpenApi("/openapi/{documentName}.json");
        app.UseSwaggerUI(o =>
        {
            o.RoutePrefix = "swagger";
            o.DocumentTitle = "Auth API";
            o.SwaggerEndpoint(DocumentPath, "Auth API v1");
            o.EnablePersistAuthorization();
            o.DisplayRequestDuration();
        });
    }

    private static Task DescribeDocument(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken ct)
    {
        document.Info = new OpenApiInfo
        {
            Title = "Auth API",
            Version = "v1",
            Description = "User registration and role-based authorization. Errors are RFC 7807 problem+json with a " +
                          "one-line `message`. Log in with POST /api/authenticate, then Authorize with the `token`.",
        };
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes[BearerScheme] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            BearerFormat = "JWT",
            Description = "The `token` from POST /api/authenticate. `Authorization: JWT <token>` is accepted too.",
        };
        HealthDocumentation.AddHealthPaths(document);
        return Task.CompletedTask;
    }

    /// <summary>
    /// User- and admin-level operations require the bearer token; guest-level ones (/api/me) take it optionally
    /// (an empty requirement next to the bearer one); public ones carry no requirement.
    /// </summary>
    private static Task RequireBearerByAccessLevel(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken ct)
    {
        var level = AccessLevelOf(context.Description.ActionDescriptor.EndpointMetadata);
        if (level is null)
            return Task.CompletedTask;
        var bearer = new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(BearerScheme, context.Document)] = [] };
        operation.Security = level == AccessLevel.Guest ? [new OpenApiSecurityRequirement(), bearer] : [bearer];
        operation.Description = (operation.Description is null ? "" : operation.Description + " ") +
                                $"Access level: {level.Value.ToString().ToLowerInvariant()}.";
        return Task.CompletedTask;
    }

    private static async Task AddAlternativeBodies(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken ct)
    {
        foreach (var also in context.Description.ActionDescriptor.EndpointMetadata.OfType<AlsoProducesAttribute>())
        {
            if (operation.Responses?.TryGetValue(also.StatusCode.ToString(), out var response) != true || response!.Content is null)
                continue;
            var alternative = await context.GetOrCreateSchemaAsync(also.Type, null, ct);
            foreach (var media in response.Content.Values)
                media.Schema = media.Schema is null ? alternative : new OpenApiSchema { OneOf = [media.Schema, alternative] };
        }
    }

    /// <summary>The access level an endpoint demands, or null for a public endpoint (the nearest [AllowOnly] wins).</summary>
    public static AccessLevel? AccessLevelOf(IEnumerable<object> endpointMetadata) =>
        endpointMetadata.OfType<AllowOnlyAttribute>().LastOrDefault()?.Level;

    /// <summary>Every problem body carries a one-line <c>message</c> for clients of the original Express API.</summary>
    private static Task AddProblemMessage(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken ct)
    {
        if (!typeof(ProblemDetails).IsAssignableFrom(context.JsonTypeInfo.Type))
            return Task.CompletedTask;
        schema.Properties ??= new Dictionary<string, IOpenApiSchema>();
        schema.Properties["message"] = new OpenApiSchema
        {
            Type = JsonSchemaType.String,
            Description = "The error in one line (the same text as `detail`).",
        };
        return Task.CompletedTask;
    }
}
