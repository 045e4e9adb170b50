using OneStop.Tests.Infrastructure;
using System.Diagnostics;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Hosting;
using OneStop.Domain.Deadlines;
using OneStop.Jobs;
using OneStop.Tests.Deadlines;

namespace OneStop.Tests.Jobs;

/// <summary>
/// kill -9 of the real app (OneStop.Web.dll in a process of its own, its Hangfire server on a real job file) in the middle
/// of the start-up sweep's batches, then a restart: no escalation lost, none doubled, and the killed run is recorded as
/// interrupted. The restart also shows that the server lock died with the killed process.
/// </summary>
[Trait(TestDatabase.ProvidersTrait, TestDatabase.SqliteOnly)] // clones dossiers with SQLite's SQL and kills a SQLite writer
public sealed class KillDuringSweepTests : IDisposable
{
    private const int Copies = 600; // 10 dossiers × 600 = 6,000: 24 batches of 250, long enough to be killed half-way
    private readonly DeadlineTestKit _k = new();
    public void Dispose() => _k.Dispose();

    [Fact]
    public async Task Killed_mid_batch_and_restarted_every_dossier_escalates_exactly_once()
    {
        // Received on 23/11 with 5 working days: overdue on the real clock, which the separate process runs on.
        _k.At(2026, 11, 23, 9);
        var originals = new List<long>();
        for (var i = 0; i < 10; i++) originals.Add((await _k.AtOfficerAsync()).Id);
        var total = Clone(originals);
        Assert.Equal(10 * Copies, total);

        using (var app = StartApp())
        {
            try
            {
                // Watch the commits; kill once some batches are in and some are not.
                var escalated = 0L;
                for (var watch = Stopwatch.StartNew(); watch.Elapsed < TimeSpan.FromMinutes(2); Thread.Sleep(2))
                {
                    escalated = Scalar("SELECT COUNT(*) FROM \"Dossiers\" WHERE \"EscalationLevel\" > 0");
                    if (escalated > 0 || app.HasExited) break;
                }
                if (app.HasExited) Assert.Fail("the app ended before its sweep began: " + app.StandardError.ReadToEnd());
                app.Kill(); // SIGKILL: no shutdown, no finally blocks, no flush
                app.WaitForExit();
                escalated = Scalar("SELECT COUNT(*) FROM \"Dossiers\" WHERE \"EscalationLevel\" > 0");
                Assert.True(escalated > 0 && escalated < total, $"killed half-way: {escalated} of {total} escalated");
                Assert.Equal(1, Scalar($"SELECT COUNT(*) FROM \"JobRuns\" WHERE \"JobName\" = '{DeadlineSweepJob.JobName}' AND \"Outcome\" = 'Running'"));
            }
            finally { if (!app.HasExited) app.Kill(); }
        }

        using var restarted = JobsTestHost.Build(_k.F.Folder, _k.F.DatabaseFile, TimeProvider.System,
            settings: new Dictionary<string, string?> { ["OneStop:Jobs:CatchUpOnStart"] = "true" });
        await restarted.StartAsync();
        try
        {
            var runs = await JobsTestHost.FinishedRunsAsync(restarted.Services, DeadlineSweepJob.JobName, 2);
            Assert.Equal(JobRunRecorder.InterruptedError, runs[0].Error);
            Assert.Equal(JobRunOutcome.Succeeded, runs[1].Outcome);
            Assert.Equal("catch-up", runs[1].Trigger);
        }
        finally { await restarted.StopAsync(); }

        // Nothing lost: every dossier escalated, all to the same rung. Nothing doubled: one Escalated event and one class
        // change each, and the same number of messages for every dossier, those of the killed batches included.
        Assert.Equal(0, Scalar("SELECT COUNT(*) FROM \"Dossiers\" WHERE \"EscalationLevel\" = 0"));
        Assert.Equal(1, Scalar("SELECT COUNT(DISTINCT \"EscalationLevel\") FROM \"Dossiers\""));
        foreach (var type in new[] { "Escalated", "DeadlineClassChanged" })
        {
            Assert.Equal(total, Scalar($"SELECT COUNT(DISTINCT \"DossierId\") FROM \"DossierEvents\" WHERE \"Type\" = '{type}'"));
            Assert.Equal(total, Scalar($"SELECT COUNT(*) FROM \"DossierEvents\" WHERE \"Type\" = '{type}'"));
        }
        Assert.Equal(total, Scalar("SELECT COUNT(DISTINCT \"DossierId\") FROM \"Notifications\""));
        Assert.Equal(1, Scalar("SELECT COUNT(DISTINCT c) FROM (SELECT COUNT(*) AS c FROM \"Notifications\" GROUP BY \"DossierId\")"));
    }

    /// <summary>The real app, as deployed: dotnet OneStop.Web.dll, only the start-up sweep scheduled.</summary>
    private Process StartApp()
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "OneStop.Web.dll");
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.Environment["Logging__LogLevel__Default"] = "Warning";
        info.ArgumentList.Add(dll);
        foreach (var arg in new[]
                 {
                     $"--ConnectionStrings:OneStop=Data Source={_k.F.DatabaseFile}", "--OneStop:Demo:Enabled=false",
                     "--OneStop:Jobs:CatchUpOnStart=true", "--OneStop:Notifications:Enabled=false", "--urls=http://127.0.0.1:0",
                     $"--contentRoot={_k.F.Folder}",
                 }.Concat(JobCatalog.All.Select(j => $"--OneStop:Jobs:{j.CronKey}={JobsTestHost.Never}")))
            info.ArgumentList.Add(arg);
        var process = Process.Start(info)!;
        process.OutputDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        return process;
    }

    /// <summary>Copies the dossiers <paramref name="ids"/> <see cref="Copies"/> - 1 times each under new codes; returns how many open dossiers there are.</summary>
    private long Clone(IReadOnlyList<long> ids)
    {
        using var db = Open();
        var columns = new List<string>();
        using (var info = db.CreateCommand())
        {
            info.CommandText = "SELECT name FROM pragma_table_info('Dossiers') WHERE name <> 'Id'";
            using var r = info.ExecuteReader();
            while (r.Read()) columns.Add(r.GetString(0));
        }
        var list = string.Join(", ", columns.Select(c => $"\"{c}\""));
        var select = string.Join(", ", columns.Select(c => c == "Code" ? "d.\"Code\" || '-' || n.value" : $"d.\"{c}\""));
        using var copy = db.CreateCommand();
        copy.CommandText = $"""
            WITH RECURSIVE n(value) AS (SELECT 1 UNION ALL SELECT value + 1 FROM n WHERE value < {Copies - 1})
            INSERT INTO "Dossiers" ({list}) SELECT {select} FROM "Dossiers" d CROSS JOIN n WHERE d."Id" IN ({string.Join(",", ids)})
            """;
        copy.ExecuteNonQuery();
        return Scalar("SELECT COUNT(*) FROM \"Dossiers\"");
    }

    private SqliteConnection Open()
    {
        var db = new SqliteConnection($"Data Source={_k.F.DatabaseFile};Pooling=False");
        db.Open();
        return db;
    }

    private long Scalar(string sql)
    {
        using var db = Open();
        using var cmd = db.CreateCommand();
        cmd.CommandText = sql;
        return Convert.ToInt64(cmd.ExecuteScalar());
    }
}
