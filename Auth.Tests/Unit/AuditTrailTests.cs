using Auth.Core.Abstractions;
using Auth.Core.Auditing;
using Auth.Core.Services;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Moq;

namespace Auth.Tests.Unit;

public sealed class AuditTrailTests
{
    [Test]
    public async Task Record_ClipsAnOverlongTypedUsername_ToTheColumnSize_KeepingShortValuesWhole()
    {
        var log = new Mock<IAuditLog>();
        var written = new List<AuditEvent>();
        log.Setup(l => l.WriteAsync(Capture.In(written), It.IsAny<CancellationToken>())).Returns(Task.CompletedTask);
        var trail = new AuditTrail(log.Object, new FakeTimeProvider(DateTimeOffset.UtcNow), NullLogger<AuditTrail>.Instance);

        await trail.RecordAsync(AuditEventTypes.LoginFailed, null, new string('x', 500), new string('d', 300), clientIp: "10.0.0.1");
        await trail.RecordAsync(AuditEventTypes.LoginFailed, null, "alice", "wrong password");

        Assert.Multiple(() =>
        {
            Assert.That(written[0].Username, Is.EqualTo(new string('x', AuditEvent.UsernameMaxLength)));
            Assert.That(written[0].Detail, Has.Length.EqualTo(AuditEvent.DetailMaxLength));
            Assert.That(written[0].ClientIp, Is.EqualTo("10.0.0.1"));
            Assert.That((written[1].Username, written[1].Detail), Is.EqualTo(("alice", "wrong password")));
        });
    }
}
