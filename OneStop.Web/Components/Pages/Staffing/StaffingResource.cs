using Microsoft.Extensions.Localization;
using OneStop.Domain.Staffing;

namespace OneStop.Web.Components.Pages.Staffing;

/// <summary>
/// Marker for the staffing page's texts: Resources/Components/Pages/Staffing/StaffingResource.resx (Vietnamese, the
/// neutral language) and StaffingResource.en.resx. The components get it as <c>T</c> through _Imports.razor.
/// </summary>
public sealed class StaffingResource;

/// <summary>Staffing words for enum values, in the screen's language.</summary>
public static class StaffingText
{
    /// <summary>"Nghỉ phép" / "On leave": the absence kinds as the screen shows them (the domain's KindText stays for stored texts).</summary>
    public static string Absence(IStringLocalizer<StaffingResource> t, AbsenceKind kind) => t["Absence" + kind];
}
