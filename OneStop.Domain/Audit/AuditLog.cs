using OneStop.Domain.Persistence;

namespace OneStop.Domain.Audit;

/// <summary>
/// Adds audit entries to a context the caller is about to save, so the record and the change commit together or not
/// at all. There is no separate "write audit" call that could succeed while the change fails, or the reverse.
/// </summary>
public static class AuditLog
{
    public static AuditEntry Add(OneStopDbContext db, DateTime at, int? actorId, string actorName, string area, string action,
        string subject, string? details = null)
    {
        var entry = new AuditEntry
        {
            At = at, ActorId = actorId, ActorName = actorName, Area = area, Action = action, Subject = subject, Details = details,
        };
        db.AuditEntries.Add(entry);
        return entry;
    }
}
