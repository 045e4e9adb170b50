using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.AspNetCore.Components.Routing;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.Extensions.Localization;
using Microsoft.JSInterop;
using MudBlazor;
using OneStop.Domain.Calendar;
using OneStop.Domain.Catalog;
using OneStop.Domain.Dossiers;
using OneStop.Domain.Dossiers.Queries;
using OneStop.Web;
using OneStop.Web.Auth;
using OneStop.Web.Components;
using OneStop.Web.Components.Shared;
using System.Globalization;

namespace OneStop.Web.Components.Pages.Dossiers;

/// <summary>The action dialog's behaviour (options, validation, running the workflow command); the markup is in ActionDialog.razor.</summary>
public partial class ActionDialog
{

    [CascadingParameter] private IMudDialogInstance Dialog { get; set; } = default!;
    [Parameter, EditorRequired] public WorkspaceAction Action { get; set; }
    [Parameter, EditorRequired] public string Code { get; set; } = "";
    [Parameter, EditorRequired] public int Version { get; set; }
    [Parameter, EditorRequired] public int ActorId { get; set; }
    [Parameter] public ResultDelivery ResultDelivery { get; set; }
    /// <summary>The appointment in force (UTC), to propose a new one for an apology.</summary>
    [Parameter] public DateTime AppointmentAt { get; set; }

    private sealed record OptionItem(int Index, string Text);

    private HandlerChoice? _choice;
    private List<OptionItem> _optionItems = [];
    private int? _selected;
    private bool _loadingOptions;
    private string? _note, _reason, _missing, _tracking, _comment;
    private int _satisfaction; // 0: not asked; never presume the applicant satisfied
    private DateTime? _newAppointment;
    private Dictionary<string, string> _errors = new();
    private string? _alert;
    private bool _busy, _stale, _focusPending;
    private MudButton? _confirm;

    // The date and the time of the new appointment are picked apart; 08:00 until a time is chosen.
    private DateTime? ApologyDate
    {
        get => _newAppointment?.Date;
        set => _newAppointment = value is { } d ? d.Date + (_newAppointment?.TimeOfDay ?? TimeSpan.FromHours(8)) : null;
    }

    private TimeSpan? ApologyTime
    {
        get => _newAppointment?.TimeOfDay;
        set => _newAppointment = _newAppointment is { } d && value is { } t ? d.Date + t : _newAppointment;
    }

    private string ConfirmText => Action switch
    {
        WorkspaceAction.HandOver => T["ConfirmHandOver"],
        WorkspaceAction.Assign => T["ConfirmAssign"],
        WorkspaceAction.IssueApology => T["ConfirmApology"],
        _ => ActionUi.Label(Action),
    };

    private string ReasonLabel => Action switch
    {
        WorkspaceAction.SendBack => T["SendBackReason"],
        WorkspaceAction.Refuse => T["RefuseReason"],
        _ => T["WithdrawReason"],
    };

    private bool NothingToDo => Action is WorkspaceAction.HandOver or WorkspaceAction.Assign && !_loadingOptions && _choice is null;

    private string? Error(string field) => _errors.TryGetValue(field, out var m) ? m : null;

    /// <summary>Opens the dialog for an action and returns what happened (null when dismissed with the close icon).</summary>
    public static async Task<ActionOutcome?> OpenAsync(IDialogService dialogs, WorkspaceAction action, string code, int version, int actorId,
        ResultDelivery delivery, DateTime appointmentAt)
    {
        var typing = action is WorkspaceAction.SendBack or WorkspaceAction.Refuse or WorkspaceAction.Withdraw
            or WorkspaceAction.RequestSupplement or WorkspaceAction.IssueApology || (action == WorkspaceAction.Return && delivery == ResultDelivery.Post);
        var dialog = await dialogs.ShowAsync<ActionDialog>(ActionUi.Title(action, code), new DialogParameters
        {
            [nameof(Action)] = action,
            [nameof(Code)] = code,
            [nameof(Version)] = version,
            [nameof(ActorId)] = actorId,
            [nameof(ResultDelivery)] = delivery,
            [nameof(AppointmentAt)] = appointmentAt,
        }, new DialogOptions
        {
            MaxWidth = MaxWidth.Small, FullWidth = true, CloseOnEscapeKey = true, CloseButton = true,
            DefaultFocus = typing ? DefaultFocus.FirstChild : DefaultFocus.None,
        });
        var result = await dialog.Result;
        return result is { Canceled: false } ? result.Data as ActionOutcome : null;
    }

