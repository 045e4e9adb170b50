namespace OneStop.Domain.Staffing;

/// <summary>Why a postal staff member is away on a day. Every kind means absent for the whole day.</summary>
public enum AbsenceKind
{
    /// <summary>Nghỉ phép.</summary>
    Leave,
    /// <summary>Nghỉ ốm.</summary>
    Sick,
    /// <summary>Đi học, tập huấn.</summary>
    Training,
    /// <summary>Đi công tác.</summary>
    BusinessTrip,
}

/// <summary>
/// An absence recorded for one staff member on one local (UTC+7) date. A postal staff member is present on every
/// working day unless a row says otherwise: the supervisor records exceptions, not a daily roll call.
/// </summary>
public sealed class StaffAbsence
{
    public long Id { get; set; }
    public int StaffId { get; set; }
    public Staff? Staff { get; set; }
    /// <summary>Local date in Vietnam.</summary>
    public DateOnly Date { get; set; }
    public AbsenceKind Kind { get; set; }
    public string? Note { get; set; }

    public static string KindText(AbsenceKind kind) => kind switch
    {
        AbsenceKind.Leave => "Nghỉ phép",
        AbsenceKind.Sick => "Nghỉ ốm",
        AbsenceKind.Training => "Đi tập huấn",
        _ => "Đi công tác",
    };
}

/// <summary>
/// A postal staff member is trained for a department: knows its procedures well enough to receive and return its
/// dossiers (DOMAIN.md, problem 5). Coverage may only be given to someone trained; the balancing suggestions never
/// hand a department or its dossiers to anyone else. Covering a department implies being trained for it.
/// </summary>
public sealed class StaffQualification
{
    public int StaffId { get; set; }
    public Staff? Staff { get; set; }
    public int DepartmentId { get; set; }
    public Catalog.Department? Department { get; set; }
}
