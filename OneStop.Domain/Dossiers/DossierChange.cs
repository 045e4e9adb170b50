namespace OneStop.Domain.Dossiers;

/// <summary>
/// Published after a dossier change is committed, so live screens can refresh what they show.
/// Carries what routing needs: the department and the handlers before and after.
/// </summary>
public sealed record DossierChange(long EventId, long DossierId, string Code, int DepartmentId, DossierEventType Type,
    int? FromHandlerId, int? ToHandlerId, DateTime At)
{
    /// <summary>The change a committed event makes known, for the dossier (by code) it belongs to.</summary>
    public static DossierChange Of(DossierEvent e, string code) =>
        new(e.Id, e.DossierId, code, e.DepartmentId, e.Type, e.FromHandlerId, e.ToHandlerId, e.At);
}

/// <summary>Where committed changes go. The web app fans them out to open screens; elsewhere it may be a no-op.</summary>
public interface IDossierChangeSink
{
    void Publish(DossierChange change);
}

public sealed class NoDossierChangeSink : IDossierChangeSink
{
    public void Publish(DossierChange change) { }
}