    protected override async Task OnInitializedAsync()
    {
        if (Action == WorkspaceAction.IssueApology)
        {
            var clock = await Calendars.GetClockAsync();
            var now = Time.GetUtcNow().UtcDateTime;
            var from = AppointmentAt > now ? AppointmentAt : now;
            _newAppointment = WorkingCalendar.ToLocal(clock.Calendar.AddWorkingDays(from, 1));
        }
        if (Action is WorkspaceAction.HandOver or WorkspaceAction.Assign)
        {
            _loadingOptions = true;
            try
            {
                _choice = Action == WorkspaceAction.HandOver ? await HandlerOptions.ForHandOverAsync(Code) : await HandlerOptions.ForAssignAsync(Code);
                _optionItems = _choice?.Options.Select((o, i) => new OptionItem(i, o.Label)).ToList() ?? [];
                _selected = _choice?.DefaultIndex is >= 0 and var d ? d : null;
            }
            finally { _loadingOptions = false; }
        }
    }

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        // Where nothing has to be typed, Enter confirms at once: focus the confirm button once it is enabled.
        if (firstRender)
            _focusPending = Action is WorkspaceAction.Take or WorkspaceAction.HandOver or WorkspaceAction.Assign or WorkspaceAction.Approve or WorkspaceAction.Resume
                            || (Action == WorkspaceAction.Return && ResultDelivery != ResultDelivery.Post);
        if (_focusPending && _confirm is not null && !_loadingOptions && !NothingToDo)
        {
            _focusPending = false;
            try { await _confirm.FocusAsync(); }
            catch (Exception) { /* not connected yet, or a test renderer: focus is a convenience */ }
        }
    }

    private void Cancel() => Dialog.Close(DialogResult.Ok(new ActionOutcome(Action, null, _stale)));

    /// <summary>What the screen checks before asking the workflow, with the workflow's own wording and field names, in the screen's language.</summary>
    private Dictionary<string, string> Validate()
    {
        var e = new Dictionary<string, string>();
        void Required(string field, string label, string? text)
        {
            if (string.IsNullOrWhiteSpace(text)) e[field] = T["RuleRequired", label];
            else if (text.Length > DossierWorkflow.MaxText) e[field] = T["RuleMaxLength", label, DossierWorkflow.MaxText];
        }
        switch (Action)
        {
            case WorkspaceAction.HandOver when _selected is null:
                e["ToHandlerId"] = T["RuleRecipient"];
                break;
            case WorkspaceAction.Assign when _selected is null:
                e["ToHandlerId"] = T["RuleAssignee"];
                break;
            case WorkspaceAction.SendBack:
            case WorkspaceAction.Refuse:
            case WorkspaceAction.Withdraw:
                Required("Reason", ReasonLabel, _reason);
                break;
            case WorkspaceAction.RequestSupplement:
                Required("Missing", T["Missing"], _missing);
                break;
            case WorkspaceAction.IssueApology:
                if (_newAppointment is null) e["NewAppointment"] = T["RuleRequired", T["NewAppointmentField"]];
                else if (WorkingCalendar.ToUtc(_newAppointment.Value) <= Time.GetUtcNow().UtcDateTime)
                    e["NewAppointment"] = T["RuleAppointmentFuture"];
                Required("Reason", T["DelayReason"], _reason);
                break;
            case WorkspaceAction.Return when ResultDelivery == ResultDelivery.Post && string.IsNullOrWhiteSpace(_tracking):
                e["PostalTrackingNumber"] = T["RuleTracking"];
                break;
        }
        return e;
    }

    private async Task ConfirmAsync()
    {
        if (_busy || _stale || _loadingOptions || NothingToDo) return;
        _alert = null;
        _errors = Validate();
        if (_errors.Count > 0) return;
        // Every command checks the session now, without the cache: an ended one signs the circuit out (README, Sessions).
        if (Sessions is OneStop.Web.Auth.SessionAuthenticationStateProvider session && !await session.EnsureValidAsync())
        {
            Dialog.Cancel();
            return;
        }
        _busy = true;
        try
        {
            var dossier = await RunAsync();
            Dialog.Close(DialogResult.Ok(new ActionOutcome(Action, dossier)));
        }
        catch (DossierValidationException e)
        {
            _errors = new Dictionary<string, string>(e.Errors);
            // Errors about fields this dialog does not show go in the alert.
            var shown = new[] { "ToHandlerId", "Reason", "Missing", "PostalTrackingNumber", "SatisfactionComment", "NewAppointment" };
            var other = e.Errors.Where(x => !shown.Contains(x.Key)).Select(x => x.Value).ToList();
            if (other.Count > 0) _alert = string.Join(" ", other);
        }
        catch (DossierConcurrencyException e)
        {
            _alert = e.Message;
            _stale = true;
        }
        catch (DossierRuleException e)
        {
            _alert = e.Message;
        }
        catch (DossierNotFoundException e)
        {
            _alert = e.Message;
            _stale = true;
        }
        finally
        {
            _busy = false;
        }
    }

    private Task<Dossier> RunAsync()
    {
        int? Handler() => _choice is not null && _selected is { } i && i >= 0 && i < _choice.Options.Count ? _choice.Options[i].StaffId : null;
        return Action switch
        {
            WorkspaceAction.Take => Workflow.AssignAsync(Code, Version, ActorId, ActorId),
            WorkspaceAction.HandOver => Workflow.HandOverAsync(Code, Version, ActorId, Handler(), _note),
            WorkspaceAction.Assign => Workflow.AssignAsync(Code, Version, ActorId, Handler() ?? 0, _note),
            WorkspaceAction.SendBack => Workflow.SendBackAsync(Code, Version, ActorId, _reason ?? ""),
            WorkspaceAction.Approve => Workflow.ApproveAsync(Code, Version, ActorId, _note),
            WorkspaceAction.Return => Workflow.ReturnAsync(Code, Version, ActorId, new ReturnDetails(
                ResultDelivery == ResultDelivery.Post ? _tracking : null,
                _satisfaction switch { 1 => true, 2 => false, _ => null },
                _comment)),
            WorkspaceAction.RequestSupplement => Workflow.RequestSupplementAsync(Code, Version, ActorId, _missing ?? ""),
            WorkspaceAction.Resume => Workflow.ResumeAsync(Code, Version, ActorId, _note),
            WorkspaceAction.Refuse => Workflow.RefuseAsync(Code, Version, ActorId, _reason ?? ""),
            WorkspaceAction.Withdraw => Workflow.WithdrawAsync(Code, Version, ActorId, _reason ?? ""),
            WorkspaceAction.IssueApology => Workflow.IssueApologyAsync(Code, Version, ActorId, WorkingCalendar.ToUtc(_newAppointment!.Value), _reason ?? ""),
            _ => throw new InvalidOperationException(Action.ToString()),
        };
    }
}
