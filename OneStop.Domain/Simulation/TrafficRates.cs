using OneStop.Domain.Persistence.Demo;

namespace OneStop.Domain.Simulation;

/// <summary>A department's intake, in dossiers per hour of real life (multiply by the demo's Speed).</summary>
/// <param name="CounterPerOfficeHour">Walk-ins at the counter, office hours only.</param>
/// <param name="PostPerOfficeHour">Dossiers arriving by post, registered in office hours only.</param>
/// <param name="OnlinePerOfficeHour">Online submissions during office hours.</param>
/// <param name="OnlinePerOtherHour">Online submissions at any other hour (nights, weekends, holidays).</param>
public sealed record DepartmentRates(int DepartmentId, double CounterPerOfficeHour, double PostPerOfficeHour,
    double OnlinePerOfficeHour, double OnlinePerOtherHour)
{
    public double PerOfficeHour => CounterPerOfficeHour + PostPerOfficeHour + OnlinePerOfficeHour;
}

/// <summary>
/// Intake rates from the demo profiles (seed 000's yearly volumes, seed 002's online share), keeping the
/// yearly volume: a year has <see cref="WorkingDaysPerYear"/> working days of office hours; counter and post
/// dossiers come only then; online ones come at any hour, outside office hours at <see cref="OtherHoursOnlineFactor"/>
/// of the office-hour rate (so about a quarter of online submissions arrive in the evening, at night or at weekends).
/// </summary>
public static class TrafficRates
{
    public const double WorkingDaysPerYear = 250;
    public const double HoursPerYear = 365 * 24;
    public const double OtherHoursOnlineFactor = 0.1;

    /// <param name="officeDay">Length of a working day's office hours (7.5 h for 07:30-11:30 + 13:30-17:00).</param>
    public static DepartmentRates For(int departmentId, DepartmentProfile profile, TimeSpan officeDay)
    {
        double officeHours = WorkingDaysPerYear * officeDay.TotalHours;
        double otherHours = HoursPerYear - officeHours;
        double online = profile.AnnualVolume * profile.OnlineShare;
        double post = profile.AnnualVolume * profile.PostIntakeShare;
        double counter = Math.Max(0, profile.AnnualVolume - online - post);
        double onlineOffice = online / (officeHours + OtherHoursOnlineFactor * otherHours);
        return new DepartmentRates(departmentId, counter / officeHours, post / officeHours, onlineOffice, onlineOffice * OtherHoursOnlineFactor);
    }
}
