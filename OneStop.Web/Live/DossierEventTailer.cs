using Microsoft.EntityFrameworkCore;
using Npgsql;
using OneStop.Domain.Dossiers;
using OneStop.Domain.Persistence;

namespace OneStop.Web.Live;

/// <summary>
/// Brings changes written by other processes (a second web node, a jobs-only worker, a script on the
/// same database) to this process's screens: it tails DossierEvents by id and publishes what this
/// process did not publish itself. One indexed range read every quarter second; on PostgreSQL a
/// LISTEN on <see cref="Channel"/> (a trigger NOTIFYs at each commit that adds events) wakes it at once,
/// and the timer stays as the safety net for a notification lost with a dropped connection.
/// </summary>
public sealed class DossierEventTailer(IDbContextFactory<OneStopDbContext> contexts, DossierChangeHub hub, IConfiguration configuration,
    ILogger<DossierEventTailer> log) : BackgroundService
{
    /// <summary>False: poll only, every <see cref="Interval"/> (behind a pooler in transaction mode, e.g. PgBouncer, LISTEN does not hold).</summary>
    public const string ListenKey = "OneStop:Live:ListenNotify";

    public static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(250);
    /// <summary>The poll while a LISTEN is up: only the safety net, so eight times fewer reads.</summary>
    public static readonly TimeSpan ListeningInterval = TimeSpan.FromSeconds(2);
    /// <summary>The channel the DossierEventsNotify migration's trigger notifies (PostgreSQL only).</summary>
    public const string Channel = "onestop_dossier_events";
    private const int Batch = 500;
    private readonly SemaphoreSlim _wake = new(0, 1);
    private volatile bool _listening;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        long cursor = 0;
        var started = false;
        Task? listening = null;
        do
        {
            try
            {
                await using var db = await contexts.CreateDbContextAsync(stoppingToken);
                if (!started)
                {
                    // Start from now: screens read their snapshot on open, so history needs no replay.
                    cursor = await db.DossierEvents.MaxAsync(e => (long?)e.Id, stoppingToken) ?? 0;
                    if (db.IsPostgreSql && configuration.GetValue(ListenKey, true)) listening = ListenAsync(db.Database.GetConnectionString()!, stoppingToken);
                    started = true;
                    continue;
                }
                List<DossierChange> rows;
                do
                {
                    var since = cursor;
                    rows = (await db.DossierEvents.AsNoTracking()
                            .Where(e => e.Id > since)
                            .Join(db.Dossiers, e => e.DossierId, d => d.Id, (e, d) => new { e, d.Code })
                            .OrderBy(x => x.e.Id).Take(Batch)
                            .ToListAsync(stoppingToken))
                        .Select(x => DossierChange.Of(x.e, x.Code))
                        .ToList();
                    foreach (var change in rows)
                    {
                        cursor = change.EventId;
                        if (!hub.WasPublished(change.EventId)) hub.Publish(change);
                    }
                } while (rows.Count == Batch);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested) { break; }
            catch (Exception e)
            {
                // The database may be busy or briefly away; the next tick tries again from the same cursor.
                log.LogWarning(e, "Tailing dossier events failed; retrying");
            }
        } while (await WaitAsync(stoppingToken));
        if (listening is not null) await listening;
    }

    /// <summary>The next tick, or sooner when a notification came; false when stopping.</summary>
    private async Task<bool> WaitAsync(CancellationToken ct)
    {
        try
        {
            await _wake.WaitAsync(_listening ? ListeningInterval : Interval, ct);
            return true;
        }
        catch (OperationCanceledException) { return false; }
    }

    private void Wake()
    {
        try { _wake.Release(); } catch (SemaphoreFullException) { } // a wake-up already pending covers this one too
    }

    /// <summary>Holds one connection in LISTEN; reconnects after a second when it drops (the timer covers the gap).</summary>
    private async Task ListenAsync(string connectionString, CancellationToken ct)
    {
        // Its own connection, outside the pool: a listening session must not be handed to a query.
        var listen = new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false, KeepAlive = 30 }.ToString();
        while (!ct.IsCancellationRequested)
        {
            try
            {
                await using var connection = new NpgsqlConnection(listen);
                await connection.OpenAsync(ct);
                connection.Notification += (_, _) => Wake();
                await using (var command = new NpgsqlCommand($"LISTEN {Channel}", connection))
                    await command.ExecuteNonQueryAsync(ct);
                _listening = true;
                Wake(); // whatever committed while no one listened
                while (!ct.IsCancellationRequested) await connection.WaitAsync(ct);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested) { return; }
            catch (Exception e)
            {
                _listening = false;
                log.LogWarning(e, "Listening for dossier events failed; polling meanwhile, listening again in a second");
                try { await Task.Delay(TimeSpan.FromSeconds(1), ct); } catch (OperationCanceledException) { return; }
            }
        }
    }
}
