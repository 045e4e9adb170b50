using System.Globalization;
using Microsoft.Extensions.Localization;

namespace OneStop.Web.Components.Pages.Planning;

/// <summary>
/// Marker for the hand-over planner's texts: Resources/Components/Pages/Planning/PlanningResource.resx (Vietnamese, the
/// neutral language) and PlanningResource.en.resx. The components get it as <c>T</c> through _Imports.razor.
/// </summary>
public sealed class PlanningResource;

/// <summary>Figures as the planner shows them, in the screen language's number format.</summary>
public static class PlanningText
{
    public static string Num(double value, string format = "0.0") =>
        double.IsPositiveInfinity(value) ? "∞" : double.IsNaN(value) ? "–" : value.ToString(format, CultureInfo.CurrentCulture);

    public static string Percent(double? value) => value is { } v ? v.ToString("0.0%", CultureInfo.CurrentCulture) : "–";

    /// <summary>A mean wait: minutes, or "the queue never clears".</summary>
    public static string Wait(IStringLocalizer<PlanningResource> t, double minutes) =>
        double.IsPositiveInfinity(minutes) ? t["Unstable"] : t["Minutes", Num(minutes, "0.0#")]; // 0,04 min is not 0

    public static string Day(IStringLocalizer<PlanningResource> t, DayOfWeek day) => t["Day" + day];
}

/// <summary>
/// The planner's three settings as typed, checked together. Typed as text so that "3,5" or "abc" gets the rule's
/// message rather than being silently dropped by a numeric field; nothing is recalculated until all three pass.
/// </summary>
public sealed class PlannerSettings
{
    public const int MinStaff = 1, MaxStaff = 50, MinTarget = 50, MaxTarget = 99, MinAnswer = 1, MaxAnswer = 60;

    public string Staff { get; set; } = "4";
    public string Target { get; set; } = "80";
    public string Answer { get; set; } = "10";

    /// <summary>Field name → rule broken; empty when all three are whole numbers in range.</summary>
    public Dictionary<string, string> Check(IStringLocalizer<PlanningResource> t)
    {
        var errors = new Dictionary<string, string>();
        if (!Whole(Staff, MinStaff, MaxStaff, out _)) errors[nameof(Staff)] = t["StaffRule"];
        if (!Whole(Target, MinTarget, MaxTarget, out _)) errors[nameof(Target)] = t["TargetRule"];
        if (!Whole(Answer, MinAnswer, MaxAnswer, out _)) errors[nameof(Answer)] = t["AnswerRule"];
        return errors;
    }

    public int StaffValue => Whole(Staff, MinStaff, MaxStaff, out var v) ? v : MinStaff;

    public Domain.Staffing.Planning.Handover.HandoverOptions Options =>
        new(TargetShare: (Whole(Target, MinTarget, MaxTarget, out var p) ? p : 80) / 100.0,
            AnswerMinutes: Whole(Answer, MinAnswer, MaxAnswer, out var m) ? m : 10);

    private static bool Whole(string? text, int min, int max, out int value) =>
        int.TryParse(text?.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out value) && value >= min && value <= max;
}
