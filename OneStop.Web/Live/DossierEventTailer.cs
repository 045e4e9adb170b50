using Microsoft.EntityFrameworkCore;
using OneStop.Domain.Dossiers;
using OneStop.Domain.Persistence;

namespace OneStop.Web.Live;

/// <summary>
/// Brings changes written by other processes (a second web node, a jobs-only worker, a script on the
/// same database) to this process's screens: it tails DossierEvents by id and publishes what this
/// process did not publish itself. One indexed range read every quarter second.
/// </summary>
public sealed class DossierEventTailer(IDbContextFactory<OneStopDbContext> contexts, DossierChangeHub hub, ILogger<DossierEventTailer> log)
    : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(250);
    private const int Batch = 500;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        long cursor = 0;
        var started = false;
        using var timer = new PeriodicTimer(Interval);
        do
        {
            try
            {
                await using var db = await contexts.CreateDbContextAsync(stoppingToken);
                if (!started)
                {
                    // Start from now: screens read their snapshot on open, so history needs no replay.
                    cursor = await db.DossierEvents.MaxAsync(e => (long?)e.Id, stoppingToken) ?? 0;
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
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested) { return; }
            catch (Exception e)
            {
                // The database may be busy or briefly away; the next tick tries again from the same cursor.
                log.LogWarning(e, "Tailing dossier events failed; retrying");
            }
        } while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
