using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace OneStop.Tests.Operations;

/// <summary>
/// The built OneStop.Web.dll (the test output holds it with its runtimeconfig and deps) run as an operator runs it:
/// `dotnet OneStop.Web.dll …` in a process of its own, configured by environment variables only.
/// </summary>
public static class OneStopProcess
{
    public sealed record Result(int ExitCode, string Output, string Error)
    {
        public override string ToString() => $"exit {ExitCode}\n--- stdout\n{Output}\n--- stderr\n{Error}";
    }

    private static string WebDll => Path.Combine(AppContext.BaseDirectory, "OneStop.Web.dll");

    private static ProcessStartInfo StartInfo(IEnumerable<string> args, IReadOnlyDictionary<string, string>? environment)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = AppContext.BaseDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(WebDll);
        foreach (var a in args) info.ArgumentList.Add(a);
        foreach (var (k, v) in environment ?? new Dictionary<string, string>()) info.Environment[k] = v;
        return info;
    }

    /// <summary>Runs a command (copy-database, …) to its end.</summary>
    public static async Task<Result> RunAsync(string[] args, TimeSpan? timeout = null)
    {
        using var process = Process.Start(StartInfo(args, null))!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromMinutes(3));
        try { await process.WaitForExitAsync(cts.Token); }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"dotnet OneStop.Web.dll {string.Join(' ', args)} did not end in time.");
        }
        return new Result(process.ExitCode, await output, await error);
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>A web node on a PostgreSQL database, as the README starts one; disposing stops it.</summary>
    public sealed class Node : IAsyncDisposable
    {
        private readonly Process _process;
        private readonly StringBuilder _log = new();
        public int Port { get; }
        public Uri BaseAddress => new($"http://127.0.0.1:{Port}/");
        public string Log { get { lock (_log) return _log.ToString(); } }

        private Node(Process process, int port)
        {
            _process = process;
            Port = port;
            process.OutputDataReceived += (_, e) => { lock (_log) _log.AppendLine(e.Data); };
            process.ErrorDataReceived += (_, e) => { lock (_log) _log.AppendLine(e.Data); };
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
        }

        public static async Task<Node> StartAsync(string postgreSql)
        {
            var port = FreePort();
            var process = Process.Start(StartInfo([], new Dictionary<string, string>
            {
                ["OneStop__Database__Provider"] = "PostgreSql",
                ["ConnectionStrings__OneStop"] = postgreSql,
                ["Urls"] = $"http://127.0.0.1:{port}",
                // The build output, not a publish: Development serves the static web assets from the project.
                ["ASPNETCORE_ENVIRONMENT"] = "Development",
                ["OneStop__Demo__Speed"] = "0",
            }))!;
            var node = new Node(process, port);
            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
            var until = DateTime.UtcNow.AddMinutes(2);
            while (true)
            {
                if (process.HasExited) throw new InvalidOperationException($"The node on port {port} stopped (exit {process.ExitCode}):\n{node.Log}");
                try
                {
                    if ((await http.GetAsync(new Uri(node.BaseAddress, "health"))).IsSuccessStatusCode) return node;
                }
                catch (Exception e) when (e is HttpRequestException or TaskCanceledException) { }
                if (DateTime.UtcNow > until)
                {
                    await node.DisposeAsync();
                    throw new TimeoutException($"The node on port {port} did not answer /health:\n{node.Log}");
                }
                await Task.Delay(250);
            }
        }

        public async ValueTask DisposeAsync()
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync();
            }
            _process.Dispose();
        }
    }
}
