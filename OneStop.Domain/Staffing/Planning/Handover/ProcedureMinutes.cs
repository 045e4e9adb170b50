using OneStop.Domain.Calendar;
using OneStop.Domain.Staffing.Balancing;

namespace OneStop.Domain.Staffing.Planning.Handover;

/// <summary>One reception action (intake, hand-over, return) by anyone at the counter, with the dossier's procedure.</summary>
public sealed record CounterAction(int StaffId, int ProcedureId, int DepartmentId, PostalStep Step, DateTime AtUtc);

/// <summary>
/// Handling minutes per procedure and step, measured as <see cref="HandlingTimes"/> measures them per person (the working
/// time since the same person's previous action that day, up to 30 minutes), but over everyone who does reception:
/// postal staff and the counter officers of the departments that keep their own counter, so a department not yet
/// handed over has measured minutes too. A procedure with fewer than <see cref="HandlingTimes.MinSamples"/> samples of
/// a step takes its department's, then the center's, then the default.
/// </summary>
public sealed class ProcedureMinutes
{
    private readonly Dictionary<(int, PostalStep), double> _procedure = [], _department = [], _center = [];
    private readonly Dictionary<int, int> _departmentOf = [];

    public ProcedureMinutes(IEnumerable<CounterAction> actions, WorkingCalendar calendar)
    {
        var byProcedure = new Dictionary<(int, PostalStep), List<double>>();
        var byDepartment = new Dictionary<(int, PostalStep), List<double>>();
        var byCenter = new Dictionary<(int, PostalStep), List<double>>();
        foreach (var (a, minutes) in HandlingTimes.Gaps(actions, a => a.StaffId, a => a.AtUtc, calendar))
        {
            Add(byProcedure, (a.ProcedureId, a.Step), minutes);
            Add(byDepartment, (a.DepartmentId, a.Step), minutes);
            Add(byCenter, (0, a.Step), minutes);
            _departmentOf[a.ProcedureId] = a.DepartmentId;
        }
        Keep(byProcedure, _procedure);
        Keep(byDepartment, _department);
        Keep(byCenter, _center);
        MeasuredProcedures = _procedure.Keys.Select(k => k.Item1).Distinct().Count();
    }

    /// <summary>Procedures with at least one step measured from their own samples.</summary>
    public int MeasuredProcedures { get; }

    public double Minutes(int procedureId, int departmentId, PostalStep step) =>
        _procedure.TryGetValue((procedureId, step), out var p) ? p
        : _department.TryGetValue((departmentId, step), out var d) ? d
        : _center.TryGetValue((0, step), out var c) ? c
        : HandlingTimes.DefaultMinutes[step];

    private static void Add(Dictionary<(int, PostalStep), List<double>> into, (int, PostalStep) key, double minutes)
    {
        if (!into.TryGetValue(key, out var list)) into[key] = list = [];
        list.Add(minutes);
    }

    private static void Keep(Dictionary<(int, PostalStep), List<double>> samples, Dictionary<(int, PostalStep), double> into)
    {
        foreach (var (key, list) in samples)
            if (list.Count >= HandlingTimes.MinSamples) into[key] = list.Average();
    }
}
