using System.Diagnostics;
using System.Globalization;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using OneStop.Domain.Persistence.Demo;

namespace OneStop.Benchmarks;

public static partial class Program
{
    /// <summary>
    /// In process (no generated project to build, which our partial feed and .NET 10 make fragile), three warmups
    /// and fifteen measured iterations: minutes for a run, not hours.
    /// </summary>
    public static Job ShortJob { get; } = Job.Default.WithToolchain(InProcessEmitToolchain.Instance)
        .WithLaunchCount(1).WithWarmupCount(3).WithIterationCount(15).WithId("Short");

    public static int Main(string[] args)
    {
        try
        {
            switch (args.FirstOrDefault())
            {
                case "generate": return Generate(Named(args[1..], "--dossiers", "--open", "--years", "--seed", "--now", "--out"));
                case "profile": return Profile(Named(args[1..], "--dossiers", "--open", "--years", "--seed", "--data", "--runs"));
                case "ingest": return Ingest(Named(args[1..], "--dossiers", "--workers", "--base"));
                case "import": return Import(Named(args[1..], "--rows", "--base"));
                case "import-flood":
                    Console.WriteLine(ImportFloodCommand.RunAsync(Int(Named(args[1..], "--mb"), "--mb", 20), Console.Out).GetAwaiter().GetResult());
                    return 0;
                case "fanout":
                    {
                        var named = Named(args[1..], "--circuits", "--changes", "--client");
                        var result = FanOutCommand.RunAsync(Int(named, "--circuits", 100), Int(named, "--changes", 20), Console.Out,
                            named.GetValueOrDefault("--client") ?? "browser").GetAwaiter().GetResult();
                        Console.WriteLine(result.Describe());
                        Console.WriteLine(result.Summary());
                        return 0;
                    }
                case "firstrender": return FirstRender(args[1..]);
                case "crossnode":
                    {
                        var named = Named(args[1..], "--postgres", "--changes");
                        if (!named.TryGetValue("--postgres", out var server)) throw new ArgumentException("crossnode: --postgres CONNECTION is required.");
                        Console.WriteLine(CrossNodeCommand.RunBothAsync(server, Int(named, "--changes", 200), Console.Out).GetAwaiter().GetResult());
                        return 0;
                    }
                case "sql-vs-ef":
                    {
                        var named = Named(args[1..], "--batch", "--runs");
                        return SqlVersusEfCommand.Run(Int(named, "--batch", 250), Int(named, "--runs", 7), Console.Out);
                    }
                case "monthly-vs-ef":
                    {
                        var named = Named(args[1..], "--runs");
                        var (sql, ef) = MonthlyFactsComparison.Run(Int(named, "--runs", 7), Console.Out);
                        Console.WriteLine($"monthly-vs-ef sql_ms={sql:n1} ef_ms={ef:n1}");
                        return 0;
                    }
                case "providers" or "provider-part": return Providers(args);
                case "job-sweep": return JobSweepCommand.Run(Options(Named(args[1..], "--dossiers", "--open", "--years", "--seed", "--runs")),
                    Int(Named(args[1..], "--dossiers", "--open", "--years", "--seed", "--runs"), "--runs", 5), Console.Out);
                case "sweep-profile": return SweepProfile(Named(args[1..], "--dossiers", "--open", "--years", "--seed", "--changed", "--runs"));
                case "help" or "-h" or "--help":
                    Console.WriteLine(Usage);
                    return 0;
            }
            if (args.FirstOrDefault() == "suite")
            {
                var extra = TakeScale(args[1..]);
                if (extra.Length > 0) throw new ArgumentException($"suite: unexpected «{extra[0]}».");
                return SuiteCommand.Run(DefaultConfig.Instance.AddJob(ShortJob), Console.Out);
            }
            var rest = TakeScale(args);
            BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(rest, DefaultConfig.Instance.AddJob(ShortJob));
            return 0;
        }
        catch (ArgumentException e)
        {
            Console.Error.WriteLine(e.Message);
            Console.Error.WriteLine();
            Console.Error.WriteLine(Usage);
            return 2;
        }
    }

