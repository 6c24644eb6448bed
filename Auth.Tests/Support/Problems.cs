using System.Net.Http.Json;
using System.Text.Json;

namespace Auth.Tests.Support;

/// <summary>One place that knows what every error body must look like (api.md: RFC 7807 plus message).</summary>
public static class Problems
{
    public static async Task<JsonElement> AssertProblemAsync(this HttpResponseMessage response, int status)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.Multiple(() =>
        {
            Assert.That((int)response.StatusCode, Is.EqualTo(status), body);
            Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/problem+json"), body);
            Assert.That(body, Does.Not.Contain("Exception").And.Not.Contain("   at "), "no exception text or stack trace");
        });
        var json = JsonDocument.Parse(body).RootElement;
        Assert.Multiple(() =>
        {
            Assert.That(json.GetProperty("status").GetInt32(), Is.EqualTo(status));
            Assert.That(json.GetProperty("title").GetString(), Is.Not.Empty);
            Assert.That(json.GetProperty("message").GetString(), Is.Not.Empty);
        });
        return json;
    }

    /// <summary>A 400 whose errors name the given JSON field.</summary>
    public static async Task<JsonElement> AssertValidationProblemAsync(this HttpResponseMessage response, string field)
    {
        var json = await response.AssertProblemAsync(400);
        Assert.That(json.GetProperty("errors").TryGetProperty(field, out var messages), Is.True,
            $"errors should name '{field}': {json}");
        Assert.That(messages.EnumerateArray().Select(m => m.GetString()), Is.Not.Empty);
        return json;
    }

    /// <summary>
    /// A 400 naming exactly these fields, each with its one message, and every message joined, in this order, in
    /// <c>detail</c> and <c>message</c>.
    /// </summary>
    public static async Task<JsonElement> AssertValidationErrorsAsync(this HttpResponseMessage response, params (string Field, string Message)[] expected)
    {
        var json = await response.AssertProblemAsync(400);
        var errors = json.GetProperty("errors").EnumerateObject()
            .Select(field => (field.Name, string.Join(" | ", field.Value.EnumerateArray().Select(m => m.GetString()))));
        var joined = string.Join(" ", expected.Select(e => e.Message));
        Assert.Multiple(() =>
        {
            Assert.That(errors, Is.EquivalentTo(expected), json.ToString());
            Assert.That(json.GetProperty("detail").GetString(), Is.EqualTo(joined));
            Assert.That(json.GetProperty("message").GetString(), Is.EqualTo(joined));
        });
        return json;
    }

    public static async Task<JsonElement> JsonAsync(this HttpResponseMessage response, int status)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.That((int)response.StatusCode, Is.EqualTo(status), body);
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/json"), body);
        return JsonDocument.Parse(body).RootElement;
    }

    public static Task<HttpResponseMessage> PostJsonAsync(this HttpClient client, string path, object body) =>
        client.PostAsJsonAsync(path, body);
}
