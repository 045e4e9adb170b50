namespace OneStop.Domain.Dossiers;

/// <summary>What happened to a dossier. The names are what the process control sheet records.</summary>
public enum DossierEventType
{
    Received,
    HandedOver,
    /// <summary>Within a step: an officer takes the dossier, or the leader assigns it.</summary>
    Assigned,
    SentBack,
    SupplementRequested,
    Resumed,
    Approved,
    Returned,
    Refused,
    Withdrawn,
    ApologyIssued,
    /// <summary>The deadline sweep moved the dossier to another class (on track / due soon / overdue).</summary>
    DeadlineClassChanged,
    /// <summary>A rung of the escalation ladder, or a hand-over reminder, fired: who was told is in the note.</summary>
    Escalated,
}

/// <summary>
/// One row of the process control sheet (phiếu kiểm soát quá trình giải quyết hồ sơ). Append-only:
/// it is the audit trail and the change feed the live screens tail by <see cref="Id"/>.
/// </summary>
public sealed class DossierEvent
{
    public long Id { get; set; }
    public long DossierId { get; set; }
    /// <summary>Copied from the dossier so the live layer can route a change without a join.</summary>
    public int DepartmentId { get; set; }
    public DateTime At { get; set; }
    public DossierEventType Type { get; set; }
    /// <summary>Who did it; null for the system (jobs, API without a mapped actor).</summary>
    public int? ActorId { get; set; }
    public DossierStatus? FromStatus { get; set; }
    public DossierStatus ToStatus { get; set; }
    public int? FromStep { get; set; }
    public int ToStep { get; set; }
    public int? FromHandlerId { get; set; }
    public int? ToHandlerId { get; set; }
    public string? Note { get; set; }

    /// <summary>
    /// The event for a dossier as it stands now (its status, step and handler are the "to" side), coming
    /// from the given status, step and handler. Id is set once saved.
    /// </summary>
    public static DossierEvent For(Dossier d, DossierEventType type, int? actorId, DossierStatus? fromStatus, int? fromStep,
        int? fromHandlerId, DateTime at, string? note) => new()
    {
        DossierId = d.Id,
        DepartmentId = d.DepartmentId,
        At = at,
        Type = type,
        ActorId = actorId,
        FromStatus = fromStatus,
        ToStatus = d.Status,
        FromStep = fromStep,
        ToStep = d.CurrentStep,
        FromHandlerId = fromHandlerId,
        ToHandlerId = d.CurrentHandlerId,
        Note = string.IsNullOrWhiteSpace(note) ? null : note,
    };
}
