using System.Text;
using Microsoft.Extensions.Logging;

namespace UsageFunctions.Tests.Packaging;

/// <summary>Everything a host logged, kept for assertion messages: a failing smoke test shows what the host and worker said.</summary>
public sealed class CapturedLog : ILoggerProvider
{
    private readonly StringBuilder _text = new();

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public override string ToString()
    {
        lock (_text) return _text.ToString();
    }

    public void Dispose()
    {
    }

    private void Append(string line)
    {
        lock (_text) _text.AppendLine(line);
    }

    private sealed class Logger(CapturedLog log, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel)) log.Append($"{logLevel} {category}: {formatter(state, exception)}{(exception is null ? "" : "\n" + exception)}");
        }
    }
}
