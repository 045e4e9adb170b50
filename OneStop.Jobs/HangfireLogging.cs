using Hangfire.Logging;
using Microsoft.Extensions.Logging;
using MsLogLevel = Microsoft.Extensions.Logging.LogLevel;

namespace OneStop.Jobs;

/// <summary>
/// Hangfire's log provider is a static (LogProvider.Current), and its own one keeps the logger factory of the first app that
/// set it: once that app is disposed (tests start and stop many), every Hangfire component built afterwards fails with
/// ObjectDisposedException. This one follows the newest app's factory and drops a message whose factory is gone.
/// In production there is one app, and this is a plain bridge to its logging.
/// </summary>
internal sealed class FollowingLogProvider : ILogProvider
{
    private static volatile ILoggerFactory? _factory;
    public static FollowingLogProvider Instance { get; } = new();

    public static void Follow(ILoggerFactory factory) => _factory = factory;

    public ILog GetLogger(string name) => new Bridge(name);

    private sealed class Bridge(string name) : ILog
    {
        private ILogger? _logger;
        private ILoggerFactory? _from;

        public bool Log(Hangfire.Logging.LogLevel logLevel, Func<string>? messageFunc, Exception? exception = null)
        {
            try
            {
                var factory = _factory;
                if (factory is null) return false;
                if (!ReferenceEquals(factory, _from)) (_logger, _from) = (factory.CreateLogger(name), factory);
                var level = (MsLogLevel)(int)logLevel;
                if (messageFunc is null) return _logger!.IsEnabled(level);
                _logger!.Log(level, 0, exception, "{Message}", messageFunc());
                return true;
            }
            catch (ObjectDisposedException) { return false; }
        }
    }
}
