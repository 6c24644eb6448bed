using System.Text;
using System.Text.Json;
using Auth.Api.Logging;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;
using Microsoft.Extensions.Options;

namespace Auth.Tests.Unit;

/// <summary>
/// The console logger with batched writes: what reaches stdout and stderr, in which format, in which order, and that
/// nothing is dropped when the writer falls behind or stops.
/// </summary>
public sealed class BatchedConsoleLoggingTests
{
    /// <summary>A stream standing in for stdout or stderr; it can refuse writes as a closed pipe does.</summary>
    private sealed class ConsoleStream : Stream
    {
        private readonly MemoryStream _bytes = new();
        public bool Closed { get; set; }
        public int Writes { get; private set; }

        public string Text { get { lock (_bytes) return Encoding.UTF8.GetString(_bytes.ToArray()); } }

        public override void Write(byte[] buffer, int offset, int count)
        {
            if (Closed)
                throw new IOException("Broken pipe");
            lock (_bytes)
            {
                _bytes.Write(buffer, offset, count);
                Writes++;
            }
        }

        public override void Flush() { }
        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
    }

    // NUnit runs every test of a fixture on one instance: each test gets its own streams.
    private ConsoleStream _stdout = null!;
    private ConsoleStream _stderr = null!;
    private readonly List<IDisposable> _disposables = [];

    [SetUp]
    public void CreateStreams() => (_stdout, _stderr) = (new ConsoleStream(), new ConsoleStream());

    [TearDown]
    public void DisposeLoggers()
    {
        foreach (var disposable in Enumerable.Reverse(_disposables))
            disposable.Dispose();
        _disposables.Clear();
    }

