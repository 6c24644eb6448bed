using System.Collections;
using System.Diagnostics;

namespace Auth.Api.Logging;

/// <summary>
/// One log line per request (method, path, status, elapsed ms) and a correlation id: the caller's X-Correlation-ID
/// when it is 1-64 characters of [A-Za-z0-9._-], otherwise a generated one. It is echoed on every response, errors
/// included, and sits in a logging scope so every line logged while handling the request carries it. The path is
/// logged without its query string, and no header or body is ever logged (they hold passwords and tokens).
/// </summary>
public sealed partial class RequestLogging(RequestDelegate next, ILogger<RequestLogging> logger)
{
    public const string HeaderName = "X-Correlation-ID";
    public const int MaxLength = 64;

    public async Task InvokeAsync(HttpContext context)
    {
        var start = Stopwatch.GetTimestamp();
        var correlationId = IsSane(context.Request.Headers[HeaderName].ToString())
            ? context.Request.Headers[HeaderName].ToString()
            : NewCorrelationId();
        context.Response.OnStarting(static state =>
        {
            var (response, id) = ((HttpResponse, string))state;
            response.Headers[HeaderName] = id;
            return Task.CompletedTask;
        }, (context.Response, correlationId));

        using var scope = logger.BeginScope(new CorrelationScope(correlationId));
        var status = StatusCodes.Status500InternalServerError; // when an exception escapes every handler
        try
        {
            await next(context);
            status = context.Response.StatusCode;
        }
        finally
        {
            LogRequest(logger, context.Request.Method, context.Request.Path.Value ?? "/", status,
                Math.Round(Stopwatch.GetElapsedTime(start).TotalMilliseconds, 1), correlationId);
        }
    }

    /// <summary>
    /// 32 random lowercase hex characters (the shape of a GUID without dashes). Random.Shared, not Guid.NewGuid: on Linux
    /// every Guid.NewGuid reads the kernel's random source, a system call per request that perf showed at 3% of the
    /// profile path. A correlation id only has to be unique, not unpredictable: callers may choose their own.
    /// </summary>
    public static string NewCorrelationId()
    {
        Span<byte> bytes = stackalloc byte[16];
        Random.Shared.NextBytes(bytes);
        return Convert.ToHexStringLower(bytes);
    }

    public static bool IsSane(string? value)
    {
        if (string.IsNullOrEmpty(value) || value.Length > MaxLength)
            return false;
        foreach (var c in value)
            if (!(char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-'))
                return false;
        return true;
    }

    [LoggerMessage(EventId = 1, EventName = "Request", Level = LogLevel.Information,
        Message = "HTTP {Method} {Path} responded {StatusCode} in {ElapsedMs} ms [{CorrelationId}]")]
    private static partial void LogRequest(ILogger logger, string method, string path, int statusCode, double elapsedMs, string correlationId);

    /// <summary>The scope's one value, as a key/value pair so structured formatters (json) write it as a field.</summary>
    private sealed class CorrelationScope(string id) : IReadOnlyList<KeyValuePair<string, object?>>
    {
        public KeyValuePair<string, object?> this[int index] =>
            index == 0 ? new("CorrelationId", id) : throw new ArgumentOutOfRangeException(nameof(index));
        public int Count => 1;
        public IEnumerator<KeyValuePair<string, object?>> GetEnumerator() { yield return this[0]; }
        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
        public override string ToString() => $"CorrelationId:{id}";
    }
}
