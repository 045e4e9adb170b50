using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.Extensions.Localization;
using OneStop.Domain.Reports;
using OneStop.Web.Reports;

namespace OneStop.Web.Components.Pages.Reports;

/// <summary>The monthly review's state: which month, live or frozen figures, and the tiles it leads with.</summary>
public partial class MonthlyReportPage
{
    [Parameter] public string? Month { get; set; }
    [SupplyParameterFromQuery(Name = "live")] public bool? Live { get; set; }
    [CascadingParameter] private Task<AuthenticationState> AuthState { get; set; } = default!;

    private ReportMonth? _month;
    private string? _picked;
    private MonthlyReportView? _view;
    private string? _error;
    private bool _loading;
    private bool _live;
    private DateTime Now => Time.GetUtcNow().UtcDateTime;

    private sealed record Tile(string Id, FigureKind Kind, Func<IStringLocalizer<ReportsResource>, ReportFigures, string>? Detail = null);

    private static readonly IReadOnlyList<Tile> Tiles =
    [
        new("received", new("TileReceived", f => f.Received),
            (t, f) => t["TileReceivedDetail", ReportFormat.Count(f.ReceivedOnline), ReportFormat.Count(f.ReceivedCounter), ReportFormat.Count(f.ReceivedPost)]),
        new("resolved", new("TileResolved", f => f.Resolved),
            (t, f) => t["TileResolvedDetail", ReportFormat.Count(f.Early), ReportFormat.Count(f.OnTime), ReportFormat.Count(f.Late)]),
        new("on-time", new("TileOnTime", f => f.OnTimeRate, Rate: true)),
        new("in-progress", new("TileInProgress", f => f.InProgress), (t, f) => t["TileInProgressDetail", ReportFormat.Count(f.Overdue)]),
        new("apologies", new("TileApologies", f => f.Apologies), (t, f) => t["TileApologiesDetail", ReportFormat.Count(f.SupplementRequests)]),
        new("post", new("TilePost", f => f.ReturnedByPost)),
        new("time", new("TileTime", f => f.AverageDays, Days: true),
            (t, f) => t["TileTimeDetail", ReportFormat.Days(f.P90Days), ReportFormat.Days(f.StatutoryDays)]),
        new("satisfaction", new("TileSatisfaction", f => f.SatisfactionRate, Rate: true),
            (t, f) => t["TileSatisfactionDetail", ReportFormat.Count(f.Satisfied), ReportFormat.Count(f.SatisfactionResponses)]),
    ];

    /// <summary>The report model stores the unit in Vietnamese (it is exported as is); the screen shows it in its language.</summary>
    private string Unit(string unit) => unit == "giờ làm việc" ? T["UnitWorkingHours"] : T["UnitWorkingDays"];

    protected override async Task OnParametersSetAsync()
    {
        _error = null;
        if (Month is null)
        {
            // The meeting reviews the month that has just ended.
            Nav.NavigateTo($"/reports/monthly/{ReportMonth.Of(Now).Previous.Key}", replace: true);
            return;
        }
        var error = MonthlyReportAccess.Validate(Month, Now, out var month);
        if (error is not null)
        {
            _error = error;
            _month = null;
            _view = null;
            return;
        }
        var (allowed, scope) = MonthlyReportAccess.ScopeOf((await AuthState).User);
        if (!allowed)
        {
            _error = T["NoLeaderDepartment"];
            return;
        }
        _month = month;
        _picked = month.Key;
        _live = Live == true;
        _loading = true;
        try
        {
            _view = await Store.GetAsync(month, scope, _live);
        }
        catch (Exception ex)
        {
            Log.LogError(ex, "Monthly report {Month} failed", month.Key);
            _error = T["ComputeFailed"];
        }
        finally { _loading = false; }
    }

    private DateTime? PickedDate => ReportMonth.TryParse(_picked, out var m) ? new DateTime(m.Year, m.Month, 1) : null;

    private void Go(string? picked)
    {
        if (string.IsNullOrEmpty(picked)) return; // the picker was cleared: stay on the month shown
        Nav.NavigateTo($"/reports/monthly/{picked}");
    }

    private void Shift(int months)
    {
        if (_month is { } m) Nav.NavigateTo($"/reports/monthly/{m.AddMonths(months).Key}");
    }

    private string Link(bool live) => $"/reports/monthly/{_month!.Value.Key}{(live ? "?live=true" : "")}";
    private string Export(string extension) => $"/reports/monthly/{_month!.Value.Key}.{extension}{(_live ? "?live=true" : "")}";
}
