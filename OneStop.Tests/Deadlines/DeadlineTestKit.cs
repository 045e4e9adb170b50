using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using OneStop.Domain.Deadlines;
using OneStop.Domain.Dossiers;
using OneStop.Domain.Notifications;
using OneStop.Tests.Infrastructure;

namespace OneStop.Tests.Deadlines;

/// <summary>The deadline services over a <see cref="WorkflowFixture"/>, and helpers to look at what they wrote.</summary>
public sealed class DeadlineTestKit : IDisposable
{
    public WorkflowFixture F { get; } = new();
    public DeadlineOptions Options { get; } = new();
    public DossierWorkflow W => F.Workflow;

    /// <summary>The shared outbox as the app has it with no e-mail or webhook configured: in-app rows only.</summary>
    public OneStop.Domain.Notifications.NotificationOutbox Outbox => _outbox ??= new(
        Microsoft.Extensions.Options.Options.Create(new OneStop.Domain.Notifications.NotificationOptions()), F.Clock, new OneStop.Domain.Notifications.NotificationSignal());
    private OneStop.Domain.Notifications.NotificationOutbox? _outbox;

    public DeadlineSweep Sweep(IDossierChangeSink? sink = null) =>
        new(F.Contexts, F.Calendars, F.Clock, sink ?? F.Changes, Microsoft.Extensions.Options.Options.Create(Options), Outbox);
    public HandOverReminders Reminders() => new(F.Contexts, F.Calendars, F.Clock, F.Changes, Microsoft.Extensions.Options.Options.Create(Options), Outbox);
    public DailyDigest Digest() => new(F.Contexts, F.Calendars, F.Clock, Outbox);

    public static DateTimeOffset Local(int year, int month, int day, int hour, int minute = 0) => new(year, month, day, hour, minute, 0, TimeSpan.FromHours(7));
    public void At(int year, int month, int day, int hour, int minute = 0) => F.Clock.Set(Local(year, month, day, hour, minute));

    public async Task<Dossier> DossierAsync(long id)
    {
        await using var db = F.Db();
        return await db.Dossiers.AsNoTracking().FirstAsync(d => d.Id == id);
    }

    public async Task<List<Notification>> NotificationsAsync(long? dossierId = null, string? kind = null)
    {
        await using var db = F.Db();
        return await db.Notifications.AsNoTracking()
            .Where(n => (dossierId == null || n.DossierId == dossierId) && (kind == null || n.Kind == kind))
            .OrderBy(n => n.Id).ToListAsync();
    }

    public async Task<List<DossierEvent>> EventsAsync(long dossierId, DossierEventType type)
    {
        await using var db = F.Db();
        return await db.DossierEvents.AsNoTracking().Where(e => e.DossierId == dossierId && e.Type == type).OrderBy(e => e.Id).ToListAsync();
    }

    /// <summary>Received by postal1 and handed to officer1 (or the department's pool).</summary>
    public async Task<Dossier> AtOfficerAsync(int? officer = WorkflowFixture.Officer1)
    {
        var d = await W.ReceiveAsync(WorkflowFixture.ValidIntake(), WorkflowFixture.Postal1);
        return await W.HandOverAsync(d.Code, d.Version, WorkflowFixture.Postal1, officer);
    }

    public void Dispose() => F.Dispose();
}

/// <summary>A change sink that cancels the run after a number of published changes: a crash half-way through a sweep.</summary>
public sealed class CrashingSink(int after) : IDossierChangeSink
{
    public CancellationTokenSource Cancel { get; } = new();
    public int Count;
    public void Publish(DossierChange change)
    {
        if (++Count >= after) Cancel.Cancel();
    }
}
