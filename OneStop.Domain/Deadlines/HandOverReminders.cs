using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using OneStop.Domain.Calendar;
using OneStop.Domain.Dossiers;
using OneStop.Domain.Notifications;
using OneStop.Domain.Persistence;
using OneStop.Domain.Staffing;

namespace OneStop.Domain.Deadlines;

/// <summary>
/// Nobody is forgotten: a dossier that reaches a handler (a HandedOver or Assigned event naming them) tells them at
/// once; untouched after X working hours they are reminded; after Y more, their leader is told.
/// </summary>
/// <remarks>
/// New events are read after a cursor (the last event id handled) kept in the small DeadlineCursors table, which
/// commits with the notifications it covers: a crash re-reads at most one batch, and unique keys drop the repeats.
/// </remarks>
public sealed class HandOverReminders(
    IDbContextFactory<OneStopDbContext> contexts,
    CenterCalendarProvider calendars,
    TimeProvider time,
    IDossierChangeSink changes,
    IOptions<DeadlineOptions> options,
    Notifications.NotificationOutbox outbox)
{
    public const string CursorName = "handover-events";
    private const int Batch = 500;
    private static readonly DossierStatus[] Running = [DossierStatus.Received, DossierStatus.InProgress];

    /// <summary>Tells new handlers, then reminds; returns how many notifications were written.</summary>
    public async Task<int> RunAsync(CancellationToken ct = default)
    {
        var n = await NotifyNewHandOversAsync(ct);
        return n + await RemindAsync(ct);
    }

    /// <summary>One in-app message per hand-over or assignment that names a handler other than the actor.</summary>
    public async Task<int> NotifyNewHandOversAsync(CancellationToken ct = default)
    {
        var written = 0;
        while (true)
        {
            ct.ThrowIfCancellationRequested();
            var now = time.GetUtcNow().UtcDateTime;
            await using var db = await contexts.CreateDbContextAsync(ct);
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            var cursor = await ReadCursorAsync(db, now, ct);
            var batch = await db.DossierEvents.AsNoTracking().Where(e => e.Id > cursor).OrderBy(e => e.Id).Take(Batch)
                .Select(e => new { e.Id, e.DossierId, e.Type, e.ActorId, e.ToHandlerId, e.At, e.Note }).ToListAsync(ct);
            if (batch.Count == 0) return written;
            var relevant = batch.Where(e => e.Type is DossierEventType.HandedOver or DossierEventType.Assigned
                                            && e.ToHandlerId is not null && e.ToHandlerId != e.ActorId).ToList();
            var dossierIds = relevant.Select(e => e.DossierId).Distinct().ToList();
            var codes = await db.Dossiers.AsNoTracking().Where(d => dossierIds.Contains(d.Id))
                .Select(d => new { d.Id, d.Code, d.AppointmentAt }).ToDictionaryAsync(d => d.Id, ct);
            foreach (var e in relevant)
            {
                var d = codes[e.DossierId];
                var key = InAppNotifications.Key(NotificationKinds.HandOver, e.DossierId, e.Id.ToString(), e.ToHandlerId!.Value);
                if (await InAppNotifications.AddAsync(outbox, db, key, NotificationKinds.HandOver, e.ToHandlerId.Value, e.DossierId, d.Code,
                        $"Hồ sơ {d.Code} đã chuyển đến bạn",
                        $"Hồ sơ {d.Code} vừa được chuyển đến bạn lúc {DeadlineEvents.Local(e.At)} ({e.Note}); hẹn trả {DeadlineEvents.Local(d.AppointmentAt)}.",
                        ct))
                    written++;
            }
            await db.SaveChangesAsync(ct);
            await WriteCursorAsync(db, batch[^1].Id, ct);
            await tx.CommitAsync(ct);
            outbox.CommittedIn(db);
            if (batch.Count < Batch) return written;
        }
    }

    /// <summary>Reminds handlers of dossiers untouched for X working hours, and their leaders after Y more.</summary>
    public async Task<int> RemindAsync(CancellationToken ct = default)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var cal = (await calendars.GetClockAsync(ct)).Calendar;
        var first = TimeSpan.FromHours(options.Value.HandOverReminderWorkingHours);
        var second = first + TimeSpan.FromHours(options.Value.HandOverLeaderWorkingHours);
        var reminderEdge = cal.AddWorkingTime(now, -first);
        var lookback = now.AddDays(-options.Value.HandOverLookbackDays);

        List<(long Id, DateTime Entered, int Handler)> candidates;
        await using (var db = await contexts.CreateDbContextAsync(ct))
        {
            candidates = (await DeadlineSweep.RunningDossiers(db)
                    .Where(d => d.CurrentHandlerId != null && d.StepEnteredAt <= reminderEdge && d.StepEnteredAt >= lookback)
                    .Select(d => new { d.Id, d.StepEnteredAt, Handler = d.CurrentHandlerId!.Value }).ToListAsync(ct))
                .Select(d => (d.Id, d.StepEnteredAt, d.Handler)).ToList();
            // Drop those whose every due message exists already (one indexed look-up of the keys).
            var leaderDue = candidates.Where(c => cal.WorkingTimeBetween(c.Entered, now) >= second).Select(c => c.Id).ToList();
            var keys = candidates.Select(c => ReminderKey(NotificationKinds.HandOverReminder, c.Id, c.Entered, c.Handler)).ToList();
            var existing = (await db.Notifications.AsNoTracking().Where(x => keys.Contains(x.DedupeKey)).Select(x => x.DedupeKey).ToListAsync(ct)).ToHashSet();
            var leaderPrefixes = (await db.Notifications.AsNoTracking()
                    .Where(x => x.Kind == NotificationKinds.HandOverLeader && x.DossierId != null && leaderDue.Contains(x.DossierId.Value))
                    .Select(x => x.DedupeKey).ToListAsync(ct)).ToHashSet();
            candidates = candidates.Where(c =>
                !existing.Contains(ReminderKey(NotificationKinds.HandOverReminder, c.Id, c.Entered, c.Handler))
                || (leaderDue.Contains(c.Id) && !leaderPrefixes.Any(k => k.StartsWith(StampPrefix(NotificationKinds.HandOverLeader, c.Id, c.Entered))))).ToList();
        }

        var written = 0;
        foreach (var c in candidates)
        {
            ct.ThrowIfCancellationRequested();
            written += await RemindOneAsync(c.Id, now, cal, first, second, ct);
        }
        return written;
    }

    private async Task<int> RemindOneAsync(long id, DateTime now, WorkingCalendar cal, TimeSpan first, TimeSpan second, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var d = await db.Dossiers.AsNoTracking().FirstOrDefaultAsync(x => x.Id == id, ct);
        if (d is null || !(d.Status == DossierStatus.Received || d.Status == DossierStatus.InProgress) || d.CurrentHandlerId is not { } handlerId) return 0;
        var untouched = cal.WorkingTimeBetween(d.StepEnteredAt, now);
        if (untouched < first) return 0;
        var handler = await db.Staff.AsNoTracking().FirstAsync(s => s.Id == handlerId, ct);
        var written = 0;
        var events = new List<DossierEvent>();
        var hours = $"{untouched.TotalHours:0.#}";
        var since = DeadlineEvents.Local(d.StepEnteredAt);

        var reminderKey = ReminderKey(NotificationKinds.HandOverReminder, d.Id, d.StepEnteredAt, handlerId);
        if (await InAppNotifications.AddAsync(outbox, db, reminderKey, NotificationKinds.HandOverReminder, handlerId, d.Id, d.Code,
                $"Nhắc việc: hồ sơ {d.Code} đang chờ bạn",
                $"Hồ sơ {d.Code} đã ở chỗ bạn từ {since} ({hours} giờ làm việc) mà chưa được xử lý; hẹn trả {DeadlineEvents.Local(d.AppointmentAt)}.", ct))
        {
            written++;
            events.Add(DeadlineEvents.New(d, DossierEventType.Escalated, now, $"Nhắc việc: hồ sơ chưa được xử lý sau {hours} giờ làm việc; nhắc {handler.FullName}"));
        }
        if (untouched >= second)
        {
            var leaders = await LeadersOfAsync(db, handler, d.DepartmentId, ct);
            var told = new List<string>();
            foreach (var leader in leaders)
            {
                var key = StampPrefix(NotificationKinds.HandOverLeader, d.Id, d.StepEnteredAt) + ":InApp:" + leader.Id;
                if (await InAppNotifications.AddAsync(outbox, db, key, NotificationKinds.HandOverLeader, leader.Id, d.Id, d.Code,
                        $"Hồ sơ {d.Code} chưa được xử lý",
                        $"Hồ sơ {d.Code} đã ở chỗ {handler.FullName} từ {since} ({hours} giờ làm việc) mà chưa được xử lý, dù đã nhắc; hẹn trả {DeadlineEvents.Local(d.AppointmentAt)}.", ct))
                {
                    written++;
                    told.Add(leader.FullName);
                }
            }
            if (told.Count > 0)
                events.Add(DeadlineEvents.New(d, DossierEventType.Escalated, now, $"Hồ sơ chưa được xử lý sau {hours} giờ làm việc dù đã nhắc {handler.FullName}; báo {string.Join(", ", told)}"));
        }
        if (written == 0) return 0;
        db.DossierEvents.AddRange(events);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        outbox.CommittedIn(db);
        foreach (var e in events) DeadlineEvents.Publish(changes, d, e);
        return written;
    }

    /// <summary>Postal staff answer to the postal supervisors; officers to their department's leaders; leaders to the director.</summary>
    private static async Task<List<Staff>> LeadersOfAsync(OneStopDbContext db, Staff handler, int departmentId, CancellationToken ct) => handler.Role switch
    {
        StaffRole.PostalStaff => await db.Staff.AsNoTracking().Where(s => s.Active && s.Role == StaffRole.PostalSupervisor).ToListAsync(ct),
        StaffRole.DepartmentLeader => await db.Staff.AsNoTracking().Where(s => s.Active && s.Role == StaffRole.Director).ToListAsync(ct),
        _ => await db.Staff.AsNoTracking().Where(s => s.Active && s.Role == StaffRole.DepartmentLeader && s.DepartmentId == departmentId).ToListAsync(ct),
    };

    private static string StampPrefix(string kind, long dossierId, DateTime entered) => $"{kind}:{dossierId}:{entered:yyyyMMddHHmmss}";
    private static string ReminderKey(string kind, long dossierId, DateTime entered, int recipient) => $"{StampPrefix(kind, dossierId, entered)}:InApp:{recipient}";

    // ─────────── the cursor: one row of DeadlineCursors, written in the same transaction as the messages ───────────

    /// <summary>The last event id handled. First use: start after the events older than a day (old history is not news).</summary>
    private static async Task<long> ReadCursorAsync(OneStopDbContext db, DateTime now, CancellationToken ct)
    {
        var stored = await db.DeadlineCursors.Where(c => c.Name == CursorName).Select(c => (long?)c.Value).FirstOrDefaultAsync(ct);
        if (stored is { } v) return v;
        var dayAgo = now.AddDays(-1);
        return await db.DossierEvents.Where(e => e.At < dayAgo).Select(e => (long?)e.Id).MaxAsync(ct) ?? 0;
    }

    private static async Task WriteCursorAsync(OneStopDbContext db, long value, CancellationToken ct)
    {
        var row = await db.DeadlineCursors.FirstOrDefaultAsync(c => c.Name == CursorName, ct);
        if (row is null) db.DeadlineCursors.Add(new DeadlineCursor { Name = CursorName, Value = value });
        else row.Value = value;
        await db.SaveChangesAsync(ct);
    }

    /// <summary>For tests and the jobs page: where the hand-over scan stands (null before its first run).</summary>
    public async Task<long?> CursorAsync(CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await db.DeadlineCursors.Where(c => c.Name == CursorName).Select(c => (long?)c.Value).FirstOrDefaultAsync(ct);
    }
}
