using Microsoft.Extensions.Logging.Console;

namespace Auth.Api.Logging;

public static class RequestLoggingExtensions
{
    /// <summary>
    /// The framework's console logger, plain or JSON by <c>Logging:Console:FormatterName</c>. The json formatter writes
    /// scopes, so every line carries the correlation id, with UTC timestamps.
    /// </summary>
    public static IServiceCollection AddRequestLogging(this IServiceCollection services, IConfiguration configuration)
    {
        // The slim builder's AddSimpleConsole sets FormatterName = simple after binding Logging:Console; binding the
        // section again lets configuration choose the formatter, as it does with the full builder.
        services.Configure<ConsoleLoggerOptions>(configuration.GetSection("Logging:Console"));
        return services.Configure<JsonConsoleFormatterOptions>(o =>
        {
            o.IncludeScopes = true;
            o.UseUtcTimestamp = true;
            o.TimestampFormat = "yyyy-MM-dd'T'HH:mm:ss.fff'Z'";
        });
    }

    /// <summary>First in the pipeline, so it sees the final status of every response, exception handler's included.</summary>
    public static IApplicationBuilder UseRequestLogging(this IApplicationBuilder app) => app.UseMiddleware<RequestLogging>();
}
