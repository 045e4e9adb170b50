using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.AspNetCore.Components.Routing;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.Extensions.Localization;
using Microsoft.JSInterop;
using MudBlazor;
using OneStop.Domain.Catalog;
using OneStop.Domain.Dossiers;
using OneStop.Domain.Staffing;
using OneStop.Web;
using OneStop.Web.Auth;
using OneStop.Web.Components;
using OneStop.Web.Components.Shared;
using System.Globalization;

namespace OneStop.Web.Components.Pages.Intake;

/// <summary>The intake form's behaviour (procedure choice, live appointment, validation, saving); the markup is in IntakePage.razor.</summary>
public partial class IntakePage
{

    [CascadingParameter] private Task<AuthenticationState> AuthenticationState { get; set; } = default!;

    private readonly IntakeForm _form = new();
    private EditContext _editContext = default!;
    private ValidationMessageStore _messages = default!;

    private int? _staffId;
    private StaffRole? _role;
    private IReadOnlyList<DepartmentOption>? _departments;
    private int? _departmentId;
    private IReadOnlyList<ProcedureSummary>? _procedures;
    private Procedure? _procedure;
    private IReadOnlyList<string> _papers = [];
    private readonly HashSet<int> _ticked = [];
    private DateTime? _appointment;
    private string? _lastAddress;

    private bool _submitted, _saving, _saved, _focusSearch;
    private int _selection;
    private string? _error;

    private ProcedureList? _list;
    private InputText? _nameInput, _phoneInput, _idInput, _addressInput, _postalInput;

    private DepartmentOption? SelectedDepartment => _departments?.FirstOrDefault(d => d.Id == _departmentId);

    private IReadOnlyList<Channel> ChannelOptions =>
        _procedure is null ? Enum.GetValues<Channel>() : IntakeText.Allowed(_procedure.AllowedChannels);

    private static string Label(string field) => IntakeValidator.Labels[field];

    protected override void OnInitialized()
    {
        _editContext = new EditContext(_form);
        _messages = new ValidationMessageStore(_editContext);
        _editContext.OnFieldChanged += OnFieldChanged;
    }