    private static int Providers(string[] args)
    {
        var named = Named(args[1..], "--postgres", "--dossiers", "--open", "--years", "--seed", "--runs", "--sweep-runs", "--ingest", "--callers", "--part", "--provider");
        if (!named.TryGetValue("--postgres", out var server)) throw new ArgumentException($"{args[0]}: --postgres CONNECTION is required.");
        var callers = (named.GetValueOrDefault("--callers") ?? "1,8").Split(',').Select(c =>
            int.TryParse(c, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) && n is >= 1 and <= 64 ? n
                : throw new ArgumentException($"--callers: «{c}» is not a whole number from 1 to 64.")).ToArray();
        var settings = new ProviderComparisonCommand.Settings(server, Options(named), Int(named, "--runs", 11), Int(named, "--sweep-runs", 7),
            Int(named, "--ingest", 2_000), callers);
        if (args[0] == "providers")
        {
            var scale = named.Where(x => x.Key is "--dossiers" or "--open" or "--years" or "--seed").SelectMany(x => new[] { x.Key, x.Value }).ToArray();
            Console.WriteLine(ProviderComparisonCommand.Run(settings, scale, Console.Out));
            return 0;
        }
        var provider = Enum.TryParse<OneStop.Domain.Persistence.DatabaseProvider>(named.GetValueOrDefault("--provider"), ignoreCase: true, out var p) ? p
            : throw new ArgumentException("provider-part: --provider must be Sqlite or PostgreSql.");
        return ProviderComparisonCommand.RunPartAsync(named.GetValueOrDefault("--part") ?? "", provider, settings, Console.Out).GetAwaiter().GetResult();
    }

    private static int Generate(Dictionary<string, string> named)
    {
        var options = Options(named);
        if (!named.TryGetValue("--out", out var file)) throw new ArgumentException("generate: --out FILE is required.");
        file = Path.GetFullPath(file);
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        Console.WriteLine($"Generating {options.Dossiers:n0} dossiers ({options.Open:n0} open) over {options.Years} years up to " +
                          $"{options.NowUtc:yyyy-MM-dd HH:mm} UTC into {file} …");
        var watch = Stopwatch.StartNew();
        var summary = BenchmarkData.Generate(options, file);
        Console.WriteLine($"Done in {watch.Elapsed.TotalSeconds:n1} s: {BenchmarkData.Describe(summary)}");
        return 0;
    }

    private static int Profile(Dictionary<string, string> named)
    {
        var options = Options(named);
        var file = named.TryGetValue("--data", out var data) ? Path.GetFullPath(data) : BenchmarkData.Ensure(options, Console.Out);
        OverviewProfile.RunAsync(file, options.NowUtc, Int(named, "--runs", 11), Console.Out).GetAwaiter().GetResult();
        return 0;
    }

    private static int Ingest(Dictionary<string, string> named)
    {
        var file = FreshFile(Int(named, "--base", 50_000), out var now);
        try
        {
            // Warm-up first (JIT and EF's query cache, as a running server has them), as the suite does.
            IngestionLoad.IngestAsync(file, now, 200, 1).GetAwaiter().GetResult();
            var figures = IngestionLoad.IngestAsync(file, now, Int(named, "--dossiers", 2_000), Int(named, "--workers", 4), Console.Out).GetAwaiter().GetResult();
            Console.WriteLine(figures);
        }
        finally { DeleteFresh(file); }
        return 0;
    }

    private static int Import(Dictionary<string, string> named)
    {
        var file = FreshFile(Int(named, "--base", 50_000), out var now);
        try
        {
            var (figures, result) = IngestionLoad.ImportAsync(file, now, Int(named, "--rows", 100_000), Console.Out).GetAwaiter().GetResult();
            Console.WriteLine($"Imported {figures.Dossiers:n0} rows ({string.Join(", ", result.ByStatus.OrderBy(x => x.Key).Select(x => $"{x.Key} {x.Value:n0}"))}) " +
                              $"with {figures.Events:n0} events in {figures.Elapsed.TotalSeconds:n1} s: {figures.DossiersPerSecond:n0} rows/s " +
                              $"(CPU {figures.CpuTime.TotalSeconds:n1} s; load average {File.ReadAllText("/proc/loadavg").Split(' ')[0]})");
        }
        finally { DeleteFresh(file); }
        return 0;
    }

    /// <summary>A new file with a generated history (the runs write to it, so a cached one would not stay the same).</summary>
    internal static string FreshFile(int dossiers, out DateTime now)
    {
        var options = new ScaleDataOptions(dossiers, Math.Max(1, dossiers / 20), 1, BenchmarkScale.Default.NowUtc);
        now = options.NowUtc;
        var file = Path.Combine(Path.GetTempPath(), $"onestop-load-{Environment.ProcessId}.db");
        Console.WriteLine($"Generating {dossiers:n0} dossiers of history into {file} …");
        Console.WriteLine(BenchmarkData.Describe(BenchmarkData.Generate(options, file)));
        return file;
    }

