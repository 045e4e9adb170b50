using Microsoft.Extensions.Logging;

namespace OneStop.Tests.Infrastructure;

public sealed record LogEntry(string Category, int EventId, LogLevel Level, string Message);

/// <summary>Keeps every log entry (EF's migration events, the initializer's "seeded" line) for the test to read.</summary>
public sealed class LogCollector : ILoggerProvider
{
    private readonly List<LogEntry> _entries = [];
    public IReadOnlyList<LogEntry> Entries { get { lock (_entries) return _entries.ToList(); } }
    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);
    public void Dispose() { }

    private sealed class Logger(LogCollector owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
        public bool IsEnabled(LogLevel logLevel) => true;
        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            lock (owner._entries) owner._entries.Add(new LogEntry(category, eventId.Id, logLevel, formatter(state, exception)));
        }
    }
}
