using Auth.Api.Contracts;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using System.Text.Json;

namespace Auth.Tests.Unit;

public sealed class ApiJsonContextTests
{
    private static IEnumerable<Type> ContractRecords() =>
        typeof(ApiJsonContext).Assembly.GetTypes().Where(t =>
            t is { IsPublic: true, Namespace: "Auth.Api.Contracts", IsGenericTypeDefinition: false }
            && (t.Name.EndsWith("Request", StringComparison.Ordinal) || t.Name.EndsWith("Response", StringComparison.Ordinal)));

    [TestCaseSource(nameof(ContractRecords))]
    public void EveryContractRecord_HasASourceGeneratedSerializer(Type record)
    {
        Assert.That(ApiJsonContext.Default.GetTypeInfo(record), Is.Not.Null,
            $"add [JsonSerializable(typeof({record.Name}))] to ApiJsonContext");
    }

    [Test]
    public void MvcJson_UsesTheGeneratedContextFirst_AndStillSerializesProblemDetails()
    {
        using var factory = new Support.AuthApiFactory();
        var options = factory.Services.GetRequiredService<IOptions<JsonOptions>>().Value.JsonSerializerOptions;
        Assert.Multiple(() =>
        {
            Assert.That(options.TypeInfoResolverChain[0], Is.SameAs(ApiJsonContext.Default));
            Assert.That(JsonSerializer.Serialize(new ProblemDetails { Status = 404, Title = "Not Found" }, options),
                Does.Contain("\"status\":404"));
            Assert.That(JsonSerializer.Serialize(new UserResponse(1, "ada", "user", DateTimeOffset.UnixEpoch, "active"), options),
                Is.EqualTo("{\"id\":1,\"username\":\"ada\",\"role\":\"user\",\"createdAt\":\"1970-01-01T00:00:00+00:00\",\"status\":\"active\"}"));
        });
    }
}
