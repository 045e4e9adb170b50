using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using OneStop.Domain.Persistence;
using OneStop.Domain.Persistence.Demo;

namespace OneStop.Benchmarks;

/// <summary>
/// `providers`: the same measurements on SQLite and on PostgreSQL, side by side in one sitting, on the same generated
/// data (the generator and seed give the same rows on both; each settled by one full sweep). Each part runs on each
/// provider in a child process of its own (`provider-part`), SQLite then PostgreSQL, part after part, so that both see the
/// machine in the same state; the parent collects their results and prints one Markdown table.
/// </summary>
public static class ProviderComparisonCommand
{
    public const string Parts = "prepare,overview,sweep,ingest";
    private const string ResultPrefix = "@result ";
    private static readonly DatabaseProvider[] Providers = [DatabaseProvider.Sqlite, DatabaseProvider.PostgreSql];

    public sealed record Settings(string PostgresServer, ScaleDataOptions Options, int Runs, int SweepRuns, int Ingest, int[] Callers);

    /// <summary>Runs every part on both providers; returns the table.</summary>
    public static string Run(Settings s, string[] scaleArguments, TextWriter log)
    {
        var results = new Dictionary<(string, DatabaseProvider), JsonElement>();
        foreach (var part in Parts.Split(','))
            foreach (var provider in Providers)
            {
                var load = LoadAverage();
                var arguments = new List<string> { "provider-part", "--part", part, "--provider", provider.ToString(), "--postgres", s.PostgresServer,
                    "--runs", Text(s.Runs), "--sweep-runs", Text(s.SweepRuns), "--ingest", Text(s.Ingest), "--callers", string.Join(',', s.Callers) };
                arguments.AddRange(scaleArguments);
                log.WriteLine($"== {part} on {provider} (load average {load}) ==");
                results[(part, provider)] = RunChild(arguments, log);
            }
        var table = Table(s, results);
        var artifacts = Path.Combine(Environment.CurrentDirectory, "BenchmarkDotNet.Artifacts");
        Directory.CreateDirectory(artifacts);
        File.WriteAllText(Path.Combine(artifacts, "providers.md"), table);
        return table;
    }

    /// <summary>One part on one provider, in this process: prints its result as one JSON line for the parent.</summary>
    public static async Task<int> RunPartAsync(string part, DatabaseProvider provider, Settings s, TextWriter output)
    {
        var store = ProviderMeasurements.Prepare(provider, s.PostgresServer, s.Options, output);
        object result = part switch
        {
            "prepare" => new { store = store.Name },
            "overview" => await ProviderMeasurements.OverviewAsync(store, s.Options, s.Runs),
            "sweep" => await ProviderMeasurements.SweepAsync(store, s.Options, [0, s.Options.Open / 100, s.Options.Open / 20], s.SweepRuns),
            "ingest" => (await ProviderMeasurements.IngestAsync(store, s.Options, s.Ingest, s.Callers, output))
                .Select(x =>
                {
                    output.WriteLine($"{x.Callers} caller(s): {x.Figures}");
                    return new { callers = x.Callers, perSecond = x.Figures.DossiersPerSecond };
                }).ToList(),
            _ => throw new ArgumentException($"--part: «{part}» is not one of {Parts}."),
        };
        store.ClearPools();
        output.WriteLine(ResultPrefix + JsonSerializer.Serialize(result));
        return 0;
    }

