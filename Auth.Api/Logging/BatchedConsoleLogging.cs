using System.Text;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging.Console;
using Microsoft.Extensions.Options;

namespace Auth.Api.Logging;

/// <summary>
/// The console logger, with the writes batched. Lines are formatted on the logging thread by the configured console
/// formatter (Logging:Console:FormatterName: simple, json or systemd, with their options), exactly as the built-in
/// provider does, and go to stdout (stderr from Logging:Console:LogToStandardErrorThreshold up). What differs is the
/// hand-off: the built-in provider wakes its writer thread for every line and writes each line on its own, which on
/// a busy one-core service cost a fifth of the CPU of a request (docs/decisions/0008). Here the writer is woken once
/// when lines start to wait, gathers what is logged over the next <see cref="BatchedConsoleOutput.GatherDelay"/>, and
/// writes it in one system call per stream. No line is dropped: when more than
/// <see cref="BatchedConsoleOutput.MaxPendingChars"/> wait, the logging thread writes them itself.
/// </summary>
[ProviderAlias("Console")] // so Logging:Console:LogLevel applies to it as it did to the built-in provider
public sealed class BatchedConsoleLoggerProvider : ILoggerProvider, ISupportExternalScope
{
    private readonly Dictionary<string, ConsoleFormatter> _formatters;
    private readonly IDisposable? _optionsChange;
    private volatile ConsoleFormatter _formatter;
    private volatile ConsoleLoggerOptions _options;

    internal BatchedConsoleOutput Output { get; }
    internal IExternalScopeProvider? ScopeProvider { get; private set; }
    internal ConsoleFormatter Formatter => _formatter;
    internal LogLevel StandardErrorThreshold => _options.LogToStandardErrorThreshold;

    public BatchedConsoleLoggerProvider(IOptionsMonitor<ConsoleLoggerOptions> options, IEnumerable<ConsoleFormatter> formatters)
        : this(options, formatters, new BatchedConsoleOutput(Console.OpenStandardOutput(), Console.OpenStandardError()))
    {
    }

    internal BatchedConsoleLoggerProvider(
        IOptionsMonitor<ConsoleLoggerOptions> options, IEnumerable<ConsoleFormatter> formatters, BatchedConsoleOutput output)
    {
        _formatters = new Dictionary<string, ConsoleFormatter>(StringComparer.OrdinalIgnoreCase);
        foreach (var formatter in formatters)
            _formatters.TryAdd(formatter.Name, formatter);
        Output = output;
        _options = options.CurrentValue;
        _formatter = Choose(_options);
        _optionsChange = options.OnChange(changed =>
        {
            _options = changed;
            _formatter = Choose(changed);
        });
    }

    /// <summary>The formatter named by the options; "simple" when none is named or the name is unknown, as the built-in provider does.</summary>
    private ConsoleFormatter Choose(ConsoleLoggerOptions options) =>
        _formatters.GetValueOrDefault(options.FormatterName ?? ConsoleFormatterNames.Simple)
        ?? _formatters.GetValueOrDefault(ConsoleFormatterNames.Simple)
        ?? throw new InvalidOperationException("No console formatter is registered (AddConsole registers them).");

    public ILogger CreateLogger(string categoryName) => new BatchedConsoleLogger(categoryName, this);

    public void SetScopeProvider(IExternalScopeProvider scopeProvider) => ScopeProvider = scopeProvider;

    /// <summary>Writes whatever is still waiting (the host disposes its providers when it stops).</summary>
    public void Dispose()
    {
        _optionsChange?.Dispose();
        Output.Dispose();
    }
}

internal sealed class BatchedConsoleLogger(string category, BatchedConsoleLoggerProvider provider) : ILogger
{
    [ThreadStatic] private static StringWriter? t_writer;

    public IDisposable? BeginScope<TState>(TState state) where TState : notnull =>
        provider.ScopeProvider?.Push(state) ?? NullScope.Instance;

    // Levels are filtered by the logger factory's rules before a line gets here.
    public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        if (!IsEnabled(logLevel))
            return;
        ArgumentNullException.ThrowIfNull(formatter);
        var writer = t_writer ??= new StringWriter();
        var entry = new LogEntry<TState>(logLevel, category, eventId, state, exception, formatter);
        provider.Formatter.Write(in entry, provider.ScopeProvider, writer);
        var text = writer.GetStringBuilder();
        if (text.Length == 0)
            return;
        provider.Output.Append(text, toStandardError: logLevel >= provider.StandardErrorThreshold);
        text.Clear();
        if (text.Capacity > 4096)
            text.Capacity = 4096; // one huge line (an exception's stack) does not keep its buffer on every thread
    }

    private sealed class NullScope : IDisposable
    {
        public static readonly NullScope Instance = new();
        public void Dispose() { }
    }
}

/// <summary>
/// Formatted lines waiting for stdout and stderr, and the thread that writes them. Each stream receives its lines in
/// the order they were appended.
/// </summary>
internal sealed class BatchedConsoleOutput : IDisposable
{
    /// <summary>How long the writer waits, once woken, for more lines to join the same write.</summary>
    public static readonly TimeSpan GatherDelay = TimeSpan.FromMilliseconds(10);

    /// <summary>Above this many waiting characters the logging thread writes them itself instead of waiting.</summary>
    public const int MaxPendingChars = 256 * 1024;

