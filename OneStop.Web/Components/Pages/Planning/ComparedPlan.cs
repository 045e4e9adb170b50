using OneStop.Domain.Staffing.Planning.Handover;

namespace OneStop.Web.Components.Pages.Planning;

public enum PlanKind { Now, Named, Suggested }

/// <summary>A plan kept for the comparison: its set and staff are fixed, its figures follow the settings.</summary>
public sealed class ComparedPlan(PlanKind kind, int number, IReadOnlySet<int> departments, int staff)
{
    public PlanKind Kind { get; } = kind;
    public int Number { get; } = number;
    public IReadOnlySet<int> Departments { get; } = departments;
    public int Staff { get; } = staff;
    public PlanResult? Result { get; set; }
}