    /// <summary>
    /// A logger factory whose only provider is the batched console logger, with the console formatters and options
    /// the host would register (AddConsole), configured from <paramref name="settings"/> (keys under "Logging:").
    /// </summary>
    private (ILoggerFactory Factory, BatchedConsoleLoggerProvider Provider) CreateLogging(
        Dictionary<string, string?>? settings = null, TimeSpan? gatherDelay = null)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings ?? []).Build().GetSection("Logging");
        var services = new ServiceCollection()
            .AddLogging(logging =>
            {
                logging.AddConfiguration(configuration);
                logging.SetMinimumLevel(LogLevel.Trace);
                logging.AddConsole();
            })
            // Not AddSimpleConsole: that would also name "simple" as the formatter, over the settings.
            .Configure<SimpleConsoleFormatterOptions>(o => o.ColorBehavior = LoggerColorBehavior.Disabled)
            .BuildServiceProvider();
        _disposables.Add(services);
        var provider = new BatchedConsoleLoggerProvider(
            services.GetRequiredService<IOptionsMonitor<ConsoleLoggerOptions>>(),
            services.GetServices<ConsoleFormatter>(),
            new BatchedConsoleOutput(_stdout, _stderr, gatherDelay));
        var factory = new LoggerFactory([provider], services.GetRequiredService<IOptionsMonitor<LoggerFilterOptions>>());
        _disposables.Add(provider);
        _disposables.Add(factory);
        return (factory, provider);
    }

    private static async Task<string> EventuallyAsync(Func<string> read, Func<string, bool> done)
    {
        var deadline = DateTime.UtcNow.AddSeconds(5);
        var text = read();
        while (!done(text) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(10);
            text = read();
        }
        return text;
    }

    [Test]
    public async Task ALine_ReachesStdout_InTheSimpleFormat_WithoutAnyFlushFromTheCaller()
    {
        var (factory, _) = CreateLogging();
        factory.CreateLogger("Auth.Sample").LogInformation(new EventId(7), "user {Name} signed up", "alice");

        var text = await EventuallyAsync(() => _stdout.Text, t => t.Length > 0);
        Assert.That(text, Is.EqualTo($"info: Auth.Sample[7]{Environment.NewLine}      user alice signed up{Environment.NewLine}"));
        Assert.That(_stderr.Text, Is.Empty);
    }

    [Test]
    public async Task LinesFromTheStandardErrorThresholdUp_GoToStderr_TheOthersToStdout()
    {
        var (factory, _) = CreateLogging(new() { ["Logging:Console:LogToStandardErrorThreshold"] = "Warning" });
        var logger = factory.CreateLogger("Auth.Sample");
        logger.LogInformation("an ordinary line");
        logger.LogWarning("a warning");
        logger.LogError("an error");

        var errors = await EventuallyAsync(() => _stderr.Text, t => t.Contains("an error"));
        Assert.That(errors, Does.Contain("warn: Auth.Sample").And.Contain("a warning").And.Contain("fail: Auth.Sample"));
        Assert.That(errors, Does.Not.Contain("an ordinary line"));
        Assert.That(await EventuallyAsync(() => _stdout.Text, t => t.Length > 0),
            Does.Contain("an ordinary line").And.Not.Contain("a warning"));
    }

    [Test]
    public async Task TheJsonFormatter_IsUsedWhenConfigured_AndItsLinesCarryTheScopesCorrelationId()
    {
        var (factory, _) = CreateLogging(new()
        {
            ["Logging:Console:FormatterName"] = "json",
            ["Logging:Console:FormatterOptions:IncludeScopes"] = "true",
        });
        var logger = factory.CreateLogger("Auth.Sample");
        using (logger.BeginScope(new Dictionary<string, object> { ["CorrelationId"] = "req-42" }))
            logger.LogInformation("inside the request");

        var line = (await EventuallyAsync(() => _stdout.Text, t => t.Contains('\n'))).Trim();
        using var json = JsonDocument.Parse(line);
        Assert.Multiple(() =>
        {
            Assert.That(json.RootElement.GetProperty("Message").GetString(), Is.EqualTo("inside the request"));
            Assert.That(json.RootElement.GetProperty("Category").GetString(), Is.EqualTo("Auth.Sample"));
            Assert.That(json.RootElement.GetProperty("Scopes")[0].GetProperty("CorrelationId").GetString(), Is.EqualTo("req-42"));
        });
    }

    [Test]
    public void TheConsoleSectionsLevels_ApplyToIt_AsTheyDidToTheBuiltInConsoleLogger()
    {
        var (factory, provider) = CreateLogging(new() { ["Logging:Console:LogLevel:Default"] = "Warning" });
        var logger = factory.CreateLogger("Auth.Sample");
        logger.LogInformation("below the console's level");
        logger.LogWarning("at the console's level");
        provider.Dispose(); // writes what waits

        Assert.That(_stdout.Text, Does.Contain("at the console's level").And.Not.Contain("below the console's level"));
    }

    [Test]
    public void LinesFromManyThreads_AreEachWrittenOnceAndWhole_InTheOrderEachThreadLoggedThem()
    {
        const int threads = 8, perThread = 2_000;
        var (factory, provider) = CreateLogging();
        var logger = factory.CreateLogger("Auth.Sample");
        Parallel.For(0, threads, new ParallelOptions { MaxDegreeOfParallelism = threads }, t =>
        {
            for (var n = 0; n < perThread; n++)
                logger.LogInformation("thread {Thread} line {Line}", t, n);
        });
        provider.Dispose();

        var messages = _stdout.Text.Split(Environment.NewLine).Where(l => l.StartsWith("      thread ")).ToList();
        Assert.That(messages, Has.Count.EqualTo(threads * perThread));
        for (var t = 0; t < threads; t++)
        {
            var prefix = $"      thread {t} line ";
            var lines = messages.Where(m => m.StartsWith(prefix)).Select(m => int.Parse(m[prefix.Length..])).ToList();
            Assert.That(lines, Is.EqualTo(Enumerable.Range(0, perThread)), $"thread {t}'s lines, once each and in order");
        }
        Assert.That(_stdout.Writes, Is.LessThan(threads * perThread / 10), "lines are written in batches, not one by one");
    }

    [Test]
    public void TextBeyondOneWriteBuffer_WithCharactersOfEveryUtf8Length_ArrivesIntact()
    {
        var (factory, provider) = CreateLogging();
        // 1-, 2-, 3- and 4-byte characters (the last a surrogate pair), 100,000 bytes: some pair is cut by a buffer's end.
        var text = string.Concat(Enumerable.Repeat("a\u00e9\u20ac\U0001F511", 10_000));
        factory.CreateLogger("Auth.Sample").LogInformation("{Text}", text);
        provider.Dispose();

        Assert.That(_stdout.Text, Is.EqualTo($"info: Auth.Sample[0]{Environment.NewLine}      {text}{Environment.NewLine}"));
        Assert.That(_stdout.Writes, Is.GreaterThan(1), "the line needed more than one buffer");
    }

    [Test]
    public void WhenTheWriterFallsBehind_TheLoggingThreadWritesTheBacklogItself()
    {
        // A writer thread that waits an hour to gather: only the logging thread can write in this test's lifetime.
        var (factory, _) = CreateLogging(gatherDelay: TimeSpan.FromHours(1));
        var logger = factory.CreateLogger("Auth.Sample");
        var line = new string('x', 1_000);
        var lines = BatchedConsoleOutput.MaxPendingChars / line.Length + 1;
        for (var n = 0; n < lines; n++)
            logger.LogInformation("{Line}", line);

        Assert.That(_stdout.Text.Length, Is.GreaterThanOrEqualTo(BatchedConsoleOutput.MaxPendingChars),
            "the backlog was written by the thread that went over the limit, without waiting for the writer");
    }

    [Test]
    public void Disposing_WritesEveryLineStillWaiting_AndLinesLoggedAfterwardsAreWrittenAtOnce()
    {
        var (factory, provider) = CreateLogging(gatherDelay: TimeSpan.FromHours(1));
        var logger = factory.CreateLogger("Auth.Sample");
        logger.LogInformation("logged before the host stopped");
        Assert.That(_stdout.Text, Is.Empty, "still gathering");

        provider.Dispose();
        Assert.That(_stdout.Text, Does.Contain("logged before the host stopped"));

        logger.LogInformation("logged while the host stops");
        Assert.That(_stdout.Text, Does.Contain("logged while the host stops"));
    }

    [Test]
    public void AClosedStdout_NeverFailsTheCodeThatLogs()
    {
        var (factory, provider) = CreateLogging();
        _stdout.Closed = true;
        var logger = factory.CreateLogger("Auth.Sample");

        Assert.DoesNotThrow(() =>
        {
            for (var n = 0; n < 1_000; n++)
                logger.LogInformation("line {Line} {Padding}", n, new string('y', 500));
            provider.Dispose();
        });
        Assert.That(_stdout.Text, Is.Empty);
    }

    [Test]
    public void WithoutTheBuiltInConsoleLogger_NothingIsReplaced()
    {
        var services = new ServiceCollection().AddLogging().UseBatchedConsoleLogger();
        Assert.That(services.Where(d => d.ServiceType == typeof(ILoggerProvider)), Is.Empty);
    }
}
