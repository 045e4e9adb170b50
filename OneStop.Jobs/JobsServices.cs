using Hangfire;
using Hangfire.Common;
using Hangfire.Logging;
using Hangfire.PostgreSql;
using Hangfire.PostgreSql.Factories;
using Hangfire.Storage.SQLite;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OneStop.Domain.Persistence;

namespace OneStop.Jobs;

public static class JobsServices
{
    /// <summary>
    /// Hangfire over Hangfire.Storage.SQLite in its own file (<see cref="JobStoreFile"/>), or over Hangfire.PostgreSql in
    /// the app's PostgreSQL database when OneStop:Database:Provider is PostgreSql; the recurring jobs of
    /// <see cref="JobCatalog"/> declared at start, and <see cref="JobsPage"/> for /jobs.
    /// </summary>
    /// <remarks>
    /// OneStop:Jobs:Enabled=true (default) runs the Hangfire server in this process, after taking the store's server lock:
    /// a second process with Enabled=true on the same store is refused at start. To run the jobs in a separate process,
    /// give that one Enabled=true and the web nodes Enabled=false: they only write to the shared store (declarations,
    /// "run now", pause and resume), which is safe from several processes; only the server's queue claim is not.
    /// Everything Hangfire would keep in statics (storage, filters) is in this container, so two apps in one process
    /// (the tests) never share a store.
    /// </remarks>
    public static IServiceCollection AddOneStopJobs(this IServiceCollection services, IConfiguration configuration)
    {
        var section = configuration.GetSection(JobsOptions.Section);
        var options = section.Get<JobsOptions>() ?? new JobsOptions();
        services.Configure<JobsOptions>(section);
        if (OneStopDatabase.ProviderOf(configuration) == DatabaseProvider.PostgreSql)
            services.AddSingleton<JobStorage>(_ => PostgreSqlStore(configuration, options));
        else AddSqliteStore(services, configuration, options);
        LogProvider.SetCurrentLogProvider(FollowingLogProvider.Instance);
        services.AddSingleton<IJobFilterProvider>(_ => new OneStopJobFilterProvider(options));
        // Hangfire keeps its activator and log provider in statics; the container gets its own activator, the logs follow the newest app.
        services.AddSingleton<JobActivator>(sp => new Hangfire.AspNetCore.AspNetCoreJobActivator(sp.GetRequiredService<IServiceScopeFactory>()));
        services.AddHangfire((sp, c) =>
        {
            FollowingLogProvider.Follow(sp.GetRequiredService<ILoggerFactory>());
            c.UseLogProvider(FollowingLogProvider.Instance)
            .SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
            .UseSimpleAssemblyNameTypeSerializer()
            .UseRecommendedSerializerSettings();
        });
        services.AddSingleton<JobSchedule>();
        services.AddSingleton<JobsPage>();
        services.AddHostedService<DeclareSchedule>();
        if (!options.Enabled) return services;

        if (options.CatchUpOnStart) services.AddHostedService<CatchUpOnStart>();
        services.AddHangfireServer(o =>
        {
            o.SchedulePollingInterval = TimeSpan.FromSeconds(Math.Max(0.1, options.SchedulePollingSeconds));
            o.WorkerCount = Math.Max(1, options.WorkerCount);
            o.ServerName = $"onestop-{Environment.MachineName}-{Environment.ProcessId}";
        });
        return services;
    }

