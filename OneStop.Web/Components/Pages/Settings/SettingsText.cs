using OneStop.Domain.Calendar;
using OneStop.Domain.Catalog;

namespace OneStop.Web.Components.Pages.Settings;

/// <summary>Vietnamese words of the settings page.</summary>
public static class SettingsText
{
    public static string StepKind(StepKind k) => k switch
    {
        Domain.Catalog.StepKind.Reception => "Tiếp nhận",
        Domain.Catalog.StepKind.Processing => "Thụ lý",
        Domain.Catalog.StepKind.Approval => "Phê duyệt",
        Domain.Catalog.StepKind.InterAgency => "Liên thông",
        _ => "Trả kết quả",
    };

    public static string DayKind(DayKind k) => k switch
    {
        Domain.Calendar.DayKind.Holiday => "Nghỉ lễ (theo luật)",
        Domain.Calendar.DayKind.CompensatoryDayOff => "Nghỉ bù (theo luật)",
        Domain.Calendar.DayKind.ExtraDayOff => "Nghỉ thêm (điều chỉnh)",
        Domain.Calendar.DayKind.WorkedWeekend => "Làm bù (điều chỉnh)",
        Domain.Calendar.DayKind.Weekend => "Cuối tuần",
        _ => "Ngày làm việc",
    };

    public static string Weekday(DateOnly d) => d.DayOfWeek switch
    {
        DayOfWeek.Monday => "Thứ Hai", DayOfWeek.Tuesday => "Thứ Ba", DayOfWeek.Wednesday => "Thứ Tư", DayOfWeek.Thursday => "Thứ Năm",
        DayOfWeek.Friday => "Thứ Sáu", DayOfWeek.Saturday => "Thứ Bảy", _ => "Chủ nhật",
    };
}
