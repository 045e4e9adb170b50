using System.Diagnostics;
using System.Globalization;

namespace OneStop.Benchmarks.Circuits;

/// <summary>
/// The circuits in a child process (this same program, told by <see cref="ConnectVariable"/> to be the client side), so
/// that the server's process, whose memory the fan-out reports, holds the server alone. They talk in lines: the parent
/// sends `open N`, `watch TEXT`, `quit`; the child answers `@opened N TILE`, `@armed`, `@arrived TICKS…` or `@error WHY`,
/// and everything else it prints is its log.
/// </summary>
public sealed class ChildProcessCircuits : ICircuitPool
{
    /// <summary>Set to the app's address, it makes `fanout --client protocol` the client side of this pair.</summary>
    public const string ConnectVariable = "ONESTOP_FANOUT_CONNECT";

    private readonly Process _child;
    private readonly TextWriter _log;
    private readonly System.Threading.Channels.Channel<string> _replies = System.Threading.Channels.Channel.CreateUnbounded<string>();

    public string? ReceivedTile { get; private set; }

    private ChildProcessCircuits(Process child, TextWriter log)
    {
        (_child, _log) = (child, log);
        _child.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null) _replies.Writer.TryComplete();
            else if (e.Data.StartsWith('@')) _replies.Writer.TryWrite(e.Data);
            else _log.WriteLine(e.Data);
        };
        _child.ErrorDataReceived += (_, e) => { if (e.Data is not null) _log.WriteLine($"  [client] {e.Data}"); };
        _child.BeginOutputReadLine();
        _child.BeginErrorReadLine();
    }

    public static ChildProcessCircuits Start(Uri baseAddress, TextWriter log)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        };
        start.ArgumentList.Add(typeof(ChildProcessCircuits).Assembly.Location);
        foreach (var a in new[] { "fanout", "--client", "protocol" }) start.ArgumentList.Add(a);
        start.Environment[ConnectVariable] = baseAddress.ToString();
        start.Environment["DOTNET_gcServer"] = "0"; // the client is not under test: one small heap, no heap per core
        return new ChildProcessCircuits(Process.Start(start) ?? throw new InvalidOperationException("The circuit client process did not start."), log);
    }

    public async Task OpenAsync(int total, CancellationToken ct = default)
    {
        var reply = await AskAsync($"open {total}", "@opened", ct);
        var parts = reply.Split(' ', 3);
        ReceivedTile = parts.Length > 2 ? parts[2] : null;
    }

    public async Task<Task<DateTime[]>> ArmAsync(string text, CancellationToken ct = default)
    {
        await AskAsync($"watch {text}", "@armed", ct);
        return ArrivalsAsync(ct);
    }

    private async Task<DateTime[]> ArrivalsAsync(CancellationToken ct)
    {
        var reply = await NextReplyAsync(ct);
        if (!reply.StartsWith("@arrived", StringComparison.Ordinal)) throw Failure(reply);
        return reply.Split(' ').Skip(1).Select(t => new DateTime(long.Parse(t, CultureInfo.InvariantCulture), DateTimeKind.Utc)).ToArray();
    }

    private async Task<string> AskAsync(string line, string expected, CancellationToken ct)
    {
        await _child.StandardInput.WriteLineAsync(line.AsMemory(), ct);
        await _child.StandardInput.FlushAsync(ct);
        var reply = await NextReplyAsync(ct);
        return reply.StartsWith(expected, StringComparison.Ordinal) ? reply : throw Failure(reply);
    }

    private async Task<string> NextReplyAsync(CancellationToken ct) =>
        await _replies.Reader.WaitToReadAsync(ct) && _replies.Reader.TryRead(out var reply) ? reply
            : throw new InvalidOperationException($"The circuit client process ended (exit code {(_child.HasExited ? _child.ExitCode : -1)}).");

    private static InvalidOperationException Failure(string reply) =>
        new($"The circuit client process: {(reply.StartsWith("@error ", StringComparison.Ordinal) ? reply[7..] : reply)}");

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_child.HasExited)
            {
                await _child.StandardInput.WriteLineAsync("quit");
                await _child.StandardInput.FlushAsync();
                using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(30));
                try { await _child.WaitForExitAsync(wait.Token); }
                catch (OperationCanceledException) { _child.Kill(entireProcessTree: true); }
            }
        }
        finally { _child.Dispose(); }
    }

    /// <summary>The child's side: circuits in its own process, driven by the parent's lines on standard input.</summary>
    public static async Task<int> ServeAsync(Uri baseAddress, (string User, string Password) signIn, TextReader input, TextWriter output)
    {
        await using var pool = await InProcessCircuits.SignInAsync(baseAddress, signIn, output);
        Task<DateTime[]>? pending = null;
        while (await input.ReadLineAsync() is { } line && line != "quit")
        {
            try
            {
                var (verb, argument) = line.IndexOf(' ') is var at and > 0 ? (line[..at], line[(at + 1)..]) : (line, "");
                switch (verb)
                {
                    case "open":
                        await pool.OpenAsync(int.Parse(argument, CultureInfo.InvariantCulture));
                        output.WriteLine($"@opened {argument} {pool.ReceivedTile}");
                        break;
                    case "watch":
                        pending = await pool.ArmAsync(argument);
                        output.WriteLine("@armed");
                        _ = pending.ContinueWith(t => output.WriteLine(t.IsCompletedSuccessfully
                            ? "@arrived " + string.Join(' ', t.Result.Select(a => a.Ticks.ToString(CultureInfo.InvariantCulture)))
                            : $"@error {t.Exception?.GetBaseException().Message}"), TaskScheduler.Default);
                        break;
                    default:
                        output.WriteLine($"@error unknown request «{line}»");
                        break;
                }
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                output.WriteLine($"@error {e.Message.ReplaceLineEndings(" ")}");
            }
            output.Flush();
        }
        return 0;
    }
}
