using Hangfire;
using Hangfire.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using OneStop.Domain;
using OneStop.Domain.Deadlines;
using OneStop.Domain.Dossiers;
using OneStop.Domain.Persistence;
using OneStop.Jobs;
using OneStop.Tests.Infrastructure;

namespace OneStop.Tests.Jobs;

/// <summary>
/// The real jobs (OneStop.Jobs with a Hangfire server over a real Hangfire.Storage.SQLite file) over a test database,
/// in a generic host: no web app, the test's clock and change sink. Every recurring job is declared with a schedule that
/// never fires, so a test sees only the runs it asks for (run now, the start-up catch-up) unless it sets one.
/// </summary>
public static class JobsTestHost
{
    public const string Never = "0 0 31 2 *";

    public static IHost Build(string folder, string database, TimeProvider clock, IDossierChangeSink? sink = null,
        IReadOnlyDictionary<string, string?>? settings = null)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { ContentRootPath = folder, DisableDefaults = true });
        var config = new Dictionary<string, string?>
        {
            ["ConnectionStrings:OneStop"] = database.Contains('=') ? database : $"Data Source={database}", // a file or a connection string
            ["OneStop:Database:Provider"] = TestDatabase.Provider.ToString(),
            ["OneStop:Demo:Enabled"] = "false",
            ["OneStop:Jobs:Enabled"] = "true",
            ["OneStop:Jobs:CatchUpOnStart"] = "false",
            ["OneStop:Jobs:QueuePollSeconds"] = "0.2",
            ["OneStop:Jobs:SchedulePollingSeconds"] = "0.5",
            ["OneStop:Jobs:RetryDelaysSeconds:0"] = "1",
        };
        foreach (var job in JobCatalog.All) config[$"OneStop:Jobs:{job.CronKey}"] = Never;
        foreach (var (k, v) in settings ?? new Dictionary<string, string?>()) config[k] = v;
        builder.Configuration.AddInMemoryCollection(config);
        builder.Services.AddOneStopDomain(builder.Configuration, config["ConnectionStrings:OneStop"]!);
        builder.Services.AddSingleton(clock);
        if (sink is not null) builder.Services.AddSingleton(sink);
        builder.Services.AddOneStopJobs(builder.Configuration);
        builder.Logging.AddFilter("Hangfire", Microsoft.Extensions.Logging.LogLevel.Warning);
        return builder.Build();
    }

    /// <summary>Polls <paramref name="probe"/> until it returns a value (not a timing assertion: the limit only stops a hung test).</summary>
    public static async Task<T> WaitForAsync<T>(Func<Task<T?>> probe, string what, int seconds = 60) where T : class
    {
        for (var waited = System.Diagnostics.Stopwatch.StartNew(); waited.Elapsed < TimeSpan.FromSeconds(seconds); await Task.Delay(50))
            if (await probe() is { } found) return found;
        throw new TimeoutException($"Still waiting after {seconds} s for {what}.");
    }

    public static async Task<List<JobRun>> RunsAsync(IServiceProvider services, string job)
    {
        await using var db = await services.GetRequiredService<IDbContextFactory<OneStopDbContext>>().CreateDbContextAsync();
        return await db.JobRuns.AsNoTracking().Where(r => r.JobName == job).OrderBy(r => r.Id).ToListAsync();
    }

    /// <summary>Waits for <paramref name="count"/> finished runs of <paramref name="job"/> (an interrupted one counts: it is over, with no finish time).</summary>
    public static Task<List<JobRun>> FinishedRunsAsync(IServiceProvider services, string job, int count = 1) =>
        WaitForAsync(async () => await RunsAsync(services, job) is var runs && runs.Count(r => r.Outcome != JobRunOutcome.Running) >= count ? runs : null,
            $"{count} finished run(s) of {job}");

    public static IMonitoringApi Monitoring(IServiceProvider services) => services.GetRequiredService<JobStorage>().GetMonitoringApi();
}
