namespace OneStop.Domain.Catalog;

public enum TimeUnit { WorkingDays, WorkingHours }

/// <summary>Intake and result channels. Stored as flags: a procedure may allow several.</summary>
[Flags]
public enum Channels { None = 0, Counter = 1, Online = 2, Post = 4 }

/// <summary>The one channel a given dossier came in by.</summary>
public enum Channel { Counter, Online, Post }

/// <summary>How the applicant gets the result back.</summary>
public enum ResultDelivery { Counter, Post }

/// <summary>An administrative procedure (thủ tục hành chính, TTHC).</summary>
public sealed class Procedure
{
    public int Id { get; set; }
    public required string Code { get; set; }
    public required string Name { get; set; }
    public int DepartmentId { get; set; }
    public Department? Department { get; set; }
    public int FieldId { get; set; }
    public Field? Field { get; set; }

    /// <summary>Statutory processing time, counted in working time.</summary>
    public int StatutoryAmount { get; set; }
    public TimeUnit StatutoryUnit { get; set; }

    public Channels AllowedChannels { get; set; } = Channels.Counter | Channels.Online | Channels.Post;
    public bool ResultByPost { get; set; } = true;
    /// <summary>Papers the applicant must hand in, one per line (what postal staff check at intake).</summary>
    public string RequiredPapers { get; set; } = "";
    /// <summary>Fees as the procedure states them, free text ("Không thu phí", "50.000 đồng/hồ sơ").</summary>
    public string Fees { get; set; } = "";

    public List<ProcedureStep> Steps { get; set; } = new();

    public bool Allows(Channel channel) => AllowedChannels.HasFlag(channel switch
    {
        Channel.Counter => Channels.Counter,
        Channel.Online => Channels.Online,
        _ => Channels.Post,
    });
}

/// <summary>What a step is, independent of who staffs it.</summary>
public enum StepKind
{
    /// <summary>Reception and digitization by postal staff at the center.</summary>
    Reception,
    /// <summary>The department specialist processes the dossier (thụ lý).</summary>
    Processing,
    /// <summary>The department leader approves or sends back.</summary>
    Approval,
    /// <summary>Another agency's part (liên thông).</summary>
    InterAgency,
    /// <summary>The result waits at the center and is returned at the counter or by post.</summary>
    Return,
}

/// <summary>One ordered step of a procedure with its share of the statutory time.</summary>
public sealed class ProcedureStep
{
    public int Id { get; set; }
    public int ProcedureId { get; set; }
    /// <summary>1-based position in the procedure.</summary>
    public int Order { get; set; }
    public required string Name { get; set; }
    public StepKind Kind { get; set; }
    /// <summary>The role that performs this step.</summary>
    public Staffing.StaffRole Role { get; set; }
    /// <summary>Share of the statutory time, as a fraction; the shares of a procedure add up to 1.</summary>
    public double Share { get; set; }
    /// <summary>For inter-agency steps: the agency that owns it (free text, e.g. "Cục Thuế tỉnh").</summary>
    public string? Agency { get; set; }
}