    protected override async Task OnInitializedAsync()
    {
        var user = (await AuthenticationState).User;
        _staffId = user.StaffId();
        _role = user.Role();
        _departments = _staffId is { } id ? await Catalog.DepartmentsForAsync(id) : [];
        if (_departments.Count > 0)
        {
            _focusSearch = true;
            await LoadDepartmentAsync(_departments[0].Id);
        }
    }

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (_focusSearch && _list is not null && RendererInfo.IsInteractive)
        {
            _focusSearch = false;
            await _list.FocusSearchAsync();
        }
    }

    // ───────────── steps 1 and 2: department and procedure ─────────────

    private async Task DepartmentChangedAsync(ChangeEventArgs e)
    {
        if (int.TryParse(e.Value?.ToString(), out var id) && id != _departmentId) await LoadDepartmentAsync(id);
    }

    private async Task LoadDepartmentAsync(int departmentId)
    {
        var selection = ++_selection;
        _departmentId = departmentId;
        _procedures = null;
        ClearProcedure();
        var procedures = await Catalog.ProceduresOfAsync(departmentId);
        if (selection != _selection) return; // another department was picked meanwhile
        _procedures = procedures;
        if (_submitted) Validate();
    }

    private async Task SelectProcedureAsync(int procedureId)
    {
        if (_procedure?.Id == procedureId || _saving) return;
        var selection = ++_selection;
        var procedure = await Catalog.ProcedureAsync(procedureId);
        if (selection != _selection) return; // another procedure was picked meanwhile
        ClearProcedure();
        if (procedure is not null)
        {
            _procedure = procedure;
            _form.ProcedureId = procedure.Id;
            _papers = ProcedureCatalogQuery.Papers(procedure);
            var allowed = IntakeText.Allowed(procedure.AllowedChannels);
            if (!procedure.Allows(_form.Channel) && allowed.Count > 0) _form.Channel = allowed[0];
            if (!procedure.ResultByPost && _form.ResultDelivery == ResultDelivery.Post) _form.ResultDelivery = ResultDelivery.Counter;
            await RefreshAppointmentAsync();
        }
        if (_submitted) Validate();
    }

    private void ClearProcedure()
    {
        _procedure = null;
        _form.ProcedureId = 0;
        _papers = [];
        _ticked.Clear();
        _appointment = null;
    }

    private void PapersChanged()
    {
        if (_submitted) Validate();
    }

    /// <summary>The appointment if the dossier were received now: on each procedure change and again just before saving.</summary>
    private async Task RefreshAppointmentAsync()
    {
        if (_procedure is null) { _appointment = null; return; }
        try { _appointment = await Workflow.PreviewAppointmentAsync(_procedure.Id); }
        catch (DossierValidationException) { _appointment = null; } // removed from the catalogue meanwhile
    }

    // ───────────── step 3: the applicant, validation and saving ─────────────

    private void OnFieldChanged(object? sender, FieldChangedEventArgs e)
    {
        var field = e.FieldIdentifier.FieldName;
        if (field == nameof(IntakeForm.ApplicantAddress))
        {
            // Keep the postal address in step with the address until the staff member edits it.
            if (string.IsNullOrWhiteSpace(_form.ResultPostalAddress) || _form.ResultPostalAddress == _lastAddress)
                _form.ResultPostalAddress = _form.ApplicantAddress;
            _lastAddress = _form.ApplicantAddress;
        }
        else if (field == nameof(IntakeForm.ResultDelivery) && _form.ResultDelivery == ResultDelivery.Post
                 && string.IsNullOrWhiteSpace(_form.ResultPostalAddress))
        {
            _form.ResultPostalAddress = _form.ApplicantAddress;
        }
        if (_submitted) Validate();
    }

    private string? PapersReceived() =>
        _ticked.Count == 0 ? null : string.Join("\n", _ticked.Order().Where(i => i < _papers.Count).Select(i => _papers[i]));

    /// <summary>Runs the one set of intake rules and shows each message under its field.</summary>
    private Dictionary<string, string> Validate()
    {
        _form.PapersReceived = PapersReceived();
        var errors = IntakeValidator.Validate(_form.ToRequest(), _procedure);
        ShowErrors(errors);
        return errors;
    }

    private void ShowErrors(IReadOnlyDictionary<string, string> errors)
    {
        _messages.Clear();
        foreach (var (field, message) in errors) _messages.Add(_editContext.Field(field), message);
        _editContext.NotifyValidationStateChanged();
    }

    private IEnumerable<string> MessagesFor(string field) => _editContext.GetValidationMessages(_editContext.Field(field));

    private async Task SaveAsync()
    {
        if (_saving || _saved) return; // Enter pressed twice, or a double click: one intake only
        _submitted = true;
        _error = null;
        var errors = Validate();
        if (errors.Count > 0)
        {
            await FocusFirstInvalidAsync(errors);
            return;
        }
        if (_staffId is not { } staffId)
        {
            _error = T["NoStaff"];
            return;
        }
        // A command needs a session that still holds, checked now and not from the cache (README, Sessions): an ended
        // one signs the circuit out, and the page goes to sign-in.
        if (Sessions is OneStop.Web.Auth.SessionAuthenticationStateProvider session && !await session.EnsureValidAsync()) return;

        _saving = true;
        try
        {
            // Let the disabled button and the indicator reach the screen before the database work
            // (SQLite's async calls complete synchronously and would otherwise hold the render back).
            await Task.Yield();
            await RefreshAppointmentAsync();
            var dossier = await Workflow.ReceiveAsync(_form.ToRequest(), staffId);
            _saved = true;
            Nav.NavigateTo($"/dossiers/{Uri.EscapeDataString(dossier.Code)}/receipt", forceLoad: true);
        }
        catch (DossierValidationException ex)
        {
            ShowErrors(ex.Errors);
            var unplaced = ex.Errors.Where(e => !IntakeValidator.Labels.ContainsKey(e.Key)).Select(e => e.Value).ToList();
            if (unplaced.Count > 0) _error = string.Join(" ", unplaced);
        }
        catch (DossierRuleException ex)
        {
            _error = ex.Message;
        }
        catch (Exception ex)
        {
            Log.LogError(ex, "Intake of procedure {ProcedureId} by staff {StaffId} failed", _form.ProcedureId, staffId);
            _error = T["SaveFailed"];
        }
        finally
        {
            if (!_saved) _saving = false;
        }
    }

    private async Task FocusFirstInvalidAsync(IReadOnlyDictionary<string, string> errors)
    {
        if (!RendererInfo.IsInteractive) return;
        if (errors.ContainsKey(nameof(IntakeForm.ProcedureId)))
        {
            if (_list is not null) await _list.FocusSearchAsync();
            return;
        }
        (string Field, InputText? Input)[] order =
        [
            (nameof(IntakeForm.ApplicantName), _nameInput), (nameof(IntakeForm.ApplicantPhone), _phoneInput),
            (nameof(IntakeForm.ApplicantIdNumber), _idInput), (nameof(IntakeForm.ApplicantAddress), _addressInput),
            (nameof(IntakeForm.ResultPostalAddress), _postalInput),
        ];
        foreach (var (field, input) in order)
        {
            if (!errors.ContainsKey(field) || input?.Element is not { } element) continue;
            try { await element.FocusAsync(); }
            catch (InvalidOperationException) { }
            catch (JSException) { }
            return;
        }
    }

    public void Dispose() => _editContext.OnFieldChanged -= OnFieldChanged;
}
