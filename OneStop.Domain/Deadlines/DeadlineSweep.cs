using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.Options;
using OneStop.Domain.Calendar;
using OneStop.Domain.Dossiers;
using OneStop.Domain.Notifications;
using OneStop.Domain.Persistence;
using OneStop.Domain.Staffing;

namespace OneStop.Domain.Deadlines;

/// <summary>
/// Classifies running dossiers (Received / InProgress; paused and ResultReady are not running) by the working time
/// left before their appointment, and climbs the escalation ladder: due soon → the handler (or the department's
/// officers when pooled); overdue → the department leader, an apology letter is owed; overdue by N working days →
/// the center director. State-based: a run after any downtime catches up at once.
/// </summary>
/// <remarks>
/// It reads only dossiers whose class or rung must change at this instant (predicates on DeadlineClass,
/// EscalationLevel and AppointmentAt ranges over the open-dossier appointment index), so a quiet minute costs a few
/// index probes. Dossiers move in batches: a batch's changes, events and notifications commit in one transaction, each
/// dossier guarded by its Version; notification keys are unique: a crash half-way loses and doubles nothing.
/// </remarks>
public sealed partial class DeadlineSweep(
    IDbContextFactory<OneStopDbContext> contexts,
    CenterCalendarProvider calendars,
    TimeProvider time,
    IDossierChangeSink changes,
    IOptions<DeadlineOptions> options,
    Notifications.NotificationOutbox outbox)
{
    public const int RungDueSoon = 1, RungOverdue = 2, RungDirector = 3;

    private static readonly DossierStatus[] Running = [DossierStatus.Received, DossierStatus.InProgress];

    /// <summary>Runs one sweep; returns how many dossiers changed.</summary>
    public Task<int> RunAsync(CancellationToken ct = default) => RunAsync(fullScan: false, ct);

    /// <summary>
    /// Runs one sweep; returns how many dossiers changed. <paramref name="fullScan"/> (at start, after downtime) also looks
    /// for reverse moves among every open dossier, not only those with an apology or a resume in the last days.
    /// </summary>
    public async Task<int> RunAsync(bool fullScan, CancellationToken ct = default)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var clock = await calendars.GetClockAsync(ct);
        var cal = clock.Calendar;
        var dueSoon = TimeSpan.FromTicks((long)(cal.DayLength.Ticks * options.Value.DueSoonWorkingDays));
        var directorAfter = TimeSpan.FromTicks((long)(cal.DayLength.Ticks * options.Value.DirectorAfterOverdueWorkingDays));
        // remaining < dueSoon ⇔ AppointmentAt < dueSoonEdge; overdue ⇔ AppointmentAt < now; director ⇔ AppointmentAt <= directorEdge.
        var dueSoonEdge = cal.AddWorkingTime(now, dueSoon);
        var directorEdge = cal.AddWorkingTime(now, -directorAfter);

        List<long> ids;
        await using (var db = await contexts.CreateDbContextAsync(ct))
        {
            ids = new List<long>();
            var recentSince = fullScan ? DateTime.MinValue : now.AddDays(-options.Value.ReverseMoveLookbackDays);
            foreach (var query in CandidateQueries(db, now, dueSoonEdge, directorEdge, recentSince))
                ids.AddRange(await query.ToListAsync(ct));
            ids = ids.Distinct().Order().ToList();
        }

        var handled = 0;
        foreach (var batch in ids.Chunk(BatchSize))
        {
            ct.ThrowIfCancellationRequested();
            handled += await ApplyAsync(batch, now, clock, dueSoon, directorAfter, ct);
        }
        return handled;
    }

    /// <summary>
    /// Dossiers moved per transaction. One commit per dossier made a busy minute (1% of 50,000 open) cost a second;
    /// a few hundred per commit keep the write lock short for the counter staff and the cost per dossier small.
    /// </summary>
    internal int BatchSize { get; set; } = 250;

    /// <summary>Open dossiers, filtered exactly as the open partial indexes are (so that SQLite can use them).</summary>
    private static readonly Expression<Func<Dossier, bool>> IsOpen = d =>
        d.Status == DossierStatus.Received || d.Status == DossierStatus.InProgress
        || d.Status == DossierStatus.WaitingSupplement || d.Status == DossierStatus.ResultReady;

    /// <summary>Received or InProgress (the clock runs), written as "open and neither paused nor ready" so that EF keeps the
    /// open partial indexes' own IN list (it would merge two IN lists into one, which SQLite cannot match to the index).</summary>
    internal static IQueryable<Dossier> RunningDossiers(OneStopDbContext db) =>
        db.Dossiers.AsNoTracking().Where(IsOpen).Where(d => d.Status != DossierStatus.WaitingSupplement && d.Status != DossierStatus.ResultReady);

    /// <summary>
    /// The ids of the running dossiers whose class or rung must change at <paramref name="now"/>: each query is a range
    /// of the open-dossier appointment index with the last class (and rung) as a predicate, so it reads what may change.
    /// </summary>
    /// <remarks>
    /// A move back (an apology letter or a resume pushed the appointment later) is looked for only among dossiers with such
    /// an event since <paramref name="reverseSince"/> (the (Type, At) event index), so that it does not read every open
    /// dossier with a future appointment; DateTime.MinValue reads them all (the catch-up run at start).
    /// </remarks>
    public static IReadOnlyList<IQueryable<long>> CandidateQueries(OneStopDbContext db, DateTime now, DateTime dueSoonEdge, DateTime directorEdge,
        DateTime reverseSince)
    {
        var moved = db.DossierEvents.Where(e => (e.Type == DossierEventType.ApologyIssued || e.Type == DossierEventType.Resumed) && e.At >= reverseSince)
            .Select(e => e.DossierId);
        var running = RunningDossiers(db);
        return
        [
            // remaining < due-soon threshold ⇔ AppointmentAt < dueSoonEdge; overdue ⇔ AppointmentAt < now; director ⇔ AppointmentAt <= directorEdge.
            running.Where(d => d.AppointmentAt < dueSoonEdge && d.DeadlineClass == DeadlineClass.OnTrack).Select(d => d.Id),
            running.Where(d => d.AppointmentAt < now && d.DeadlineClass == DeadlineClass.DueSoon).Select(d => d.Id),
            running.Where(d => d.AppointmentAt <= directorEdge && d.DeadlineClass == DeadlineClass.Overdue && d.EscalationLevel < RungDirector).Select(d => d.Id),
            // The reverse moves: an apology letter or a pause moved the appointment later.
            reverseSince == DateTime.MinValue
                ? running.Where(d => (d.AppointmentAt >= now && d.DeadlineClass == DeadlineClass.Overdue)
                                     || (d.AppointmentAt >= dueSoonEdge && d.DeadlineClass == DeadlineClass.DueSoon)).Select(d => d.Id)
                : moved.Distinct().Join(running, id => id, d => d.Id, (id, d) => d)
                    .Where(d => (d.AppointmentAt >= now && d.DeadlineClass == DeadlineClass.Overdue)
                                || (d.AppointmentAt >= dueSoonEdge && d.DeadlineClass == DeadlineClass.DueSoon)).Select(d => d.Id),
        ];
    }

    /// <summary>Class of a running dossier at <paramref name="now"/>.</summary>
    public static DeadlineClass Classify(TimeSpan remaining, TimeSpan dueSoon) =>
        remaining < TimeSpan.Zero ? DeadlineClass.Overdue : remaining < dueSoon ? DeadlineClass.DueSoon : DeadlineClass.OnTrack;

    /// <summary>
    /// Moves the dossiers of one batch in one transaction: each one's class, rung, events and messages. When another
    /// writer changed one of them meanwhile (its Version moved), nothing of the batch is kept and each dossier is tried
    /// on its own, so one busy dossier does not hold back the rest; that one is left to the next sweep.
    /// </summary>
    private async Task<int> ApplyAsync(long[] ids, DateTime now, DeadlineClock clock, TimeSpan dueSoon, TimeSpan directorAfter, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var dossiers = await db.Dossiers.AsNoTracking()
            .Where(x => ids.Contains(x.Id) && (x.Status == DossierStatus.Received || x.Status == DossierStatus.InProgress))
            .OrderBy(x => x.Id).ToListAsync(ct);
        var recipients = new Recipients(db);
        var moved = new List<Move>();
        foreach (var d in dossiers)
        {
            var read = d.Version;
            var events = await MoveAsync(db, recipients, d, now, clock, dueSoon, directorAfter, ct);
            if (events.Count == 0) continue;
            d.Version++;
            moved.Add(new Move(d, read, events));
        }
        if (moved.Count == 0) return 0;
        var notifications = await WriteAsync(db, moved, ct);
        if (notifications is null)
        {
            await tx.RollbackAsync(ct);
            if (ids.Length == 1) return 0; // someone changed the dossier meanwhile: the next sweep sees it afresh
            var handled = 0;
            foreach (var id in ids) handled += await ApplyAsync([id], now, clock, dueSoon, directorAfter, ct);
            return handled;
        }
        await tx.CommitAsync(ct);
        outbox.Committed(notifications);
        foreach (var m in moved)
            foreach (var e in m.Events) DeadlineEvents.Publish(changes, m.Dossier, e);
        return moved.Count;
    }

    private sealed record Move(Dossier Dossier, int ReadVersion, List<DossierEvent> Events);

    /// <summary>The dossier's class and rung at <paramref name="now"/>, applied to it; returns the events that record the move (none when nothing moved).</summary>
    private async Task<List<DossierEvent>> MoveAsync(OneStopDbContext db, Recipients recipients, Dossier d, DateTime now, DeadlineClock clock,
        TimeSpan dueSoon, TimeSpan directorAfter, CancellationToken ct)
    {
        var remaining = clock.Remaining(d.AppointmentAt, now);
        var cls = Classify(remaining, dueSoon);
        var rung = cls switch
        {
            DeadlineClass.DueSoon => RungDueSoon,
            DeadlineClass.Overdue when remaining <= -directorAfter => RungDirector,
            DeadlineClass.Overdue => RungOverdue,
            _ => 0,
        };
        var events = new List<DossierEvent>();
        if (cls != d.DeadlineClass)
        {
            var note = $"Thời hạn: {DeadlineEvents.ClassText(d.DeadlineClass)} → {DeadlineEvents.ClassText(cls)} (hẹn trả {DeadlineEvents.Local(d.AppointmentAt)})";
            d.DeadlineClass = cls;
            events.Add(DeadlineEvents.New(d, DossierEventType.DeadlineClassChanged, now, note));
        }
        if (rung > d.EscalationLevel)
        {
            // Each rung fires once per dossier; one that jumps (e.g. straight to overdue after downtime) fires only its highest rung.
            var note = await EscalateAsync(db, recipients, d, rung, ct);
            d.EscalationLevel = rung;
            events.Add(DeadlineEvents.New(d, DossierEventType.Escalated, now, note));
        }
        return events;
    }

    /// <summary>Who each rung tells, read once per batch: a busy minute has many dossiers of the same few departments.</summary>
    private sealed class Recipients(OneStopDbContext db)
    {
        private readonly Dictionary<(int Rung, int Key), List<Staff>> _cache = new();

        public async Task<List<Staff>> ForAsync(Dossier d, int rung, CancellationToken ct)
        {
            // Due soon: the handler, or the department's officers while nobody has taken it (the pool).
            var key = rung switch
            {
                RungDueSoon when d.CurrentHandlerId is { } h => (rung, h),
                RungDueSoon or RungOverdue => (rung, -d.DepartmentId),
                _ => (rung, 0),
            };
            if (_cache.TryGetValue(key, out var cached)) return cached;
            var staff = db.Staff.AsNoTracking();
            var found = rung switch
            {
                RungDueSoon when d.CurrentHandlerId is { } h => await staff.Where(s => s.Id == h && s.Active).ToListAsync(ct),
                RungDueSoon => await staff.Where(s => s.Active && s.Role == StaffRole.DepartmentOfficer && s.DepartmentId == d.DepartmentId).ToListAsync(ct),
                RungOverdue => await staff.Where(s => s.Active && s.Role == StaffRole.DepartmentLeader && s.DepartmentId == d.DepartmentId).ToListAsync(ct),
                _ => await staff.Where(s => s.Active && s.Role == StaffRole.Director).ToListAsync(ct),
            };
            return _cache[key] = found;
        }
    }

    private async Task<string> EscalateAsync(OneStopDbContext db, Recipients who, Dossier d, int rung, CancellationToken ct)
    {
        var recipients = await who.ForAsync(d, rung, ct);
        string kind, subject, body, note;
        var due = DeadlineEvents.Local(d.AppointmentAt);
        switch (rung)
        {
            case RungDueSoon:
                kind = NotificationKinds.DueSoon;
                subject = $"Hồ sơ {d.Code} sắp đến hạn";
                body = $"Hồ sơ {d.Code} hẹn trả {due}: còn dưới một ngày làm việc.";
                note = "Sắp đến hạn: nhắc ";
                break;
            case RungOverdue:
                kind = NotificationKinds.Overdue;
                subject = $"Hồ sơ {d.Code} đã quá hạn";
                body = $"Hồ sơ {d.Code} đã quá hạn (hẹn trả {due}). Cần ban hành phiếu xin lỗi và hẹn lại ngày trả kết quả.";
                note = "Quá hạn: cần phiếu xin lỗi và hẹn lại; báo lãnh đạo ";
                break;
            default:
                kind = NotificationKinds.OverdueDirector;
                subject = $"Hồ sơ {d.Code} quá hạn nhiều ngày";
                body = $"Hồ sơ {d.Code} quá hạn từ {due}, đã vượt ngưỡng báo giám đốc trung tâm.";
                note = "Quá hạn nhiều ngày: báo giám đốc ";
                break;
        }
        foreach (var r in recipients)
            // Checked against the database once for the whole batch, in WriteAsync.
            InAppNotifications.AddDeferringCheck(outbox, db, InAppNotifications.Key(kind, d.Id, rung.ToString(), r.Id), kind, r, d.Id, d.Code, subject, body);
        return note + (recipients.Count == 0 ? "(không có người nhận)" : string.Join(", ", recipients.Select(r => r.FullName)));
    }
}
