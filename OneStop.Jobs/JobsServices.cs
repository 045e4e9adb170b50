using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using OneStop.Domain.Persistence;
using Quartz;

namespace OneStop.Jobs;

public static class JobsServices
{
    /// <summary>Vietnam time for the cron schedules (07:30 means 07:30 at the center).</summary>
    public static TimeZoneInfo CenterTimeZone { get; } = FindCenterTimeZone();

    /// <summary>
    /// Quartz with a persistent SQLite job store (its own QRTZ_ tables, in a file beside the app's database:
    /// onestop.db → onestop.jobs.db), the deadline jobs on cron schedules from OneStop:Jobs, and
    /// <see cref="JobsPage"/> for the jobs page.
    /// </summary>
    /// <remarks>
    /// OneStop:Jobs:Enabled=true (default) starts the scheduler in this process. To run the jobs in a separate process,
    /// start a second instance against the same ConnectionStrings:OneStop with OneStop:Jobs:Enabled=true (e.g.
    /// <c>dotnet OneStop.Web.dll --OneStop:Jobs:Enabled=true --Urls=http://127.0.0.1:5081</c>) and give the web
    /// nodes OneStop:Jobs:Enabled=false: they keep a scheduler that is never started, through which the jobs page
    /// reads the schedule and writes "run now", pause and resume to the shared store, where the running
    /// scheduler picks them up. Only one process may run the scheduler against a store (no clustering on SQLite).
    /// </remarks>
    public static IServiceCollection AddOneStopJobs(this IServiceCollection services, IConfiguration configuration)
    {
        var options = configuration.GetSection(JobsOptions.Section).Get<JobsOptions>() ?? new JobsOptions();
        services.Configure<JobsOptions>(configuration.GetSection(JobsOptions.Section));
        var store = StoreConnectionString(configuration, options);

        services.AddQuartz(q =>
        {
            // One name per store file: two apps in one process (tests) never share a scheduler, and every process
            // on the same store uses the same name, so they see the same schedule.
            q.ConfigureScheduler(o =>
            {
                o.InstanceName = "OneStop-" + StableHash(new SqliteConnectionStringBuilder(store).DataSource);
                o.IdleWaitTime = TimeSpan.FromSeconds(options.IdleWaitSeconds);
            });
            q.UsePersistentStore(s =>
            {
                s.UseSqlite(store);
                s.UseSystemTextJsonSerializer();
                s.ProvisionSchema();
            });
            foreach (var job in JobCatalog.All)
            {
                var key = new JobKey(job.Name);
                q.AddJob(job.Type, j => j.WithIdentity(key).StoreDurably(true).DisallowConcurrentExecution(true).WithDescription(job.Title));
                q.AddTrigger(t => t.ForJob(key).WithIdentity(job.Name + "-cron")
                    .WithCronSchedule(job.Cron(options), c =>
                    {
                        c.InTimeZone(CenterTimeZone);
                        // A missed minute is not replayed (the start-up sweep catches up); a missed digest is sent once.
                        // A missed monthly snapshot is taken once too.
                        c.WithMisfireInstruction(job.Type == typeof(DailyDigestJob) || job.Type == typeof(MonthlySnapshotJob)
                            ? CronTriggerMisfireInstruction.FireAndProceed : CronTriggerMisfireInstruction.DoNothing);
                    }));
            }
        });
        services.AddSingleton<JobsPage>();
        if (!options.Enabled) return services;
        services.AddQuartzHostedService(o => o.WaitForJobsToComplete = true);
        if (options.CatchUpOnStart) services.AddHostedService<CatchUpOnStart>();
        return services;
    }

    /// <summary>OneStop:Jobs:StoreConnectionString, else the app's database file with ".jobs" before its extension.</summary>
    public static string StoreConnectionString(IConfiguration configuration, JobsOptions options)
    {
        var root = configuration[HostDefaults.ContentRootKey] ?? Directory.GetCurrentDirectory();
        if (!string.IsNullOrWhiteSpace(options.StoreConnectionString)) return DatabasePath.Resolve(options.StoreConnectionString, root);
        var app = DatabasePath.Resolve(configuration.GetConnectionString("OneStop") ?? "Data Source=data/onestop.db", root);
        var builder = new SqliteConnectionStringBuilder(app);
        var file = builder.DataSource;
        builder.DataSource = Path.Combine(Path.GetDirectoryName(file) ?? "", Path.GetFileNameWithoutExtension(file) + ".jobs" + Path.GetExtension(file));
        return builder.ToString();
    }

    private static string StableHash(string s)
    {
        var bytes = System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(s));
        return Convert.ToHexString(bytes, 0, 6);
    }

    private static TimeZoneInfo FindCenterTimeZone()
    {
        try { return TimeZoneInfo.FindSystemTimeZoneById("Asia/Ho_Chi_Minh"); }
        catch (TimeZoneNotFoundException) { return TimeZoneInfo.FindSystemTimeZoneById("SE Asia Standard Time"); }
    }
}

/// <summary>At start, one deadline sweep: state-based, it catches up whatever the downtime missed.</summary>
internal sealed class CatchUpOnStart(ISchedulerFactory factory) : IHostedService
{
    public async Task StartAsync(CancellationToken ct)
    {
        var scheduler = await factory.GetScheduler(ct);
        await scheduler.TriggerJob(new JobKey(DeadlineSweepJob.JobName), new JobDataMap { [RecordedJob.TriggerKey] = "catch-up" }, ct);
    }

    public Task StopAsync(CancellationToken ct) => Task.CompletedTask;
}
