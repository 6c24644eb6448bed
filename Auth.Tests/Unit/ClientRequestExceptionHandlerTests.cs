using System.Text.Json;
using Auth.Api.Problems;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging.Abstractions;

namespace Auth.Tests.Unit;

public sealed class ClientRequestExceptionHandlerTests
{
    private static async Task<(bool Handled, HttpContext Context)> HandleAsync(Exception exception)
    {
        using var factory = new Support.AuthApiFactory();
        var context = new DefaultHttpContext { RequestServices = factory.Services };
        context.Response.Body = new MemoryStream();
        var handler = new ClientRequestExceptionHandler(NullLogger<ClientRequestExceptionHandler>.Instance);
        var handled = await handler.TryHandleAsync(context, exception, CancellationToken.None);
        return (handled, context);
    }

    [TestCase(400)]
    [TestCase(413)]
    public async Task AnUnreadableRequest_AnswersItsOwn4xxAsAProblem(int status)
    {
        var (handled, context) = await HandleAsync(new BadHttpRequestException("Unexpected end of request content.", status));

        Assert.That(handled, Is.True);
        Assert.That(context.Response.StatusCode, Is.EqualTo(status));
        context.Response.Body.Position = 0;
        var body = await JsonDocument.ParseAsync(context.Response.Body);
        Assert.Multiple(() =>
        {
            Assert.That(body.RootElement.GetProperty("status").GetInt32(), Is.EqualTo(status));
            Assert.That(body.RootElement.GetProperty("message").GetString(), Is.Not.Empty);
            Assert.That(body.RootElement.ToString(), Does.Not.Contain("Unexpected end"), "no exception text in bodies");
        });
    }

    [Test]
    public async Task AnyOtherException_IsLeftToTheDefault500()
    {
        var (handled, _) = await HandleAsync(new InvalidOperationException("boom"));
        Assert.That(handled, Is.False);
    }
}
