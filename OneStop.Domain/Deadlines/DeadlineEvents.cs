using OneStop.Domain.Dossiers;

namespace OneStop.Domain.Deadlines;

/// <summary>System events of the deadline engine, shaped like <see cref="DossierWorkflow"/>'s: no actor, the dossier's current status and step.</summary>
internal static class DeadlineEvents
{
    public static DossierEvent New(Dossier d, DossierEventType type, DateTime at, string note) => new()
    {
        DossierId = d.Id,
        DepartmentId = d.DepartmentId,
        At = at,
        Type = type,
        ActorId = null,
        FromStatus = d.Status,
        ToStatus = d.Status,
        FromStep = d.CurrentStep,
        ToStep = d.CurrentStep,
        FromHandlerId = d.CurrentHandlerId,
        ToHandlerId = d.CurrentHandlerId,
        Note = note,
    };

    public static void Publish(IDossierChangeSink sink, Dossier d, DossierEvent e) =>
        sink.Publish(new DossierChange(e.Id, d.Id, d.Code, d.DepartmentId, e.Type, e.FromHandlerId, e.ToHandlerId, e.At));

    public static string ClassText(DeadlineClass c) => c switch
    {
        DeadlineClass.OnTrack => "trong hạn",
        DeadlineClass.DueSoon => "sắp đến hạn",
        _ => "quá hạn",
    };

    public static string Local(DateTime utc) => $"{Calendar.WorkingCalendar.ToLocal(utc):dd/MM/yyyy HH:mm}";
}
