using Microsoft.AspNetCore.Authorization;
using OneStop.Domain.Reports;

namespace OneStop.Web.Reports;

/// <summary>/reports/monthly/{yyyy-MM}.xlsx and .csv: the same report the page shows (frozen when there is a snapshot, unless ?live=true).</summary>
public static class MonthlyReportEndpoints
{
    public static IEndpointRouteBuilder MapMonthlyReportExports(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/reports/monthly").RequireAuthorization(new AuthorizeAttribute { Roles = MonthlyReportAccess.Roles });
        group.MapGet("/{month}.xlsx", (string month, bool? live, HttpContext http, MonthlyReportStore store, TimeProvider time, CancellationToken ct) =>
            ExportAsync(month, live, http, store, time, "xlsx", MonthlyReportXlsx.ContentType, v => MonthlyReportXlsx.Write(v.Report, v.Frozen), ct));
        group.MapGet("/{month}.csv", (string month, bool? live, HttpContext http, MonthlyReportStore store, TimeProvider time, CancellationToken ct) =>
            ExportAsync(month, live, http, store, time, "csv", MonthlyReportCsv.ContentType, v => MonthlyReportCsv.Write(v.Report), ct));
        return app;
    }

    private static async Task<IResult> ExportAsync(string text, bool? live, HttpContext http, MonthlyReportStore store, TimeProvider time,
        string extension, string contentType, Func<MonthlyReportView, byte[]> write, CancellationToken ct)
    {
        var (allowed, scope) = MonthlyReportAccess.ScopeOf(http.User);
        if (!allowed) return Results.Forbid();
        var error = MonthlyReportAccess.Validate(text, time.GetUtcNow().UtcDateTime, out var month);
        if (error is not null) return Results.Text(error, "text/plain; charset=utf-8", statusCode: StatusCodes.Status400BadRequest);
        var view = await store.GetAsync(month, scope, live == true, ct);
        var suffix = scope is null ? "" : "-" + (view.Report.Departments.FirstOrDefault()?.Key ?? "don-vi");
        return Results.File(write(view), contentType, $"bao-cao-thang-{month.Key}{suffix}.{extension}");
    }
}
