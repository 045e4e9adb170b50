namespace OneStop.Domain.Deadlines;

/// <summary>OneStop:Jobs in appsettings.json: thresholds of the deadline engine (schedules are read by OneStop.Jobs).</summary>
public sealed class DeadlineOptions
{
    public const string Section = "OneStop:Jobs";
    /// <summary>A dossier is due soon when less than this many working days remain (default one working day).</summary>
    public double DueSoonWorkingDays { get; set; } = 1;
    /// <summary>Overdue by this many working days: the center director is told.</summary>
    public double DirectorAfterOverdueWorkingDays { get; set; } = 2;
    /// <summary>A dossier untouched this many working hours after reaching its handler: the handler is reminded.</summary>
    public double HandOverReminderWorkingHours { get; set; } = 4;
    /// <summary>Still untouched this many more working hours after the reminder: their leader is told.</summary>
    public double HandOverLeaderWorkingHours { get; set; } = 4;
    /// <summary>Hand-over reminders look back this many calendar days for dossiers still sitting with their handler.</summary>
    public int HandOverLookbackDays { get; set; } = 60;
    /// <summary>A scheduled sweep looks for moves back (on track again after an apology or a resume) among dossiers with such an event in this many days; the start-up run looks at all.</summary>
    public int ReverseMoveLookbackDays { get; set; } = 7;
    /// <summary>Job runs older than this many days are deleted.</summary>
    public int RunHistoryDays { get; set; } = 90;
}
