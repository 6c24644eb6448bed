using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Auth.Tests.Support;

/// <summary>One captured log call: everything a formatter could write about it.</summary>
public sealed record CapturedLog(string Category, LogLevel Level, string Message, IReadOnlyDictionary<string, object?> State,
    IReadOnlyList<KeyValuePair<string, object?>> Scopes, string? Exception)
{
    /// <summary>Message, structured state, scope values and exception as one searchable text.</summary>
    public string AllText => string.Join('\n', new[] { Category, Message, Exception ?? "" }
        .Concat(State.Select(p => $"{p.Key}={p.Value}"))
        .Concat(Scopes.Select(p => $"{p.Key}={p.Value}")));

    public object? ScopeValue(string key) => Scopes.LastOrDefault(p => p.Key == key).Value;
}

/// <summary>
/// A logger provider for tests that keeps each log call with its formatted message, structured state and the values
/// of every scope around it (external scopes, so scopes begun through any logger are seen). By default only the app's
/// own categories ("Auth."); <c>everyCategory</c> keeps the framework's lines too.
/// </summary>
public sealed class CapturedLogs(bool everyCategory = false) : ILoggerProvider, ISupportExternalScope
{
    private readonly ConcurrentQueue<CapturedLog> _entries = new();
    private readonly bool _everyCategory = everyCategory;
    private IExternalScopeProvider _scopes = new LoggerExternalScopeProvider();

    public IReadOnlyList<CapturedLog> Entries => _entries.ToArray();

    public string AllText => string.Join("\n---\n", Entries.Select(e => e.AllText));

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void SetScopeProvider(IExternalScopeProvider scopeProvider) => _scopes = scopeProvider;

    public void Dispose() { }

    private sealed class Logger(CapturedLogs owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => owner._scopes.Push(state);

        public bool IsEnabled(LogLevel logLevel) =>
            logLevel != LogLevel.None && (owner._everyCategory || category.StartsWith("Auth.", StringComparison.Ordinal));

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (!IsEnabled(logLevel)) return;
            var scopes = new List<KeyValuePair<string, object?>>();
            owner._scopes.ForEachScope((scope, list) =>
            {
                if (scope is IEnumerable<KeyValuePair<string, object?>> pairs)
                    list.AddRange(pairs);
                else
                    list.Add(new("Scope", scope?.ToString()));
            }, scopes);
            var values = new Dictionary<string, object?>();
            if (state is IEnumerable<KeyValuePair<string, object?>> statePairs)
                foreach (var (key, value) in statePairs)
                    values[key] = value;
            owner._entries.Enqueue(new CapturedLog(category, logLevel, formatter(state, exception), values, scopes, exception?.ToString()));
        }
    }
}
