using Microsoft.EntityFrameworkCore;
using OneStop.Domain.Deadlines;
using OneStop.Domain.Dossiers;
using OneStop.Domain.Notifications;
using static OneStop.Tests.Infrastructure.WorkflowFixture;

namespace OneStop.Tests.Deadlines;

public sealed class ExactlyOnceTests : IDisposable
{
    private readonly DeadlineTestKit _k = new();
    public void Dispose() => _k.Dispose();

    private async Task<List<Dossier>> TenAsync()
    {
        _k.At(2026, 11, 23, 9);
        var list = new List<Dossier>();
        for (var i = 0; i < 10; i++) list.Add(await _k.AtOfficerAsync());
        return list;
    }

    [Fact]
    public async Task Two_sweeps_write_each_notification_once()
    {
        var ds = await TenAsync();
        _k.At(2026, 11, 30, 10); // all overdue
        Assert.Equal(10, await _k.Sweep().RunAsync());
        Assert.Equal(0, await _k.Sweep().RunAsync());
        var all = await _k.NotificationsAsync();
        Assert.Equal(10, all.Count);
        Assert.Equal(10, all.Select(n => n.DedupeKey).Distinct().Count());
        foreach (var d in ds)
        {
            Assert.Single(await _k.EventsAsync(d.Id, DossierEventType.Escalated));
            Assert.Single(await _k.EventsAsync(d.Id, DossierEventType.DeadlineClassChanged));
        }
    }

    /// <summary>
    /// A rung whose message is already in the database (the dossiers' class was put back by hand, their messages kept) is
    /// moved again without a second message: the sweep checks the batch's keys against the database in one query.
    /// </summary>
    [Fact]
    public async Task A_rung_whose_message_is_already_there_moves_again_without_a_second_message()
    {
        var ds = await TenAsync();
        _k.At(2026, 11, 30, 10); // all overdue
        Assert.Equal(10, await _k.Sweep().RunAsync());
        await using (var db = _k.F.Db())
        {
            // Six of them back to on track, their rung events gone, their messages left in place.
            var six = ds.Take(6).Select(d => d.Id).ToList();
            await db.Dossiers.Where(d => six.Contains(d.Id)).ExecuteUpdateAsync(u => u.SetProperty(d => d.DeadlineClass, DeadlineClass.OnTrack).SetProperty(d => d.EscalationLevel, 0));
            await db.DossierEvents.Where(e => six.Contains(e.DossierId) && (e.Type == DossierEventType.Escalated || e.Type == DossierEventType.DeadlineClassChanged)).ExecuteDeleteAsync();
        }
        Assert.Equal(6, await _k.Sweep().RunAsync());
        var all = await _k.NotificationsAsync();
        Assert.Equal(10, all.Count);
        foreach (var d in ds) Assert.Single(await _k.EventsAsync(d.Id, DossierEventType.Escalated));
    }

    [Fact]
    public async Task A_crash_half_way_loses_nothing_and_doubles_nothing()
    {
        var ds = await TenAsync();
        _k.At(2026, 11, 30, 10);
        // Batches of three; each dossier publishes two changes (class and rung): cancel once the first batch committed.
        var crash = new CrashingSink(after: 6);
        var sweep = _k.Sweep(crash);
        sweep.BatchSize = 3;
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => sweep.RunAsync(crash.Cancel.Token));

        await using (var db = _k.F.Db())
        {
            Assert.Equal(3, await db.Dossiers.CountAsync(d => d.EscalationLevel == 2));
            Assert.Equal(3, await db.Notifications.CountAsync());
            Assert.Equal(3, await db.DossierEvents.CountAsync(e => e.Type == DossierEventType.Escalated));
        }

        Assert.Equal(7, await _k.Sweep().RunAsync()); // the restart catches up with what is left
        await using (var db = _k.F.Db())
        {
            Assert.Equal(10, await db.Dossiers.CountAsync(d => d.EscalationLevel == 2 && d.DeadlineClass == DeadlineClass.Overdue));
            var keys = await db.Notifications.Select(n => n.DedupeKey).ToListAsync();
            Assert.Equal(10, keys.Count);
            Assert.Equal(ds.Select(d => $"overdue:{d.Id}:2:InApp:{Leader1}").Order(), keys.Order());
            Assert.Equal(10, await db.DossierEvents.CountAsync(e => e.Type == DossierEventType.Escalated));
            Assert.Equal(10, await db.DossierEvents.CountAsync(e => e.Type == DossierEventType.DeadlineClassChanged));
        }
    }

    [Fact]
    public async Task A_dossier_changed_meanwhile_is_left_for_the_next_sweep()
    {
        var ds = await TenAsync();
        _k.At(2026, 11, 30, 10);
        // Someone acts on every dossier between the sweep's read and its write: simulated by a stale version.
        await using (var db = _k.F.Db())
        {
            foreach (var d in await db.Dossiers.ToListAsync()) d.Version += 10;
            await db.SaveChangesAsync();
        }
        Assert.Equal(10, await _k.Sweep().RunAsync());
        Assert.Equal(10, (await _k.NotificationsAsync(kind: NotificationKinds.Overdue)).Count);
    }
}
