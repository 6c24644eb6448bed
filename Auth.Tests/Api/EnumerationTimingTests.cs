using System.Diagnostics;
using Auth.Tests.Support;

namespace Auth.Tests.Api;

/// <summary>
/// An unknown username costs the same bcrypt work as a wrong password (a dummy hash is verified), so response times
/// do not tell which usernames exist. Runs at the real default bcrypt cost, 10; medians, compared loosely.
/// </summary>
public sealed class EnumerationTimingTests : ApiTestBase
{
    private const int Attempts = 15;

    protected override void Configure(AuthApiFactory factory)
    {
        factory.Settings["Password:Cost"] = "10";
        factory.Settings["Lockout:MaxFailures"] = "1000"; // a lockout answer skips bcrypt and would spoil the comparison
    }

    private async Task<double> TimeFailedLoginAsync(string username)
    {
        var watch = Stopwatch.StartNew();
        var response = await AuthenticateAsync(username, "not the password");
        watch.Stop();
        await response.AssertProblemAsync(401);
        return watch.Elapsed.TotalMilliseconds;
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
    }

    [Test]
    public async Task UnknownUserAndWrongPassword_TakeAboutTheSameTime_AtTheDefaultBcryptCost()
    {
        var username = NewUsername();
        await SignUpAsync(username);
        var stored = await Factory.Database.ScalarAsync<string>($"SELECT password_hash FROM users WHERE username = {username}");
        Assert.That(stored, Does.StartWith("$2b$10$"), "the comparison is only meaningful at the real cost");

        // Warm up both paths (JIT, connection pool), then interleave so machine noise hits both alike.
        for (var i = 0; i < 2; i++)
        {
            await TimeFailedLoginAsync(username);
            await TimeFailedLoginAsync(NewUsername("ghost"));
        }
        var wrongPassword = new List<double>();
        var unknownUser = new List<double>();
        for (var i = 0; i < Attempts; i++)
        {
            wrongPassword.Add(await TimeFailedLoginAsync(username));
            unknownUser.Add(await TimeFailedLoginAsync(NewUsername("ghost")));
        }

        var (known, unknown) = (Median(wrongPassword), Median(unknownUser));
        TestContext.Out.WriteLine($"median over {Attempts}: wrong password {known:F1} ms, unknown user {unknown:F1} ms, ratio {Math.Max(known, unknown) / Math.Min(known, unknown):F2}");
        Assert.Multiple(() =>
        {
            Assert.That(unknown, Is.LessThan(known * 3), "an unknown user must not be much slower");
            Assert.That(known, Is.LessThan(unknown * 3), "an unknown user must not be much faster (no skipped bcrypt)");
        });
    }
}