    private static JsonElement RunChild(IReadOnlyList<string> arguments, TextWriter log)
    {
        // This very program again: its apphost, or `dotnet OneStop.Benchmarks.dll` when started through the muxer.
        var self = Environment.ProcessPath!;
        var start = new ProcessStartInfo(self) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        if (Path.GetFileNameWithoutExtension(self) == "dotnet") start.ArgumentList.Add(typeof(ProviderComparisonCommand).Assembly.Location);
        foreach (var a in arguments) start.ArgumentList.Add(a);
        using var child = Process.Start(start)!;
        JsonElement? result = null;
        var errors = new StringBuilder();
        child.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (errors) errors.AppendLine(e.Data); };
        child.BeginErrorReadLine();
        while (child.StandardOutput.ReadLine() is { } line)
        {
            if (ResultOf(line) is { } found) result = found;
            else log.WriteLine("   " + line);
        }
        child.WaitForExit();
        if (child.ExitCode != 0 || result is null)
            throw new InvalidOperationException($"provider-part {string.Join(' ', arguments.Take(5))} failed (exit {child.ExitCode}): {errors}");
        return result.Value;
    }

    /// <summary>The result a `provider-part` printed, from its output (null when it printed none).</summary>
    public static JsonElement? ResultOf(string output) =>
        output.Split('\n').Select(l => l.TrimEnd('\r')).LastOrDefault(l => l.StartsWith(ResultPrefix, StringComparison.Ordinal)) is { } line
            ? JsonDocument.Parse(line[ResultPrefix.Length..]).RootElement.Clone()
            : null;

    /// <summary>The Markdown table of every part's results on both providers.</summary>
    public static string Table(Settings s, IReadOnlyDictionary<(string, DatabaseProvider), JsonElement> r)
    {
        string Both(string part, Func<JsonElement, string> cell) =>
            $"| {cell(r[(part, DatabaseProvider.Sqlite)])} | {cell(r[(part, DatabaseProvider.PostgreSql)])} |";
        string Ms(double ms) => ms.ToString(ms < 100 ? "n1" : "n0", CultureInfo.InvariantCulture) + " ms";
        var o = s.Options;
        var t = new StringBuilder();
        t.AppendLine($"{o.Dossiers:n0} dossiers, {o.Open:n0} open, {o.Years} years; medians of {s.Runs} overview runs and {s.SweepRuns} sweeps each; " +
                     $"{s.Ingest:n0} dossiers per ingestion run; {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, {Environment.ProcessorCount} cores, load average at the end {LoadAverage()}.");
        t.AppendLine();
        t.AppendLine("| measurement | SQLite | PostgreSQL |");
        t.AppendLine("|---|---:|---:|");
        t.AppendLine("| Overview snapshot (OverviewSnapshotQuery) " + Both("overview", e => Ms(e.GetProperty("QueryMs").GetDouble())));
        t.AppendLine("| its floor (hand-written SQL, one command) " + Both("overview", e => Ms(e.GetProperty("FloorMs").GetDouble())));
        t.AppendLine("| ratio query / floor (median of the runs' ratios) " + Both("overview", e =>
            e.GetProperty("Ratio").GetDouble().ToString("n2", CultureInfo.InvariantCulture) + (e.GetProperty("SameFigures").GetBoolean() ? "" : " (figures differ!)")));
        for (var i = 0; i < 3; i++)
        {
            var n = r[("sweep", DatabaseProvider.Sqlite)][i].GetProperty("Changed").GetInt32();
            t.AppendLine($"| Deadline sweep, {n:n0} of {o.Open:n0} open change class " + Both("sweep", e =>
                Ms(e[i].GetProperty("MedianMs").GetDouble()) + (e[i].GetProperty("MovedExactly").GetBoolean() ? "" : " (moved a different number!)")));
        }
        for (var i = 0; i < s.Callers.Length; i++)
            t.AppendLine($"| Ingestion (a PUT and four events per dossier), {s.Callers[i]} caller{(s.Callers[i] == 1 ? "" : "s")} " + Both("ingest", e =>
                e[i].GetProperty("perSecond").GetDouble().ToString("n0", CultureInfo.InvariantCulture) + " dossiers/s"));
        return t.ToString();
    }

    private static string Text(int n) => n.ToString(CultureInfo.InvariantCulture);

    private static string LoadAverage() => File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "?";
}