    /// <summary>
    /// Hangfire.PostgreSql in the "hangfire" schema of the app's database (or OneStop:Jobs:StoreConnectionString). Its
    /// queue claim is one atomic UPDATE … RETURNING and its distributed locks are rows, so every node may run a server:
    /// a recurring job fires once per occurrence and a queued job is run by one worker. With the sliding invisibility
    /// timeout, a job whose node died is handed to another node after <see cref="JobsOptions.InvisibilityTimeoutMinutes"/>
    /// of silence, while a long job on a live node keeps its claim by heartbeat.
    /// </summary>
    private static JobStorage PostgreSqlStore(IConfiguration configuration, JobsOptions options)
    {
        var connection = string.IsNullOrWhiteSpace(options.StoreConnectionString)
            ? configuration.GetConnectionString("OneStop") ?? throw new InvalidOperationException("ConnectionStrings:OneStop is required with the PostgreSql provider.")
            : options.StoreConnectionString;
        var storeOptions = new PostgreSqlStorageOptions
        {
            SchemaName = "hangfire",
            PrepareSchemaIfNecessary = true,
            QueuePollInterval = TimeSpan.FromSeconds(Math.Max(0.1, options.QueuePollSeconds)),
            UseSlidingInvisibilityTimeout = true,
            InvisibilityTimeout = TimeSpan.FromMinutes(options.InvisibilityTimeoutMinutes),
            // A killed node leaves its DisableConcurrentExecution lock row behind; another node removes it only once it is
            // older than this. Left at the store's 10 minutes, a shorter invisibility timeout would hand the dead node's
            // job on in time, only for it to wait out (and fail its retries on) the dead node's lock (MultiNode tests).
            DistributedLockTimeout = TimeSpan.FromMinutes(Math.Min(10, options.InvisibilityTimeoutMinutes)),
        };
        return new PostgreSqlStorage(new NpgsqlConnectionFactory(connection, storeOptions), storeOptions);
    }

    /// <summary>Hangfire.Storage.SQLite in its own file beside the app's database, behind the server lock (see remarks above).</summary>
    private static void AddSqliteStore(IServiceCollection services, IConfiguration configuration, JobsOptions options)
    {
        var path = StorePath(configuration, options);
        services.AddSingleton(sp => new JobStoreFile(path, sp.GetRequiredService<ILogger<JobStoreFile>>()));
        services.AddSingleton<ServerLockHolder>();
        services.AddSingleton<JobStorage>(sp =>
        {
            var file = sp.GetRequiredService<JobStoreFile>();
            if (options.Enabled)
            {
                sp.GetRequiredService<ServerLockHolder>().Take(file);
                file.MoveAsideIfUnusable(DateTime.UtcNow);
            }
            return new SQLiteStorage(file.Path, new SQLiteStorageOptions
            {
                QueuePollInterval = TimeSpan.FromSeconds(Math.Max(0.1, options.QueuePollSeconds)),
                InvisibilityTimeout = TimeSpan.FromMinutes(options.InvisibilityTimeoutMinutes),
            });
        });
    }


    /// <summary>OneStop:Jobs:StoreConnectionString ("Data Source=…" or a path), else the app's database file with ".jobs" before its extension.</summary>
    public static string StorePath(IConfiguration configuration, JobsOptions options)
    {
        var root = configuration[HostDefaults.ContentRootKey] ?? Directory.GetCurrentDirectory();
        if (!string.IsNullOrWhiteSpace(options.StoreConnectionString))
        {
            var given = options.StoreConnectionString.Contains('=') ? options.StoreConnectionString : "Data Source=" + options.StoreConnectionString;
            return new SqliteConnectionStringBuilder(DatabasePath.Resolve(given, root)).DataSource;
        }
        var app = DatabasePath.Resolve(configuration.GetConnectionString("OneStop") ?? "Data Source=data/onestop.db", root);
        var file = new SqliteConnectionStringBuilder(app).DataSource;
        return Path.Combine(Path.GetDirectoryName(file) ?? "", Path.GetFileNameWithoutExtension(file) + ".jobs" + Path.GetExtension(file));
    }
}

/// <summary>Holds the store's server lock for the life of the container (the process, outside tests).</summary>
internal sealed class ServerLockHolder : IDisposable
{
    private IDisposable? _lock;
    public void Take(JobStoreFile file) => _lock ??= file.ServerLock();
    public void Dispose() => _lock?.Dispose();
}

/// <summary>Declares the recurring jobs at start, in every process (idempotent), before the server starts.</summary>
internal sealed class DeclareSchedule(JobSchedule schedule) : IHostedService
{
    public Task StartAsync(CancellationToken ct) { schedule.DeclareAll(); return Task.CompletedTask; }
    public Task StopAsync(CancellationToken ct) => Task.CompletedTask;
}

/// <summary>At start, one full deadline sweep: state-based, it catches up whatever the downtime missed.</summary>
internal sealed class CatchUpOnStart(IBackgroundJobClient client) : IHostedService
{
    public Task StartAsync(CancellationToken ct)
    {
        client.Create(JobSchedule.JobFor(JobCatalog.Find(DeadlineSweepJob.JobName), "catch-up"), new Hangfire.States.EnqueuedState());
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken ct) => Task.CompletedTask;
}
