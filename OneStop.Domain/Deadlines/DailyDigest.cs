using System.Text;
using Microsoft.EntityFrameworkCore;
using OneStop.Domain.Calendar;
using OneStop.Domain.Dossiers;
using OneStop.Domain.Notifications;
using OneStop.Domain.Persistence;

namespace OneStop.Domain.Deadlines;

/// <summary>One line of a handler's morning digest.</summary>
public sealed record DigestLine(string Code, DateTime AppointmentAt, bool Overdue);

/// <summary>
/// At 07:30 on working days: each handler's running dossiers due today and overdue, as one in-app message per person
/// per day (the key holds the local date, so a second run that day adds nothing). Does nothing on a day off.
/// </summary>
public sealed class DailyDigest(IDbContextFactory<OneStopDbContext> contexts, CenterCalendarProvider calendars, TimeProvider time,
    Notifications.NotificationOutbox outbox)
{
    private static readonly DossierStatus[] Running = [DossierStatus.Received, DossierStatus.InProgress];

    public static string Key(DateOnly day, int recipientId) => $"{NotificationKinds.Digest}:{day:yyyyMMdd}:InApp:{recipientId}";

    /// <summary>What each handler's digest lists today (local date), by handler id.</summary>
    public async Task<IReadOnlyDictionary<int, List<DigestLine>>> ComposeAsync(CancellationToken ct = default)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var today = WorkingCalendar.LocalDate(now);
        var endOfToday = WorkingCalendar.ToUtc(today.AddDays(1).ToDateTime(TimeOnly.MinValue));
        await using var db = await contexts.CreateDbContextAsync(ct);
        var rows = await DeadlineSweep.RunningDossiers(db)
            .Where(d => d.AppointmentAt < endOfToday && d.CurrentHandlerId != null)
            .Select(d => new { Handler = d.CurrentHandlerId!.Value, d.Code, d.AppointmentAt }).ToListAsync(ct);
        return rows.GroupBy(r => r.Handler).ToDictionary(g => g.Key,
            g => g.OrderBy(r => r.AppointmentAt).Select(r => new DigestLine(r.Code, r.AppointmentAt, r.AppointmentAt < now)).ToList());
    }

    /// <summary>Writes today's digests; returns how many were written (0 on a day off or when already sent).</summary>
    public async Task<int> RunAsync(CancellationToken ct = default)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var today = WorkingCalendar.LocalDate(now);
        var cal = await calendars.GetAsync(ct);
        if (!cal.IsWorkingDay(today)) return 0;
        var digests = await ComposeAsync(ct);
        var written = 0;
        foreach (var (handler, lines) in digests.OrderBy(x => x.Key))
        {
            ct.ThrowIfCancellationRequested();
            await using var db = await contexts.CreateDbContextAsync(ct);
            var overdue = lines.Count(l => l.Overdue);
            var body = new StringBuilder();
            foreach (var l in lines)
                body.AppendLine($"{l.Code}: {(l.Overdue ? "quá hạn" : "đến hạn hôm nay")}, hẹn trả {DeadlineEvents.Local(l.AppointmentAt)}");
            if (await InAppNotifications.AddAsync(outbox, db, Key(today, handler), NotificationKinds.Digest, handler, null, null,
                    $"Việc hôm nay {today:dd/MM/yyyy}: {lines.Count - overdue} hồ sơ đến hạn, {overdue} hồ sơ quá hạn",
                    body.ToString().TrimEnd(), ct))
            {
                await outbox.SaveAsync(db, ct); // no transaction of ours: it saves and tells the bell
                written++;
            }
        }
        return written;
    }
}
