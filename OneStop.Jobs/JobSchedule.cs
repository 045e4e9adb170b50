using Hangfire;
using Hangfire.Common;
using Microsoft.Extensions.Options;

namespace OneStop.Jobs;

/// <summary>
/// Declares the recurring jobs from <see cref="JobCatalog"/> and OneStop:Jobs at every start (so a lost store is rebuilt
/// from code), and pauses and resumes them. Hangfire has no pause: a paused job keeps its entry with a schedule that
/// never fires (<see cref="Cron.Never"/>) and its name in the store's set <see cref="PausedSet"/>, which the next
/// declaration honours. A new store starts with nothing paused.
/// </summary>
public sealed class JobSchedule(IRecurringJobManagerV2 manager, JobStorage storage, IOptions<JobsOptions> options)
{
    public const string PausedSet = "onestop:paused-jobs";

    /// <summary>Vietnam time for the schedules (07:30 means 07:30 at the center).</summary>
    public static TimeZoneInfo CenterTimeZone { get; } = FindCenterTimeZone();

    public void DeclareAll()
    {
        var paused = PausedNames();
        foreach (var job in JobCatalog.All) Declare(job, paused.Contains(job.Name));
    }

    public IReadOnlySet<string> PausedNames()
    {
        using var connection = storage.GetConnection();
        return connection.GetAllItemsFromSet(PausedSet);
    }

    public void Pause(string name)
    {
        var job = JobCatalog.Find(name);
        using (var connection = storage.GetConnection())
        using (var tx = connection.CreateWriteTransaction())
        {
            tx.AddToSet(PausedSet, job.Name);
            tx.Commit();
        }
        Declare(job, paused: true);
    }

    public void Resume(string name)
    {
        var job = JobCatalog.Find(name);
        Declare(job, paused: false);
        using var connection = storage.GetConnection();
        using var tx = connection.CreateWriteTransaction();
        tx.RemoveFromSet(PausedSet, job.Name);
        tx.Commit();
    }

    /// <summary>
    /// "run now": Hangfire's TriggerJob, the same as "Trigger now" on /hangfire; returns the new job's id. TriggerJob
    /// takes the job's distributed lock, and Hangfire.PostgreSql's lock is a row polled about once a second with no
    /// queue: ten clicks waiting on one node would poll against each other and the other nodes, and one could miss the
    /// lock for its whole 15 s (CI saw it with five per node). So the clicks on one node wait their turn here, in order,
    /// and each node sends one contender to the shared lock. Even then a node whose own clicks follow each other at once
    /// can keep the lock from the other's once-a-second poll past 15 s (CI again, busy): a click that times out on the
    /// lock asks again, up to <see cref="TriggerAttempts"/> times, rather than telling the user the job could not start.
    /// </summary>
    public string? Trigger(string name)
    {
        var job = JobCatalog.Find(name);
        var gate = _triggerGates.GetOrAdd(job.Name, _ => new SemaphoreSlim(1, 1));
        gate.Wait();
        try
        {
            for (var attempt = 1; ; attempt++)
            {
                try { return manager.TriggerJob(job.Name); }
                catch (Exception e) when (attempt < TriggerAttempts &&
                                          e is Hangfire.Storage.DistributedLockTimeoutException or Hangfire.PostgreSql.PostgreSqlDistributedLockException) { }
            }
        }
        finally { gate.Release(); }
    }

    /// <summary>How many times "run now" asks for the job's lock (Hangfire waits 15 s each time).</summary>
    public const int TriggerAttempts = 3;

    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, SemaphoreSlim> _triggerGates = new();

    /// <summary>The job as Hangfire stores it: the job class's RunAsync("schedule", context, shutdown token).</summary>
    public static Job JobFor(JobDefinition job, string trigger) =>
        new(job.Type, job.Type.GetMethod(RecordedJob.MethodName)!, trigger, null, CancellationToken.None);

    private void Declare(JobDefinition job, bool paused)
    {
        var cron = job.Cron(options.Value);
        try
        {
            manager.AddOrUpdate(job.Name, JobFor(job, "schedule"), paused ? Cron.Never() : cron,
                new RecurringJobOptions { TimeZone = CenterTimeZone, MisfireHandling = job.Misfire });
        }
        catch (ArgumentException e) when (e.ParamName == "cronExpression")
        {
            throw new InvalidOperationException(
                $"OneStop:Jobs:{job.CronKey} = «{cron}» is not a cron expression: five fields (minute hour day month weekday), " +
                $"or six with seconds first, e.g. \"30 7 * * 1-5\" for 07:30 Monday to Friday. {e.InnerException?.Message}", e);
        }
    }

    private static TimeZoneInfo FindCenterTimeZone()
    {
        try { return TimeZoneInfo.FindSystemTimeZoneById("Asia/Ho_Chi_Minh"); }
        catch (TimeZoneNotFoundException) { return TimeZoneInfo.FindSystemTimeZoneById("SE Asia Standard Time"); }
    }
}
