using OneStop.Domain.Dossiers;

namespace OneStop.Domain.Deadlines;

/// <summary>System events of the deadline engine, shaped like <see cref="DossierWorkflow"/>'s: no actor, the dossier's current status and step.</summary>
internal static class DeadlineEvents
{
    public static DossierEvent New(Dossier d, DossierEventType type, DateTime at, string note) =>
        DossierEvent.For(d, type, actorId: null, d.Status, d.CurrentStep, d.CurrentHandlerId, at, note);

    public static void Publish(IDossierChangeSink sink, Dossier d, DossierEvent e) =>
        sink.Publish(DossierChange.Of(e, d.Code));

    public static string ClassText(DeadlineClass c) => c switch
    {
        DeadlineClass.OnTrack => "trong hạn",
        DeadlineClass.DueSoon => "sắp đến hạn",
        _ => "quá hạn",
    };

    public static string Local(DateTime utc) => $"{Calendar.WorkingCalendar.ToLocal(utc):dd/MM/yyyy HH:mm}";
}
