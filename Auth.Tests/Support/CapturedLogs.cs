using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Auth.Tests.Support;

/// <summary>Keeps what the app's own code (categories starting with "Auth.") logs, so tests can read the structured log.</summary>
public sealed class CapturedLogs : ILoggerProvider
{
    public sealed record Entry(string Category, LogLevel Level, string Message, IReadOnlyDictionary<string, object?> State);

    private readonly ConcurrentQueue<Entry> _entries = new();

    public IReadOnlyList<Entry> Entries => _entries.ToArray();

    public ILogger CreateLogger(string categoryName) => new Logger(categoryName, this);

    public void Dispose() { }

    private sealed class Logger(string category, CapturedLogs logs) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => category.StartsWith("Auth.", StringComparison.Ordinal);

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (!IsEnabled(logLevel)) return;
            var values = state as IEnumerable<KeyValuePair<string, object?>> ?? [];
            logs._entries.Enqueue(new Entry(category, logLevel, formatter(state, exception), values.ToDictionary(p => p.Key, p => p.Value)));
        }
    }
}
