using System.Globalization;
using OneStop.Domain.Calendar;
using OneStop.Domain.Catalog;

namespace OneStop.Web.Components.Pages.Intake;

/// <summary>How the counter and the receipt say things in Vietnamese.</summary>
public static class IntakeText
{
    /// <summary>"12 ngày làm việc", "4 giờ làm việc".</summary>
    public static string Statutory(int amount, TimeUnit unit) =>
        $"{amount} {(unit == TimeUnit.WorkingHours ? "giờ" : "ngày")} làm việc";

    public static string ChannelName(Channel channel) => channel switch
    {
        Channel.Counter => "Trực tiếp",
        Channel.Online => "Trực tuyến",
        _ => "Qua bưu chính",
    };

    public static string DeliveryName(ResultDelivery delivery) =>
        delivery == ResultDelivery.Post ? "Qua bưu chính" : "Tại quầy";

    public static IReadOnlyList<Channel> Allowed(Channels allowed) =>
        Enum.GetValues<Channel>().Where(c => allowed.HasFlag(Flag(c))).ToList();

    /// <summary>"Trực tiếp, Trực tuyến"; "Không nhận hồ sơ" when none.</summary>
    public static string AllowedChannels(Channels allowed)
    {
        var list = Allowed(allowed);
        return list.Count == 0 ? "Không nhận hồ sơ" : string.Join(", ", list.Select(ChannelName));
    }

    public static Channels Flag(Channel c) => c switch
    {
        Channel.Counter => Channels.Counter,
        Channel.Online => Channels.Online,
        _ => Channels.Post,
    };

    public static string Weekday(DayOfWeek day) => day switch
    {
        DayOfWeek.Monday => "Thứ Hai",
        DayOfWeek.Tuesday => "Thứ Ba",
        DayOfWeek.Wednesday => "Thứ Tư",
        DayOfWeek.Thursday => "Thứ Năm",
        DayOfWeek.Friday => "Thứ Sáu",
        DayOfWeek.Saturday => "Thứ Bảy",
        _ => "Chủ Nhật",
    };

    /// <summary>A UTC instant as Vietnam time, dd/MM/yyyy HH:mm.</summary>
    public static string Local(DateTime utc) =>
        WorkingCalendar.ToLocal(utc).ToString("dd/MM/yyyy HH:mm", CultureInfo.InvariantCulture);

    /// <summary>A UTC instant as Vietnam time with the weekday: "Thứ Hai, 30/11/2026 09:00".</summary>
    public static string WithWeekday(DateTime utc) =>
        $"{Weekday(WorkingCalendar.ToLocal(utc).DayOfWeek)}, {Local(utc)}";
}
