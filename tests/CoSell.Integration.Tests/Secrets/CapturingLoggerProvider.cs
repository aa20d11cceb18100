using System.Collections.Concurrent;
using System.Text;
using Microsoft.Extensions.Logging;

namespace CoSell.Integration.Tests.Secrets;

/// <summary>
/// Keeps every log line a host writes, at every level it lets through: the formatted message, each structured value,
/// every active scope's values and the whole exception, which is all a log sink such as Application Insights would get.
/// </summary>
internal sealed class CapturingLoggerProvider : ILoggerProvider, ISupportExternalScope
{
    readonly ConcurrentQueue<string> _lines = new();
    IExternalScopeProvider _scopes = new LoggerExternalScopeProvider();

    public IReadOnlyCollection<string> Lines => _lines;

    public ILogger CreateLogger(string categoryName) => new CapturingLogger(this, categoryName);

    public void SetScopeProvider(IExternalScopeProvider scopeProvider) => _scopes = scopeProvider;

    public void Dispose()
    {
    }

    static void AppendValues(StringBuilder line, object? state)
    {
        if (state is IEnumerable<KeyValuePair<string, object?>> values)
        {
            foreach ((string key, object? value) in values)
            {
                line.Append(' ').Append(key).Append('=').Append(value);
            }
        }
        else
        {
            line.Append(' ').Append(state);
        }
    }

    sealed class CapturingLogger(CapturingLoggerProvider owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => owner._scopes.Push(state);

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            StringBuilder line = new StringBuilder().Append(logLevel).Append(' ').Append(category).Append(": ").Append(formatter(state, exception)).Append(" |");
            AppendValues(line, state);
            owner._scopes.ForEachScope((scope, text) =>
            {
                text.Append(" | scope");
                AppendValues(text, scope);
            }, line);
            if (exception is not null)
            {
                line.Append(" | ").Append(exception);
            }

            owner._lines.Enqueue(line.ToString());
        }
    }
}
