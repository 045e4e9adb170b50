using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using MudBlazor;
using OneStop.Domain.Dossiers;
using OneStop.Domain.Dossiers.Queries;
using OneStop.Web.Auth;
using OneStop.Web.Components.Pages.Queues;
using OneStop.Web.Live;

namespace OneStop.Web.Components.Pages.Dossiers;

/// <summary>The dossier page's behaviour (access, loading, live reloads, running an action); the markup is in DossierPage.razor and its cards.</summary>
public partial class DossierPage
{
    [Inject] private DossierDetailQuery Query { get; set; } = default!;
    [Inject] private NavigationManager Nav { get; set; } = default!;
    [Inject] private DossierChangeHub Hub { get; set; } = default!;
    [Inject] private IDialogService Dialogs { get; set; } = default!;
    [Inject] private ILogger<DossierPage> Log { get; set; } = default!;

    [Parameter] public string Code { get; set; } = "";
    [CascadingParameter] private Task<AuthenticationState> AuthState { get; set; } = default!;

    private int? _staffId;
    private DossierDetail? _d;
    private bool _loaded;
    private string? _loadedCode;
    private bool _acting;
    private string? _updatedNotice;
    private string? _done;
    private (string Path, string Text)? _donePrintable;
    private IDisposable? _subscription;
    private int _reloadScheduled;
    private volatile bool _disposed;

    protected override async Task OnParametersSetAsync()
    {
        _staffId ??= (await AuthState).User.StaffId();
        // Checked while prerendering too, so a dossier of another department is a redirect, not an empty page.
        if (Code != _loadedCode && await Query.AccessAsync(Code, _staffId) == OneStop.Domain.Access.DossierAccess.None)
        {
            Nav.NavigateTo("/denied");
            return;
        }
        if (!RendererInfo.IsInteractive || Code == _loadedCode) return;
        _loadedCode = Code;
        _updatedNotice = null;
        _done = null;
        _donePrintable = null;
        _subscription ??= Hub.Subscribe(c => c.Code == _loadedCode, OnChangeAsync);
        await LoadAsync();
    }

    private async Task LoadAsync()
    {
        _d = _staffId is { } me ? await Query.RunAsync(Code, me) : null;
        _loaded = true;
    }

    private async Task OnChangeAsync(DossierChange change)
    {
        if (Interlocked.Exchange(ref _reloadScheduled, 1) == 1) return;
        await Task.Delay(MyQueuePage.Debounce);
        Volatile.Write(ref _reloadScheduled, 0);
        if (_disposed) return;
        try
        {
            await InvokeAsync(async () =>
            {
                if (_disposed || _acting) return; // my own action reloads when its dialog closes
                var before = _d?.Version;
                await LoadAsync();
                if (_d is not null && _d.Version != before && _d.Timeline.LastOrDefault() is { } last && last.ActorId != _staffId)
                    _updatedNotice = T["UpdatedBy", T.Event(last.Type).ToLower(), last.ActorName ?? T["System"], WorkspaceText.Local(last.At)];
                StateHasChanged();
            });
        }
        catch (ObjectDisposedException) { }
        catch (Exception e) { Log.LogWarning(e, "Reloading dossier {Code} after a change failed", change.Code); }
    }

    private async Task ActAsync(WorkspaceAction action)
    {
        if (_d is not { } d || _staffId is not { } me || _acting) return;
        _acting = true;
        ActionOutcome? outcome;
        try
        {
            outcome = await ActionDialog.OpenAsync(Dialogs, action, d.Code, d.Version, me, d.ResultDelivery, d.AppointmentAt);
        }
        finally
        {
            _acting = false;
        }
        var before = d.Version;
        await LoadAsync();
        if (outcome is { Done: true })
        {
            _updatedNotice = null;
            _done = ActionUi.Done(action);
            _donePrintable = ActionUi.EventOf(action) is { } type ? ActionUi.Printable(type) : null;
        }
        else if (outcome is { Stale: true } || _d?.Version != before)
        {
            _updatedNotice = T["UpdatedByOther"];
        }
    }

    private static IEnumerable<(string Path, string Text)> Printables(DossierDetail d)
    {
        foreach (var type in new[] { DossierEventType.SupplementRequested, DossierEventType.Refused, DossierEventType.ApologyIssued })
            if (d.Latest(type) is not null && ActionUi.Printable(type) is { } p) yield return p;
    }

    private static string StatusStyle(DossierStatus s) => s switch
    {
        DossierStatus.Received => "info",
        DossierStatus.InProgress => "primary",
        DossierStatus.WaitingSupplement => "warning",
        DossierStatus.ResultReady or DossierStatus.Returned => "success",
        DossierStatus.Refused => "danger",
        _ => "secondary",
    };

    public void Dispose()
    {
        _disposed = true;
        _subscription?.Dispose();
    }
}
