using OneStop.Domain.Dossiers;
using OneStop.Domain.Dossiers.Queries;
using MudBlazor;

namespace OneStop.Web.Components.Pages.Dossiers;

/// <summary>How a workspace action looks on screen: its button, its test id, its dialog title, in the screen's language.</summary>
public static class ActionUi
{
    public static string Slug(WorkspaceAction a) => a switch
    {
        WorkspaceAction.Take => "take",
        WorkspaceAction.HandOver => "handover",
        WorkspaceAction.Assign => "assign",
        WorkspaceAction.SendBack => "sendback",
        WorkspaceAction.Approve => "approve",
        WorkspaceAction.Return => "return",
        WorkspaceAction.RequestSupplement => "supplement",
        WorkspaceAction.Resume => "resume",
        WorkspaceAction.Refuse => "refuse",
        WorkspaceAction.Withdraw => "withdraw",
        WorkspaceAction.IssueApology => "apology",
        _ => a.ToString().ToLowerInvariant(),
    };

    /// <summary>The action's name in the screen's language (Vietnamese: the words of <see cref="WorkspaceText.Action"/>).</summary>
    public static string Label(WorkspaceAction a) => DossierResource.Texts[$"Action{a}"];

    public static string Icon(WorkspaceAction a) => a switch
    {
        WorkspaceAction.Take => Icons.Material.Filled.AssignmentInd,
        WorkspaceAction.HandOver => Icons.Material.Filled.Forward,
        WorkspaceAction.Assign => Icons.Material.Filled.PersonAdd,
        WorkspaceAction.SendBack => Icons.Material.Filled.Undo,
        WorkspaceAction.Approve => Icons.Material.Filled.Verified,
        WorkspaceAction.Return => Icons.Material.Filled.Outbox,
        WorkspaceAction.RequestSupplement => Icons.Material.Filled.NoteAdd,
        WorkspaceAction.Resume => Icons.Material.Filled.PlayArrow,
        WorkspaceAction.Refuse => Icons.Material.Filled.Block,
        WorkspaceAction.Withdraw => Icons.Material.Filled.Logout,
        WorkspaceAction.IssueApology => Icons.Material.Filled.EventRepeat,
        _ => Icons.Material.Filled.Bolt,
    };

    /// <summary>The side paths that end or pause a dossier look different from the way forward.</summary>
    public static Color Colour(WorkspaceAction a) => a switch
    {
        WorkspaceAction.Refuse or WorkspaceAction.Withdraw => Color.Error,
        _ => Color.Primary,
    };

    public static Variant Variant(WorkspaceAction a) => a switch
    {
        WorkspaceAction.SendBack or WorkspaceAction.RequestSupplement or WorkspaceAction.IssueApology => MudBlazor.Variant.Outlined,
        _ => MudBlazor.Variant.Filled,
    };

    public static string Title(WorkspaceAction a, string code) => $"{Label(a)} · {code}";

    /// <summary>What the screen says once the action went through.</summary>
    public static string Done(WorkspaceAction a) => DossierResource.Texts[$"Done{a}"];

    /// <summary>The printable a side path produces, if any: (path suffix, link text).</summary>
    public static (string Path, string Text)? Printable(DossierEventType type) => type switch
    {
        DossierEventType.SupplementRequested => ("supplement-request", DossierResource.Texts["PrintSupplementRequest"]),
        DossierEventType.Refused => ("refusal", DossierResource.Texts["PrintRefusal"]),
        DossierEventType.ApologyIssued => ("apology", DossierResource.Texts["PrintApology"]),
        _ => null,
    };

    public static DossierEventType? EventOf(WorkspaceAction a) => a switch
    {
        WorkspaceAction.RequestSupplement => DossierEventType.SupplementRequested,
        WorkspaceAction.Refuse => DossierEventType.Refused,
        WorkspaceAction.IssueApology => DossierEventType.ApologyIssued,
        _ => null,
    };
}

/// <summary>What an action dialog hands back when it closes.</summary>
/// <param name="Dossier">The dossier after the action; null when nothing was done.</param>
/// <param name="Stale">True when someone else acted first: the caller reloads.</param>
public sealed record ActionOutcome(WorkspaceAction Action, Dossier? Dossier, bool Stale = false)
{
    public bool Done => Dossier is not null;
}
