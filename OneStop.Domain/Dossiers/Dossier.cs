using OneStop.Domain.Catalog;

namespace OneStop.Domain.Dossiers;

public enum DossierStatus
{
    /// <summary>Received by postal staff; being digitized, not yet handed to the department.</summary>
    Received,
    /// <summary>Moving through the procedure's steps in the department or other agencies.</summary>
    InProgress,
    /// <summary>Waiting for the applicant to complete the dossier; the clock is stopped.</summary>
    WaitingSupplement,
    /// <summary>Approved; the result waits at the center to be returned.</summary>
    ResultReady,
    /// <summary>The result was handed to the applicant at the counter or by post. Final.</summary>
    Returned,
    /// <summary>Refused, with a reason. Final.</summary>
    Refused,
    /// <summary>Withdrawn at the applicant's request. Final.</summary>
    Withdrawn,
}

public enum Outcome { Early, OnTime, Late }

/// <summary>One application (hồ sơ). Instants are UTC.</summary>
public sealed class Dossier
{
    public long Id { get; set; }
    /// <summary>Human code printed on the receipt, e.g. "SNV-261121-0001". Unique.</summary>
    public required string Code { get; set; }
    public int ProcedureId { get; set; }
    public Procedure? Procedure { get; set; }
    /// <summary>Copied from the procedure so that queue queries need no join.</summary>
    public int DepartmentId { get; set; }
    public Department? Department { get; set; }

    public Channel Channel { get; set; }
    public ResultDelivery ResultDelivery { get; set; }

    public required string ApplicantName { get; set; }
    public string? ApplicantPhone { get; set; }
    public string? ApplicantIdNumber { get; set; }
    public string? ApplicantAddress { get; set; }
    /// <summary>Where a result sent by post goes (may differ from the applicant's address).</summary>
    public string? ResultPostalAddress { get; set; }
    /// <summary>The papers received at intake, one per line, as the receipt lists them.</summary>
    public string? PapersReceived { get; set; }

    public DateTime ReceivedAt { get; set; }
    /// <summary>The appointment (due time) now in force: moved by pauses and by an apology letter.</summary>
    public DateTime AppointmentAt { get; set; }
    /// <summary>
    /// The statutory appointment: the one printed on the receipt, moved only by pauses. The outcome is
    /// judged against it; an apology letter moves <see cref="AppointmentAt"/>, never this.
    /// </summary>
    public DateTime OriginalAppointmentAt { get; set; }
    /// <summary>Working minutes spent paused (supplement requests), finished pauses only.</summary>
    public int PausedWorkingMinutes { get; set; }
    /// <summary>Set while paused: when the current pause began.</summary>
    public DateTime? PausedSince { get; set; }

    public DossierStatus Status { get; set; }
    /// <summary>1-based order of the current procedure step.</summary>
    public int CurrentStep { get; set; } = 1;
    public int? CurrentHandlerId { get; set; }
    public Staffing.Staff? CurrentHandler { get; set; }
    /// <summary>When the dossier reached its current step and handler.</summary>
    public DateTime StepEnteredAt { get; set; }

    /// <summary>When the result was ready (approved), refused or withdrawn.</summary>
    public DateTime? CompletedAt { get; set; }
    public DateTime? ReturnedAt { get; set; }
    public Outcome? Outcome { get; set; }
    /// <summary>True once an apology letter was issued: the dossier counts as late whatever happens.</summary>
    public bool ApologyIssued { get; set; }
    public string? PostalTrackingNumber { get; set; }
    public bool? Satisfied { get; set; }
    public string? SatisfactionComment { get; set; }

    /// <summary>Where the deadline sweep last classified this dossier; only a change of class makes an event.</summary>
    public Deadlines.DeadlineClass DeadlineClass { get; set; }
    /// <summary>The highest rung of the escalation ladder already fired (0 none, 1 reminder, 2 leader, 3 director).</summary>
    public int EscalationLevel { get; set; }

    /// <summary>Optimistic concurrency token: bumped by every change.</summary>
    public int Version { get; set; }

    public bool IsOpen => !DossierStateMachine.IsFinal(Status);
}

/// <summary>A pause of the clock while waiting for a supplement.</summary>
public sealed class DossierPause
{
    public long Id { get; set; }
    public long DossierId { get; set; }
    public DateTime StartedAt { get; set; }
    public DateTime? EndedAt { get; set; }
    public string Reason { get; set; } = "";
}