    private readonly Stream _out;
    private readonly Stream _err;
    private readonly TimeSpan _gatherDelay;
    private readonly object _pendingGate = new(); // guards the pending buffers and _stopping
    private readonly object _writeGate = new();   // one write at a time, so lines keep their order
    private readonly Encoder _encoder = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false).GetEncoder();
    private readonly Thread _writer;
    private StringBuilder _pendingOut = new(), _pendingErr = new();
    private StringBuilder _writingOut = new(), _writingErr = new();
    private readonly byte[] _bytes = new byte[64 * 1024]; // a typical 10 ms of lines under load is one write
    private bool _stopping;

    public BatchedConsoleOutput(Stream standardOutput, Stream standardError, TimeSpan? gatherDelay = null)
    {
        (_out, _err, _gatherDelay) = (standardOutput, standardError, gatherDelay ?? GatherDelay);
        _writer = new Thread(WriteUntilStopped) { IsBackground = true, Name = "Console log writer" };
        _writer.Start();
        AppDomain.CurrentDomain.ProcessExit += WriteAtExit; // Environment.Exit without the host stopping
    }

    private void WriteAtExit(object? sender, EventArgs e) => Flush();

    public void Append(StringBuilder text, bool toStandardError)
    {
        bool full, stopping;
        lock (_pendingGate)
        {
            var wasEmpty = _pendingOut.Length == 0 && _pendingErr.Length == 0;
            (toStandardError ? _pendingErr : _pendingOut).Append(text);
            full = _pendingOut.Length + _pendingErr.Length >= MaxPendingChars;
            stopping = _stopping;
            if (wasEmpty)
                Monitor.Pulse(_pendingGate); // only the first waiting line wakes the writer
        }
        if (full || stopping)
            Flush(); // the writer is behind (or gone): this thread writes, so nothing is dropped and memory stays bounded
    }

    /// <summary>Writes every line appended so far.</summary>
    public void Flush()
    {
        lock (_writeGate)
        {
            lock (_pendingGate)
            {
                (_writingOut, _pendingOut) = (_pendingOut, _writingOut);
                (_writingErr, _pendingErr) = (_pendingErr, _writingErr);
            }
            Write(_out, _writingOut);
            Write(_err, _writingErr);
        }
    }

    private void WriteUntilStopped()
    {
        while (true)
        {
            lock (_pendingGate)
            {
                while (!_stopping && _pendingOut.Length == 0 && _pendingErr.Length == 0)
                    Monitor.Wait(_pendingGate);
                if (_stopping)
                    break;
                // Let the lines of the next few milliseconds join this write. Appends do not pulse while lines wait,
                // so only Dispose ends the wait early.
                Monitor.Wait(_pendingGate, _gatherDelay);
            }
            Flush();
        }
        Flush();
    }

    /// <summary>Encodes the text into the fixed byte buffer and writes it, one system call per full buffer.</summary>
    private void Write(Stream stream, StringBuilder text)
    {
        if (text.Length == 0)
            return;
        var filled = 0;
        foreach (var chunk in text.GetChunks())
        {
            var chars = chunk.Span;
            while (!chars.IsEmpty)
            {
                if (_bytes.Length - filled < MaxBytesPerChar)
                    filled = WriteOut(stream, filled);
                _encoder.Convert(chars, _bytes.AsSpan(filled), flush: false, out var used, out var written, out _);
                chars = chars[used..];
                filled += written;
            }
        }
        if (_bytes.Length - filled < MaxBytesPerChar)
            filled = WriteOut(stream, filled);
        _encoder.Convert(ReadOnlySpan<char>.Empty, _bytes.AsSpan(filled), flush: true, out _, out var last, out _);
        WriteOut(stream, filled + last);
        text.Clear();
        if (text.Capacity > MaxPendingChars)
            text.Capacity = MaxPendingChars;
    }

    private int WriteOut(Stream stream, int length)
    {
        try
        {
            stream.Write(_bytes, 0, length);
            stream.Flush();
        }
        catch (IOException)
        {
            // stdout or stderr is closed (a pipe whose reader went away). There is nowhere left to report it, and the
            // service keeps running, as it does with the built-in console logger: these lines are lost.
        }
        return 0;
    }

    /// <summary>Bytes one UTF-16 code unit can need, a buffered high surrogate included.</summary>
    private const int MaxBytesPerChar = 8;

    public void Dispose()
    {
        AppDomain.CurrentDomain.ProcessExit -= WriteAtExit;
        lock (_pendingGate)
        {
            _stopping = true;
            Monitor.Pulse(_pendingGate);
        }
        _writer.Join();
    }
}

public static class BatchedConsoleLoggingExtensions
{
    /// <summary>Puts <see cref="BatchedConsoleLoggerProvider"/> where the host registered the built-in console provider.</summary>
    public static IServiceCollection UseBatchedConsoleLogger(this IServiceCollection services)
    {
        var builtIn = services.Where(d => d.ServiceType == typeof(ILoggerProvider) && d.ImplementationType == typeof(ConsoleLoggerProvider)).ToList();
        if (builtIn.Count == 0)
            return services; // console logging is off: nothing to replace
        foreach (var descriptor in builtIn)
            services.Remove(descriptor);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ILoggerProvider, BatchedConsoleLoggerProvider>());
        return services;
    }
}
