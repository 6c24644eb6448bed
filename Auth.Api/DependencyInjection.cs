using System.Text.Json;
using Auth.Api.Authentication;
using Auth.Api.Authorization;
using Auth.Api.Contracts;
using Auth.Api.Hosting;
using Auth.Api.Logging;
using Auth.Api.Mapping;
using Auth.Api.OpenApi;
using Auth.Api.Problems;
using Auth.Api.Security;
using Auth.Api.Validation;
using FluentValidation;
using FluentValidation.AspNetCore;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace Auth.Api;

public static class DependencyInjection
{
    /// <summary>
    /// HTTP concerns: controllers, validation, problem details, mapping, authentication and authorization, per-client rate
    /// limits, and transport security (HTTPS, trusted proxies, body limit).
    /// </summary>
    public static IServiceCollection AddApi(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddProblemDetails(o => o.CustomizeProblemDetails = ApiProblems.Customize);
        // Client mistakes first: a cut-off or oversized body is the client's 4xx even while the database is down.
        services.AddExceptionHandler<ClientRequestExceptionHandler>();
        services.AddExceptionHandler<VerificationBusyHandler>();
        services.AddExceptionHandler<DatabaseUnavailableHandler>();
        services.AddSingleton<UnmatchedApiRequests>();
        services.AddControllers()
            .ConfigureApiBehaviorOptions(o => o.InvalidModelStateResponseFactory = ValidationProblems.FromInvalidModelState)
            // Our records first (source-generated); the default reflection resolver stays behind it for the rest.
            .AddJsonOptions(o => o.JsonSerializerOptions.TypeInfoResolverChain.Insert(0, ApiJsonContext.Default));
        services.ConfigureHttpJsonOptions(o => o.SerializerOptions.TypeInfoResolverChain.Insert(0, ApiJsonContext.Default));
        // FluentValidation runs during model validation; the invalid-model-state factory above answers for it too.
        services.AddFluentValidationAutoValidation();
        services.AddValidatorsFromAssemblyContaining<SignUpRequestValidator>(ServiceLifetime.Singleton);
        services.AddSingleton<IValidatorInterceptor, ValidatorFailures>();

        // AutoMapper 15+ is commercially licensed; without a key it only logs a notice.
        services.AddAutoMapper(cfg => cfg.LicenseKey = configuration["AutoMapper:LicenseKey"], typeof(ApiMappingProfile).Assembly);

        services.AddJwtAuthentication();
        services.AddAccessLevelAuthorization();
        services.AddClientRateLimits();
        services.AddSecurityHeaders();
        services.AddTransportSecurity();
        services.AddApiDocumentation();
        services.AddRequestLogging(configuration);
        services.AddOptions<AdminOptions>().BindConfiguration(AdminOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<AdminOptions>, AdminOptionsValidator>();
        services.AddHostedService<FirstAdminFromConfiguration>(); // after AddInfrastructure's migrator
        return services;
    }

    /// <summary>
    /// Unknown paths under the API's own prefixes are 404 problems, never the SPA's HTML page; a known path with the
    /// wrong method is 405 with an Allow header (<see cref="UnmatchedApiRequests"/>).
    /// </summary>
    public static void MapNotFoundProblems(this IEndpointRouteBuilder app, params string[] prefixes)
    {
        foreach (var prefix in prefixes)
            app.Map($"{prefix}/{{**rest}}", (HttpContext context, UnmatchedApiRequests unmatched) => unmatched.AnswerAsync(context))
                .ExcludeFromDescription();
    }

    /// <summary>/health/live: the process answers. /health/ready: the database answers and its schema is migrated.</summary>
    public static void MapHealth(this IEndpointRouteBuilder app)
    {
        // Anonymous whatever authorization defaults come later: probes carry no token.
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false, ResponseWriter = WriteHealth }).AllowAnonymous();
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = c => c.Tags.Contains("ready"), ResponseWriter = WriteHealth }).AllowAnonymous();
    }

    private static Task WriteHealth(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json";
        return context.Response.WriteAsync(JsonSerializer.Serialize(new
        {
            status = report.Status.ToString(),
            checks = report.Entries.ToDictionary(e => e.Key, e => new { status = e.Value.Status.ToString(), description = e.Value.Description }),
        }, JsonSerializerOptions.Web));
    }
}