    internal static void DeleteFresh(string file)
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        foreach (var f in new[] { file, file + "-wal", file + "-shm" }) File.Delete(f);
    }

    private static int SweepProfile(Dictionary<string, string> named)
    {
        var benchmarks = new SweepBenchmarks { Changed = Int(named, "--changed", Options(named).Open / 100) };
        BenchmarkScale.Current = Options(named);
        benchmarks.Setup();
        try
        {
            for (int i = 0, runs = Int(named, "--runs", 5); i < runs; i++)
            {
                benchmarks.PutBack();
                var watch = Stopwatch.StartNew();
                var moved = benchmarks.Sweep().GetAwaiter().GetResult();
                Console.WriteLine($"sweep {i + 1}: {moved:n0} moved in {watch.Elapsed.TotalMilliseconds:n1} ms");
            }
        }
        finally { benchmarks.Cleanup(); }
        return 0;
    }

    /// <summary>Takes --dossiers/--open/--years/--seed out of the arguments for the benchmarks; returns the rest for BenchmarkDotNet.</summary>
    private static string[] TakeScale(string[] args)
    {
        var keys = new[] { "--dossiers", "--open", "--years", "--seed" };
        var rest = new List<string>();
        var mine = new List<string>();
        for (int i = 0; i < args.Length; i++)
        {
            if (keys.Contains(args[i]) && i + 1 < args.Length) { mine.Add(args[i]); mine.Add(args[++i]); }
            else rest.Add(args[i]);
        }
        if (mine.Count > 0) BenchmarkScale.Current = Options(Named(mine.ToArray(), keys));
        return rest.ToArray();
    }

    private static int FirstRender(string[] args)
    {
        // --app may be given several times; the rest are single-valued.
        var apps = new List<(string, Uri)>();
        var rest = new List<string>();
        for (int i = 0; i < args.Length; i++)
        {
            if (args[i] != "--app") { rest.Add(args[i]); continue; }
            if (i + 1 >= args.Length) throw new ArgumentException("--app needs a value.");
            apps.Add(FirstRenderCommand.ParseApp(args[++i]));
        }
        var named = Named(rest.ToArray(), "--paths", "--runs");
        var paths = (named.GetValueOrDefault("--paths") ?? "/,/queues/SCT").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (paths.Any(p => !p.StartsWith('/'))) throw new ArgumentException("--paths: each path must start with «/».");
        foreach (var result in FirstRenderCommand.RunAsync(apps, paths, Int(named, "--runs", 10), Console.Out).GetAwaiter().GetResult())
            Console.WriteLine(result.Describe());
        return 0;
    }

    private static Dictionary<string, string> Named(string[] args, params string[] allowed)
    {
        var named = new Dictionary<string, string>();
        for (int i = 0; i < args.Length; i++)
        {
            if (!allowed.Contains(args[i])) throw new ArgumentException($"Unexpected argument «{args[i]}».");
            if (i + 1 >= args.Length) throw new ArgumentException($"{args[i]} needs a value.");
            named[args[i]] = args[++i];
        }
        return named;
    }

    private static int Int(Dictionary<string, string> named, string key, int fallback) =>
        !named.TryGetValue(key, out var v) ? fallback
        : int.TryParse(v.Replace("_", "").Replace(",", ""), NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n
        : throw new ArgumentException($"{key}: «{v}» is not a whole number.");

    private static ScaleDataOptions Options(Dictionary<string, string> named)
    {
        var defaults = BenchmarkScale.Current;
        var now = defaults.NowUtc;
        if (named.TryGetValue("--now", out var text))
            now = text.Contains('T') && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed)
                ? parsed.UtcDateTime
                : throw new ArgumentException($"--now: «{text}» is not an ISO 8601 date and time with an offset.");
        var options = new ScaleDataOptions(Int(named, "--dossiers", defaults.Dossiers), Int(named, "--open", defaults.Open),
            Int(named, "--years", defaults.Years), now, Int(named, "--seed", defaults.Seed));
        try { options.Validate(); }
        catch (ArgumentOutOfRangeException e) { throw new ArgumentException(e.Message, e); }
        return options;
    }
}

/// <summary>The data set the benchmarks run on (the issue's: one million dossiers, 50,000 open, three years).</summary>
public static class BenchmarkScale
{
    public static ScaleDataOptions Default { get; } = new(1_000_000, 50_000, 3, ScaleDataGenerator.DefaultNowUtc);
    public static ScaleDataOptions Current { get; set; } = Default;
}
