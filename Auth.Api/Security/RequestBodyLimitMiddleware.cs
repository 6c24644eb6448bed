using Auth.Api.Problems;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;

namespace Auth.Api.Security;

/// <summary>
/// Refuses request bodies larger than <c>Limits:MaxRequestBodyBytes</c> with 413 problem+json: at once when
/// Content-Length says so, and as soon as a chunked body goes past the limit while it is being read.
/// </summary>
public sealed class RequestBodyLimitMiddleware(RequestDelegate next, IOptions<RequestLimitOptions> options)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var limit = options.Value.MaxRequestBodyBytes;
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } serverLimit)
            serverLimit.MaxRequestBodySize = limit; // Kestrel enforces it too, before the bytes reach us

        if (context.Request.ContentLength > limit)
        {
            await WriteTooLargeAsync(context, limit);
            return;
        }
        if (context.Request.ContentLength is null)
            context.Request.Body = new LengthLimitedStream(context.Request.Body, limit); // chunked: count as we read

        try
        {
            await next(context);
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge && !context.Response.HasStarted)
        {
            // Thrown by the body stream mid-read (ours or Kestrel's): the client's mistake, so a 413 body, not a 500.
            context.Response.Clear();
            await WriteTooLargeAsync(context, limit);
        }
    }

    private static ValueTask WriteTooLargeAsync(HttpContext context, long limit) =>
        ApiProblems.WriteAsync(context, StatusCodes.Status413PayloadTooLarge, $"The request body is larger than {limit} bytes.");
}
