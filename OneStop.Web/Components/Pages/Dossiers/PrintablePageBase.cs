using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using OneStop.Domain.Dossiers;
using OneStop.Domain.Dossiers.Queries;
using OneStop.Web.Auth;

namespace OneStop.Web.Components.Pages.Dossiers;

/// <summary>
/// What the workspace's printables share: they render as plain HTTP pages (no circuit), read the dossier
/// as the signed-in person may see it, and print the latest event of their kind.
/// </summary>
public abstract partial class PrintablePageBase : ComponentBase
{
    [Parameter] public string Code { get; set; } = "";
    [CascadingParameter] private Task<AuthenticationState> AuthState { get; set; } = default!;
    [Inject] private DossierDetailQuery Query { get; set; } = default!;
    [Inject] private NavigationManager Nav { get; set; } = default!;

    protected DossierDetail? Detail { get; private set; }
    /// <summary>The event the slip prints; null when the dossier never had one.</summary>
    protected TimelineEntry? Event { get; private set; }
    protected abstract DossierEventType EventType { get; }

    protected override async Task OnParametersSetAsync()
    {
        var me = (await AuthState).User.StaffId();
        Detail = me is { } id ? await Query.RunAsync(Code, id) : null;
        // Not found for this viewer: a dossier outside their scope sends them away rather than saying it does not exist.
        if (Detail is null && await Query.AccessAsync(Code, me) == OneStop.Domain.Access.DossierAccess.None)
            Nav.NavigateTo("/denied");
        Event = Detail?.Latest(EventType);
    }

    /// <summary>The lines of a note, one paper per line.</summary>
    protected static IReadOnlyList<string> Lines(string? text) =>
        (text ?? "").Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);

    /// <summary>
    /// The apology note the workflow writes: "Hẹn lại từ {old} sang {new}: {reason}" (dates dd/MM/yyyy HH:mm).
    /// Returns the new appointment as printed and the reason; the whole note as reason if it has another shape.
    /// </summary>
    public static (string? NewAppointment, string Reason) ParseApology(string? note)
    {
        if (note is null) return (null, "");
        var m = ApologyNote().Match(note);
        return m.Success ? (m.Groups["to"].Value, m.Groups["reason"].Value.Trim()) : (null, note);
    }

    [GeneratedRegex(@"^Hẹn lại từ (?<from>\d{2}/\d{2}/\d{4} \d{2}:\d{2}) sang (?<to>\d{2}/\d{2}/\d{4} \d{2}:\d{2}): (?<reason>.*)$", RegexOptions.Singleline)]
    private static partial Regex ApologyNote();
}
