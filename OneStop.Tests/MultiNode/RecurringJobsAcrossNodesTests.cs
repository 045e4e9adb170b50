using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using OneStop.Domain.Deadlines;
using OneStop.Jobs;
using OneStop.Tests.Infrastructure;

namespace OneStop.Tests.MultiNode;

/// <summary>
/// Two nodes of the real app, each with its Hangfire server, on one PostgreSQL database, both asked again and again at
/// once to run the same recurring jobs ("run now" from each node's jobs page): the runs are shared between the nodes,
/// and no two runs of one job ever overlap. When and where each run starts and ends is taken by the database itself: a
/// trigger on the job-run table records the server's clock_timestamp() and the connection's application name (node-a,
/// node-b) for each row written, since the apps run on the tests' stopped clock.
/// </summary>
[Trait(TestDatabase.ProvidersTrait, KilledNodeTests.PostgreSqlOnly)] // one SQLite job file takes one server: there is no second node
public sealed class RecurringJobsAcrossNodesTests : IAsyncLifetime
{
    private static readonly string[] Jobs = [DeadlineSweepJob.JobName, HandOverRemindersJob.JobName];
    private const int RunsPerNodeAndJob = 5;

    private readonly string _database = TestDatabase.PostgreSql ? TestDatabase.CreatePostgreSqlDatabase("jobs") : "";
    private OneStopApp _a = null!, _b = null!;

    public Task InitializeAsync()
    {
        // The schedule itself stays out of the way (New Year only): every run of the test is one it asked for.
        var settings = new Dictionary<string, string>
        {
            ["OneStop:Jobs:QueuePollSeconds"] = "0.2",
            ["OneStop:Jobs:DeadlineSweepCron"] = "0 0 1 1 *",
            ["OneStop:Jobs:HandOverRemindersCron"] = "0 0 1 1 *",
        };
        _a = new OneStopApp(demo: true, connectionString: _database + ";Application Name=node-a", settings: settings);
        _b = new OneStopApp(demo: true, connectionString: _database + ";Application Name=node-b", settings: settings);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _b.DisposeAsync();
        await _a.DisposeAsync();
        TestDatabase.DropPostgreSqlDatabase(_database);
    }

    [Fact]
    public async Task Runs_asked_of_both_nodes_at_once_are_shared_between_them_and_never_overlap()
    {
        await ExecuteAsync("""
            CREATE TABLE "RunProbe" ("RunId" bigint NOT NULL, "At" timestamptz NOT NULL, "Node" text NOT NULL);
            CREATE FUNCTION run_probe() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                INSERT INTO "RunProbe" VALUES (NEW."Id", clock_timestamp(), current_setting('application_name'));
                RETURN NEW;
            END $$;
            CREATE TRIGGER run_probe AFTER INSERT OR UPDATE ON "JobRuns" FOR EACH ROW EXECUTE FUNCTION run_probe();
            """);
        long before;
        await using (var db = _a.CreateDb()) before = await db.JobRuns.MaxAsync(r => (long?)r.Id) ?? 0;

        // Both nodes, all at once.
        var pages = new[] { _a, _b }.Select(n => n.Services.GetRequiredService<JobsPage>()).ToList();
        await Task.WhenAll(Enumerable.Range(0, RunsPerNodeAndJob).SelectMany(_ => pages.SelectMany(p => Jobs.Select(j => p.RunNowAsync(j)))));

        var expected = RunsPerNodeAndJob * pages.Count;
        List<JobRun> runs = [];
        var deadline = DateTime.UtcNow.AddSeconds(120);
        while (DateTime.UtcNow < deadline)
        {
            await using var db = _a.CreateDb();
            runs = await db.JobRuns.AsNoTracking().Where(r => r.Id > before && r.Trigger == "manual").ToListAsync();
            if (Jobs.All(j => runs.Count(r => r.JobName == j && r.Outcome != JobRunOutcome.Running) >= expected)) break;
            await Task.Delay(250);
        }
        foreach (var job in Jobs)
        {
            var mine = runs.Where(r => r.JobName == job).ToList();
            Assert.Equal(expected, mine.Count);
            // A run that found another of its job still "running" would have marked it interrupted: none did.
            Assert.All(mine, r => Assert.Equal((JobRunOutcome.Succeeded, (string?)null), (r.Outcome, r.Error)));
        }

        var probes = await ProbesAsync();
        foreach (var job in Jobs)
        {
            var ids = runs.Where(r => r.JobName == job).Select(r => r.Id).ToHashSet();
            var spans = probes.Where(p => ids.Contains(p.RunId)).GroupBy(p => p.RunId)
                .Select(g => (Start: g.Min(p => p.At), End: g.Max(p => p.At), Nodes: g.Select(p => p.Node).Distinct().ToList()))
                .OrderBy(s => s.Start).ToList();
            Assert.Equal(expected, spans.Count);
            for (var i = 1; i < spans.Count; i++)
                Assert.True(spans[i].Start >= spans[i - 1].End,
                    $"{job}: a run started at {spans[i].Start:HH:mm:ss.ffffff} on {spans[i].Nodes[0]} while the one from " +
                    $"{spans[i - 1].Start:HH:mm:ss.ffffff} on {spans[i - 1].Nodes[0]} ran until {spans[i - 1].End:HH:mm:ss.ffffff}");
            // Each run is written by the node that runs it, start and finish alike; and both nodes took some.
            Assert.All(spans, s => Assert.Single(s.Nodes));
            Assert.Equal(["node-a", "node-b"], spans.Select(s => s.Nodes[0]).Distinct().Order());
        }
    }

    private async Task ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(_database);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private async Task<List<(long RunId, DateTime At, string Node)>> ProbesAsync()
    {
        await using var connection = new NpgsqlConnection(_database);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("""SELECT "RunId", "At", "Node" FROM "RunProbe" """, connection);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<(long, DateTime, string)>();
        while (await reader.ReadAsync()) rows.Add((reader.GetInt64(0), reader.GetDateTime(1), reader.GetString(2)));
        return rows;
    }
}
