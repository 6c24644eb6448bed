using Auth.Tests.Support;

namespace Auth.Tests.Api;

/// <summary>AccountCache:LifetimeSeconds 0 (the default): every request sees the database as it is now.</summary>
public sealed class UserCacheOffTests : ApiTestBase
{
    [Test]
    public async Task ByDefault_ADemotionInTheDatabase_AppliesToTheVeryNextRequest()
    {
        var (username, _, token) = await NewSignedInUserAsync();
        await (await GetAsync("/api/profile", token)).JsonAsync(200);

        await SetRoleInDatabaseAsync(username, 1);

        await (await GetAsync("/api/profile", token)).AssertProblemAsync(403);
    }

    [Test]
    public async Task ByDefault_ADeletionInTheDatabase_AppliesToTheVeryNextRequest()
    {
        var (username, _, token) = await NewSignedInUserAsync();
        await (await GetAsync("/api/profile", token)).JsonAsync(200);

        await Factory.Database.ExecuteAsync($"DELETE FROM users WHERE username = {username}");

        await (await GetAsync("/api/profile", token)).AssertProblemAsync(401);
    }
}

/// <summary>AccountCache:LifetimeSeconds opted into: changes apply within that many seconds, not later.</summary>
public sealed class UserCacheOnTests : ApiTestBase
{
    protected override void Configure(AuthApiFactory factory) => factory.Settings["AccountCache:LifetimeSeconds"] = "30";

    [Test]
    public async Task WithTheCacheOn_ADemotionAppliesOnceTheCachedEntryExpires()
    {
        var (username, _, token) = await NewSignedInUserAsync();
        await (await GetAsync("/api/profile", token)).JsonAsync(200);

        await SetRoleInDatabaseAsync(username, 1);
        Factory.Clock.Advance(TimeSpan.FromSeconds(29));
        await (await GetAsync("/api/profile", token)).JsonAsync(200); // still the cached role: the operator's trade-off

        Factory.Clock.Advance(TimeSpan.FromSeconds(2));
        await (await GetAsync("/api/profile", token)).AssertProblemAsync(403);
    }

    [Test]
    public async Task WithTheCacheOn_ADeletionAppliesOnceTheCachedEntryExpires()
    {
        var (username, _, token) = await NewSignedInUserAsync();
        await (await GetAsync("/api/profile", token)).JsonAsync(200);

        await Factory.Database.ExecuteAsync($"DELETE FROM users WHERE username = {username}");
        await (await GetAsync("/api/profile", token)).JsonAsync(200);

        Factory.Clock.Advance(TimeSpan.FromSeconds(31));
        await (await GetAsync("/api/profile", token)).AssertProblemAsync(401);
    }
}
