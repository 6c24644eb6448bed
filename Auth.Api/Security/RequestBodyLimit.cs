using Auth.Api.Problems;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;

namespace Auth.Api.Security;

/// <summary>Configuration section <c>Limits</c>.</summary>
public sealed class RequestLimitOptions
{
    public const string Section = "Limits";

    /// <summary>The largest request body accepted; every request this API takes is a small JSON object.</summary>
    public long MaxRequestBodyBytes { get; set; } = 16 * 1024;
}

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

/// <summary>A read-only request body that throws 413 once more than <c>limit</c> bytes have been read.</summary>
internal sealed class LengthLimitedStream(Stream inner, long limit) : Stream
{
    private long _read;

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => _read; set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count) => Count(inner.Read(buffer, offset, count));

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken ct = default) =>
        Count(await inner.ReadAsync(buffer, ct));

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken ct) =>
        ReadAsync(buffer.AsMemory(offset, count), ct).AsTask();

    private int Count(int read)
    {
        _read += read;
        if (_read > limit)
            throw new BadHttpRequestException($"The request body is larger than {limit} bytes.", StatusCodes.Status413PayloadTooLarge);
        return read;
    }

    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
