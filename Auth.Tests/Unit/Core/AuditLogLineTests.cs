using Auth.Core.Abstractions;
using Auth.Core.Auditing;
using Auth.Core.Services;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using Moq;

namespace Auth.Tests.Unit.Core;

/// <summary>Each audit event also goes to the log, as one line an operator can read and grep.</summary>
public sealed class AuditLogLineTests
{
    private RecordingLogger _logger = null!;
    private List<AuditEvent> _written = null!;

    [SetUp]
    public void CreateRecorders()
    {
        _logger = new RecordingLogger();
        _written = [];
    }

    private AuditTrail Trail()
    {
        var log = new Mock<IAuditLog>();
        log.Setup(l => l.WriteAsync(Capture.In(_written), It.IsAny<CancellationToken>())).Returns(Task.CompletedTask);
        return new AuditTrail(log.Object, new FakeTimeProvider(CoreHarness.Start), _logger);
    }

    [Test]
    public async Task AnEvent_IsLoggedAsOneInformationLine_WithItsFields()
    {
        await Trail().RecordAsync(AuditEventTypes.RoleChanged, 7, "alice", "user -> admin", actorId: 1, clientIp: "192.0.2.1");

        var (level, line) = _logger.Lines.Single();
        Assert.That(level, Is.EqualTo(LogLevel.Information));
        Assert.That(line, Is.EqualTo("Audit user.role_changed user=7 username=alice actor=1 detail=user -> admin ip=192.0.2.1"));
    }

    [Test]
    public async Task TheLogLine_CarriesTheSameCleanedValuesAsTheStoredEvent()
    {
        await Trail().RecordAsync(AuditEventTypes.LoginFailed, null, "evil\r\nAudit login.succeeded user=1", "wrong password");

        var (_, line) = _logger.Lines.Single();
        Assert.That(line, Does.Not.Contain("\n").And.Not.Contain("\r"));
        Assert.That(line, Does.Contain("username=evil??Audit login.succeeded user=1"));
        Assert.That(_written.Single().Username, Is.EqualTo("evil??Audit login.succeeded user=1"));
        Assert.That(_written.Single().OccurredAt, Is.EqualTo(CoreHarness.Start));
    }

    private sealed class RecordingLogger : ILogger<AuditTrail>
    {
        public List<(LogLevel Level, string Line)> Lines { get; } = [];

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            Lines.Add((logLevel, formatter(state, exception)));
    }
}
