using System.Security.Claims;
using OneStop.Domain.Reports;
using OneStop.Domain.Staffing;
using OneStop.Web.Auth;

namespace OneStop.Web.Reports;

/// <summary>Who may see the monthly review, and how much of it.</summary>
public static class MonthlyReportAccess
{
    /// <summary>For [Authorize(Roles = ...)]: the center director, the postal supervisor, admins and department leaders.</summary>
    public const string Roles = "Director,PostalSupervisor,Admin,DepartmentLeader";

    /// <summary>
    /// The department a person's view is restricted to: a department leader sees only their own department's rows
    /// (null scope = the whole center). A leader without a department sees nothing (Allowed false).
    /// </summary>
    public static (bool Allowed, int? Scope) ScopeOf(ClaimsPrincipal user) => user.Role() switch
    {
        StaffRole.Director or StaffRole.PostalSupervisor or StaffRole.Admin => (true, null),
        StaffRole.DepartmentLeader => user.DepartmentOf() is { } d ? (true, d) : (false, null),
        _ => (false, null),
    };

    /// <summary>Checks a month from a URL. Null when fine, else the message naming the field and the rule (in the screen's language; Vietnamese without a culture cookie).</summary>
    public static string? Validate(string? text, DateTime nowUtc, out ReportMonth month)
    {
        if (!ReportMonth.TryParse(text, out month))
            return Domain.UiText.Say($"Tháng: «{text}» không hợp lệ, phải có dạng năm-tháng (yyyy-MM), ví dụ {ReportMonth.Of(nowUtc).Previous.Key}.",
                $"Month: «{text}» is not valid; it must read year-month (yyyy-MM), for example {ReportMonth.Of(nowUtc).Previous.Key}.");
        if (month > ReportMonth.Of(nowUtc))
            return Domain.UiText.Say($"Tháng: {month.Short} chưa bắt đầu, hãy chọn tháng {ReportMonth.Of(nowUtc).Short} hoặc trước đó.",
                $"Month: {month.Short} has not started; choose {ReportMonth.Of(nowUtc).Short} or earlier.");
        return null;
    }
}
